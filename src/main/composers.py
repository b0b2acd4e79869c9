"""The composition root: every service and controller, built once from settings."""

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import timedelta
from typing import Any

from sqlalchemy import Engine

from src.data.interfaces import Clock, PasswordHasher, TokenService, UnitOfWorkFactory
from src.data.usecases import cadastros
from src.data.usecases.consultas import consulta_rules
from src.data.usecases.contas import (
    AuthService,
    ContaEmailService,
    TokenPolicy,
    usuario_rules,
)
from src.data.usecases.emails import Correio, EnviarEmailsPendentes
from src.data.usecases.estoque import EstoqueService
from src.data.usecases.exames import exame_rules
from src.data.usecases.internacoes import InternacaoService
from src.data.usecases.lancamentos import lancamento_rules
from src.data.usecases.prescricoes import DispensacaoService, prescricao_rules
from src.data.usecases.registries import Parent, RegistryRules, RegistryService
from src.infra.clock import SystemClock
from src.infra.db.engine import make_engine, make_session_factory
from src.infra.db.health import DatabaseHealth
from src.infra.db.unit_of_work import SqlUnitOfWork
from src.infra.email.files import FileEmailService
from src.infra.email.sender_loop import SenderLoop
from src.infra.email.smtp import SmtpConfig, SMTPEmailService
from src.infra.email.templates import JinjaMailTemplates
from src.infra.events import InProcessEventBus, log_event
from src.infra.security.passwords import Argon2PasswordHasher
from src.infra.security.tokens import JwtTokenService
from src.main.config import Settings
from src.presentation.controllers.cadastros import (
    LeitoController,
    MovimentacaoController,
)
from src.presentation.controllers.contas import AuthController, ContaEmailController
from src.presentation.controllers.operacoes import (
    ConsultaController,
    InternacaoController,
    PrescricaoController,
)
from src.presentation.controllers.registry import Context, RegistryController
from src.presentation.http import HttpRequest
from src.validation import cadastros as schemas
from src.validation import contas as account_schemas
from src.validation import operacoes as op_schemas
from src.validation.base import Schema
from src.validation.fields import Rule


@dataclass
class Container:
    settings: Settings
    engine: Engine
    clock: Clock
    hasher: PasswordHasher
    tokens: TokenService
    uow_factory: Any
    health: DatabaseHealth
    auth: AuthService
    controllers: dict[str, Any]
    bus: InProcessEventBus
    enviar_emails: EnviarEmailsPendentes
    mail_sender: SenderLoop
    """Started by the entry points that serve (``run.py``, wsgi), not here."""


def build_container(settings: Settings, clock: Clock | None = None) -> Container:
    engine = make_engine(settings.database_url)
    session_factory = make_session_factory(engine)

    bus = InProcessEventBus()
    bus.subscribe("*", log_event)

    clock = clock or SystemClock()

    def uow_factory() -> SqlUnitOfWork:
        return SqlUnitOfWork(session_factory, bus, clock)

    hasher = Argon2PasswordHasher(
        settings.password_time_cost, settings.password_memory_cost
    )
    tokens = JwtTokenService(settings.secret_key, settings.token_lifetime, clock)
    auth = AuthService(uow_factory, hasher, tokens)
    context = Context(settings.tz, clock)
    enviar_emails = EnviarEmailsPendentes(uow_factory, _mail_service(settings), clock)
    mail_sender = SenderLoop(enviar_emails.executar)
    bus.subscribe("email.enfileirado", lambda _event: mail_sender.wake())
    contas = _contas(settings, uow_factory, hasher, clock)

    def registry(
        rules: RegistryRules,
        schema: Schema,
        filters: dict[str, Rule],
        path: str,
        kind: type[RegistryController] = RegistryController,
    ) -> RegistryController:
        return kind(
            RegistryService(uow_factory, rules),
            schema,
            filters,
            context,
            lambda _request, id: f"/v1/{path}/{id}",
        )

    def endereco_location(request: HttpRequest, id: int) -> str:
        return f"/v1/pacientes/{request.path['paciente_id']}/enderecos/{id}"

    controllers: dict[str, Any] = {
        "especialidades": registry(
            cadastros.ESPECIALIDADES,
            schemas.ESPECIALIDADE,
            schemas.ESPECIALIDADE_FILTERS,
            "especialidades",
        ),
        "medicos": registry(
            cadastros.MEDICOS, schemas.MEDICO, schemas.MEDICO_FILTERS, "medicos"
        ),
        "convenios": registry(
            cadastros.CONVENIOS, schemas.CONVENIO, schemas.CONVENIO_FILTERS, "convenios"
        ),
        "pacientes": registry(
            cadastros.PACIENTES, schemas.PACIENTE, schemas.PACIENTE_FILTERS, "pacientes"
        ),
        "enderecos": RegistryController(
            RegistryService(uow_factory, cadastros.ENDERECOS),
            schemas.ENDERECO,
            schemas.ENDERECO_FILTERS,
            context,
            endereco_location,
            parent_param="paciente_id",
        ),
        "setores": registry(
            cadastros.SETORES, schemas.SETOR, schemas.SETOR_FILTERS, "setores"
        ),
        "leitos": registry(
            cadastros.LEITOS,
            schemas.LEITO,
            schemas.LEITO_FILTERS,
            "leitos",
            LeitoController,
        ),
        "medicamentos": registry(
            cadastros.MEDICAMENTOS,
            schemas.MEDICAMENTO,
            schemas.MEDICAMENTO_FILTERS,
            "medicamentos",
        ),
        "movimentacoes": MovimentacaoController(EstoqueService(uow_factory), context),
        "usuarios": registry(
            usuario_rules(hasher, contas),
            account_schemas.USUARIO,
            account_schemas.USUARIO_FILTERS,
            "usuarios",
        ),
        "auth": AuthController(auth, context),
        "contas": ContaEmailController(contas, context),
        **_operacoes(uow_factory, clock, settings, context),
    }
    return Container(
        settings=settings,
        engine=engine,
        clock=clock,
        hasher=hasher,
        tokens=tokens,
        uow_factory=uow_factory,
        health=DatabaseHealth(engine),
        auth=auth,
        controllers=controllers,
        bus=bus,
        enviar_emails=enviar_emails,
        mail_sender=mail_sender,
    )


