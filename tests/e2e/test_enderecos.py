import pytest

from src.domain.enums import UFS
from tests.e2e.helpers import (
    assert_error,
    assert_invalid,
    create,
    new_paciente,
)

pytestmark = pytest.mark.e2e


def endereco(**overrides):
    """A valid endereco body; ``overrides`` replace or add fields."""
    return {
        "logradouro": "Avenida Paulista",
        "numero": "1578",
        "complemento": "Sala 3",
        "bairro": "Bela Vista",
        "cidade": "São Paulo",
        "uf": "SP",
        "cep": "01310-100",
        **overrides,
    }


@pytest.fixture
def paciente(client, admin):
    return new_paciente(client, admin)


@pytest.fixture
def enderecos_path(paciente):
    return f"/v1/pacientes/{paciente['id']}/enderecos"


@pytest.fixture
def create_endereco(client, admin, enderecos_path):
    """Create an endereco of ``paciente`` through the API."""

    def make(**overrides):
        return create(client, enderecos_path, endereco(**overrides), admin)

    return make


def principal_of(client, headers, paciente_id):
    """The ids of the patient's addresses marked principal, as the API lists them."""
    listed = client.get(f"/v1/pacientes/{paciente_id}/enderecos", headers=headers)
    return [e["id"] for e in listed.get_json()["data"] if e["principal"]]


def test_create_returns_201_with_every_field(client, admin, paciente, enderecos_path):
    response = client.post(enderecos_path, json=endereco(), headers=admin)

    assert response.status_code == 201
    data = response.get_json()["data"]
    assert data == {
        "id": data["id"],
        "paciente_id": paciente["id"],
        "logradouro": "Avenida Paulista",
        "numero": "1578",
        "complemento": "Sala 3",
        "bairro": "Bela Vista",
        "cidade": "São Paulo",
        "uf": "SP",
        "cep": "01310100",
        "principal": False,
        "criado_em": data["criado_em"],
        "atualizado_em": data["atualizado_em"],
    }


def test_complemento_and_bairro_are_optional(client, admin, enderecos_path):
    body = endereco()
    del body["complemento"], body["bairro"]

    response = client.post(enderecos_path, json=body, headers=admin)

    assert response.status_code == 201
    assert response.get_json()["data"]["complemento"] is None
    assert response.get_json()["data"]["bairro"] is None


@pytest.mark.parametrize("cep", ["01310-100", "01310100", " 01310-100 "])
def test_cep_is_stored_and_returned_as_8_digits(client, admin, create_endereco, cep):
    created = create_endereco(cep=cep)

    fetched = client.get(
        f"/v1/pacientes/{created['paciente_id']}/enderecos/{created['id']}",
        headers=admin,
    )

    assert created["cep"] == "01310100"
    assert fetched.get_json()["data"]["cep"] == "01310100"


@pytest.mark.parametrize("uf", UFS)
def test_every_one_of_the_27_ufs_is_accepted(client, admin, enderecos_path, uf):
    response = client.post(enderecos_path, json=endereco(uf=uf), headers=admin)

    assert response.status_code == 201


def test_uf_is_read_in_any_case(client, admin, create_endereco):
    created = create_endereco(uf="rj")

    assert created["uf"] == "RJ"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"logradouro": None}, "logradouro"),
        ({"logradouro": ""}, "logradouro"),
        ({"logradouro": "x" * 201}, "logradouro"),
        ({"numero": ""}, "numero"),
        ({"numero": 1578}, "numero"),
        ({"numero": "x" * 21}, "numero"),
        ({"complemento": "x" * 101}, "complemento"),
        ({"bairro": "x" * 101}, "bairro"),
        ({"cidade": "S"}, "cidade"),
        ({"cidade": None}, "cidade"),
        ({"uf": "XX"}, "uf"),
        ({"uf": "São Paulo"}, "uf"),
        ({"uf": None}, "uf"),
        ({"cep": "0131010"}, "cep"),
        ({"cep": "013101000"}, "cep"),
        ({"cep": "01310-10A"}, "cep"),
        ({"cep": 1310100}, "cep"),
        ({"cep": ""}, "cep"),
        ({"cep": None}, "cep"),
        ({"principal": "sim"}, "principal"),
        ({"principal": None}, "principal"),
    ],
)
def test_invalid_field_is_refused_on_create(
    client, admin, enderecos_path, changes, field
):
    response = client.post(enderecos_path, json=endereco(**changes), headers=admin)

    assert_invalid(response, field)
    assert client.get(enderecos_path, headers=admin).get_json()["data"] == []


@pytest.mark.parametrize("field", ["logradouro", "numero", "cidade", "uf", "cep"])
def test_required_field_left_out_is_refused(client, admin, enderecos_path, field):
    body = endereco()
    del body[field]

    response = client.post(enderecos_path, json=body, headers=admin)

    assert_invalid(response, field)


def test_each_failing_field_gets_one_entry(client, admin, enderecos_path):
    body = {"numero": "10", "cidade": "São Paulo", "uf": "XX", "cep": "123"}

    response = client.post(enderecos_path, json=body, headers=admin)

    assert_invalid(response, "logradouro", "uf", "cep")


def test_paciente_id_cannot_be_sent_in_the_body(client, admin, enderecos_path):
    other = new_paciente(client, admin, nome="Maria Souza")

    response = client.post(
        enderecos_path, json=endereco(paciente_id=other["id"]), headers=admin
    )

    assert_invalid(response, "paciente_id")


