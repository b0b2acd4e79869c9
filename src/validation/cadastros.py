"""Input schemas of the registries (API.md section 4)."""

from src.domain.enums import Sexo, StatusLeito, TipoLeito, TipoMovimentacao, TipoSetor
from src.validation.base import Schema
from src.validation.fields import (
    INT_MAX,
    boolean,
    choice,
    create_only,
    digits,
    email,
    integer,
    money,
    reference,
    text,
    uf,
)
from src.validation.query import bool_filter, choice_filter, id_filter, text_filter

ESPECIALIDADE = Schema(
    {
        "nome": text(2, 100, required=True),
        "descricao": text(max=500),
    }
)

MEDICO = Schema(
    {
        "nome": text(2, 150, required=True),
        "crm": digits((4, 10), required=True),
        "uf_crm": uf(required=True),
        "email": email(),
        "telefone": text(max=30),
        "especialidade_ids": {
            "type": "list",
            "required": True,
            "nullable": False,
            "minlength": 1,
            "schema": {"type": "integer", "min": 1, "max": INT_MAX},
        },
    }
)

CONVENIO = Schema(
    {
        "nome": text(2, 150, required=True),
        "registro_ans": digits(6),
        "prazo_pagamento_dias": integer(0, 365, default=30),
        "ativo": boolean(default=True),
    }
)

PACIENTE = Schema(
    {
        "nome": text(2, 150, required=True),
        "data_nascimento": {
            "type": "date",
            "coerce": "date",
            "required": True,
            "nullable": False,
            "check_with": "past_date",
        },
        "cpf": {
            "type": "string",
            "coerce": "digits",
            "nullable": True,
            "check_with": "cpf",
        },
        "cns": {
            "type": "string",
            "coerce": "digits",
            "nullable": True,
            "check_with": "cns",
        },
        "sexo": choice(Sexo),
        "email": email(),
        "telefone": text(max=30),
        "convenio_id": reference(),
        "numero_carteirinha": text(max=30),
    }
)

ENDERECO = Schema(
    {
        "logradouro": text(1, 200, required=True),
        "numero": text(1, 20, required=True),
        "complemento": text(max=100),
        "bairro": text(max=100),
        "cidade": text(2, 100, required=True),
        "uf": uf(required=True),
        "cep": digits(8, required=True),
        "principal": boolean(default=False),
    }
)

SETOR = Schema(
    {
        "nome": text(2, 100, required=True),
        "descricao": text(max=500),
        "tipo": choice(TipoSetor, default="enfermaria", nullable=False),
        "valor_diaria": money(required=True),
    }
)

LEITO = Schema(
    {
        "setor_id": reference(required=True),
        "codigo": text(1, 20, required=True),
        "tipo": choice(TipoLeito, default="enfermaria", nullable=False),
        "status": choice(
            [StatusLeito.LIVRE, StatusLeito.MANUTENCAO], default="livre", nullable=False
        ),
    }
)
LEITO_STATUS = Schema({"status": LEITO.create["status"]})

MEDICAMENTO = Schema(
    {
        "nome": text(2, 150, required=True),
        "principio_ativo": text(max=150),
        "apresentacao": text(max=150),
        "unidade": text(1, 30, default="unidade", nullable=False),
        "estoque_atual": create_only(integer(0, default=0)),
        "estoque_minimo": integer(0, default=0),
    }
)

MOVIMENTACAO = Schema(
    {
        "tipo": choice(TipoMovimentacao, required=True),
        "quantidade": integer(1, required=True),
        "motivo": text(max=500),
    }
)

# Query filters, by registry.
ESPECIALIDADE_FILTERS = {"nome": text_filter()}
MEDICO_FILTERS = {
    "nome": text_filter(),
    "crm": text_filter(coerce="digits"),
    "especialidade_id": id_filter(),
}
CONVENIO_FILTERS = {"nome": text_filter(), "ativo": bool_filter()}
PACIENTE_FILTERS = {
    "nome": text_filter(),
    "cpf": text_filter(coerce="digits"),
    "convenio_id": id_filter(),
}
ENDERECO_FILTERS: dict[str, dict[str, object]] = {}
SETOR_FILTERS = {"nome": text_filter(), "tipo": choice_filter(TipoSetor)}
LEITO_FILTERS = {
    "setor_id": id_filter(),
    "status": choice_filter(StatusLeito),
    "tipo": choice_filter(TipoLeito),
}
MEDICAMENTO_FILTERS = {"nome": text_filter(), "abaixo_minimo": bool_filter()}
