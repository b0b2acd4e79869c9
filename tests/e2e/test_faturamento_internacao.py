"""Billing a stay on its alta (RF24, API.md "Billing a stay"), read back through
``GET /v1/lancamentos/{id}``."""

from datetime import datetime
from functools import partial

import pytest
from sqlalchemy import func, insert, select

from src.domain.enums import Papel
from src.infra.db.models import LancamentoModel
from tests.conftest import SAO_PAULO
from tests.e2e.helpers import (
    assert_envelope,
    concurrently,
    create,
    new_internacao,
    new_leito,
    new_paciente,
    new_setor,
)

pytestmark = pytest.mark.e2e

NOW = datetime(2026, 4, 1, 12, 0, tzinfo=SAO_PAULO)


@pytest.fixture(autouse=True)
def _hospital_now(clock):
    """The hospital's clock reads 2026-04-01 12:00 before any token is issued."""
    clock.set(NOW)


@pytest.fixture
def enfermagem(as_role):
    return as_role(Papel.ENFERMAGEM)


@pytest.fixture
def financeiro(as_role):
    return as_role(Papel.FINANCEIRO)


@pytest.fixture
def enfermaria(client, admin):
    setor = new_setor(client, admin, nome="Enfermaria", valor_diaria="500.00")
    return new_leito(client, admin, setor["id"], "E1")


@pytest.fixture
def uti(client, admin):
    setor = new_setor(
        client, admin, nome="UTI Adulto", tipo="uti", valor_diaria="1500.00"
    )
    return new_leito(client, admin, setor["id"], "U1", tipo="uti")


@pytest.fixture
def paciente(client, admin):
    return new_paciente(client, admin, nome="Maria da Silva")


def local(text: str) -> str:
    """A São Paulo wall-clock time, ``YYYY-MM-DDTHH:MM``, as an ISO datetime."""
    return f"{text}:00-03:00"


def admit(client, headers, paciente_id, leito_id, when):
    return new_internacao(
        client, headers, paciente_id, leito_id, dt_admissao=local(when)
    )


def transfer(client, headers, internacao_id, leito_id, when):
    response = client.post(
        f"/v1/internacoes/{internacao_id}/transferencias",
        json={"leito_id": leito_id, "dt_transferencia": local(when)},
        headers=headers,
    )
    assert response.status_code == 200, response.get_data(as_text=True)


def discharge(client, headers, internacao_id, when, motivo_alta="melhora"):
    return client.post(
        f"/v1/internacoes/{internacao_id}/alta",
        json={"motivo_alta": motivo_alta, "dt_alta": local(when)},
        headers=headers,
    )


def lancamentos_of(engine, internacao_id):
    with engine.connect() as connection:
        return connection.scalar(
            select(func.count())
            .select_from(LancamentoModel)
            .where(LancamentoModel.internacao_id == internacao_id)
        )


@pytest.fixture
def bill(client, admin, enfermagem):
    """Discharge a stay and return its lancamento, read as admin."""

    def read(internacao_id, when):
        response = discharge(client, enfermagem, internacao_id, when)
        assert response.status_code == 200, response.get_data(as_text=True)
        lancamento_id = response.get_json()["data"]["lancamento_id"]
        found = client.get(f"/v1/lancamentos/{lancamento_id}", headers=admin)
        assert found.status_code == 200, found.get_data(as_text=True)
        return found.get_json()["data"]

    return read


# The amount


def test_the_contract_example_bills_500_plus_1500_plus_1500(
    client, enfermagem, bill, enfermaria, uti, paciente
):
    stay = admit(
        client, enfermagem, paciente["id"], enfermaria["id"], "2026-03-01T10:00"
    )
    transfer(client, enfermagem, stay["id"], uti["id"], "2026-03-02T15:00")

    lancamento = bill(stay["id"], "2026-03-04T09:00")

    assert lancamento["valor"] == "3500.00"


def test_a_stay_in_one_setor_bills_one_diaria_per_night(
    client, enfermagem, bill, enfermaria, paciente
):
    stay = admit(
        client, enfermagem, paciente["id"], enfermaria["id"], "2026-03-01T10:00"
    )

    lancamento = bill(stay["id"], "2026-03-04T09:00")

    assert lancamento["valor"] == "1500.00"


