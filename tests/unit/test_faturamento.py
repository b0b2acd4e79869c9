"""The pricing rule of a stay (RF24), as pure functions."""

from datetime import UTC, date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from src.domain.faturamento import Passagem, dias_cobrados, valor_internacao
from tests.conftest import SAO_PAULO

pytestmark = pytest.mark.unit

WARD = Decimal("500.00")
ICU = Decimal("1500.00")


def sp(day: int, hour: int, minute: int = 0, month: int = 3) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=SAO_PAULO)


def test_dias_cobrados_are_the_admission_day_up_to_the_day_before_discharge():
    dias = dias_cobrados(date(2026, 3, 1), date(2026, 3, 4))

    assert dias == [date(2026, 3, 1), date(2026, 3, 2), date(2026, 3, 3)]


def test_dias_cobrados_of_a_same_day_stay_is_that_one_day():
    dias = dias_cobrados(date(2026, 3, 4), date(2026, 3, 4))

    assert dias == [date(2026, 3, 4)]


def test_dias_cobrados_of_a_stay_ending_the_next_day_is_the_admission_day():
    dias = dias_cobrados(date(2026, 3, 4), date(2026, 3, 5))

    assert dias == [date(2026, 3, 4)]


def test_dias_cobrados_cross_the_end_of_a_month():
    dias = dias_cobrados(date(2026, 2, 27), date(2026, 3, 2))

    assert dias == [date(2026, 2, 27), date(2026, 2, 28), date(2026, 3, 1)]


def test_the_contract_example_is_3500():
    passagens = [
        Passagem(sp(1, 10), sp(2, 15), WARD),
        Passagem(sp(2, 15), sp(4, 9), ICU),
    ]

    valor = valor_internacao(passagens, SAO_PAULO)

    assert valor == Decimal("3500.00")
    assert str(valor) == "3500.00"


def test_passagens_given_out_of_order_price_the_same():
    passagens = [
        Passagem(sp(2, 15), sp(4, 9), ICU),
        Passagem(sp(1, 10), sp(2, 15), WARD),
    ]

    valor = valor_internacao(passagens, SAO_PAULO)

    assert valor == Decimal("3500.00")


def test_one_setor_bills_its_rate_for_each_night():
    valor = valor_internacao([Passagem(sp(1, 10), sp(4, 9), WARD)], SAO_PAULO)

    assert valor == Decimal("1500.00")


def test_a_same_day_stay_is_one_diaria():
    valor = valor_internacao([Passagem(sp(4, 8), sp(4, 18), WARD)], SAO_PAULO)

    assert valor == Decimal("500.00")


def test_a_same_day_stay_with_a_transfer_is_billed_at_the_setor_it_left_from():
    passagens = [
        Passagem(sp(4, 8), sp(4, 12), WARD),
        Passagem(sp(4, 12), sp(4, 18), ICU),
    ]

    valor = valor_internacao(passagens, SAO_PAULO)

    assert valor == ICU


def test_a_day_is_billed_at_the_setor_the_patient_was_in_at_its_end():
    passagens = [
        Passagem(sp(1, 10), sp(2, 8), ICU),
        Passagem(sp(2, 8), sp(3, 9), WARD),
    ]

    valor = valor_internacao(passagens, SAO_PAULO)

    assert valor == ICU + WARD


def test_a_setor_the_patient_only_passed_through_during_a_day_is_not_billed():
    passagens = [
        Passagem(sp(1, 10), sp(2, 9), WARD),
        Passagem(sp(2, 9), sp(2, 17), ICU),
        Passagem(sp(2, 17), sp(3, 9), WARD),
    ]

    valor = valor_internacao(passagens, SAO_PAULO)

    assert valor == WARD + WARD


def test_a_transfer_at_23_59_59_counts_for_that_day():
    passagens = [
        Passagem(sp(1, 10), datetime(2026, 3, 1, 23, 59, 59, tzinfo=SAO_PAULO), WARD),
        Passagem(datetime(2026, 3, 1, 23, 59, 59, tzinfo=SAO_PAULO), sp(2, 9), ICU),
    ]

    valor = valor_internacao(passagens, SAO_PAULO)

    assert valor == ICU


def test_days_are_counted_in_the_hospitals_zone_not_in_utc():
    # Admitted 03-01 10:00 and discharged 03-03 22:30 in São Paulo: the alta
    # is already 03-04 in UTC, which would bill a third day.
    passagens = [
        Passagem(
            datetime(2026, 3, 1, 13, 0, tzinfo=UTC),
            datetime(2026, 3, 4, 1, 30, tzinfo=UTC),
            WARD,
        )
    ]

    assert valor_internacao(passagens, SAO_PAULO) == Decimal("1000.00")
    assert valor_internacao(passagens, ZoneInfo("UTC")) == Decimal("1500.00")


def test_a_transfer_late_in_the_sao_paulo_evening_counts_for_that_evenings_day():
    # 22:30 on 03-02 in São Paulo is 01:30 UTC on 03-03.
    passagens = [
        Passagem(sp(1, 10), sp(2, 22, 30), WARD),
        Passagem(sp(2, 22, 30), sp(4, 9), ICU),
    ]

    valor = valor_internacao(passagens, SAO_PAULO)

    assert valor == WARD + ICU + ICU


def test_cents_add_up_exactly_in_decimal():
    passagens = [Passagem(sp(1, 10), sp(4, 10), Decimal("0.10"))]

    valor = valor_internacao(passagens, SAO_PAULO)

    assert valor == Decimal("0.30")
    assert isinstance(valor, Decimal)


def test_a_long_stay_bills_every_night_across_months():
    passagens = [Passagem(sp(20, 10, month=1), sp(5, 10), Decimal("123.45"))]

    valor = valor_internacao(passagens, SAO_PAULO)

    assert valor == Decimal("123.45") * 44
