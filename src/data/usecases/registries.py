"""One create/read/list/update/delete path shared by every plain registry.

A registry differs from the next only in its rules: which ids it refers to,
which values must be unique, and any check of its own before a write or a
delete. Those live in a ``RegistryRules``; the verbs live here once.
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from src.data.interfaces import Repository, UnitOfWork, UnitOfWorkFactory, Values
from src.domain.errors import (
    DadosInvalidos,
    FieldError,
    RegistroDuplicado,
    RegistroNaoEncontrado,
)
from src.domain.paging import Page, PageRequest

E = TypeVar("E")

WriteCheck = Callable[[UnitOfWork, dict[str, Any], Any], None]
DeleteCheck = Callable[[UnitOfWork, Any], None]
AfterCreate = Callable[[UnitOfWork, Any], None]


@dataclass(frozen=True)
class Unique:
    """Values of ``fields`` together may belong to one record only."""

    fields: tuple[str, ...]
    message: str


@dataclass(frozen=True)
class Parent:
    """The registry lives under another one in the path (enderecos of a paciente)."""

    field: str
    repository: str


@dataclass(frozen=True)
class RegistryRules:
    repository: str
    label: str
    references: Mapping[str, str] = field(default_factory=dict)
    unique: Sequence[Unique] = ()
    parent: Parent | None = None
    before_write: WriteCheck | None = None
    before_delete: DeleteCheck | None = None
    after_create: AfterCreate | None = None
    """Runs in the transaction, with the new record (to publish an event)."""


class RegistryService(Generic[E]):
    """The verbs of one registry; every method is one transaction."""

    def __init__(self, uow_factory: UnitOfWorkFactory, rules: RegistryRules) -> None:
        self._uow_factory = uow_factory
        self._rules = rules

    def criar(self, values: Values, parent_id: int | None = None) -> E:
        with self._uow_factory() as uow:
            data = dict(values)
            if self._rules.parent:
                self._require_parent(uow, parent_id)
                data[self._rules.parent.field] = parent_id
            self._check_references(uow, data)
            self._check_unique(uow, data, None)
            if self._rules.before_write:
                self._rules.before_write(uow, data, None)
            created: E = self._repo(uow).add(data)
            if self._rules.after_create:
                self._rules.after_create(uow, created)
            uow.commit()
            return created

    def obter(self, id: int, parent_id: int | None = None) -> E:
        with self._uow_factory() as uow:
            return self._get(uow, id, parent_id)

    def listar(
        self, filters: Values, page: PageRequest, parent_id: int | None = None
    ) -> Page[E]:
        with self._uow_factory() as uow:
            scoped = dict(filters)
            if self._rules.parent:
                self._require_parent(uow, parent_id)
                scoped[self._rules.parent.field] = parent_id
            return self._repo(uow).list(scoped, page)

    def atualizar(self, id: int, changes: Values, parent_id: int | None = None) -> E:
        with self._uow_factory() as uow:
            current = self._get(uow, id, parent_id)
            data = dict(changes)
            self._check_references(uow, data)
            self._check_unique(uow, data, current)
            if self._rules.before_write:
                self._rules.before_write(uow, data, current)
            updated: E = self._repo(uow).update(id, data)
            uow.commit()
            return updated

    def remover(self, id: int, parent_id: int | None = None) -> None:
        with self._uow_factory() as uow:
            current = self._get(uow, id, parent_id)
            if self._rules.before_delete:
                self._rules.before_delete(uow, current)
            self._repo(uow).delete(id)
            uow.commit()

    def _repo(self, uow: UnitOfWork) -> Repository[E]:
        repo: Repository[E] = getattr(uow, self._rules.repository)
        return repo

    def _get(self, uow: UnitOfWork, id: int, parent_id: int | None) -> E:
        if self._rules.parent:
            self._require_parent(uow, parent_id)
        found = self._repo(uow).get(id)
        if found is None or (
            self._rules.parent and getattr(found, self._rules.parent.field) != parent_id
        ):
            raise RegistroNaoEncontrado(f"{self._rules.label} {id} not found")
        return found

    def _require_parent(self, uow: UnitOfWork, parent_id: int | None) -> None:
        assert self._rules.parent is not None
        repo: Repository[Any] = getattr(uow, self._rules.parent.repository)
        if parent_id is None or not repo.exists(parent_id):
            raise RegistroNaoEncontrado(
                f"{self._rules.parent.repository} {parent_id} not found"
            )

    def _check_references(self, uow: UnitOfWork, data: Values) -> None:
        check_references(uow, self._rules.references, data)

    def _check_unique(self, uow: UnitOfWork, data: Values, current: Any) -> None:
        for rule in self._rules.unique:
            if not any(name in data for name in rule.fields):
                continue
            criteria = {
                name: data[name] if name in data else getattr(current, name)
                for name in rule.fields
            }
            if any(value is None for value in criteria.values()):
                continue
            found = self._repo(uow).find_by(**criteria)
            if found is not None and (current is None or found.id != current.id):  # type: ignore[attr-defined]
                raise RegistroDuplicado(rule.message, rule.fields[0])


def check_references(
    uow: UnitOfWork, references: Mapping[str, str], data: Values
) -> None:
    """Every id given in ``data`` for a field of ``references`` (field name to
    repository name) must exist; ``DadosInvalidos`` names each one that does not."""
    errors = []
    for name, repository in references.items():
        value = data.get(name)
        if value is None:
            continue
        repo: Repository[Any] = getattr(uow, repository)
        ids = value if isinstance(value, list) else [value]
        missing = [i for i in ids if not repo.exists(i)]
        if missing:
            shown = ", ".join(str(i) for i in missing)
            errors.append(FieldError(name, f"no such record: {shown}"))
    if errors:
        raise DadosInvalidos(errors)
