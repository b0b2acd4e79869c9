"""What happened, as the rest of the hospital hears it (RF23).

Events are published after the transaction that caused them commits. Each has
a dotted ``name`` that subscribers, logs and webhooks use.
"""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import ClassVar


@dataclass(frozen=True)
class Event:
    name: ClassVar[str] = "event"


@dataclass(frozen=True)
class LeitoLiberado(Event):
    name: ClassVar[str] = "leito.liberado"
    leito_id: int
    setor_id: int
    internacao_id: int
    em: datetime


@dataclass(frozen=True)
class InternacaoAberta(Event):
    name: ClassVar[str] = "internacao.aberta"
    internacao_id: int
    paciente_id: int
    leito_id: int
    setor_id: int
    em: datetime


@dataclass(frozen=True)
class InternacaoAlta(Event):
    name: ClassVar[str] = "internacao.alta"
    internacao_id: int
    paciente_id: int
    motivo_alta: str
    em: datetime


@dataclass(frozen=True)
class LancamentoCriado(Event):
    name: ClassVar[str] = "lancamento.criado"
    lancamento_id: int
    tipo: str
    valor: Decimal
    convenio_id: int | None


@dataclass(frozen=True)
class EmailEnfileirado(Event):
    """A mail waits in the outbox; the sender may go and send it."""

    name: ClassVar[str] = "email.enfileirado"
    outbox_id: int
