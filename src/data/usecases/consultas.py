"""Appointments (RF04): booked in the future, never double-booked."""

from datetime import datetime, timedelta
from typing import Any

from src.data.interfaces import Clock, UnitOfWork
from src.data.usecases.registries import RegistryRules
from src.domain.entities import Consulta, Medico
from src.domain.enums import StatusConsulta
from src.domain.errors import Conflito, DadosInvalidos
from src.domain.status import CONSULTA

SCHEDULE_FIELDS = ("dt_consulta", "duracao_minutos", "especialidade_id")


class HorarioOcupado(Conflito):
    """The doctor or the patient already has an agendada consulta then."""


def consulta_rules(clock: Clock) -> RegistryRules:
    def check(uow: UnitOfWork, data: dict[str, Any], current: Consulta | None) -> None:
        if current is None:
            data["status"] = StatusConsulta.AGENDADA.value
            _pick_especialidade(uow.medicos.get(data["medico_id"]), data)
        else:
            _check_change(current, data)
            if "especialidade_id" in data:
                _pick_especialidade(uow.medicos.get(current.medico_id), data)

        if "dt_consulta" in data and data["dt_consulta"] < clock.now():
            raise DadosInvalidos.campo("dt_consulta", "must not be earlier than now")
        # Only a consulta that stays agendada holds its slot; notes on a
        # realizada one must not clash with whoever took the time since.
        if data.get("status", current and current.status) == StatusConsulta.AGENDADA:
            _check_free(uow, data, current)

    return RegistryRules(
        repository="consultas",
        label="consulta",
        references={
            "paciente_id": "pacientes",
            "medico_id": "medicos",
            "especialidade_id": "especialidades",
        },
        before_write=check,
    )


def _pick_especialidade(medico: Medico | None, data: dict[str, Any]) -> None:
    """The consulta's especialidade is one of the doctor's; it may be left out
    when the doctor has only one."""
    assert medico is not None, "references were checked before"
    chosen = data.get("especialidade_id")
    if chosen is None:
        if len(medico.especialidade_ids) != 1:
            raise DadosInvalidos.campo(
                "especialidade_id",
                "required: the medico has more than one especialidade",
            )
        data["especialidade_id"] = medico.especialidade_ids[0]
    elif chosen not in medico.especialidade_ids:
        raise DadosInvalidos.campo(
            "especialidade_id", "must be one of the medico's especialidades"
        )


def _check_change(current: Consulta, data: dict[str, Any]) -> None:
    if "status" in data:
        CONSULTA.check(current.status, data["status"])
    moved = [f for f in SCHEDULE_FIELDS if f in data and data[f] != getattr(current, f)]
    if moved and current.status != StatusConsulta.AGENDADA:
        raise Conflito(f"a {current.status} consulta cannot be rescheduled", moved[0])


def _check_free(
    uow: UnitOfWork, data: dict[str, Any], current: Consulta | None
) -> None:
    """Refuse an overlap with another agendada consulta of the doctor or the
    patient. Their rows are locked first, so two bookings of one slot queue
    here and the second sees the first."""
    medico_id: int = data.get("medico_id") or (current and current.medico_id)  # type: ignore[assignment]
    paciente_id: int = data.get("paciente_id") or (current and current.paciente_id)  # type: ignore[assignment]
    inicio: datetime = data.get("dt_consulta") or (current and current.dt_consulta)  # type: ignore[assignment]
    minutos = data.get("duracao_minutos") or (
        current.duracao_minutos if current else 30
    )
    fim = inicio + timedelta(minutes=minutos)
    exclude = current.id if current else None

    uow.medicos.lock(medico_id)
    uow.pacientes.lock(paciente_id)
    if uow.consultas.overlaps("medico_id", medico_id, inicio, fim, exclude):
        raise HorarioOcupado(
            "the medico has another consulta at that time", "dt_consulta"
        )
    if uow.consultas.overlaps("paciente_id", paciente_id, inicio, fim, exclude):
        raise HorarioOcupado(
            "the paciente has another consulta at that time", "dt_consulta"
        )
