"""Repositories of the hospital's operations."""

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import exists, or_, select, update
from sqlalchemy.orm import Session, selectinload

from src.data.interfaces import Values
from src.domain import entities
from src.infra.db import models as m
from src.infra.db.repositories.base import (
    SqlRepository,
    at_least,
    at_most,
    before,
    equals,
)


class ConsultaRepository(SqlRepository[entities.Consulta, m.ConsultaModel]):
    def __init__(self, session: Session) -> None:
        table = m.ConsultaModel
        super().__init__(
            session,
            table,
            entities.Consulta,
            {
                "paciente_id": equals(table.paciente_id),
                "medico_id": equals(table.medico_id),
                "especialidade_id": equals(table.especialidade_id),
                "status": equals(table.status),
                "inicio": at_least(table.dt_consulta),
                "fim": before(table.dt_consulta),
            },
        )

    def overlaps(
        self,
        column: str,
        value: int,
        inicio: datetime,
        fim: datetime,
        exclude_id: int | None,
    ) -> bool:
        table = m.ConsultaModel
        clash = select(table.id).where(
            getattr(table, column) == value,
            table.status == "agendada",
            table.dt_consulta < fim,
            table.dt_fim > inicio,
        )
        if exclude_id is not None:
            clash = clash.where(table.id != exclude_id)
        return bool(self._session.scalar(select(exists(clash))))

    def _assign(self, row: m.ConsultaModel, values: Values) -> None:
        super()._assign(row, values)
        # The end is kept as a column, so overlap checks are one indexed query.
        row.dt_fim = row.dt_consulta + timedelta(minutes=row.duracao_minutos)


def exames(session: Session) -> SqlRepository[Any, Any]:
    table = m.ExameModel
    return SqlRepository(
        session,
        table,
        entities.Exame,
        {
            "paciente_id": equals(table.paciente_id),
            "medico_id": equals(table.medico_id),
            "status": equals(table.status),
        },
    )


class PrescricaoRepository(SqlRepository[entities.Prescricao, m.PrescricaoModel]):
    def __init__(self, session: Session) -> None:
        table = m.PrescricaoModel
        super().__init__(
            session,
            table,
            entities.Prescricao,
            {
                "paciente_id": equals(table.paciente_id),
                "medico_id": equals(table.medico_id),
                "internacao_id": equals(table.internacao_id),
                "status": equals(table.status),
            },
            load=[selectinload(table.itens)],
        )

    def _assign(self, row: m.PrescricaoModel, values: Values) -> None:
        plain = dict(values)
        itens = plain.pop("itens", None)
        super()._assign(row, plain)
        if itens is not None:
            row.itens = [m.ItemPrescricaoModel(**item) for item in itens]


class InternacaoRepository(SqlRepository[entities.Internacao, m.InternacaoModel]):
    def __init__(self, session: Session) -> None:
        table = m.InternacaoModel
        super().__init__(
            session,
            table,
            entities.Internacao,
            {
                "paciente_id": equals(table.paciente_id),
                "leito_id": equals(table.leito_id),
                "setor_id": equals(table.setor_id),
                "status": equals(table.status),
                "diagnostico": equals(table.diagnostico),
            },
        )

    def bed_used_after(
        self, leito_id: int, instant: datetime, exclude_internacao_id: int | None
    ) -> bool:
        passagem = m.PassagemLeitoModel
        used = select(passagem.id).where(
            passagem.leito_id == leito_id,
            or_(passagem.fim.is_(None), passagem.fim > instant),
        )
        if exclude_internacao_id is not None:
            used = used.where(passagem.internacao_id != exclude_internacao_id)
        return bool(self._session.scalar(select(exists(used))))

    def patient_stay_after(
        self, paciente_id: int, instant: datetime, exclude_id: int | None
    ) -> bool:
        table = m.InternacaoModel
        stay = select(table.id).where(
            table.paciente_id == paciente_id,
            or_(table.dt_alta.is_(None), table.dt_alta > instant),
        )
        if exclude_id is not None:
            stay = stay.where(table.id != exclude_id)
        return bool(self._session.scalar(select(exists(stay))))

    def passagens(self, internacao_id: int) -> list[entities.PassagemLeito]:
        passagem = m.PassagemLeitoModel
        rows = self._session.execute(
            select(passagem.leito_id, passagem.setor_id, passagem.inicio, passagem.fim)
            .where(passagem.internacao_id == internacao_id)
            .order_by(passagem.inicio, passagem.id)
        )
        return [entities.PassagemLeito(*row) for row in rows]

    def open_passagem(
        self, internacao_id: int, leito_id: int, setor_id: int, inicio: datetime
    ) -> None:
        self._session.add(
            m.PassagemLeitoModel(
                internacao_id=internacao_id,
                leito_id=leito_id,
                setor_id=setor_id,
                inicio=inicio,
            )
        )
        self._session.flush()

    def close_passagem(self, internacao_id: int, fim: datetime) -> None:
        passagem = m.PassagemLeitoModel
        self._session.execute(
            update(passagem)
            .where(passagem.internacao_id == internacao_id, passagem.fim.is_(None))
            .values(fim=fim)
        )


def lancamentos(session: Session) -> SqlRepository[Any, Any]:
    table = m.LancamentoModel
    return SqlRepository(
        session,
        table,
        entities.Lancamento,
        {
            "convenio_id": equals(table.convenio_id),
            "paciente_id": equals(table.paciente_id),
            "internacao_id": equals(table.internacao_id),
            "status": equals(table.status),
            "tipo": equals(table.tipo),
            "inicio": at_least(table.dt_lancamento),
            "fim": at_most(table.dt_lancamento),
        },
    )
