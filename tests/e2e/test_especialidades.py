import pytest

from src.domain.enums import Papel
from tests.e2e.helpers import (
    BAD_PAGES,
    BAD_TOKEN,
    assert_error,
    assert_invalid,
    assert_local_time,
    create,
    ids_of,
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


def test_create_returns_201_with_location_and_timestamps(client, admin):
    response = client.post(
        "/v1/especialidades", json={"nome": "Cardiologia"}, headers=admin
    )

    assert response.status_code == 201
    body = response.get_json()["data"]
    assert body["nome"] == "Cardiologia"
    assert response.headers["Location"] == f"/v1/especialidades/{body['id']}"
    assert body["criado_em"].endswith("-03:00")


def test_name_is_unique_ignoring_case(client, admin):
    client.post("/v1/especialidades", json={"nome": "Cardiologia"}, headers=admin)

    response = client.post(
        "/v1/especialidades", json={"nome": "CARDIOLOGIA"}, headers=admin
    )

    assert response.status_code == 409
    assert response.get_json()["error"][0]["title"] == "HttpConflictError"


def test_create_returns_every_field_and_both_timestamps(client, admin):
    response = client.post(
        "/v1/especialidades", json=especialidade(nome="  Pediatria  "), headers=admin
    )

    assert response.status_code == 201
    body = response.get_json()
    assert set(body) == {"data"}
    data = body["data"]
    assert data == {
        "id": data["id"],
        "nome": "Pediatria",
        "descricao": "Doenças do coração e do sistema circulatório",
        "criado_em": data["criado_em"],
        "atualizado_em": data["atualizado_em"],
    }
    assert isinstance(data["id"], int)
    assert_local_time(data["criado_em"])
    assert_local_time(data["atualizado_em"])


def test_gestor_may_create(client, as_role):
    response = client.post(
        "/v1/especialidades", json=especialidade(), headers=as_role(Papel.GESTOR)
    )

    assert response.status_code == 201


def test_get_returns_the_especialidade(client, admin):
    created = create_especialidade(client, admin)

    response = client.get(f"/v1/especialidades/{created['id']}", headers=admin)

    assert response.status_code == 200
    assert response.get_json() == {"data": created}


@pytest.mark.parametrize("papel", [p for p in Papel if p != Papel.ADMIN])
def test_every_role_may_read(client, admin, as_role, papel):
    created = create_especialidade(client, admin)

    listed = client.get("/v1/especialidades", headers=as_role(papel))
    one = client.get(f"/v1/especialidades/{created['id']}", headers=as_role(papel))

    assert listed.status_code == 200
    assert one.status_code == 200


def test_list_answers_data_and_meta_ordered_by_id(client, admin):
    first = create_especialidade(client, admin, nome="Pediatria")
    second = create_especialidade(client, admin, nome="Cardiologia")

    response = client.get("/v1/especialidades", headers=admin)

    assert response.status_code == 200
    assert response.get_json() == {
        "data": [first, second],
        "meta": {"page": 1, "per_page": 20, "total": 2, "pages": 1},
    }


def test_list_of_nothing_is_empty(client, admin):
    response = client.get("/v1/especialidades", headers=admin)

    assert response.get_json() == {
        "data": [],
        "meta": {"page": 1, "per_page": 20, "total": 0, "pages": 0},
    }


def test_list_pages_default_to_20_items(client, admin):
    made = [
        create_especialidade(client, admin, nome=f"Área {n}")["id"] for n in range(21)
    ]

    first = client.get("/v1/especialidades", headers=admin)
    second = client.get("/v1/especialidades?page=2", headers=admin)

    assert ids_of(first) == made[:20]
    assert first.get_json()["meta"] == {
        "page": 1,
        "per_page": 20,
        "total": 21,
        "pages": 2,
    }
    assert ids_of(second) == made[20:]
    assert second.get_json()["meta"]["page"] == 2


def test_list_accepts_per_page_from_1_to_100(client, admin):
    made = [
        create_especialidade(client, admin, nome=f"Área {n}")["id"] for n in range(3)
    ]

    one = client.get("/v1/especialidades?per_page=1&page=3", headers=admin)
    hundred = client.get("/v1/especialidades?per_page=100", headers=admin)

    assert ids_of(one) == made[2:]
    assert one.get_json()["meta"] == {"page": 3, "per_page": 1, "total": 3, "pages": 3}
    assert ids_of(hundred) == made


def test_a_page_past_the_end_is_empty(client, admin):
    create_especialidade(client, admin)

    response = client.get("/v1/especialidades?page=5", headers=admin)

    assert response.status_code == 200
    assert response.get_json()["data"] == []
    assert response.get_json()["meta"]["total"] == 1


@BAD_PAGES
def test_pagination_out_of_bounds_is_refused(client, admin, query, field):
    response = client.get(f"/v1/especialidades?{query}", headers=admin)

    assert_invalid(response, field)


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        ("obstetricia", "Obstetrícia"),
        ("OBSTETRÍCIA", "Obstetrícia"),
        ("stet", "Obstetrícia"),
        ("GINECO", "Ginecologia"),
    ],
)
def test_nome_filter_ignores_case_and_accents(client, admin, search, expected):
    for nome in ("Obstetrícia", "Ginecologia", "Pediatria"):
        create_especialidade(client, admin, nome=nome)

    response = client.get(f"/v1/especialidades?nome={search}", headers=admin)

    assert [e["nome"] for e in response.get_json()["data"]] == [expected]
    assert response.get_json()["meta"]["total"] == 1


