"""Mail as the use cases see it: a message, its attachments, and its place in
the outbox, where it waits from the commit that caused it until it is sent."""

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class StatusEmail(StrEnum):
    PENDENTE = "pendente"
    ENVIANDO = "enviando"
    ENVIADO = "enviado"


class TipoToken(StrEnum):
    CONFIRMACAO = "confirmacao"
    REDEFINICAO = "redefinicao"


@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str
    content: bytes


@dataclass(frozen=True)
class EmailMessage:
    """One message to one recipient, HTML with its plain-text alternative.

    ``message_id`` is the local part of the ``Message-ID`` header, kept with
    the outbox row so that every retry of one mail carries the same id;
    ``outbox_id`` is that row's id (None for a mail sent outside the outbox).
    """

    to: str
    subject: str
    text: str
    html: str | None = None
    attachments: tuple[Attachment, ...] = ()
    message_id: str | None = None
    outbox_id: int | None = None


@dataclass
class EmailOutbox:
    """A queued mail and the state of its delivery."""

    id: int
    message: EmailMessage
    status: str
    tentativas: int
    proxima_tentativa: datetime
    ultimo_erro: str | None
    enviado_em: datetime | None
    claimed_at: datetime | None
    criado_em: datetime


@dataclass
class TokenConta:
    """A confirmation or reset token; only its hash is ever stored."""

    id: int
    usuario_id: int
    tipo: str
    expira_em: datetime
    usado_em: datetime | None
    revogado_em: datetime | None
    criado_em: datetime


@dataclass(frozen=True)
class ResultadoEnvio:
    """What one run of the sender did."""

    enviados: list[int] = field(default_factory=list)
    falhas: list[int] = field(default_factory=list)
