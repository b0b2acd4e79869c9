"""The contract every registry keeps (API.md sections 1, 3 and 4), written once
and run for each: what create, read, list, PATCH and DELETE answer, pages,
ids in the path, bodies, tokens and roles.

A registry is one row of ``REGISTRIES``; a new registry gets a row and with
it every test here. What only one registry does (CPF, CRM and UF, enums,
money, references, the principal endereco, the occupied bed, stock, status
machines, its own validation and filters) stays in that registry's module.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cached_property
from typing import Any

import pytest
from flask.testing import FlaskClient

from src.domain.enums import Papel
from tests.conftest import SAO_PAULO
from tests.e2e.helpers import (
    BAD_PAGES,
    BAD_TOKEN,
    assert_envelope,
    assert_invalid,
    called,
    create,
    ids_of,
    new_convenio,
    new_especialidade,
    new_leito,
    new_medicamento,
    new_medico,
    new_paciente,
    new_setor,
)

pytestmark = pytest.mark.e2e

MONDAY_MORNING = datetime(2026, 3, 2, 8, 0, tzinfo=SAO_PAULO)
CREATED_AT = "2026-03-02T08:00:00-03:00"
ROLES = [papel for papel in Papel if papel != Papel.ADMIN]  # admin may do all


@pytest.fixture(autouse=True)
def monday_morning(clock):
    """Every test starts at 2026-03-02 08:00 in São Paulo, before any token."""
    clock.set(MONDAY_MORNING)


class Hospital:
    """The test's client and admin, and the records a registry's records point
    to, each made through the API the first time it is asked for."""

    def __init__(self, client: FlaskClient, admin: dict[str, str]) -> None:
        self.client = client
        self.admin = admin
        self._pacientes: dict[int, dict[str, Any]] = {}
        self._leitos: dict[int, dict[str, Any]] = {}

    @cached_property
    def paciente(self) -> dict[str, Any]:
        return new_paciente(self.client, self.admin)

    @cached_property
    def medico(self) -> dict[str, Any]:
        return new_medico(self.client, self.admin)

    @cached_property
    def especialidade(self) -> dict[str, Any]:
        return new_especialidade(self.client, self.admin)

    @cached_property
    def convenio(self) -> dict[str, Any]:
        return new_convenio(self.client, self.admin)

    @cached_property
    def setor(self) -> dict[str, Any]:
        return new_setor(self.client, self.admin)

    @cached_property
    def medicamento(self) -> dict[str, Any]:
        return new_medicamento(self.client, self.admin, estoque_atual=10)

    def nth_paciente(self, n: int) -> dict[str, Any]:
        """The n-th of the patients for records that need one each (stays)."""
        if n not in self._pacientes:
            nome = f"Paciente Internado {n}"
            self._pacientes[n] = new_paciente(self.client, self.admin, nome)
        return self._pacientes[n]

    def nth_leito(self, n: int) -> dict[str, Any]:
        """The n-th of the beds of ``setor``, for records that need one each."""
        if n not in self._leitos:
            leito = new_leito(self.client, self.admin, self.setor["id"], f"L{n}")
            self._leitos[n] = leito
        return self._leitos[n]


@dataclass(frozen=True)
class Registry:
    """One registry as the contract sees it; each callable takes the test's
    ``Hospital`` (``h`` in the table)."""

    name: str
    path: Callable[[Hospital], str]
    body: Callable[[Hospital, int], dict[str, Any]]
    """The n-th of as many distinct valid create bodies as a test asks for;
    the second sorts after the first by name or time."""
    writers: frozenset[Papel]
    """The roles besides admin that may POST, PATCH and DELETE."""
    change: Callable[[Hospital], dict[str, Any]]
    """A valid PATCH body that changes only what it names, shown as sent."""
    readers: frozenset[Papel] = frozenset(ROLES)
    deletable: bool = True
    no_such_fields: tuple[tuple[str, Any], ...] = ()
    """Fields the registry does not have, as its own tests used to send them."""
    nome_filter: bool = False
    starts_empty: bool = True

    def make(self, hospital: Hospital, n: int) -> dict[str, Any]:
        """Create the n-th record through the API, as admin."""
        body = self.body(hospital, n)
        return create(hospital.client, self.path(hospital), body, hospital.admin)

    def listed(self, hospital: Hospital) -> list[dict[str, Any]]:
        """Every record the list holds now, as admin reads it."""
        response = hospital.client.get(
            self.path(hospital), query_string={"per_page": 100}, headers=hospital.admin
        )
        assert response.status_code == 200, called(response)
        records: list[dict[str, Any]] = response.get_json()["data"]
        return records


def fixed(body: dict[str, Any]) -> Callable[[Hospital], dict[str, Any]]:
    return lambda _hospital: body


def consulta(hospital: Hospital, n: int) -> dict[str, Any]:
    return {
        "paciente_id": hospital.paciente["id"],
        "medico_id": hospital.medico["id"],
        "dt_consulta": (datetime(2026, 3, 10) + timedelta(hours=n)).isoformat(),
        "observacoes": "Retorno após exames",
    }


def internacao(hospital: Hospital, n: int) -> dict[str, Any]:
    return {
        "paciente_id": hospital.nth_paciente(n)["id"],
        "leito_id": hospital.nth_leito(n)["id"],
        "diagnostico": "J18.9",
        "observacoes": "Paciente lúcido",
    }


def prescricao(hospital: Hospital, n: int) -> dict[str, Any]:
    item = {
        "medicamento_id": hospital.medicamento["id"],
        "dose": "500 mg",
        "via": "oral",
        "frequencia": "8/8h",
        "quantidade": n + 1,
    }
    return {
        "paciente_id": hospital.paciente["id"],
        "medico_id": hospital.medico["id"],
        "itens": [item],
        "observacoes": "Após as refeições",
    }


GESTOR = frozenset({Papel.GESTOR})
CLINICAL_WRITERS = frozenset({Papel.RECEPCAO, Papel.MEDICO, Papel.ENFERMAGEM})
CLINICAL_READERS = frozenset({Papel.MEDICO, Papel.ENFERMAGEM, Papel.FARMACIA})

REGISTRIES = [
    Registry(
        "especialidades",
        path=lambda _h: "/v1/especialidades",
        body=lambda _h, n: {
            "nome": f"Especialidade {n}",
            "descricao": "Doenças do coração e do sistema circulatório",
        },
        writers=GESTOR,
        change=fixed({"descricao": "Coração"}),
        no_such_fields=(("codigo", "CARD"), ("cor", "vermelho")),
        nome_filter=True,
    ),
    Registry(
        "medicos",
        path=lambda _h: "/v1/medicos",
        body=lambda h, n: {
            "nome": f"Médico {n}",
            "crm": f"{1000 + n}",
            "uf_crm": "SP",
            "especialidade_ids": [h.especialidade["id"]],
        },
        writers=GESTOR,
        change=fixed({"telefone": "(11) 3333-4444"}),
        no_such_fields=(("cpf", "52998224725"), ("senha", "x")),
        nome_filter=True,
    ),
    Registry(
        "convenios",
        path=lambda _h: "/v1/convenios",
        body=lambda _h, n: {"nome": f"Convênio {n}", "registro_ans": "301337"},
        writers=GESTOR,
        change=fixed({"ativo": False, "prazo_pagamento_dias": 60}),
        no_such_fields=(("cnpj", "12345678000199"),),
        nome_filter=True,
    ),
    Registry(
        "pacientes",
        path=lambda _h: "/v1/pacientes",
        body=lambda _h, n: {
            "nome": f"Paciente {n} Conceição",
            "data_nascimento": "1980-05-17",
        },
        writers=CLINICAL_WRITERS,
        change=lambda h: {
            "convenio_id": h.convenio["id"],
            "numero_carteirinha": "998877",
            "telefone": "(11) 3000-0000",
        },
        no_such_fields=(("rg", "12.345.678-9"),),
        nome_filter=True,
    ),
    Registry(
        "enderecos",
        path=lambda h: f"/v1/pacientes/{h.paciente['id']}/enderecos",
        body=lambda _h, n: {
            "logradouro": f"Rua {n}",
            "numero": f"{n + 1}",
            "complemento": "Sala 3",
            "cidade": "São Paulo",
            "uf": "SP",
            "cep": "01310-100",
        },
        writers=CLINICAL_WRITERS,
        change=fixed({"numero": "1600", "complemento": None}),
        no_such_fields=(("pais", "Brasil"),),
    ),
    Registry(
        "setores",
        path=lambda _h: "/v1/setores",
        body=lambda _h, n: {
            "nome": f"Setor {n}",
            "valor_diaria": "500.00",
            "descricao": "Ala norte, térreo",
            "tipo": "uti",
        },
        writers=GESTOR,
        change=fixed({"nome": "UTI Adulto"}),
        no_such_fields=(("andar", 3),),
        nome_filter=True,
    ),
    Registry(
        "leitos",
        path=lambda _h: "/v1/leitos",
        body=lambda h, n: {"setor_id": h.setor["id"], "codigo": f"{101 + n}"},
        writers=GESTOR,
        change=fixed({"codigo": "101-A"}),
    ),
    Registry(
        "medicamentos",
        path=lambda _h: "/v1/medicamentos",
        body=lambda _h, n: {"nome": f"Dipirona Sódica {n}"},
        writers=frozenset({Papel.FARMACIA}),
        change=fixed({"nome": "Dipirona 1 g", "principio_ativo": "dipirona"}),
        no_such_fields=(("lote", "A1"),),
        nome_filter=True,
    ),
    Registry(
        "usuarios",
        path=lambda _h: "/v1/usuarios",
        body=lambda _h, n: {
            "nome": f"Usuário {n}",
            "email": f"usuario{n}@hospital.test",
            "papel": "recepcao",
            "senha": "senha-forte-123",
        },
        writers=frozenset(),
        readers=frozenset(),
        change=fixed({"nome": "Carla M. Souza", "papel": "gestor", "ativo": False}),
        no_such_fields=(("senha_hash", "x"),),
        nome_filter=True,
        starts_empty=False,  # the admin calling is a user
    ),
    Registry(
        "consultas",
        path=lambda _h: "/v1/consultas",
        body=consulta,
        writers=frozenset({Papel.RECEPCAO, Papel.MEDICO}),
        change=fixed({"status": "realizada", "observacoes": "Paciente estável"}),
        deletable=False,
        no_such_fields=(("sala", "3"), ("dt_fim", "x")),
    ),
    Registry(
        "exames",
        path=lambda _h: "/v1/exames",
        body=lambda h, n: {
            "paciente_id": h.paciente["id"],
            "medico_id": h.medico["id"],
            "tipo": f"Exame {n}",
            "observacoes": "Coleta em jejum às 7h",
        },
        writers=frozenset({Papel.MEDICO}),
        readers=CLINICAL_READERS,
        change=fixed({"codigo": "40304361", "observacoes": "Em jejum"}),
        deletable=False,
        no_such_fields=(("prioridade", "alta"),),
    ),
    Registry(
        "prescricoes",
        path=lambda _h: "/v1/prescricoes",
        body=prescricao,
        writers=frozenset({Papel.MEDICO}),
        readers=CLINICAL_READERS,
        change=fixed({"observacoes": "Tomar após as refeições"}),
        deletable=False,
    ),
    Registry(
        "internacoes",
        path=lambda _h: "/v1/internacoes",
        body=internacao,
        writers=frozenset({Papel.MEDICO, Papel.ENFERMAGEM}),
        readers=frozenset(ROLES) - {Papel.FINANCEIRO},
        change=fixed({"observacoes": "estável"}),
        deletable=False,
    ),
    Registry(
        "lancamentos",
        path=lambda _h: "/v1/lancamentos",
        body=lambda _h, n: {
            "tipo": "consulta",
            "valor": "1234.50",
            "descricao": f"Lançamento {n}",
        },
        writers=frozenset({Papel.FINANCEIRO}),
        readers=frozenset({Papel.FINANCEIRO, Papel.GESTOR}),
        change=fixed({"descricao": "NF 1234"}),
        deletable=False,
        no_such_fields=(("forma_pagamento", "pix"),),
    ),
]


def each(registries: list[Registry]) -> pytest.MarkDecorator:
    return pytest.mark.parametrize(
        "registry", registries, ids=[registry.name for registry in registries]
    )


EVERY_REGISTRY = each(REGISTRIES)
DELETABLE = each([r for r in REGISTRIES if r.deletable])
NEVER_DELETED = each([r for r in REGISTRIES if not r.deletable])
STARTING_EMPTY = each([r for r in REGISTRIES if r.starts_empty])
WITH_NOME_FILTER = each([r for r in REGISTRIES if r.nome_filter])
WITH_WRITERS = each([r for r in REGISTRIES if r.writers])
WITH_READERS = each([r for r in REGISTRIES if r.readers])
WITH_ROLES_THAT_DO_NOT_READ = each([r for r in REGISTRIES if r.readers != set(ROLES)])


@pytest.fixture
def hospital(client, admin):
    return Hospital(client, admin)


def item_of(registry: Registry, hospital: Hospital, record: dict[str, Any]) -> str:
    return f"{registry.path(hospital)}/{record['id']}"


def meta(page: int, per_page: int, total: int) -> dict[str, int]:
    return {
        "page": page,
        "per_page": per_page,
        "total": total,
        "pages": -(-total // per_page),
    }


# Create, read, change, delete


@EVERY_REGISTRY
def test_create_answers_201_with_the_record_at_its_location_stamped_now(
    client, hospital, registry
):
    path = registry.path(hospital)

    response = client.post(
        path, json=registry.body(hospital, 0), headers=hospital.admin
    )

    assert response.status_code == 201, called(response)
    assert list(response.get_json()) == ["data"]
    created = response.get_json()["data"]
    assert isinstance(created["id"], int)
    assert response.headers["Location"] == f"{path}/{created['id']}"
    assert (created["criado_em"], created["atualizado_em"]) == (CREATED_AT, CREATED_AT)
    fetched = client.get(response.headers["Location"], headers=hospital.admin)
    assert fetched.status_code == 200
    assert fetched.get_json() == {"data": created}


@EVERY_REGISTRY
def test_patch_changes_only_the_given_fields_and_stamps_atualizado_em(
    client, clock, hospital, registry
):
    created = registry.make(hospital, 0)
    change = registry.change(hospital)
    clock.advance(minutes=5)

    response = client.patch(
        item_of(registry, hospital, created), json=change, headers=hospital.admin
    )

    assert response.status_code == 200, called(response)
    data = response.get_json()["data"]
    assert data == {**created, **change, "atualizado_em": "2026-03-02T08:05:00-03:00"}
    fetched = client.get(item_of(registry, hospital, created), headers=hospital.admin)
    assert fetched.get_json() == {"data": data}


@DELETABLE
def test_delete_answers_204_with_an_empty_body_and_the_record_is_gone(
    client, hospital, registry
):
    already = registry.listed(hospital)
    created = registry.make(hospital, 0)
    kept = registry.make(hospital, 1)

    response = client.delete(
        item_of(registry, hospital, created), headers=hospital.admin
    )

    assert response.status_code == 204, called(response)
    assert response.get_data() == b""
    gone = client.get(item_of(registry, hospital, created), headers=hospital.admin)
    assert_envelope(gone, 404, "HttpNotFoundError")
    assert registry.listed(hospital) == [*already, kept]


@NEVER_DELETED
def test_a_record_that_is_never_deleted_answers_delete_with_405_and_stays(
    client, hospital, registry
):
    already = registry.listed(hospital)
    created = registry.make(hospital, 0)

    response = client.delete(
        item_of(registry, hospital, created), headers=hospital.admin
    )

    entries = assert_envelope(response, 405, "HttpMethodNotAllowedError")
    assert entries[0]["field"] is None
    assert set(response.headers["Allow"].split(", ")) == {
        "GET",
        "HEAD",
        "OPTIONS",
        "PATCH",
    }
    assert registry.listed(hospital) == [*already, created]


@EVERY_REGISTRY
def test_a_method_the_path_does_not_have_is_405_naming_the_allowed_ones(
    client, hospital, registry
):
    already = registry.listed(hospital)
    created = registry.make(hospital, 0)
    path, item = registry.path(hospital), item_of(registry, hospital, created)
    body = registry.body(hospital, 1)
    on_the_list = {"GET", "HEAD", "OPTIONS", "POST"}
    on_a_record = {"GET", "HEAD", "OPTIONS", "PATCH"} | (
        {"DELETE"} if registry.deletable else set()
    )

    responses = [
        (client.put(item, json=body, headers=hospital.admin), on_a_record),
        (client.post(item, json=body, headers=hospital.admin), on_a_record),
        (client.put(path, json=body, headers=hospital.admin), on_the_list),
        (client.patch(path, json=body, headers=hospital.admin), on_the_list),
        (client.delete(path, headers=hospital.admin), on_the_list),
    ]

    for response, allowed in responses:
        entries = assert_envelope(response, 405, "HttpMethodNotAllowedError")
        assert entries[0]["field"] is None
        assert set(response.headers["Allow"].split(", ")) == allowed, called(response)
    assert registry.listed(hospital) == [*already, created]


# Ids in the path

NOT_AN_ID = ["0", "-1", "abc", "1.5", "1e3", "%20", "99999999999999999999"]
METHODS_ON_A_RECORD = [
    pytest.param(registry, method, id=f"{registry.name}-{method}")
    for registry in REGISTRIES
    for method in ("get", "patch", "delete")
    if method != "delete" or registry.deletable
]


@pytest.mark.parametrize(("registry", "method"), METHODS_ON_A_RECORD)
def test_an_id_that_names_no_record_is_404_and_changes_nothing(
    client, hospital, registry, method
):
    already = registry.listed(hospital)
    created = registry.make(hospital, 0)
    never_given = created["id"] + 1
    change = registry.change(hospital)

    responses = [
        getattr(client, method)(
            f"{registry.path(hospital)}/{id_}", json=change, headers=hospital.admin
        )
        for id_ in [never_given, 2147483647, *NOT_AN_ID]
    ]

    for response in responses:
        entries = assert_envelope(response, 404, "HttpNotFoundError")
        assert entries[0]["field"] is None
    assert registry.listed(hospital) == [*already, created]


# Lists and pages


@STARTING_EMPTY
def test_a_list_of_nothing_is_empty_with_zero_pages(client, hospital, registry):
    response = client.get(registry.path(hospital), headers=hospital.admin)

    assert response.status_code == 200, called(response)
    assert response.get_json() == {"data": [], "meta": meta(1, 20, 0)}


@EVERY_REGISTRY
def test_a_list_answers_data_and_meta_in_id_order(client, hospital, registry):
    already = registry.listed(hospital)
    later_by_name = registry.make(hospital, 1)
    earlier_by_name = registry.make(hospital, 0)

    response = client.get(registry.path(hospital), headers=hospital.admin)

    assert response.status_code == 200, called(response)
    everything = [*already, later_by_name, earlier_by_name]
    assert response.get_json() == {
        "data": everything,
        "meta": meta(1, 20, len(everything)),
    }


# query string: (page, per_page) it answers
PAGES = {
    "": (1, 20),
    "page=2": (2, 20),
    "page=5": (5, 20),
    "per_page=100": (1, 100),
    "per_page=1&page=3": (3, 1),
    "per_page=2&page=2": (2, 2),
}


@EVERY_REGISTRY
def test_a_list_pages_20_at_a_time_by_default_and_up_to_100_in_id_order(
    client, hospital, registry
):
    already = [record["id"] for record in registry.listed(hospital)]
    made = [registry.make(hospital, n)["id"] for n in range(21)]
    everything = already + made

    answered = {
        query: client.get(f"{registry.path(hospital)}?{query}", headers=hospital.admin)
        for query in PAGES
    }

    def page(number, per_page):
        first = (number - 1) * per_page
        shown = everything[first : first + per_page]
        return shown, meta(number, per_page, len(everything))

    assert {
        query: (ids_of(response), response.get_json()["meta"])
        for query, response in answered.items()
    } == {query: page(*PAGES[query]) for query in PAGES}


@BAD_PAGES
@EVERY_REGISTRY
def test_a_page_out_of_bounds_is_422_naming_the_parameter(
    client, hospital, registry, query, field
):
    response = client.get(f"{registry.path(hospital)}?{query}", headers=hospital.admin)

    assert_invalid(response, field)


NOMES = [
    "José Antônio da Silva",
    "Jose Carlos Souza",
    "Maria da Conceição",
    "Clinica Medica Geral",
    "Ana Paula Reis",
]
# search: the positions in NOMES of what it finds
SEARCHES = {
    "jose": [0, 1],
    "JOSÉ": [0, 1],
    "José": [0, 1],
    "antonio": [0],
    "ÁNTÔNIÓ": [0],
    "conceicao": [2],
    "CONCEIÇÃO": [2],
    "da": [0, 2],
    "CLÍNICA": [3],
    "paula reis": [4],
    "joao": [],
    "%": [],
    "_": [],
}


@WITH_NOME_FILTER
def test_the_nome_filter_finds_a_substring_ignoring_case_and_accents(
    client, hospital, registry
):
    for n, nome in enumerate(NOMES):
        body = {**registry.body(hospital, n), "nome": nome}
        create(client, registry.path(hospital), body, hospital.admin)

    answered = {
        search: client.get(
            registry.path(hospital),
            query_string={"nome": search},
            headers=hospital.admin,
        ).get_json()
        for search in SEARCHES
    }

    assert {
        search: ([record["nome"] for record in body["data"]], body["meta"]["total"])
        for search, body in answered.items()
    } == {
        search: ([NOMES[n] for n in found], len(found))
        for search, found in SEARCHES.items()
    }


# Bodies

NOT_JSON = [
    "{not json",
    '{"nome": "UTI",',
    "{nome: 'UTI'}",
    "não é json",
    '{"nome": "UTI"} extra',
]
NOT_AN_OBJECT = ["[]", "[1, 2]", '[{"nome": "UTI"}]', '"Cardiologia"', "42", "null"]
NOT_UTF8 = '{"nome": "Clínica"}'.encode("latin-1")
NOT_JSON_TYPES = ["text/plain", "application/x-www-form-urlencoded", "application/xml"]


def sending(registry, hospital, record):
    """POST to the list and PATCH of ``record`` (the calls that take a body),
    each with a valid body of its own, ready to be sent some other way."""
    client = hospital.client
    path, item = registry.path(hospital), item_of(registry, hospital, record)
    body, change = registry.body(hospital, 1), registry.change(hospital)
    return [
        (lambda **sent: client.post(path, headers=hospital.admin, **sent), body),
        (lambda **sent: client.patch(item, headers=hospital.admin, **sent), change),
    ]


@EVERY_REGISTRY
def test_a_body_that_is_not_a_json_object_in_utf8_is_400_and_changes_nothing(
    hospital, registry
):
    already = registry.listed(hospital)
    created = registry.make(hospital, 0)
    calls = sending(registry, hospital, created)

    responses = [
        call(data=raw, content_type="application/json")
        for call, _ in calls
        for raw in [*NOT_JSON, *NOT_AN_OBJECT, NOT_UTF8]
    ]

    for response in responses:
        assert_envelope(response, 400, "HttpBadRequestError")
    assert registry.listed(hospital) == [*already, created]


@EVERY_REGISTRY
def test_a_valid_body_sent_as_another_content_type_is_400_and_changes_nothing(
    hospital, registry
):
    already = registry.listed(hospital)
    created = registry.make(hospital, 0)
    calls = sending(registry, hospital, created)

    responses = [
        call(data=json.dumps(body), content_type=content_type)
        for call, body in calls
        for content_type in NOT_JSON_TYPES
    ]

    for response in responses:
        assert_envelope(response, 400, "HttpBadRequestError")
    assert registry.listed(hospital) == [*already, created]


@EVERY_REGISTRY
def test_utf8_json_with_a_charset_parameter_is_accepted(client, hospital, registry):
    already = registry.listed(hospital)
    body = registry.body(hospital, 0)
    accented = {k: v for k, v in body.items() if isinstance(v, str) and not v.isascii()}

    response = client.post(
        registry.path(hospital),
        data=json.dumps(body, ensure_ascii=False).encode(),
        content_type="application/json; charset=utf-8",
        headers=hospital.admin,
    )

    assert response.status_code == 201, called(response)
    created = response.get_json()["data"]
    assert {k: created[k] for k in accented} == accented
    assert registry.listed(hospital) == [*already, created]


# Output fields a client may not send, and one no registry has.
NO_REGISTRY_TAKES = (
    ("id", 7),
    ("criado_em", CREATED_AT),
    ("atualizado_em", CREATED_AT),
    ("campo_que_nao_existe", "x"),
)


@EVERY_REGISTRY
def test_a_field_the_registry_does_not_take_is_422_naming_it_and_changes_nothing(
    client, hospital, registry
):
    already = registry.listed(hospital)
    created = registry.make(hospital, 0)
    fields = (*registry.no_such_fields, *NO_REGISTRY_TAKES)
    body, change = registry.body(hospital, 1), registry.change(hospital)

    posted = [
        client.post(
            registry.path(hospital), json={**body, name: value}, headers=hospital.admin
        )
        for name, value in fields
    ]
    patched = [
        client.patch(
            item_of(registry, hospital, created),
            json={**change, name: value},
            headers=hospital.admin,
        )
        for name, value in fields
    ]

    for (name, _), post, patch in zip(fields, posted, patched, strict=True):
        assert_invalid(post, name)
        assert_invalid(patch, name)
    assert registry.listed(hospital) == [*already, created]


# Tokens


def every_call(registry, hospital, record):
    """Each route of the registry, ready to call with some headers; the bodies
    and what they point to are made now, as admin."""
    client = hospital.client
    path, item = registry.path(hospital), item_of(registry, hospital, record)
    body, change = registry.body(hospital, 9), registry.change(hospital)
    reads = [
        lambda headers: client.get(path, headers=headers),
        lambda headers: client.get(item, headers=headers),
    ]
    writes = [
        lambda headers: client.post(path, json=body, headers=headers),
        lambda headers: client.patch(item, json=change, headers=headers),
    ]
    if registry.deletable:
        writes.append(lambda headers: client.delete(item, headers=headers))
    return reads, writes


@EVERY_REGISTRY
@pytest.mark.parametrize(
    "headers",
    [{}, BAD_TOKEN, {"Authorization": "Basic x"}, {"Authorization": "Bearer"}],
    ids=["none", "bad", "basic", "empty"],
)
def test_without_a_valid_token_every_call_is_401_and_changes_nothing(
    hospital, registry, headers
):
    already = registry.listed(hospital)
    created = registry.make(hospital, 0)
    reads, writes = every_call(registry, hospital, created)

    responses = [call(headers) for call in reads + writes]

    for response in responses:
        assert_envelope(response, 401, "HttpUnauthorizedError")
    assert registry.listed(hospital) == [*already, created]


@EVERY_REGISTRY
def test_an_expired_token_is_401_on_every_call(clock, hospital, registry):
    created = registry.make(hospital, 0)
    reads, writes = every_call(registry, hospital, created)
    clock.advance(hours=2)

    responses = [call(hospital.admin) for call in reads + writes]

    for response in responses:
        assert_envelope(response, 401, "HttpUnauthorizedError")


# Roles (API.md section 3)


@WITH_READERS
def test_every_role_that_reads_the_registry_lists_and_gets_its_records(
    client, as_role, hospital, registry
):
    headers = {papel: as_role(papel) for papel in registry.readers}
    already = [record["id"] for record in registry.listed(hospital)]
    created = registry.make(hospital, 0)
    item = item_of(registry, hospital, created)

    answered = {
        papel: (
            ids_of(client.get(registry.path(hospital), headers=headers[papel])),
            client.get(item, headers=headers[papel]).get_json(),
        )
        for papel in registry.readers
    }

    expected = ([*already, created["id"]], {"data": created})
    assert answered == dict.fromkeys(registry.readers, expected)


@WITH_ROLES_THAT_DO_NOT_READ
def test_a_role_that_does_not_read_the_registry_is_403_on_list_and_get(
    as_role, hospital, registry
):
    created = registry.make(hospital, 0)
    reads, _ = every_call(registry, hospital, created)

    responses = [
        read(as_role(papel))
        for papel in set(ROLES) - registry.readers
        for read in reads
    ]

    for response in responses:
        assert_envelope(response, 403, "HttpForbiddenError")


@WITH_WRITERS
def test_every_role_that_writes_the_registry_creates_changes_and_deletes(
    client, as_role, hospital, registry
):
    writers = {papel: as_role(papel) for papel in sorted(registry.writers)}
    bodies = [registry.body(hospital, n) for n in range(1, len(writers) + 1)]
    change = registry.change(hospital)

    answered = {}
    for (papel, headers), body in zip(writers.items(), bodies, strict=True):
        posted = client.post(registry.path(hospital), json=body, headers=headers)
        item = posted.headers.get("Location", "")
        patched = client.patch(item, json=change, headers=headers)
        deleted = client.delete(item, headers=headers) if registry.deletable else None
        answered[papel] = (posted, patched, deleted)

    for posted, patched, deleted in answered.values():
        assert posted.status_code == 201, called(posted)
        assert patched.status_code == 200, called(patched)
        shown = patched.get_json()["data"]
        expected = {**posted.get_json()["data"], **change}
        assert shown == {**expected, "atualizado_em": shown["atualizado_em"]}
        if deleted is not None:
            assert deleted.status_code == 204, called(deleted)
            assert deleted.get_data() == b""


@EVERY_REGISTRY
def test_a_role_that_does_not_write_the_registry_is_403_and_changes_nothing(
    as_role, hospital, registry
):
    headers = [as_role(papel) for papel in set(ROLES) - registry.writers]
    already = registry.listed(hospital)
    created = registry.make(hospital, 0)
    _, writes = every_call(registry, hospital, created)

    responses = [write(role) for role in headers for write in writes]

    for response in responses:
        assert_envelope(response, 403, "HttpForbiddenError")
    assert registry.listed(hospital) == [*already, created]
