"""The in-process event bus (RF23) on the app's real graph and database:
who hears what, when, and what a failing subscriber may not do."""

import logging
from datetime import date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import insert

from src.domain.enums import Papel
from src.infra.db.models import LancamentoModel
from src.main.app import container_of
from tests.conftest import SAO_PAULO
from tests.e2e.helpers import (
    assert_envelope,
    create,
    new_internacao,
    new_leito,
    new_medicamento,
    new_medico,
    new_paciente,
    new_setor,
)

pytestmark = [pytest.mark.integration, pytest.mark.fresh_app]

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=SAO_PAULO)
ADMISSAO = datetime(2026, 3, 1, 10, 0, tzinfo=SAO_PAULO)
ALTA = datetime(2026, 3, 4, 9, 0, tzinfo=SAO_PAULO)


@pytest.fixture(autouse=True)
def _hospital_now(clock):
    clock.set(NOW)


@pytest.fixture
def enfermagem(as_role):
    return as_role(Papel.ENFERMAGEM)


@pytest.fixture
def bus(app):
    return container_of(app).bus


@pytest.fixture
def heard(bus):
    """Every event the app publishes from now on, in order."""
    events = []
    bus.subscribe("*", events.append)
    return events


@pytest.fixture
def setor(client, admin):
    return new_setor(client, admin, nome="Clínica Médica", valor_diaria="500.00")


@pytest.fixture
def leito(client, admin, setor):
    return new_leito(client, admin, setor["id"], "101")


@pytest.fixture
def paciente(client, admin):
    return new_paciente(client, admin, nome="Maria da Silva")


@pytest.fixture
def stay(client, enfermagem, leito, paciente):
    return new_internacao(
        client,
        enfermagem,
        paciente["id"],
        leito["id"],
        dt_admissao=ADMISSAO.isoformat(),
    )


def discharge(client, headers, internacao_id, motivo_alta="melhora"):
    return client.post(
        f"/v1/internacoes/{internacao_id}/alta",
        json={"motivo_alta": motivo_alta, "dt_alta": ALTA.isoformat()},
        headers=headers,
    )


def names(events):
    return [event.name for event in events]


def committed_view(app, read):
    """A subscriber that records each event with what a fresh transaction
    reads about it right then, that is, what has already been committed."""
    seen = []

    def subscriber(event):
        with container_of(app).uow_factory() as uow:
            seen.append((event, read(uow, event)))

    return subscriber, seen


def broken(_event):
    raise RuntimeError("subscriber down")


def test_admission_publishes_internacao_aberta_with_its_ids_after_the_commit(
    app, client, bus, enfermagem, setor, leito, paciente
):
    on_aberta, seen = committed_view(
        app, lambda uow, event: uow.internacoes.get(event.internacao_id)
    )
    bus.subscribe("internacao.aberta", on_aberta)

    created = new_internacao(
        client,
        enfermagem,
        paciente["id"],
        leito["id"],
        dt_admissao=ADMISSAO.isoformat(),
    )

    [(event, stored)] = seen
    assert (event.internacao_id, event.paciente_id, event.leito_id, event.setor_id) == (
        created["id"],
        paciente["id"],
        leito["id"],
        setor["id"],
    )
    assert event.em == ADMISSAO
    assert stored is not None and stored.status == "ativa"


def test_transfer_publishes_leito_liberado_for_the_bed_left_behind(
    app, client, admin, bus, enfermagem, setor, leito, stay
):
    uti = new_setor(client, admin, nome="UTI Adulto", valor_diaria="1500.00")
    leito_uti = new_leito(client, admin, uti["id"], "U1")
    on_liberado, seen = committed_view(
        app, lambda uow, event: uow.leitos.get(event.leito_id).status
    )
    bus.subscribe("leito.liberado", on_liberado)
    when = datetime(2026, 3, 2, 15, 0, tzinfo=SAO_PAULO)

    response = client.post(
        f"/v1/internacoes/{stay['id']}/transferencias",
        json={"leito_id": leito_uti["id"], "dt_transferencia": when.isoformat()},
        headers=enfermagem,
    )

    assert response.status_code == 200, response.get_data(as_text=True)
    [(event, status_then)] = seen
    assert (event.leito_id, event.setor_id, event.internacao_id, event.em) == (
        leito["id"],
        setor["id"],
        stay["id"],
        when,
    )
    assert status_then == "livre"


def test_alta_publishes_leito_liberado_internacao_alta_and_lancamento_criado(
    app, client, admin, enfermagem, heard, setor, leito, paciente, stay
):
    convenio = create(client, "/v1/convenios", {"nome": "Saúde Total"}, admin)
    client.patch(
        f"/v1/pacientes/{paciente['id']}",
        json={"convenio_id": convenio["id"]},
        headers=admin,
    )
    heard.clear()

    response = discharge(client, enfermagem, stay["id"], "cura")

    assert response.status_code == 200, response.get_data(as_text=True)
    lancamento_id = response.get_json()["data"]["lancamento_id"]
    assert sorted(names(heard)) == [
        "internacao.alta",
        "lancamento.criado",
        "leito.liberado",
    ]
    by_name = {event.name: event for event in heard}
    liberado = by_name["leito.liberado"]
    assert (liberado.leito_id, liberado.setor_id, liberado.internacao_id) == (
        leito["id"],
        setor["id"],
        stay["id"],
    )
    assert liberado.em == ALTA
    alta = by_name["internacao.alta"]
    assert (alta.internacao_id, alta.paciente_id, alta.motivo_alta, alta.em) == (
        stay["id"],
        paciente["id"],
        "cura",
        ALTA,
    )
    criado = by_name["lancamento.criado"]
    assert (criado.lancamento_id, criado.tipo, criado.valor, criado.convenio_id) == (
        lancamento_id,
        "internacao",
        Decimal("1500.00"),
        convenio["id"],
    )


