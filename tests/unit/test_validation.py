"""Input rules of the registries, as Cerberus schemas (src/validation)."""

from datetime import UTC, date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from src.domain.errors import DadosInvalidos
from src.domain.paging import PageRequest
from src.validation import cadastros, contas
from src.validation.base import validate
from src.validation.query import read_query

pytestmark = pytest.mark.unit

SAO_PAULO = ZoneInfo("America/Sao_Paulo")
NOW = datetime(2026, 3, 1, 15, 0, tzinfo=UTC)
CPF = "52998224725"
CNS = "197684045670002"


def check(schema, document, now=NOW):
    return validate(schema, document, tz=SAO_PAULO, now=now)


def errors_of(schema, document, now=NOW):
    with pytest.raises(DadosInvalidos) as raised:
        check(schema, document, now)
    return {e.field: e.message for e in raised.value.errors}


def paciente(**values):
    return {"nome": "Ana Souza", "data_nascimento": "1980-05-17", **values}


def setor(valor_diaria):
    return {"nome": "UTI Adulto", "valor_diaria": valor_diaria}


def test_a_paciente_is_normalized_to_stored_values():
    values = check(
        cadastros.PACIENTE.create,
        paciente(nome="  Ana Souza ", cpf="529.982.247-25", email=" Ana@Mail.COM"),
    )

    assert values == {
        "nome": "Ana Souza",
        "data_nascimento": date(1980, 5, 17),
        "cpf": CPF,
        "email": "ana@mail.com",
    }


@pytest.mark.parametrize(
    "cpf", ["529.982.247-24", "111.111.111-11", "00000000000", "5299822472", "abc"]
)
def test_a_cpf_with_wrong_check_digits_or_one_repeated_digit_is_refused(cpf):
    errors = errors_of(cadastros.PACIENTE.create, paciente(cpf=cpf))

    assert list(errors) == ["cpf"]


def test_a_valid_cns_is_accepted_and_an_invalid_one_refused():
    accepted = check(cadastros.PACIENTE.create, paciente(cns=CNS))

    errors = errors_of(cadastros.PACIENTE.create, paciente(cns="197684045670003"))

    assert accepted["cns"] == CNS
    assert errors == {"cns": "must be a valid CNS (15 digits)"}


def test_a_birth_date_after_the_callers_today_is_in_the_future():
    in_2020 = datetime(2020, 1, 1, 12, 0, tzinfo=UTC)

    errors = errors_of(
        cadastros.PACIENTE.create, paciente(data_nascimento="2020-06-01"), now=in_2020
    )

    assert errors == {"data_nascimento": "must be a date not in the future"}


def test_today_is_the_hospitals_date_not_the_utc_one():
    # 02:00 UTC on March 1st is still February 28th in São Paulo.
    late_evening = datetime(2026, 3, 1, 2, 0, tzinfo=UTC)

    errors = errors_of(
        cadastros.PACIENTE.create,
        paciente(data_nascimento="2026-03-01"),
        now=late_evening,
    )
    accepted = check(
        cadastros.PACIENTE.create,
        paciente(data_nascimento="2026-02-28"),
        now=late_evening,
    )

    assert list(errors) == ["data_nascimento"]
    assert accepted["data_nascimento"] == date(2026, 2, 28)


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ("1899-12-31", "must not be before 1900-01-01"),
        ("2026-02-30", "must be of date type"),
        ("01/03/2000", "must be of date type"),
    ],
)
def test_a_birth_date_must_be_a_real_date_since_1900(given, message):
    errors = errors_of(cadastros.PACIENTE.create, paciente(data_nascimento=given))

    assert errors == {"data_nascimento": message}


def test_every_failing_field_is_named_once():
    errors = errors_of(cadastros.PACIENTE.create, {"cpf": "123", "sexo": "x"})

    assert sorted(errors) == ["cpf", "data_nascimento", "nome", "sexo"]


def test_an_unknown_field_is_named():
    errors = errors_of(cadastros.PACIENTE.create, paciente(idade=40))

    assert errors == {"idade": "unknown field"}


@pytest.mark.parametrize(
    ("schema", "field"),
    [
        (cadastros.CONVENIO.create, "prazo_pagamento_dias"),
        (cadastros.PACIENTE.create, "convenio_id"),
        (cadastros.MEDICAMENTO.create, "estoque_minimo"),
    ],
)
def test_a_boolean_is_not_an_integer(schema, field):
    document = {"nome": "Unimed", "data_nascimento": "1980-01-01", field: True}
    document = {k: v for k, v in document.items() if k in schema}

    errors = errors_of(schema, document)

    assert list(errors) == [field]


def test_create_applies_defaults_and_update_does_not():
    created = check(cadastros.CONVENIO.create, {"nome": "Unimed"})

    updated = check(cadastros.CONVENIO.update, {"nome": "Unimed Rio"})

    assert created == {"nome": "Unimed", "prazo_pagamento_dias": 30, "ativo": True}
    assert updated == {"nome": "Unimed Rio"}


def test_update_makes_fields_optional_but_never_null_when_required_on_create():
    assert check(cadastros.PACIENTE.update, {}) == {}

    errors = errors_of(cadastros.PACIENTE.update, {"nome": None, "cpf": None})

    assert list(errors) == ["nome"]


