"""The controller every plain registry shares: validate, call, present."""

from collections.abc import Callable, Mapping
from typing import Any
from zoneinfo import ZoneInfo

from src.data.interfaces import Clock
from src.data.usecases.registries import RegistryService
from src.domain.paging import Page
from src.presentation.http import HttpRequest, HttpResponse
from src.presentation.serializers import Presenter
from src.validation.base import Schema, validate
from src.validation.fields import Rule
from src.validation.query import read_query


class Context:
    """What every controller needs to read input and write output."""

    def __init__(self, tz: ZoneInfo, clock: Clock) -> None:
        self.tz = tz
        self.clock = clock
        self.present = Presenter(tz)

    def validate(
        self, schema: Mapping[str, Any], body: Mapping[str, Any]
    ) -> dict[str, Any]:
        return validate(schema, body, tz=self.tz, now=self.clock.now())


def ok(body: Any, status: int = 200) -> HttpResponse:
    return HttpResponse(status, {"data": body})


def created(body: Any, location: str) -> HttpResponse:
    return HttpResponse(201, {"data": body}, {"Location": location})


def page_of(page: Page[Any], present: Callable[[Any], Any]) -> HttpResponse:
    meta = {
        "page": page.request.page,
        "per_page": page.request.per_page,
        "total": page.total,
        "pages": page.pages,
    }
    return HttpResponse(200, {"data": [present(i) for i in page.items], "meta": meta})


class RegistryController:
    def __init__(
        self,
        service: RegistryService[Any],
        schema: Schema,
        filters: Mapping[str, Rule],
        context: Context,
        location: Callable[[HttpRequest, int], str],
        parent_param: str | None = None,
    ) -> None:
        self._service = service
        self._schema = schema
        self._filters = filters
        self._context = context
        self._location = location
        self._parent_param = parent_param

    def create(self, request: HttpRequest) -> HttpResponse:
        values = self._context.validate(self._schema.create, request.body)
        entity = self._service.criar(values, self._parent(request))
        return created(
            self._context.present(entity), self._location(request, entity.id)
        )

    def list(self, request: HttpRequest) -> HttpResponse:
        filters, page = read_query(request.query, self._filters)
        found = self._service.listar(
            self.prepare_filters(filters), page, self._parent(request)
        )
        return page_of(found, self._context.present)

    def get(self, request: HttpRequest) -> HttpResponse:
        entity = self._service.obter(request.path["id"], self._parent(request))
        return ok(self._context.present(entity))

    def update(self, request: HttpRequest) -> HttpResponse:
        changes = self._context.validate(self._schema.update, request.body)
        entity = self._service.atualizar(
            request.path["id"], changes, self._parent(request)
        )
        return ok(self._context.present(entity))

    def delete(self, request: HttpRequest) -> HttpResponse:
        self._service.remover(request.path["id"], self._parent(request))
        return HttpResponse(204)

    def prepare_filters(self, filters: dict[str, Any]) -> dict[str, Any]:
        """Turn validated query values into what the repository filters on."""
        return filters

    def _parent(self, request: HttpRequest) -> int | None:
        return request.path[self._parent_param] if self._parent_param else None
