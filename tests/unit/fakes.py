"""In-memory fakes of the ports in ``src/data/interfaces.py``, for use-case tests.

A ``FakeDatabase`` holds the committed rows of every table. Each unit of work
it opens works on a copy of them and swaps the copy in on ``commit()``, so
leaving the block without committing discards every change, as a rolled-back
transaction would.

The repositories behave as the SQL ones do where a use case can tell: ``nome``
filters and ``find_by(nome=...)`` fold case and accents, lists are ordered by
id, values that must be unique or ids that must exist are checked as the
database's constraints would be, and deleting a row others refer to raises
``RegistroEmUso``.

Adding a plain repository is one entry in ``TABLES``; one with verbs of its own
also names its class in ``REPOSITORIES``.
"""

import copy
import dataclasses
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, Generic, TypeVar

from src.domain import entities
from src.domain.email import EmailMessage, EmailOutbox, StatusEmail, TokenConta
from src.domain.errors import (
    EmailNaoEnviado,
    NaoAutenticado,
    RegistroDuplicado,
    RegistroEmUso,
)
from src.domain.events import Event
from src.domain.paging import Page, PageRequest
from src.domain.text import normalizar_busca

E = TypeVar("E")

Row = dict[str, Any]
Predicate = Callable[[Row, Any], bool]

DUPLICATE = "conflicts with an existing record"
IN_USE = "other records refer to it; nothing was deleted"


def equals(column: str) -> Predicate:
    return lambda row, value: row[column] == value


def contains_folded(column: str) -> Predicate:
    return lambda row, value: normalizar_busca(value) in normalizar_busca(row[column])


def includes(column: str) -> Predicate:
    """The row's list column holds the value (a many-to-many link)."""
    return lambda row, value: value in row[column]


@dataclass
class Store:
    """Rows by table name, then by id, and the last id each table handed out."""

    rows: dict[str, dict[int, Row]] = field(default_factory=dict)
    last_ids: dict[str, int] = field(default_factory=dict)

    def table(self, name: str) -> dict[int, Row]:
        return self.rows.setdefault(name, {})

    def next_id(self, name: str) -> int:
        self.last_ids[name] = self.last_ids.get(name, 0) + 1
        return self.last_ids[name]

    def copy(self) -> "Store":
        return copy.deepcopy(self)


Derived = Callable[[Store, Row], Any]


@dataclass(frozen=True)
class Table:
    """How one table behaves: the entity its rows become and its constraints.

    ``restrict`` and ``cascade`` map a column to the table it refers to; a
    referred row cannot be deleted while a ``restrict`` reference to it
    exists, and deleting it deletes the rows that ``cascade`` from it.
    ``derived`` computes entity fields that are not stored (counts, nested
    records); ``columns`` are stored without being on the entity.
    """

    entity: type[Any]
    filters: Mapping[str, Predicate] = field(default_factory=dict)
    defaults: Mapping[str, Any] = field(default_factory=dict)
    unique: Sequence[tuple[str, ...]] = ()
    restrict: Mapping[str, str] = field(default_factory=dict)
    cascade: Mapping[str, str] = field(default_factory=dict)
    derived: Mapping[str, Derived] = field(default_factory=dict)
    columns: Sequence[str] = ()
    on_unit_of_work: bool = True

    @property
    def references(self) -> dict[str, str]:
        return {**self.restrict, **self.cascade}

    @property
    def stored(self) -> list[str]:
        fields = [f.name for f in dataclasses.fields(self.entity)]
        return [n for n in fields if n not in self.derived] + list(self.columns)


def to_entity(store: Store, name: str, row: Row) -> Any:
    table = TABLES[name]
    values = {n: copy.deepcopy(row[n]) for n in table.stored if n not in table.columns}
    values.update({n: derive(store, row) for n, derive in table.derived.items()})
    return table.entity(**values)


def _children(store: Store, table: str, column: str, parent_id: int) -> list[Any]:
    rows = store.table(table).values()
    found = [r for r in rows if r[column] == parent_id]
    return [to_entity(store, table, r) for r in sorted(found, key=lambda r: r["id"])]


def _especialidades(store: Store, row: Row) -> list[entities.EspecialidadeResumo]:
    linked = store.table("especialidades")
    return [
        entities.EspecialidadeResumo(i, linked[i]["nome"])
        for i in sorted(row["especialidade_ids"])
        if i in linked
    ]


def _leitos(store: Store, setor_id: int, status: str | None = None) -> int:
    return sum(
        1
        for leito in store.table("leitos").values()
        if leito["setor_id"] == setor_id and status in (None, leito["status"])
    )