def test_a_create_only_field_is_unknown_on_update():
    accepted = check(
        cadastros.MEDICAMENTO.create, {"nome": "Dipirona", "estoque_atual": 5}
    )

    errors = errors_of(cadastros.MEDICAMENTO.update, {"estoque_atual": 5})

    assert accepted["estoque_atual"] == 5
    assert errors == {"estoque_atual": "unknown field"}


def test_the_password_is_given_on_create_only():
    usuario = {"nome": "Bia", "email": "bia@h.test", "papel": "gestor"}

    errors = errors_of(contas.USUARIO.create, usuario)

    assert errors == {"senha": "required field"}
    assert list(errors_of(contas.USUARIO.update, {"senha": "12345678"})) == ["senha"]


def test_a_uf_is_upper_cased_and_must_be_one_of_the_27():
    medico = {"nome": "Dra. Lia", "crm": "12.345", "especialidade_ids": [1]}

    accepted = check(cadastros.MEDICO.create, {**medico, "uf_crm": " sp"})
    errors = errors_of(cadastros.MEDICO.create, {**medico, "uf_crm": "XX"})

    assert (accepted["uf_crm"], accepted["crm"]) == ("SP", "12345")
    assert errors == {"uf_crm": "must be one of the 27 UFs, e.g. SP"}


@pytest.mark.parametrize("email", ["ana", "ana@", "ana@hospital", "a b@hospital.com"])
def test_an_email_must_look_like_an_address(email):
    errors = errors_of(cadastros.PACIENTE.create, paciente(email=email))

    assert errors == {"email": "must be a valid email address"}


def test_a_cep_is_kept_as_its_eight_digits():
    endereco = {"logradouro": "Av. Paulista", "numero": "1000", "cidade": "São Paulo"}
    endereco |= {"uf": "SP"}

    accepted = check(cadastros.ENDERECO.create, {**endereco, "cep": "01310-100"})
    errors = errors_of(cadastros.ENDERECO.create, {**endereco, "cep": "1310-100"})

    assert accepted["cep"] == "01310100"
    assert list(errors) == ["cep"]


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("1234.5", Decimal("1234.5")),
        ("1234.50", Decimal("1234.50")),
        (10.25, Decimal("10.25")),
        (150, Decimal("150")),
        ("9999999999.99", Decimal("9999999999.99")),
    ],
)
def test_money_is_read_as_a_decimal_from_a_string_or_number(given, expected):
    values = check(cadastros.SETOR.create, setor(given))

    assert values["valor_diaria"] == expected
    assert isinstance(values["valor_diaria"], Decimal)


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ("10.001", "must be an amount with at most two decimal places"),
        ("NaN", "must be an amount with at most two decimal places"),
        ("Infinity", "must be an amount with at most two decimal places"),
        ("0", "must be greater than zero"),
        (-5, "must be greater than zero"),
        ("10000000000.00", "must be at most 9999999999.99"),
        (True, "must be of money type"),
        ("dez reais", "must be of money type"),
    ],
)
def test_money_that_is_not_a_positive_amount_in_cents_is_refused(given, message):
    errors = errors_of(cadastros.SETOR.create, setor(given))

    assert errors == {"valor_diaria": message}


def test_a_leito_cannot_be_set_occupied_by_hand():
    errors = errors_of(cadastros.LEITO_STATUS.update, {"status": "ocupado"})

    assert list(errors) == ["status"]


def test_a_datetime_without_offset_is_read_in_the_hospitals_zone():
    schema = {"dt": {"type": "datetime", "coerce": "datetime"}}

    local = check(schema, {"dt": "2026-03-01T14:00"})["dt"]
    utc = check(schema, {"dt": "2026-03-01T17:00:00Z"})["dt"]

    assert local == utc == datetime(2026, 3, 1, 17, 0, tzinfo=UTC)


def test_a_query_without_page_gets_the_first_page_and_ignores_unknown_names():
    query = {"nome": " josé ", "ordem": "desc"}

    filters, page = read_query(query, cadastros.PACIENTE_FILTERS)

    assert page == PageRequest(1, 20)
    assert filters == {"nome": "josé"}


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"page": "0"}, "page"),
        ({"page": "um"}, "page"),
        ({"per_page": "0"}, "per_page"),
        ({"per_page": "101"}, "per_page"),
        ({"convenio_id": "abc"}, "convenio_id"),
        ({"page": ""}, "page"),
        ({"per_page": " "}, "per_page"),
    ],
)
def test_a_query_out_of_bounds_names_the_parameter(query, field):
    with pytest.raises(DadosInvalidos) as raised:
        read_query(query, cadastros.PACIENTE_FILTERS)

    assert [e.field for e in raised.value.errors] == [field]


def test_an_empty_filter_means_no_filter():
    filters, page = read_query({"nome": "", "cpf": " "}, cadastros.PACIENTE_FILTERS)

    assert filters == {}
    assert page == PageRequest(1, 20)


def test_query_filters_are_read_as_their_types():
    filters, page = read_query(
        {"ativo": "false", "page": "3", "per_page": "100"}, cadastros.CONVENIO_FILTERS
    )

    assert filters == {"ativo": False}
    assert page == PageRequest(3, 100)
