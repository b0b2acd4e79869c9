"""The database schema, as typed SQLAlchemy models, one module per area.

Importing this package registers every table on ``Base.metadata``.
"""

from src.infra.db.models.base import Base
from src.infra.db.models.cadastros import (
    ConvenioModel,
    EnderecoModel,
    EspecialidadeModel,
    LeitoModel,
    MedicamentoModel,
    MedicoModel,
    MovimentacaoModel,
    PacienteModel,
    SetorModel,
    medico_especialidades,
)
from src.infra.db.models.contas import UsuarioModel
from src.infra.db.models.email import (
    EmailOutboxAnexoModel,
    EmailOutboxModel,
    TokenContaModel,
)
from src.infra.db.models.operacoes import (
    ConsultaModel,
    ExameModel,
    InternacaoModel,
    ItemPrescricaoModel,
    LancamentoModel,
    PassagemLeitoModel,
    PrescricaoModel,
)

__all__ = [
    "Base",
    "ConsultaModel",
    "ConvenioModel",
    "EmailOutboxAnexoModel",
    "EmailOutboxModel",
    "EnderecoModel",
    "EspecialidadeModel",
    "ExameModel",
    "InternacaoModel",
    "ItemPrescricaoModel",
    "LancamentoModel",
    "LeitoModel",
    "MedicamentoModel",
    "MedicoModel",
    "MovimentacaoModel",
    "PacienteModel",
    "PassagemLeitoModel",
    "PrescricaoModel",
    "SetorModel",
    "TokenContaModel",
    "UsuarioModel",
    "medico_especialidades",
]
