"""The registries of the hospital.

Foreign keys restrict deletion unless the child belongs wholly to its parent
(an endereco to its paciente), so deleting a record in use fails in the
database itself and the API answers 409.
"""

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    CheckConstraint,
    Column,
    ForeignKey,
    Integer,
    String,
    Table,
    UniqueConstraint,
    func,
    select,
)
from sqlalchemy.orm import Mapped, column_property, mapped_column, relationship

from src.infra.db.models.base import Base, Named, Timestamped, utcnow


class EspecialidadeModel(Named, Timestamped, Base):
    __tablename__ = "especialidades"
    __table_args__ = (UniqueConstraint("nome_busca"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    descricao: Mapped[str | None] = mapped_column(String(500))


medico_especialidades = Table(
    "medico_especialidades",
    Base.metadata,
    Column(
        "medico_id",
        ForeignKey("medicos.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column(
        "especialidade_id",
        ForeignKey("especialidades.id", ondelete="RESTRICT"),
        primary_key=True,
        index=True,
    ),
)


class MedicoModel(Named, Timestamped, Base):
    __tablename__ = "medicos"
    __table_args__ = (UniqueConstraint("crm", "uf_crm"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    crm: Mapped[str] = mapped_column(String(10), index=True)
    uf_crm: Mapped[str] = mapped_column(String(2))
    email: Mapped[str | None] = mapped_column(String(254))
    telefone: Mapped[str | None] = mapped_column(String(30))
    especialidades: Mapped[list[EspecialidadeModel]] = relationship(
        secondary=medico_especialidades, order_by=EspecialidadeModel.id
    )


class ConvenioModel(Named, Timestamped, Base):
    __tablename__ = "convenios"
    __table_args__ = (UniqueConstraint("nome_busca"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    registro_ans: Mapped[str | None] = mapped_column(String(6))
    prazo_pagamento_dias: Mapped[int] = mapped_column(default=30)
    ativo: Mapped[bool] = mapped_column(default=True, index=True)


class EnderecoModel(Timestamped, Base):
    __tablename__ = "enderecos"

    id: Mapped[int] = mapped_column(primary_key=True)
    paciente_id: Mapped[int] = mapped_column(
        ForeignKey("pacientes.id", ondelete="CASCADE"), index=True
    )
    logradouro: Mapped[str] = mapped_column(String(200))
    numero: Mapped[str] = mapped_column(String(20))
    complemento: Mapped[str | None] = mapped_column(String(100))
    bairro: Mapped[str | None] = mapped_column(String(100))
    cidade: Mapped[str] = mapped_column(String(100))
    uf: Mapped[str] = mapped_column(String(2))
    cep: Mapped[str] = mapped_column(String(8))
    principal: Mapped[bool] = mapped_column(default=False)


class PacienteModel(Named, Timestamped, Base):
    __tablename__ = "pacientes"

    id: Mapped[int] = mapped_column(primary_key=True)
    data_nascimento: Mapped[date]
    cpf: Mapped[str | None] = mapped_column(String(11), unique=True)
    cns: Mapped[str | None] = mapped_column(String(15), index=True)
    sexo: Mapped[str | None] = mapped_column(String(20))
    email: Mapped[str | None] = mapped_column(String(254))
    telefone: Mapped[str | None] = mapped_column(String(30))
    convenio_id: Mapped[int | None] = mapped_column(
        ForeignKey("convenios.id", ondelete="RESTRICT"), index=True
    )
    numero_carteirinha: Mapped[str | None] = mapped_column(String(30))
    enderecos: Mapped[list[EnderecoModel]] = relationship(
        order_by=EnderecoModel.id, cascade="all, delete-orphan", passive_deletes=True
    )


class SetorModel(Named, Timestamped, Base):
    __tablename__ = "setores"
    __table_args__ = (UniqueConstraint("nome_busca"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    descricao: Mapped[str | None] = mapped_column(String(500))
    tipo: Mapped[str] = mapped_column(String(30), default="enfermaria")
    valor_diaria: Mapped[Decimal]


class LeitoModel(Timestamped, Base):
    __tablename__ = "leitos"
    __table_args__ = (UniqueConstraint("setor_id", "codigo"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    setor_id: Mapped[int] = mapped_column(
        ForeignKey("setores.id", ondelete="RESTRICT"), index=True
    )
    codigo: Mapped[str] = mapped_column(String(20))
    tipo: Mapped[str] = mapped_column(String(20), default="enfermaria", index=True)
    status: Mapped[str] = mapped_column(String(20), default="livre", index=True)


SetorModel.total_leitos = column_property(
    select(func.count(LeitoModel.id))
    .where(LeitoModel.setor_id == SetorModel.id)
    .correlate_except(LeitoModel)
    .scalar_subquery()
)
SetorModel.leitos_livres = column_property(
    select(func.count(LeitoModel.id))
    .where(LeitoModel.setor_id == SetorModel.id, LeitoModel.status == "livre")
    .correlate_except(LeitoModel)
    .scalar_subquery()
)


class MedicamentoModel(Named, Timestamped, Base):
    __tablename__ = "medicamentos"
    __table_args__ = (
        CheckConstraint("estoque_atual >= 0", name="estoque_nao_negativo"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    principio_ativo: Mapped[str | None] = mapped_column(String(150))
    apresentacao: Mapped[str | None] = mapped_column(String(150))
    unidade: Mapped[str] = mapped_column(String(30), default="unidade")
    estoque_atual: Mapped[int] = mapped_column(Integer, default=0)
    estoque_minimo: Mapped[int] = mapped_column(Integer, default=0)


class MovimentacaoModel(Base):
    __tablename__ = "movimentacoes_estoque"

    id: Mapped[int] = mapped_column(primary_key=True)
    medicamento_id: Mapped[int] = mapped_column(
        ForeignKey("medicamentos.id", ondelete="RESTRICT"), index=True
    )
    tipo: Mapped[str] = mapped_column(String(10), index=True)
    quantidade: Mapped[int]
    motivo: Mapped[str | None] = mapped_column(String(500))
    estoque_anterior: Mapped[int]
    estoque_resultante: Mapped[int]
    usuario_id: Mapped[int | None] = mapped_column(
        ForeignKey("usuarios.id", ondelete="RESTRICT"), index=True
    )
    criado_em: Mapped[datetime] = mapped_column(default=utcnow, index=True)
