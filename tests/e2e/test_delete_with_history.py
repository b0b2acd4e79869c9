"""Deleting a registry that the hospital's history refers to (API.md section 4,
issue 3 item 7): 409 and nothing deleted; without history: 204."""

from datetime import datetime

import pytest

from tests.conftest import SAO_PAULO
from tests.e2e.helpers import (
    assert_envelope,
    create,
    new_convenio,
    new_especialidade,
    new_internacao,
    new_leito,
    new_medicamento,
    new_medico,
    new_paciente,
    new_setor,
)

pytestmark = pytest.mark.e2e

NOW = datetime(2026, 3, 2, 8, 0, tzinfo=SAO_PAULO)


@pytest.fixture(autouse=True)
def monday_morning(clock):
    """The clock reads 2026-03-02 08:00 in São Paulo before any token."""
    clock.set(NOW)


@pytest.fixture
def cardiologia(client, admin):
    return new_especialidade(client, admin, "Cardiologia")


@pytest.fixture
def medico(client, admin, cardiologia):
    return new_medico(
        client, admin, crm="123456", especialidade_ids=[cardiologia["id"]]
    )


@pytest.fixture
def paciente(client, admin):
    return new_paciente(client, admin, "Maria da Silva")


@pytest.fixture
def setor(client, admin):
    return new_setor(client, admin, "Clínica Médica")


@pytest.fixture
def leito(client, admin, setor):
    return new_leito(client, admin, setor["id"], "101")


# Records that make history; each returns the path of what it created.


def consulta(client, admin, paciente, medico):
    body = {
        "paciente_id": paciente["id"],
        "medico_id": medico["id"],
        "dt_consulta": "2026-03-10T09:00",
    }
    return f"/v1/consultas/{create(client, '/v1/consultas', body, admin)['id']}"


def consulta_cancelada(client, admin, paciente, medico):
    path = consulta(client, admin, paciente, medico)
    response = client.patch(path, json={"status": "cancelada"}, headers=admin)
    assert response.status_code == 200
    return path


def exame(client, admin, paciente, medico):
    body = {
        "paciente_id": paciente["id"],
        "medico_id": medico["id"],
        "tipo": "Hemograma completo",
    }
    return f"/v1/exames/{create(client, '/v1/exames', body, admin)['id']}"


def prescricao(client, admin, paciente, medico):
    dipirona = new_medicamento(client, admin, estoque_atual=10)
    item = {
        "medicamento_id": dipirona["id"],
        "dose": "500 mg",
        "via": "oral",
        "frequencia": "6/6 h",
        "quantidade": 4,
    }
    body = {"paciente_id": paciente["id"], "medico_id": medico["id"], "itens": [item]}
    return f"/v1/prescricoes/{create(client, '/v1/prescricoes', body, admin)['id']}"


def internacao(client, admin, paciente, medico, leito):
    created = new_internacao(
        client,
        admin,
        paciente["id"],
        leito["id"],
        medico_id=medico["id"],
        dt_admissao="2026-03-01T10:00",
    )
    return f"/v1/internacoes/{created['id']}"


def internacao_com_alta(client, admin, paciente, medico, leito):
    path = internacao(client, admin, paciente, medico, leito)
    response = client.post(
        f"{path}/alta", json={"motivo_alta": "melhora"}, headers=admin
    )
    assert response.status_code == 200, response.get_json()
    return path


def lancamento(client, admin, paciente=None, convenio=None):
    body = {
        "tipo": "consulta",
        "valor": "250.00",
        "paciente_id": paciente and paciente["id"],
        "convenio_id": convenio and convenio["id"],
    }
    return f"/v1/lancamentos/{create(client, '/v1/lancamentos', body, admin)['id']}"


def snapshot(client, admin, *paths):
    """What each path answers now, to compare after the refused delete."""
    return [client.get(path, headers=admin).get_json() for path in paths]


# Pacientes


@pytest.fixture
def endereco(client, admin, paciente):
    body = {
        "logradouro": "Avenida Paulista",
        "numero": "1578",
        "cidade": "São Paulo",
        "uf": "SP",
        "cep": "01310-200",
    }
    return create(client, f"/v1/pacientes/{paciente['id']}/enderecos", body, admin)


PACIENTE_HISTORY = {
    "consulta": lambda c, h, p, m, leito: consulta(c, h, p, m),
    "consulta cancelada": lambda c, h, p, m, leito: consulta_cancelada(c, h, p, m),
    "exame": lambda c, h, p, m, leito: exame(c, h, p, m),
    "prescricao": lambda c, h, p, m, leito: prescricao(c, h, p, m),
    "internacao": internacao,
    "internacao com alta": internacao_com_alta,
    "lancamento": lambda c, h, p, m, leito: lancamento(c, h, paciente=p),
}


@pytest.mark.parametrize("history", PACIENTE_HISTORY)
def test_a_paciente_with_history_is_409_and_nothing_is_deleted(
    client, admin, paciente, endereco, medico, leito, history
):
    record = PACIENTE_HISTORY[history](client, admin, paciente, medico, leito)
    path = f"/v1/pacientes/{paciente['id']}"
    before = snapshot(client, admin, path, f"{path}/enderecos", record)

    response = client.delete(path, headers=admin)

    assert_envelope(response, 409, "HttpConflictError")
    assert snapshot(client, admin, path, f"{path}/enderecos", record) == before
    assert before[1]["data"] == [endereco]


