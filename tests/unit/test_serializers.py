"""Output by the contract's rules for money, dates and instants (Presenter)."""

from datetime import UTC, date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from src.domain import entities
from src.domain.enums import StatusLeito
from src.presentation.serializers import Presenter

pytestmark = pytest.mark.unit

present = Presenter(ZoneInfo("America/Sao_Paulo"))
INSTANT = datetime(2026, 3, 1, 17, 0, 5, 999_999, tzinfo=UTC)


@pytest.mark.parametrize(
    ("amount", "shown"),
    [
        (Decimal("1234.5"), "1234.50"),
        (Decimal("1234.50"), "1234.50"),
        (Decimal("0.1"), "0.10"),
        (Decimal("9999999999.99"), "9999999999.99"),
        (Decimal("150"), "150.00"),
    ],
)
def test_money_is_a_string_with_two_decimals(amount, shown):
    assert present(amount) == shown


def test_an_instant_is_shown_in_the_hospitals_zone_to_the_second():
    assert present(INSTANT) == "2026-03-01T14:00:05-03:00"


def test_a_date_is_iso_and_an_enum_its_value():
    assert present(date(2026, 3, 1)) == "2026-03-01"
    assert present(StatusLeito.MANUTENCAO) == "manutencao"


def test_an_entity_becomes_an_object_with_nested_records_and_derived_values():
    medico = entities.Medico(
        id=1,
        nome="Dra. Lia",
        crm="12345",
        uf_crm="SP",
        email=None,
        telefone=None,
        criado_em=INSTANT,
        atualizado_em=INSTANT,
        especialidades=[entities.EspecialidadeResumo(3, "Cardiologia")],
    )

    shown = present(medico)

    assert shown["especialidades"] == [{"id": 3, "nome": "Cardiologia"}]
    assert shown["especialidade_ids"] == [3]
    assert shown["criado_em"] == "2026-03-01T14:00:05-03:00"
    assert shown["email"] is None


def test_a_medicamento_shows_whether_it_is_below_its_minimum():
    medicamento = entities.Medicamento(
        id=1,
        nome="Dipirona",
        principio_ativo=None,
        apresentacao=None,
        unidade="comprimido",
        estoque_atual=2,
        estoque_minimo=5,
        criado_em=INSTANT,
        atualizado_em=INSTANT,
    )

    assert present(medicamento)["abaixo_minimo"] is True


def test_a_usuario_never_shows_its_session_version():
    usuario = entities.Usuario(
        id=1,
        nome="Ana",
        email="ana@hospital.test",
        papel="admin",
        ativo=True,
        email_confirmado=True,
        versao_sessao=4,
        criado_em=INSTANT,
        atualizado_em=INSTANT,
    )

    shown = present(usuario)

    assert "versao_sessao" not in shown
    assert shown["email"] == "ana@hospital.test"