def test_a_new_principal_clears_the_previous_one(
    client, admin, paciente, create_endereco
):
    first = create_endereco(principal=True)

    second = create_endereco(logradouro="Rua Augusta", principal=True)

    assert second["principal"] is True
    assert principal_of(client, admin, paciente["id"]) == [second["id"]]
    fetched = client.get(
        f"/v1/pacientes/{paciente['id']}/enderecos/{first['id']}", headers=admin
    )
    assert fetched.get_json()["data"]["principal"] is False


def test_patch_to_principal_clears_the_others(client, admin, paciente, create_endereco):
    create_endereco(principal=True)
    create_endereco(logradouro="Rua Augusta")
    third = create_endereco(logradouro="Rua da Consolação")

    response = client.patch(
        f"/v1/pacientes/{paciente['id']}/enderecos/{third['id']}",
        json={"principal": True},
        headers=admin,
    )

    assert response.get_json()["data"]["principal"] is True
    assert principal_of(client, admin, paciente["id"]) == [third["id"]]


def test_a_principal_of_one_paciente_leaves_anothers_alone(
    client, admin, paciente, create_endereco
):
    other = new_paciente(client, admin, nome="Maria Souza")
    others = create(
        client,
        f"/v1/pacientes/{other['id']}/enderecos",
        endereco(principal=True),
        admin,
    )

    mine = create_endereco(principal=True)

    assert principal_of(client, admin, paciente["id"]) == [mine["id"]]
    assert principal_of(client, admin, other["id"]) == [others["id"]]


def test_unsetting_principal_leaves_no_principal(
    client, admin, paciente, create_endereco
):
    created = create_endereco(principal=True)

    response = client.patch(
        f"/v1/pacientes/{paciente['id']}/enderecos/{created['id']}",
        json={"principal": False},
        headers=admin,
    )

    assert response.get_json()["data"]["principal"] is False
    assert principal_of(client, admin, paciente["id"]) == []


def test_the_paciente_shows_its_enderecos(client, admin, paciente, create_endereco):
    first = create_endereco(principal=True)
    second = create_endereco(logradouro="Rua Augusta", principal=True)

    response = client.get(f"/v1/pacientes/{paciente['id']}", headers=admin)

    shown = response.get_json()["data"]["enderecos"]
    assert [e["id"] for e in shown] == [first["id"], second["id"]]
    assert [e["principal"] for e in shown] == [False, True]
    assert shown[1] == second


def test_list_holds_only_this_pacientes_enderecos_ordered_by_id(
    client, admin, enderecos_path, create_endereco
):
    other = new_paciente(client, admin, nome="Maria Souza")
    first = create_endereco(logradouro="Rua B")
    create(client, f"/v1/pacientes/{other['id']}/enderecos", endereco(), admin)
    second = create_endereco(logradouro="Rua A")

    response = client.get(enderecos_path, headers=admin)

    assert response.status_code == 200
    assert response.get_json() == {
        "data": [first, second],
        "meta": {"page": 1, "per_page": 20, "total": 2, "pages": 1},
    }


def test_patch_formats_the_cep_as_create_does(
    client, admin, enderecos_path, create_endereco
):
    created = create_endereco()

    response = client.patch(
        f"{enderecos_path}/{created['id']}", json={"cep": "04538-133"}, headers=admin
    )

    assert response.get_json()["data"]["cep"] == "04538133"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"logradouro": None}, "logradouro"),
        ({"numero": ""}, "numero"),
        ({"cidade": "S"}, "cidade"),
        ({"uf": "XX"}, "uf"),
        ({"cep": "0131010"}, "cep"),
        ({"cep": 1310100}, "cep"),
        ({"principal": "sim"}, "principal"),
        ({"principal": None}, "principal"),
        ({"paciente_id": 1}, "paciente_id"),
    ],
)
def test_patch_applies_the_create_rules(
    client, admin, enderecos_path, create_endereco, changes, field
):
    created = create_endereco()

    response = client.patch(
        f"{enderecos_path}/{created['id']}", json=changes, headers=admin
    )

    assert_invalid(response, field)
    fetched = client.get(f"{enderecos_path}/{created['id']}", headers=admin)
    assert fetched.get_json()["data"] == created


def test_the_paciente_no_longer_shows_a_deleted_endereco(
    client, admin, paciente, enderecos_path, create_endereco
):
    created = create_endereco()
    kept = create_endereco(logradouro="Rua Augusta")

    response = client.delete(f"{enderecos_path}/{created['id']}", headers=admin)

    assert response.status_code == 204
    still = client.get(f"/v1/pacientes/{paciente['id']}", headers=admin)
    assert still.get_json()["data"]["enderecos"] == [kept]


@pytest.mark.parametrize("method", ["get", "patch", "delete"])
def test_an_endereco_of_another_paciente_is_404(client, admin, create_endereco, method):
    created = create_endereco()
    other = new_paciente(client, admin, nome="Maria Souza")
    path = f"/v1/pacientes/{other['id']}/enderecos/{created['id']}"

    response = getattr(client, method)(path, json={"numero": "99"}, headers=admin)

    assert_error(response, 404, "HttpNotFoundError")
    own = f"/v1/pacientes/{created['paciente_id']}/enderecos/{created['id']}"
    assert client.get(own, headers=admin).get_json()["data"] == created


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/v1/pacientes/999/enderecos"),
        ("post", "/v1/pacientes/999/enderecos"),
        ("get", "/v1/pacientes/999/enderecos/1"),
        ("patch", "/v1/pacientes/999/enderecos/1"),
        ("delete", "/v1/pacientes/999/enderecos/1"),
        ("get", "/v1/pacientes/abc/enderecos"),
    ],
)
def test_an_unknown_paciente_in_the_path_is_404(client, admin, method, path):
    response = getattr(client, method)(path, json=endereco(), headers=admin)

    assert_error(response, 404, "HttpNotFoundError")
