"""Repositories of the registries, each the shared one plus its filters."""

from typing import Any

from sqlalchemy import Select, select, update
from sqlalchemy.orm import Session, selectinload

from src.data.interfaces import Values
from src.domain import entities
from src.domain.paging import Page, PageRequest
from src.infra.db import models as m
from src.infra.db.repositories.base import SqlRepository, contains_folded, equals


def especialidades(session: Session) -> SqlRepository[Any, Any]:
    return SqlRepository(
        session,
        m.EspecialidadeModel,
        entities.Especialidade,
        {"nome": contains_folded(m.EspecialidadeModel.nome_busca)},
    )


class MedicoRepository(SqlRepository[entities.Medico, m.MedicoModel]):
    def __init__(self, session: Session) -> None:
        super().__init__(
            session,
            m.MedicoModel,
            entities.Medico,
            {
                "nome": contains_folded(m.MedicoModel.nome_busca),
                "crm": equals(m.MedicoModel.crm),
                "especialidade_id": self._with_especialidade,
            },
            load=[selectinload(m.MedicoModel.especialidades)],
        )

    @staticmethod
    def _with_especialidade(stmt: Select[Any], value: int) -> Select[Any]:
        return stmt.where(
            m.MedicoModel.especialidades.any(m.EspecialidadeModel.id == value)
        )

    def _assign(self, row: m.MedicoModel, values: Values) -> None:
        plain = dict(values)
        ids = plain.pop("especialidade_ids", None)
        super()._assign(row, plain)
        if ids is not None:
            row.especialidades = list(
                self._session.scalars(
                    select(m.EspecialidadeModel)
                    .where(m.EspecialidadeModel.id.in_(ids))
                    .order_by(m.EspecialidadeModel.id)
                )
            )


def convenios(session: Session) -> SqlRepository[Any, Any]:
    return SqlRepository(
        session,
        m.ConvenioModel,
        entities.Convenio,
        {
            "nome": contains_folded(m.ConvenioModel.nome_busca),
            "ativo": equals(m.ConvenioModel.ativo),
        },
    )


def pacientes(session: Session) -> SqlRepository[Any, Any]:
    return SqlRepository(
        session,
        m.PacienteModel,
        entities.Paciente,
        {
            "nome": contains_folded(m.PacienteModel.nome_busca),
            "cpf": equals(m.PacienteModel.cpf),
            "convenio_id": equals(m.PacienteModel.convenio_id),
        },
        load=[selectinload(m.PacienteModel.enderecos)],
    )


def enderecos(session: Session) -> SqlRepository[Any, Any]:
    return SqlRepository(
        session,
        m.EnderecoModel,
        entities.Endereco,
        {
            "paciente_id": equals(m.EnderecoModel.paciente_id),
            "principal": equals(m.EnderecoModel.principal),
        },
    )


def setores(session: Session) -> SqlRepository[Any, Any]:
    return SqlRepository(
        session,
        m.SetorModel,
        entities.Setor,
        {
            "nome": contains_folded(m.SetorModel.nome_busca),
            "tipo": equals(m.SetorModel.tipo),
        },
    )


def leitos(session: Session) -> SqlRepository[Any, Any]:
    return SqlRepository(
        session,
        m.LeitoModel,
        entities.Leito,
        {
            "setor_id": equals(m.LeitoModel.setor_id),
            "status": equals(m.LeitoModel.status),
            "tipo": equals(m.LeitoModel.tipo),
        },
    )


class MedicamentoRepository(SqlRepository[entities.Medicamento, m.MedicamentoModel]):
    def __init__(self, session: Session) -> None:
        super().__init__(
            session,
            m.MedicamentoModel,
            entities.Medicamento,
            {
                "nome": contains_folded(m.MedicamentoModel.nome_busca),
                "abaixo_minimo": self._below_minimum,
            },
        )
        self._movimentacoes: SqlRepository[entities.Movimentacao, m.MovimentacaoModel]
        self._movimentacoes = SqlRepository(
            session,
            m.MovimentacaoModel,
            entities.Movimentacao,
            {"medicamento_id": equals(m.MovimentacaoModel.medicamento_id)},
        )

    @staticmethod
    def _below_minimum(stmt: Select[Any], value: bool) -> Select[Any]:
        below = m.MedicamentoModel.estoque_atual < m.MedicamentoModel.estoque_minimo
        return stmt.where(below if value else ~below)

    def lock_stock(self, id: int) -> int:
        table = m.MedicamentoModel
        estoque = self._session.scalar(
            select(table.estoque_atual).where(table.id == id).with_for_update()
        )
        assert estoque is not None, "stock of a medicamento the use case did not find"
        return estoque

    def set_stock(self, id: int, estoque: int) -> None:
        table = m.MedicamentoModel
        self._session.execute(
            update(table).where(table.id == id).values(estoque_atual=estoque)
        )

    def add_movimentacao(self, values: Values) -> entities.Movimentacao:
        return self._movimentacoes.add(values)

    def list_movimentacoes(
        self, medicamento_id: int, page: PageRequest
    ) -> Page[entities.Movimentacao]:
        return self._movimentacoes.list({"medicamento_id": medicamento_id}, page)

    def get_movimentacao(
        self, medicamento_id: int, movimentacao_id: int
    ) -> entities.Movimentacao | None:
        found = self._movimentacoes.get(movimentacao_id)
        if found is None or found.medicamento_id != medicamento_id:
            return None
        return found
