from datetime import datetime

import pytest

from src.domain.enums import Papel
from tests.conftest import SAO_PAULO
from tests.e2e.helpers import (
    assert_envelope,
    assert_error,
    assert_invalid,
    create,
    ids_of,
    new_convenio,
    new_internacao,
    new_leito,
    new_paciente,
    new_setor,
)

pytestmark = pytest.mark.e2e

MONDAY_MORNING = datetime(2026, 3, 2, 8, 0, tzinfo=SAO_PAULO)
LATE_EVENING = datetime(2026, 3, 10, 22, 30, tzinfo=SAO_PAULO)  # 03-11 in UTC


@pytest.fixture(autouse=True)
def monday_morning(clock):
    """Every test starts at 2026-03-02 08:00 in São Paulo, before any token."""
    clock.set(MONDAY_MORNING)


@pytest.fixture
def financeiro(as_role):
    return as_role(Papel.FINANCEIRO)


@pytest.fixture
def late_evening(clock, make_user):
    """The clock at 22:30 in São Paulo, already tomorrow in UTC; the
    financeiro headers issued then."""
    clock.set(LATE_EVENING)
    return make_user(Papel.FINANCEIRO)["headers"]


@pytest.fixture
def unimed(client, admin):
    return new_convenio(client, admin, "Unimed Paulistana", prazo_pagamento_dias=45)


@pytest.fixture
def paciente(client, admin):
    return new_paciente(client, admin, "Maria da Silva")


def lancamento(**overrides):
    """A valid lancamento body; ``overrides`` replace or add fields."""
    return {"tipo": "consulta", "valor": "1234.50", **overrides}


def launch(client, headers, **overrides):
    return create(client, "/v1/lancamentos", lancamento(**overrides), headers)


def patch(client, headers, lancamento_id, changes):
    return client.patch(
        f"/v1/lancamentos/{lancamento_id}", json=changes, headers=headers
    )


def fetch(client, headers, lancamento_id):
    response = client.get(f"/v1/lancamentos/{lancamento_id}", headers=headers)
    return response.get_json()["data"]


# Creating


def test_create_returns_201_with_a_pendente_lancamento(client, financeiro):
    body = lancamento(descricao="Consulta cardiológica")

    response = client.post("/v1/lancamentos", json=body, headers=financeiro)

    assert response.status_code == 201
    data = response.get_json()["data"]
    assert data == {
        "id": data["id"],
        "tipo": "consulta",
        "valor": "1234.50",
        "descricao": "Consulta cardiológica",
        "convenio_id": None,
        "paciente_id": None,
        "internacao_id": None,
        "status": "pendente",
        "dt_lancamento": "2026-03-02",
        "dt_vencimento": "2026-04-01",
        "dt_pagamento": None,
        "criado_em": data["criado_em"],
        "atualizado_em": data["atualizado_em"],
    }


@pytest.mark.parametrize(
    "tipo", ["consulta", "internacao", "exame", "procedimento", "medicamento", "outro"]
)
def test_every_tipo_of_the_contract_is_accepted(client, financeiro, tipo):
    assert launch(client, financeiro, tipo=tipo)["tipo"] == tipo


# Money


@pytest.mark.parametrize(
    ("given", "shown"),
    [
        ("1234.50", "1234.50"),
        ("1234.5", "1234.50"),
        (1234.5, "1234.50"),
        (100, "100.00"),
        ("100", "100.00"),
        ("0.01", "0.01"),
        (0.01, "0.01"),
        ("0.10", "0.10"),
        (0.1, "0.10"),
        ("0.20", "0.20"),
        ("9999999999.99", "9999999999.99"),
        (9999999999.99, "9999999999.99"),
    ],
)
def test_valor_is_read_from_a_string_or_a_number_and_shown_as_a_two_place_string(
    client, financeiro, given, shown
):
    created = launch(client, financeiro, valor=given)

    assert created["valor"] == shown
    assert fetch(client, financeiro, created["id"])["valor"] == shown


