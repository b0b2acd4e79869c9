from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import text
from validate_docbr import CNS

from src.domain.enums import Sexo
from tests.e2e.helpers import (
    assert_error,
    assert_invalid,
    create,
    ids_of,
)

pytestmark = pytest.mark.e2e

HOSPITAL_TZ = ZoneInfo("America/Sao_Paulo")


def paciente(**overrides):
    """A valid paciente body; ``overrides`` replace or add fields."""
    return {
        "nome": "José da Silva",
        "data_nascimento": "1980-05-17",
        "cpf": "529.982.247-25",
        "sexo": "masculino",
        "email": "jose.silva@example.com",
        "telefone": "(11) 98888-7777",
        "numero_carteirinha": "0001234567",
        **overrides,
    }


def create_paciente(client, headers, **overrides):
    return create(client, "/v1/pacientes", paciente(**overrides), headers)


def hospital_today(clock):
    return clock.now().astimezone(HOSPITAL_TZ).date()


@pytest.fixture
def convenio(client, admin):
    return create(client, "/v1/convenios", {"nome": "Unimed"}, admin)


def test_create_returns_201_with_every_field(client, admin, convenio):
    body = paciente(convenio_id=convenio["id"])

    response = client.post("/v1/pacientes", json=body, headers=admin)

    assert response.status_code == 201
    data = response.get_json()["data"]
    assert data == {
        "id": data["id"],
        "nome": "José da Silva",
        "data_nascimento": "1980-05-17",
        "cpf": "52998224725",
        "cns": None,
        "sexo": "masculino",
        "email": "jose.silva@example.com",
        "telefone": "(11) 98888-7777",
        "convenio_id": convenio["id"],
        "numero_carteirinha": "0001234567",
        "enderecos": [],
        "criado_em": data["criado_em"],
        "atualizado_em": data["atualizado_em"],
    }


def test_only_nome_and_data_nascimento_are_required(client, admin):
    body = {"nome": "Maria Souza", "data_nascimento": "1990-01-31"}

    response = client.post("/v1/pacientes", json=body, headers=admin)

    assert response.status_code == 201
    data = response.get_json()["data"]
    assert data["cpf"] is None
    assert data["convenio_id"] is None
    assert data["enderecos"] == []


@pytest.mark.parametrize("cpf", ["529.982.247-25", "52998224725", " 529.982.247-25 "])
def test_cpf_is_stored_and_returned_as_11_digits(client, admin, cpf):
    created = create_paciente(client, admin, cpf=cpf)

    fetched = client.get(f"/v1/pacientes/{created['id']}", headers=admin)

    assert created["cpf"] == "52998224725"
    assert fetched.get_json()["data"]["cpf"] == "52998224725"


def test_the_contract_example_cpf_is_accepted(client, admin):
    created = create_paciente(client, admin, cpf="123.456.789-09")

    assert created["cpf"] == "12345678909"


@pytest.mark.parametrize(
    "cpf",
    [
        "529.982.247-26",
        "123.456.789-00",
        "111.111.111-11",
        "00000000000",
        "99999999999",
        "5299822472",
        "529982247250",
        "52998224A25",
        "",
    ],
)
def test_an_invalid_cpf_is_refused(client, admin, cpf):
    response = client.post("/v1/pacientes", json=paciente(cpf=cpf), headers=admin)

    assert_invalid(response, "cpf")


def test_cpf_with_repeated_digits_is_refused(client, admin):
    response = client.post(
        "/v1/pacientes", json=paciente(cpf="111.111.111-11"), headers=admin
    )

    assert_invalid(response, "cpf")
    assert client.get("/v1/pacientes", headers=admin).get_json()["data"] == []


def test_cpf_given_as_a_number_is_refused(client, admin):
    response = client.post(
        "/v1/pacientes", json=paciente(cpf=52998224725), headers=admin
    )

    assert_invalid(response, "cpf")


@pytest.mark.parametrize("again", ["529.982.247-25", "52998224725"])
def test_cpf_is_unique_however_it_is_written(client, admin, again):
    create_paciente(client, admin, cpf="529.982.247-25")

    response = client.post(
        "/v1/pacientes", json=paciente(nome="Outro", cpf=again), headers=admin
    )

    assert_error(response, 409, "HttpConflictError")
    assert response.get_json()["error"][0]["field"] == "cpf"
    assert client.get("/v1/pacientes", headers=admin).get_json()["meta"]["total"] == 1


def test_patients_without_cpf_do_not_clash(client, admin):
    create_paciente(client, admin, cpf=None)

    response = client.post(
        "/v1/pacientes", json=paciente(nome="Maria", cpf=None), headers=admin
    )

    assert response.status_code == 201


