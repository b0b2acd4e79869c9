"""Every route has an explicit permission, and one without is refused."""

import re

import pytest

from src.domain.enums import Papel
from src.main.adapter import adapt
from src.presentation.controllers.registry import ok
from tests.e2e.helpers import assert_envelope

pytestmark = pytest.mark.e2e

# API.md section 3: the paths that need no token.
PUBLIC = {"/v1/health", "/v1/auth/login"}
PUBLIC_PREFIXES = ("/v1/auth/",)
ALL_ROLES = list(Papel)


def concrete(rule):
    """The rule's path with an id no record has for every variable part, so
    that no call changes anything."""
    return re.sub(r"<(?:[^:>]+:)?[^>]+>", "999999", rule.rule)


def routes(app):
    for rule in app.url_map.iter_rules():
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            yield rule, method


def is_public(path):
    return path in PUBLIC or path.startswith(PUBLIC_PREFIXES)


def test_the_app_has_routes_to_check(app):
    paths = {rule.rule for rule, _ in routes(app)}

    assert {"/v1/health", "/v1/auth/login", "/v1/setores/<int:id>"} <= paths


def test_every_route_needs_a_token_except_the_public_ones(app):
    # A route without a permission entry answers 403 even before the token
    # is read, so a 401 here proves the route has an entry.
    client = app.test_client()
    answers = {}

    for rule, method in routes(app):
        path = concrete(rule)
        if not is_public(path):
            answers[f"{method} {path}"] = client.open(path, method=method).status_code

    refused = {route: status for route, status in answers.items() if status != 401}
    assert answers
    assert refused == {}


def test_the_public_routes_answer_without_a_token(app):
    client = app.test_client()

    health = client.get("/v1/health")
    login = client.post("/v1/auth/login", json={})

    assert health.status_code == 200
    assert login.status_code == 422


def test_every_route_lets_admin_past_the_guard(app, admin):
    # Admin may do everything: every route has an entry the guard resolves.
    client = app.test_client()
    stopped = {}

    for rule, method in routes(app):
        path = concrete(rule)
        status = client.open(path, method=method, headers=admin, json={}).status_code
        if status in (401, 403):
            stopped[f"{method} {path}"] = status

    assert stopped == {}


@pytest.mark.fresh_app
def test_a_route_registered_without_a_permission_is_403_even_for_admin(app, admin):
    def segredo(_request):
        return ok({"segredo": "42"})

    app.add_url_rule("/v1/sem-permissao", "sem_permissao", adapt(segredo))
    client = app.test_client()

    as_admin = client.get("/v1/sem-permissao", headers=admin)
    anonymous = client.get("/v1/sem-permissao")

    assert_envelope(as_admin, 403, "HttpForbiddenError")
    assert_envelope(anonymous, 403, "HttpForbiddenError")
    assert "42" not in as_admin.get_data(as_text=True)


# API.md section 3, for the registries of section 4: who writes each one.
WRITERS = {
    "/v1/pacientes": {Papel.RECEPCAO, Papel.MEDICO, Papel.ENFERMAGEM},
    "/v1/medicos": {Papel.GESTOR},
    "/v1/especialidades": {Papel.GESTOR},
    "/v1/setores": {Papel.GESTOR},
    "/v1/leitos": {Papel.GESTOR},
    "/v1/convenios": {Papel.GESTOR},
    "/v1/medicamentos": {Papel.FARMACIA},
    "/v1/usuarios": set(),
}
READ_BY_ALL = [path for path in WRITERS if path != "/v1/usuarios"]


@pytest.mark.parametrize("papel", ALL_ROLES)
def test_create_is_open_exactly_to_the_writers_of_the_role_table(
    client, as_role, papel
):
    headers = as_role(papel)
    expected = {
        path: 422 if papel == Papel.ADMIN or papel in writers else 403
        for path, writers in WRITERS.items()
    }

    # An empty body: 422 shows the call got past the guard to validation.
    answered = {
        path: client.post(path, json={}, headers=headers).status_code
        for path in WRITERS
    }

    assert answered == expected


@pytest.mark.parametrize("papel", ALL_ROLES)
def test_every_role_reads_the_registries(client, as_role, papel):
    headers = as_role(papel)

    answered = {
        path: client.get(path, headers=headers).status_code for path in READ_BY_ALL
    }

    assert answered == dict.fromkeys(READ_BY_ALL, 200)


@pytest.mark.parametrize("papel", ALL_ROLES)
def test_enderecos_follow_the_pacientes_writers(client, admin, as_role, papel):
    paciente = client.post(
        "/v1/pacientes",
        json={"nome": "Ana Lima", "data_nascimento": "1990-01-01"},
        headers=admin,
    ).get_json()["data"]
    path = f"/v1/pacientes/{paciente['id']}/enderecos"

    read = client.get(path, headers=as_role(papel))
    write = client.post(path, json={}, headers=as_role(papel))

    assert read.status_code == 200
    if papel in {Papel.ADMIN, *WRITERS["/v1/pacientes"]}:
        assert write.status_code == 422
    else:
        assert_envelope(write, 403, "HttpForbiddenError")
