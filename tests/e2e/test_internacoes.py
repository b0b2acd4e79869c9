"""Stays (API.md section 5, internacoes): admission, PATCH, transfers, alta,
filters and roles, through HTTP."""

from datetime import datetime, timedelta
from functools import partial

import pytest
from sqlalchemy import func, select

from src.domain.enums import Papel
from src.infra.db.models import InternacaoModel
from tests.conftest import SAO_PAULO
from tests.e2e.helpers import (
    assert_envelope,
    assert_invalid,
    concurrently,
    ids_of,
    new_internacao,
    new_leito,
    new_medico,
    new_paciente,
    new_setor,
)

pytestmark = pytest.mark.e2e

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=SAO_PAULO)
MOTIVOS = ["melhora", "cura", "transferencia_externa", "obito", "a_pedido", "outro"]
READERS = [
    Papel.ADMIN,
    Papel.GESTOR,
    Papel.MEDICO,
    Papel.ENFERMAGEM,
    Papel.RECEPCAO,
    Papel.FARMACIA,
]
NOT_WRITERS = [Papel.GESTOR, Papel.RECEPCAO, Papel.FARMACIA, Papel.FINANCEIRO]


@pytest.fixture(autouse=True)
def _hospital_now(clock):
    """The hospital's clock reads 2026-03-10 12:00 before any token is issued."""
    clock.set(NOW)


@pytest.fixture
def enfermagem(as_role):
    return as_role(Papel.ENFERMAGEM)


@pytest.fixture
def setor(client, admin):
    return new_setor(client, admin, nome="Clínica Médica", valor_diaria="500.00")


@pytest.fixture
def uti(client, admin):
    return new_setor(
        client, admin, nome="UTI Adulto", tipo="uti", valor_diaria="1500.00"
    )


@pytest.fixture
def leito(client, admin, setor):
    return new_leito(client, admin, setor["id"], "101")


@pytest.fixture
def paciente(client, admin):
    return new_paciente(client, admin, nome="Maria da Silva")


@pytest.fixture
def medico(client, admin):
    return new_medico(client, admin, crm="123456")


def local(text: str) -> str:
    """A São Paulo wall-clock time as the API writes it."""
    return f"{text}:00-03:00"


def bed_status(client, headers, leito_id):
    return client.get(f"/v1/leitos/{leito_id}", headers=headers).get_json()["data"][
        "status"
    ]


def admit(client, headers, paciente_id, leito_id, **extra):
    return client.post(
        "/v1/internacoes",
        json={
            "paciente_id": paciente_id,
            "leito_id": leito_id,
            "diagnostico": "J18.9",
            **extra,
        },
        headers=headers,
    )


def transfer(client, headers, internacao_id, leito_id, **extra):
    return client.post(
        f"/v1/internacoes/{internacao_id}/transferencias",
        json={"leito_id": leito_id, **extra},
        headers=headers,
    )


def discharge(client, headers, internacao_id, motivo_alta="melhora", **extra):
    return client.post(
        f"/v1/internacoes/{internacao_id}/alta",
        json={"motivo_alta": motivo_alta, **extra},
        headers=headers,
    )


def past_stay(client, headers, paciente_id, leito_id, admissao, alta):
    """A stay admitted and discharged at the given São Paulo times."""
    stay = new_internacao(
        client, headers, paciente_id, leito_id, dt_admissao=local(admissao)
    )
    response = discharge(client, headers, stay["id"], dt_alta=local(alta))
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()["data"]


def count_stays(engine):
    with engine.connect() as connection:
        return connection.scalar(select(func.count()).select_from(InternacaoModel))


# Admission


def test_admission_into_a_free_bed_is_201_with_the_open_stay(
    client, enfermagem, setor, leito, paciente, medico
):
    response = admit(
        client,
        enfermagem,
        paciente["id"],
        leito["id"],
        medico_id=medico["id"],
        observacoes="Febre há 3 dias",
    )

    assert response.status_code == 201, response.get_data(as_text=True)
    body = response.get_json()["data"]
    assert body == {
        "id": body["id"],
        "paciente_id": paciente["id"],
        "leito_id": leito["id"],
        "setor_id": setor["id"],
        "medico_id": medico["id"],
        "diagnostico": "J18.9",
        "observacoes": "Febre há 3 dias",
        "status": "ativa",
        "dt_admissao": "2026-03-10T12:00:00-03:00",
        "dt_alta": None,
        "motivo_alta": None,
        "lancamento_id": None,
        "criado_em": body["criado_em"],
        "atualizado_em": body["atualizado_em"],
    }


def test_admission_marks_the_bed_ocupado(client, enfermagem, admin, leito, paciente):
    admit(client, enfermagem, paciente["id"], leito["id"])

    assert bed_status(client, admin, leito["id"]) == "ocupado"


def test_the_stay_is_read_back_by_its_location(client, enfermagem, leito, paciente):
    created = new_internacao(client, enfermagem, paciente["id"], leito["id"])

    response = client.get(f"/v1/internacoes/{created['id']}", headers=enfermagem)

    assert response.status_code == 200
    assert response.get_json()["data"] == created


