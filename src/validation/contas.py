"""Input schemas of accounts and logins (API.md section 3)."""

from src.domain.enums import Papel
from src.validation.base import Schema
from src.validation.fields import boolean, choice, create_only, email, text
from src.validation.query import bool_filter, choice_filter, text_filter

USUARIO = Schema(
    {
        "nome": text(2, 150, required=True),
        "email": email(required=True),
        "papel": choice(Papel, required=True),
        "ativo": boolean(default=True),
        "senha": create_only(text(8, 128, required=True)),
    }
)

LOGIN = Schema(
    {
        "email": {"type": "string", "required": True, "empty": False},
        "senha": {"type": "string", "required": True, "empty": False},
    }
)

USUARIO_FILTERS = {
    "nome": text_filter(),
    "papel": choice_filter(Papel),
    "ativo": bool_filter(),
}

# The e-mail flows (API.md section 3.1).
TOKEN = {"type": "string", "required": True, "empty": False, "maxlength": 200}

CONFIRMAR = Schema({"token": TOKEN})

PEDIDO_POR_EMAIL = Schema({"email": email(required=True)})

REDEFINIR_SENHA = Schema({"token": TOKEN, "senha": text(8, 128, required=True)})