def test_tenths_stay_exact_in_every_lancamento(client, financeiro):
    dez = launch(client, financeiro, valor="0.10")
    vinte = launch(client, financeiro, valor=0.2)

    listed = client.get("/v1/lancamentos", headers=financeiro).get_json()["data"]

    assert [item["valor"] for item in listed] == ["0.10", "0.20"]
    assert [dez["valor"], vinte["valor"]] == ["0.10", "0.20"]


@pytest.mark.parametrize(
    "valor",
    [
        "1.005",
        1.005,
        "0.001",
        0.30000000000000004,  # 0.1 + 0.2 in binary floating point
        "NaN",
        "Infinity",
        "-Infinity",
        "0",
        0,
        "0.00",
        "-0.01",
        -5,
        "10000000000.00",
        10000000000,
        "abc",
        "1,50",
        "",
        None,
        True,
        [1],
    ],
)
def test_valor_with_more_than_two_places_not_finite_not_positive_or_too_big_is_422(
    client, financeiro, valor
):
    response = client.post(
        "/v1/lancamentos", json=lancamento(valor=valor), headers=financeiro
    )

    assert_invalid(response, "valor")
    assert ids_of(client.get("/v1/lancamentos", headers=financeiro)) == []


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity", "1e999"])
def test_valor_as_a_non_finite_json_number_is_422(client, financeiro, literal):
    raw = f'{{"tipo": "consulta", "valor": {literal}}}'

    response = client.post(
        "/v1/lancamentos",
        data=raw,
        content_type="application/json",
        headers=financeiro,
    )

    assert_invalid(response, "valor")


# Dates


def test_dt_lancamento_defaults_to_today_in_sao_paulo_late_in_the_evening(
    client, late_evening
):
    created = launch(client, late_evening)

    assert created["dt_lancamento"] == "2026-03-10"
    assert created["dt_vencimento"] == "2026-04-09"


@pytest.mark.parametrize(
    ("prazo", "vencimento"),
    [(45, "2026-04-16"), (0, "2026-03-02"), (365, "2027-03-02")],
)
def test_dt_vencimento_defaults_to_dt_lancamento_plus_the_convenios_prazo(
    client, admin, financeiro, prazo, vencimento
):
    convenio = new_convenio(client, admin, prazo_pagamento_dias=prazo)

    created = launch(client, financeiro, convenio_id=convenio["id"])

    assert created["convenio_id"] == convenio["id"]
    assert created["dt_vencimento"] == vencimento


def test_a_convenio_without_a_prazo_gives_30_days(client, admin, financeiro):
    convenio = new_convenio(client, admin)

    created = launch(client, financeiro, convenio_id=convenio["id"])

    assert created["dt_vencimento"] == "2026-04-01"


def test_dt_vencimento_follows_a_given_dt_lancamento(client, financeiro, unimed):
    particular = launch(client, financeiro, dt_lancamento="2026-02-20")
    conveniado = launch(
        client, financeiro, dt_lancamento="2026-02-20", convenio_id=unimed["id"]
    )

    assert particular["dt_lancamento"] == "2026-02-20"
    assert particular["dt_vencimento"] == "2026-03-22"
    assert conveniado["dt_vencimento"] == "2026-04-06"


def test_a_given_dt_vencimento_is_kept(client, financeiro, unimed):
    created = launch(
        client, financeiro, convenio_id=unimed["id"], dt_vencimento="2026-03-15"
    )

    assert created["dt_vencimento"] == "2026-03-15"


def test_dt_vencimento_before_dt_lancamento_is_422(client, financeiro):
    body = lancamento(dt_lancamento="2026-03-02", dt_vencimento="2026-03-01")

    response = client.post("/v1/lancamentos", json=body, headers=financeiro)

    assert_invalid(response, "dt_vencimento")


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("dt_lancamento", "02/03/2026"),
        ("dt_lancamento", "2026-02-30"),
        ("dt_lancamento", "2026-03-02T10:00"),
        ("dt_lancamento", None),
        ("dt_vencimento", "amanhã"),
        ("dt_vencimento", None),
    ],
)
def test_dates_that_are_not_yyyy_mm_dd_are_422(client, financeiro, field, value):
    response = client.post(
        "/v1/lancamentos", json=lancamento(**{field: value}), headers=financeiro
    )

    assert_invalid(response, field)


