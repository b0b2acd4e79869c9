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
    new_medico,
    new_paciente,
)

pytestmark = pytest.mark.e2e

MONDAY_MORNING = datetime(2026, 3, 2, 8, 0, tzinfo=SAO_PAULO)
READERS = [Papel.MEDICO, Papel.ENFERMAGEM, Papel.FARMACIA]
NOT_READERS = [p for p in Papel if p not in (Papel.ADMIN, *READERS)]


@pytest.fixture(autouse=True)
def monday_morning(clock):
    """Every test starts at 2026-03-02 08:00 in São Paulo, before any token."""
    clock.set(MONDAY_MORNING)


@pytest.fixture
def paciente(client, admin):
    return new_paciente(client, admin, "Maria da Silva")


@pytest.fixture
def outro_paciente(client, admin):
    return new_paciente(client, admin, "João Pereira")


@pytest.fixture
def medico(client, admin):
    return new_medico(client, admin, crm="123456")


@pytest.fixture
def outro_medico(client, admin):
    return new_medico(client, admin, crm="654321")


def exame(paciente, medico, **overrides):
    """A valid exame body; ``overrides`` replace or add fields."""
    return {
        "paciente_id": paciente["id"],
        "medico_id": medico["id"],
        "tipo": "Hemograma completo",
        **overrides,
    }


def request_exame(client, headers, paciente, medico, **overrides):
    return create(client, "/v1/exames", exame(paciente, medico, **overrides), headers)


def patch(client, headers, exame_id, changes):
    return client.patch(f"/v1/exames/{exame_id}", json=changes, headers=headers)


def fetch(client, headers, exame_id):
    return client.get(f"/v1/exames/{exame_id}", headers=headers).get_json()["data"]


def move_to(client, headers, exame_id, status):
    """Walk an exame from solicitado to ``status`` along the allowed path."""
    steps = {
        "solicitado": [],
        "em_andamento": [{"status": "em_andamento"}],
        "concluido": [
            {"status": "em_andamento"},
            {"status": "concluido", "resultado": "Hemoglobina 13,5 g/dL"},
        ],
        "cancelado": [{"status": "cancelado"}],
    }
    for step in steps[status]:
        assert patch(client, headers, exame_id, step).status_code == 200


# Creating


def test_create_returns_201_with_a_solicitado_exame(client, admin, paciente, medico):
    body = exame(paciente, medico, codigo="40304361", observacoes="Em jejum")

    response = client.post("/v1/exames", json=body, headers=admin)

    assert response.status_code == 201
    data = response.get_json()["data"]
    assert data == {
        "id": data["id"],
        "paciente_id": paciente["id"],
        "medico_id": medico["id"],
        "tipo": "Hemograma completo",
        "codigo": "40304361",
        "status": "solicitado",
        "resultado": None,
        "observacoes": "Em jejum",
        "dt_solicitacao": "2026-03-02T08:00:00-03:00",
        "dt_inicio": None,
        "dt_resultado": None,
        "criado_em": data["criado_em"],
        "atualizado_em": data["atualizado_em"],
    }


def test_dt_solicitacao_defaults_to_the_clocks_now(
    client, admin, clock, paciente, medico
):
    clock.set(datetime(2026, 3, 2, 8, 47, 13, tzinfo=SAO_PAULO))

    created = request_exame(client, admin, paciente, medico)

    assert created["dt_solicitacao"] == "2026-03-02T08:47:13-03:00"


@pytest.mark.parametrize(
    ("given", "shown"),
    [
        ("2026-03-01T22:30", "2026-03-01T22:30:00-03:00"),
        ("2026-03-02T01:30:00Z", "2026-03-01T22:30:00-03:00"),
        ("2026-03-02T08:00", "2026-03-02T08:00:00-03:00"),
    ],
)
def test_a_past_dt_solicitacao_is_kept_for_late_registration(
    client, admin, paciente, medico, given, shown
):
    created = request_exame(client, admin, paciente, medico, dt_solicitacao=given)

    assert created["dt_solicitacao"] == shown
    assert fetch(client, admin, created["id"])["dt_solicitacao"] == shown