def _below_minimum(row: Row, value: bool) -> bool:
    return (row["estoque_atual"] < row["estoque_minimo"]) is value


NOME = {"nome": contains_folded("nome")}

TABLES: dict[str, Table] = {
    "especialidades": Table(entities.Especialidade, NOME, unique=[("nome",)]),
    "medicos": Table(
        entities.Medico,
        {
            **NOME,
            "crm": equals("crm"),
            "especialidade_id": includes("especialidade_ids"),
        },
        defaults={"especialidade_ids": []},
        unique=[("crm", "uf_crm")],
        restrict={"especialidade_ids": "especialidades"},
        derived={"especialidades": _especialidades},
        columns=["especialidade_ids"],
    ),
    "convenios": Table(
        entities.Convenio,
        {**NOME, "ativo": equals("ativo")},
        defaults={"prazo_pagamento_dias": 30, "ativo": True},
        unique=[("nome",)],
    ),
    "pacientes": Table(
        entities.Paciente,
        {**NOME, "cpf": equals("cpf"), "convenio_id": equals("convenio_id")},
        unique=[("cpf",)],
        restrict={"convenio_id": "convenios"},
        derived={
            "enderecos": lambda s, r: _children(s, "enderecos", "paciente_id", r["id"])
        },
    ),
    "enderecos": Table(
        entities.Endereco,
        {"paciente_id": equals("paciente_id"), "principal": equals("principal")},
        defaults={"principal": False},
        cascade={"paciente_id": "pacientes"},
    ),
    "setores": Table(
        entities.Setor,
        {**NOME, "tipo": equals("tipo")},
        defaults={"tipo": "enfermaria"},
        unique=[("nome",)],
        derived={
            "total_leitos": lambda s, r: _leitos(s, r["id"]),
            "leitos_livres": lambda s, r: _leitos(s, r["id"], "livre"),
        },
    ),
    "leitos": Table(
        entities.Leito,
        {n: equals(n) for n in ("setor_id", "status", "tipo")},
        defaults={"tipo": "enfermaria", "status": "livre"},
        unique=[("setor_id", "codigo")],
        restrict={"setor_id": "setores"},
    ),
    "medicamentos": Table(
        entities.Medicamento,
        {**NOME, "abaixo_minimo": _below_minimum},
        defaults={"unidade": "unidade", "estoque_atual": 0, "estoque_minimo": 0},
    ),
    "movimentacoes": Table(
        entities.Movimentacao,
        {"medicamento_id": equals("medicamento_id")},
        restrict={"medicamento_id": "medicamentos", "usuario_id": "usuarios"},
        on_unit_of_work=False,
    ),
    "usuarios": Table(
        entities.Usuario,
        {**NOME, "papel": equals("papel"), "ativo": equals("ativo")},
        defaults={"ativo": True, "email_confirmado": False, "versao_sessao": 0},
        unique=[("email",)],
        columns=["senha_hash"],
    ),
}


