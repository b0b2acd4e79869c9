"""Prescriptions (RF06) and their dispensation from stock, through HTTP."""

from datetime import datetime
from functools import partial

import pytest

from src.domain.enums import Papel
from tests.conftest import SAO_PAULO
from tests.e2e.helpers import (
    assert_envelope,
    assert_invalid,
    concurrently,
    ids_of,
    new_internacao,
    new_leito,
    new_medicamento,
    new_medico,
    new_paciente,
    new_setor,
)

pytestmark = pytest.mark.e2e

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=SAO_PAULO)


@pytest.fixture(autouse=True)
def _hospital_now(clock):
    """The hospital's clock reads 2026-03-10 12:00 before any token is issued."""
    clock.set(NOW)


@pytest.fixture
def medico_headers(as_role):
    return as_role(Papel.MEDICO)


@pytest.fixture
def farmacia(as_role):
    return as_role(Papel.FARMACIA)


@pytest.fixture
def paciente(client, admin):
    return new_paciente(client, admin, nome="Maria da Silva")


@pytest.fixture
def medico(client, admin):
    return new_medico(client, admin, crm="123456")


@pytest.fixture
def dipirona(client, admin):
    return new_medicamento(client, admin, nome="Dipirona 500 mg", estoque_atual=20)


@pytest.fixture
def amoxicilina(client, admin):
    return new_medicamento(client, admin, nome="Amoxicilina 500 mg", estoque_atual=3)


def item(medicamento_id, quantidade=2, **extra):
    return {
        "medicamento_id": medicamento_id,
        "dose": "500 mg",
        "via": "oral",
        "frequencia": "8/8h",
        "quantidade": quantidade,
        **extra,
    }


def prescribe(client, headers, paciente, medico, itens, **extra):
    return client.post(
        "/v1/prescricoes",
        json={
            "paciente_id": paciente["id"],
            "medico_id": medico["id"],
            "itens": itens,
            **extra,
        },
        headers=headers,
    )


def new_prescricao(client, headers, paciente, medico, itens, **extra):
    response = prescribe(client, headers, paciente, medico, itens, **extra)
    assert response.status_code == 201, response.get_data(as_text=True)
    return response.get_json()["data"]


def dispense(client, headers, prescricao_id, **kwargs):
    return client.post(
        f"/v1/prescricoes/{prescricao_id}/dispensar", headers=headers, **kwargs
    )


def stock_of(client, headers, medicamento_id):
    response = client.get(f"/v1/medicamentos/{medicamento_id}", headers=headers)
    return response.get_json()["data"]["estoque_atual"]


def movements_of(client, headers, medicamento_id):
    response = client.get(
        f"/v1/medicamentos/{medicamento_id}/movimentacoes?per_page=100",
        headers=headers,
    )
    return response.get_json()["data"]


def assert_error_names(response, prefix):
    """A 422 whose every entry names ``prefix`` or a field inside it."""
    assert_envelope(response, 422, "HttpUnprocessableEntityError")
    fields = [e["field"] for e in response.get_json()["error"]]
    assert all(f == prefix or f.startswith(f"{prefix}.") for f in fields), fields


# Creating


def test_create_returns_201_with_status_ativa_and_the_itens(
    client, medico_headers, paciente, medico, dipirona
):
    response = prescribe(
        client,
        medico_headers,
        paciente,
        medico,
        [item(dipirona["id"], 6, duracao_dias=2)],
        observacoes="Se febre",
    )

    assert response.status_code == 201, response.get_data(as_text=True)
    body = response.get_json()["data"]
    assert body == {
        "id": body["id"],
        "paciente_id": paciente["id"],
        "medico_id": medico["id"],
        "internacao_id": None,
        "status": "ativa",
        "observacoes": "Se febre",
        "dt_dispensacao": None,
        "criado_em": body["criado_em"],
        "atualizado_em": body["atualizado_em"],
        "itens": [
            {
                "id": body["itens"][0]["id"],
                "medicamento_id": dipirona["id"],
                "dose": "500 mg",
                "via": "oral",
                "frequencia": "8/8h",
                "quantidade": 6,
                "duracao_dias": 2,
            }
        ],
    }


