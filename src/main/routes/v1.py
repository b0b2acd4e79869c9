"""Every ``/v1`` route, with the roles of API.md section 3 beside it."""

from typing import Any

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
    _auth_flows(table, c["contas"], limiter, settings.auth_flow_limit)

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

    _operacoes(table, c)
    app.register_blueprint(blueprint)


def _operacoes(table: RouteTable, c: dict[str, Any]) -> None:
    """API.md section 5; clinical and financial records are never deleted (405)."""
    consultas_write = roles(Papel.RECEPCAO, Papel.MEDICO)
    table.registry(
        "/consultas", c["consultas"], ALL, consultas_write, "consultas", deletable=False
    )

    clinical_read = roles(Papel.MEDICO, Papel.ENFERMAGEM, Papel.FARMACIA)
    medico = roles(Papel.MEDICO)
    table.registry(
        "/exames", c["exames"], clinical_read, medico, "exames", deletable=False
    )
    table.add(
        "GET",
        "/pacientes/<int:paciente_id>/exames",
        c["exames_do_paciente"].list,
        clinical_read,
        "paciente_exames",
    )
    table.registry(
        "/prescricoes",
        c["prescricoes"],
        clinical_read,
        medico,
        "prescricoes",
        deletable=False,
    )
    table.add(
        "POST",
        "/prescricoes/<int:id>/dispensar",
        c["prescricoes"].dispensar,
        roles(Papel.FARMACIA),
        "prescricoes_dispensar",
    )

    internacoes = c["internacoes"]
    stay_read = ALL - {Papel.FINANCEIRO}
    stay_write = roles(Papel.MEDICO, Papel.ENFERMAGEM)
    item = "/internacoes/<int:id>"
    table.add(
        "POST", "/internacoes", internacoes.create, stay_write, "internacoes_create"
    )
    table.add("GET", "/internacoes", internacoes.list, stay_read, "internacoes_list")
    table.add("GET", item, internacoes.get, stay_read, "internacoes_get")
    table.add("PATCH", item, internacoes.update, stay_write, "internacoes_update")
    table.add(
        "POST",
        f"{item}/transferencias",
        internacoes.transferir,
        stay_write,
        "internacoes_transferir",
    )
    table.add(
        "GET",
        f"{item}/transferencias",
        internacoes.transferencias,
        stay_read,
        "internacoes_transferencias",
    )
    table.add("POST", f"{item}/alta", internacoes.alta, stay_write, "internacoes_alta")

    table.registry(
        "/lancamentos",
        c["lancamentos"],
        roles(Papel.FINANCEIRO, Papel.GESTOR),
        roles(Papel.FINANCEIRO),
        "lancamentos",
        deletable=False,
    )


def _failed(response: Response) -> bool:
    """Only failed logins count towards the limit."""
    return response.status_code == 401


def _login_email() -> str:
    body = request.get_json(silent=True)
    email = body.get("email") if isinstance(body, dict) else None
    return f"login-email:{str(email).strip().lower()}"


def _auth_flows(table: RouteTable, contas: Any, limiter: Limiter, limit: str) -> None:
    """API.md section 3.1: public, each limited per client address; the two
    that send mail to a given address are also limited per that address."""

    def per_address() -> list[Any]:
        return [limiter.limit(limit)]

    def per_address_and_email() -> list[Any]:
        return [*per_address(), limiter.limit(limit, key_func=_flow_email)]

    confirmar = "/auth/confirmar"
    table.add(
        "POST", confirmar, contas.confirmar, None, "auth_confirmar", per_address()
    )
    # The link in the mail, followed as it is, confirms too.
    table.add(
        "GET",
        confirmar,
        contas.confirmar_link,
        None,
        "auth_confirmar_link",
        per_address(),
    )
    table.add(
        "POST",
        "/auth/reenviar-token",
        contas.reenviar_token,
        None,
        "auth_reenviar_token",
        per_address_and_email(),
    )
    table.add(
        "POST",
        "/auth/esqueci-senha",
        contas.esqueci_senha,
        None,
        "auth_esqueci_senha",
        per_address_and_email(),
    )
    table.add(
        "POST",
        "/auth/redefinir-senha",
        contas.redefinir_senha,
        None,
        "auth_redefinir_senha",
        per_address(),
    )


def _flow_email() -> str:
    body = request.get_json(silent=True)
    email = body.get("email") if isinstance(body, dict) else None
    return f"auth-flow-email:{str(email).strip().lower()}"
