from src.data.usecases.contas import AuthService, ContaEmailService
from src.presentation.controllers.registry import Context, ok
from src.presentation.http import HttpRequest, HttpResponse
from src.validation.contas import CONFIRMAR, LOGIN, PEDIDO_POR_EMAIL, REDEFINIR_SENHA


class AuthController:
    def __init__(self, auth: AuthService, context: Context) -> None:
        self._auth = auth
        self._context = context

    def login(self, request: HttpRequest) -> HttpResponse:
        values = self._context.validate(LOGIN.create, request.body)
        token = self._auth.login(values["email"], values["senha"])
        return ok(
            {
                "access_token": token.access_token,
                "token_type": token.token_type,
                "expires_in": token.expires_in,
            }
        )

    def me(self, request: HttpRequest) -> HttpResponse:
        return ok(self._context.present(request.user))


ACCEPTED = {"status": "accepted"}


class ContaEmailController:
    """The public e-mail flows under ``/v1/auth/`` (API.md section 3.1).

    The two that take an email answer 202 whatever the address, so that
    nobody can learn from them which accounts exist.
    """

    def __init__(self, contas: ContaEmailService, context: Context) -> None:
        self._contas = contas
        self._context = context

    def confirmar(self, request: HttpRequest) -> HttpResponse:
        values = self._context.validate(CONFIRMAR.create, request.body)
        return ok(self._context.present(self._contas.confirmar(values["token"])))

    def confirmar_link(self, request: HttpRequest) -> HttpResponse:
        """``GET ?token=``: the link in the mail, followed as it is."""
        values = self._context.validate(CONFIRMAR.create, request.query)
        return ok(self._context.present(self._contas.confirmar(values["token"])))

    def reenviar_token(self, request: HttpRequest) -> HttpResponse:
        values = self._context.validate(PEDIDO_POR_EMAIL.create, request.body)
        self._contas.reenviar_token(values["email"])
        return ok(ACCEPTED, 202)

    def esqueci_senha(self, request: HttpRequest) -> HttpResponse:
        values = self._context.validate(PEDIDO_POR_EMAIL.create, request.body)
        self._contas.esqueci_senha(values["email"])
        return ok(ACCEPTED, 202)

    def redefinir_senha(self, request: HttpRequest) -> HttpResponse:
        values = self._context.validate(REDEFINIR_SENHA.create, request.body)
        usuario = self._contas.redefinir_senha(values["token"], values["senha"])
        return ok(self._context.present(usuario))