@pytest.mark.parametrize(
    ("given", "stored"),
    [("j18.9", "J18.9"), ("J189", "J18.9"), (" i21.0 ", "I21.0"), ("a09", "A09")],
)
def test_diagnostico_is_stored_upper_case_with_the_dot(
    client, enfermagem, leito, paciente, given, stored
):
    response = admit(client, enfermagem, paciente["id"], leito["id"], diagnostico=given)

    assert response.status_code == 201
    assert response.get_json()["data"]["diagnostico"] == stored


@pytest.mark.parametrize(
    "diagnostico", ["pneumonia", "J1", "18.9", "JJ8.9", "J18.99", "", 189, None]
)
def test_a_diagnostico_that_is_not_a_cid_10_code_is_422(
    client, enfermagem, admin, leito, paciente, diagnostico
):
    response = admit(
        client, enfermagem, paciente["id"], leito["id"], diagnostico=diagnostico
    )

    assert_invalid(response, "diagnostico")
    assert bed_status(client, admin, leito["id"]) == "livre"


def test_missing_required_fields_are_each_named_in_a_422(client, enfermagem):
    response = client.post("/v1/internacoes", json={}, headers=enfermagem)

    assert_invalid(response, "paciente_id", "leito_id", "diagnostico")


def test_an_unknown_field_is_422_naming_it(client, enfermagem, leito, paciente):
    response = admit(client, enfermagem, paciente["id"], leito["id"], status="alta")

    assert_invalid(response, "status")


def test_a_past_dt_admissao_is_accepted_for_late_registration(
    client, enfermagem, leito, paciente
):
    response = admit(
        client,
        enfermagem,
        paciente["id"],
        leito["id"],
        dt_admissao="2026-03-01T10:00:00-03:00",
    )

    assert response.status_code == 201
    assert response.get_json()["data"]["dt_admissao"] == "2026-03-01T10:00:00-03:00"


@pytest.mark.parametrize(
    "given",
    ["2026-03-01T10:00:00", "2026-03-01T13:00:00Z", "2026-03-01T08:00:00-05:00"],
)
def test_dt_admissao_without_offset_is_hospital_time_and_is_returned_in_it(
    client, enfermagem, leito, paciente, given
):
    response = admit(client, enfermagem, paciente["id"], leito["id"], dt_admissao=given)

    assert response.get_json()["data"]["dt_admissao"] == "2026-03-01T10:00:00-03:00"


def test_a_dt_admissao_in_the_future_is_422_and_the_bed_stays_livre(
    client, enfermagem, admin, leito, paciente
):
    one_minute_ahead = (NOW + timedelta(minutes=1)).isoformat()

    response = admit(
        client, enfermagem, paciente["id"], leito["id"], dt_admissao=one_minute_ahead
    )

    assert_invalid(response, "dt_admissao")
    assert bed_status(client, admin, leito["id"]) == "livre"


@pytest.mark.parametrize("dt_admissao", ["ontem", "2026-03-01", "2026-02-30T10:00"])
def test_a_dt_admissao_that_is_not_a_datetime_is_422(
    client, enfermagem, leito, paciente, dt_admissao
):
    response = admit(
        client, enfermagem, paciente["id"], leito["id"], dt_admissao=dt_admissao
    )

    assert_invalid(response, "dt_admissao")


@pytest.mark.parametrize("field", ["paciente_id", "leito_id", "medico_id"])
def test_a_reference_that_does_not_exist_is_422_naming_it(
    client, enfermagem, engine, leito, paciente, medico, field
):
    payload = {
        "paciente_id": paciente["id"],
        "leito_id": leito["id"],
        "medico_id": medico["id"],
        field: 999,
    }

    response = admit(client, enfermagem, **payload)

    assert_invalid(response, field)
    assert count_stays(engine) == 0


def test_admission_into_an_occupied_bed_is_409(
    client, enfermagem, admin, engine, leito, paciente
):
    new_internacao(client, enfermagem, paciente["id"], leito["id"])
    other = new_paciente(client, admin, nome="Ana Lima")

    response = admit(client, enfermagem, other["id"], leito["id"])

    entries = assert_envelope(response, 409, "HttpConflictError")
    assert entries[0]["field"] == "leito_id"
    assert count_stays(engine) == 1


def test_admission_into_a_bed_in_manutencao_is_409_and_the_bed_keeps_its_status(
    client, enfermagem, admin, engine, setor, paciente
):
    leito = new_leito(client, admin, setor["id"], "102", status="manutencao")

    response = admit(client, enfermagem, paciente["id"], leito["id"])

    assert_envelope(response, 409, "HttpConflictError")
    assert bed_status(client, admin, leito["id"]) == "manutencao"
    assert count_stays(engine) == 0


def test_a_retroactive_admission_overlapping_a_past_stay_in_the_bed_is_409(
    client, enfermagem, admin, leito, paciente
):
    past_stay(
        client,
        enfermagem,
        paciente["id"],
        leito["id"],
        "2026-03-01T10:00",
        "2026-03-05T10:00",
    )
    other = new_paciente(client, admin, nome="Ana Lima")

    response = admit(
        client,
        enfermagem,
        other["id"],
        leito["id"],
        dt_admissao=local("2026-03-03T08:00"),
    )

    entries = assert_envelope(response, 409, "HttpConflictError")
    assert entries[0]["field"] == "leito_id"
    assert bed_status(client, admin, leito["id"]) == "livre"


