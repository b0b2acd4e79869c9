import pytest

from src.domain.enums import UFS
from tests.e2e.helpers import (
    assert_error,
    assert_invalid,
    create,
    ids_of,
)

pytestmark = pytest.mark.e2e


def medico(especialidade_ids, **overrides):
    """A valid medico body; ``overrides`` replace or add fields."""
    return {
        "nome": "Ana Souza",
        "crm": "123456",
        "uf_crm": "SP",
        "email": "ana.souza@hospital.test",
        "telefone": "(11) 99999-0000",
        "especialidade_ids": especialidade_ids,
        **overrides,
    }


@pytest.fixture
def cardiologia(client, admin):
    return create(client, "/v1/especialidades", {"nome": "Cardiologia"}, admin)


@pytest.fixture
def pediatria(client, admin):
    return create(client, "/v1/especialidades", {"nome": "Pediatria"}, admin)


@pytest.fixture
def create_medico(client, admin, cardiologia):
    """Create a medico through the API, in cardiologia unless told otherwise."""

    def make(**overrides):
        especialidade_ids = overrides.pop("especialidade_ids", [cardiologia["id"]])
        return create(
            client, "/v1/medicos", medico(especialidade_ids, **overrides), admin
        )

    return make


def test_create_returns_201_with_every_field_and_the_especialidades(
    client, admin, cardiologia, pediatria
):
    body = medico([pediatria["id"], cardiologia["id"]])

    response = client.post("/v1/medicos", json=body, headers=admin)

    assert response.status_code == 201
    data = response.get_json()["data"]
    assert data["nome"] == "Ana Souza"
    assert data["crm"] == "123456"
    assert data["uf_crm"] == "SP"
    assert data["email"] == "ana.souza@hospital.test"
    assert data["telefone"] == "(11) 99999-0000"
    assert data["especialidades"] == [
        {"id": cardiologia["id"], "nome": "Cardiologia"},
        {"id": pediatria["id"], "nome": "Pediatria"},
    ]


def test_optional_fields_may_be_left_out(client, admin, cardiologia):
    body = {
        "nome": "Ana Souza",
        "crm": "1234",
        "uf_crm": "RJ",
        "especialidade_ids": [cardiologia["id"]],
    }

    response = client.post("/v1/medicos", json=body, headers=admin)

    assert response.status_code == 201
    assert response.get_json()["data"]["email"] is None
    assert response.get_json()["data"]["telefone"] is None


def test_crm_keeps_leading_zeros_and_uf_is_read_in_any_case(client, admin, cardiologia):
    body = medico([cardiologia["id"]], crm="0012345", uf_crm="mg")

    response = client.post("/v1/medicos", json=body, headers=admin)

    assert response.status_code == 201
    assert response.get_json()["data"]["crm"] == "0012345"
    assert response.get_json()["data"]["uf_crm"] == "MG"


@pytest.mark.parametrize("uf", UFS)
def test_every_one_of_the_27_ufs_is_accepted(client, admin, cardiologia, uf):
    response = client.post(
        "/v1/medicos", json=medico([cardiologia["id"]], uf_crm=uf), headers=admin
    )

    assert response.status_code == 201


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"nome": None}, "nome"),
        ({"nome": "A"}, "nome"),
        ({"nome": "x" * 151}, "nome"),
        ({"crm": 123456}, "crm"),
        ({"crm": "123"}, "crm"),
        ({"crm": "12345678901"}, "crm"),
        ({"crm": "12A456"}, "crm"),
        ({"crm": ""}, "crm"),
        ({"crm": None}, "crm"),
        ({"uf_crm": "XX"}, "uf_crm"),
        ({"uf_crm": "São Paulo"}, "uf_crm"),
        ({"uf_crm": None}, "uf_crm"),
        ({"email": "ana.hospital.test"}, "email"),
        ({"telefone": "9" * 31}, "telefone"),
        ({"especialidade_ids": []}, "especialidade_ids"),
        ({"especialidade_ids": None}, "especialidade_ids"),
        ({"especialidade_ids": 1}, "especialidade_ids"),
    ],
)
def test_invalid_field_is_refused_on_create(client, admin, cardiologia, changes, field):
    body = {**medico([cardiologia["id"]]), **changes}

    response = client.post("/v1/medicos", json=body, headers=admin)

    assert_invalid(response, field)


@pytest.mark.parametrize("field", ["nome", "crm", "uf_crm", "especialidade_ids"])
def test_required_field_left_out_is_refused(client, admin, cardiologia, field):
    body = medico([cardiologia["id"]])
    del body[field]

    response = client.post("/v1/medicos", json=body, headers=admin)

    assert_invalid(response, field)


@pytest.mark.parametrize("crm", ["1234", "1234567890"])
def test_crm_of_4_and_of_10_digits_is_accepted(client, admin, cardiologia, crm):
    response = client.post(
        "/v1/medicos", json=medico([cardiologia["id"]], crm=crm), headers=admin
    )

    assert response.status_code == 201
    assert response.get_json()["data"]["crm"] == crm


def test_each_failing_field_gets_one_entry(client, admin):
    body = {"nome": "A", "crm": 12, "uf_crm": "XX", "especialidade_ids": []}

    response = client.post("/v1/medicos", json=body, headers=admin)

    assert_invalid(response, "nome", "crm", "uf_crm", "especialidade_ids")


def test_a_missing_especialidade_is_refused_naming_the_field(
    client, admin, cardiologia
):
    body = medico([cardiologia["id"], 999])

    response = client.post("/v1/medicos", json=body, headers=admin)

    assert_invalid(response, "especialidade_ids")
    assert "999" in response.get_json()["error"][0]["message"]
    assert client.get("/v1/medicos", headers=admin).get_json()["data"] == []


