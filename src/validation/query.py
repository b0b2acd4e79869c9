"""Query strings: pagination and each resource's filters."""

from collections.abc import Mapping
from typing import Any

from src.domain.errors import DadosInvalidos
from src.domain.paging import PageRequest
from src.validation.base import validate
from src.validation.fields import INT_MAX, Rule

PAGINATION: dict[str, Rule] = {
    "page": {
        "type": "integer",
        "coerce": "int",
        "min": 1,
        "max": INT_MAX,
        "default": 1,
    },
    "per_page": {
        "type": "integer",
        "coerce": "int",
        "min": 1,
        "max": 100,
        "default": 20,
    },
}


def id_filter() -> Rule:
    return {"type": "integer", "coerce": "int", "min": 1}


def bool_filter() -> Rule:
    return {"type": "boolean", "coerce": "bool"}


def text_filter(**extra: Any) -> Rule:
    return {
        "type": "string",
        "coerce": "strip",
        "empty": False,
        "maxlength": 150,
        **extra,
    }


def choice_filter(values: Any) -> Rule:
    return {"type": "string", "allowed": [str(v) for v in values]}


def read_query(
    query: Mapping[str, str], filters: Mapping[str, Rule]
) -> tuple[dict[str, Any], PageRequest]:
    """Validated filters and page; parameters no one asked for are ignored."""
    # An empty filter (``?nome=``, a cleared search box) means "no filter";
    # page and per_page keep the contract's rule: anything but a number is 422.
    known = {
        k: v
        for k, v in query.items()
        if k in PAGINATION or (k in filters and v.strip() != "")
    }
    values = validate({**PAGINATION, **filters}, known)
    page = PageRequest(values.pop("page"), values.pop("per_page"))
    if "inicio" in values and "fim" in values and values["fim"] < values["inicio"]:
        raise DadosInvalidos.campo("fim", "must not be before inicio")
    return values, page