def test_a_retroactive_admission_that_starts_before_a_past_stay_in_the_bed_is_409(
    client, enfermagem, admin, leito, paciente
):
    past_stay(
        client,
        enfermagem,
        paciente["id"],
        leito["id"],
        "2026-03-03T10:00",
        "2026-03-05T10:00",
    )
    other = new_paciente(client, admin, nome="Ana Lima")

    response = admit(
        client,
        enfermagem,
        other["id"],
        leito["id"],
        dt_admissao=local("2026-03-01T08:00"),
    )

    assert_envelope(response, 409, "HttpConflictError")


@pytest.mark.parametrize("dt_admissao", ["2026-03-05T10:00", "2026-03-06T08:00"])
def test_a_retroactive_admission_entirely_after_a_past_stay_in_the_bed_is_201(
    client, enfermagem, admin, leito, paciente, dt_admissao
):
    past_stay(
        client,
        enfermagem,
        paciente["id"],
        leito["id"],
        "2026-03-01T10:00",
        "2026-03-05T10:00",
    )
    other = new_paciente(client, admin, nome="Ana Lima")

    response = admit(
        client, enfermagem, other["id"], leito["id"], dt_admissao=local(dt_admissao)
    )

    assert response.status_code == 201, response.get_data(as_text=True)
    assert bed_status(client, admin, leito["id"]) == "ocupado"


def test_a_retroactive_admission_into_a_bed_another_stay_left_by_transfer_is_409(
    client, enfermagem, admin, setor, leito, paciente
):
    stay = new_internacao(
        client,
        enfermagem,
        paciente["id"],
        leito["id"],
        dt_admissao=local("2026-03-01T10:00"),
    )
    other_bed = new_leito(client, admin, setor["id"], "102")
    transfer(
        client,
        enfermagem,
        stay["id"],
        other_bed["id"],
        dt_transferencia=local("2026-03-03T10:00"),
    )
    other = new_paciente(client, admin, nome="Ana Lima")

    response = admit(
        client,
        enfermagem,
        other["id"],
        leito["id"],
        dt_admissao=local("2026-03-02T10:00"),
    )

    assert_envelope(response, 409, "HttpConflictError")
    assert bed_status(client, admin, leito["id"]) == "livre"


def test_a_retroactive_transfer_into_a_bed_used_in_that_period_is_409(
    client, enfermagem, admin, setor, leito, paciente
):
    stay = new_internacao(
        client,
        enfermagem,
        paciente["id"],
        leito["id"],
        dt_admissao=local("2026-03-01T10:00"),
    )
    other_bed = new_leito(client, admin, setor["id"], "102")
    ana = new_paciente(client, admin, nome="Ana Lima")
    past_stay(
        client,
        enfermagem,
        ana["id"],
        other_bed["id"],
        "2026-03-02T10:00",
        "2026-03-05T10:00",
    )

    response = transfer(
        client,
        enfermagem,
        stay["id"],
        other_bed["id"],
        dt_transferencia=local("2026-03-03T10:00"),
    )

    assert_envelope(response, 409, "HttpConflictError")
    assert bed_status(client, admin, leito["id"]) == "ocupado"


def test_a_patient_with_an_open_stay_cannot_be_admitted_again_409(
    client, enfermagem, admin, engine, setor, leito, paciente
):
    new_internacao(client, enfermagem, paciente["id"], leito["id"])
    other_bed = new_leito(client, admin, setor["id"], "102")

    response = admit(client, enfermagem, paciente["id"], other_bed["id"])

    entries = assert_envelope(response, 409, "HttpConflictError")
    assert entries[0]["field"] == "paciente_id"
    assert bed_status(client, admin, other_bed["id"]) == "livre"
    assert count_stays(engine) == 1


def test_a_retroactive_admission_overlapping_the_patients_past_stay_is_409(
    client, enfermagem, admin, setor, leito, paciente
):
    past_stay(
        client,
        enfermagem,
        paciente["id"],
        leito["id"],
        "2026-03-01T10:00",
        "2026-03-05T10:00",
    )
    other_bed = new_leito(client, admin, setor["id"], "102")

    response = admit(
        client,
        enfermagem,
        paciente["id"],
        other_bed["id"],
        dt_admissao=local("2026-03-04T08:00"),
    )

    entries = assert_envelope(response, 409, "HttpConflictError")
    assert entries[0]["field"] == "paciente_id"


def test_a_readmission_after_the_patients_past_stay_is_201(
    client, enfermagem, admin, setor, leito, paciente
):
    past_stay(
        client,
        enfermagem,
        paciente["id"],
        leito["id"],
        "2026-03-01T10:00",
        "2026-03-05T10:00",
    )
    other_bed = new_leito(client, admin, setor["id"], "102")

    response = admit(
        client,
        enfermagem,
        paciente["id"],
        other_bed["id"],
        dt_admissao=local("2026-03-06T08:00"),
    )

    assert response.status_code == 201, response.get_data(as_text=True)


# PATCH


