import pytest
from sqlalchemy import update

from src.domain.enums import Papel
from src.infra.db.models import LeitoModel
from tests.e2e.helpers import (
    assert_envelope,
    assert_invalid,
    ids_of,
    new_leito,
    new_setor,
)

pytestmark = pytest.mark.e2e


def occupy(engine, leito_id):
    """Admissions do not exist yet: put a patient in the bed behind the API."""
    with engine.begin() as connection:
        connection.execute(
            update(LeitoModel).where(LeitoModel.id == leito_id).values(status="ocupado")
        )


@pytest.fixture
def setor(client, admin):
    return new_setor(client, admin, nome="Clínica Médica")


def test_create_returns_201_with_the_defaults(client, admin, setor):
    response = client.post(
        "/v1/leitos", json={"setor_id": setor["id"], "codigo": "101"}, headers=admin
    )

    assert response.status_code == 201
    body = response.get_json()["data"]
    assert body == {
        "id": body["id"],
        "setor_id": setor["id"],
        "codigo": "101",
        "tipo": "enfermaria",
        "status": "livre",
        "criado_em": body["criado_em"],
        "atualizado_em": body["atualizado_em"],
    }


@pytest.mark.parametrize("tipo", ["enfermaria", "apartamento", "uti", "isolamento"])
def test_every_tipo_of_the_contract_is_accepted(client, admin, setor, tipo):
    leito = new_leito(client, admin, setor["id"], "101", tipo=tipo)

    assert leito["tipo"] == tipo


@pytest.mark.parametrize("tipo", ["UTI", "suite", "", None, 3])
def test_tipo_outside_the_enum_is_422(client, admin, setor, tipo):
    response = client.post(
        "/v1/leitos",
        json={"setor_id": setor["id"], "codigo": "101", "tipo": tipo},
        headers=admin,
    )

    assert_invalid(response, "tipo")


def test_setor_id_that_does_not_exist_is_422_naming_it(client, admin):
    response = client.post(
        "/v1/leitos", json={"setor_id": 999, "codigo": "101"}, headers=admin
    )

    assert_invalid(response, "setor_id")


def test_moving_a_bed_to_a_setor_that_does_not_exist_is_422(client, admin, setor):
    leito = new_leito(client, admin, setor["id"], "101")

    response = client.patch(
        f"/v1/leitos/{leito['id']}", json={"setor_id": 999}, headers=admin
    )

    assert_invalid(response, "setor_id")


@pytest.mark.parametrize(
    ("payload", "fields"),
    [
        ({}, ["setor_id", "codigo"]),
        ({"codigo": "101"}, ["setor_id"]),
        ({"setor_id": "um", "codigo": "101"}, ["setor_id"]),
        ({"setor_id": 0, "codigo": "101"}, ["setor_id"]),
        ({"setor_id": 10**20, "codigo": "101"}, ["setor_id"]),
        ({"codigo": "x" * 21}, ["setor_id", "codigo"]),
        ({"codigo": ""}, ["setor_id", "codigo"]),
    ],
)
def test_invalid_fields_are_each_named_in_a_422(client, admin, payload, fields):
    response = client.post("/v1/leitos", json=payload, headers=admin)

    assert_invalid(response, *fields)


def test_codigo_of_twenty_characters_is_accepted(client, admin, setor):
    leito = new_leito(client, admin, setor["id"], "x" * 20)

    assert leito["codigo"] == "x" * 20


def test_codigo_is_unique_within_its_setor(client, admin, setor):
    new_leito(client, admin, setor["id"], "101")

    response = client.post(
        "/v1/leitos", json={"setor_id": setor["id"], "codigo": "101"}, headers=admin
    )

    entries = assert_envelope(response, 409, "HttpConflictError")
    assert entries[0]["field"] == "codigo"


def test_the_same_codigo_in_another_setor_is_fine(client, admin, setor):
    uti = new_setor(client, admin, nome="UTI Adulto")
    new_leito(client, admin, setor["id"], "101")

    response = client.post(
        "/v1/leitos", json={"setor_id": uti["id"], "codigo": "101"}, headers=admin
    )

    assert response.status_code == 201


def test_moving_a_bed_into_a_setor_that_has_its_codigo_is_409(client, admin, setor):
    uti = new_setor(client, admin, nome="UTI Adulto")
    new_leito(client, admin, uti["id"], "101")
    leito = new_leito(client, admin, setor["id"], "101")

    response = client.patch(
        f"/v1/leitos/{leito['id']}", json={"setor_id": uti["id"]}, headers=admin
    )

    assert_envelope(response, 409, "HttpConflictError")
    shown = client.get(f"/v1/leitos/{leito['id']}", headers=admin).get_json()["data"]
    assert shown["setor_id"] == setor["id"]


