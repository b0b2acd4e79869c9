"""Financial entries (RF12): money in Decimal, a status machine, no deletion."""

from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

from src.data.interfaces import Clock, UnitOfWork
from src.data.usecases.registries import RegistryRules
from src.domain.entities import Convenio, Lancamento
from src.domain.enums import StatusLancamento
from src.domain.errors import Conflito, DadosInvalidos
from src.domain.events import LancamentoCriado
from src.domain.status import LANCAMENTO

PRAZO_PARTICULAR = 30
FROZEN_ONCE_SETTLED = ("valor", "convenio_id", "tipo", "dt_vencimento")


def prazo_pagamento(convenio: Convenio | None) -> int:
    """Days to pay: the convenio's term, or 30 for a private (particular) patient."""
    return convenio.prazo_pagamento_dias if convenio else PRAZO_PARTICULAR


def lancamento_criado(uow: UnitOfWork, lancamento: Lancamento) -> None:
    uow.publish(
        LancamentoCriado(
            lancamento.id, lancamento.tipo, lancamento.valor, lancamento.convenio_id
        )
    )


def lancamento_rules(clock: Clock, tz: ZoneInfo) -> RegistryRules:
    def check(
        uow: UnitOfWork, data: dict[str, Any], current: Lancamento | None
    ) -> None:
        today = clock.now().astimezone(tz).date()
        if current is None:
            _defaults(uow, data, today)
        else:
            _check_change(data, current, today)

        lancado = data.get("dt_lancamento") or (current and current.dt_lancamento)
        vence = data.get("dt_vencimento")
        if vence is not None and lancado is not None and vence < lancado:
            raise DadosInvalidos.campo(
                "dt_vencimento", "must not be before dt_lancamento"
            )

    return RegistryRules(
        repository="lancamentos",
        label="lancamento",
        references={
            "convenio_id": "convenios",
            "paciente_id": "pacientes",
            "internacao_id": "internacoes",
        },
        before_write=check,
        after_create=lancamento_criado,
    )


def _defaults(uow: UnitOfWork, data: dict[str, Any], today: Any) -> None:
    data["status"] = StatusLancamento.PENDENTE.value
    data.setdefault("dt_lancamento", today)
    if data.get("dt_vencimento") is None:
        convenio_id = data.get("convenio_id")
        convenio = uow.convenios.get(convenio_id) if convenio_id else None
        data["dt_vencimento"] = data["dt_lancamento"] + timedelta(
            days=prazo_pagamento(convenio)
        )


def _check_change(data: dict[str, Any], current: Lancamento, today: Any) -> None:
    if current.status != StatusLancamento.PENDENTE:
        frozen = [f for f in FROZEN_ONCE_SETTLED if f in data]
        if frozen:
            raise Conflito(
                f"{frozen[0]} cannot change once the lancamento is {current.status}",
                frozen[0],
            )

    target = data.get("status", current.status)
    LANCAMENTO.check(current.status, target)
    if "dt_pagamento" in data and target != StatusLancamento.CONFIRMADO:
        raise DadosInvalidos.campo(
            "dt_pagamento", "given only when the status becomes confirmado"
        )
    if target == StatusLancamento.CONFIRMADO and current.status != target:
        data.setdefault("dt_pagamento", today)
    # Also when a confirmed lancamento's payment date is corrected.
    if "dt_pagamento" in data and data["dt_pagamento"] > today:
        raise DadosInvalidos.campo("dt_pagamento", "must not be in the future")
