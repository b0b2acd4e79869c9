"""Controllers of the registries that do more than the shared CRUD."""

from typing import Any

from src.data.usecases.estoque import EstoqueService
from src.domain.enums import Papel, TipoMovimentacao
from src.domain.errors import AcessoNegado
from src.presentation.controllers.registry import (
    Context,
    RegistryController,
    created,
    ok,
    page_of,
)
from src.presentation.http import HttpRequest, HttpResponse
from src.validation.cadastros import MOVIMENTACAO
from src.validation.query import read_query


class LeitoController(RegistryController):
    """Nursing may change a bed's status, and nothing else about it."""

    def update(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user is not None and user.papel == Papel.ENFERMAGEM:
            others = sorted(set(request.body) - {"status"})
            if others:
                raise AcessoNegado(
                    "the role enfermagem may change only a leito's status, "
                    f"not {others[0]}"
                )
        return super().update(request)


class MovimentacaoController:
    def __init__(self, service: EstoqueService, context: Context) -> None:
        self._service = service
        self._context = context

    def create(self, request: HttpRequest) -> HttpResponse:
        medicamento_id = request.path["id"]
        values: dict[str, Any] = self._context.validate(
            MOVIMENTACAO.create, request.body
        )
        movimentacao = self._service.movimentar(
            medicamento_id,
            TipoMovimentacao(values["tipo"]),
            values["quantidade"],
            values.get("motivo"),
            request.user.id if request.user else None,
        )
        location = f"/v1/medicamentos/{medicamento_id}/movimentacoes/{movimentacao.id}"
        return created(self._context.present(movimentacao), location)

    def list(self, request: HttpRequest) -> HttpResponse:
        _, page = read_query(request.query, {})
        found = self._service.listar(request.path["id"], page)
        return page_of(found, self._context.present)

    def get(self, request: HttpRequest) -> HttpResponse:
        found = self._service.obter(request.path["id"], request.path["movimentacao_id"])
        return ok(self._context.present(found))
