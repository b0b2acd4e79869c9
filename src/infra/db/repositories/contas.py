from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from src.domain import entities
from src.infra.db import models as m
from src.infra.db.repositories.base import SqlRepository, contains_folded, equals


class UsuarioRepository(SqlRepository[entities.Usuario, m.UsuarioModel]):
    def __init__(self, session: Session) -> None:
        super().__init__(
            session,
            m.UsuarioModel,
            entities.Usuario,
            {
                "nome": contains_folded(m.UsuarioModel.nome_busca),
                "papel": equals(m.UsuarioModel.papel),
                "ativo": equals(m.UsuarioModel.ativo),
            },
        )

    def password_hash(self, id: int) -> str | None:
        return self._session.scalar(
            select(m.UsuarioModel.senha_hash).where(m.UsuarioModel.id == id)
        )

    def set_password(self, id: int, password_hash: str) -> None:
        self._session.execute(
            update(m.UsuarioModel)
            .where(m.UsuarioModel.id == id)
            .values(
                senha_hash=password_hash,
                versao_sessao=m.UsuarioModel.versao_sessao + 1,
            )
        )

    def count(self) -> int:
        return self._session.scalar(select(func.count(m.UsuarioModel.id))) or 0