def test_patch_changes_diagnostico_medico_and_observacoes(
    client, enfermagem, admin, leito, paciente, medico
):
    stay = new_internacao(client, enfermagem, paciente["id"], leito["id"])

    response = client.patch(
        f"/v1/internacoes/{stay['id']}",
        json={"diagnostico": "i21.0", "medico_id": medico["id"], "observacoes": "UTI?"},
        headers=enfermagem,
    )

    assert response.status_code == 200, response.get_data(as_text=True)
    body = response.get_json()["data"]
    assert body == {
        **stay,
        "diagnostico": "I21.0",
        "medico_id": medico["id"],
        "observacoes": "UTI?",
        "atualizado_em": body["atualizado_em"],
    }
    again = client.get(f"/v1/internacoes/{stay['id']}", headers=admin)
    assert again.get_json()["data"] == body


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("paciente_id", 1),
        ("leito_id", 1),
        ("setor_id", 1),
        ("status", "alta"),
        ("dt_admissao", "2026-03-01T10:00:00"),
        ("dt_alta", "2026-03-09T10:00:00"),
        ("motivo_alta", "cura"),
        ("lancamento_id", 1),
    ],
)
def test_patch_of_any_other_field_is_422_naming_it_and_changes_nothing(
    client, enfermagem, leito, paciente, field, value
):
    stay = new_internacao(client, enfermagem, paciente["id"], leito["id"])

    response = client.patch(
        f"/v1/internacoes/{stay['id']}",
        json={field: value, "observacoes": "alterada"},
        headers=enfermagem,
    )

    assert_invalid(response, field)
    again = client.get(f"/v1/internacoes/{stay['id']}", headers=enfermagem)
    assert again.get_json()["data"] == stay


def test_patch_with_a_medico_that_does_not_exist_is_422(
    client, enfermagem, leito, paciente
):
    stay = new_internacao(client, enfermagem, paciente["id"], leito["id"])

    response = client.patch(
        f"/v1/internacoes/{stay['id']}", json={"medico_id": 999}, headers=enfermagem
    )

    assert_invalid(response, "medico_id")


def test_patch_with_an_invalid_diagnostico_is_422(client, enfermagem, leito, paciente):
    stay = new_internacao(client, enfermagem, paciente["id"], leito["id"])

    response = client.patch(
        f"/v1/internacoes/{stay['id']}",
        json={"diagnostico": "gripe"},
        headers=enfermagem,
    )

    assert_invalid(response, "diagnostico")


# Transfers


def test_transfer_to_a_free_bed_answers_200_with_the_moved_stay(
    client, enfermagem, admin, leito, uti, paciente
):
    stay = new_internacao(client, enfermagem, paciente["id"], leito["id"])
    leito_uti = new_leito(client, admin, uti["id"], "U1", tipo="uti")

    response = transfer(client, enfermagem, stay["id"], leito_uti["id"])

    assert response.status_code == 200, response.get_data(as_text=True)
    body = response.get_json()["data"]
    assert (body["leito_id"], body["setor_id"], body["status"]) == (
        leito_uti["id"],
        uti["id"],
        "ativa",
    )
    assert body["dt_admissao"] == stay["dt_admissao"]
    assert (
        client.get(f"/v1/internacoes/{stay['id']}", headers=admin).get_json()["data"]
        == body
    )


def test_transfer_frees_the_old_bed_and_occupies_the_new_one(
    client, enfermagem, admin, leito, uti, paciente
):
    stay = new_internacao(client, enfermagem, paciente["id"], leito["id"])
    leito_uti = new_leito(client, admin, uti["id"], "U1")

    transfer(client, enfermagem, stay["id"], leito_uti["id"])

    assert bed_status(client, admin, leito["id"]) == "livre"
    assert bed_status(client, admin, leito_uti["id"]) == "ocupado"


def test_the_freed_bed_takes_a_new_admission_after_a_transfer(
    client, enfermagem, admin, leito, uti, paciente
):
    stay = new_internacao(client, enfermagem, paciente["id"], leito["id"])
    transfer(
        client, enfermagem, stay["id"], new_leito(client, admin, uti["id"], "U1")["id"]
    )
    other = new_paciente(client, admin, nome="Ana Lima")

    response = admit(client, enfermagem, other["id"], leito["id"])

    assert response.status_code == 201, response.get_data(as_text=True)


def test_transfer_to_an_occupied_bed_is_409_and_nothing_moves(
    client, enfermagem, admin, setor, leito, paciente
):
    stay = new_internacao(client, enfermagem, paciente["id"], leito["id"])
    busy = new_leito(client, admin, setor["id"], "102")
    new_internacao(
        client,
        enfermagem,
        new_paciente(client, admin, nome="Ana Lima")["id"],
        busy["id"],
    )

    response = transfer(client, enfermagem, stay["id"], busy["id"])

    entries = assert_envelope(response, 409, "HttpConflictError")
    assert entries[0]["field"] == "leito_id"
    assert (
        client.get(f"/v1/internacoes/{stay['id']}", headers=admin).get_json()["data"][
            "leito_id"
        ]
        == leito["id"]
    )
    assert bed_status(client, admin, leito["id"]) == "ocupado"


