"""Input schemas of the hospital's operations (API.md section 5)."""

from typing import Any

from src.domain.enums import (
    MotivoAlta,
    StatusConsulta,
    StatusExame,
    StatusInternacao,
    StatusLancamento,
    StatusPrescricao,
    TipoLancamento,
)
from src.validation.base import Schema
from src.validation.fields import (
    choice,
    create_only,
    day,
    integer,
    moment,
    money,
    reference,
    text,
    update_only,
)
from src.validation.query import choice_filter, id_filter

NOTES = text(max=2000)


def _status(values: Any) -> dict[str, Any]:
    return update_only(choice(values, nullable=False))


CONSULTA = Schema(
    {
        "paciente_id": create_only(reference(required=True)),
        "medico_id": create_only(reference(required=True)),
        "dt_consulta": {**moment(required=True)},
        "duracao_minutos": integer(10, 240, default=30),
        "especialidade_id": {**reference(), "nullable": False},
        "observacoes": NOTES,
        "status": _status(StatusConsulta),
    }
)

EXAME = Schema(
    {
        "paciente_id": create_only(reference(required=True)),
        "medico_id": create_only(reference(required=True)),
        "tipo": text(2, 150, required=True),
        "codigo": text(max=30),
        "dt_solicitacao": create_only({**moment(), "nullable": False}),
        "observacoes": NOTES,
        "status": _status(StatusExame),
        "resultado": update_only(text(1, 20000)),
    }
)

ITEM_PRESCRICAO = {
    "medicamento_id": reference(required=True),
    "dose": text(1, 100, required=True),
    "via": text(1, 50, required=True),
    "frequencia": text(1, 100, required=True),
    "quantidade": integer(1, required=True),
    "duracao_dias": {**integer(1), "nullable": True},
}

PRESCRICAO = Schema(
    {
        "paciente_id": create_only(reference(required=True)),
        "medico_id": create_only(reference(required=True)),
        "internacao_id": create_only(reference()),
        "observacoes": NOTES,
        "itens": create_only(
            {
                "type": "list",
                "required": True,
                "nullable": False,
                "minlength": 1,
                "maxlength": 100,
                "schema": {"type": "dict", "schema": ITEM_PRESCRICAO},
            }
        ),
        # Dispensing is an action of its own; PATCH may only cancel.
        "status": _status([StatusPrescricao.CANCELADA]),
    }
)

CID = {"type": "string", "coerce": "cid", "check_with": "cid"}

INTERNACAO = Schema(
    {
        "paciente_id": create_only(reference(required=True)),
        "leito_id": create_only(reference(required=True)),
        "diagnostico": {**CID, "required": True, "nullable": False},
        "medico_id": reference(),
        "observacoes": NOTES,
        "dt_admissao": create_only({**moment(), "nullable": False}),
    }
)

TRANSFERENCIA = Schema(
    {
        "leito_id": reference(required=True),
        "dt_transferencia": {**moment(), "nullable": False},
    }
)

ALTA = Schema(
    {
        "motivo_alta": choice(MotivoAlta, required=True),
        "dt_alta": {**moment(), "nullable": False},
    }
)

LANCAMENTO = Schema(
    {
        "tipo": choice(TipoLancamento, required=True),
        "valor": money(required=True),
        "descricao": text(max=500),
        "convenio_id": reference(),
        "paciente_id": create_only(reference()),
        "internacao_id": create_only(reference()),
        "dt_lancamento": create_only({**day(), "nullable": False}),
        "dt_vencimento": {**day(), "nullable": False},
        "status": choice(StatusLancamento, nullable=False),
        "dt_pagamento": update_only({**day(), "nullable": False}),
    }
)
# A new lancamento is always pendente; saying so is allowed, anything else is not.
LANCAMENTO.create["status"] = {
    "type": "string",
    "allowed": [StatusLancamento.PENDENTE.value],
    "nullable": False,
}

# Query filters.
DATE_RANGE = {
    "inicio": {"type": "date", "coerce": "date"},
    "fim": {"type": "date", "coerce": "date"},
}
CONSULTA_FILTERS = {
    "paciente_id": id_filter(),
    "medico_id": id_filter(),
    "especialidade_id": id_filter(),
    "status": choice_filter(StatusConsulta),
    **DATE_RANGE,
}
EXAME_FILTERS = {
    "paciente_id": id_filter(),
    "medico_id": id_filter(),
    "status": choice_filter(StatusExame),
}
PRESCRICAO_FILTERS = {
    "paciente_id": id_filter(),
    "medico_id": id_filter(),
    "internacao_id": id_filter(),
    "status": choice_filter(StatusPrescricao),
}
INTERNACAO_FILTERS = {
    "paciente_id": id_filter(),
    "leito_id": id_filter(),
    "setor_id": id_filter(),
    "status": choice_filter(StatusInternacao),
}
LANCAMENTO_FILTERS = {
    "convenio_id": id_filter(),
    "paciente_id": id_filter(),
    "internacao_id": id_filter(),
    "status": choice_filter(StatusLancamento),
    "tipo": choice_filter(TipoLancamento),
    **DATE_RANGE,
}