def test_a_same_day_stay_bills_one_diaria(
    client, enfermagem, bill, enfermaria, paciente
):
    stay = admit(
        client, enfermagem, paciente["id"], enfermaria["id"], "2026-03-04T08:00"
    )

    lancamento = bill(stay["id"], "2026-03-04T18:00")

    assert lancamento["valor"] == "500.00"


def test_a_same_day_stay_transferred_that_day_bills_the_setor_it_left_from(
    client, enfermagem, bill, enfermaria, uti, paciente
):
    stay = admit(
        client, enfermagem, paciente["id"], enfermaria["id"], "2026-03-04T08:00"
    )
    transfer(client, enfermagem, stay["id"], uti["id"], "2026-03-04T12:00")

    lancamento = bill(stay["id"], "2026-03-04T18:00")

    assert lancamento["valor"] == "1500.00"


def test_a_same_day_stay_moved_back_to_the_ward_bills_the_ward(
    client, admin, enfermagem, bill, enfermaria, uti, paciente
):
    stay = admit(
        client, enfermagem, paciente["id"], enfermaria["id"], "2026-03-04T08:00"
    )
    transfer(client, enfermagem, stay["id"], uti["id"], "2026-03-04T10:00")
    other_ward_bed = new_leito(client, admin, enfermaria["setor_id"], "E2")
    transfer(client, enfermagem, stay["id"], other_ward_bed["id"], "2026-03-04T14:00")

    lancamento = bill(stay["id"], "2026-03-04T18:00")

    assert lancamento["valor"] == "500.00"


def test_a_stay_over_midnight_bills_only_the_admission_day(
    client, enfermagem, bill, enfermaria, paciente
):
    stay = admit(
        client, enfermagem, paciente["id"], enfermaria["id"], "2026-03-01T23:00"
    )

    lancamento = bill(stay["id"], "2026-03-02T01:00")

    assert lancamento["valor"] == "500.00"


def test_the_transfer_day_is_billed_at_the_setor_of_the_end_of_the_day(
    client, enfermagem, bill, enfermaria, uti, paciente
):
    stay = admit(client, enfermagem, paciente["id"], uti["id"], "2026-03-01T10:00")
    transfer(client, enfermagem, stay["id"], enfermaria["id"], "2026-03-02T08:00")

    lancamento = bill(stay["id"], "2026-03-03T09:00")

    assert lancamento["valor"] == "2000.00"


def test_a_transfer_at_2230_sao_paulo_time_counts_for_that_sao_paulo_day(
    client, enfermagem, bill, enfermaria, uti, paciente
):
    stay = admit(
        client, enfermagem, paciente["id"], enfermaria["id"], "2026-03-01T10:00"
    )
    # 22:30 in São Paulo is 01:30 UTC of 03-03: 03-02 ends in the ICU.
    transfer(client, enfermagem, stay["id"], uti["id"], "2026-03-02T22:30")

    lancamento = bill(stay["id"], "2026-03-04T09:00")

    assert lancamento["valor"] == "3500.00"


def test_an_admission_at_2230_sao_paulo_time_bills_that_sao_paulo_day(
    client, enfermagem, bill, enfermaria, paciente
):
    stay = admit(
        client, enfermagem, paciente["id"], enfermaria["id"], "2026-03-01T22:30"
    )

    lancamento = bill(stay["id"], "2026-03-03T10:00")

    assert lancamento["valor"] == "1000.00"


def test_a_discharge_at_2230_sao_paulo_time_bills_by_the_sao_paulo_calendar(
    client, enfermagem, bill, enfermaria, paciente
):
    stay = admit(
        client, enfermagem, paciente["id"], enfermaria["id"], "2026-03-01T10:00"
    )

    # 22:30 in São Paulo is 01:30 UTC of 03-04.
    lancamento = bill(stay["id"], "2026-03-03T22:30")

    assert lancamento["valor"] == "1000.00"
    assert lancamento["dt_lancamento"] == "2026-03-03"
    assert lancamento["dt_vencimento"] == "2026-04-02"


def test_daily_rates_with_cents_add_up_exactly(
    client, admin, enfermagem, bill, paciente
):
    setor = new_setor(client, admin, nome="Observação", valor_diaria="0.10")
    leito = new_leito(client, admin, setor["id"], "O1")
    stay = admit(client, enfermagem, paciente["id"], leito["id"], "2026-03-01T10:00")

    lancamento = bill(stay["id"], "2026-03-04T10:00")

    assert lancamento["valor"] == "0.30"