class FakeRepository(Generic[E]):
    """A ``Repository`` over one table of the unit of work's store."""

    def __init__(self, uow: "FakeUnitOfWork", name: str) -> None:
        self._uow = uow
        self._name = name
        self._table = TABLES[name]

    @property
    def _rows(self) -> dict[int, Row]:
        return self._uow.store.table(self._name)

    def add(self, values: Mapping[str, Any]) -> E:
        row: Row = dict.fromkeys(self._table.stored)
        row.update(copy.deepcopy(dict(self._table.defaults)))
        row.update(self._checked(values))
        now = self._uow.clock.now()
        for stamp in ("criado_em", "atualizado_em"):
            if stamp in row:
                row[stamp] = now

        row["id"] = self._uow.store.next_id(self._name)
        return self._save(row)

    def get(self, id: int) -> E | None:
        row = self._rows.get(id)
        return None if row is None else self._entity(row)

    def lock(self, id: int) -> E | None:
        """A fake transaction is alone in the world: nothing to wait for."""
        return self.get(id)

    def exists(self, id: int) -> bool:
        return id in self._rows

    def find_by(self, **criteria: Any) -> E | None:
        for row in self._ordered():
            if all(self._same(row, n, v) for n, v in criteria.items()):
                return self._entity(row)
        return None

    def list(self, filters: Mapping[str, Any], page: PageRequest) -> Page[E]:
        rows = [
            row
            for row in self._ordered()
            if all(self._table.filters[n](row, v) for n, v in filters.items())
        ]
        shown = rows[page.offset : page.offset + page.per_page]
        return Page([self._entity(r) for r in shown], len(rows), page)

    def update(self, id: int, values: Mapping[str, Any]) -> E:
        assert id in self._rows, "update of a record the use case did not find"
        row = {**copy.deepcopy(self._rows[id]), **self._checked(values)}
        if "atualizado_em" in row:
            row["atualizado_em"] = self._uow.clock.now()
        return self._save(row)

    def delete(self, id: int) -> None:
        assert id in self._rows, "delete of a record the use case did not find"
        doomed = self._with_cascade(self._name, id)
        if self._still_referred(doomed):
            raise RegistroEmUso(IN_USE)

        for name, row_id in doomed:
            del self._uow.store.table(name)[row_id]

    def _still_referred(self, doomed: set[tuple[str, int]]) -> bool:
        """Whether a row that stays has a ``restrict`` reference to one that goes."""
        for name, table in TABLES.items():
            for row in self._uow.store.table(name).values():
                refs = {
                    (target, ref)
                    for column, target in table.restrict.items()
                    for ref in _ids(row.get(column))
                }
                if (name, row["id"]) not in doomed and refs & doomed:
                    return True
        return False

    def _with_cascade(self, name: str, id: int) -> set[tuple[str, int]]:
        doomed = {(name, id)}
        for child, table in TABLES.items():
            for column, target in table.cascade.items():
                if target != name:
                    continue
                for row in list(self._uow.store.table(child).values()):
                    if row[column] == id:
                        doomed |= self._with_cascade(child, row["id"])
        return doomed

    def _checked(self, values: Mapping[str, Any]) -> Row:
        unknown = set(values) - set(self._table.stored) - {"id"}
        assert not unknown, f"{self._name} has no columns {sorted(unknown)}"
        return copy.deepcopy(dict(values))

    def _save(self, row: Row) -> E:
        """Store the row if the database's constraints would let it in."""
        for column, target in self._table.references.items():
            value = row.get(column)
            existing = self._uow.store.table(target)
            if isinstance(value, list):
                # The SQL repository links only the ids that exist.
                row[column] = [i for i in value if i in existing]
            elif value is not None and value not in existing:
                raise RegistroDuplicado(DUPLICATE)
        for columns in self._table.unique:
            if any(row[c] is None for c in columns):
                continue
            for other in self._rows.values():
                if other["id"] != row["id"] and all(
                    self._same(other, c, row[c]) for c in columns
                ):
                    raise RegistroDuplicado(DUPLICATE)

        self._rows[row["id"]] = row
        return self._entity(row)

    @staticmethod
    def _same(row: Row, column: str, value: Any) -> bool:
        if column == "nome" and isinstance(value, str):
            return normalizar_busca(row[column]) == normalizar_busca(value)
        return bool(row[column] == value)

    def _ordered(self) -> Iterator[Row]:
        return (self._rows[i] for i in sorted(self._rows))

    def _entity(self, row: Row) -> E:
        entity: E = to_entity(self._uow.store, self._name, row)
        return entity


