"""Rules shared by many schemas, so a CPF or a money field reads the same everywhere."""

from typing import Any

from src.validation.base import CREATE_ONLY, UPDATE_ONLY

Rule = dict[str, Any]

# The largest value an INTEGER column holds on MariaDB; a larger id or count
# would fail in the database (a 500) instead of being refused here.
INT_MAX = 2_147_483_647


def text(min: int = 0, max: int = 255, required: bool = False, **extra: Any) -> Rule:
    rule: Rule = {"type": "string", "coerce": "strip", "maxlength": max}
    if min:
        rule["minlength"] = min
    return {**_presence(rule, required), **extra}


def digits(length: int | tuple[int, int], required: bool = False) -> Rule:
    low, high = (length, length) if isinstance(length, int) else length
    pattern = f"\\d{{{low},{high}}}"
    rule: Rule = {"type": "string", "coerce": "digits", "regex": pattern}
    return _presence(rule, required)


def integer(
    min: int | None = None, max: int | None = None, required: bool = False, **extra: Any
) -> Rule:
    rule: Rule = {"type": "integer", "nullable": False, **extra}
    if min is not None:
        rule["min"] = min
    rule["max"] = INT_MAX if max is None else max
    if required:
        rule["required"] = True
    return rule


def choice(values: Any, required: bool = False, **extra: Any) -> Rule:
    rule: Rule = {"type": "string", "allowed": [str(v) for v in values]}
    return {**_presence(rule, required), **extra}


def reference(required: bool = False) -> Rule:
    return _presence({"type": "integer", "min": 1, "max": INT_MAX}, required)


def boolean(default: bool | None = None) -> Rule:
    rule: Rule = {"type": "boolean", "nullable": False}
    if default is not None:
        rule["default"] = default
    return rule


def money(required: bool = False) -> Rule:
    rule: Rule = {"type": "money", "coerce": "money", "check_with": "money"}
    return _presence(rule, required)


def email(required: bool = False) -> Rule:
    rule: Rule = {
        "type": "string",
        "coerce": "lower",
        "maxlength": 254,
        "check_with": "email",
    }
    return _presence(rule, required)


def uf(required: bool = False) -> Rule:
    return _presence(
        {"type": "string", "coerce": "upper", "check_with": "uf"}, required
    )


def create_only(rule: Rule) -> Rule:
    return {**rule, CREATE_ONLY: True}


def update_only(rule: Rule) -> Rule:
    return {**rule, UPDATE_ONLY: True}


def moment(required: bool = False) -> Rule:
    """A datetime; without an offset it is read in the hospital's zone."""
    return _presence({"type": "datetime", "coerce": "datetime"}, required)


def day(required: bool = False) -> Rule:
    return _presence({"type": "date", "coerce": "date"}, required)


def _presence(rule: Rule, required: bool) -> Rule:
    if required:
        return {**rule, "required": True, "nullable": False, "empty": False}
    return {**rule, "nullable": True}