def test_the_rate_is_the_setors_at_discharge_time(
    client, admin, enfermagem, bill, enfermaria, paciente
):
    stay = admit(
        client, enfermagem, paciente["id"], enfermaria["id"], "2026-03-01T10:00"
    )
    client.patch(
        f"/v1/setores/{enfermaria['setor_id']}",
        json={"valor_diaria": "650.00"},
        headers=admin,
    )

    lancamento = bill(stay["id"], "2026-03-03T10:00")

    assert lancamento["valor"] == "1300.00"


# The other fields


def test_a_particular_patients_bill_is_pendente_with_no_convenio_due_in_30_days(
    client, enfermagem, bill, enfermaria, paciente
):
    stay = admit(
        client, enfermagem, paciente["id"], enfermaria["id"], "2026-03-01T10:00"
    )

    lancamento = bill(stay["id"], "2026-03-04T09:00")

    assert lancamento == {
        "id": lancamento["id"],
        "tipo": "internacao",
        "valor": "1500.00",
        "descricao": lancamento["descricao"],
        "convenio_id": None,
        "paciente_id": paciente["id"],
        "internacao_id": stay["id"],
        "status": "pendente",
        "dt_lancamento": "2026-03-04",
        "dt_vencimento": "2026-04-03",
        "dt_pagamento": None,
        "criado_em": lancamento["criado_em"],
        "atualizado_em": lancamento["atualizado_em"],
    }


@pytest.mark.parametrize(
    ("prazo", "vencimento"),
    [(0, "2026-03-04"), (45, "2026-04-18"), (365, "2027-03-04")],
)
def test_a_convenio_patients_bill_goes_to_the_convenio_due_after_its_prazo(
    client, admin, enfermagem, bill, enfermaria, prazo, vencimento
):
    convenio = create(
        client,
        "/v1/convenios",
        {"nome": "Saúde Total", "prazo_pagamento_dias": prazo},
        admin,
    )
    paciente = new_paciente(client, admin, convenio_id=convenio["id"])
    stay = admit(
        client, enfermagem, paciente["id"], enfermaria["id"], "2026-03-01T10:00"
    )

    lancamento = bill(stay["id"], "2026-03-04T09:00")

    assert lancamento["convenio_id"] == convenio["id"]
    assert lancamento["dt_lancamento"] == "2026-03-04"
    assert lancamento["dt_vencimento"] == vencimento


def test_the_bill_goes_to_the_convenio_the_patient_has_at_discharge(
    client, admin, enfermagem, bill, enfermaria
):
    antigo = create(
        client, "/v1/convenios", {"nome": "Antigo", "prazo_pagamento_dias": 10}, admin
    )
    novo = create(
        client, "/v1/convenios", {"nome": "Novo", "prazo_pagamento_dias": 60}, admin
    )
    paciente = new_paciente(client, admin, convenio_id=antigo["id"])
    stay = admit(
        client, enfermagem, paciente["id"], enfermaria["id"], "2026-03-01T10:00"
    )
    client.patch(
        f"/v1/pacientes/{paciente['id']}",
        json={"convenio_id": novo["id"]},
        headers=admin,
    )

    lancamento = bill(stay["id"], "2026-03-04T09:00")

    assert lancamento["convenio_id"] == novo["id"]
    assert lancamento["dt_vencimento"] == "2026-05-03"


def test_a_patient_who_left_their_convenio_before_discharge_is_billed_particular(
    client, admin, enfermagem, bill, enfermaria
):
    convenio = create(
        client, "/v1/convenios", {"nome": "Antigo", "prazo_pagamento_dias": 10}, admin
    )
    paciente = new_paciente(client, admin, convenio_id=convenio["id"])
    stay = admit(
        client, enfermagem, paciente["id"], enfermaria["id"], "2026-03-01T10:00"
    )
    client.patch(
        f"/v1/pacientes/{paciente['id']}", json={"convenio_id": None}, headers=admin
    )

    lancamento = bill(stay["id"], "2026-03-04T09:00")

    assert lancamento["convenio_id"] is None
    assert lancamento["dt_vencimento"] == "2026-04-03"


