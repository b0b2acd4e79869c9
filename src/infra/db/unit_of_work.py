from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from src.infra.db.repositories import cadastros, contas


class SqlUnitOfWork:
    """One session and one transaction; repositories share the session."""

    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._session_factory = session_factory

    def __enter__(self) -> "SqlUnitOfWork":
        self.session = session = self._session_factory()
        self.especialidades = cadastros.especialidades(session)
        self.medicos = cadastros.MedicoRepository(session)
        self.convenios = cadastros.convenios(session)
        self.pacientes = cadastros.pacientes(session)
        self.enderecos = cadastros.enderecos(session)
        self.setores = cadastros.setores(session)
        self.leitos = cadastros.leitos(session)
        self.medicamentos = cadastros.MedicamentoRepository(session)
        self.usuarios = contas.UsuarioRepository(session)
        return self

    def __exit__(self, *exc: Any) -> None:
        self.session.rollback()
        self.session.close()

    def commit(self) -> None:
        self.session.commit()

    def rollback(self) -> None:
        self.session.rollback()