def test_transfer_to_a_bed_in_manutencao_is_409_and_nothing_moves(
    client, enfermagem, admin, setor, leito, paciente
):
    stay = new_internacao(client, enfermagem, paciente["id"], leito["id"])
    broken = new_leito(client, admin, setor["id"], "102", status="manutencao")

    response = transfer(client, enfermagem, stay["id"], broken["id"])

    assert_envelope(response, 409, "HttpConflictError")
    assert bed_status(client, admin, leito["id"]) == "ocupado"
    assert bed_status(client, admin, broken["id"]) == "manutencao"
    listed = client.get(f"/v1/internacoes/{stay['id']}/transferencias", headers=admin)
    assert listed.get_json()["meta"]["total"] == 1


def test_transfer_to_the_bed_the_patient_is_in_is_409(
    client, enfermagem, leito, paciente
):
    stay = new_internacao(client, enfermagem, paciente["id"], leito["id"])

    response = transfer(client, enfermagem, stay["id"], leito["id"])

    assert_envelope(response, 409, "HttpConflictError")


def test_transfer_of_a_discharged_stay_is_409_and_the_bed_stays_livre(
    client, enfermagem, admin, setor, leito, paciente
):
    stay = new_internacao(client, enfermagem, paciente["id"], leito["id"])
    discharge(client, enfermagem, stay["id"])
    other_bed = new_leito(client, admin, setor["id"], "102")

    response = transfer(client, enfermagem, stay["id"], other_bed["id"])

    assert_envelope(response, 409, "HttpConflictError")
    assert bed_status(client, admin, other_bed["id"]) == "livre"


def test_transfer_to_a_bed_that_does_not_exist_is_422(
    client, enfermagem, leito, paciente
):
    stay = new_internacao(client, enfermagem, paciente["id"], leito["id"])

    response = transfer(client, enfermagem, stay["id"], 999)

    assert_invalid(response, "leito_id")


def test_transfer_without_leito_id_is_422(client, enfermagem, leito, paciente):
    stay = new_internacao(client, enfermagem, paciente["id"], leito["id"])

    response = client.post(
        f"/v1/internacoes/{stay['id']}/transferencias", json={}, headers=enfermagem
    )

    assert_invalid(response, "leito_id")


def test_transfer_of_an_unknown_stay_is_404(client, enfermagem, leito):
    response = transfer(client, enfermagem, 999, leito["id"])

    assert_envelope(response, 404, "HttpNotFoundError")


@pytest.mark.parametrize(
    "dt_transferencia", ["2026-02-28T10:00:00-03:00", "2026-03-10T12:01:00-03:00"]
)
def test_a_transfer_before_the_admission_or_in_the_future_is_422(
    client, enfermagem, admin, setor, paciente, leito, dt_transferencia
):
    stay = new_internacao(
        client,
        enfermagem,
        paciente["id"],
        leito["id"],
        dt_admissao=local("2026-03-01T10:00"),
    )
    other_bed = new_leito(client, admin, setor["id"], "102")

    response = transfer(
        client,
        enfermagem,
        stay["id"],
        other_bed["id"],
        dt_transferencia=dt_transferencia,
    )

    assert_invalid(response, "dt_transferencia")
    assert bed_status(client, admin, other_bed["id"]) == "livre"


def test_transferencias_lists_every_bed_in_order_with_inicio_and_fim(
    client, enfermagem, admin, setor, uti, leito, paciente
):
    leito_uti = new_leito(client, admin, uti["id"], "U1")
    back = new_leito(client, admin, setor["id"], "102")
    stay = new_internacao(
        client,
        enfermagem,
        paciente["id"],
        leito["id"],
        dt_admissao=local("2026-03-01T10:00"),
    )
    transfer(
        client,
        enfermagem,
        stay["id"],
        leito_uti["id"],
        dt_transferencia=local("2026-03-02T15:00"),
    )
    transfer(
        client,
        enfermagem,
        stay["id"],
        back["id"],
        dt_transferencia=local("2026-03-05T09:30"),
    )

    response = client.get(
        f"/v1/internacoes/{stay['id']}/transferencias", headers=enfermagem
    )

    assert response.status_code == 200
    assert response.get_json()["data"] == [
        {
            "leito_id": leito["id"],
            "setor_id": setor["id"],
            "inicio": "2026-03-01T10:00:00-03:00",
            "fim": "2026-03-02T15:00:00-03:00",
        },
        {
            "leito_id": leito_uti["id"],
            "setor_id": uti["id"],
            "inicio": "2026-03-02T15:00:00-03:00",
            "fim": "2026-03-05T09:30:00-03:00",
        },
        {
            "leito_id": back["id"],
            "setor_id": setor["id"],
            "inicio": "2026-03-05T09:30:00-03:00",
            "fim": None,
        },
    ]
    assert response.get_json()["meta"]["total"] == 3


def test_a_transfer_without_dt_transferencia_happens_now(
    client, enfermagem, admin, setor, leito, paciente
):
    stay = new_internacao(
        client,
        enfermagem,
        paciente["id"],
        leito["id"],
        dt_admissao=local("2026-03-01T10:00"),
    )
    other_bed = new_leito(client, admin, setor["id"], "102")

    transfer(client, enfermagem, stay["id"], other_bed["id"])

    listed = client.get(f"/v1/internacoes/{stay['id']}/transferencias", headers=admin)
    assert [(p["inicio"], p["fim"]) for p in listed.get_json()["data"]] == [
        ("2026-03-01T10:00:00-03:00", "2026-03-10T12:00:00-03:00"),
        ("2026-03-10T12:00:00-03:00", None),
    ]