def _ids(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


class FakeMedicamentoRepository(FakeRepository[entities.Medicamento]):
    def lock_stock(self, id: int) -> int:
        assert id in self._rows, "stock of a medicamento the use case did not find"
        estoque: int = self._rows[id]["estoque_atual"]
        return estoque

    def set_stock(self, id: int, estoque: int) -> None:
        self._rows[id]["estoque_atual"] = estoque

    def add_movimentacao(self, values: Mapping[str, Any]) -> entities.Movimentacao:
        return self._movimentacoes.add(values)

    def list_movimentacoes(
        self, medicamento_id: int, page: PageRequest
    ) -> Page[entities.Movimentacao]:
        return self._movimentacoes.list({"medicamento_id": medicamento_id}, page)

    def get_movimentacao(
        self, medicamento_id: int, movimentacao_id: int
    ) -> entities.Movimentacao | None:
        found = self._movimentacoes.get(movimentacao_id)
        if found is None or found.medicamento_id != medicamento_id:
            return None
        return found

    @property
    def _movimentacoes(self) -> FakeRepository[entities.Movimentacao]:
        return FakeRepository(self._uow, "movimentacoes")


class FakeUsuarioRepository(FakeRepository[entities.Usuario]):
    def password_hash(self, id: int) -> str | None:
        row = self._rows.get(id)
        return None if row is None else row["senha_hash"]

    def set_password(self, id: int, password_hash: str) -> None:
        row = self._rows[id]
        row["senha_hash"] = password_hash
        row["versao_sessao"] += 1

    def count(self) -> int:
        return len(self._rows)


REPOSITORIES: dict[str, type[FakeRepository[Any]]] = {
    "medicamentos": FakeMedicamentoRepository,
    "usuarios": FakeUsuarioRepository,
}


class FixedClock:
    """A clock that stands still until a test moves it."""

    def __init__(self, now: datetime | None = None) -> None:
        self.current = now or datetime(2026, 3, 1, 15, 0, tzinfo=UTC)

    def now(self) -> datetime:
        return self.current

    def advance(self, **delta: float) -> None:
        self.current += timedelta(**delta)


class FakeUnitOfWork:
    """A ``UnitOfWork`` over a copy of the database's committed rows.

    Every table of ``TABLES`` meant for the unit of work is an attribute.
    Published events wait in ``pending`` and reach ``database.published``
    only on commit, as the SQL unit of work hands them to its publisher.
    """

    def __init__(self, database: "FakeDatabase") -> None:
        self._database = database
        self.clock = database.clock
        self.committed = False
        self.store = database.store.copy()
        self.pending: list[Event] = []
        for name, table in TABLES.items():
            if table.on_unit_of_work:
                kind = REPOSITORIES.get(name, FakeRepository)
                setattr(self, name, kind(self, name))

    def __enter__(self) -> "FakeUnitOfWork":
        self.store = self._database.store.copy()
        return self

    def __exit__(self, *exc: object) -> None:
        self.rollback()

    def publish(self, event: Event) -> None:
        self.pending.append(event)

    def commit(self) -> None:
        self._database.store = self.store.copy()
        self.committed = True
        self._database.published.extend(self.pending)
        self.pending = []

    def rollback(self) -> None:
        self.store = self._database.store.copy()
        self.pending = []


class FakeDatabase:
    """The committed rows, and the ``UnitOfWorkFactory`` over them: calling it
    opens a unit of work, as a use case calls its ``uow_factory``."""

    def __init__(self, clock: FixedClock | None = None) -> None:
        self.clock = clock or FixedClock()
        self.store = Store()
        self.units: list[FakeUnitOfWork] = []
        self.published: list[Event] = []

    def __call__(self) -> FakeUnitOfWork:
        uow = FakeUnitOfWork(self)
        self.units.append(uow)
        return uow

    @property
    def last(self) -> FakeUnitOfWork:
        """The unit of work opened most recently, to see whether it committed."""
        return self.units[-1]

    def add(self, repository: str, **values: Any) -> Any:
        """Store a record as a committed fact a test starts from."""
        with self() as uow:
            created = getattr(uow, repository).add(values)
            uow.commit()
        return created

    def get(self, repository: str, id: int) -> Any:
        with self() as uow:
            return getattr(uow, repository).get(id)

    def all(self, repository: str) -> list[Any]:
        with self() as uow:
            page = getattr(uow, repository).list({}, PageRequest(1, 10_000))
            items: list[Any] = page.items
            return items


class FakePasswordHasher:
    """Readable and instant; ``hash`` is deterministic, so tests can compare."""

    def hash(self, password: str) -> str:
        return f"hashed:{password}"

    def verify(self, password_hash: str, password: str) -> bool:
        return password_hash == self.hash(password)


class FakeTokenService:
    """Tokens that spell out the user id and session version they carry."""

    lifetime = 3600

    def issue(self, user_id: int, session_version: int) -> tuple[str, int]:
        return f"token:{user_id}:{session_version}", self.lifetime

    def read(self, token: str) -> tuple[int, int]:
        kind, _, rest = token.partition(":")
        user_id, _, version = rest.partition(":")
        if kind != "token" or not user_id.isdigit() or not version.isdigit():
            raise NaoAutenticado("invalid token")
        return int(user_id), int(version)


# --- Mail: the outbox, account tokens and the mail ports (issue 4) ----------


def _claimable(row: Row, now: datetime, stale_before: datetime) -> bool:
    """What the SQL outbox's conditional UPDATE matches."""
    if row["status"] == StatusEmail.PENDENTE:
        return bool(row["proxima_tentativa"] <= now)
    claimed_at = row["claimed_at"]
    return row["status"] == StatusEmail.ENVIANDO and claimed_at < stale_before


class FakeOutboxRepository(FakeRepository[EmailOutbox]):
    """An ``OutboxRepository``; ``claim`` is a compare-and-set on the unit of
    work's copy, as the SQL one is a conditional UPDATE."""

    def add(self, message: EmailMessage, now: datetime) -> EmailOutbox:  # type: ignore[override]
        id = self._uow.store.next_id(self._name)
        self._rows[id] = {
            "id": id,
            "message": dataclasses.replace(
                message, message_id=message.message_id or f"fake-{id}", outbox_id=id
            ),
            "status": StatusEmail.PENDENTE.value,
            "tentativas": 0,
            "proxima_tentativa": now,
            "ultimo_erro": None,
            "enviado_em": None,
            "claimed_at": None,
            "criado_em": now,
        }
        return self._entity(self._rows[id])

    def due(self, now: datetime, stale_before: datetime, limit: int) -> list[int]:
        found = [r["id"] for r in self._ordered() if _claimable(r, now, stale_before)]
        return found[:limit]

    def claim(self, id: int, now: datetime, stale_before: datetime) -> bool:
        row = self._rows.get(id)
        if row is None or not _claimable(row, now, stale_before):
            return False

        row.update(
            status=StatusEmail.ENVIANDO.value,
            claimed_at=now,
            tentativas=row["tentativas"] + 1,
        )
        return True

    def mark_sent(self, id: int, now: datetime) -> None:
        self._rows[id].update(
            status=StatusEmail.ENVIADO.value, enviado_em=now, ultimo_erro=None
        )

    def mark_failed(
        self, id: int, claimed_at: datetime, error: str, retry_at: datetime
    ) -> None:
        row = self._rows[id]
        if row["status"] == StatusEmail.ENVIANDO and row["claimed_at"] == claimed_at:
            row.update(
                status=StatusEmail.PENDENTE.value,
                proxima_tentativa=retry_at,
                ultimo_erro=error,
                claimed_at=None,
            )


class FakeTokenContaRepository(FakeRepository[TokenConta]):
    """A ``TokenContaRepository``; rows keep ``token_hash`` beside the entity."""

    def add(  # type: ignore[override]
        self,
        usuario_id: int,
        tipo: str,
        token_hash: str,
        expira_em: datetime,
        now: datetime,
    ) -> TokenConta:
        created: TokenConta = super().add(
            {
                "usuario_id": usuario_id,
                "tipo": tipo,
                "token_hash": token_hash,
                "expira_em": expira_em,
                "usado_em": None,
                "revogado_em": None,
            }
        )
        self._rows[created.id]["criado_em"] = now
        return self._entity(self._rows[created.id])

    def find(self, token_hash: str) -> TokenConta | None:
        return self.find_by(token_hash=token_hash)

    def revoke_open(self, usuario_id: int, tipo: str, now: datetime) -> int:
        open_rows = [
            row
            for row in self._rows.values()
            if (row["usuario_id"], row["tipo"]) == (usuario_id, tipo)
            and row["usado_em"] is None
            and row["revogado_em"] is None
        ]
        for row in open_rows:
            row["revogado_em"] = now
        return len(open_rows)

    def use(self, id: int, now: datetime) -> bool:
        row = self._rows.get(id)
        if row is None or row["usado_em"] or row["revogado_em"]:
            return False
        if row["expira_em"] <= now:
            return False

        row["usado_em"] = now
        return True

    def hashes(self) -> list[str]:
        """Every stored hash, for tests that look for a token in clear."""
        return [row["token_hash"] for row in self._ordered()]


TABLES["outbox"] = Table(EmailOutbox)
TABLES["tokens_conta"] = Table(
    TokenConta,
    {"usuario_id": equals("usuario_id"), "tipo": equals("tipo")},
    unique=[("token_hash",)],
    cascade={"usuario_id": "usuarios"},
    columns=["token_hash"],
)
REPOSITORIES["outbox"] = FakeOutboxRepository
REPOSITORIES["tokens_conta"] = FakeTokenContaRepository


class SpySMTPService:
    """An ``SMTPServiceInterface`` that keeps what it is given in ``sent``.

    While ``down`` is set, or for the next ``failures`` sends, it refuses each
    message as an unreachable server would.
    """

    ERROR = "ConnectionRefusedError: Connection refused"

    def __init__(self) -> None:
        self.sent: list[EmailMessage] = []
        self.down = False
        self.failures = 0

    def send(self, message: EmailMessage) -> None:
        if self.down or self.failures:
            self.failures = max(self.failures - 1, 0)
            raise EmailNaoEnviado(self.ERROR)
        self.sent.append(message)


class FakeMailTemplates:
    """A ``MailTemplates`` whose mails spell out the template and its context;
    ``rendered`` keeps each (name, context) it was asked for."""

    def __init__(self) -> None:
        self.rendered: list[tuple[str, dict[str, Any]]] = []

    def render(self, name: str, context: Mapping[str, Any]) -> tuple[str, str, str]:
        self.rendered.append((name, dict(context)))
        body = "\n".join(f"{key}={value}" for key, value in sorted(context.items()))
        return f"[{name}]", body, f"<pre>{body}</pre>"
