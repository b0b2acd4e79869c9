from datetime import datetime

import pytest

from src.domain.enums import Papel
from tests.conftest import SAO_PAULO
from tests.e2e.helpers import (
    assert_error,
    assert_invalid,
    concurrently,
    create,
    ids_of,
    new_especialidade,
    new_medico,
    new_paciente,
)

pytestmark = pytest.mark.e2e

MONDAY_MORNING = datetime(2026, 3, 2, 8, 0, tzinfo=SAO_PAULO)


@pytest.fixture(autouse=True)
def monday_morning(clock):
    """Every test starts at 2026-03-02 08:00 in São Paulo, before any token."""
    clock.set(MONDAY_MORNING)


@pytest.fixture
def fresh_headers(make_user):
    """Headers issued at the clock's current time, for tests that move it far."""
    return lambda papel=Papel.RECEPCAO: make_user(papel)["headers"]


@pytest.fixture
def cardiologia(client, admin):
    return new_especialidade(client, admin, "Cardiologia")


@pytest.fixture
def pediatria(client, admin):
    return new_especialidade(client, admin, "Pediatria")


@pytest.fixture
def medico(client, admin, cardiologia):
    return new_medico(
        client, admin, especialidade_ids=[cardiologia["id"]], crm="123456"
    )


@pytest.fixture
def outro_medico(client, admin, cardiologia):
    return new_medico(
        client, admin, especialidade_ids=[cardiologia["id"]], crm="654321", nome="Bruno"
    )


@pytest.fixture
def paciente(client, admin):
    return new_paciente(client, admin, "Maria da Silva")


@pytest.fixture
def outro_paciente(client, admin):
    return new_paciente(client, admin, "João Pereira")


def consulta(paciente, medico, dt="2026-03-10T09:00", **overrides):
    """A valid consulta body; ``overrides`` replace or add fields."""
    return {
        "paciente_id": paciente["id"],
        "medico_id": medico["id"],
        "dt_consulta": dt,
        **overrides,
    }


def book(client, headers, paciente, medico, dt="2026-03-10T09:00", **overrides):
    """Book through the API and return the consulta."""
    body = consulta(paciente, medico, dt, **overrides)
    return create(client, "/v1/consultas", body, headers)


def patch(client, headers, consulta_id, changes):
    return client.patch(f"/v1/consultas/{consulta_id}", json=changes, headers=headers)


def fetch(client, headers, consulta_id):
    return client.get(f"/v1/consultas/{consulta_id}", headers=headers).get_json()[
        "data"
    ]


def all_consultas(client, headers):
    return ids_of(client.get("/v1/consultas?per_page=100", headers=headers))


# Creating


def test_create_returns_201_with_an_agendada_consulta(
    client, admin, paciente, medico, cardiologia
):
    body = consulta(paciente, medico, duracao_minutos=45, observacoes="Retorno")

    response = client.post("/v1/consultas", json=body, headers=admin)

    assert response.status_code == 201
    data = response.get_json()["data"]
    assert data == {
        "id": data["id"],
        "paciente_id": paciente["id"],
        "medico_id": medico["id"],
        "especialidade_id": cardiologia["id"],
        "dt_consulta": "2026-03-10T09:00:00-03:00",
        "duracao_minutos": 45,
        "status": "agendada",
        "observacoes": "Retorno",
        "criado_em": data["criado_em"],
        "atualizado_em": data["atualizado_em"],
    }


def test_duracao_defaults_to_30_minutes(client, admin, paciente, medico):
    created = book(client, admin, paciente, medico)

    assert created["duracao_minutos"] == 30


def test_especialidade_defaults_to_the_only_one_of_the_medico(
    client, admin, paciente, medico, cardiologia
):
    created = book(client, admin, paciente, medico)

    assert created["especialidade_id"] == cardiologia["id"]


def test_especialidade_is_required_when_the_medico_has_two(
    client, admin, paciente, cardiologia, pediatria
):
    medico = new_medico(
        client, admin, especialidade_ids=[cardiologia["id"], pediatria["id"]]
    )

    response = client.post(
        "/v1/consultas", json=consulta(paciente, medico), headers=admin
    )

    assert_invalid(response, "especialidade_id")
    assert all_consultas(client, admin) == []


