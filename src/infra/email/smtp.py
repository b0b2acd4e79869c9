"""The mail port on the standard library's ``smtplib``."""

import smtplib
import ssl
from dataclasses import dataclass

from src.domain.email import EmailMessage
from src.domain.errors import EmailNaoEnviado
from src.infra.email.mime import build_mime


@dataclass(frozen=True)
class SmtpConfig:
    """How to reach the mail server (the ``MAIL_*`` settings)."""

    host: str
    port: int = 587
    username: str | None = None
    password: str | None = None
    use_tls: bool = True
    """STARTTLS after connecting (port 587)."""
    use_ssl: bool = False
    """TLS from the first byte (port 465); wins over ``use_tls``."""
    timeout: float = 10.0
    from_address: str = "nao-responda@hospital.local"
    from_name: str = "Hospital"


class SMTPEmailService:
    """One connection per message: the outbox sends a handful a minute, and a
    fresh connection never inherits a broken one."""

    def __init__(self, config: SmtpConfig) -> None:
        self._config = config

    def send(self, message: EmailMessage) -> None:
        config = self._config
        mime = build_mime(message, config.from_address, config.from_name)
        try:
            with self._connect() as server:
                if config.username:
                    server.login(config.username, config.password or "")
                server.send_message(
                    mime, from_addr=config.from_address, to_addrs=[message.to]
                )
        except (smtplib.SMTPException, OSError) as exc:
            raise EmailNaoEnviado(_describe(exc)) from exc

    def _connect(self) -> smtplib.SMTP:
        config = self._config
        if config.use_ssl:
            return smtplib.SMTP_SSL(
                config.host,
                config.port,
                timeout=config.timeout,
                context=ssl.create_default_context(),
            )
        server = smtplib.SMTP(config.host, config.port, timeout=config.timeout)
        try:
            if config.use_tls:
                server.starttls(context=ssl.create_default_context())
        except BaseException:
            server.close()
            raise
        return server


def _describe(exc: Exception) -> str:
    """The failure without the server's free text, which may quote the
    recipient's address."""
    name = type(exc).__name__
    if isinstance(exc, smtplib.SMTPResponseException):
        return f"{name}: {exc.smtp_code}"
    if isinstance(exc, OSError) and exc.strerror:
        return f"{name}: {exc.strerror}"
    return name
