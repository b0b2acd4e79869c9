"""Staff accounts: who may log in, and with which role."""

import dataclasses
import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any
from urllib.parse import urlencode

from src.data.interfaces import (
    Clock,
    PasswordHasher,
    TokenService,
    UnitOfWork,
    UnitOfWorkFactory,
)
from src.data.usecases.emails import Correio
from src.data.usecases.registries import RegistryRules, Unique
from src.domain.email import TipoToken, TokenConta
from src.domain.entities import Usuario
from src.domain.enums import Papel
from src.domain.errors import DadosInvalidos, NaoAutenticado

BAD_CREDENTIALS = "invalid email or password"


def usuario_rules(
    hasher: PasswordHasher, contas: "ContaEmailService | None" = None
) -> RegistryRules:
    """Registry rules for ``/v1/usuarios``: the password is stored only hashed.

    With ``contas``, a new user is mailed a welcome with a confirmation token,
    and a changed address is unconfirmed and mailed a token of its own, in
    the transaction of the change.
    """

    def hash_password(uow: UnitOfWork, data: dict[str, Any], current: Any) -> None:
        if "email" in data:
            data["email"] = data["email"].lower()
        if "senha" in data:
            data["senha_hash"] = hasher.hash(data.pop("senha"))
        new_email = data.get("email")
        if contas and current is not None and new_email not in (None, current.email):
            data["email_confirmado"] = False
            contas.email_alterado(uow, current, data)

    def welcome(uow: UnitOfWork, created: Any) -> None:
        if contas:
            contas.boas_vindas(uow, created)

    return RegistryRules(
        repository="usuarios",
        label="usuario",
        unique=[Unique(("email",), "email: a usuario with this email exists")],
        before_write=hash_password,
        after_create=welcome,
    )


@dataclass(frozen=True)
class AccessToken:
    access_token: str
    expires_in: int
    token_type: str = "Bearer"


class AuthService:
    def __init__(
        self,
        uow_factory: UnitOfWorkFactory,
        hasher: PasswordHasher,
        tokens: TokenService,
    ) -> None:
        self._uow_factory = uow_factory
        self._hasher = hasher
        self._tokens = tokens
        self._decoy_hash = hasher.hash(secrets.token_urlsafe(16))

    def login(self, email: str, senha: str) -> AccessToken:
        """The same answer, and about the same time, for an unknown email
        and a wrong password, so neither can be told apart."""
        with self._uow_factory() as uow:
            usuario = uow.usuarios.find_by(email=email.lower())
            stored = uow.usuarios.password_hash(usuario.id) if usuario else None

        valid = self._hasher.verify(stored or self._decoy_hash, senha)
        if usuario is None or stored is None or not valid or not usuario.ativo:
            raise NaoAutenticado(BAD_CREDENTIALS)

        token, expires_in = self._tokens.issue(usuario.id, usuario.versao_sessao)
        return AccessToken(token, expires_in)

    def autenticar(self, token: str) -> Usuario:
        """The active user a bearer token belongs to, if it is still valid."""
        user_id, versao = self._tokens.read(token)
        with self._uow_factory() as uow:
            usuario: Usuario | None = uow.usuarios.get(user_id)
        if usuario is None or not usuario.ativo or usuario.versao_sessao != versao:
            raise NaoAutenticado("token is no longer valid")
        return usuario


@dataclass(frozen=True)
class AdminBootstrap:
    email: str
    senha: str | None
    """The generated password, to print once; None when it came from config."""


def garantir_admin(
    uow_factory: UnitOfWorkFactory,
    hasher: PasswordHasher,
    email: str | None,
    senha: str | None,
) -> AdminBootstrap | None:
    """Create the first admin when the database has no user at all."""
    with uow_factory() as uow:
        if uow.usuarios.count() > 0:
            return None

        generated = None if senha else secrets.token_urlsafe(12)
        admin_email = (email or "admin@hospital.local").lower()
        uow.usuarios.add(
            {
                "nome": "Administrador",
                "email": admin_email,
                "papel": Papel.ADMIN.value,
                "ativo": True,
                "email_confirmado": True,
                "senha_hash": hasher.hash(senha or generated or ""),
            }
        )
        uow.commit()
        return AdminBootstrap(admin_email, generated)


def hash_token(token: str) -> str:
    """What is stored of a token: its SHA-256, in hex."""
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class TokenPolicy:
    """Where each token's link points, and how long each token lives."""

    confirm_url: str
    reset_url: str
    confirm_lifetime: timedelta = timedelta(hours=24)
    reset_lifetime: timedelta = timedelta(hours=1)