@pytest.mark.parametrize("given", ["2026-03-02T08:01", "2026-03-02T11:01:00Z", None])
def test_a_dt_solicitacao_in_the_future_or_null_is_422(
    client, admin, paciente, medico, given
):
    body = exame(paciente, medico, dt_solicitacao=given)

    response = client.post("/v1/exames", json=body, headers=admin)

    assert_invalid(response, "dt_solicitacao")


@pytest.mark.parametrize("missing", ["paciente_id", "medico_id", "tipo"])
def test_required_fields_are_required(client, admin, paciente, medico, missing):
    body = exame(paciente, medico)
    del body[missing]

    response = client.post("/v1/exames", json=body, headers=admin)

    assert_invalid(response, missing)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"tipo": ""}, "tipo"),
        ({"tipo": "   "}, "tipo"),
        ({"tipo": None}, "tipo"),
        ({"tipo": 5}, "tipo"),
        ({"tipo": "x" * 151}, "tipo"),
        ({"codigo": "x" * 31}, "codigo"),
        ({"paciente_id": "um"}, "paciente_id"),
        ({"status": "solicitado"}, "status"),
        ({"resultado": "Normal"}, "resultado"),
        ({"dt_inicio": "2026-03-02T08:00"}, "dt_inicio"),
    ],
)
def test_an_invalid_or_unknown_field_is_refused_on_create(
    client, admin, paciente, medico, changes, field
):
    body = exame(paciente, medico, **changes)

    response = client.post("/v1/exames", json=body, headers=admin)

    assert_invalid(response, field)


def test_ids_that_do_not_exist_are_422_naming_each_field(client, admin):
    body = {"paciente_id": 999, "medico_id": 998, "tipo": "Hemograma completo"}

    response = client.post("/v1/exames", json=body, headers=admin)

    assert_invalid(response, "paciente_id", "medico_id")


# Status flow


def test_em_andamento_records_dt_inicio_at_the_clocks_now(
    client, admin, clock, paciente, medico
):
    created = request_exame(client, admin, paciente, medico)
    clock.set(datetime(2026, 3, 2, 8, 20, tzinfo=SAO_PAULO))

    response = patch(client, admin, created["id"], {"status": "em_andamento"})

    assert response.status_code == 200
    data = response.get_json()["data"]
    assert data["status"] == "em_andamento"
    assert data["dt_inicio"] == "2026-03-02T08:20:00-03:00"
    assert data["dt_resultado"] is None
    assert data["dt_solicitacao"] == "2026-03-02T08:00:00-03:00"
    assert fetch(client, admin, created["id"]) == data


def test_concluido_records_the_resultado_and_dt_resultado_at_the_clocks_now(
    client, admin, clock, paciente, medico
):
    created = request_exame(client, admin, paciente, medico)
    clock.set(datetime(2026, 3, 2, 8, 20, tzinfo=SAO_PAULO))
    patch(client, admin, created["id"], {"status": "em_andamento"})
    clock.set(datetime(2026, 3, 2, 8, 55, 30, tzinfo=SAO_PAULO))

    response = patch(
        client,
        admin,
        created["id"],
        {"status": "concluido", "resultado": "Hemoglobina 13,5 g/dL"},
    )

    assert response.status_code == 200
    data = response.get_json()["data"]
    assert data["status"] == "concluido"
    assert data["resultado"] == "Hemoglobina 13,5 g/dL"
    assert data["dt_inicio"] == "2026-03-02T08:20:00-03:00"
    assert data["dt_resultado"] == "2026-03-02T08:55:30-03:00"
    assert fetch(client, admin, created["id"]) == data


def test_a_resultado_given_before_may_conclude_the_exame(
    client, admin, paciente, medico
):
    created = request_exame(client, admin, paciente, medico)
    patch(client, admin, created["id"], {"status": "em_andamento"})
    patch(client, admin, created["id"], {"resultado": "Glicemia 92 mg/dL"})

    response = patch(client, admin, created["id"], {"status": "concluido"})

    assert response.status_code == 200
    assert response.get_json()["data"]["resultado"] == "Glicemia 92 mg/dL"


