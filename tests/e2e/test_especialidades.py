from datetime import datetime

import pytest

from src.domain.enums import Papel
from tests.conftest import SAO_PAULO
from tests.e2e.helpers import (
    assert_error,
    assert_invalid,
    create,
)

pytestmark = pytest.mark.e2e


def especialidade(**overrides):
    """A valid especialidade body; ``overrides`` replace or add fields."""
    return {
        "nome": "Cardiologia",
        "descricao": "Doenças do coração e do sistema circulatório",
        **overrides,
    }


def create_especialidade(client, headers, **overrides):
    return create(client, "/v1/especialidades", especialidade(**overrides), headers)


def create_medico(client, headers, especialidade_id):
    body = {
        "nome": "Ana Souza",
        "crm": "123456",
        "uf_crm": "SP",
        "especialidade_ids": [especialidade_id],
    }
    return create(client, "/v1/medicos", body, headers)


def test_name_is_unique_ignoring_case(client, admin):
    client.post("/v1/especialidades", json={"nome": "Cardiologia"}, headers=admin)

    response = client.post(
        "/v1/especialidades", json={"nome": "CARDIOLOGIA"}, headers=admin
    )

    assert response.status_code == 409
    assert response.get_json()["error"][0]["title"] == "HttpConflictError"


def test_create_returns_every_field_with_the_nome_trimmed(client, admin):
    response = client.post(
        "/v1/especialidades", json=especialidade(nome="  Pediatria  "), headers=admin
    )

    assert response.status_code == 201
    data = response.get_json()["data"]
    assert data == {
        "id": data["id"],
        "nome": "Pediatria",
        "descricao": "Doenças do coração e do sistema circulatório",
        "criado_em": data["criado_em"],
        "atualizado_em": data["atualizado_em"],
    }


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"nome": None}, "nome"),
        ({"nome": ""}, "nome"),
        ({"nome": "   "}, "nome"),
        ({"nome": "A"}, "nome"),
        ({"nome": "x" * 101}, "nome"),
        ({"nome": 123}, "nome"),
        ({"descricao": "x" * 501}, "descricao"),
        ({"descricao": 5}, "descricao"),
    ],
)
def test_invalid_field_is_refused_on_create(client, admin, changes, field):
    response = client.post(
        "/v1/especialidades", json=especialidade(**changes), headers=admin
    )

    assert_invalid(response, field)


def test_nome_is_required(client, admin):
    response = client.post(
        "/v1/especialidades", json={"descricao": "sem nome"}, headers=admin
    )

    assert_invalid(response, "nome")


def test_each_failing_field_gets_one_entry(client, admin):
    body = {"nome": "A", "descricao": "x" * 501}

    response = client.post("/v1/especialidades", json=body, headers=admin)

    assert_invalid(response, "nome", "descricao")


def test_lengths_at_the_limits_are_accepted(client, admin):
    body = especialidade(nome="x" * 100, descricao="y" * 500)

    response = client.post("/v1/especialidades", json=body, headers=admin)

    assert response.status_code == 201
    assert response.get_json()["data"]["nome"] == "x" * 100


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"nome": None}, "nome"),
        ({"nome": "A"}, "nome"),
        ({"descricao": "x" * 501}, "descricao"),
    ],
)
def test_patch_applies_the_create_rules(client, admin, changes, field):
    created = create_especialidade(client, admin)

    response = client.patch(
        f"/v1/especialidades/{created['id']}", json=changes, headers=admin
    )

    assert_invalid(response, field)
    fetched = client.get(f"/v1/especialidades/{created['id']}", headers=admin)
    assert fetched.get_json()["data"] == created


def test_patch_to_a_name_taken_by_another_is_409(client, admin):
    create_especialidade(client, admin, nome="Cardiologia")
    other = create_especialidade(client, admin, nome="Pediatria")

    response = client.patch(
        f"/v1/especialidades/{other['id']}", json={"nome": "cardiologia"}, headers=admin
    )

    assert_error(response, 409, "HttpConflictError")


def test_patch_may_change_the_case_of_its_own_name(client, admin):
    created = create_especialidade(client, admin, nome="cardiologia")

    response = client.patch(
        f"/v1/especialidades/{created['id']}",
        json={"nome": "Cardiologia"},
        headers=admin,
    )

    assert response.status_code == 200
    assert response.get_json()["data"]["nome"] == "Cardiologia"


def test_name_is_unique_ignoring_accents(client, admin):
    create_especialidade(client, admin, nome="Clínica Médica")

    response = client.post(
        "/v1/especialidades", json=especialidade(nome="clinica medica"), headers=admin
    )

    assert_error(response, 409, "HttpConflictError")


def test_delete_of_an_especialidade_a_medico_has_is_409_and_keeps_it(client, admin):
    created = create_especialidade(client, admin)
    medico = create_medico(client, admin, created["id"])

    response = client.delete(f"/v1/especialidades/{created['id']}", headers=admin)

    assert_error(response, 409, "HttpConflictError")
    kept = client.get(f"/v1/especialidades/{created['id']}", headers=admin)
    assert kept.get_json()["data"] == created
    still = client.get(f"/v1/medicos/{medico['id']}", headers=admin)
    assert still.get_json()["data"]["especialidades"] == [
        {"id": created["id"], "nome": "Cardiologia"}
    ]


def test_a_patch_in_the_same_second_keeps_the_pinned_clock_in_atualizado_em(
    client, clock, as_role
):
    clock.set(datetime(2026, 3, 2, 8, 0, tzinfo=SAO_PAULO))
    admin = as_role(Papel.ADMIN)
    created = client.post(
        "/v1/especialidades", json={"nome": "Cardiologia"}, headers=admin
    ).get_json()["data"]

    patched = client.patch(
        f"/v1/especialidades/{created['id']}",
        json={"descricao": "Coração"},
        headers=admin,
    ).get_json()["data"]

    assert patched["atualizado_em"] == "2026-03-02T08:00:00-03:00"
