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

__all__ = [
    "Base",
    "ConvenioModel",
    "EnderecoModel",
    "EspecialidadeModel",
    "LeitoModel",
    "MedicamentoModel",
    "MedicoModel",
    "MovimentacaoModel",
    "PacienteModel",
    "SetorModel",
    "UsuarioModel",
    "medico_especialidades",
]
