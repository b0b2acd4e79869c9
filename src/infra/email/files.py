"""The mail port without a mail server: each message becomes an ``.eml`` file."""

import os
from pathlib import Path

from src.domain.email import EmailMessage
from src.domain.errors import EmailNaoEnviado
from src.infra.email.mime import build_mime


class FileEmailService:
    """Writes ``<outbox id>.eml`` into ``directory``, readable as it is and
    openable by any mail client. Writing one again replaces it, so a retried
    mail is still one file."""

    def __init__(self, directory: Path, from_address: str, from_name: str) -> None:
        self._directory = directory
        self._from_address = from_address
        self._from_name = from_name

    def send(self, message: EmailMessage) -> None:
        mime = build_mime(message, self._from_address, self._from_name, cte="8bit")
        name = str(message.outbox_id) if message.outbox_id else message.message_id
        if not name:
            raise EmailNaoEnviado("a mail outside the outbox needs a message_id")
        try:
            self._directory.mkdir(parents=True, exist_ok=True)
            target = self._directory / f"{name}.eml"
            partial = target.with_suffix(".eml.part")
            partial.write_bytes(mime.as_bytes())
            os.replace(partial, target)
        except OSError as exc:
            raise EmailNaoEnviado(f"{type(exc).__name__}: {exc.strerror}") from exc