def test_creating_moves_no_stock(
    client, admin, medico_headers, paciente, medico, dipirona
):
    new_prescricao(client, medico_headers, paciente, medico, [item(dipirona["id"], 6)])

    assert stock_of(client, admin, dipirona["id"]) == 20
    assert movements_of(client, admin, dipirona["id"]) == []


def test_the_prescricao_is_read_back_with_its_itens_in_order(
    client, medico_headers, paciente, medico, dipirona, amoxicilina
):
    created = new_prescricao(
        client,
        medico_headers,
        paciente,
        medico,
        [item(amoxicilina["id"], 1), item(dipirona["id"], 4)],
    )

    response = client.get(f"/v1/prescricoes/{created['id']}", headers=medico_headers)

    assert response.get_json()["data"] == created
    assert [i["medicamento_id"] for i in created["itens"]] == [
        amoxicilina["id"],
        dipirona["id"],
    ]


@pytest.mark.parametrize("itens", [[], None, "dipirona", [1]])
def test_itens_must_be_a_non_empty_list_of_items(
    client, medico_headers, paciente, medico, itens
):
    response = prescribe(client, medico_headers, paciente, medico, itens)

    assert_error_names(response, "itens")


def test_without_itens_the_create_is_422(client, medico_headers, paciente, medico):
    response = client.post(
        "/v1/prescricoes",
        json={"paciente_id": paciente["id"], "medico_id": medico["id"]},
        headers=medico_headers,
    )

    assert_invalid(response, "itens")


def test_an_item_whose_medicamento_does_not_exist_is_422_naming_its_position(
    client, medico_headers, paciente, medico, dipirona
):
    response = prescribe(
        client, medico_headers, paciente, medico, [item(dipirona["id"]), item(999)]
    )

    assert_invalid(response, "itens.1.medicamento_id")


def test_every_item_with_an_unknown_medicamento_is_named(
    client, medico_headers, paciente, medico
):
    response = prescribe(
        client, medico_headers, paciente, medico, [item(998), item(999)]
    )

    assert_invalid(response, "itens.0.medicamento_id", "itens.1.medicamento_id")


@pytest.mark.parametrize("quantidade", [0, -1, 1.5, "2", None, True])
def test_an_item_quantidade_must_be_a_positive_integer(
    client, medico_headers, paciente, medico, dipirona, quantidade
):
    response = prescribe(
        client, medico_headers, paciente, medico, [item(dipirona["id"], quantidade)]
    )

    assert_invalid(response, "itens.0.quantidade")


@pytest.mark.parametrize("field", ["dose", "via", "frequencia", "medicamento_id"])
def test_an_item_without_a_required_field_is_422_naming_it(
    client, medico_headers, paciente, medico, dipirona, field
):
    incomplete = item(dipirona["id"])
    del incomplete[field]

    response = prescribe(client, medico_headers, paciente, medico, [incomplete])

    assert_invalid(response, f"itens.0.{field}")


@pytest.mark.parametrize("duracao_dias", [0, -3, "7"])
def test_an_item_duracao_dias_must_be_a_positive_integer(
    client, medico_headers, paciente, medico, dipirona, duracao_dias
):
    response = prescribe(
        client,
        medico_headers,
        paciente,
        medico,
        [item(dipirona["id"], duracao_dias=duracao_dias)],
    )

    assert_invalid(response, "itens.0.duracao_dias")


@pytest.mark.parametrize("field", ["paciente_id", "medico_id", "internacao_id"])
def test_a_reference_that_does_not_exist_is_422_naming_it(
    client, medico_headers, paciente, medico, dipirona, field
):
    response = prescribe(
        client, medico_headers, paciente, medico, [item(dipirona["id"])], **{field: 999}
    )

    assert_invalid(response, field)


@pytest.fixture
def leito(client, admin):
    setor = new_setor(client, admin, nome="Clínica Médica")
    return new_leito(client, admin, setor["id"], "101")


def test_a_prescricao_for_the_patients_own_stay_is_201(
    client, medico_headers, paciente, medico, dipirona, leito
):
    stay = new_internacao(client, medico_headers, paciente["id"], leito["id"])

    response = prescribe(
        client,
        medico_headers,
        paciente,
        medico,
        [item(dipirona["id"])],
        internacao_id=stay["id"],
    )

    assert response.status_code == 201, response.get_data(as_text=True)
    assert response.get_json()["data"]["internacao_id"] == stay["id"]