def test_an_especialidade_id_that_is_not_an_id_is_refused(client, admin):
    response = client.post("/v1/medicos", json=medico(["um"]), headers=admin)

    assert response.status_code == 422
    [error] = response.get_json()["error"]
    assert error["field"].startswith("especialidade_ids")


def test_crm_is_unique_within_its_uf(client, admin, create_medico, cardiologia):
    create_medico(crm="123456", uf_crm="SP")

    again = client.post(
        "/v1/medicos",
        json=medico([cardiologia["id"]], nome="Outra", crm="123456", uf_crm="SP"),
        headers=admin,
    )

    assert_error(again, 409, "HttpConflictError")
    assert len(client.get("/v1/medicos", headers=admin).get_json()["data"]) == 1


def test_the_same_crm_in_another_uf_is_another_medico(
    client, admin, create_medico, cardiologia
):
    create_medico(crm="123456", uf_crm="SP")

    response = client.post(
        "/v1/medicos",
        json=medico([cardiologia["id"]], crm="123456", uf_crm="RJ"),
        headers=admin,
    )

    assert response.status_code == 201


def test_crm_filter_finds_the_medico_with_that_crm(client, admin, create_medico):
    wanted = create_medico(crm="123456", uf_crm="SP")
    create_medico(crm="1234567", uf_crm="SP")

    response = client.get("/v1/medicos?crm=123456", headers=admin)

    assert ids_of(response) == [wanted["id"]]


def test_especialidade_id_filter_finds_medicos_of_that_especialidade(
    client, admin, create_medico, cardiologia, pediatria
):
    both = create_medico(
        crm="1111", especialidade_ids=[cardiologia["id"], pediatria["id"]]
    )
    create_medico(crm="2222", especialidade_ids=[cardiologia["id"]])
    only_pediatria = create_medico(crm="3333", especialidade_ids=[pediatria["id"]])

    response = client.get(
        f"/v1/medicos?especialidade_id={pediatria['id']}", headers=admin
    )

    assert ids_of(response) == [both["id"], only_pediatria["id"]]
    assert response.get_json()["meta"]["total"] == 2


def test_filters_combine(client, admin, create_medico, pediatria):
    create_medico(nome="José Lima", crm="1111")
    wanted = create_medico(
        nome="José Lima", crm="2222", especialidade_ids=[pediatria["id"]]
    )

    response = client.get(
        f"/v1/medicos?nome=jose&especialidade_id={pediatria['id']}", headers=admin
    )

    assert ids_of(response) == [wanted["id"]]


@pytest.mark.parametrize("query", ["especialidade_id=abc", "especialidade_id=0"])
def test_an_invalid_filter_is_refused(client, admin, query):
    response = client.get(f"/v1/medicos?{query}", headers=admin)

    assert_invalid(response, "especialidade_id")


def test_patch_replaces_the_especialidades(
    client, admin, create_medico, cardiologia, pediatria
):
    created = create_medico()

    response = client.patch(
        f"/v1/medicos/{created['id']}",
        json={"especialidade_ids": [pediatria["id"]]},
        headers=admin,
    )

    assert response.status_code == 200
    assert response.get_json()["data"]["especialidades"] == [
        {"id": pediatria["id"], "nome": "Pediatria"}
    ]
    fetched = client.get(f"/v1/medicos/{created['id']}", headers=admin)
    assert fetched.get_json()["data"]["especialidades"] == [
        {"id": pediatria["id"], "nome": "Pediatria"}
    ]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"nome": None}, "nome"),
        ({"crm": 1234}, "crm"),
        ({"crm": "123"}, "crm"),
        ({"uf_crm": "XX"}, "uf_crm"),
        ({"email": "sem-arroba"}, "email"),
        ({"especialidade_ids": []}, "especialidade_ids"),
        ({"especialidade_ids": [999]}, "especialidade_ids"),
    ],
)
def test_patch_applies_the_create_rules(client, admin, create_medico, changes, field):
    created = create_medico()

    response = client.patch(f"/v1/medicos/{created['id']}", json=changes, headers=admin)

    assert_invalid(response, field)
    fetched = client.get(f"/v1/medicos/{created['id']}", headers=admin)
    assert fetched.get_json()["data"] == created


def test_patch_onto_another_medicos_crm_is_409(client, admin, create_medico):
    create_medico(crm="2222", uf_crm="RJ")
    other = create_medico(crm="1111", uf_crm="RJ")

    response = client.patch(
        f"/v1/medicos/{other['id']}", json={"crm": "2222"}, headers=admin
    )

    assert_error(response, 409, "HttpConflictError")
    fetched = client.get(f"/v1/medicos/{other['id']}", headers=admin)
    assert fetched.get_json()["data"]["crm"] == "1111"


def test_patch_onto_another_medicos_uf_is_409(client, admin, create_medico):
    create_medico(crm="2222", uf_crm="RJ")
    other = create_medico(crm="2222", uf_crm="SP")

    response = client.patch(
        f"/v1/medicos/{other['id']}", json={"uf_crm": "rj"}, headers=admin
    )

    assert_error(response, 409, "HttpConflictError")


def test_patch_may_keep_its_own_crm(client, admin, create_medico):
    created = create_medico(crm="2222", uf_crm="RJ")

    response = client.patch(
        f"/v1/medicos/{created['id']}",
        json={"crm": "2222", "uf_crm": "RJ", "nome": "Ana Souza Lima"},
        headers=admin,
    )

    assert response.status_code == 200
    assert response.get_json()["data"]["nome"] == "Ana Souza Lima"
