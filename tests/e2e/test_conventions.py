"""API-wide conventions (API.md section 1) beyond the registries: health,
unknown paths and methods, how a 422 names its fields, the request id, 500s.
What every registry answers is in ``test_registry_contract.py``."""

import pytest
from sqlalchemy.exc import OperationalError

from src.data.usecases.registries import RegistryService
from src.main.app import container_of
from tests.e2e.helpers import assert_envelope

pytestmark = pytest.mark.e2e

INTERNAL_ERROR = {
    "error": [
        {
            "title": "HttpInternalServerError",
            "message": "internal server error",
            "field": None,
        }
    ]
}


def test_health_answers_200_without_a_token(client):
    response = client.get("/v1/health")

    assert response.status_code == 200
    assert response.get_json() == {"data": {"status": "ok", "database": "ok"}}


def test_health_answers_503_in_the_envelope_when_the_database_is_down(
    client, app, monkeypatch
):
    monkeypatch.setattr(container_of(app).health, "is_up", lambda: False)

    response = client.get("/v1/health")

    assert_envelope(response, 503, "HttpServiceUnavailableError")


@pytest.mark.parametrize("path", ["/v1/nada", "/v1/setores/1/nada", "/nada", "/"])
def test_an_unknown_path_is_404_in_the_envelope(client, admin, path):
    response = client.get(path, headers=admin)

    entries = assert_envelope(response, 404, "HttpNotFoundError")
    assert entries[0]["field"] is None


def test_an_unknown_path_is_404_even_without_a_token(client):
    response = client.get("/v1/nada")

    assert_envelope(response, 404, "HttpNotFoundError")


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("DELETE", "/v1/health"),
        ("POST", "/v1/health"),
        ("GET", "/v1/auth/login"),
    ],
)
def test_an_unsupported_method_is_405_in_the_envelope(client, admin, method, path):
    response = client.open(path, method=method, headers=admin)

    entries = assert_envelope(response, 405, "HttpMethodNotAllowedError")
    assert entries[0]["field"] is None
    assert response.headers["Allow"]


def test_a_422_has_one_entry_per_failing_field(client, admin):
    response = client.post(
        "/v1/setores", json={"tipo": "x", "valor_diaria": "1.005"}, headers=admin
    )

    entries = assert_envelope(response, 422, "HttpUnprocessableEntityError")
    assert sorted(e["field"] for e in entries) == ["nome", "tipo", "valor_diaria"]
    for entry in entries:
        assert entry["message"].startswith(f"{entry['field']}: ")


def test_the_request_id_sent_is_echoed(client):
    response = client.get("/v1/health", headers={"X-Request-ID": "front-42.a_b:c"})

    assert response.headers["X-Request-ID"] == "front-42.a_b:c"


def test_a_request_id_is_made_when_none_is_sent(client):
    first = client.get("/v1/health")
    second = client.get("/v1/health")

    assert first.headers["X-Request-ID"]
    assert second.headers["X-Request-ID"]
    assert first.headers["X-Request-ID"] != second.headers["X-Request-ID"]


@pytest.mark.parametrize("given", ["", "x" * 129, "two words", "id\twith\ttabs"])
def test_an_unusable_request_id_is_replaced_by_a_fresh_one(client, given):
    response = client.get("/v1/health", headers={"X-Request-ID": given})

    assert response.headers["X-Request-ID"]
    assert response.headers["X-Request-ID"] != given


@pytest.mark.parametrize(
    ("method", "path"), [("GET", "/v1/nada"), ("DELETE", "/v1/health")]
)
def test_the_request_id_is_echoed_on_errors_too(client, method, path):
    response = client.open(path, method=method, headers={"X-Request-ID": "err-1"})

    assert response.status_code >= 400
    assert response.headers["X-Request-ID"] == "err-1"


def test_an_unexpected_exception_is_a_bare_500(client, admin, monkeypatch):
    def explode(*_args, **_kwargs):
        raise RuntimeError("secret detail: Traceback in /srv/app.py")

    monkeypatch.setattr(RegistryService, "listar", explode)

    response = client.get("/v1/setores", headers={**admin, "X-Request-ID": "boom-1"})

    assert response.status_code == 500
    assert response.get_json() == INTERNAL_ERROR
    assert response.headers["X-Request-ID"] == "boom-1"
    assert "secret" not in response.get_data(as_text=True)


def test_a_database_error_is_a_500_that_leaks_no_sql(client, admin, monkeypatch):
    def fail(*_args, **_kwargs):
        raise OperationalError(
            "SELECT cpf FROM pacientes WHERE id = ?", (1,), Exception("gone away")
        )

    monkeypatch.setattr(RegistryService, "obter", fail)

    response = client.get("/v1/setores/1", headers=admin)

    assert response.status_code == 500
    assert response.get_json() == INTERNAL_ERROR
    text = response.get_data(as_text=True)
    assert "SELECT" not in text
    assert "gone away" not in text