def test_a_prescricao_for_another_patients_stay_is_422(
    client, admin, medico_headers, paciente, medico, dipirona, leito
):
    other = new_paciente(client, admin, nome="Ana Lima")
    stay = new_internacao(client, medico_headers, other["id"], leito["id"])

    response = prescribe(
        client,
        medico_headers,
        paciente,
        medico,
        [item(dipirona["id"])],
        internacao_id=stay["id"],
    )

    assert_invalid(response, "internacao_id")
    listed = client.get("/v1/prescricoes", headers=medico_headers)
    assert listed.get_json()["meta"]["total"] == 0


def test_list_filters_by_paciente_and_status(
    client, admin, medico_headers, farmacia, paciente, medico, dipirona
):
    other = new_paciente(client, admin, nome="Ana Lima")
    first = new_prescricao(
        client, medico_headers, paciente, medico, [item(dipirona["id"])]
    )
    second = new_prescricao(
        client, medico_headers, other, medico, [item(dipirona["id"])]
    )
    third = new_prescricao(
        client, medico_headers, paciente, medico, [item(dipirona["id"])]
    )
    dispense(client, farmacia, third["id"])

    by_paciente = client.get(
        f"/v1/prescricoes?paciente_id={paciente['id']}", headers=admin
    )
    ativas = client.get("/v1/prescricoes?status=ativa", headers=admin)

    assert ids_of(by_paciente) == [first["id"], third["id"]]
    assert ids_of(ativas) == [first["id"], second["id"]]


# Dispensing


def test_dispensar_answers_200_with_the_prescricao_dispensada(
    client, farmacia, medico_headers, paciente, medico, dipirona
):
    prescricao = new_prescricao(
        client, medico_headers, paciente, medico, [item(dipirona["id"], 6)]
    )

    response = dispense(client, farmacia, prescricao["id"])

    assert response.status_code == 200, response.get_data(as_text=True)
    body = response.get_json()["data"]
    assert body == {
        **prescricao,
        "status": "dispensada",
        "dt_dispensacao": "2026-03-10T12:00:00-03:00",
        "atualizado_em": body["atualizado_em"],
    }
    again = client.get(f"/v1/prescricoes/{prescricao['id']}", headers=farmacia)
    assert again.get_json()["data"] == body


@pytest.mark.parametrize("kwargs", [{}, {"json": {}}])
def test_dispensar_accepts_an_empty_body_or_an_empty_object(
    client, farmacia, medico_headers, paciente, medico, dipirona, kwargs
):
    prescricao = new_prescricao(
        client, medico_headers, paciente, medico, [item(dipirona["id"])]
    )

    response = dispense(client, farmacia, prescricao["id"], **kwargs)

    assert response.status_code == 200, response.get_data(as_text=True)


def test_dispensar_with_an_unknown_field_is_422_and_moves_nothing(
    client, admin, farmacia, medico_headers, paciente, medico, dipirona
):
    prescricao = new_prescricao(
        client, medico_headers, paciente, medico, [item(dipirona["id"])]
    )

    response = dispense(client, farmacia, prescricao["id"], json={"quantidade": 1})

    assert_invalid(response, "quantidade")
    assert stock_of(client, admin, dipirona["id"]) == 20


def test_dispensar_takes_every_items_quantidade_out_of_stock_as_saidas(
    client, admin, farmacia, medico_headers, paciente, medico, dipirona, amoxicilina
):
    prescricao = new_prescricao(
        client,
        medico_headers,
        paciente,
        medico,
        [item(dipirona["id"], 6), item(amoxicilina["id"], 3)],
    )

    dispense(client, farmacia, prescricao["id"])

    assert stock_of(client, admin, dipirona["id"]) == 14
    assert stock_of(client, admin, amoxicilina["id"]) == 0
    moved = {
        m["medicamento_id"]: (
            m["tipo"],
            m["quantidade"],
            m["estoque_anterior"],
            m["estoque_resultante"],
        )
        for med in (dipirona, amoxicilina)
        for m in movements_of(client, admin, med["id"])
    }
    assert moved == {
        dipirona["id"]: ("saida", 6, 20, 14),
        amoxicilina["id"]: ("saida", 3, 3, 0),
    }