def test_a_paciente_without_history_is_deleted_with_its_enderecos(
    client, admin, paciente, endereco
):
    path = f"/v1/pacientes/{paciente['id']}"

    response = client.delete(path, headers=admin)

    assert response.status_code == 204
    assert response.get_data() == b""
    assert_envelope(client.get(path, headers=admin), 404, "HttpNotFoundError")
    gone = client.get(f"{path}/enderecos/{endereco['id']}", headers=admin)
    assert_envelope(gone, 404, "HttpNotFoundError")


# Medicos


MEDICO_HISTORY = {
    "consulta": lambda c, h, p, m, leito: consulta(c, h, p, m),
    "exame": lambda c, h, p, m, leito: exame(c, h, p, m),
    "prescricao": lambda c, h, p, m, leito: prescricao(c, h, p, m),
    "internacao": internacao,
}


@pytest.mark.parametrize("history", MEDICO_HISTORY)
def test_a_medico_with_history_is_409_and_keeps_its_especialidades(
    client, admin, paciente, medico, cardiologia, leito, history
):
    record = MEDICO_HISTORY[history](client, admin, paciente, medico, leito)
    path = f"/v1/medicos/{medico['id']}"
    before = snapshot(client, admin, path, record)

    response = client.delete(path, headers=admin)

    assert_envelope(response, 409, "HttpConflictError")
    assert snapshot(client, admin, path, record) == before
    assert before[0]["data"]["especialidades"] == [
        {"id": cardiologia["id"], "nome": "Cardiologia"}
    ]


def test_a_medico_without_history_is_deleted_and_frees_its_especialidade(
    client, admin, medico, cardiologia
):
    path = f"/v1/medicos/{medico['id']}"

    response = client.delete(path, headers=admin)

    assert response.status_code == 204
    assert_envelope(client.get(path, headers=admin), 404, "HttpNotFoundError")
    freed = client.delete(f"/v1/especialidades/{cardiologia['id']}", headers=admin)
    assert freed.status_code == 204


# Leitos


def test_an_occupied_leito_is_409_and_stays_occupied(
    client, admin, paciente, medico, leito
):
    stay = internacao(client, admin, paciente, medico, leito)
    path = f"/v1/leitos/{leito['id']}"
    before = snapshot(client, admin, path, stay)

    response = client.delete(path, headers=admin)

    assert_envelope(response, 409, "HttpConflictError")
    assert snapshot(client, admin, path, stay) == before
    assert before[0]["data"]["status"] == "ocupado"


def test_a_free_leito_that_had_a_stay_is_409_and_kept(
    client, admin, paciente, medico, leito
):
    stay = internacao_com_alta(client, admin, paciente, medico, leito)
    path = f"/v1/leitos/{leito['id']}"
    before = snapshot(client, admin, path, stay, f"{stay}/transferencias")

    response = client.delete(path, headers=admin)

    assert_envelope(response, 409, "HttpConflictError")
    assert snapshot(client, admin, path, stay, f"{stay}/transferencias") == before
    assert before[0]["data"]["status"] == "livre"


def test_a_leito_a_patient_was_transferred_out_of_is_409_and_kept(
    client, admin, paciente, medico, setor, leito
):
    stay = internacao(client, admin, paciente, medico, leito)
    outro = new_leito(client, admin, setor["id"], "102")
    moved = client.post(
        f"{stay}/transferencias", json={"leito_id": outro["id"]}, headers=admin
    )
    assert moved.status_code == 200
    path = f"/v1/leitos/{leito['id']}"
    before = snapshot(client, admin, path, f"{stay}/transferencias")

    response = client.delete(path, headers=admin)

    assert_envelope(response, 409, "HttpConflictError")
    assert snapshot(client, admin, path, f"{stay}/transferencias") == before
    assert before[0]["data"]["status"] == "livre"


# Convenios


def test_a_convenio_of_a_paciente_is_409_and_kept(client, admin):
    unimed = new_convenio(client, admin, "Unimed Paulistana")
    paciente = new_paciente(client, admin, convenio_id=unimed["id"])
    path = f"/v1/convenios/{unimed['id']}"
    before = snapshot(client, admin, path, f"/v1/pacientes/{paciente['id']}")

    response = client.delete(path, headers=admin)

    assert_envelope(response, 409, "HttpConflictError")
    assert snapshot(client, admin, path, f"/v1/pacientes/{paciente['id']}") == before


def test_a_convenio_with_a_lancamento_is_409_and_kept(client, admin):
    unimed = new_convenio(client, admin, "Unimed Paulistana")
    record = lancamento(client, admin, convenio=unimed)
    path = f"/v1/convenios/{unimed['id']}"
    before = snapshot(client, admin, path, record)

    response = client.delete(path, headers=admin)

    assert_envelope(response, 409, "HttpConflictError")
    assert snapshot(client, admin, path, record) == before


def test_a_convenio_billed_at_an_alta_is_409_and_kept(client, admin, medico, leito):
    unimed = new_convenio(client, admin, "Unimed Paulistana")
    paciente = new_paciente(client, admin, convenio_id=unimed["id"])
    stay = internacao_com_alta(client, admin, paciente, medico, leito)
    client.patch(
        f"/v1/pacientes/{paciente['id']}", json={"convenio_id": None}, headers=admin
    )
    bill = client.get(stay, headers=admin).get_json()["data"]["lancamento_id"]
    path = f"/v1/convenios/{unimed['id']}"
    before = snapshot(client, admin, path, f"/v1/lancamentos/{bill}")

    response = client.delete(path, headers=admin)

    assert_envelope(response, 409, "HttpConflictError")
    assert snapshot(client, admin, path, f"/v1/lancamentos/{bill}") == before
    assert before[1]["data"]["convenio_id"] == unimed["id"]