def test_a_valid_cns_is_accepted(client, admin):
    cns = CNS().generate()

    created = create_paciente(client, admin, cns=cns)

    assert created["cns"] == cns


def test_a_cns_given_with_spaces_is_stored_as_15_digits(client, admin):
    cns = CNS().generate()
    spaced = f"{cns[:3]} {cns[3:7]} {cns[7:11]} {cns[11:]}"

    created = create_paciente(client, admin, cns=spaced)

    assert created["cns"] == cns


@pytest.mark.parametrize(
    "cns", ["123456789012345", "12345678901234", "1234567890123456", 898001234567890]
)
def test_an_invalid_cns_is_refused(client, admin, cns):
    response = client.post("/v1/pacientes", json=paciente(cns=cns), headers=admin)

    assert_invalid(response, "cns")


def test_a_cns_with_one_digit_changed_is_refused(client, admin):
    cns = CNS().generate()
    changed = cns[:-1] + str((int(cns[-1]) + 1) % 10)

    response = client.post("/v1/pacientes", json=paciente(cns=changed), headers=admin)

    assert_invalid(response, "cns")


def test_data_nascimento_today_is_accepted(client, admin, clock):
    today = hospital_today(clock)

    created = create_paciente(client, admin, data_nascimento=today.isoformat())

    assert created["data_nascimento"] == today.isoformat()


def test_data_nascimento_in_the_future_is_refused(client, admin, clock):
    tomorrow = hospital_today(clock) + timedelta(days=1)

    response = client.post(
        "/v1/pacientes",
        json=paciente(data_nascimento=tomorrow.isoformat()),
        headers=admin,
    )

    assert_invalid(response, "data_nascimento")


def test_today_is_the_hospitals_date_not_the_utc_date(client, admin, clock):
    # 02:30 UTC on 1 March is still 29 February in São Paulo.
    clock.set(datetime(2024, 3, 1, 2, 30, tzinfo=UTC))

    leap_day = client.post(
        "/v1/pacientes", json=paciente(data_nascimento="2024-02-29"), headers=admin
    )
    utc_date = client.post(
        "/v1/pacientes",
        json=paciente(data_nascimento="2024-03-01", cpf=None),
        headers=admin,
    )

    assert leap_day.status_code == 201
    assert_invalid(utc_date, "data_nascimento")


def test_data_nascimento_on_1900_01_01_is_accepted(client, admin):
    created = create_paciente(client, admin, data_nascimento="1900-01-01")

    assert created["data_nascimento"] == "1900-01-01"


@pytest.mark.parametrize(
    "data_nascimento",
    [
        "1899-12-31",
        "17/05/1980",
        "1980-02-30",
        "1980-5-17",
        "1980-05-17T10:00:00",
        19800517,
        "",
        None,
    ],
)
def test_an_invalid_data_nascimento_is_refused(client, admin, data_nascimento):
    response = client.post(
        "/v1/pacientes", json=paciente(data_nascimento=data_nascimento), headers=admin
    )

    assert_invalid(response, "data_nascimento")


@pytest.mark.parametrize("sexo", list(Sexo))
def test_every_sexo_of_the_contract_is_accepted(client, admin, sexo):
    created = create_paciente(client, admin, sexo=str(sexo))

    assert created["sexo"] == str(sexo)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"nome": None}, "nome"),
        ({"nome": ""}, "nome"),
        ({"nome": "J"}, "nome"),
        ({"nome": "x" * 151}, "nome"),
        ({"nome": ["José"]}, "nome"),
        ({"sexo": "f"}, "sexo"),
        ({"sexo": "Feminino"}, "sexo"),
        ({"email": "jose@"}, "email"),
        ({"email": "jose silva@example.com"}, "email"),
        ({"telefone": 11988887777}, "telefone"),
        ({"convenio_id": "1"}, "convenio_id"),
        ({"convenio_id": 0}, "convenio_id"),
        ({"numero_carteirinha": "9" * 31}, "numero_carteirinha"),
    ],
)
def test_invalid_field_is_refused_on_create(client, admin, changes, field):
    response = client.post("/v1/pacientes", json=paciente(**changes), headers=admin)

    assert_invalid(response, field)


@pytest.mark.parametrize("field", ["nome", "data_nascimento"])
def test_required_field_left_out_is_refused(client, admin, field):
    body = paciente()
    del body[field]

    response = client.post("/v1/pacientes", json=body, headers=admin)

    assert_invalid(response, field)