def test_one_item_short_is_409_naming_it_and_no_stock_moves(
    client, admin, farmacia, medico_headers, paciente, medico, dipirona
):
    # Created after dipirona, so it is moved after it: dipirona's saida must
    # be undone.
    escassa = new_medicamento(client, admin, nome="Ceftriaxona 1 g", estoque_atual=2)
    prescricao = new_prescricao(
        client,
        medico_headers,
        paciente,
        medico,
        [item(dipirona["id"], 6), item(escassa["id"], 3)],
    )

    response = dispense(client, farmacia, prescricao["id"])

    entries = assert_envelope(response, 409, "HttpConflictError")
    assert "Ceftriaxona 1 g" in entries[0]["message"]
    assert "Dipirona" not in entries[0]["message"]
    assert stock_of(client, admin, dipirona["id"]) == 20
    assert stock_of(client, admin, escassa["id"]) == 2
    assert movements_of(client, admin, dipirona["id"]) == []
    assert movements_of(client, admin, escassa["id"]) == []
    again = client.get(f"/v1/prescricoes/{prescricao['id']}", headers=admin)
    assert again.get_json()["data"]["status"] == "ativa"


def test_a_prescricao_refused_for_stock_is_dispensed_once_stock_arrives(
    client, admin, farmacia, medico_headers, paciente, medico, amoxicilina
):
    prescricao = new_prescricao(
        client, medico_headers, paciente, medico, [item(amoxicilina["id"], 5)]
    )
    dispense(client, farmacia, prescricao["id"])
    client.post(
        f"/v1/medicamentos/{amoxicilina['id']}/movimentacoes",
        json={"tipo": "entrada", "quantidade": 10},
        headers=farmacia,
    )

    response = dispense(client, farmacia, prescricao["id"])

    assert response.status_code == 200, response.get_data(as_text=True)
    assert stock_of(client, admin, amoxicilina["id"]) == 8


def test_dispensing_twice_is_409_and_takes_the_stock_once(
    client, admin, farmacia, medico_headers, paciente, medico, dipirona
):
    prescricao = new_prescricao(
        client, medico_headers, paciente, medico, [item(dipirona["id"], 6)]
    )
    dispense(client, farmacia, prescricao["id"])

    response = dispense(client, farmacia, prescricao["id"])

    assert_envelope(response, 409, "HttpConflictError")
    assert stock_of(client, admin, dipirona["id"]) == 14
    assert len(movements_of(client, admin, dipirona["id"])) == 1


def test_a_cancelled_prescricao_cannot_be_dispensed(
    client, admin, farmacia, medico_headers, paciente, medico, dipirona
):
    prescricao = new_prescricao(
        client, medico_headers, paciente, medico, [item(dipirona["id"], 6)]
    )
    cancelled = client.patch(
        f"/v1/prescricoes/{prescricao['id']}",
        json={"status": "cancelada"},
        headers=medico_headers,
    )

    response = dispense(client, farmacia, prescricao["id"])

    assert cancelled.status_code == 200
    assert cancelled.get_json()["data"]["status"] == "cancelada"
    assert_envelope(response, 409, "HttpConflictError")
    assert stock_of(client, admin, dipirona["id"]) == 20


def test_a_dispensed_prescricao_cannot_be_cancelled(
    client, farmacia, medico_headers, paciente, medico, dipirona
):
    prescricao = new_prescricao(
        client, medico_headers, paciente, medico, [item(dipirona["id"])]
    )
    dispense(client, farmacia, prescricao["id"])

    response = client.patch(
        f"/v1/prescricoes/{prescricao['id']}",
        json={"status": "cancelada"},
        headers=medico_headers,
    )

    assert_envelope(response, 409, "HttpConflictError")


@pytest.mark.parametrize("status", ["dispensada", "ativa", "suspensa"])
def test_patch_may_only_cancel(
    client, medico_headers, paciente, medico, dipirona, status
):
    prescricao = new_prescricao(
        client, medico_headers, paciente, medico, [item(dipirona["id"])]
    )

    response = client.patch(
        f"/v1/prescricoes/{prescricao['id']}",
        json={"status": status},
        headers=medico_headers,
    )

    assert_invalid(response, "status")


