import pytest

from tests.e2e.helpers import (
    assert_envelope,
    assert_invalid,
    ids_of,
    new_leito,
    new_setor,
)

pytestmark = pytest.mark.e2e

SETOR_TIPOS = ["enfermaria", "uti", "pronto_socorro", "centro_cirurgico", "outro"]


def test_create_returns_201_with_defaults_and_bed_counts(client, admin):
    response = client.post(
        "/v1/setores",
        json={"nome": "Clínica Médica", "valor_diaria": "1234.50"},
        headers=admin,
    )

    assert response.status_code == 201
    body = response.get_json()["data"]
    assert body["nome"] == "Clínica Médica"
    assert body["descricao"] is None
    assert body["tipo"] == "enfermaria"
    assert body["valor_diaria"] == "1234.50"
    assert body["total_leitos"] == 0
    assert body["leitos_livres"] == 0


def test_bed_counts_follow_the_beds_of_the_setor(client, admin):
    setor = new_setor(client, admin)
    other = new_setor(client, admin, nome="UTI Adulto")
    new_leito(client, admin, setor["id"], "101")
    new_leito(client, admin, setor["id"], "102")
    new_leito(client, admin, setor["id"], "103", status="manutencao")
    new_leito(client, admin, other["id"], "201")

    shown = client.get(f"/v1/setores/{setor['id']}", headers=admin).get_json()["data"]
    listed = client.get("/v1/setores", headers=admin).get_json()["data"]

    assert (shown["total_leitos"], shown["leitos_livres"]) == (3, 2)
    assert [(s["total_leitos"], s["leitos_livres"]) for s in listed] == [(3, 2), (1, 1)]


@pytest.mark.parametrize(
    ("given", "shown"),
    [
        ("350", "350.00"),
        ("99.9", "99.90"),
        ("0.01", "0.01"),
        (350, "350.00"),
        (99.9, "99.90"),
        (1234.56, "1234.56"),
    ],
)
def test_valor_diaria_is_a_string_with_two_decimals_from_a_string_or_number(
    client, admin, given, shown
):
    response = client.post(
        "/v1/setores", json={"nome": "UTI", "valor_diaria": given}, headers=admin
    )

    assert response.status_code == 201
    assert response.get_json()["data"]["valor_diaria"] == shown


@pytest.mark.parametrize(
    "valor",
    [
        "1.005",
        10.123,
        "NaN",
        "nan",
        "Infinity",
        "-Infinity",
        0,
        "0.00",
        -1,
        "-0.01",
        "abc",
        "",
        True,
        None,
        [],
        {},
    ],
)
def test_valor_diaria_that_is_not_a_positive_amount_in_cents_is_422(
    client, admin, valor
):
    response = client.post(
        "/v1/setores", json={"nome": "UTI", "valor_diaria": valor}, headers=admin
    )

    assert_invalid(response, "valor_diaria")


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity"])
def test_valor_diaria_as_a_bare_nan_or_infinity_literal_is_422(client, admin, literal):
    body = f'{{"nome": "UTI", "valor_diaria": {literal}}}'

    response = client.post(
        "/v1/setores", data=body, content_type="application/json", headers=admin
    )

    assert_invalid(response, "valor_diaria")


def test_valor_diaria_is_required(client, admin):
    response = client.post("/v1/setores", json={"nome": "UTI"}, headers=admin)

    assert_invalid(response, "valor_diaria")


def test_update_applies_the_money_rules_to_valor_diaria(client, admin):
    setor = new_setor(client, admin)

    refused = client.patch(
        f"/v1/setores/{setor['id']}", json={"valor_diaria": "1.005"}, headers=admin
    )
    accepted = client.patch(
        f"/v1/setores/{setor['id']}", json={"valor_diaria": 750.5}, headers=admin
    )

    assert_invalid(refused, "valor_diaria")
    assert accepted.status_code == 200
    assert accepted.get_json()["data"]["valor_diaria"] == "750.50"


@pytest.mark.parametrize("nome", ["Clínica Médica", "CLÍNICA MÉDICA", "clinica medica"])
def test_nome_is_unique_ignoring_case_and_accents(client, admin, nome):
    new_setor(client, admin, nome="Clínica Médica")

    response = client.post(
        "/v1/setores", json={"nome": nome, "valor_diaria": "100.00"}, headers=admin
    )

    entries = assert_envelope(response, 409, "HttpConflictError")
    assert entries[0]["field"] == "nome"


def test_renaming_to_a_taken_nome_is_409(client, admin):
    new_setor(client, admin, nome="UTI Adulto")
    setor = new_setor(client, admin, nome="Enfermaria")

    response = client.patch(
        f"/v1/setores/{setor['id']}", json={"nome": "UTI Adulto"}, headers=admin
    )

    assert_envelope(response, 409, "HttpConflictError")


def test_keeping_its_own_nome_on_update_is_not_a_conflict(client, admin):
    setor = new_setor(client, admin, nome="UTI Adulto")

    response = client.patch(
        f"/v1/setores/{setor['id']}", json={"nome": "UTI Adulto"}, headers=admin
    )

    assert response.status_code == 200


@pytest.mark.parametrize("tipo", SETOR_TIPOS)
def test_every_tipo_of_the_contract_is_accepted(client, admin, tipo):
    setor = new_setor(client, admin, tipo=tipo)

    assert setor["tipo"] == tipo


@pytest.mark.parametrize("tipo", ["UTI", "ambulatorio", "", None, 1])
def test_tipo_outside_the_enum_is_422(client, admin, tipo):
    response = client.post(
        "/v1/setores",
        json={"nome": "UTI", "valor_diaria": "100.00", "tipo": tipo},
        headers=admin,
    )

    assert_invalid(response, "tipo")


@pytest.mark.parametrize(
    ("payload", "fields"),
    [
        ({}, ["nome", "valor_diaria"]),
        ({"nome": "U", "valor_diaria": "1.00"}, ["nome"]),
        ({"nome": "  ", "valor_diaria": "1.00"}, ["nome"]),
        (
            {"nome": "UTI", "valor_diaria": "1.00", "descricao": "x" * 501},
            ["descricao"],
        ),
    ],
)
def test_invalid_fields_are_each_named_in_a_422(client, admin, payload, fields):
    response = client.post("/v1/setores", json=payload, headers=admin)

    assert_invalid(response, *fields)


def test_delete_of_a_setor_with_beds_is_409_and_deletes_nothing(client, admin):
    setor = new_setor(client, admin)
    leito = new_leito(client, admin, setor["id"], "101")

    response = client.delete(f"/v1/setores/{setor['id']}", headers=admin)

    assert_envelope(response, 409, "HttpConflictError")
    still = client.get(f"/v1/setores/{setor['id']}", headers=admin)
    assert still.get_json()["data"]["total_leitos"] == 1
    assert client.get(f"/v1/leitos/{leito['id']}", headers=admin).status_code == 200


def test_list_filters_by_tipo(client, admin):
    new_setor(client, admin, nome="Clínica Médica")
    uti = new_setor(client, admin, nome="UTI Clínica", tipo="uti")
    new_setor(client, admin, nome="Pronto-Socorro", tipo="pronto_socorro")

    response = client.get("/v1/setores?tipo=uti", headers=admin)

    assert ids_of(response) == [uti["id"]]
