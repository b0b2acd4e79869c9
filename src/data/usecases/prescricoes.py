"""Prescriptions (RF06) and their dispensation from the pharmacy's stock."""

from typing import Any

from src.data.interfaces import Clock, UnitOfWork, UnitOfWorkFactory
from src.data.usecases.estoque import registrar_movimentacao
from src.data.usecases.registries import RegistryRules
from src.domain.entities import Prescricao
from src.domain.enums import StatusPrescricao, TipoMovimentacao
from src.domain.errors import (
    Conflito,
    DadosInvalidos,
    EstoqueInsuficiente,
    FieldError,
    RegistroNaoEncontrado,
)


def prescricao_rules() -> RegistryRules:
    def check(
        uow: UnitOfWork, data: dict[str, Any], current: Prescricao | None
    ) -> None:
        if current is not None:
            if "status" in data and current.status != StatusPrescricao.ATIVA:
                raise Conflito(
                    f"a {current.status} prescricao cannot be cancelled", "status"
                )
            return

        data["status"] = StatusPrescricao.ATIVA.value
        missing = [
            FieldError(f"itens.{n}.medicamento_id", "no such record")
            for n, item in enumerate(data["itens"])
            if not uow.medicamentos.exists(item["medicamento_id"])
        ]
        if missing:
            raise DadosInvalidos(missing)
        internacao_id = data.get("internacao_id")
        if internacao_id is not None:
            internacao = uow.internacoes.get(internacao_id)
            if internacao and internacao.paciente_id != data["paciente_id"]:
                raise DadosInvalidos.campo(
                    "internacao_id", "must be a stay of the same paciente"
                )

    return RegistryRules(
        repository="prescricoes",
        label="prescricao",
        references={
            "paciente_id": "pacientes",
            "medico_id": "medicos",
            "internacao_id": "internacoes",
        },
        before_write=check,
    )


class DispensacaoService:
    def __init__(self, uow_factory: UnitOfWorkFactory, clock: Clock) -> None:
        self._uow_factory = uow_factory
        self._clock = clock

    def dispensar(self, prescricao_id: int, usuario_id: int | None) -> Prescricao:
        """Take every item out of stock, all or nothing, and mark it dispensada.

        The prescricao's row is locked first, so a second dispensation waits
        and then finds it already dispensada; the medicamentos are moved in id
        order, so two dispensations never wait on each other in a circle.
        """
        with self._uow_factory() as uow:
            prescricao: Prescricao | None = uow.prescricoes.lock(prescricao_id)
            if prescricao is None:
                raise RegistroNaoEncontrado(f"prescricao {prescricao_id} not found")
            if prescricao.status != StatusPrescricao.ATIVA:
                raise Conflito(
                    f"the prescricao is already {prescricao.status}", "status"
                )

            for item in sorted(prescricao.itens, key=lambda i: i.medicamento_id):
                try:
                    registrar_movimentacao(
                        uow,
                        item.medicamento_id,
                        TipoMovimentacao.SAIDA,
                        item.quantidade,
                        f"dispensação da prescricao {prescricao_id}",
                        usuario_id,
                    )
                except EstoqueInsuficiente:
                    medicamento = uow.medicamentos.get(item.medicamento_id)
                    nome = medicamento.nome if medicamento else item.medicamento_id
                    raise EstoqueInsuficiente(
                        f"insufficient stock of medicamento {item.medicamento_id} "
                        f"({nome}) for {item.quantidade}",
                        "itens",
                    ) from None

            dispensada: Prescricao = uow.prescricoes.update(
                prescricao_id,
                {
                    "status": StatusPrescricao.DISPENSADA.value,
                    "dt_dispensacao": self._clock.now(),
                    "dispensada_por": usuario_id,
                },
            )
            uow.commit()
            return dispensada
