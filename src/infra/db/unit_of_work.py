from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.attributes import flag_modified

from src.data.interfaces import (
    Clock,
    ConsultaRepository,
    EventPublisher,
    InternacaoRepository,
    MedicamentoRepository,
    OutboxRepository,
    PrescricaoRepository,
    Repository,
    TokenContaRepository,
    UsuarioRepository,
)
from src.domain.events import Event
from src.infra.db.models.base import Timestamped
from src.infra.db.repositories import cadastros, contas, email, operacoes


class SqlUnitOfWork:
    """One session and one transaction; repositories share the session.

    Events published inside the block are held back and handed to the
    publisher only after the commit succeeds, so no subscriber ever hears of
    a change that was rolled back.
    """

    # Typed as the ports, so that this class is a ``UnitOfWork``.
    especialidades: Repository[Any]
    medicos: Repository[Any]
    convenios: Repository[Any]
    pacientes: Repository[Any]
    enderecos: Repository[Any]
    setores: Repository[Any]
    leitos: Repository[Any]
    medicamentos: MedicamentoRepository
    usuarios: UsuarioRepository
    consultas: ConsultaRepository
    exames: Repository[Any]
    prescricoes: PrescricaoRepository
    internacoes: InternacaoRepository
    lancamentos: Repository[Any]
    outbox: OutboxRepository
    tokens_conta: TokenContaRepository

    def __init__(
        self,
        session_factory: sessionmaker[Session],
        publisher: EventPublisher,
        clock: Clock | None = None,
    ) -> None:
        self._session_factory = session_factory
        self._publisher = publisher
        self._clock = clock
        self._pending: list[Event] = []

    def __enter__(self) -> "SqlUnitOfWork":
        self.session = session = self._session_factory()
        session.info["clock"] = self._clock
        self._pending = []
        self.especialidades = cadastros.especialidades(session)
        self.medicos = cadastros.MedicoRepository(session)
        self.convenios = cadastros.convenios(session)
        self.pacientes = cadastros.pacientes(session)
        self.enderecos = cadastros.enderecos(session)
        self.setores = cadastros.setores(session)
        self.leitos = cadastros.leitos(session)
        self.medicamentos = cadastros.MedicamentoRepository(session)
        self.usuarios = contas.UsuarioRepository(session)
        self.consultas = operacoes.ConsultaRepository(session)
        self.exames = operacoes.exames(session)
        self.prescricoes = operacoes.PrescricaoRepository(session)
        self.internacoes = operacoes.InternacaoRepository(session)
        self.lancamentos = operacoes.lancamentos(session)
        self.outbox = email.OutboxRepository(session)
        self.tokens_conta = email.TokenContaRepository(session)
        return self

    def __exit__(self, *exc: Any) -> None:
        self.session.rollback()
        self.session.close()

    def publish(self, event: Event) -> None:
        self._pending.append(event)

    def commit(self) -> None:
        self.session.commit()
        events, self._pending = self._pending, []
        for published in events:
            self._publisher.publish(published)

    def rollback(self) -> None:
        self.session.rollback()
        self._pending = []


@event.listens_for(Session, "before_flush")
def _stamp(session: Session, _context: Any, _instances: Any) -> None:
    """``criado_em``/``atualizado_em`` follow the unit of work's clock, so a
    pinned clock pins them too; without one the models' defaults apply."""
    clock: Clock | None = session.info.get("clock")
    if clock is None:
        return
    now = clock.now().replace(microsecond=0)
    for row in session.new:
        if isinstance(row, Timestamped):
            row.criado_em = row.atualizado_em = now
    for row in session.dirty:
        if isinstance(row, Timestamped) and session.is_modified(row):
            row.atualizado_em = now
            # Setting the value it already had is no change to SQLAlchemy,
            # which would then let the column's wall-clock onupdate win.
            flag_modified(row, "atualizado_em")