def test_patch_of_the_itens_is_422(client, medico_headers, paciente, medico, dipirona):
    prescricao = new_prescricao(
        client, medico_headers, paciente, medico, [item(dipirona["id"])]
    )

    response = client.patch(
        f"/v1/prescricoes/{prescricao['id']}",
        json={"itens": [item(dipirona["id"], 50)]},
        headers=medico_headers,
    )

    assert_invalid(response, "itens")


def test_dispensing_an_unknown_prescricao_is_404(client, farmacia):
    response = dispense(client, farmacia, 999)

    assert_envelope(response, 404, "HttpNotFoundError")


# Roles and methods


@pytest.mark.parametrize("papel", [Papel.FARMACIA, Papel.ADMIN])
def test_farmacia_dispenses(
    client, as_role, medico_headers, paciente, medico, dipirona, papel
):
    prescricao = new_prescricao(
        client, medico_headers, paciente, medico, [item(dipirona["id"])]
    )

    response = dispense(client, as_role(papel), prescricao["id"])

    assert response.status_code == 200


@pytest.mark.parametrize(
    "papel",
    [Papel.MEDICO, Papel.ENFERMAGEM, Papel.GESTOR, Papel.RECEPCAO, Papel.FINANCEIRO],
)
def test_no_other_role_dispenses_and_the_stock_stays(
    client, as_role, admin, medico_headers, paciente, medico, dipirona, papel
):
    prescricao = new_prescricao(
        client, medico_headers, paciente, medico, [item(dipirona["id"])]
    )

    response = dispense(client, as_role(papel), prescricao["id"])

    assert_envelope(response, 403, "HttpForbiddenError")
    assert stock_of(client, admin, dipirona["id"]) == 20


# Concurrency


def test_two_simultaneous_dispensations_beyond_the_stock_give_one_200_and_one_409(
    app, client, admin, farmacia, medico_headers, paciente, medico
):
    soro = new_medicamento(
        client, admin, nome="Soro fisiológico 500 ml", estoque_atual=10
    )
    first = new_prescricao(
        client, medico_headers, paciente, medico, [item(soro["id"], 6)]
    )
    second = new_prescricao(
        client, medico_headers, paciente, medico, [item(soro["id"], 6)]
    )
    dispensations = [
        partial(dispense, headers=farmacia, prescricao_id=p["id"])
        for p in (first, second)
    ]

    responses = concurrently(app, dispensations)

    assert sorted(r.status_code for r in responses) == [200, 409]
    assert_envelope(
        next(r for r in responses if r.status_code == 409), 409, "HttpConflictError"
    )
    assert stock_of(client, admin, soro["id"]) == 4
    moved = movements_of(client, admin, soro["id"])
    assert [(m["estoque_anterior"], m["estoque_resultante"]) for m in moved] == [
        (10, 4)
    ]
    statuses = client.get("/v1/prescricoes?per_page=100", headers=admin).get_json()
    assert sorted(p["status"] for p in statuses["data"]) == ["ativa", "dispensada"]


def test_simultaneous_dispensations_of_shared_medicamentos_never_deadlock_or_overdraw(
    app, client, admin, farmacia, medico_headers, paciente, medico
):
    soro = new_medicamento(
        client, admin, nome="Soro fisiológico 500 ml", estoque_atual=10
    )
    gaze = new_medicamento(client, admin, nome="Gaze estéril", estoque_atual=10)
    # The items come in opposite orders; the service moves them by id.
    one = new_prescricao(
        client,
        medico_headers,
        paciente,
        medico,
        [item(soro["id"], 6), item(gaze["id"], 6)],
    )
    other = new_prescricao(
        client,
        medico_headers,
        paciente,
        medico,
        [item(gaze["id"], 6), item(soro["id"], 6)],
    )

    responses = concurrently(
        app,
        [
            lambda own: dispense(own, farmacia, one["id"]),
            lambda own: dispense(own, farmacia, other["id"]),
        ],
    )

    assert sorted(r.status_code for r in responses) == [200, 409]
    assert stock_of(client, admin, soro["id"]) == 4
    assert stock_of(client, admin, gaze["id"]) == 4