def test_after_the_alta_the_last_bed_ends_at_dt_alta(
    client, enfermagem, leito, paciente
):
    stay = past_stay(
        client,
        enfermagem,
        paciente["id"],
        leito["id"],
        "2026-03-01T10:00",
        "2026-03-04T09:00",
    )

    response = client.get(
        f"/v1/internacoes/{stay['id']}/transferencias", headers=enfermagem
    )

    assert response.get_json()["data"] == [
        {
            "leito_id": leito["id"],
            "setor_id": leito["setor_id"],
            "inicio": "2026-03-01T10:00:00-03:00",
            "fim": "2026-03-04T09:00:00-03:00",
        }
    ]


def test_transferencias_of_an_unknown_stay_is_404(client, enfermagem):
    response = client.get("/v1/internacoes/999/transferencias", headers=enfermagem)

    assert_envelope(response, 404, "HttpNotFoundError")


# Alta


def test_alta_answers_200_with_the_closed_stay_and_its_lancamento(
    client, enfermagem, leito, paciente
):
    stay = new_internacao(
        client,
        enfermagem,
        paciente["id"],
        leito["id"],
        dt_admissao=local("2026-03-01T10:00"),
    )

    response = discharge(
        client, enfermagem, stay["id"], "cura", dt_alta="2026-03-04T09:00:00-03:00"
    )

    assert response.status_code == 200, response.get_data(as_text=True)
    body = response.get_json()["data"]
    assert body["status"] == "alta"
    assert body["dt_alta"] == "2026-03-04T09:00:00-03:00"
    assert body["motivo_alta"] == "cura"
    assert isinstance(body["lancamento_id"], int)
    assert (body["leito_id"], body["setor_id"]) == (leito["id"], leito["setor_id"])
    assert (
        client.get(f"/v1/internacoes/{stay['id']}", headers=enfermagem).get_json()[
            "data"
        ]
        == body
    )


def test_alta_frees_the_bed(client, enfermagem, admin, leito, paciente):
    stay = new_internacao(client, enfermagem, paciente["id"], leito["id"])

    discharge(client, enfermagem, stay["id"])

    assert bed_status(client, admin, leito["id"]) == "livre"


def test_alta_without_dt_alta_happens_now(client, enfermagem, leito, paciente):
    stay = new_internacao(
        client,
        enfermagem,
        paciente["id"],
        leito["id"],
        dt_admissao=local("2026-03-01T10:00"),
    )

    response = discharge(client, enfermagem, stay["id"])

    assert response.get_json()["data"]["dt_alta"] == "2026-03-10T12:00:00-03:00"


def test_after_the_alta_the_patient_can_be_admitted_again(
    client, enfermagem, leito, paciente
):
    stay = new_internacao(
        client,
        enfermagem,
        paciente["id"],
        leito["id"],
        dt_admissao=local("2026-03-01T10:00"),
    )
    discharge(client, enfermagem, stay["id"], dt_alta=local("2026-03-04T09:00"))

    response = admit(client, enfermagem, paciente["id"], leito["id"])

    assert response.status_code == 201, response.get_data(as_text=True)


@pytest.mark.parametrize("motivo_alta", MOTIVOS)
def test_every_motivo_alta_of_the_contract_is_accepted(
    client, enfermagem, leito, paciente, motivo_alta
):
    stay = new_internacao(client, enfermagem, paciente["id"], leito["id"])

    response = discharge(client, enfermagem, stay["id"], motivo_alta)

    assert response.status_code == 200
    assert response.get_json()["data"]["motivo_alta"] == motivo_alta


@pytest.mark.parametrize("motivo_alta", ["alta", "MELHORA", "", None, 1])
def test_a_motivo_alta_outside_the_enum_is_422_and_the_stay_stays_open(
    client, enfermagem, admin, leito, paciente, motivo_alta
):
    stay = new_internacao(client, enfermagem, paciente["id"], leito["id"])

    response = discharge(client, enfermagem, stay["id"], motivo_alta)

    assert_invalid(response, "motivo_alta")
    assert bed_status(client, admin, leito["id"]) == "ocupado"


def test_alta_without_motivo_alta_is_422(client, enfermagem, leito, paciente):
    stay = new_internacao(client, enfermagem, paciente["id"], leito["id"])

    response = client.post(
        f"/v1/internacoes/{stay['id']}/alta", json={}, headers=enfermagem
    )

    assert_invalid(response, "motivo_alta")


def test_alta_before_the_admission_is_422_and_nothing_changes(
    client, enfermagem, admin, leito, paciente
):
    stay = new_internacao(
        client,
        enfermagem,
        paciente["id"],
        leito["id"],
        dt_admissao=local("2026-03-05T10:00"),
    )

    response = discharge(
        client, enfermagem, stay["id"], dt_alta=local("2026-03-05T09:59")
    )

    assert_invalid(response, "dt_alta")
    assert (
        client.get(f"/v1/internacoes/{stay['id']}", headers=admin).get_json()["data"]
        == stay
    )
    assert bed_status(client, admin, leito["id"]) == "ocupado"
    assert client.get("/v1/lancamentos", headers=admin).get_json()["meta"]["total"] == 0


