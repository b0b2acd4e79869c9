import pytest

from src.domain.enums import Papel
from tests.e2e.helpers import (
    assert_envelope,
    assert_invalid,
    create,
    ids_of,
    new_medicamento,
)

pytestmark = pytest.mark.e2e

USER_FIELDS = {
    "id",
    "nome",
    "email",
    "papel",
    "ativo",
    "email_confirmado",
    "criado_em",
    "atualizado_em",
}


def usuario(**overrides):
    return {
        "nome": "Carla Mendes",
        "email": "carla.mendes@hospital.test",
        "papel": "recepcao",
        "senha": "senha-forte-123",
        **overrides,
    }


def login(client, email, senha):
    return client.post("/v1/auth/login", json={"email": email, "senha": senha})


def test_admin_creates_a_user_that_can_log_in_at_once(client, admin):
    response = client.post("/v1/usuarios", json=usuario(), headers=admin)

    assert response.status_code == 201
    body = response.get_json()["data"]
    assert set(body) == USER_FIELDS
    assert body["nome"] == "Carla Mendes"
    assert body["email"] == "carla.mendes@hospital.test"
    assert body["papel"] == "recepcao"
    assert body["ativo"] is True
    assert body["email_confirmado"] is False
    assert (
        login(client, "carla.mendes@hospital.test", "senha-forte-123").status_code
        == 200
    )


def test_the_password_is_never_returned(client, admin):
    created = client.post("/v1/usuarios", json=usuario(), headers=admin)
    user_id = created.get_json()["data"]["id"]

    answers = [
        created,
        client.get(f"/v1/usuarios/{user_id}", headers=admin),
        client.get("/v1/usuarios", headers=admin),
        client.patch(f"/v1/usuarios/{user_id}", json={"nome": "Carla"}, headers=admin),
    ]

    for response in answers:
        text = response.get_data(as_text=True)
        assert "senha" not in text
        assert "senha-forte-123" not in text
        assert "argon" not in text


def test_email_is_stored_lower_case(client, admin):
    created = create(
        client, "/v1/usuarios", usuario(email="Carla.Mendes@Hospital.TEST"), admin
    )

    assert created["email"] == "carla.mendes@hospital.test"


@pytest.mark.parametrize(
    "email", ["carla.mendes@hospital.test", "CARLA.MENDES@HOSPITAL.TEST"]
)
def test_email_is_unique_ignoring_case(client, admin, email):
    create(client, "/v1/usuarios", usuario(), admin)

    response = client.post(
        "/v1/usuarios", json=usuario(email=email, nome="Outra Carla"), headers=admin
    )

    entries = assert_envelope(response, 409, "HttpConflictError")
    assert entries[0]["field"] == "email"


def test_changing_the_email_to_a_taken_one_is_409(client, admin):
    create(client, "/v1/usuarios", usuario(), admin)
    other = create(client, "/v1/usuarios", usuario(email="bruno@hospital.test"), admin)

    response = client.patch(
        f"/v1/usuarios/{other['id']}",
        json={"email": "Carla.Mendes@hospital.test"},
        headers=admin,
    )

    assert_envelope(response, 409, "HttpConflictError")


@pytest.mark.parametrize(
    ("overrides", "fields"),
    [
        ({"senha": "1234567"}, ["senha"]),
        ({"senha": ""}, ["senha"]),
        ({"senha": None}, ["senha"]),
        ({"senha": 12345678}, ["senha"]),
        ({"papel": "diretor"}, ["papel"]),
        ({"papel": "ADMIN"}, ["papel"]),
        ({"papel": None}, ["papel"]),
        ({"email": "carla"}, ["email"]),
        ({"email": None}, ["email"]),
        ({"nome": "C"}, ["nome"]),
        ({"ativo": "sim"}, ["ativo"]),
        ({"email_confirmado": True}, ["email_confirmado"]),
    ],
)
def test_invalid_fields_are_each_named_in_a_422(client, admin, overrides, fields):
    response = client.post("/v1/usuarios", json=usuario(**overrides), headers=admin)

    assert_invalid(response, *fields)


