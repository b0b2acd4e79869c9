"""Mail that is never lost: queued in the transaction that causes it, sent
after the commit, retried until the server takes it (RF16, NFR11).

``Correio`` puts a rendered message in the caller's outbox; the row commits
or rolls back with the change it belongs to. ``EnviarEmailsPendentes`` then
takes the due rows one by one, each with a conditional update that only one
sender can win, so several processes may run it side by side without sending
a mail twice.
"""

import logging
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from typing import Any

from src.data.interfaces import (
    Clock,
    MailTemplates,
    SMTPServiceInterface,
    UnitOfWork,
    UnitOfWorkFactory,
)
from src.domain.email import Attachment, EmailMessage, EmailOutbox, ResultadoEnvio
from src.domain.errors import EmailNaoEnviado
from src.domain.events import EmailEnfileirado

log = logging.getLogger("hospital.email")

CLAIM_TIMEOUT = timedelta(minutes=10)
"""A claim older than this belongs to a sender that died mid-send."""
FIRST_RETRY_SECONDS = 5
MAX_RETRY_SECONDS = 60
MAX_ERROR_LENGTH = 500


def retry_delay(tentativas: int) -> timedelta:
    """5 s after the first failure, doubling, never more than a minute."""
    doublings = min(max(tentativas - 1, 0), 8)
    return timedelta(seconds=min(MAX_RETRY_SECONDS, FIRST_RETRY_SECONDS * 2**doublings))


def mask_email(address: str) -> str:
    """``joana@hospital.com`` as ``j***@hospital.com``, fit for a log line."""
    local, at, domain = address.partition("@")
    if not at:
        return "***"
    return f"{local[:1]}***@{domain}"


class Correio:
    """Queues mail in the caller's transaction; nothing is sent from here."""

    def __init__(self, templates: MailTemplates, clock: Clock) -> None:
        self._templates = templates
        self._clock = clock

    def enfileirar(
        self,
        uow: UnitOfWork,
        template: str,
        to: str,
        context: Mapping[str, Any],
        attachments: Iterable[Attachment] = (),
    ) -> EmailOutbox:
        """Render ``template`` for ``to`` and store it in ``uow``'s outbox.

        The sender is woken once the transaction commits.
        """
        subject, text, html = self._templates.render(template, context)
        message = EmailMessage(to, subject, text, html, tuple(attachments))
        queued = uow.outbox.add(message, self._clock.now())
        uow.publish(EmailEnfileirado(queued.id))
        return queued


class EnviarEmailsPendentes:
    """Sends every due mail of the outbox once; run it as often as you like."""

    def __init__(
        self,
        uow_factory: UnitOfWorkFactory,
        smtp: SMTPServiceInterface,
        clock: Clock,
    ) -> None:
        self._uow_factory = uow_factory
        self._smtp = smtp
        self._clock = clock

    def executar(self, limite: int = 100) -> ResultadoEnvio:
        now = self._clock.now()
        with self._uow_factory() as uow:
            due = uow.outbox.due(now, now - CLAIM_TIMEOUT, limite)

        result = ResultadoEnvio()
        for outbox_id in due:
            sent = self._enviar(outbox_id)
            if sent is True:
                result.enviados.append(outbox_id)
            elif sent is False:
                result.falhas.append(outbox_id)
        return result

    def _enviar(self, outbox_id: int) -> bool | None:
        """True when sent, False when it failed, None when another sender
        took it first or it is no longer due."""
        claimed_at = self._clock.now()
        with self._uow_factory() as uow:
            if not uow.outbox.claim(outbox_id, claimed_at, claimed_at - CLAIM_TIMEOUT):
                return None
            mail = uow.outbox.get(outbox_id)
            uow.commit()
        assert mail is not None, "a claimed mail is always there"

        try:
            self._smtp.send(mail.message)
        except EmailNaoEnviado as exc:
            self._falhou(mail, claimed_at, exc.message)
            return False
        except Exception as exc:
            # Whatever breaks while sending, the mail must stay queued.
            log.exception("email_send_error", extra={"outbox_id": outbox_id})
            self._falhou(mail, claimed_at, type(exc).__name__)
            return False

        with self._uow_factory() as uow:
            uow.outbox.mark_sent(outbox_id, self._clock.now())
            uow.commit()
        log.info("email_sent", extra=self._log_fields(mail, "sent"))
        return True

    def _falhou(self, mail: EmailOutbox, claimed_at: datetime, error: str) -> None:
        address = mail.message.to
        error = error.replace(address, mask_email(address))[:MAX_ERROR_LENGTH]
        retry_at = self._clock.now() + retry_delay(mail.tentativas)
        with self._uow_factory() as uow:
            uow.outbox.mark_failed(mail.id, claimed_at, error, retry_at)
            uow.commit()
        log.warning(
            "email_failed",
            extra={
                **self._log_fields(mail, "failed"),
                "error": error,
                "retry_at": retry_at.isoformat(timespec="seconds"),
            },
        )

    @staticmethod
    def _log_fields(mail: EmailOutbox, outcome: str) -> dict[str, Any]:
        return {
            "outbox_id": mail.id,
            "attempt": mail.tentativas,
            "outcome": outcome,
            "to": mask_email(mail.message.to),
        }