def test_a_chosen_especialidade_of_the_medico_is_kept(
    client, admin, paciente, cardiologia, pediatria
):
    medico = new_medico(
        client, admin, especialidade_ids=[cardiologia["id"], pediatria["id"]]
    )

    created = book(client, admin, paciente, medico, especialidade_id=pediatria["id"])

    assert created["especialidade_id"] == pediatria["id"]


@pytest.mark.parametrize("especialidade", ["pediatria", "unknown"])
def test_an_especialidade_the_medico_does_not_have_is_422(
    client, admin, paciente, medico, pediatria, especialidade
):
    especialidade_id = pediatria["id"] if especialidade == "pediatria" else 999
    body = consulta(paciente, medico, especialidade_id=especialidade_id)

    response = client.post("/v1/consultas", json=body, headers=admin)

    assert_invalid(response, "especialidade_id")


def test_ids_that_do_not_exist_are_422_naming_each_field(client, admin):
    body = {"paciente_id": 999, "medico_id": 998, "dt_consulta": "2026-03-10T09:00"}

    response = client.post("/v1/consultas", json=body, headers=admin)

    assert_invalid(response, "paciente_id", "medico_id")


@pytest.mark.parametrize("missing", ["paciente_id", "medico_id", "dt_consulta"])
def test_required_fields_are_required(client, admin, paciente, medico, missing):
    body = consulta(paciente, medico)
    del body[missing]

    response = client.post("/v1/consultas", json=body, headers=admin)

    assert_invalid(response, missing)


@pytest.mark.parametrize("duracao", [10, 240])
def test_duracao_at_the_limits_is_accepted(client, admin, paciente, medico, duracao):
    created = book(client, admin, paciente, medico, duracao_minutos=duracao)

    assert created["duracao_minutos"] == duracao


@pytest.mark.parametrize("duracao", [9, 241, 0, -30, "30", 30.5, None, True])
def test_duracao_outside_10_to_240_minutes_is_422(
    client, admin, paciente, medico, duracao
):
    body = consulta(paciente, medico, duracao_minutos=duracao)

    response = client.post("/v1/consultas", json=body, headers=admin)

    assert_invalid(response, "duracao_minutos")


@pytest.mark.parametrize(
    "dt", ["amanhã", "2026-03-10", "2026-03-32T09:00", "10/03/2026 09:00", 123, None]
)
def test_dt_consulta_that_is_not_a_datetime_is_422(client, admin, paciente, medico, dt):
    response = client.post(
        "/v1/consultas", json=consulta(paciente, medico, dt), headers=admin
    )

    assert_invalid(response, "dt_consulta")


def test_a_status_sent_on_create_is_refused_by_name(client, admin, paciente, medico):
    body = consulta(paciente, medico, status="realizada")

    response = client.post("/v1/consultas", json=body, headers=admin)

    assert_invalid(response, "status")


# Time: "now" and offsets in America/Sao_Paulo


def test_at_2230_in_sao_paulo_a_booking_for_2300_that_evening_is_accepted(
    client, clock, paciente, medico, fresh_headers
):
    clock.set(datetime(2026, 3, 10, 22, 30, tzinfo=SAO_PAULO))  # 01:30 UTC on 03-11
    headers = fresh_headers()

    response = client.post(
        "/v1/consultas",
        json=consulta(paciente, medico, "2026-03-10T23:00"),
        headers=headers,
    )

    assert response.status_code == 201, response.get_json()
    assert response.get_json()["data"]["dt_consulta"] == "2026-03-10T23:00:00-03:00"


def test_a_booking_for_exactly_now_is_accepted(
    client, clock, paciente, medico, fresh_headers
):
    clock.set(datetime(2026, 3, 10, 22, 30, tzinfo=SAO_PAULO))
    headers = fresh_headers()

    response = client.post(
        "/v1/consultas",
        json=consulta(paciente, medico, "2026-03-10T22:30"),
        headers=headers,
    )

    assert response.status_code == 201


