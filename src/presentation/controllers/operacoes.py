"""Controllers of the operations: consultas, exames, prescricoes,
internacoes and lancamentos."""

from datetime import datetime, time, timedelta
from typing import Any

from src.data.usecases.internacoes import InternacaoService
from src.data.usecases.prescricoes import DispensacaoService
from src.domain.paging import Page
from src.presentation.controllers.registry import (
    Context,
    RegistryController,
    created,
    ok,
    page_of,
)
from src.presentation.http import HttpRequest, HttpResponse
from src.validation import operacoes as schemas
from src.validation.query import read_query


class ConsultaController(RegistryController):
    """``inicio``/``fim`` are calendar days in the hospital's zone, inclusive."""

    def prepare_filters(self, filters: dict[str, Any]) -> dict[str, Any]:
        tz = self._context.tz
        prepared = dict(filters)
        if "inicio" in prepared:
            prepared["inicio"] = datetime.combine(prepared["inicio"], time(), tz)
        if "fim" in prepared:
            next_day = prepared["fim"] + timedelta(days=1)
            prepared["fim"] = datetime.combine(next_day, time(), tz)
        return prepared


class PrescricaoController(RegistryController):
    def __init__(self, dispensacao: DispensacaoService, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._dispensacao = dispensacao

    def dispensar(self, request: HttpRequest) -> HttpResponse:
        self._context.validate({}, request.body)
        user_id = request.user.id if request.user else None
        prescricao = self._dispensacao.dispensar(request.path["id"], user_id)
        return ok(self._context.present(prescricao))


class InternacaoController:
    def __init__(self, service: InternacaoService, context: Context) -> None:
        self._service = service
        self._context = context

    def create(self, request: HttpRequest) -> HttpResponse:
        values = self._context.validate(schemas.INTERNACAO.create, request.body)
        internacao = self._service.abrir(values)
        present = self._context.present(internacao)
        return created(present, f"/v1/internacoes/{internacao.id}")

    def list(self, request: HttpRequest) -> HttpResponse:
        filters, page = read_query(request.query, schemas.INTERNACAO_FILTERS)
        return page_of(self._service.listar(filters, page), self._context.present)

    def get(self, request: HttpRequest) -> HttpResponse:
        return ok(self._context.present(self._service.obter(request.path["id"])))

    def update(self, request: HttpRequest) -> HttpResponse:
        changes = self._context.validate(schemas.INTERNACAO.update, request.body)
        internacao = self._service.atualizar(request.path["id"], changes)
        return ok(self._context.present(internacao))

    def transferir(self, request: HttpRequest) -> HttpResponse:
        values = self._context.validate(schemas.TRANSFERENCIA.create, request.body)
        internacao = self._service.transferir(
            request.path["id"], values["leito_id"], values.get("dt_transferencia")
        )
        return ok(self._context.present(internacao))

    def transferencias(self, request: HttpRequest) -> HttpResponse:
        _, page = read_query(request.query, {})
        passagens = self._service.passagens(request.path["id"])
        window = passagens[page.offset : page.offset + page.per_page]
        return page_of(Page(window, len(passagens), page), self._context.present)

    def alta(self, request: HttpRequest) -> HttpResponse:
        values = self._context.validate(schemas.ALTA.create, request.body)
        internacao = self._service.dar_alta(
            request.path["id"], values["motivo_alta"], values.get("dt_alta")
        )
        return ok(self._context.present(internacao))
