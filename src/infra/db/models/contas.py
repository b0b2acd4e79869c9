from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from src.infra.db.models.base import Base, Named, Timestamped


class UsuarioModel(Named, Timestamped, Base):
    __tablename__ = "usuarios"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    papel: Mapped[str] = mapped_column(String(20), index=True)
    ativo: Mapped[bool] = mapped_column(default=True)
    email_confirmado: Mapped[bool] = mapped_column(default=False)
    senha_hash: Mapped[str] = mapped_column(String(255))
    versao_sessao: Mapped[int] = mapped_column(default=0)