@pytest.mark.parametrize(
    "dt",
    [
        "2026-03-09T23:00",  # yesterday in São Paulo
        "2026-03-10T22:29",  # a minute ago
        "2026-03-11T01:00:00Z",  # tomorrow in UTC, but 22:00 in São Paulo
    ],
)
def test_at_2230_in_sao_paulo_a_booking_earlier_than_now_is_422(
    client, clock, paciente, medico, fresh_headers, dt
):
    clock.set(datetime(2026, 3, 10, 22, 30, tzinfo=SAO_PAULO))
    headers = fresh_headers()

    response = client.post(
        "/v1/consultas", json=consulta(paciente, medico, dt), headers=headers
    )

    assert_invalid(response, "dt_consulta")
    assert all_consultas(client, headers) == []


@pytest.mark.parametrize(
    ("given", "shown"),
    [
        ("2026-03-10T09:00", "2026-03-10T09:00:00-03:00"),
        ("2026-03-10T09:00:30", "2026-03-10T09:00:30-03:00"),
        ("2026-03-10T12:00:00Z", "2026-03-10T09:00:00-03:00"),
        ("2026-03-10T13:00:00+01:00", "2026-03-10T09:00:00-03:00"),
        ("2026-03-11T01:30:00+00:00", "2026-03-10T22:30:00-03:00"),
    ],
)
def test_dt_consulta_is_read_as_local_unless_an_offset_is_given_and_shown_in_sao_paulo(
    client, admin, paciente, medico, given, shown
):
    created = book(client, admin, paciente, medico, given)

    assert created["dt_consulta"] == shown
    assert fetch(client, admin, created["id"])["dt_consulta"] == shown


def test_a_time_given_in_utc_clashes_with_the_same_instant_given_locally(
    client, admin, paciente, outro_paciente, medico
):
    book(client, admin, paciente, medico, "2026-03-10T09:00")

    response = client.post(
        "/v1/consultas",
        json=consulta(outro_paciente, medico, "2026-03-10T12:15:00Z"),
        headers=admin,
    )

    assert_error(response, 409, "HttpConflictError")


# Overlap: [dt_consulta, dt_consulta + duracao_minutos)


@pytest.mark.parametrize(
    ("dt", "duracao", "status"),
    [
        ("2026-03-10T09:15", 30, 409),
        ("2026-03-10T09:00", 10, 409),
        ("2026-03-10T09:29", 10, 409),
        ("2026-03-10T08:45", 30, 409),
        ("2026-03-10T08:00", 120, 409),
        ("2026-03-10T09:30", 30, 201),
        ("2026-03-10T08:30", 30, 201),
        ("2026-03-10T08:00", 60, 201),
    ],
)
def test_a_medicos_0900_30_minute_consulta_blocks_only_the_overlapping_times(
    client, admin, paciente, outro_paciente, medico, dt, duracao, status
):
    first = book(client, admin, paciente, medico, "2026-03-10T09:00")

    response = client.post(
        "/v1/consultas",
        json=consulta(outro_paciente, medico, dt, duracao_minutos=duracao),
        headers=admin,
    )

    assert response.status_code == status, response.get_json()
    if status == 409:
        assert_error(response, 409, "HttpConflictError")
        assert all_consultas(client, admin) == [first["id"]]


@pytest.mark.parametrize("status", ["cancelada", "realizada", "falta"])
def test_a_consulta_no_longer_agendada_blocks_nothing(
    client, admin, paciente, outro_paciente, medico, status
):
    first = book(client, admin, paciente, medico, "2026-03-10T09:00")
    patch(client, admin, first["id"], {"status": status})

    response = client.post(
        "/v1/consultas",
        json=consulta(outro_paciente, medico, "2026-03-10T09:15"),
        headers=admin,
    )

    assert response.status_code == 201


def test_the_same_paciente_with_another_medico_at_an_overlapping_time_is_409(
    client, admin, paciente, medico, outro_medico
):
    first = book(client, admin, paciente, medico, "2026-03-10T09:00")

    response = client.post(
        "/v1/consultas",
        json=consulta(paciente, outro_medico, "2026-03-10T09:15"),
        headers=admin,
    )

    assert_error(response, 409, "HttpConflictError")
    assert all_consultas(client, admin) == [first["id"]]


def test_the_same_paciente_with_another_medico_right_after_is_accepted(
    client, admin, paciente, medico, outro_medico
):
    book(client, admin, paciente, medico, "2026-03-10T09:00")

    response = client.post(
        "/v1/consultas",
        json=consulta(paciente, outro_medico, "2026-03-10T09:30"),
        headers=admin,
    )

    assert response.status_code == 201