def test_alta_before_the_arrival_in_the_current_bed_is_422(
    client, enfermagem, admin, setor, leito, paciente
):
    stay = new_internacao(
        client,
        enfermagem,
        paciente["id"],
        leito["id"],
        dt_admissao=local("2026-03-01T10:00"),
    )
    other_bed = new_leito(client, admin, setor["id"], "102")
    transfer(
        client,
        enfermagem,
        stay["id"],
        other_bed["id"],
        dt_transferencia=local("2026-03-05T10:00"),
    )

    response = discharge(
        client, enfermagem, stay["id"], dt_alta=local("2026-03-04T10:00")
    )

    assert_invalid(response, "dt_alta")


def test_alta_at_the_admission_instant_is_accepted(client, enfermagem, leito, paciente):
    stay = new_internacao(
        client,
        enfermagem,
        paciente["id"],
        leito["id"],
        dt_admissao=local("2026-03-05T10:00"),
    )

    response = discharge(
        client, enfermagem, stay["id"], dt_alta=local("2026-03-05T10:00")
    )

    assert response.status_code == 200, response.get_data(as_text=True)


def test_alta_in_the_future_is_422_and_nothing_changes(
    client, enfermagem, admin, leito, paciente
):
    stay = new_internacao(client, enfermagem, paciente["id"], leito["id"])

    response = discharge(
        client, enfermagem, stay["id"], dt_alta=(NOW + timedelta(minutes=1)).isoformat()
    )

    assert_invalid(response, "dt_alta")
    assert bed_status(client, admin, leito["id"]) == "ocupado"
    assert client.get("/v1/lancamentos", headers=admin).get_json()["meta"]["total"] == 0


def test_a_second_alta_is_409_and_keeps_the_first(client, enfermagem, leito, paciente):
    stay = new_internacao(
        client,
        enfermagem,
        paciente["id"],
        leito["id"],
        dt_admissao=local("2026-03-01T10:00"),
    )
    first = discharge(
        client, enfermagem, stay["id"], "melhora", dt_alta=local("2026-03-04T09:00")
    )

    response = discharge(client, enfermagem, stay["id"], "obito")

    assert_envelope(response, 409, "HttpConflictError")
    again = client.get(f"/v1/internacoes/{stay['id']}", headers=enfermagem)
    assert again.get_json()["data"] == first.get_json()["data"]


def test_alta_of_an_unknown_stay_is_404(client, enfermagem):
    response = discharge(client, enfermagem, 999)

    assert_envelope(response, 404, "HttpNotFoundError")


# Listing


@pytest.fixture
def three_stays(client, enfermagem, admin, setor, uti, leito, paciente):
    """A discharged stay and an open one in the ward, an open one in the ICU."""
    ward_bed = new_leito(client, admin, setor["id"], "102")
    icu_bed = new_leito(client, admin, uti["id"], "U1")
    ana = new_paciente(client, admin, nome="Ana Lima")
    jose = new_paciente(client, admin, nome="José Pereira")
    discharged = past_stay(
        client,
        enfermagem,
        paciente["id"],
        leito["id"],
        "2026-03-01T10:00",
        "2026-03-03T10:00",
    )
    ward = new_internacao(client, enfermagem, ana["id"], ward_bed["id"])
    icu = new_internacao(client, enfermagem, jose["id"], icu_bed["id"])
    return {
        "discharged": discharged,
        "ward": ward,
        "icu": icu,
        "leito": leito,
        "icu_bed": icu_bed,
        "ana": ana,
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status=ativa", ["ward", "icu"]),
        ("status=alta", ["discharged"]),
        ("paciente_id={ana}", ["ward"]),
        ("leito_id={leito}", ["discharged"]),
        ("leito_id={icu_bed}", ["icu"]),
        ("setor_id={uti}", ["icu"]),
        ("setor_id={setor}", ["discharged", "ward"]),
        ("setor_id={setor}&status=ativa", ["ward"]),
    ],
)
def test_list_filters_by_paciente_leito_setor_and_status(
    client, enfermagem, setor, uti, three_stays, query, expected
):
    ids = {
        "ana": three_stays["ana"]["id"],
        "leito": three_stays["leito"]["id"],
        "icu_bed": three_stays["icu_bed"]["id"],
        "uti": uti["id"],
        "setor": setor["id"],
    }

    response = client.get(f"/v1/internacoes?{query.format(**ids)}", headers=enfermagem)

    assert ids_of(response) == [three_stays[name]["id"] for name in expected]


def test_the_setor_filter_follows_the_patient_after_a_transfer(
    client, enfermagem, admin, uti, leito, paciente
):
    stay = new_internacao(client, enfermagem, paciente["id"], leito["id"])
    transfer(
        client, enfermagem, stay["id"], new_leito(client, admin, uti["id"], "U1")["id"]
    )

    response = client.get(f"/v1/internacoes?setor_id={uti['id']}", headers=enfermagem)

    assert ids_of(response) == [stay["id"]]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("status=aberta", "status"),
        ("setor_id=abc", "setor_id"),
        ("leito_id=0", "leito_id"),
    ],
)
def test_a_bad_filter_is_422_naming_it(client, enfermagem, query, field):
    response = client.get(f"/v1/internacoes?{query}", headers=enfermagem)

    assert_invalid(response, field)


