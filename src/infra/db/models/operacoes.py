"""The hospital's day: consultas, exames, prescricoes, internacoes, lancamentos.

Clinical and financial records are never deleted, and keep the registries
they point at from being deleted (RESTRICT), so history stays whole.
"""

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint, select
from sqlalchemy.orm import Mapped, column_property, mapped_column, relationship

from src.infra.db.models.base import Base, Timestamped, utcnow


def _restrict(target: str, index: bool = True, nullable: bool = False) -> Mapped[int]:
    return mapped_column(
        ForeignKey(target, ondelete="RESTRICT"), index=index, nullable=nullable
    )


class ConsultaModel(Timestamped, Base):
    __tablename__ = "consultas"
    __table_args__ = (
        Index("ix_consultas_medico_agenda", "medico_id", "status", "dt_consulta"),
        Index("ix_consultas_paciente_agenda", "paciente_id", "status", "dt_consulta"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    paciente_id: Mapped[int] = _restrict("pacientes.id")
    medico_id: Mapped[int] = _restrict("medicos.id")
    especialidade_id: Mapped[int] = _restrict("especialidades.id")
    dt_consulta: Mapped[datetime] = mapped_column(index=True)
    dt_fim: Mapped[datetime]
    duracao_minutos: Mapped[int] = mapped_column(default=30)
    status: Mapped[str] = mapped_column(String(20), default="agendada", index=True)
    observacoes: Mapped[str | None] = mapped_column(Text)


class ExameModel(Timestamped, Base):
    __tablename__ = "exames"

    id: Mapped[int] = mapped_column(primary_key=True)
    paciente_id: Mapped[int] = _restrict("pacientes.id")
    medico_id: Mapped[int] = _restrict("medicos.id")
    tipo: Mapped[str] = mapped_column(String(150))
    codigo: Mapped[str | None] = mapped_column(String(30))
    status: Mapped[str] = mapped_column(String(20), default="solicitado", index=True)
    resultado: Mapped[str | None] = mapped_column(Text)
    observacoes: Mapped[str | None] = mapped_column(Text)
    dt_solicitacao: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    dt_inicio: Mapped[datetime | None]
    dt_resultado: Mapped[datetime | None]


class ItemPrescricaoModel(Base):
    __tablename__ = "prescricao_itens"

    id: Mapped[int] = mapped_column(primary_key=True)
    prescricao_id: Mapped[int] = mapped_column(
        ForeignKey("prescricoes.id", ondelete="CASCADE"), index=True
    )
    medicamento_id: Mapped[int] = _restrict("medicamentos.id")
    dose: Mapped[str] = mapped_column(String(100))
    via: Mapped[str] = mapped_column(String(50))
    frequencia: Mapped[str] = mapped_column(String(100))
    quantidade: Mapped[int]
    duracao_dias: Mapped[int | None]


class PrescricaoModel(Timestamped, Base):
    __tablename__ = "prescricoes"

    id: Mapped[int] = mapped_column(primary_key=True)
    paciente_id: Mapped[int] = _restrict("pacientes.id")
    medico_id: Mapped[int] = _restrict("medicos.id")
    internacao_id: Mapped[int | None] = _restrict("internacoes.id", nullable=True)
    status: Mapped[str] = mapped_column(String(20), default="ativa", index=True)
    observacoes: Mapped[str | None] = mapped_column(Text)
    dt_dispensacao: Mapped[datetime | None]
    dispensada_por: Mapped[int | None] = _restrict("usuarios.id", nullable=True)
    itens: Mapped[list[ItemPrescricaoModel]] = relationship(
        order_by=ItemPrescricaoModel.id, cascade="all, delete-orphan"
    )


class InternacaoModel(Timestamped, Base):
    """A stay. ``leito_ocupado_id`` and ``paciente_internado_id`` repeat the bed
    and the patient while the stay is open and are NULL after the alta: their
    unique indexes let the database itself refuse a second open stay in one
    bed or for one patient, whatever the timing of concurrent requests."""

    __tablename__ = "internacoes"
    __table_args__ = (
        UniqueConstraint("leito_ocupado_id"),
        UniqueConstraint("paciente_internado_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    paciente_id: Mapped[int] = _restrict("pacientes.id")
    leito_id: Mapped[int] = _restrict("leitos.id")
    setor_id: Mapped[int] = _restrict("setores.id")
    medico_id: Mapped[int | None] = _restrict("medicos.id", nullable=True)
    diagnostico: Mapped[str] = mapped_column(String(10), index=True)
    observacoes: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(10), default="ativa", index=True)
    dt_admissao: Mapped[datetime] = mapped_column(index=True)
    dt_alta: Mapped[datetime | None] = mapped_column(index=True)
    motivo_alta: Mapped[str | None] = mapped_column(String(30))
    leito_ocupado_id: Mapped[int | None] = mapped_column(
        ForeignKey("leitos.id", ondelete="RESTRICT")
    )
    paciente_internado_id: Mapped[int | None] = mapped_column(
        ForeignKey("pacientes.id", ondelete="RESTRICT")
    )


class PassagemLeitoModel(Base):
    """Each bed a stay used, from ``inicio`` to ``fim`` (NULL: still there).
    The occupancy census reads these."""

    __tablename__ = "internacao_leitos"
    __table_args__ = (
        Index("ix_internacao_leitos_leito_periodo", "leito_id", "inicio", "fim"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    internacao_id: Mapped[int] = mapped_column(
        ForeignKey("internacoes.id", ondelete="CASCADE"), index=True
    )
    leito_id: Mapped[int] = _restrict("leitos.id", index=False)
    setor_id: Mapped[int] = _restrict("setores.id")
    inicio: Mapped[datetime]
    fim: Mapped[datetime | None] = mapped_column(index=True)


class LancamentoModel(Timestamped, Base):
    __tablename__ = "lancamentos"

    id: Mapped[int] = mapped_column(primary_key=True)
    tipo: Mapped[str] = mapped_column(String(20), index=True)
    valor: Mapped[Decimal]
    descricao: Mapped[str | None] = mapped_column(String(500))
    convenio_id: Mapped[int | None] = _restrict("convenios.id", nullable=True)
    paciente_id: Mapped[int | None] = _restrict("pacientes.id", nullable=True)
    internacao_id: Mapped[int | None] = mapped_column(
        ForeignKey("internacoes.id", ondelete="RESTRICT"), index=True
    )
    status: Mapped[str] = mapped_column(String(20), default="pendente", index=True)
    dt_lancamento: Mapped[date] = mapped_column(index=True)
    dt_vencimento: Mapped[date] = mapped_column(index=True)
    dt_pagamento: Mapped[date | None]
    fatura_internacao_id: Mapped[int | None] = mapped_column(
        ForeignKey("internacoes.id", ondelete="RESTRICT"), unique=True
    )
    """Set only on the bill the alta creates; unique, so a stay is billed once."""


InternacaoModel.lancamento_id = column_property(
    select(LancamentoModel.id)
    .where(LancamentoModel.fatura_internacao_id == InternacaoModel.id)
    .correlate_except(LancamentoModel)
    .scalar_subquery()
)