# References and other fields


def test_existing_paciente_and_internacao_are_kept(client, admin, financeiro, paciente):
    setor = new_setor(client, admin)
    leito = new_leito(client, admin, setor["id"], "101")
    internacao = new_internacao(client, admin, paciente["id"], leito["id"])

    created = launch(
        client,
        financeiro,
        tipo="internacao",
        paciente_id=paciente["id"],
        internacao_id=internacao["id"],
    )

    assert created["paciente_id"] == paciente["id"]
    assert created["internacao_id"] == internacao["id"]


def test_ids_that_do_not_exist_are_422_naming_each_field(client, financeiro):
    body = lancamento(convenio_id=997, paciente_id=998, internacao_id=999)

    response = client.post("/v1/lancamentos", json=body, headers=financeiro)

    assert_invalid(response, "convenio_id", "paciente_id", "internacao_id")


@pytest.mark.parametrize("missing", ["tipo", "valor"])
def test_tipo_and_valor_are_required(client, financeiro, missing):
    body = lancamento()
    del body[missing]

    response = client.post("/v1/lancamentos", json=body, headers=financeiro)

    assert_invalid(response, missing)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("tipo", "mensalidade"),
        ("tipo", "CONSULTA"),
        ("tipo", None),
        ("status", "confirmado"),
        ("status", "cancelado"),
        ("dt_pagamento", "2026-03-02"),
        ("descricao", "x" * 501),
    ],
)
def test_an_invalid_or_unknown_field_is_refused_on_create(
    client, financeiro, field, value
):
    response = client.post(
        "/v1/lancamentos", json=lancamento(**{field: value}), headers=financeiro
    )

    assert_invalid(response, field)


def test_saying_pendente_on_create_is_accepted(client, financeiro):
    assert launch(client, financeiro, status="pendente")["status"] == "pendente"


# Status


def test_confirmado_records_dt_pagamento_today_in_sao_paulo(
    client, clock, financeiro, late_evening
):
    clock.set(MONDAY_MORNING)
    created = launch(client, financeiro)
    clock.set(LATE_EVENING)

    response = patch(client, late_evening, created["id"], {"status": "confirmado"})

    assert response.status_code == 200
    data = response.get_json()["data"]
    assert data["status"] == "confirmado"
    assert data["dt_pagamento"] == "2026-03-10"
    assert fetch(client, late_evening, created["id"]) == data


def test_confirmado_keeps_a_given_dt_pagamento(client, financeiro):
    created = launch(client, financeiro, dt_lancamento="2026-02-20")

    response = patch(
        client,
        financeiro,
        created["id"],
        {"status": "confirmado", "dt_pagamento": "2026-02-27"},
    )

    assert response.status_code == 200
    assert response.get_json()["data"]["dt_pagamento"] == "2026-02-27"


def test_a_dt_pagamento_in_the_future_is_422(client, financeiro):
    created = launch(client, financeiro)

    response = patch(
        client,
        financeiro,
        created["id"],
        {"status": "confirmado", "dt_pagamento": "2026-03-03"},
    )

    assert_invalid(response, "dt_pagamento")
    assert fetch(client, financeiro, created["id"]) == created


def test_a_confirmed_payment_date_cannot_be_moved_into_the_future(client, financeiro):
    created = launch(client, financeiro)
    patch(client, financeiro, created["id"], {"status": "confirmado"})
    confirmed = fetch(client, financeiro, created["id"])

    response = patch(client, financeiro, created["id"], {"dt_pagamento": "2026-03-03"})

    assert_invalid(response, "dt_pagamento")
    assert fetch(client, financeiro, created["id"]) == confirmed