def test_financeiro_reads_the_bill_of_a_discharged_stay(
    client, enfermagem, financeiro, enfermaria, paciente
):
    stay = admit(
        client, enfermagem, paciente["id"], enfermaria["id"], "2026-03-01T10:00"
    )
    closed = discharge(client, enfermagem, stay["id"], "2026-03-04T09:00").get_json()

    response = client.get(
        f"/v1/lancamentos/{closed['data']['lancamento_id']}", headers=financeiro
    )

    assert response.status_code == 200
    assert response.get_json()["data"]["internacao_id"] == stay["id"]
    listed = client.get(
        f"/v1/lancamentos?internacao_id={stay['id']}&tipo=internacao",
        headers=financeiro,
    )
    assert [item["id"] for item in listed.get_json()["data"]] == [
        closed["data"]["lancamento_id"]
    ]


def test_an_open_stay_has_no_bill(client, admin, enfermagem, enfermaria, paciente):
    stay = admit(
        client, enfermagem, paciente["id"], enfermaria["id"], "2026-03-01T10:00"
    )

    listed = client.get("/v1/lancamentos", headers=admin)

    assert stay["lancamento_id"] is None
    assert listed.get_json()["meta"]["total"] == 0


# Never twice


def test_a_second_alta_creates_no_second_lancamento(
    client, admin, enfermagem, engine, bill, enfermaria, paciente
):
    stay = admit(
        client, enfermagem, paciente["id"], enfermaria["id"], "2026-03-01T10:00"
    )
    first = bill(stay["id"], "2026-03-04T09:00")

    response = discharge(client, enfermagem, stay["id"], "2026-03-05T09:00")

    assert_envelope(response, 409, "HttpConflictError")
    assert lancamentos_of(engine, stay["id"]) == 1
    again = client.get(f"/v1/lancamentos/{first['id']}", headers=admin)
    assert again.get_json()["data"] == first


def test_an_alta_whose_stay_is_already_billed_is_409_and_changes_nothing(
    client, admin, enfermagem, engine, enfermaria, paciente
):
    stay = admit(
        client, enfermagem, paciente["id"], enfermaria["id"], "2026-03-01T10:00"
    )
    # A bill for the stay already exists (written behind the API).
    with engine.begin() as connection:
        connection.execute(
            insert(LancamentoModel).values(
                tipo="internacao",
                valor="100.00",
                internacao_id=stay["id"],
                fatura_internacao_id=stay["id"],
                status="pendente",
                dt_lancamento=datetime(2026, 3, 2).date(),
                dt_vencimento=datetime(2026, 4, 1).date(),
                criado_em=NOW,
                atualizado_em=NOW,
            )
        )

    response = discharge(client, enfermagem, stay["id"], "2026-03-04T09:00")

    assert_envelope(response, 409, "HttpConflictError")
    assert lancamentos_of(engine, stay["id"]) == 1
    found = client.get(f"/v1/internacoes/{stay['id']}", headers=admin).get_json()
    assert found["data"]["status"] == "ativa"
    leito = client.get(f"/v1/leitos/{enfermaria['id']}", headers=admin).get_json()
    assert leito["data"]["status"] == "ocupado"


def test_two_simultaneous_altas_of_one_stay_give_one_200_one_409_and_one_bill(
    app, client, admin, enfermagem, engine, enfermaria, paciente
):
    stay = admit(
        client, enfermagem, paciente["id"], enfermaria["id"], "2026-03-01T10:00"
    )
    altas = [
        partial(
            discharge,
            headers=enfermagem,
            internacao_id=stay["id"],
            when="2026-03-04T09:00",
            motivo_alta=motivo,
        )
        for motivo in ("melhora", "a_pedido")
    ]

    responses = concurrently(app, altas)

    assert sorted(r.status_code for r in responses) == [200, 409]
    loser = next(r for r in responses if r.status_code == 409)
    assert_envelope(loser, 409, "HttpConflictError")
    winner = next(r for r in responses if r.status_code == 200).get_json()["data"]
    assert lancamentos_of(engine, stay["id"]) == 1
    stored = client.get(f"/v1/internacoes/{stay['id']}", headers=admin).get_json()
    assert stored["data"] == winner
    bill = client.get(f"/v1/lancamentos/{winner['lancamento_id']}", headers=admin)
    assert bill.get_json()["data"]["valor"] == "1500.00"
