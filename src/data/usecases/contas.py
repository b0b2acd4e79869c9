"""Staff accounts: who may log in, and with which role."""

import secrets
from dataclasses import dataclass
from typing import Any

from src.data.interfaces import (
    PasswordHasher,
    TokenService,
    UnitOfWork,
    UnitOfWorkFactory,
)
from src.data.usecases.registries import RegistryRules, Unique
from src.domain.entities import Usuario
from src.domain.enums import Papel
from src.domain.errors import NaoAutenticado

BAD_CREDENTIALS = "invalid email or password"


def usuario_rules(hasher: PasswordHasher) -> RegistryRules:
    """Registry rules for ``/v1/usuarios``: the password is stored only hashed."""

    def hash_password(uow: UnitOfWork, data: dict[str, Any], current: Any) -> None:
        if "email" in data:
            data["email"] = data["email"].lower()
        if "senha" in data:
            data["senha_hash"] = hasher.hash(data.pop("senha"))

    return RegistryRules(
        repository="usuarios",
        label="usuario",
        unique=[Unique(("email",), "email: a usuario with this email exists")],
        before_write=hash_password,
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