def test_other_pacientes_with_other_medicos_may_share_a_time(
    client, admin, paciente, outro_paciente, medico, outro_medico
):
    book(client, admin, paciente, medico, "2026-03-10T09:00")

    response = client.post(
        "/v1/consultas",
        json=consulta(outro_paciente, outro_medico, "2026-03-10T09:00"),
        headers=admin,
    )

    assert response.status_code == 201


# Status


@pytest.mark.parametrize("status", ["realizada", "cancelada", "falta"])
def test_an_agendada_consulta_may_become_realizada_cancelada_or_falta(
    client, admin, paciente, medico, status
):
    created = book(client, admin, paciente, medico)

    response = patch(client, admin, created["id"], {"status": status})

    assert response.status_code == 200
    assert response.get_json()["data"]["status"] == status
    assert fetch(client, admin, created["id"])["status"] == status


def test_status_may_change_after_the_consulta_time_has_passed(
    client, clock, paciente, medico, admin, fresh_headers
):
    created = book(client, admin, paciente, medico, "2026-03-10T09:00")
    clock.set(datetime(2026, 3, 10, 10, 0, tzinfo=SAO_PAULO))

    response = patch(client, fresh_headers(), created["id"], {"status": "realizada"})

    assert response.status_code == 200
    assert response.get_json()["data"]["status"] == "realizada"


@pytest.mark.parametrize(
    ("first", "then"),
    [
        ("realizada", "agendada"),
        ("realizada", "cancelada"),
        ("cancelada", "realizada"),
        ("cancelada", "agendada"),
        ("falta", "realizada"),
        ("falta", "agendada"),
    ],
)
def test_any_other_status_transition_is_409(
    client, admin, paciente, medico, first, then
):
    created = book(client, admin, paciente, medico)
    patch(client, admin, created["id"], {"status": first})

    response = patch(client, admin, created["id"], {"status": then})

    assert_error(response, 409, "HttpConflictError")
    assert fetch(client, admin, created["id"])["status"] == first


@pytest.mark.parametrize("status", ["concluida", "AGENDADA", "", None, 1])
def test_a_status_outside_the_enum_is_422(client, admin, paciente, medico, status):
    created = book(client, admin, paciente, medico)

    response = patch(client, admin, created["id"], {"status": status})

    assert_invalid(response, "status")


# Rescheduling


def test_patch_reschedules_to_a_free_time(client, admin, paciente, medico):
    created = book(client, admin, paciente, medico, "2026-03-10T09:00")

    response = patch(
        client,
        admin,
        created["id"],
        {"dt_consulta": "2026-03-11T14:00", "duracao_minutos": 60},
    )

    assert response.status_code == 200
    data = response.get_json()["data"]
    assert data["dt_consulta"] == "2026-03-11T14:00:00-03:00"
    assert data["duracao_minutos"] == 60
    assert fetch(client, admin, created["id"]) == data


def test_patch_may_move_a_consulta_within_its_own_slot(client, admin, paciente, medico):
    created = book(client, admin, paciente, medico, "2026-03-10T09:00")

    response = patch(client, admin, created["id"], {"dt_consulta": "2026-03-10T09:15"})

    assert response.status_code == 200
    assert response.get_json()["data"]["dt_consulta"] == "2026-03-10T09:15:00-03:00"


@pytest.mark.parametrize(
    "changes",
    [
        {"dt_consulta": "2026-03-10T09:15"},
        {"dt_consulta": "2026-03-10T08:45"},
        {"duracao_minutos": 90},
    ],
)
def test_patch_into_another_agendada_consulta_of_the_medico_is_409(
    client, admin, paciente, outro_paciente, medico, changes
):
    book(client, admin, paciente, medico, "2026-03-10T09:00")
    later = book(client, admin, outro_paciente, medico, "2026-03-10T08:00")

    response = patch(client, admin, later["id"], changes)

    assert_error(response, 409, "HttpConflictError")
    assert fetch(client, admin, later["id"]) == later


def test_patch_into_another_consulta_of_the_paciente_is_409(
    client, admin, paciente, medico, outro_medico
):
    book(client, admin, paciente, medico, "2026-03-10T09:00")
    other = book(client, admin, paciente, outro_medico, "2026-03-10T11:00")

    response = patch(client, admin, other["id"], {"dt_consulta": "2026-03-10T09:20"})

    assert_error(response, 409, "HttpConflictError")
    assert fetch(client, admin, other["id"]) == other