def test_each_failing_field_gets_one_entry(client, admin):
    body = {"nome": "J", "data_nascimento": "2999-01-01", "cpf": "111.111.111-11"}

    response = client.post("/v1/pacientes", json=body, headers=admin)

    assert_invalid(response, "nome", "data_nascimento", "cpf")


def test_a_missing_convenio_is_refused_naming_the_field(client, admin):
    response = client.post(
        "/v1/pacientes", json=paciente(convenio_id=999), headers=admin
    )

    assert_invalid(response, "convenio_id")
    assert client.get("/v1/pacientes", headers=admin).get_json()["data"] == []


def test_enderecos_cannot_be_sent_with_the_paciente(client, admin):
    body = paciente(enderecos=[{"logradouro": "Rua A"}])

    response = client.post("/v1/pacientes", json=body, headers=admin)

    assert_invalid(response, "enderecos")


def test_email_is_kept_in_lower_case(client, admin):
    created = create_paciente(client, admin, email="Jose.Silva@Example.COM")

    assert created["email"] == "jose.silva@example.com"


def test_get_returns_the_paciente_with_its_enderecos(client, admin):
    created = create_paciente(client, admin)
    endereco = create(
        client,
        f"/v1/pacientes/{created['id']}/enderecos",
        {
            "logradouro": "Avenida Paulista",
            "numero": "1578",
            "cidade": "São Paulo",
            "uf": "SP",
            "cep": "01310-100",
        },
        admin,
    )

    response = client.get(f"/v1/pacientes/{created['id']}", headers=admin)

    assert response.status_code == 200
    data = response.get_json()["data"]
    assert data == {**created, "enderecos": [endereco]}


@pytest.mark.parametrize("cpf", ["529.982.247-25", "52998224725"])
def test_cpf_filter_finds_the_paciente_however_it_is_written(client, admin, cpf):
    wanted = create_paciente(client, admin, cpf="52998224725")
    create_paciente(client, admin, nome="Outro", cpf="123.456.789-09")

    response = client.get("/v1/pacientes", query_string={"cpf": cpf}, headers=admin)

    assert ids_of(response) == [wanted["id"]]


def test_convenio_id_filter_finds_the_convenios_pacientes(client, admin, convenio):
    wanted = create_paciente(client, admin, convenio_id=convenio["id"])
    create_paciente(client, admin, nome="Particular", cpf=None)

    response = client.get(f"/v1/pacientes?convenio_id={convenio['id']}", headers=admin)

    assert ids_of(response) == [wanted["id"]]


def test_filters_combine(client, admin, convenio):
    create_paciente(client, admin, nome="José Particular", cpf=None)
    wanted = create_paciente(client, admin, convenio_id=convenio["id"])

    response = client.get(
        f"/v1/pacientes?nome=jose&convenio_id={convenio['id']}", headers=admin
    )

    assert ids_of(response) == [wanted["id"]]


@pytest.mark.parametrize("query", ["convenio_id=abc", "convenio_id=0"])
def test_an_invalid_convenio_id_filter_is_refused(client, admin, query):
    response = client.get(f"/v1/pacientes?{query}", headers=admin)

    assert_invalid(response, "convenio_id")


def test_patch_formats_the_cpf_as_create_does(client, admin):
    created = create_paciente(client, admin, cpf=None)

    response = client.patch(
        f"/v1/pacientes/{created['id']}", json={"cpf": "123.456.789-09"}, headers=admin
    )

    assert response.get_json()["data"]["cpf"] == "12345678909"


def test_patch_may_leave_the_convenio(client, admin, convenio):
    created = create_paciente(client, admin, convenio_id=convenio["id"])

    response = client.patch(
        f"/v1/pacientes/{created['id']}", json={"convenio_id": None}, headers=admin
    )

    assert response.status_code == 200
    assert response.get_json()["data"]["convenio_id"] is None


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"nome": None}, "nome"),
        ({"nome": "J"}, "nome"),
        ({"cpf": "111.111.111-11"}, "cpf"),
        ({"cpf": "529.982.247-26"}, "cpf"),
        ({"cns": "123456789012345"}, "cns"),
        ({"data_nascimento": None}, "data_nascimento"),
        ({"data_nascimento": "2999-01-01"}, "data_nascimento"),
        ({"data_nascimento": "1899-12-31"}, "data_nascimento"),
        ({"sexo": "x"}, "sexo"),
        ({"email": "sem-arroba"}, "email"),
        ({"convenio_id": 999}, "convenio_id"),
        ({"enderecos": []}, "enderecos"),
    ],
)
def test_patch_applies_the_create_rules(client, admin, changes, field):
    created = create_paciente(client, admin)

    response = client.patch(
        f"/v1/pacientes/{created['id']}", json=changes, headers=admin
    )

    assert_invalid(response, field)
    fetched = client.get(f"/v1/pacientes/{created['id']}", headers=admin)
    assert fetched.get_json()["data"] == created