class ContaEmailService:
    """The e-mail flows of an account (RF16): welcome, confirmation, a fresh
    confirmation token, and a forgotten password.

    Tokens come from ``secrets``, are stored only as hashes, are spent once,
    and a new one of a kind voids the user's older ones of that kind. Every
    mail is queued in the transaction of the change it reports.
    """

    def __init__(
        self,
        uow_factory: UnitOfWorkFactory,
        hasher: PasswordHasher,
        correio: Correio,
        clock: Clock,
        policy: TokenPolicy,
    ) -> None:
        self._uow_factory = uow_factory
        self._hasher = hasher
        self._correio = correio
        self._clock = clock
        self._policy = policy

    def boas_vindas(self, uow: UnitOfWork, usuario: Usuario) -> None:
        """In the caller's transaction: the welcome mail of a new user."""
        self._emitir(uow, usuario, TipoToken.CONFIRMACAO, "boas_vindas")

    def email_alterado(
        self, uow: UnitOfWork, usuario: Usuario, changes: dict[str, Any]
    ) -> None:
        """In the caller's transaction: a confirmation token for the new address."""
        changed = dataclasses.replace(
            usuario,
            email=changes["email"],
            nome=changes.get("nome", usuario.nome),
        )
        self._emitir(uow, changed, TipoToken.CONFIRMACAO, "confirmacao")

    def confirmar(self, token: str) -> Usuario:
        """The user whose address the token confirms, now confirmed."""
        with self._uow_factory() as uow:
            spent = self._gastar(uow, token, TipoToken.CONFIRMACAO)
            usuario: Usuario = uow.usuarios.update(
                spent.usuario_id, {"email_confirmado": True}
            )
            uow.commit()
            return usuario

    def reenviar_token(self, email: str) -> None:
        """Mail a fresh confirmation token to an unconfirmed account; say
        nothing either way, so the answer tells no one which accounts exist."""
        with self._uow_factory() as uow:
            usuario = uow.usuarios.find_by(email=email.lower())
            if usuario is None or usuario.email_confirmado:
                return

            self._emitir(uow, usuario, TipoToken.CONFIRMACAO, "reenvio_token")
            uow.commit()

    def esqueci_senha(self, email: str) -> None:
        """Mail a reset token to an active account; silent otherwise."""
        with self._uow_factory() as uow:
            usuario = uow.usuarios.find_by(email=email.lower())
            if usuario is None or not usuario.ativo:
                return

            self._emitir(uow, usuario, TipoToken.REDEFINICAO, "redefinicao_senha")
            uow.commit()

    def redefinir_senha(self, token: str, senha: str) -> Usuario:
        """Set the password and end every session opened before it."""
        password_hash = self._hasher.hash(senha)
        with self._uow_factory() as uow:
            spent = self._gastar(uow, token, TipoToken.REDEFINICAO)
            usuario = uow.usuarios.get(spent.usuario_id)
            if usuario is None or not usuario.ativo:
                raise _token_invalido("is not valid")

            uow.usuarios.set_password(usuario.id, password_hash)
            uow.tokens_conta.revoke_open(
                usuario.id, TipoToken.REDEFINICAO, self._clock.now()
            )
            uow.commit()
            changed: Usuario | None = uow.usuarios.get(usuario.id)
            assert changed is not None
            return changed

    def _emitir(
        self, uow: UnitOfWork, usuario: Usuario, tipo: TipoToken, template: str
    ) -> None:
        now = self._clock.now()
        if tipo is TipoToken.CONFIRMACAO:
            url, lifetime = self._policy.confirm_url, self._policy.confirm_lifetime
        else:
            url, lifetime = self._policy.reset_url, self._policy.reset_lifetime

        # Holding the user's row makes concurrent requests take turns, so
        # exactly one token of the kind is left open.
        uow.usuarios.lock(usuario.id)
        uow.tokens_conta.revoke_open(usuario.id, tipo, now)
        token = secrets.token_urlsafe(32)
        uow.tokens_conta.add(usuario.id, tipo, hash_token(token), now + lifetime, now)

        self._correio.enfileirar(
            uow,
            template,
            usuario.email,
            {
                "nome": usuario.nome,
                "email": usuario.email,
                "link": f"{url}?{urlencode({'token': token})}",
                "token": token,
                "validade": duracao(lifetime),
            },
        )

    def _gastar(self, uow: UnitOfWork, token: str, tipo: TipoToken) -> TokenConta:
        now = self._clock.now()
        found = uow.tokens_conta.find(hash_token(token))
        if found is None or found.tipo != tipo:
            raise _token_invalido("is not valid")
        if found.usado_em is not None:
            raise _token_invalido("has already been used")
        if found.revogado_em is not None:
            raise _token_invalido("was replaced by a newer one")
        if found.expira_em <= now:
            raise _token_invalido("has expired")
        if not uow.tokens_conta.use(found.id, now):
            raise _token_invalido("has already been used")
        return found


def _token_invalido(why: str) -> DadosInvalidos:
    return DadosInvalidos.campo("token", why)


def duracao(lifetime: timedelta) -> str:
    """A lifetime as the mail says it: ``24 horas``, ``1 hora``, ``30 minutos``."""
    minutes = int(lifetime.total_seconds() // 60)
    if minutes % 60:
        return f"{minutes} minuto" + ("s" if minutes != 1 else "")
    hours = minutes // 60
    return f"{hours} hora" + ("s" if hours != 1 else "")
