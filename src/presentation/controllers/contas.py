from src.data.usecases.contas import AuthService
from src.presentation.controllers.registry import Context, ok
from src.presentation.http import HttpRequest, HttpResponse
from src.validation.contas import LOGIN


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