def test_patch_of_data_nascimento_uses_the_hospitals_today(client, admin, clock):
    created = create_paciente(client, admin)
    clock.set(datetime(2024, 3, 1, 2, 30, tzinfo=UTC))
    path = f"/v1/pacientes/{created['id']}"

    utc_date = client.patch(path, json={"data_nascimento": "2024-03-01"}, headers=admin)
    leap_day = client.patch(path, json={"data_nascimento": "2024-02-29"}, headers=admin)

    assert_invalid(utc_date, "data_nascimento")
    assert leap_day.get_json()["data"]["data_nascimento"] == "2024-02-29"


def test_patch_to_a_cpf_another_paciente_has_is_409(client, admin):
    create_paciente(client, admin, cpf="529.982.247-25")
    other = create_paciente(client, admin, nome="Maria", cpf="123.456.789-09")

    response = client.patch(
        f"/v1/pacientes/{other['id']}", json={"cpf": "52998224725"}, headers=admin
    )

    assert_error(response, 409, "HttpConflictError")
    fetched = client.get(f"/v1/pacientes/{other['id']}", headers=admin)
    assert fetched.get_json()["data"]["cpf"] == "12345678909"


def test_patch_may_resend_its_own_cpf(client, admin):
    created = create_paciente(client, admin, cpf="529.982.247-25")

    response = client.patch(
        f"/v1/pacientes/{created['id']}",
        json={"cpf": "529.982.247-25", "nome": "José da Silva Filho"},
        headers=admin,
    )

    assert response.status_code == 200
    assert response.get_json()["data"]["nome"] == "José da Silva Filho"


def test_deleting_a_paciente_with_only_enderecos_deletes_them_too(
    client, admin, engine
):
    created = create_paciente(client, admin)
    for numero in ("10", "20"):
        create(
            client,
            f"/v1/pacientes/{created['id']}/enderecos",
            {
                "logradouro": "Rua Augusta",
                "numero": numero,
                "cidade": "São Paulo",
                "uf": "SP",
                "cep": "01305-000",
            },
            admin,
        )

    response = client.delete(f"/v1/pacientes/{created['id']}", headers=admin)

    assert response.status_code == 204
    with engine.connect() as connection:
        left = connection.scalar(
            text("SELECT COUNT(*) FROM enderecos WHERE paciente_id = :id"),
            {"id": created["id"]},
        )
    assert left == 0


def test_deleting_a_paciente_with_a_consulta_is_409_and_deletes_nothing(
    client, admin, clock
):
    created = create_paciente(client, admin)
    enderecos = f"/v1/pacientes/{created['id']}/enderecos"
    create(
        client,
        enderecos,
        {
            "logradouro": "Rua Augusta",
            "numero": "10",
            "cidade": "São Paulo",
            "uf": "SP",
            "cep": "01305-000",
        },
        admin,
    )
    especialidade = create(client, "/v1/especialidades", {"nome": "Clínica"}, admin)
    medico = create(
        client,
        "/v1/medicos",
        {
            "nome": "Ana Souza",
            "crm": "123456",
            "uf_crm": "SP",
            "especialidade_ids": [especialidade["id"]],
        },
        admin,
    )
    tomorrow = clock.now() + timedelta(days=1)
    create(
        client,
        "/v1/consultas",
        {
            "paciente_id": created["id"],
            "medico_id": medico["id"],
            "dt_consulta": tomorrow.isoformat(),
        },
        admin,
    )
    shown = client.get(f"/v1/pacientes/{created['id']}", headers=admin)

    response = client.delete(f"/v1/pacientes/{created['id']}", headers=admin)

    assert_error(response, 409, "HttpConflictError")
    kept = client.get(f"/v1/pacientes/{created['id']}", headers=admin)
    assert kept.get_json()["data"] == shown.get_json()["data"]
    assert len(kept.get_json()["data"]["enderecos"]) == 1


def test_a_deleted_pacientes_cpf_may_be_used_again(client, admin):
    created = create_paciente(client, admin)
    client.delete(f"/v1/pacientes/{created['id']}", headers=admin)

    response = client.post("/v1/pacientes", json=paciente(), headers=admin)

    assert response.status_code == 201