@pytest.mark.parametrize("resultado", [None, "", "   "])
def test_concluido_without_a_resultado_is_422_and_the_exame_stays_em_andamento(
    client, admin, paciente, medico, resultado
):
    created = request_exame(client, admin, paciente, medico)
    patch(client, admin, created["id"], {"status": "em_andamento"})
    changes = {"status": "concluido"}
    if resultado is not None:
        changes["resultado"] = resultado

    response = patch(client, admin, created["id"], changes)

    assert_invalid(response, "resultado")
    kept = fetch(client, admin, created["id"])
    assert kept["status"] == "em_andamento"
    assert kept["dt_resultado"] is None


@pytest.mark.parametrize("start", ["solicitado", "em_andamento"])
def test_an_exame_may_be_cancelled_before_it_is_concluded(
    client, admin, paciente, medico, start
):
    created = request_exame(client, admin, paciente, medico)
    move_to(client, admin, created["id"], start)

    response = patch(client, admin, created["id"], {"status": "cancelado"})

    assert response.status_code == 200
    assert response.get_json()["data"]["status"] == "cancelado"
    assert fetch(client, admin, created["id"])["status"] == "cancelado"


@pytest.mark.parametrize(
    ("start", "target"),
    [
        ("solicitado", "concluido"),
        ("em_andamento", "solicitado"),
        ("concluido", "em_andamento"),
        ("concluido", "solicitado"),
        ("concluido", "cancelado"),
        ("cancelado", "solicitado"),
        ("cancelado", "em_andamento"),
        ("cancelado", "concluido"),
    ],
)
def test_any_other_status_transition_is_409_and_changes_nothing(
    client, admin, paciente, medico, start, target
):
    created = request_exame(client, admin, paciente, medico)
    move_to(client, admin, created["id"], start)
    before = fetch(client, admin, created["id"])

    response = patch(
        client, admin, created["id"], {"status": target, "resultado": "Normal"}
    )

    assert_error(response, 409, "HttpConflictError")
    assert fetch(client, admin, created["id"]) == before


def test_a_cancelado_exame_takes_no_resultado(client, admin, paciente, medico):
    created = request_exame(client, admin, paciente, medico)
    move_to(client, admin, created["id"], "cancelado")

    response = patch(client, admin, created["id"], {"resultado": "Normal"})

    assert_error(response, 409, "HttpConflictError")
    assert fetch(client, admin, created["id"])["resultado"] is None


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"status": "pronto"}, "status"),
        ({"status": None}, "status"),
        ({"resultado": "x" * 20001}, "resultado"),
        ({"paciente_id": 1}, "paciente_id"),
        ({"dt_solicitacao": "2026-03-01T08:00"}, "dt_solicitacao"),
        ({"dt_resultado": "2026-03-02T08:00"}, "dt_resultado"),
    ],
)
def test_patch_refuses_invalid_or_fixed_fields_by_name(
    client, admin, paciente, medico, changes, field
):
    created = request_exame(client, admin, paciente, medico)

    response = patch(client, admin, created["id"], changes)

    assert_invalid(response, field)
    assert fetch(client, admin, created["id"]) == created


# Listing