def _mail_service(settings: Settings) -> SMTPEmailService | FileEmailService:
    """SMTP when ``MAIL_SERVER`` is set; ``.eml`` files otherwise."""
    if not settings.mail_server:
        return FileEmailService(
            settings.outbox_dir, settings.mail_from, settings.mail_from_name
        )
    return SMTPEmailService(
        SmtpConfig(
            host=settings.mail_server,
            port=settings.mail_port,
            username=settings.mail_username,
            password=settings.mail_password,
            use_tls=settings.mail_use_tls,
            use_ssl=settings.mail_use_ssl,
            timeout=settings.mail_timeout,
            from_address=settings.mail_from,
            from_name=settings.mail_from_name,
        )
    )


def _contas(
    settings: Settings,
    uow_factory: UnitOfWorkFactory,
    hasher: PasswordHasher,
    clock: Clock,
) -> ContaEmailService:
    """The account e-mail flows, with the links of API.md section 3.1."""
    policy = TokenPolicy(
        confirm_url=f"{settings.base_url}/v1/auth/confirmar",
        reset_url=f"{settings.frontend_base_url}/redefinir-senha",
        confirm_lifetime=timedelta(hours=settings.confirm_token_hours),
        reset_lifetime=timedelta(minutes=settings.reset_token_minutes),
    )
    correio = Correio(JinjaMailTemplates(settings.mail_from_name), clock)
    return ContaEmailService(uow_factory, hasher, correio, clock, policy)


def _operacoes(
    uow_factory: UnitOfWorkFactory, clock: Clock, settings: Settings, context: Context
) -> dict[str, Any]:
    """Controllers of API.md section 5."""

    def location(path: str) -> Callable[[HttpRequest, int], str]:
        return lambda _request, id: f"/v1/{path}/{id}"

    exames = exame_rules(clock)
    exames_do_paciente = replace(exames, parent=Parent("paciente_id", "pacientes"))
    return {
        "consultas": ConsultaController(
            RegistryService(uow_factory, consulta_rules(clock)),
            op_schemas.CONSULTA,
            op_schemas.CONSULTA_FILTERS,
            context,
            location("consultas"),
        ),
        "exames": RegistryController(
            RegistryService(uow_factory, exames),
            op_schemas.EXAME,
            op_schemas.EXAME_FILTERS,
            context,
            location("exames"),
        ),
        "exames_do_paciente": RegistryController(
            RegistryService(uow_factory, exames_do_paciente),
            op_schemas.EXAME,
            {k: v for k, v in op_schemas.EXAME_FILTERS.items() if k != "paciente_id"},
            context,
            location("exames"),
            parent_param="paciente_id",
        ),
        "prescricoes": PrescricaoController(
            DispensacaoService(uow_factory, clock),
            service=RegistryService(uow_factory, prescricao_rules()),
            schema=op_schemas.PRESCRICAO,
            filters=op_schemas.PRESCRICAO_FILTERS,
            context=context,
            location=location("prescricoes"),
        ),
        "internacoes": InternacaoController(
            InternacaoService(uow_factory, clock, settings.tz), context
        ),
        "lancamentos": RegistryController(
            RegistryService(uow_factory, lancamento_rules(clock, settings.tz)),
            op_schemas.LANCAMENTO,
            op_schemas.LANCAMENTO_FILTERS,
            context,
            location("lancamentos"),
        ),
    }
