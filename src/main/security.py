"""Who may call what: the bearer token check and the role table of every route.

A route registered without roles has no entry in the table and is refused
(403): permissions fail closed.
"""

from collections.abc import Iterable

from flask import Flask, g, request

from src.data.usecases.contas import AuthService
from src.domain.enums import Papel
from src.domain.errors import AcessoNegado, NaoAutenticado

PUBLIC: frozenset[Papel] = frozenset()
ALL: frozenset[Papel] = frozenset(Papel)


def roles(*papeis: Papel) -> frozenset[Papel]:
    """The roles given, plus admin, who may do everything."""
    return frozenset((Papel.ADMIN, *papeis))


class Permissions:
    def __init__(self) -> None:
        self._table: dict[str, frozenset[Papel] | None] = {}

    def allow(self, endpoint: str, papeis: Iterable[Papel] | None) -> None:
        """``None`` marks a public endpoint; otherwise the roles that may call it."""
        self._table[endpoint] = None if papeis is None else frozenset(papeis)

    def check(self, endpoint: str, auth: AuthService) -> None:
        if endpoint not in self._table:
            raise AcessoNegado("this route has no permission set")
        allowed = self._table[endpoint]
        if allowed is None:
            return

        g.user = user = auth.autenticar(_bearer_token())
        if user.papel != Papel.ADMIN and user.papel not in allowed:
            raise AcessoNegado(f"the role {user.papel} may not do this")


def _bearer_token() -> str:
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise NaoAutenticado("missing bearer token")
    return token.strip()


def install_guard(app: Flask, permissions: Permissions, auth: AuthService) -> None:
    @app.before_request
    def _guard() -> None:
        if request.endpoint is None or request.routing_exception is not None:
            return  # unknown path or method: the router answers 404/405
        permissions.check(request.endpoint, auth)