# Roles and methods


@pytest.mark.parametrize("papel", [Papel.MEDICO, Papel.ENFERMAGEM, Papel.ADMIN])
def test_medico_and_enfermagem_admit_transfer_patch_and_discharge(
    client, as_role, admin, setor, leito, paciente, papel
):
    headers = as_role(papel)
    other_bed = new_leito(client, admin, setor["id"], "102")

    admitted = admit(client, headers, paciente["id"], leito["id"])
    stay_id = admitted.get_json()["data"]["id"]
    patched = client.patch(
        f"/v1/internacoes/{stay_id}", json={"observacoes": "estável"}, headers=headers
    )
    moved = transfer(client, headers, stay_id, other_bed["id"])
    closed = discharge(client, headers, stay_id)

    assert [
        admitted.status_code,
        patched.status_code,
        moved.status_code,
        closed.status_code,
    ] == [201, 200, 200, 200]


@pytest.mark.parametrize("papel", NOT_WRITERS)
def test_other_roles_may_not_transfer_nor_discharge(
    client, as_role, enfermagem, admin, setor, leito, paciente, papel
):
    headers = as_role(papel)
    stay = new_internacao(client, enfermagem, paciente["id"], leito["id"])
    other_bed = new_leito(client, admin, setor["id"], "102")

    writes = [
        transfer(client, headers, stay["id"], other_bed["id"]),
        discharge(client, headers, stay["id"]),
    ]

    for response in writes:
        assert_envelope(response, 403, "HttpForbiddenError")
    assert (
        client.get(f"/v1/internacoes/{stay['id']}", headers=admin).get_json()["data"]
        == stay
    )


@pytest.mark.parametrize("papel", READERS)
def test_every_role_but_financeiro_reads_the_transferencias(
    client, as_role, enfermagem, leito, paciente, papel
):
    headers = as_role(papel)
    stay = new_internacao(client, enfermagem, paciente["id"], leito["id"])

    response = client.get(
        f"/v1/internacoes/{stay['id']}/transferencias", headers=headers
    )

    assert response.status_code == 200
    assert [t["leito_id"] for t in response.get_json()["data"]] == [leito["id"]]


def test_financeiro_may_not_read_the_transferencias(
    client, as_role, enfermagem, leito, paciente
):
    financeiro = as_role(Papel.FINANCEIRO)
    stay = new_internacao(client, enfermagem, paciente["id"], leito["id"])

    response = client.get(
        f"/v1/internacoes/{stay['id']}/transferencias", headers=financeiro
    )

    assert_envelope(response, 403, "HttpForbiddenError")


def test_without_a_token_the_actions_of_a_stay_are_401(
    client, admin, enfermagem, setor, leito, paciente
):
    stay = new_internacao(client, enfermagem, paciente["id"], leito["id"])
    other_bed = new_leito(client, admin, setor["id"], "102")
    path = f"/v1/internacoes/{stay['id']}"

    responses = [
        client.post(f"{path}/alta", json={"motivo_alta": "cura"}),
        client.post(f"{path}/transferencias", json={"leito_id": other_bed["id"]}),
        client.get(f"{path}/transferencias"),
    ]

    for response in responses:
        assert_envelope(response, 401, "HttpUnauthorizedError")
    assert client.get(path, headers=admin).get_json()["data"] == stay


# Concurrency


def test_ten_simultaneous_admissions_into_one_bed_give_one_201_and_nine_409(
    app, client, admin, enfermagem, engine, leito
):
    pacientes = [new_paciente(client, admin, nome=f"Paciente {n}") for n in range(10)]
    admissions = [
        partial(admit, headers=enfermagem, paciente_id=p["id"], leito_id=leito["id"])
        for p in pacientes
    ]

    responses = concurrently(app, admissions)

    assert sorted(r.status_code for r in responses) == [201] + [409] * 9
    for response in responses:
        if response.status_code == 409:
            assert_envelope(response, 409, "HttpConflictError")
    assert count_stays(engine) == 1
    assert bed_status(client, admin, leito["id"]) == "ocupado"
    listed = client.get(f"/v1/internacoes?leito_id={leito['id']}", headers=admin)
    winner = next(r for r in responses if r.status_code == 201)
    assert ids_of(listed) == [winner.get_json()["data"]["id"]]


def test_two_simultaneous_admissions_of_one_patient_give_one_201_and_one_409(
    app, client, admin, enfermagem, engine, setor, leito, paciente
):
    other_bed = new_leito(client, admin, setor["id"], "102")

    responses = concurrently(
        app,
        [
            lambda own: admit(own, enfermagem, paciente["id"], leito["id"]),
            lambda own: admit(own, enfermagem, paciente["id"], other_bed["id"]),
        ],
    )

    assert sorted(r.status_code for r in responses) == [201, 409]
    assert count_stays(engine) == 1
    statuses = sorted(bed_status(client, admin, b["id"]) for b in (leito, other_bed))
    assert statuses == ["livre", "ocupado"]
