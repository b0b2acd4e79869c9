"""Billing a stay by the census rule (RF24)."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class Passagem:
    """A stretch of the stay in one bed, priced at its setor's daily rate."""

    inicio: datetime
    fim: datetime
    valor_diaria: Decimal


def dias_cobrados(admissao: date, alta: date) -> list[date]:
    """Each calendar day from admission to the day before discharge; a stay
    that begins and ends on one day is billed that one day."""
    if alta <= admissao:
        return [admissao]
    return [admissao + timedelta(days=n) for n in range((alta - admissao).days)]


def valor_internacao(passagens: Sequence[Passagem], tz: ZoneInfo) -> Decimal:
    """One diária per billed day, at the rate of the setor where the patient
    was at the end of that day (23:59:59 in the hospital's zone); a same-day
    stay at the setor it left from."""
    ordered = sorted(passagens, key=lambda p: p.inicio)
    admissao = ordered[0].inicio.astimezone(tz).date()
    alta = ordered[-1].fim.astimezone(tz).date()
    if alta <= admissao:
        return ordered[-1].valor_diaria

    total = Decimal("0.00")
    for dia in dias_cobrados(admissao, alta):
        end_of_day = datetime.combine(dia, time(23, 59, 59), tz)
        total += next(
            (p.valor_diaria for p in reversed(ordered) if p.inicio <= end_of_day),
            ordered[0].valor_diaria,
        )
    return total
