"""Account tokens and the mail outbox (RF16, NFR11).

A token is kept only as the SHA-256 of its value. A mail row holds everything
needed to send it again, so nothing but its delivery state ever changes after
the commit that queued it.
"""

from datetime import datetime

from sqlalchemy import ForeignKey, Index, LargeBinary, String, Text
from sqlalchemy.dialects import mysql
from sqlalchemy.orm import Mapped, mapped_column, relationship

from src.infra.db.models.base import Base, utcnow

# MySQL's plain BLOB stops at 64 KiB; a daily report's PDF does not.
Binary = LargeBinary().with_variant(mysql.LONGBLOB(), "mysql", "mariadb")
LongText = Text().with_variant(mysql.LONGTEXT(), "mysql", "mariadb")


class TokenContaModel(Base):
    __tablename__ = "tokens_conta"
    __table_args__ = (
        Index("ix_tokens_conta_usuario_tipo", "usuario_id", "tipo", "usado_em"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    usuario_id: Mapped[int] = mapped_column(
        ForeignKey("usuarios.id", ondelete="CASCADE")
    )
    tipo: Mapped[str] = mapped_column(String(20))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    expira_em: Mapped[datetime]
    usado_em: Mapped[datetime | None]
    revogado_em: Mapped[datetime | None]
    criado_em: Mapped[datetime] = mapped_column(default=utcnow)


class EmailOutboxAnexoModel(Base):
    __tablename__ = "email_outbox_anexos"

    id: Mapped[int] = mapped_column(primary_key=True)
    email_id: Mapped[int] = mapped_column(
        ForeignKey("email_outbox.id", ondelete="CASCADE"), index=True
    )
    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(127))
    conteudo: Mapped[bytes] = mapped_column(Binary)


class EmailOutboxModel(Base):
    """``proxima_tentativa`` is when a pending mail is next due; ``claimed_at``
    when a sender took it (status ``enviando``)."""

    __tablename__ = "email_outbox"
    __table_args__ = (
        Index("ix_email_outbox_fila", "status", "proxima_tentativa"),
        Index("ix_email_outbox_claim", "status", "claimed_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[str] = mapped_column(String(64), unique=True)
    destinatario: Mapped[str] = mapped_column(String(254))
    assunto: Mapped[str] = mapped_column(String(255))
    texto: Mapped[str] = mapped_column(LongText)
    html: Mapped[str | None] = mapped_column(LongText)
    status: Mapped[str] = mapped_column(String(20), default="pendente")
    tentativas: Mapped[int] = mapped_column(default=0)
    proxima_tentativa: Mapped[datetime]
    ultimo_erro: Mapped[str | None] = mapped_column(String(500))
    enviado_em: Mapped[datetime | None]
    claimed_at: Mapped[datetime | None]
    criado_em: Mapped[datetime] = mapped_column(default=utcnow)
    anexos: Mapped[list[EmailOutboxAnexoModel]] = relationship(
        order_by=EmailOutboxAnexoModel.id,
        cascade="all, delete-orphan",
        passive_deletes=True,
    )