@pytest.mark.parametrize("changes", [{}, {"status": "cancelado"}])
def test_dt_pagamento_is_given_only_when_confirming(client, financeiro, changes):
    created = launch(client, financeiro)

    response = patch(
        client, financeiro, created["id"], {**changes, "dt_pagamento": "2026-03-02"}
    )

    assert_invalid(response, "dt_pagamento")
    assert fetch(client, financeiro, created["id"]) == created


def test_a_pendente_lancamento_may_be_cancelled(client, financeiro):
    created = launch(client, financeiro)

    response = patch(client, financeiro, created["id"], {"status": "cancelado"})

    assert response.status_code == 200
    data = response.get_json()["data"]
    assert data["status"] == "cancelado"
    assert data["dt_pagamento"] is None


@pytest.mark.parametrize(
    ("final", "target"),
    [
        ("confirmado", "pendente"),
        ("confirmado", "cancelado"),
        ("cancelado", "pendente"),
        ("cancelado", "confirmado"),
    ],
)
def test_confirmado_and_cancelado_are_final(client, financeiro, final, target):
    created = launch(client, financeiro)
    patch(client, financeiro, created["id"], {"status": final})
    before = fetch(client, financeiro, created["id"])

    response = patch(client, financeiro, created["id"], {"status": target})

    assert_error(response, 409, "HttpConflictError")
    assert fetch(client, financeiro, created["id"]) == before


@pytest.mark.parametrize("status", ["rascunho", "", None])
def test_a_status_outside_the_enum_is_422(client, financeiro, status):
    created = launch(client, financeiro)

    response = patch(client, financeiro, created["id"], {"status": status})

    assert_invalid(response, "status")


# What may change


def test_valor_convenio_and_tipo_change_while_pendente(client, financeiro, unimed):
    created = launch(client, financeiro)

    response = patch(
        client,
        financeiro,
        created["id"],
        {"valor": "99.90", "convenio_id": unimed["id"], "tipo": "exame"},
    )

    assert response.status_code == 200
    data = response.get_json()["data"]
    assert (data["valor"], data["convenio_id"], data["tipo"]) == (
        "99.90",
        unimed["id"],
        "exame",
    )
    assert fetch(client, financeiro, created["id"]) == data


@pytest.mark.parametrize("final", ["confirmado", "cancelado"])
@pytest.mark.parametrize(
    "changes",
    [{"valor": "99.90"}, {"convenio_id": "unimed"}, {"tipo": "exame"}],
)
def test_valor_convenio_and_tipo_are_frozen_once_not_pendente(
    client, financeiro, unimed, final, changes
):
    created = launch(client, financeiro)
    patch(client, financeiro, created["id"], {"status": final})
    before = fetch(client, financeiro, created["id"])
    if changes.get("convenio_id") == "unimed":
        changes = {"convenio_id": unimed["id"]}

    response = patch(client, financeiro, created["id"], changes)

    assert_error(response, 409, "HttpConflictError")
    assert fetch(client, financeiro, created["id"]) == before


def test_descricao_may_still_change_once_confirmado(client, financeiro):
    created = launch(client, financeiro)
    patch(client, financeiro, created["id"], {"status": "confirmado"})

    response = patch(client, financeiro, created["id"], {"descricao": "NF 1234"})

    assert response.status_code == 200
    assert response.get_json()["data"]["descricao"] == "NF 1234"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"valor": "1.005"}, "valor"),
        ({"valor": "0"}, "valor"),
        ({"valor": None}, "valor"),
        ({"tipo": "mensalidade"}, "tipo"),
        ({"convenio_id": 999}, "convenio_id"),
        ({"dt_vencimento": "2026-03-01"}, "dt_vencimento"),
        ({"paciente_id": 1}, "paciente_id"),
        ({"internacao_id": 1}, "internacao_id"),
        ({"dt_lancamento": "2026-03-01"}, "dt_lancamento"),
    ],
)
def test_patch_applies_the_create_rules_and_keeps_the_lancamento(
    client, financeiro, changes, field
):
    created = launch(client, financeiro)

    response = patch(client, financeiro, created["id"], changes)

    assert_invalid(response, field)
    assert fetch(client, financeiro, created["id"]) == created


