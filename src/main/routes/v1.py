"""Every ``/v1`` route, with the roles of API.md section 3 beside it."""

from flask import Blueprint, Flask, Response, request
from flask_limiter import Limiter

from src.domain.enums import Papel
from src.errors.http import HttpError
from src.main.composers import Container
from src.main.routes.table import RouteTable
from src.main.security import ALL, Permissions, roles
from src.presentation.controllers.registry import ok
from src.presentation.http import HttpRequest, HttpResponse

ADMIN = roles()
GESTOR = roles(Papel.GESTOR)
CLINICAL_WRITE = roles(Papel.RECEPCAO, Papel.MEDICO, Papel.ENFERMAGEM)


def register_v1(
    app: Flask, container: Container, permissions: Permissions, limiter: Limiter
) -> None:
    blueprint = Blueprint("v1", __name__, url_prefix="/v1")
    table = RouteTable(blueprint, permissions)
    c = container.controllers

    def health(_request: HttpRequest) -> HttpResponse:
        if not container.health.is_up():
            raise HttpError(503, "HttpServiceUnavailableError", "database unreachable")
        return ok({"status": "ok", "database": "ok"})

    table.add("GET", "/health", health, None, "health")

    settings = container.settings
    login_limits = [
        limiter.limit(settings.login_limit_address, deduct_when=_failed),
        limiter.limit(
            settings.login_limit_email, key_func=_login_email, deduct_when=_failed
        ),
    ]
    table.add("POST", "/auth/login", c["auth"].login, None, "login", login_limits)

    table.add("GET", "/usuarios/me", c["auth"].me, ALL, "usuarios_me")
    table.registry("/usuarios", c["usuarios"], ADMIN, ADMIN, "usuarios")

    table.registry("/pacientes", c["pacientes"], ALL, CLINICAL_WRITE, "pacientes")
    table.registry(
        "/pacientes/<int:paciente_id>/enderecos",
        c["enderecos"],
        ALL,
        CLINICAL_WRITE,
        "enderecos",
    )
    for name in ("medicos", "especialidades", "setores", "convenios"):
        table.registry(f"/{name}", c[name], ALL, GESTOR, name)
    # Nursing also sets a bed's status; LeitoController refuses any other field.
    nursing = roles(Papel.GESTOR, Papel.ENFERMAGEM)
    table.registry("/leitos", c["leitos"], ALL, GESTOR, "leitos", update=nursing)

    pharmacy = roles(Papel.FARMACIA)
    table.registry("/medicamentos", c["medicamentos"], ALL, pharmacy, "medicamentos")
    movimentacoes = "/medicamentos/<int:id>/movimentacoes"
    table.add(
        "POST",
        movimentacoes,
        c["movimentacoes"].create,
        pharmacy,
        "movimentacoes_create",
    )
    table.add("GET", movimentacoes, c["movimentacoes"].list, ALL, "movimentacoes_list")
    table.add(
        "GET",
        f"{movimentacoes}/<int:movimentacao_id>",
        c["movimentacoes"].get,
        ALL,
        "movimentacoes_get",
    )

    app.register_blueprint(blueprint)


def _failed(response: Response) -> bool:
    """Only failed logins count towards the limit."""
    return response.status_code == 401


def _login_email() -> str:
    body = request.get_json(silent=True)
    email = body.get("email") if isinstance(body, dict) else None
    return f"login-email:{str(email).strip().lower()}"
