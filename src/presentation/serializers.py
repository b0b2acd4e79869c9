"""Entities to JSON values, by the contract's rules for money and time."""

import dataclasses
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any
from zoneinfo import ZoneInfo

from src.domain import entities

# Derived values an entity exposes as properties, and fields never shown.
EXTRA: dict[type, tuple[str, ...]] = {
    entities.Medico: ("especialidade_ids",),
    entities.Medicamento: ("abaixo_minimo",),
}
HIDDEN: dict[type, tuple[str, ...]] = {entities.Usuario: ("versao_sessao",)}


class Presenter:
    def __init__(self, tz: ZoneInfo) -> None:
        self._tz = tz

    def __call__(self, value: Any) -> Any:
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            kind = type(value)
            hidden = HIDDEN.get(kind, ())
            shown = {
                f.name: self(getattr(value, f.name))
                for f in dataclasses.fields(value)
                if f.name not in hidden
            }
            shown.update(
                {name: self(getattr(value, name)) for name in EXTRA.get(kind, ())}
            )
            return shown
        if isinstance(value, list | tuple):
            return [self(v) for v in value]
        if isinstance(value, dict):
            return {k: self(v) for k, v in value.items()}
        if isinstance(value, Decimal):
            return f"{value:.2f}"
        if isinstance(value, datetime):
            return value.astimezone(self._tz).isoformat(timespec="seconds")
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, Enum):
            return value.value
        return value
