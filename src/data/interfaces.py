"""The ports the use cases talk to. Infra implements them; tests fake them."""

from collections.abc import Mapping
from datetime import datetime
from typing import Any, Generic, Protocol, TypeVar

from src.domain.email import EmailMessage, EmailOutbox, TokenConta
from src.domain.entities import (
    Consulta,
    Internacao,
    Medicamento,
    Movimentacao,
    PassagemLeito,
    Prescricao,
    Usuario,
)
from src.domain.events import Event
from src.domain.paging import Page, PageRequest

E = TypeVar("E")
E_co = TypeVar("E_co", covariant=True)

Values = Mapping[str, Any]


class Repository(Protocol, Generic[E]):
    """Storage of one kind of record, addressed by integer id.

    ``filters`` carries already-validated query filters by name; each
    repository knows how to apply the names it supports.
    """

    def add(self, values: Values) -> E: ...

    def get(self, id: int) -> E | None: ...

    def lock(self, id: int) -> E | None:
        """``get`` that also holds the row until the transaction ends, so
        concurrent requests about one record take turns."""
        ...

    def exists(self, id: int) -> bool: ...

    def find_by(self, **criteria: Any) -> E | None:
        """The first record whose columns equal the criteria (names ignore
        case and accents), or None."""
        ...

    def list(self, filters: Values, page: PageRequest) -> Page[E]: ...

    def update(self, id: int, values: Values) -> E: ...

    def delete(self, id: int) -> None:
        """Remove the record; raises ``RegistroEmUso`` when others refer to it."""
        ...


class MedicamentoRepository(Repository[Medicamento], Protocol):
    def lock_stock(self, id: int) -> int:
        """The current stock, with the row held until the transaction ends, so
        concurrent movements of one medicamento take turns."""
        ...

    def set_stock(self, id: int, estoque: int) -> None: ...

    def add_movimentacao(self, values: Values) -> Movimentacao: ...

    def list_movimentacoes(
        self, medicamento_id: int, page: PageRequest
    ) -> Page[Movimentacao]: ...

    def get_movimentacao(
        self, medicamento_id: int, movimentacao_id: int
    ) -> Movimentacao | None: ...


class UsuarioRepository(Repository[Usuario], Protocol):
    def password_hash(self, id: int) -> str | None: ...

    def set_password(self, id: int, password_hash: str) -> None:
        """Store a new hash and end every session opened before it."""
        ...

    def count(self) -> int: ...


class ConsultaRepository(Repository[Consulta], Protocol):
    def overlaps(
        self,
        column: str,
        value: int,
        inicio: datetime,
        fim: datetime,
        exclude_id: int | None,
    ) -> bool:
        """Whether an ``agendada`` consulta with ``column == value`` overlaps
        the half-open interval [inicio, fim)."""
        ...


class PrescricaoRepository(Repository[Prescricao], Protocol):
    """``add`` takes the ``itens`` list along with the prescricao."""


class InternacaoRepository(Repository[Internacao], Protocol):
    def bed_used_after(
        self, leito_id: int, instant: datetime, exclude_internacao_id: int | None
    ) -> bool:
        """Whether any stay used the bed at or after ``instant``."""
        ...

    def patient_stay_after(
        self, paciente_id: int, instant: datetime, exclude_id: int | None
    ) -> bool:
        """Whether the patient has a stay still open or ending after ``instant``."""
        ...

    def passagens(self, internacao_id: int) -> list[PassagemLeito]: ...

    def open_passagem(
        self, internacao_id: int, leito_id: int, setor_id: int, inicio: datetime
    ) -> None: ...

    def close_passagem(self, internacao_id: int, fim: datetime) -> None: ...


class EventPublisher(Protocol):
    def publish(self, event: Event) -> None:
        """Deliver to every subscriber; a failing subscriber is logged, and
        neither stops the others nor reaches the publisher."""
        ...


class UnitOfWork(Protocol):
    """One transaction. Leaving the block without ``commit()`` rolls back."""

    especialidades: Repository[Any]
    medicos: Repository[Any]
    convenios: Repository[Any]
    pacientes: Repository[Any]
    enderecos: Repository[Any]
    setores: Repository[Any]
    leitos: Repository[Any]
    medicamentos: MedicamentoRepository
    usuarios: UsuarioRepository
    consultas: ConsultaRepository
    exames: Repository[Any]
    prescricoes: PrescricaoRepository
    internacoes: InternacaoRepository
    lancamentos: Repository[Any]
    outbox: "OutboxRepository"
    tokens_conta: "TokenContaRepository"

    def publish(self, event: Event) -> None:
        """Queue an event; it is delivered only once ``commit()`` succeeds."""
        ...

    def __enter__(self) -> "UnitOfWork": ...

    def __exit__(self, *exc: object) -> None: ...

    def commit(self) -> None: ...

    def rollback(self) -> None: ...


class UnitOfWorkFactory(Protocol):
    def __call__(self) -> UnitOfWork: ...


class Clock(Protocol):
    def now(self) -> datetime:
        """The current instant, timezone-aware."""
        ...


class PasswordHasher(Protocol):
    def hash(self, password: str) -> str: ...

    def verify(self, password_hash: str, password: str) -> bool: ...


class TokenService(Protocol):
    def issue(self, user_id: int, session_version: int) -> tuple[str, int]:
        """A signed access token and its lifetime in seconds."""
        ...

    def read(self, token: str) -> tuple[int, int]:
        """(user id, session version) of a valid token; ``NaoAutenticado`` else."""
        ...


class OutboxRepository(Protocol):
    """Mail waiting to be sent, stored in the transaction that caused it."""

    def add(self, message: EmailMessage, now: datetime) -> EmailOutbox:
        """Queue the message, due at once; its Message-ID is fixed here."""
        ...

    def get(self, id: int) -> EmailOutbox | None: ...

    def due(self, now: datetime, stale_before: datetime, limit: int) -> list[int]:
        """Ids of the mails to try now, oldest first: pending and due, or
        claimed before ``stale_before`` by a sender that never finished."""
        ...

    def claim(self, id: int, now: datetime, stale_before: datetime) -> bool:
        """Take the mail for this sender in one conditional update, counting
        the attempt; False when it is not due or another sender has it."""
        ...

    def mark_sent(self, id: int, now: datetime) -> None: ...

    def mark_failed(
        self, id: int, claimed_at: datetime, error: str, retry_at: datetime
    ) -> None:
        """Back to pending, due at ``retry_at``, unless another sender has
        claimed the mail since ``claimed_at``."""
        ...


class TokenContaRepository(Protocol):
    """Confirmation and reset tokens, found by the hash of their value."""

    def add(
        self,
        usuario_id: int,
        tipo: str,
        token_hash: str,
        expira_em: datetime,
        now: datetime,
    ) -> TokenConta: ...

    def find(self, token_hash: str) -> TokenConta | None: ...

    def revoke_open(self, usuario_id: int, tipo: str, now: datetime) -> int:
        """Void every unused token of the kind the user holds; how many."""
        ...

    def use(self, id: int, now: datetime) -> bool:
        """Spend the token if it is still unused, unrevoked and unexpired;
        False when it is not (or a concurrent request spent it first)."""
        ...


class SMTPServiceInterface(Protocol):
    def send(self, message: EmailMessage) -> None:
        """Hand the message to the mail server; ``EmailNaoEnviado`` when it
        does not take it."""
        ...


class MailTemplates(Protocol):
    def render(self, name: str, context: Mapping[str, Any]) -> tuple[str, str, str]:
        """(subject, text, html) of the named template filled with ``context``."""
        ...
