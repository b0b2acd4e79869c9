import pytest

from tests.e2e.helpers import (
    assert_error,
    assert_invalid,
    create,
    ids_of,
    new_paciente,
)

pytestmark = pytest.mark.e2e


def convenio(**overrides):
    """A valid convenio body; ``overrides`` replace or add fields."""
    return {
        "nome": "Unimed Paulistana",
        "registro_ans": "301337",
        "prazo_pagamento_dias": 45,
        "ativo": True,
        **overrides,
    }


def create_convenio(client, headers, **overrides):
    return create(client, "/v1/convenios", convenio(**overrides), headers)


def test_create_returns_201_with_every_field(client, admin):
    response = client.post("/v1/convenios", json=convenio(), headers=admin)

    assert response.status_code == 201
    data = response.get_json()["data"]
    assert data == {
        "id": data["id"],
        "nome": "Unimed Paulistana",
        "registro_ans": "301337",
        "prazo_pagamento_dias": 45,
        "ativo": True,
        "criado_em": data["criado_em"],
        "atualizado_em": data["atualizado_em"],
    }


def test_prazo_defaults_to_30_days_and_ativo_to_true(client, admin):
    response = client.post("/v1/convenios", json={"nome": "Amil"}, headers=admin)

    assert response.status_code == 201
    data = response.get_json()["data"]
    assert data["prazo_pagamento_dias"] == 30
    assert data["ativo"] is True
    assert data["registro_ans"] is None


def test_an_inactive_convenio_may_be_registered(client, admin):
    response = client.post("/v1/convenios", json=convenio(ativo=False), headers=admin)

    assert response.get_json()["data"]["ativo"] is False


@pytest.mark.parametrize("prazo", [0, 365])
def test_prazo_at_the_limits_is_accepted(client, admin, prazo):
    response = client.post(
        "/v1/convenios", json=convenio(prazo_pagamento_dias=prazo), headers=admin
    )

    assert response.status_code == 201
    assert response.get_json()["data"]["prazo_pagamento_dias"] == prazo


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"nome": None}, "nome"),
        ({"nome": ""}, "nome"),
        ({"nome": "A"}, "nome"),
        ({"nome": "x" * 151}, "nome"),
        ({"nome": 42}, "nome"),
        ({"registro_ans": "12345"}, "registro_ans"),
        ({"registro_ans": "1234567"}, "registro_ans"),
        ({"registro_ans": "30133A"}, "registro_ans"),
        ({"registro_ans": 301337}, "registro_ans"),
        ({"prazo_pagamento_dias": -1}, "prazo_pagamento_dias"),
        ({"prazo_pagamento_dias": 366}, "prazo_pagamento_dias"),
        ({"prazo_pagamento_dias": "30"}, "prazo_pagamento_dias"),
        ({"prazo_pagamento_dias": 30.5}, "prazo_pagamento_dias"),
        ({"prazo_pagamento_dias": True}, "prazo_pagamento_dias"),
        ({"prazo_pagamento_dias": None}, "prazo_pagamento_dias"),
        ({"ativo": "sim"}, "ativo"),
        ({"ativo": 1}, "ativo"),
        ({"ativo": None}, "ativo"),
    ],
)
def test_invalid_field_is_refused_on_create(client, admin, changes, field):
    response = client.post("/v1/convenios", json=convenio(**changes), headers=admin)

    assert_invalid(response, field)


def test_nome_is_required(client, admin):
    response = client.post(
        "/v1/convenios", json={"registro_ans": "301337"}, headers=admin
    )

    assert_invalid(response, "nome")


def test_each_failing_field_gets_one_entry(client, admin):
    body = {"nome": "", "registro_ans": "1", "prazo_pagamento_dias": 400, "ativo": "x"}

    response = client.post("/v1/convenios", json=body, headers=admin)

    assert_invalid(response, "nome", "registro_ans", "prazo_pagamento_dias", "ativo")


@pytest.mark.parametrize("nome", ["Unimed Paulistana", "UNIMED PAULISTANA"])
def test_nome_is_unique(client, admin, nome):
    create_convenio(client, admin, nome="Unimed Paulistana")

    response = client.post("/v1/convenios", json=convenio(nome=nome), headers=admin)

    assert_error(response, 409, "HttpConflictError")
    assert client.get("/v1/convenios", headers=admin).get_json()["meta"]["total"] == 1


@pytest.mark.parametrize("ativo", [True, False])
def test_ativo_filter_finds_convenios_in_that_state(client, admin, ativo):
    active = create_convenio(client, admin, nome="Amil", ativo=True)
    inactive = create_convenio(client, admin, nome="Golden Cross", ativo=False)

    response = client.get(f"/v1/convenios?ativo={str(ativo).lower()}", headers=admin)

    assert ids_of(response) == [active["id"] if ativo else inactive["id"]]
    assert response.get_json()["meta"]["total"] == 1


def test_ativo_filter_must_be_true_or_false(client, admin):
    response = client.get("/v1/convenios?ativo=talvez", headers=admin)

    assert_invalid(response, "ativo")


def test_patch_may_clear_the_registro_ans(client, admin):
    created = create_convenio(client, admin)

    response = client.patch(
        f"/v1/convenios/{created['id']}", json={"registro_ans": None}, headers=admin
    )

    assert response.status_code == 200
    assert response.get_json()["data"]["registro_ans"] is None


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"nome": None}, "nome"),
        ({"nome": "A"}, "nome"),
        ({"registro_ans": "123"}, "registro_ans"),
        ({"prazo_pagamento_dias": 366}, "prazo_pagamento_dias"),
        ({"prazo_pagamento_dias": None}, "prazo_pagamento_dias"),
        ({"ativo": "nao"}, "ativo"),
    ],
)
def test_patch_applies_the_create_rules(client, admin, changes, field):
    created = create_convenio(client, admin)

    response = client.patch(
        f"/v1/convenios/{created['id']}", json=changes, headers=admin
    )

    assert_invalid(response, field)
    fetched = client.get(f"/v1/convenios/{created['id']}", headers=admin)
    assert fetched.get_json()["data"] == created


def test_patch_to_a_name_taken_by_another_is_409(client, admin):
    create_convenio(client, admin, nome="Amil")
    other = create_convenio(client, admin, nome="Bradesco Saúde")

    response = client.patch(
        f"/v1/convenios/{other['id']}", json={"nome": "amil"}, headers=admin
    )

    assert_error(response, 409, "HttpConflictError")


def test_delete_of_a_convenio_a_paciente_has_is_409_and_keeps_both(client, admin):
    created = create_convenio(client, admin)
    paciente = new_paciente(client, admin, convenio_id=created["id"])

    response = client.delete(f"/v1/convenios/{created['id']}", headers=admin)

    assert_error(response, 409, "HttpConflictError")
    kept = client.get(f"/v1/convenios/{created['id']}", headers=admin)
    assert kept.get_json()["data"] == created
    still = client.get(f"/v1/pacientes/{paciente['id']}", headers=admin)
    assert still.get_json()["data"]["convenio_id"] == created["id"]