@pytest.fixture
def pedidos(client, admin, paciente, outro_paciente, medico, outro_medico):
    """maria/ana solicitado, joao/ana em_andamento, maria/bruno cancelado."""
    a = request_exame(client, admin, paciente, medico)
    b = request_exame(client, admin, outro_paciente, medico, tipo="Glicemia")
    c = request_exame(client, admin, paciente, outro_medico, tipo="Raio-X de tórax")
    move_to(client, admin, b["id"], "em_andamento")
    move_to(client, admin, c["id"], "cancelado")
    return {
        "exames": {"a": a["id"], "b": b["id"], "c": c["id"]},
        "ids": {
            "maria": paciente["id"],
            "joao": outro_paciente["id"],
            "ana": medico["id"],
            "bruno": outro_medico["id"],
        },
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["a", "b", "c"]),
        ("paciente_id={maria}", ["a", "c"]),
        ("medico_id={ana}", ["a", "b"]),
        ("medico_id={bruno}", ["c"]),
        ("status=em_andamento", ["b"]),
        ("status=concluido", []),
        ("paciente_id={maria}&medico_id={ana}", ["a"]),
        ("paciente_id={maria}&status=cancelado", ["c"]),
        ("paciente_id={joao}&medico_id={ana}&status=em_andamento", ["b"]),
    ],
)
def test_list_filters_by_paciente_medico_and_status(
    client, admin, pedidos, query, expected
):
    response = client.get(f"/v1/exames?{query.format(**pedidos['ids'])}", headers=admin)

    assert response.status_code == 200
    assert ids_of(response) == [pedidos["exames"][name] for name in expected]
    assert response.get_json()["meta"]["total"] == len(expected)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["a", "c"]),
        ("medico_id={bruno}", ["c"]),
        ("status=solicitado", ["a"]),
        ("medico_id={ana}&status=cancelado", []),
    ],
)
def test_a_pacientes_exames_are_listed_under_the_paciente(
    client, admin, pedidos, query, expected
):
    path = f"/v1/pacientes/{pedidos['ids']['maria']}/exames"

    response = client.get(f"{path}?{query.format(**pedidos['ids'])}", headers=admin)

    assert response.status_code == 200
    assert ids_of(response) == [pedidos["exames"][name] for name in expected]
    assert response.get_json()["meta"]["total"] == len(expected)


def test_a_paciente_without_exames_has_an_empty_list(client, admin, paciente):
    response = client.get(f"/v1/pacientes/{paciente['id']}/exames", headers=admin)

    assert response.get_json() == {
        "data": [],
        "meta": {"page": 1, "per_page": 20, "total": 0, "pages": 0},
    }


@pytest.mark.parametrize("paciente_id", ["999", "0", "abc"])
def test_the_exames_of_an_unknown_paciente_are_404(client, admin, paciente_id):
    response = client.get(f"/v1/pacientes/{paciente_id}/exames", headers=admin)

    assert_envelope(response, 404, "HttpNotFoundError")


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("status=pronto", "status"),
        ("paciente_id=abc", "paciente_id"),
        ("medico_id=0", "medico_id"),
    ],
)
def test_invalid_filters_are_422_naming_the_parameter(client, admin, query, field):
    response = client.get(f"/v1/exames?{query}", headers=admin)

    assert_invalid(response, field)


# Methods, ids and roles


def test_medico_may_request_and_report_exames(client, as_role, paciente, medico):
    headers = as_role(Papel.MEDICO)

    posted = client.post("/v1/exames", json=exame(paciente, medico), headers=headers)
    exame_id = posted.get_json()["data"]["id"]
    started = patch(client, headers, exame_id, {"status": "em_andamento"})
    done = patch(
        client, headers, exame_id, {"status": "concluido", "resultado": "Normal"}
    )

    assert posted.status_code == 201
    assert started.status_code == 200
    assert done.status_code == 200
    assert done.get_json()["data"]["status"] == "concluido"


@pytest.mark.parametrize("papel", READERS)
def test_medico_enfermagem_and_farmacia_may_read_a_pacientes_exames(
    client, admin, as_role, paciente, medico, papel
):
    created = request_exame(client, admin, paciente, medico)
    headers = as_role(papel)

    response = client.get(f"/v1/pacientes/{paciente['id']}/exames", headers=headers)

    assert ids_of(response) == [created["id"]]


@pytest.mark.parametrize("papel", NOT_READERS)
def test_recepcao_gestor_and_financeiro_may_not_read_a_pacientes_exames(
    client, admin, as_role, paciente, medico, papel
):
    request_exame(client, admin, paciente, medico)
    headers = as_role(papel)

    response = client.get(f"/v1/pacientes/{paciente['id']}/exames", headers=headers)

    assert_error(response, 403, "HttpForbiddenError")