def test_missing_required_fields_are_each_named(client, admin):
    response = client.post("/v1/usuarios", json={}, headers=admin)

    assert_invalid(response, "nome", "email", "papel", "senha")


def test_a_password_of_eight_characters_is_enough(client, admin):
    created = create(client, "/v1/usuarios", usuario(senha="12345678"), admin)

    assert login(client, created["email"], "12345678").status_code == 200


@pytest.mark.parametrize("papel", list(Papel))
def test_every_papel_of_the_contract_is_accepted(client, admin, papel):
    created = create(client, "/v1/usuarios", usuario(papel=str(papel)), admin)

    assert created["papel"] == str(papel)


def test_senha_on_update_is_422_and_the_password_stays(client, admin):
    created = create(client, "/v1/usuarios", usuario(), admin)

    response = client.patch(
        f"/v1/usuarios/{created['id']}",
        json={"senha": "outra-senha-456"},
        headers=admin,
    )

    assert_invalid(response, "senha")
    assert login(client, created["email"], "outra-senha-456").status_code == 401
    assert login(client, created["email"], "senha-forte-123").status_code == 200


def test_a_deactivated_users_token_stops_working(client, admin, make_user):
    user = make_user(Papel.MEDICO)

    client.patch(f"/v1/usuarios/{user['id']}", json={"ativo": False}, headers=admin)

    response = client.get("/v1/usuarios/me", headers=user["headers"])
    assert_envelope(response, 401, "HttpUnauthorizedError")


def test_a_deleted_user_can_no_longer_log_in(client, admin):
    created = create(client, "/v1/usuarios", usuario(), admin)

    response = client.delete(f"/v1/usuarios/{created['id']}", headers=admin)

    assert response.status_code == 204
    assert login(client, created["email"], "senha-forte-123").status_code == 401


def test_deleting_a_user_who_recorded_stock_movements_is_409(client, admin, make_user):
    farmacia = make_user(Papel.FARMACIA)
    medicamento = new_medicamento(client, admin, estoque_atual=5)
    client.post(
        f"/v1/medicamentos/{medicamento['id']}/movimentacoes",
        json={"tipo": "saida", "quantidade": 1},
        headers=farmacia["headers"],
    )

    response = client.delete(f"/v1/usuarios/{farmacia['id']}", headers=admin)

    assert_envelope(response, 409, "HttpConflictError")
    assert (
        client.get(f"/v1/usuarios/{farmacia['id']}", headers=admin).status_code == 200
    )


def test_list_filters_by_papel_and_ativo(client, admin, make_user):
    medico = make_user(Papel.MEDICO, nome="José Ribeiro")
    inactive = make_user(Papel.MEDICO, nome="Ana Lima", ativo=False)
    make_user(Papel.FARMACIA, nome="Paulo Reis")

    by_papel = client.get("/v1/usuarios?papel=medico", headers=admin)
    by_ativo = client.get("/v1/usuarios?ativo=false", headers=admin)

    assert ids_of(by_papel) == [medico["id"], inactive["id"]]
    assert ids_of(by_ativo) == [inactive["id"]]


@pytest.mark.parametrize("papel", list(Papel))
def test_me_answers_the_callers_own_account_for_every_role(client, make_user, papel):
    user = make_user(papel)

    response = client.get("/v1/usuarios/me", headers=user["headers"])

    assert response.status_code == 200
    body = response.get_json()["data"]
    assert set(body) == USER_FIELDS
    assert (body["id"], body["email"], body["papel"]) == (
        user["id"],
        user["email"],
        str(papel),
    )


def test_me_needs_a_token(client):
    response = client.get("/v1/usuarios/me")

    assert_envelope(response, 401, "HttpUnauthorizedError")