def test_patch_to_a_time_earlier_than_now_is_422(client, admin, paciente, medico):
    created = book(client, admin, paciente, medico, "2026-03-10T09:00")

    response = patch(client, admin, created["id"], {"dt_consulta": "2026-03-02T07:59"})

    assert_invalid(response, "dt_consulta")
    assert fetch(client, admin, created["id"]) == created


@pytest.mark.parametrize("status", ["cancelada", "realizada", "falta"])
def test_a_consulta_no_longer_agendada_cannot_be_rescheduled(
    client, admin, paciente, medico, status
):
    created = book(client, admin, paciente, medico, "2026-03-10T09:00")
    patch(client, admin, created["id"], {"status": status})

    response = patch(client, admin, created["id"], {"dt_consulta": "2026-03-11T09:00"})

    assert_error(response, 409, "HttpConflictError")
    assert fetch(client, admin, created["id"])["dt_consulta"] == (
        "2026-03-10T09:00:00-03:00"
    )


def test_notes_on_a_realizada_consulta_may_change_after_its_slot_was_rebooked(
    client, admin, paciente, outro_paciente, medico
):
    first = book(client, admin, paciente, medico, "2026-03-10T09:00")
    patch(client, admin, first["id"], {"status": "realizada"})
    book(client, admin, outro_paciente, medico, "2026-03-10T09:00")

    response = patch(client, admin, first["id"], {"observacoes": "Paciente estável"})

    assert response.status_code == 200, response.get_json()
    assert response.get_json()["data"]["observacoes"] == "Paciente estável"


def test_patch_to_another_especialidade_of_the_medico_is_accepted(
    client, admin, paciente, cardiologia, pediatria
):
    medico = new_medico(
        client, admin, especialidade_ids=[cardiologia["id"], pediatria["id"]]
    )
    created = book(client, admin, paciente, medico, especialidade_id=cardiologia["id"])

    response = patch(
        client, admin, created["id"], {"especialidade_id": pediatria["id"]}
    )

    assert response.status_code == 200
    assert response.get_json()["data"]["especialidade_id"] == pediatria["id"]


def test_patch_to_an_especialidade_the_medico_does_not_have_is_422(
    client, admin, paciente, medico, pediatria
):
    created = book(client, admin, paciente, medico)

    response = patch(
        client, admin, created["id"], {"especialidade_id": pediatria["id"]}
    )

    assert_invalid(response, "especialidade_id")
    assert fetch(client, admin, created["id"]) == created


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"dt_consulta": None}, "dt_consulta"),
        ({"dt_consulta": "amanhã"}, "dt_consulta"),
        ({"duracao_minutos": 9}, "duracao_minutos"),
        ({"duracao_minutos": 241}, "duracao_minutos"),
        ({"especialidade_id": None}, "especialidade_id"),
        ({"especialidade_id": 999}, "especialidade_id"),
        ({"paciente_id": 1}, "paciente_id"),
        ({"medico_id": 1}, "medico_id"),
    ],
)
def test_patch_applies_the_create_rules_and_keeps_the_consulta(
    client, admin, paciente, medico, changes, field
):
    created = book(client, admin, paciente, medico)

    response = patch(client, admin, created["id"], changes)

    assert_invalid(response, field)
    assert fetch(client, admin, created["id"]) == created


# Listing and filters


@pytest.fixture
def agenda(client, admin, paciente, outro_paciente, medico, outro_medico):
    """Three consultas on 03-10: maria/ana 09:00 (agendada), joao/ana 10:00
    (cancelada), maria/bruno 11:00 (agendada)."""
    a = book(client, admin, paciente, medico, "2026-03-10T09:00")
    b = book(client, admin, outro_paciente, medico, "2026-03-10T10:00")
    c = book(client, admin, paciente, outro_medico, "2026-03-10T11:00")
    patch(client, admin, b["id"], {"status": "cancelada"})
    return {
        "consultas": {"a": a["id"], "b": b["id"], "c": c["id"]},
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
        ("paciente_id={joao}", ["b"]),
        ("medico_id={ana}", ["a", "b"]),
        ("medico_id={bruno}", ["c"]),
        ("status=agendada", ["a", "c"]),
        ("status=cancelada", ["b"]),
        ("status=realizada", []),
        ("paciente_id={maria}&medico_id={ana}", ["a"]),
        ("medico_id={ana}&status=agendada", ["a"]),
        ("paciente_id=999", []),
    ],
)
def test_list_filters_by_paciente_medico_and_status(
    client, admin, agenda, query, expected
):
    response = client.get(
        f"/v1/consultas?{query.format(**agenda['ids'])}", headers=admin
    )

    assert response.status_code == 200
    assert ids_of(response) == [agenda["consultas"][name] for name in expected]
    assert response.get_json()["meta"]["total"] == len(expected)