def test_recoding_a_bed_to_a_codigo_taken_in_its_setor_is_409(client, admin, setor):
    new_leito(client, admin, setor["id"], "101")
    leito = new_leito(client, admin, setor["id"], "102")

    response = client.patch(
        f"/v1/leitos/{leito['id']}", json={"codigo": "101"}, headers=admin
    )

    assert_envelope(response, 409, "HttpConflictError")


@pytest.mark.parametrize("status", ["livre", "manutencao"])
def test_status_livre_or_manutencao_may_be_set_on_create(client, admin, setor, status):
    leito = new_leito(client, admin, setor["id"], "101", status=status)

    assert leito["status"] == status


def test_status_moves_between_livre_and_manutencao(client, admin, setor):
    leito = new_leito(client, admin, setor["id"], "101")
    path = f"/v1/leitos/{leito['id']}"

    to_maintenance = client.patch(path, json={"status": "manutencao"}, headers=admin)
    back = client.patch(path, json={"status": "livre"}, headers=admin)

    assert to_maintenance.get_json()["data"]["status"] == "manutencao"
    assert back.get_json()["data"]["status"] == "livre"


def test_setting_ocupado_by_hand_on_create_is_422(client, admin, setor):
    response = client.post(
        "/v1/leitos",
        json={"setor_id": setor["id"], "codigo": "101", "status": "ocupado"},
        headers=admin,
    )

    assert_invalid(response, "status")


def test_setting_ocupado_by_hand_on_update_is_422_and_changes_nothing(
    client, admin, setor
):
    leito = new_leito(client, admin, setor["id"], "101")

    response = client.patch(
        f"/v1/leitos/{leito['id']}", json={"status": "ocupado"}, headers=admin
    )

    assert_invalid(response, "status")
    shown = client.get(f"/v1/leitos/{leito['id']}", headers=admin).get_json()["data"]
    assert shown["status"] == "livre"


@pytest.mark.parametrize("status", ["LIVRE", "limpeza", "", None])
def test_status_outside_the_enum_is_422_on_update(client, admin, setor, status):
    leito = new_leito(client, admin, setor["id"], "101")

    response = client.patch(
        f"/v1/leitos/{leito['id']}", json={"status": status}, headers=admin
    )

    assert_invalid(response, "status")


@pytest.mark.parametrize("status", ["livre", "manutencao"])
def test_changing_the_status_of_an_occupied_bed_is_409(
    client, admin, setor, engine, status
):
    leito = new_leito(client, admin, setor["id"], "101")
    occupy(engine, leito["id"])

    response = client.patch(
        f"/v1/leitos/{leito['id']}", json={"status": status}, headers=admin
    )

    assert_envelope(response, 409, "HttpConflictError")
    shown = client.get(f"/v1/leitos/{leito['id']}", headers=admin).get_json()["data"]
    assert shown["status"] == "ocupado"


def test_an_occupied_bed_may_still_be_recoded(client, admin, setor, engine):
    leito = new_leito(client, admin, setor["id"], "101")
    occupy(engine, leito["id"])

    response = client.patch(
        f"/v1/leitos/{leito['id']}", json={"codigo": "101-A"}, headers=admin
    )

    assert response.status_code == 200
    assert response.get_json()["data"]["codigo"] == "101-A"
    assert response.get_json()["data"]["status"] == "ocupado"


def test_deleting_an_occupied_bed_is_409_and_deletes_nothing(
    client, admin, setor, engine
):
    leito = new_leito(client, admin, setor["id"], "101")
    occupy(engine, leito["id"])

    response = client.delete(f"/v1/leitos/{leito['id']}", headers=admin)

    assert_envelope(response, 409, "HttpConflictError")
    assert client.get(f"/v1/leitos/{leito['id']}", headers=admin).status_code == 200


def test_an_occupied_bed_is_not_counted_free_in_its_setor(client, admin, setor, engine):
    leito = new_leito(client, admin, setor["id"], "101")
    new_leito(client, admin, setor["id"], "102")
    occupy(engine, leito["id"])

    shown = client.get(f"/v1/setores/{setor['id']}", headers=admin).get_json()["data"]

    assert (shown["total_leitos"], shown["leitos_livres"]) == (2, 1)


