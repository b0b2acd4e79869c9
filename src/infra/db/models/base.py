"""The declarative base and the columns many tables share."""

from datetime import UTC, datetime
from decimal import Decimal
from typing import ClassVar

from sqlalchemy import (
    MetaData,
    String,
)
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    mapped_column,
    validates,
)

from src.domain.text import normalizar_busca
from src.infra.db.types import Money, UtcDateTime

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    # To the second, as UtcDateTime stores it, so that the entity ``add``
    # returns carries the same timestamps a later read does.
    return datetime.now(UTC).replace(microsecond=0)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar = {datetime: UtcDateTime(), Decimal: Money()}


class Timestamped:
    criado_em: Mapped[datetime] = mapped_column(default=utcnow)
    atualizado_em: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class Named:
    """A ``nome`` with its folded twin ``nome_busca``, which the accent- and
    case-insensitive search and uniqueness use on every database."""

    nome: Mapped[str] = mapped_column(String(150))
    nome_busca: Mapped[str] = mapped_column(String(150), index=True)

    @validates("nome")
    def _fold_nome(self, _key: str, value: str) -> str:
        self.nome_busca = normalizar_busca(value)
        return value
