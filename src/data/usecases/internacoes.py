"""Stays (RF08, RF09): admission, transfers, and the alta that bills them (RF24).

Every verb locks the rows it decides on (the stay, the bed, the patient)
before reading them, so concurrent requests about one bed or one stay take
turns; unique indexes on the open stay's bed and patient back this up.
"""

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from src.data.interfaces import Clock, UnitOfWork, UnitOfWorkFactory, Values
from src.data.usecases.lancamentos import lancamento_criado, prazo_pagamento
from src.data.usecases.registries import check_references
from src.domain.entities import Internacao, Leito, PassagemLeito
from src.domain.enums import (
    StatusInternacao,
    StatusLancamento,
    StatusLeito,
    TipoLancamento,
)
from src.domain.errors import (
    Conflito,
    DadosInvalidos,
    LeitoOcupado,
    RegistroNaoEncontrado,
)
from src.domain.events import InternacaoAberta, InternacaoAlta, LeitoLiberado
from src.domain.faturamento import Passagem, valor_internacao
from src.domain.paging import Page, PageRequest

MEDICO = {"medico_id": "medicos"}


class InternacaoEncerrada(Conflito):
    """The stay has already had its alta."""


class InternacaoService:
    def __init__(
        self, uow_factory: UnitOfWorkFactory, clock: Clock, tz: ZoneInfo
    ) -> None:
        self._uow_factory = uow_factory
        self._clock = clock
        self._tz = tz

    def abrir(self, values: Values) -> Internacao:
        now = self._clock.now()
        admissao: datetime = values.get("dt_admissao") or now
        if admissao > now:
            raise DadosInvalidos.campo("dt_admissao", "must not be in the future")

        with self._uow_factory() as uow:
            paciente_id, leito_id = values["paciente_id"], values["leito_id"]
            if uow.pacientes.lock(paciente_id) is None:
                raise DadosInvalidos.campo(
                    "paciente_id", f"no such record: {paciente_id}"
                )
            check_references(uow, MEDICO, values)
            leito = self._free_bed(uow, leito_id, admissao)
            if uow.internacoes.patient_stay_after(paciente_id, admissao, None):
                raise Conflito(
                    "the paciente has another stay overlapping this one", "paciente_id"
                )

            internacao: Internacao = uow.internacoes.add(
                {
                    **values,
                    "dt_admissao": admissao,
                    "setor_id": leito.setor_id,
                    "status": StatusInternacao.ATIVA.value,
                    "leito_ocupado_id": leito.id,
                    "paciente_internado_id": paciente_id,
                }
            )
            uow.internacoes.open_passagem(
                internacao.id, leito.id, leito.setor_id, admissao
            )
            uow.leitos.update(leito.id, {"status": StatusLeito.OCUPADO.value})
            uow.publish(
                InternacaoAberta(
                    internacao.id, paciente_id, leito.id, leito.setor_id, admissao
                )
            )
            uow.commit()
            return internacao

    def transferir(
        self, internacao_id: int, leito_id: int, quando: datetime | None
    ) -> Internacao:
        with self._uow_factory() as uow:
            internacao = self._open_stay(uow, internacao_id)
            instante = self._instant(uow, internacao, quando, "dt_transferencia")
            if leito_id == internacao.leito_id:
                raise LeitoOcupado("the patient is already in this leito", "leito_id")
            novo = self._free_bed(uow, leito_id, instante)

            uow.internacoes.close_passagem(internacao_id, instante)
            uow.internacoes.open_passagem(
                internacao_id, novo.id, novo.setor_id, instante
            )
            self._release_bed(uow, internacao, instante)
            uow.leitos.update(novo.id, {"status": StatusLeito.OCUPADO.value})
            moved: Internacao = uow.internacoes.update(
                internacao_id,
                {
                    "leito_id": novo.id,
                    "setor_id": novo.setor_id,
                    "leito_ocupado_id": novo.id,
                },
            )
            uow.commit()
            return moved

    def dar_alta(
        self, internacao_id: int, motivo_alta: str, quando: datetime | None
    ) -> Internacao:
        """Free the bed, bill the stay once, and close it, in one transaction."""
        with self._uow_factory() as uow:
            internacao = self._open_stay(uow, internacao_id)
            alta = self._instant(uow, internacao, quando, "dt_alta")

            uow.internacoes.close_passagem(internacao_id, alta)
            self._release_bed(uow, internacao, alta)
            self._bill(uow, internacao, alta)
            closed: Internacao = uow.internacoes.update(
                internacao_id,
                {
                    "status": StatusInternacao.ALTA.value,
                    "dt_alta": alta,
                    "motivo_alta": motivo_alta,
                    "leito_ocupado_id": None,
                    "paciente_internado_id": None,
                },
            )
            uow.publish(
                InternacaoAlta(internacao_id, internacao.paciente_id, motivo_alta, alta)
            )
            uow.commit()
            return closed

    def atualizar(self, internacao_id: int, changes: Values) -> Internacao:
        with self._uow_factory() as uow:
            if uow.internacoes.get(internacao_id) is None:
                raise RegistroNaoEncontrado(f"internacao {internacao_id} not found")
            check_references(uow, MEDICO, changes)
            updated: Internacao = uow.internacoes.update(internacao_id, changes)
            uow.commit()
            return updated

    def obter(self, internacao_id: int) -> Internacao:
        with self._uow_factory() as uow:
            found: Internacao | None = uow.internacoes.get(internacao_id)
        if found is None:
            raise RegistroNaoEncontrado(f"internacao {internacao_id} not found")
        return found

    def listar(self, filters: Values, page: PageRequest) -> Page[Internacao]:
        with self._uow_factory() as uow:
            return uow.internacoes.list(filters, page)

    def passagens(self, internacao_id: int) -> list[PassagemLeito]:
        with self._uow_factory() as uow:
            if not uow.internacoes.exists(internacao_id):
                raise RegistroNaoEncontrado(f"internacao {internacao_id} not found")
            return uow.internacoes.passagens(internacao_id)

    def _open_stay(self, uow: UnitOfWork, internacao_id: int) -> Internacao:
        internacao: Internacao | None = uow.internacoes.lock(internacao_id)
        if internacao is None:
            raise RegistroNaoEncontrado(f"internacao {internacao_id} not found")
        if internacao.status != StatusInternacao.ATIVA:
            raise InternacaoEncerrada("the internacao has already had its alta")
        return internacao

    def _instant(
        self,
        uow: UnitOfWork,
        internacao: Internacao,
        given: datetime | None,
        field: str,
    ) -> datetime:
        """When a transfer or alta happens: now by default; never in the future,
        nor before the patient entered the current bed."""
        now = self._clock.now()
        instante = given or now
        if instante > now:
            raise DadosInvalidos.campo(field, "must not be in the future")
        if instante < internacao.dt_admissao:
            raise DadosInvalidos.campo(field, "must not precede dt_admissao")
        atual = uow.internacoes.passagens(internacao.id)[-1]
        if instante < atual.inicio:
            raise DadosInvalidos.campo(
                field, "must not precede the patient's arrival in the current leito"
            )
        return instante

    def _free_bed(self, uow: UnitOfWork, leito_id: int, desde: datetime) -> Leito:
        leito: Leito | None = uow.leitos.lock(leito_id)
        if leito is None:
            raise DadosInvalidos.campo("leito_id", f"no such record: {leito_id}")
        if leito.status != StatusLeito.LIVRE:
            raise LeitoOcupado(f"the leito is {leito.status}", "leito_id")
        if uow.internacoes.bed_used_after(leito_id, desde, None):
            raise LeitoOcupado(
                "the leito was used by another stay during this period", "leito_id"
            )
        return leito

    def _release_bed(
        self, uow: UnitOfWork, internacao: Internacao, quando: datetime
    ) -> None:
        uow.leitos.update(internacao.leito_id, {"status": StatusLeito.LIVRE.value})
        uow.publish(
            LeitoLiberado(
                internacao.leito_id, internacao.setor_id, internacao.id, quando
            )
        )

    def _bill(self, uow: UnitOfWork, internacao: Internacao, alta: datetime) -> None:
        """One lancamento per stay, priced by the census rule (RF24)."""
        rates: dict[int, Any] = {}
        passagens = []
        for p in uow.internacoes.passagens(internacao.id):
            if p.setor_id not in rates:
                setor = uow.setores.get(p.setor_id)
                assert setor is not None, "a passagem through a setor that is gone"
                rates[p.setor_id] = setor.valor_diaria
            passagens.append(Passagem(p.inicio, p.fim or alta, rates[p.setor_id]))

        paciente = uow.pacientes.get(internacao.paciente_id)
        convenio_id = paciente.convenio_id if paciente else None
        convenio = uow.convenios.get(convenio_id) if convenio_id else None
        dia_alta = alta.astimezone(self._tz).date()
        lancamento = uow.lancamentos.add(
            {
                "tipo": TipoLancamento.INTERNACAO.value,
                "valor": valor_internacao(passagens, self._tz),
                "descricao": f"Internação {internacao.id}",
                "convenio_id": convenio_id,
                "paciente_id": internacao.paciente_id,
                "internacao_id": internacao.id,
                "status": StatusLancamento.PENDENTE.value,
                "dt_lancamento": dia_alta,
                "dt_vencimento": dia_alta + timedelta(days=prazo_pagamento(convenio)),
                "fatura_internacao_id": internacao.id,
            }
        )
        lancamento_criado(uow, lancamento)