def test_list_filters_by_setor_id_status_and_tipo(client, admin, setor, engine):
    uti = new_setor(client, admin, nome="UTI Adulto")
    a = new_leito(client, admin, setor["id"], "101")
    b = new_leito(client, admin, setor["id"], "102", status="manutencao")
    c = new_leito(client, admin, setor["id"], "103", tipo="apartamento")
    d = new_leito(client, admin, uti["id"], "U1", tipo="uti")
    occupy(engine, c["id"])

    def listed(query):
        return ids_of(client.get(f"/v1/leitos?{query}", headers=admin))

    assert listed(f"setor_id={setor['id']}") == [a["id"], b["id"], c["id"]]
    assert listed(f"setor_id={uti['id']}") == [d["id"]]
    assert listed("status=livre") == [a["id"], d["id"]]
    assert listed("status=manutencao") == [b["id"]]
    assert listed("status=ocupado") == [c["id"]]
    assert listed("tipo=uti") == [d["id"]]
    assert listed(f"setor_id={setor['id']}&status=livre") == [a["id"]]
    assert listed("setor_id=999") == []


@pytest.mark.parametrize(
    ("query", "field"),
    [("setor_id=abc", "setor_id"), ("status=quebrado", "status"), ("tipo=x", "tipo")],
)
def test_a_filter_with_a_bad_value_is_422_naming_it(client, admin, query, field):
    response = client.get(f"/v1/leitos?{query}", headers=admin)

    assert_invalid(response, field)


def test_enfermagem_may_change_a_beds_status(client, admin, as_role, setor):
    leito = new_leito(client, admin, setor["id"], "101")

    response = client.patch(
        f"/v1/leitos/{leito['id']}",
        json={"status": "manutencao"},
        headers=as_role(Papel.ENFERMAGEM),
    )

    assert response.status_code == 200
    assert response.get_json()["data"]["status"] == "manutencao"


@pytest.mark.parametrize(
    "changes",
    [
        {"codigo": "999"},
        {"tipo": "uti"},
        {"setor_id": 1},
        {"status": "manutencao", "codigo": "999"},
    ],
)
def test_enfermagem_may_change_nothing_else_about_a_bed(
    client, admin, as_role, setor, changes
):
    leito = new_leito(client, admin, setor["id"], "101")

    response = client.patch(
        f"/v1/leitos/{leito['id']}", json=changes, headers=as_role(Papel.ENFERMAGEM)
    )

    assert_envelope(response, 403, "HttpForbiddenError")
    shown = client.get(f"/v1/leitos/{leito['id']}", headers=admin).get_json()["data"]
    assert shown == leito


def test_enfermagem_may_not_create_or_delete_beds(client, admin, as_role, setor):
    leito = new_leito(client, admin, setor["id"], "101")
    nurse = as_role(Papel.ENFERMAGEM)

    created = client.post(
        "/v1/leitos", json={"setor_id": setor["id"], "codigo": "102"}, headers=nurse
    )
    deleted = client.delete(f"/v1/leitos/{leito['id']}", headers=nurse)

    assert_envelope(created, 403, "HttpForbiddenError")
    assert_envelope(deleted, 403, "HttpForbiddenError")


def test_enfermagem_may_not_free_an_occupied_bed(client, admin, as_role, setor, engine):
    leito = new_leito(client, admin, setor["id"], "101")
    occupy(engine, leito["id"])

    response = client.patch(
        f"/v1/leitos/{leito['id']}",
        json={"status": "livre"},
        headers=as_role(Papel.ENFERMAGEM),
    )

    assert_envelope(response, 409, "HttpConflictError")


def test_gestor_changes_everything_about_a_bed(client, admin, as_role, setor):
    uti = new_setor(client, admin, nome="UTI Adulto")
    leito = new_leito(client, admin, setor["id"], "101")
    gestor = as_role(Papel.GESTOR)

    response = client.patch(
        f"/v1/leitos/{leito['id']}",
        json={
            "setor_id": uti["id"],
            "codigo": "U1",
            "tipo": "uti",
            "status": "manutencao",
        },
        headers=gestor,
    )
    deleted = client.delete(f"/v1/leitos/{leito['id']}", headers=gestor)

    assert response.status_code == 200
    body = response.get_json()["data"]
    assert (body["setor_id"], body["codigo"], body["tipo"], body["status"]) == (
        uti["id"],
        "U1",
        "uti",
        "manutencao",
    )
    assert deleted.status_code == 204
