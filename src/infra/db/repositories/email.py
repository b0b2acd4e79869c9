"""The outbox and the account tokens, on SQLAlchemy.

Every change of state that two processes could race for is one conditional
UPDATE, and its row count says who won.
"""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import and_, or_, select, update
from sqlalchemy.orm import Session, selectinload

from src.domain.email import (
    Attachment,
    EmailMessage,
    EmailOutbox,
    StatusEmail,
    TokenConta,
)
from src.infra.db import models as m

Outbox = m.EmailOutboxModel
Token = m.TokenContaModel


def _rowcount(result: Any) -> int:
    count: int = result.rowcount
    return count


class OutboxRepository:
    """Queued mail with its attachments, and the claims of the senders."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, message: EmailMessage, now: datetime) -> EmailOutbox:
        row = Outbox(
            message_id=message.message_id or uuid.uuid4().hex,
            destinatario=message.to,
            assunto=message.subject[:255],
            texto=message.text,
            html=message.html,
            status=StatusEmail.PENDENTE.value,
            tentativas=0,
            proxima_tentativa=now,
            criado_em=now,
            anexos=[
                m.EmailOutboxAnexoModel(
                    filename=a.filename, content_type=a.content_type, conteudo=a.content
                )
                for a in message.attachments
            ],
        )
        self._session.add(row)
        self._session.flush()
        return _outbox(row)

    def get(self, id: int) -> EmailOutbox | None:
        row = self._session.get(
            Outbox, id, options=[selectinload(Outbox.anexos)], populate_existing=True
        )
        return None if row is None else _outbox(row)

    def due(self, now: datetime, stale_before: datetime, limit: int) -> list[int]:
        return list(
            self._session.scalars(
                select(Outbox.id)
                .where(_claimable(now, stale_before))
                .order_by(Outbox.id)
                .limit(limit)
            )
        )

    def claim(self, id: int, now: datetime, stale_before: datetime) -> bool:
        result = self._session.execute(
            update(Outbox)
            .where(Outbox.id == id, _claimable(now, stale_before))
            .values(
                status=StatusEmail.ENVIANDO.value,
                claimed_at=now,
                tentativas=Outbox.tentativas + 1,
            )
            .execution_options(synchronize_session=False)
        )
        return _rowcount(result) == 1

    def mark_sent(self, id: int, now: datetime) -> None:
        self._session.execute(
            update(Outbox)
            .where(Outbox.id == id)
            .values(status=StatusEmail.ENVIADO.value, enviado_em=now, ultimo_erro=None)
            .execution_options(synchronize_session=False)
        )

    def mark_failed(
        self, id: int, claimed_at: datetime, error: str, retry_at: datetime
    ) -> None:
        self._session.execute(
            update(Outbox)
            .where(
                Outbox.id == id,
                Outbox.status == StatusEmail.ENVIANDO.value,
                Outbox.claimed_at == claimed_at,
            )
            .values(
                status=StatusEmail.PENDENTE.value,
                proxima_tentativa=retry_at,
                ultimo_erro=error,
                claimed_at=None,
            )
            .execution_options(synchronize_session=False)
        )


def _claimable(now: datetime, stale_before: datetime) -> Any:
    return or_(
        and_(
            Outbox.status == StatusEmail.PENDENTE.value,
            Outbox.proxima_tentativa <= now,
        ),
        and_(
            Outbox.status == StatusEmail.ENVIANDO.value,
            Outbox.claimed_at < stale_before,
        ),
    )


def _outbox(row: m.EmailOutboxModel) -> EmailOutbox:
    message = EmailMessage(
        to=row.destinatario,
        subject=row.assunto,
        text=row.texto,
        html=row.html,
        attachments=tuple(
            Attachment(a.filename, a.content_type, a.conteudo) for a in row.anexos
        ),
        message_id=row.message_id,
        outbox_id=row.id,
    )
    return EmailOutbox(
        id=row.id,
        message=message,
        status=row.status,
        tentativas=row.tentativas,
        proxima_tentativa=row.proxima_tentativa,
        ultimo_erro=row.ultimo_erro,
        enviado_em=row.enviado_em,
        claimed_at=row.claimed_at,
        criado_em=row.criado_em,
    )


class TokenContaRepository:
    """Account tokens, looked up only by the hash of their value."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(
        self,
        usuario_id: int,
        tipo: str,
        token_hash: str,
        expira_em: datetime,
        now: datetime,
    ) -> TokenConta:
        row = Token(
            usuario_id=usuario_id,
            tipo=tipo,
            token_hash=token_hash,
            expira_em=expira_em,
            criado_em=now,
        )
        self._session.add(row)
        self._session.flush()
        return _token(row)

    def find(self, token_hash: str) -> TokenConta | None:
        row = self._session.scalars(
            select(Token).where(Token.token_hash == token_hash)
        ).first()
        return None if row is None else _token(row)

    def revoke_open(self, usuario_id: int, tipo: str, now: datetime) -> int:
        result = self._session.execute(
            update(Token)
            .where(
                Token.usuario_id == usuario_id,
                Token.tipo == tipo,
                Token.usado_em.is_(None),
                Token.revogado_em.is_(None),
            )
            .values(revogado_em=now)
            .execution_options(synchronize_session=False)
        )
        return _rowcount(result)

    def use(self, id: int, now: datetime) -> bool:
        result = self._session.execute(
            update(Token)
            .where(
                Token.id == id,
                Token.usado_em.is_(None),
                Token.revogado_em.is_(None),
                Token.expira_em > now,
            )
            .values(usado_em=now)
            .execution_options(synchronize_session=False)
        )
        return _rowcount(result) == 1


def _token(row: m.TokenContaModel) -> TokenConta:
    return TokenConta(
        id=row.id,
        usuario_id=row.usuario_id,
        tipo=row.tipo,
        expira_em=row.expira_em,
        usado_em=row.usado_em,
        revogado_em=row.revogado_em,
        criado_em=row.criado_em,
    )
