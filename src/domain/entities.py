"""The hospital's records as the use cases see them.

Timestamps are aware datetimes in UTC; money is ``Decimal``. A field whose
metadata names an ``entity`` holds a list of that nested record.
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal


@dataclass
class Especialidade:
    id: int
    nome: str
    descricao: str | None
    criado_em: datetime
    atualizado_em: datetime


@dataclass
class EspecialidadeResumo:
    id: int
    nome: str


@dataclass
class Medico:
    id: int
    nome: str
    crm: str
    uf_crm: str
    email: str | None
    telefone: str | None
    criado_em: datetime
    atualizado_em: datetime
    especialidades: list[EspecialidadeResumo] = field(
        default_factory=list, metadata={"entity": EspecialidadeResumo}
    )

    @property
    def especialidade_ids(self) -> list[int]:
        return [e.id for e in self.especialidades]


@dataclass
class Convenio:
    id: int
    nome: str
    registro_ans: str | None
    prazo_pagamento_dias: int
    ativo: bool
    criado_em: datetime
    atualizado_em: datetime


@dataclass
class Endereco:
    id: int
    paciente_id: int
    logradouro: str
    numero: str
    complemento: str | None
    bairro: str | None
    cidade: str
    uf: str
    cep: str
    principal: bool
    criado_em: datetime
    atualizado_em: datetime


@dataclass
class Paciente:
    id: int
    nome: str
    data_nascimento: date
    cpf: str | None
    cns: str | None
    sexo: str | None
    email: str | None
    telefone: str | None
    convenio_id: int | None
    numero_carteirinha: str | None
    criado_em: datetime
    atualizado_em: datetime
    enderecos: list[Endereco] = field(
        default_factory=list, metadata={"entity": Endereco}
    )


@dataclass
class Setor:
    id: int
    nome: str
    descricao: str | None
    tipo: str
    valor_diaria: Decimal
    total_leitos: int
    leitos_livres: int
    criado_em: datetime
    atualizado_em: datetime


@dataclass
class Leito:
    id: int
    setor_id: int
    codigo: str
    tipo: str
    status: str
    criado_em: datetime
    atualizado_em: datetime


@dataclass
class Medicamento:
    id: int
    nome: str
    principio_ativo: str | None
    apresentacao: str | None
    unidade: str
    estoque_atual: int
    estoque_minimo: int
    criado_em: datetime
    atualizado_em: datetime

    @property
    def abaixo_minimo(self) -> bool:
        return self.estoque_atual < self.estoque_minimo


@dataclass
class Movimentacao:
    id: int
    medicamento_id: int
    tipo: str
    quantidade: int
    motivo: str | None
    estoque_anterior: int
    estoque_resultante: int
    usuario_id: int | None
    criado_em: datetime


@dataclass
class Usuario:
    id: int
    nome: str
    email: str
    papel: str
    ativo: bool
    email_confirmado: bool
    versao_sessao: int
    criado_em: datetime
    atualizado_em: datetime


@dataclass
class Consulta:
    id: int
    paciente_id: int
    medico_id: int
    especialidade_id: int
    dt_consulta: datetime
    duracao_minutos: int
    status: str
    observacoes: str | None
    criado_em: datetime
    atualizado_em: datetime


@dataclass
class Exame:
    id: int
    paciente_id: int
    medico_id: int
    tipo: str
    codigo: str | None
    status: str
    resultado: str | None
    observacoes: str | None
    dt_solicitacao: datetime
    dt_inicio: datetime | None
    dt_resultado: datetime | None
    criado_em: datetime
    atualizado_em: datetime


@dataclass
class ItemPrescricao:
    id: int
    medicamento_id: int
    dose: str
    via: str
    frequencia: str
    quantidade: int
    duracao_dias: int | None


@dataclass
class Prescricao:
    id: int
    paciente_id: int
    medico_id: int
    internacao_id: int | None
    status: str
    observacoes: str | None
    dt_dispensacao: datetime | None
    criado_em: datetime
    atualizado_em: datetime
    itens: list[ItemPrescricao] = field(
        default_factory=list, metadata={"entity": ItemPrescricao}
    )


@dataclass
class PassagemLeito:
    """One bed a stay used, from ``inicio`` until ``fim`` (None: still there)."""

    leito_id: int
    setor_id: int
    inicio: datetime
    fim: datetime | None


@dataclass
class Internacao:
    id: int
    paciente_id: int
    leito_id: int
    setor_id: int
    medico_id: int | None
    diagnostico: str
    observacoes: str | None
    status: str
    dt_admissao: datetime
    dt_alta: datetime | None
    motivo_alta: str | None
    lancamento_id: int | None
    criado_em: datetime
    atualizado_em: datetime


@dataclass
class Lancamento:
    id: int
    tipo: str
    valor: Decimal
    descricao: str | None
    convenio_id: int | None
    paciente_id: int | None
    internacao_id: int | None
    status: str
    dt_lancamento: date
    dt_vencimento: date
    dt_pagamento: date | None
    criado_em: datetime
    atualizado_em: datetime
