"""One SQLAlchemy repository that serves every registry.

A registry brings its model, its entity and the table of filters it supports;
the mapping from rows to entities follows the entity's dataclass fields.
"""

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Generic, TypeVar

from sqlalchemy import Select, exists, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.interfaces import ORMOption

from src.data.interfaces import Values
from src.domain.errors import RegistroDuplicado, RegistroEmUso
from src.domain.paging import Page, PageRequest
from src.domain.text import normalizar_busca
from src.infra.db.models import Base

E = TypeVar("E")
M = TypeVar("M", bound=Base)

Filter = Callable[[Select[Any], Any], Select[Any]]


def equals(column: Any) -> Filter:
    return lambda stmt, value: stmt.where(column == value)


def at_least(column: Any) -> Filter:
    return lambda stmt, value: stmt.where(column >= value)


def at_most(column: Any) -> Filter:
    return lambda stmt, value: stmt.where(column <= value)


def before(column: Any) -> Filter:
    return lambda stmt, value: stmt.where(column < value)


def contains_folded(column: Any) -> Filter:
    """Substring match on a column that holds ``normalizar_busca`` text."""

    def apply(stmt: Select[Any], value: str) -> Select[Any]:
        escaped = (
            normalizar_busca(value)
            .replace("\\", "\\\\")
            .replace("%", "\\%")
            .replace("_", "\\_")
        )
        return stmt.where(column.like(f"%{escaped}%", escape="\\"))

    return apply


def to_entity(row: Any, entity: type[E]) -> E:
    values = {}
    for f in dataclasses.fields(entity):  # type: ignore[arg-type]
        value = getattr(row, f.name)
        nested = f.metadata.get("entity")
        values[f.name] = [to_entity(v, nested) for v in value] if nested else value
    return entity(**values)


class SqlRepository(Generic[E, M]):
    def __init__(
        self,
        session: Session,
        model: type[M],
        entity: type[E],
        filters: Mapping[str, Filter] | None = None,
        load: Sequence[ORMOption] = (),
    ) -> None:
        self._session = session
        self._model = model
        self._entity = entity
        self._filters = filters or {}
        self._load = load

    def add(self, values: Values) -> E:
        row = self._model()
        self._assign(row, values)
        self._session.add(row)
        self._flush(RegistroDuplicado("conflicts with an existing record"))
        return self._to_entity(row)

    def get(self, id: int) -> E | None:
        row = self._session.get(
            self._model, id, options=self._load, populate_existing=True
        )
        return None if row is None else self._to_entity(row)

    def lock(self, id: int) -> E | None:
        row = self._session.get(
            self._model,
            id,
            options=self._load,
            populate_existing=True,
            with_for_update=True,
        )
        return None if row is None else self._to_entity(row)

    def exists(self, id: int) -> bool:
        return bool(self._session.scalar(select(exists().where(self._model.id == id))))  # type: ignore[attr-defined]

    def find_by(self, **criteria: Any) -> E | None:
        stmt = select(self._model).options(*self._load)
        for name, value in criteria.items():
            if name == "nome" and hasattr(self._model, "nome_busca"):
                stmt = stmt.where(self._model.nome_busca == normalizar_busca(value))  # type: ignore[attr-defined]
            else:
                stmt = stmt.where(getattr(self._model, name) == value)
        row = self._session.scalars(stmt.limit(1)).first()
        return None if row is None else self._to_entity(row)

    def list(self, filters: Values, page: PageRequest) -> Page[E]:
        stmt = select(self._model)
        for name, value in filters.items():
            stmt = self._filters[name](stmt, value)

        total = self._session.scalar(select(func.count()).select_from(stmt.subquery()))
        rows = self._session.scalars(
            stmt.options(*self._load)
            .order_by(self._model.id)  # type: ignore[attr-defined]
            .limit(page.per_page)
            .offset(page.offset)
        )
        return Page([self._to_entity(r) for r in rows], total or 0, page)

    def update(self, id: int, values: Values) -> E:
        row = self._session.get(self._model, id, options=self._load)
        assert row is not None, "update of a record the use case did not find"
        self._assign(row, values)
        self._flush(RegistroDuplicado("conflicts with an existing record"))
        self._session.refresh(row)
        return self._to_entity(row)

    def delete(self, id: int) -> None:
        row = self._session.get(self._model, id)
        assert row is not None, "delete of a record the use case did not find"
        self._session.delete(row)
        self._flush(RegistroEmUso("other records refer to it; nothing was deleted"))

    def _assign(self, row: M, values: Values) -> None:
        for name, value in values.items():
            setattr(row, name, value)

    def _flush(self, on_integrity_error: Exception) -> None:
        try:
            self._session.flush()
        except IntegrityError as exc:
            raise on_integrity_error from exc

    def _to_entity(self, row: M) -> E:
        return to_entity(row, self._entity)