# Listing and filters


@pytest.fixture
def extrato(client, admin, financeiro, unimed, paciente):
    """a: consulta, unimed, maria, 03-01, pendente; b: exame, particular,
    joao, 03-02, confirmado; c: procedimento, unimed, no paciente, 03-03,
    cancelado."""
    joao = new_paciente(client, admin, "João Pereira")
    a = launch(
        client,
        financeiro,
        tipo="consulta",
        convenio_id=unimed["id"],
        paciente_id=paciente["id"],
        dt_lancamento="2026-03-01",
    )
    b = launch(
        client,
        financeiro,
        tipo="exame",
        paciente_id=joao["id"],
        dt_lancamento="2026-03-02",
    )
    c = launch(
        client,
        financeiro,
        tipo="procedimento",
        convenio_id=unimed["id"],
        dt_lancamento="2026-03-03",
    )
    patch(client, financeiro, b["id"], {"status": "confirmado"})
    patch(client, financeiro, c["id"], {"status": "cancelado"})
    return {
        "lancamentos": {"a": a["id"], "b": b["id"], "c": c["id"]},
        "ids": {"unimed": unimed["id"], "maria": paciente["id"], "joao": joao["id"]},
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["a", "b", "c"]),
        ("convenio_id={unimed}", ["a", "c"]),
        ("paciente_id={maria}", ["a"]),
        ("paciente_id={joao}", ["b"]),
        ("status=pendente", ["a"]),
        ("status=confirmado", ["b"]),
        ("status=cancelado", ["c"]),
        ("tipo=exame", ["b"]),
        ("tipo=internacao", []),
        ("inicio=2026-03-02", ["b", "c"]),
        ("fim=2026-03-02", ["a", "b"]),
        ("inicio=2026-03-02&fim=2026-03-02", ["b"]),
        ("inicio=2026-03-01&fim=2026-03-03", ["a", "b", "c"]),
        ("inicio=2026-03-04", []),
        ("convenio_id={unimed}&status=pendente", ["a"]),
        ("convenio_id={unimed}&inicio=2026-03-02", ["c"]),
    ],
)
def test_list_filters_by_convenio_paciente_status_tipo_and_dt_lancamento(
    client, financeiro, extrato, query, expected
):
    response = client.get(
        f"/v1/lancamentos?{query.format(**extrato['ids'])}", headers=financeiro
    )

    assert response.status_code == 200
    assert ids_of(response) == [extrato["lancamentos"][name] for name in expected]
    assert response.get_json()["meta"]["total"] == len(expected)


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("inicio=2026-03-03&fim=2026-03-02", "fim"),
        ("inicio=01/03/2026", "inicio"),
        ("status=pago", "status"),
        ("tipo=mensalidade", "tipo"),
        ("convenio_id=abc", "convenio_id"),
        ("paciente_id=0", "paciente_id"),
    ],
)
def test_invalid_filters_are_422_naming_the_parameter(client, financeiro, query, field):
    response = client.get(f"/v1/lancamentos?{query}", headers=financeiro)

    assert_invalid(response, field)


# Methods, ids and roles


@pytest.mark.parametrize("status", ["confirmado", "cancelado"])
def test_a_confirmado_or_cancelado_lancamento_is_not_deleted_either(
    client, financeiro, status
):
    created = launch(client, financeiro)
    patch(client, financeiro, created["id"], {"status": status})
    before = fetch(client, financeiro, created["id"])

    response = client.delete(f"/v1/lancamentos/{created['id']}", headers=financeiro)

    assert_envelope(response, 405, "HttpMethodNotAllowedError")
    assert fetch(client, financeiro, created["id"]) == before