def test_nome_filter_finds_plain_names_from_accented_search(client, admin):
    create_especialidade(client, admin, nome="Clinica Medica")

    response = client.get("/v1/especialidades?nome=CLÍNICA", headers=admin)

    assert [e["nome"] for e in response.get_json()["data"]] == ["Clinica Medica"]


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


def test_unknown_field_is_refused_by_name(client, admin):
    response = client.post(
        "/v1/especialidades", json=especialidade(codigo="CARD"), headers=admin
    )

    assert_invalid(response, "codigo")


@pytest.mark.parametrize("raw", ["{not json", "[1, 2]", '"Cardiologia"'])
def test_a_body_that_is_not_a_json_object_is_400(client, admin, raw):
    response = client.post(
        "/v1/especialidades",
        data=raw,
        content_type="application/json",
        headers=admin,
    )

    assert_error(response, 400, "HttpBadRequestError")


def test_a_body_sent_as_another_content_type_is_400(client, admin):
    response = client.post(
        "/v1/especialidades",
        data='{"nome": "Cardiologia"}',
        content_type="text/plain",
        headers=admin,
    )

    assert_error(response, 400, "HttpBadRequestError")


def test_an_unsupported_method_is_405_in_the_envelope(client, admin):
    created = create_especialidade(client, admin)

    response = client.put(
        f"/v1/especialidades/{created['id']}", json=especialidade(), headers=admin
    )

    assert_error(response, 405, "HttpMethodNotAllowedError")


def test_patch_changes_only_the_given_fields(client, admin):
    created = create_especialidade(client, admin)

    response = client.patch(
        f"/v1/especialidades/{created['id']}",
        json={"descricao": "Coração"},
        headers=admin,
    )

    assert response.status_code == 200
    data = response.get_json()["data"]
    assert data["nome"] == "Cardiologia"
    assert data["descricao"] == "Coração"
    assert data["criado_em"] == created["criado_em"]
    assert_local_time(data["atualizado_em"])
    fetched = client.get(f"/v1/especialidades/{created['id']}", headers=admin)
    assert fetched.get_json()["data"] == data


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"nome": None}, "nome"),
        ({"nome": "A"}, "nome"),
        ({"descricao": "x" * 501}, "descricao"),
        ({"cor": "vermelho"}, "cor"),
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


def test_delete_answers_204_with_an_empty_body(client, admin):
    created = create_especialidade(client, admin)

    response = client.delete(f"/v1/especialidades/{created['id']}", headers=admin)

    assert response.status_code == 204
    assert response.get_data() == b""
    gone = client.get(f"/v1/especialidades/{created['id']}", headers=admin)
    assert_error(gone, 404, "HttpNotFoundError")


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


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/v1/especialidades/999"),
        ("patch", "/v1/especialidades/999"),
        ("delete", "/v1/especialidades/999"),
        ("get", "/v1/especialidades/0"),
        ("get", "/v1/especialidades/abc"),
        ("get", "/v1/especialidades/-1"),
    ],
)
def test_unknown_id_in_the_path_is_404(client, admin, method, path):
    response = getattr(client, method)(path, json={"nome": "Pediatria"}, headers=admin)

    assert_error(response, 404, "HttpNotFoundError")


@pytest.mark.parametrize("headers", [{}, BAD_TOKEN, {"Authorization": "Basic x"}])
def test_without_a_valid_token_is_401(client, headers):
    response = client.get("/v1/especialidades", headers=headers)

    assert_error(response, 401, "HttpUnauthorizedError")


def test_an_expired_token_is_401(client, admin, clock):
    clock.advance(hours=2)

    response = client.get("/v1/especialidades", headers=admin)

    assert_error(response, 401, "HttpUnauthorizedError")


@pytest.mark.parametrize(
    "papel", [p for p in Papel if p not in (Papel.ADMIN, Papel.GESTOR)]
)
def test_roles_other_than_gestor_may_not_write(client, admin, as_role, papel):
    created = create_especialidade(client, admin)
    path = f"/v1/especialidades/{created['id']}"
    headers = as_role(papel)

    posted = client.post(
        "/v1/especialidades", json=especialidade(nome="X1"), headers=headers
    )
    patched = client.patch(path, json={"nome": "Outra"}, headers=headers)
    deleted = client.delete(path, headers=headers)

    for response in (posted, patched, deleted):
        assert_error(response, 403, "HttpForbiddenError")
    assert client.get(path, headers=admin).get_json()["data"] == created
