"""What many HTTP tests check the same way: the error envelope, created
resources, timestamps and pagination."""

import threading
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

BAD_TOKEN = {"Authorization": "Bearer not-a-token"}
HOSPITAL_OFFSET = timedelta(hours=-3)

# Query strings the pagination rules refuse, with the parameter each names.
BAD_PAGES = pytest.mark.parametrize(
    ("query", "field"),
    [
        ("page=0", "page"),
        ("page=-1", "page"),
        ("page=abc", "page"),
        ("page=", "page"),
        ("per_page=0", "per_page"),
        ("per_page=101", "per_page"),
        ("per_page=abc", "per_page"),
        ("per_page=", "per_page"),
        ("per_page=1.5", "per_page"),
        ("page=999999999999999999", "page"),
    ],
)


def called(response: TestResponse) -> str:
    """The request behind ``response`` and what it answered, for a failing
    assertion to show."""
    request = response.request
    return f"{request.method} {request.full_path.rstrip('?')}: " + response.get_data(
        as_text=True
    )


def assert_error(response: TestResponse, status: int, title: str) -> None:
    """The answer is ``status`` with the error envelope, every entry ``title``."""
    assert response.status_code == status, called(response)
    entries = response.get_json()["error"]
    assert entries
    assert all(entry["title"] == title for entry in entries), entries


def assert_invalid(response: TestResponse, *fields: str) -> None:
    """A 422 in the exact envelope with one entry for each of ``fields``."""
    entries = assert_envelope(response, 422, "HttpUnprocessableEntityError")
    named = [entry["field"] for entry in entries]
    assert sorted(named) == sorted(fields), called(response)


def assert_local_time(value: str) -> None:
    """An ISO 8601 datetime in the hospital's offset, to the second."""
    parsed = datetime.fromisoformat(value)
    assert parsed.utcoffset() == HOSPITAL_OFFSET, value
    assert parsed.microsecond == 0, value
    assert value.endswith("-03:00"), value


def create(
    client: FlaskClient, path: str, payload: dict[str, Any], headers: dict[str, str]
) -> dict[str, Any]:
    """POST ``payload`` and return the created resource."""
    response = client.post(path, json=payload, headers=headers)
    assert response.status_code == 201, called(response)
    created: dict[str, Any] = response.get_json()["data"]
    return created


def ids_of(response: TestResponse) -> list[int]:
    return [item["id"] for item in response.get_json()["data"]]


def assert_envelope(response: TestResponse, status: int, title: str) -> list[Any]:
    """``status`` with exactly the envelope of API.md: one key, ``error``, a
    list of entries that each hold exactly title, message and field."""
    assert response.status_code == status, called(response)
    body = response.get_json()
    assert list(body) == ["error"]
    entries: list[Any] = body["error"]
    assert entries
    for entry in entries:
        assert set(entry) == {"title", "message", "field"}
        assert entry["title"] == title
        assert isinstance(entry["message"], str) and entry["message"]
    return entries


def new_setor(
    client: FlaskClient,
    headers: dict[str, str],
    nome: str = "Clínica Médica",
    **extra: Any,
) -> dict[str, Any]:
    """A setor with a valid daily rate, plus any field given."""
    return create(
        client,
        "/v1/setores",
        {"nome": nome, "valor_diaria": "500.00", **extra},
        headers,
    )


def new_leito(
    client: FlaskClient,
    headers: dict[str, str],
    setor_id: int,
    codigo: str,
    **extra: Any,
) -> dict[str, Any]:
    return create(
        client, "/v1/leitos", {"setor_id": setor_id, "codigo": codigo, **extra}, headers
    )


def new_medicamento(
    client: FlaskClient,
    headers: dict[str, str],
    nome: str = "Dipirona Sódica 500 mg",
    **extra: Any,
) -> dict[str, Any]:
    return create(client, "/v1/medicamentos", {"nome": nome, **extra}, headers)


def new_especialidade(
    client: FlaskClient, headers: dict[str, str], nome: str = "Cardiologia"
) -> dict[str, Any]:
    return create(client, "/v1/especialidades", {"nome": nome}, headers)


def new_convenio(
    client: FlaskClient,
    headers: dict[str, str],
    nome: str = "Unimed Paulistana",
    **extra: Any,
) -> dict[str, Any]:
    return create(client, "/v1/convenios", {"nome": nome, **extra}, headers)


def new_paciente(
    client: FlaskClient,
    headers: dict[str, str],
    nome: str = "Maria da Silva",
    **extra: Any,
) -> dict[str, Any]:
    return create(
        client,
        "/v1/pacientes",
        {"nome": nome, "data_nascimento": "1980-05-17", **extra},
        headers,
    )


def new_medico(
    client: FlaskClient,
    headers: dict[str, str],
    crm: str = "123456",
    **extra: Any,
) -> dict[str, Any]:
    """A doctor with a fresh especialidade of their own."""
    especialidade = create(
        client, "/v1/especialidades", {"nome": f"Clínica {crm}"}, headers
    )
    payload = {
        "nome": "Dr. João Souza",
        "crm": crm,
        "uf_crm": "SP",
        "especialidade_ids": [especialidade["id"]],
        **extra,
    }
    return create(client, "/v1/medicos", payload, headers)


def new_internacao(
    client: FlaskClient,
    headers: dict[str, str],
    paciente_id: int,
    leito_id: int,
    **extra: Any,
) -> dict[str, Any]:
    payload = {
        "paciente_id": paciente_id,
        "leito_id": leito_id,
        "diagnostico": "J18.9",
        **extra,
    }
    return create(client, "/v1/internacoes", payload, headers)


def concurrently(
    app: Flask, calls: list[Callable[[FlaskClient], TestResponse]]
) -> list[TestResponse]:
    """Run each call in its own thread with its own test client, all released
    at once by a barrier; the responses in the order of ``calls``."""
    barrier = threading.Barrier(len(calls))
    responses: list[TestResponse | None] = [None] * len(calls)

    def run(n: int) -> None:
        own_client = app.test_client()
        barrier.wait()
        responses[n] = calls[n](own_client)

    threads = [threading.Thread(target=run, args=(n,)) for n in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert all(r is not None for r in responses), "a request did not finish"
    return [r for r in responses if r is not None]
