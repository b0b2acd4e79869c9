"""Cerberus, taught the hospital's value types, and one way to call it.

A resource declares one ``Schema``; its create and update rules both come
from it. Every coercion leaves a value it cannot read untouched, so that the
type check after it reports the field with a clear message.
"""

import re
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo

from cerberus import TypeDefinition, Validator
from validate_docbr import CNS, CPF

from src.domain.enums import UFS
from src.domain.errors import DadosInvalidos, FieldError
from src.domain.text import apenas_digitos

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MONEY_MAX = Decimal("9999999999.99")
_CPF, _CNS = CPF(), CNS()

# Rules that are ours, not Cerberus's: removed before Cerberus sees a schema.
CREATE_ONLY = "create_only"
UPDATE_ONLY = "update_only"
CID10 = re.compile(r"^([A-Z]\d{2})\.?([0-9A-Z])?$")


class HospitalValidator(Validator):
    types_mapping = Validator.types_mapping.copy()
    types_mapping["integer"] = TypeDefinition("integer", (int,), (bool,))
    types_mapping["date"] = TypeDefinition("date", (date,), (datetime,))
    types_mapping["money"] = TypeDefinition("money", (Decimal,), ())

    def _tz(self) -> ZoneInfo:
        return self._config.get("tz") or ZoneInfo("America/Sao_Paulo")

    def _now(self) -> datetime:
        """The request's "now" in the hospital's zone, as the caller's clock says."""
        now: datetime | None = self._config.get("now")
        return (now or datetime.now(self._tz())).astimezone(self._tz())

    def _validate_nullable(self, nullable: bool, field: str, value: Any) -> None:
        """{'type': 'boolean'}"""
        super()._validate_nullable(nullable, field, value)
        # ``nullable`` alone judges a null; the checks below read real values.
        if value is None:
            self._drop_remaining_rules("check_with")

    def _normalize_default(self, mapping: Any, schema: Any, field: str) -> None:
        """{'nullable': True}"""
        # Cerberus also puts the default over an explicit null; we want that
        # null refused, as PATCH refuses it, not silently turned into a value.
        if field not in mapping:
            super()._normalize_default(mapping, schema, field)

    # Coercers: ``{"coerce": "digits"}`` and so on.

    def _normalize_coerce_strip(self, value: Any) -> Any:
        return value.strip() if isinstance(value, str) else value

    def _normalize_coerce_digits(self, value: Any) -> Any:
        if isinstance(value, str) and re.fullmatch(r"[\d.\-/ ]+", value):
            return apenas_digitos(value)
        return value

    def _normalize_coerce_lower(self, value: Any) -> Any:
        return value.strip().lower() if isinstance(value, str) else value

    def _normalize_coerce_upper(self, value: Any) -> Any:
        return value.strip().upper() if isinstance(value, str) else value

    def _normalize_coerce_money(self, value: Any) -> Any:
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            return value
        try:
            return Decimal(str(value).strip())
        except InvalidOperation:
            return value

    def _normalize_coerce_date(self, value: Any) -> Any:
        if isinstance(value, str) and DATE.match(value):
            try:
                return date.fromisoformat(value)
            except ValueError:
                return value
        return value

    def _normalize_coerce_datetime(self, value: Any) -> Any:
        if not isinstance(value, str) or len(value) < 16:
            return value
        try:
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return value
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=self._tz())
        return parsed

    def _normalize_coerce_cid(self, value: Any) -> Any:
        """``j189`` and ``J18.9`` are both stored as ``J18.9``."""
        if not isinstance(value, str):
            return value
        match = CID10.match(value.strip().upper())
        if not match:
            return value
        categoria, subcategoria = match.groups()
        return f"{categoria}.{subcategoria}" if subcategoria else categoria

    def _normalize_coerce_int(self, value: Any) -> Any:
        if isinstance(value, str) and re.fullmatch(r"-?\d{1,18}", value.strip()):
            return int(value)
        return value

    def _normalize_coerce_bool(self, value: Any) -> Any:
        return (
            {"true": True, "false": False}.get(value, value)
            if isinstance(value, str)
            else value
        )

    # Checks: ``{"check_with": "cpf"}`` and so on.

    def _check_with_cpf(self, field: str, value: Any) -> None:
        if not (isinstance(value, str) and len(value) == 11 and _CPF.validate(value)):
            self._error(field, "must be a valid CPF")

    def _check_with_cns(self, field: str, value: Any) -> None:
        if not (isinstance(value, str) and len(value) == 15 and _CNS.validate(value)):
            self._error(field, "must be a valid CNS (15 digits)")

    def _check_with_cid(self, field: str, value: Any) -> None:
        if not (isinstance(value, str) and CID10.match(value)):
            self._error(field, "must be a CID-10 code such as J18.9")

    def _check_with_uf(self, field: str, value: Any) -> None:
        if value not in UFS:
            self._error(field, "must be one of the 27 UFs, e.g. SP")

    def _check_with_email(self, field: str, value: Any) -> None:
        if not (isinstance(value, str) and EMAIL.match(value)):
            self._error(field, "must be a valid email address")

    def _check_with_money(self, field: str, value: Any) -> None:
        if not value.is_finite() or value.as_tuple().exponent < -2:
            self._error(field, "must be an amount with at most two decimal places")
        elif value <= 0:
            self._error(field, "must be greater than zero")
        elif value > MONEY_MAX:
            self._error(field, f"must be at most {MONEY_MAX}")

    def _check_with_past_date(self, field: str, value: Any) -> None:
        today = self._now().date()
        if value > today:
            self._error(field, "must be a date not in the future")
        elif value < date(1900, 1, 1):
            self._error(field, "must not be before 1900-01-01")


class Schema:
    """The fields of one resource; ``create`` and ``update`` rules follow."""

    def __init__(self, fields: Mapping[str, Mapping[str, Any]]) -> None:
        self.create = {
            name: _cerberus(rule)
            for name, rule in fields.items()
            if not rule.get(UPDATE_ONLY)
        }
        self.update = {
            name: _cerberus(_optional(rule))
            for name, rule in fields.items()
            if not rule.get(CREATE_ONLY)
        }


def _cerberus(rule: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in rule.items() if k not in (CREATE_ONLY, UPDATE_ONLY)}


def _optional(rule: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in rule.items() if k not in ("required", "default")}


def validate(
    schema: Mapping[str, Any],
    document: Mapping[str, Any],
    tz: ZoneInfo | None = None,
    now: datetime | None = None,
    allow_unknown: bool = False,
) -> dict[str, Any]:
    """The document, normalized; ``DadosInvalidos`` naming every bad field.

    ``tz`` reads datetimes given without an offset; ``now`` is what "today"
    and "not in the future" are measured against.
    """
    validator = HospitalValidator(schema, tz=tz, now=now, allow_unknown=allow_unknown)
    if not validator.validate(dict(document)):
        raise DadosInvalidos(list(_flatten(validator.errors)))
    normalized: dict[str, Any] = validator.document
    return normalized


def _flatten(errors: Mapping[Any, Any], prefix: str = "") -> list[FieldError]:
    flat = []
    for field, messages in errors.items():
        path = f"{prefix}{field}"
        for message in messages:
            if isinstance(message, Mapping):
                flat.extend(_flatten(message, f"{path}."))
            else:
                flat.append(FieldError(path, str(message)))
    return flat
