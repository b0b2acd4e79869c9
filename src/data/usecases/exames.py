"""Exams (RF05): requested, started, reported, or cancelled."""

from typing import Any

from src.data.interfaces import Clock, UnitOfWork
from src.data.usecases.registries import RegistryRules
from src.domain.entities import Exame
from src.domain.enums import StatusExame
from src.domain.errors import Conflito, DadosInvalidos
from src.domain.status import EXAME


def exame_rules(clock: Clock) -> RegistryRules:
    def check(uow: UnitOfWork, data: dict[str, Any], current: Exame | None) -> None:
        now = clock.now()
        if current is None:
            data["status"] = StatusExame.SOLICITADO.value
            data.setdefault("dt_solicitacao", now)
            if data["dt_solicitacao"] > now:
                raise DadosInvalidos.campo(
                    "dt_solicitacao", "must not be in the future"
                )
            return

        if current.status == StatusExame.CANCELADO and set(data) - {"observacoes"}:
            raise Conflito("a cancelado exame cannot change", sorted(data)[0])
        target = data.get("status", current.status)
        EXAME.check(current.status, target)
        if target == current.status:
            return

        if target == StatusExame.EM_ANDAMENTO:
            data["dt_inicio"] = now
        elif target == StatusExame.CONCLUIDO:
            if not (data.get("resultado") or current.resultado):
                raise DadosInvalidos.campo(
                    "resultado", "required to mark the exame concluido"
                )
            data["dt_resultado"] = now

    return RegistryRules(
        repository="exames",
        label="exame",
        references={"paciente_id": "pacientes", "medico_id": "medicos"},
        before_write=check,
    )
