"""The status machines of the hospital's operations (API.md section 5)."""

from collections.abc import Mapping
from dataclasses import dataclass

from src.domain.enums import StatusConsulta, StatusExame, StatusLancamento
from src.domain.errors import Conflito


class TransicaoInvalida(Conflito):
    """A status change the machine does not allow from the current status."""


@dataclass(frozen=True)
class StatusMachine:
    name: str
    allowed: Mapping[str, frozenset[str]]

    def check(self, current: str, target: str) -> None:
        if target == current or target in self.allowed.get(current, frozenset()):
            return
        raise TransicaoInvalida(
            f"{self.name} cannot go from {current} to {target}", "status"
        )

    def is_final(self, status: str) -> bool:
        return not self.allowed.get(status)


CONSULTA = StatusMachine(
    "consulta",
    {
        StatusConsulta.AGENDADA: frozenset(
            {StatusConsulta.REALIZADA, StatusConsulta.CANCELADA, StatusConsulta.FALTA}
        )
    },
)

EXAME = StatusMachine(
    "exame",
    {
        StatusExame.SOLICITADO: frozenset(
            {StatusExame.EM_ANDAMENTO, StatusExame.CANCELADO}
        ),
        StatusExame.EM_ANDAMENTO: frozenset(
            {StatusExame.CONCLUIDO, StatusExame.CANCELADO}
        ),
    },
)

LANCAMENTO = StatusMachine(
    "lancamento",
    {
        StatusLancamento.PENDENTE: frozenset(
            {StatusLancamento.CONFIRMADO, StatusLancamento.CANCELADO}
        )
    },
)