def test_the_lancamento_is_committed_before_lancamento_criado_is_heard(
    app, client, bus, enfermagem, stay
):
    on_criado, seen = committed_view(
        app, lambda uow, event: uow.lancamentos.get(event.lancamento_id)
    )
    bus.subscribe("lancamento.criado", on_criado)

    discharge(client, enfermagem, stay["id"])

    [(_event, stored)] = seen
    assert stored is not None
    assert (stored.internacao_id, stored.valor) == (stay["id"], Decimal("1500.00"))


def test_a_failing_subscriber_is_logged_and_the_alta_still_answers_200_and_is_stored(
    client, admin, bus, enfermagem, leito, stay, caplog
):
    bus.subscribe("leito.liberado", broken)
    later = []
    bus.subscribe("leito.liberado", later.append)

    with caplog.at_level(logging.ERROR, logger="hospital.events"):
        response = discharge(client, enfermagem, stay["id"])

    assert response.status_code == 200, response.get_data(as_text=True)
    stored = client.get(f"/v1/internacoes/{stay['id']}", headers=admin).get_json()
    assert stored["data"]["status"] == "alta"
    assert (
        stored["data"]["lancamento_id"] == response.get_json()["data"]["lancamento_id"]
    )
    bed = client.get(f"/v1/leitos/{leito['id']}", headers=admin).get_json()
    assert bed["data"]["status"] == "livre"
    [record] = [
        r for r in caplog.records if r.getMessage() == "event_subscriber_failed"
    ]
    assert record.levelno == logging.ERROR
    assert record.event_name == "leito.liberado"
    assert record.exc_info is not None and record.exc_info[0] is RuntimeError
    # The subscribers after the broken one still hear the event.
    assert names(later) == ["leito.liberado"]


def test_a_failing_subscriber_does_not_fail_an_admission(
    client, admin, bus, enfermagem, leito, paciente
):
    bus.subscribe("internacao.aberta", broken)

    response = client.post(
        "/v1/internacoes",
        json={
            "paciente_id": paciente["id"],
            "leito_id": leito["id"],
            "diagnostico": "J18.9",
        },
        headers=enfermagem,
    )

    assert response.status_code == 201, response.get_data(as_text=True)
    stay_id = response.get_json()["data"]["id"]
    assert client.get(f"/v1/internacoes/{stay_id}", headers=admin).status_code == 200


def test_a_refused_second_alta_publishes_nothing(client, enfermagem, heard, stay):
    discharge(client, enfermagem, stay["id"])
    heard.clear()

    response = discharge(client, enfermagem, stay["id"])

    assert_envelope(response, 409, "HttpConflictError")
    assert heard == []


def test_an_admission_refused_for_an_occupied_bed_publishes_nothing(
    client, admin, enfermagem, heard, leito, stay
):
    other = new_paciente(client, admin, nome="Ana Lima")
    heard.clear()

    response = client.post(
        "/v1/internacoes",
        json={
            "paciente_id": other["id"],
            "leito_id": leito["id"],
            "diagnostico": "J18.9",
        },
        headers=enfermagem,
    )

    assert_envelope(response, 409, "HttpConflictError")
    assert heard == []


def test_an_alta_rolled_back_after_freeing_the_bed_publishes_nothing(
    client, admin, enfermagem, engine, heard, leito, stay
):
    # A bill for the stay already exists, so the alta fails at its last step,
    # after the bed was freed and leito.liberado queued.
    with engine.begin() as connection:
        connection.execute(
            insert(LancamentoModel).values(
                tipo="internacao",
                valor=Decimal("100.00"),
                internacao_id=stay["id"],
                fatura_internacao_id=stay["id"],
                status="pendente",
                dt_lancamento=date(2026, 3, 2),
                dt_vencimento=date(2026, 4, 1),
                criado_em=NOW,
                atualizado_em=NOW,
            )
        )
    heard.clear()

    response = discharge(client, enfermagem, stay["id"])

    assert_envelope(response, 409, "HttpConflictError")
    assert heard == []
    bed = client.get(f"/v1/leitos/{leito['id']}", headers=admin).get_json()
    assert bed["data"]["status"] == "ocupado"


def test_a_dispensation_rolled_back_for_stock_publishes_nothing(
    client, admin, as_role, heard, paciente
):
    medico = new_medico(client, admin)
    dipirona = new_medicamento(client, admin, nome="Dipirona", estoque_atual=10)
    escassa = new_medicamento(client, admin, nome="Ceftriaxona", estoque_atual=1)
    itens = [
        {
            "medicamento_id": med["id"],
            "dose": "1 g",
            "via": "iv",
            "frequencia": "12/12h",
            "quantidade": 5,
        }
        for med in (dipirona, escassa)
    ]
    prescricao = create(
        client,
        "/v1/prescricoes",
        {"paciente_id": paciente["id"], "medico_id": medico["id"], "itens": itens},
        as_role(Papel.MEDICO),
    )
    heard.clear()

    response = client.post(
        f"/v1/prescricoes/{prescricao['id']}/dispensar", headers=as_role(Papel.FARMACIA)
    )

    assert_envelope(response, 409, "HttpConflictError")
    assert heard == []