@pytest.fixture
def around_march_10(client, admin, paciente, medico):
    """Consultas at the edges of 2026-03-10 in São Paulo time."""
    times = {
        "09_2300": "2026-03-09T23:00",
        "10_0000": "2026-03-10T00:00",
        "10_2330": "2026-03-10T23:30",  # 02:30 UTC on 03-11
        "11_0000": "2026-03-11T00:00",
    }
    return {
        name: book(client, admin, paciente, medico, dt)["id"]
        for name, dt in times.items()
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("inicio=2026-03-10&fim=2026-03-10", ["10_0000", "10_2330"]),
        ("inicio=2026-03-10", ["10_0000", "10_2330", "11_0000"]),
        ("fim=2026-03-10", ["09_2300", "10_0000", "10_2330"]),
        ("inicio=2026-03-11&fim=2026-03-11", ["11_0000"]),
        (
            "inicio=2026-03-09&fim=2026-03-11",
            ["09_2300", "10_0000", "10_2330", "11_0000"],
        ),
        ("inicio=2026-03-12", []),
    ],
)
def test_inicio_and_fim_are_inclusive_days_in_sao_paulo_time(
    client, admin, around_march_10, query, expected
):
    response = client.get(f"/v1/consultas?{query}", headers=admin)

    assert response.status_code == 200
    assert ids_of(response) == [around_march_10[name] for name in expected]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("inicio=2026-03-11&fim=2026-03-10", "fim"),
        ("inicio=10/03/2026", "inicio"),
        ("fim=2026-02-30", "fim"),
        ("status=concluida", "status"),
        ("paciente_id=abc", "paciente_id"),
        ("medico_id=0", "medico_id"),
    ],
)
def test_invalid_filters_are_422_naming_the_parameter(client, admin, query, field):
    response = client.get(f"/v1/consultas?{query}", headers=admin)

    assert_invalid(response, field)


# Methods, ids and roles


# Concurrency


def post_at_once(app, headers, bodies):
    """POST every body to /v1/consultas at the same moment; the statuses."""
    calls = [
        lambda client, body=body: client.post(
            "/v1/consultas", json=body, headers=headers
        )
        for body in bodies
    ]
    return [response.status_code for response in concurrently(app, calls)]


@pytest.mark.parametrize("bookings", [2, 10])
def test_simultaneous_bookings_of_one_medicos_slot_give_exactly_one_201(
    app, client, admin, as_role, medico, bookings
):
    pacientes = [new_paciente(client, admin, f"Paciente {n}") for n in range(bookings)]
    bodies = [consulta(p, medico, "2026-03-10T09:00") for p in pacientes]

    statuses = post_at_once(app, as_role(Papel.RECEPCAO), bodies)

    assert sorted(statuses) == [201] + [409] * (bookings - 1)
    assert len(all_consultas(client, admin)) == 1


@pytest.mark.parametrize("bookings", [2, 10])
def test_simultaneous_bookings_of_one_paciente_with_many_medicos_give_one_201(
    app, client, admin, as_role, paciente, cardiologia, bookings
):
    medicos = [
        new_medico(
            client, admin, especialidade_ids=[cardiologia["id"]], crm=f"{100000 + n}"
        )
        for n in range(bookings)
    ]
    bodies = [consulta(paciente, m, "2026-03-10T09:00") for m in medicos]

    statuses = post_at_once(app, as_role(Papel.RECEPCAO), bodies)

    assert sorted(statuses) == [201] + [409] * (bookings - 1)
    assert len(all_consultas(client, admin)) == 1
