import pytest
from sqlalchemy.exc import OperationalError

from src.data.usecases.registries import RegistryService
from src.main.app import container_of
from tests.e2e.helpers import assert_envelope, assert_invalid, new_setor

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
        ("PUT", "/v1/setores/1"),
        ("DELETE", "/v1/setores"),
        ("GET", "/v1/auth/login"),
    ],
)
def test_an_unsupported_method_is_405_in_the_envelope(client, admin, method, path):
    response = client.open(path, method=method, headers=admin)

    entries = assert_envelope(response, 405, "HttpMethodNotAllowedError")
    assert entries[0]["field"] is None
    assert response.headers["Allow"]


@pytest.mark.parametrize(
    "body",
    ['{"nome": "UTI",', "{nome: 'UTI'}", "não é json", '{"nome": "UTI"} extra'],
)
def test_a_body_that_is_not_valid_json_is_400(client, admin, body):
    response = client.post(
        "/v1/setores", data=body, content_type="application/json", headers=admin
    )

    assert_envelope(response, 400, "HttpBadRequestError")


@pytest.mark.parametrize("body", ["[]", '[{"nome": "UTI"}]', '"UTI"', "42", "null"])
def test_a_json_body_that_is_not_an_object_is_400(client, admin, body):
    response = client.post(
        "/v1/setores", data=body, content_type="application/json", headers=admin
    )

    assert_envelope(response, 400, "HttpBadRequestError")


def test_a_body_that_is_not_utf8_is_400(client, admin):
    response = client.post(
        "/v1/setores",
        data='{"nome": "Clínica"}'.encode("latin-1"),
        content_type="application/json",
        headers=admin,
    )

    assert_envelope(response, 400, "HttpBadRequestError")


@pytest.mark.parametrize(
    "content_type",
    ["text/plain", "application/x-www-form-urlencoded", "application/xml"],
)
def test_a_body_of_another_content_type_is_400(client, admin, content_type):
    response = client.post(
        "/v1/setores",
        data='{"nome": "UTI", "valor_diaria": "100.00"}',
        content_type=content_type,
        headers=admin,
    )

    assert_envelope(response, 400, "HttpBadRequestError")
    assert client.get("/v1/setores", headers=admin).get_json()["data"] == []


def test_json_with_a_charset_parameter_is_accepted(client, admin):
    response = client.post(
        "/v1/setores",
        data='{"nome": "Clínica", "valor_diaria": "100.00"}'.encode(),
        content_type="application/json; charset=utf-8",
        headers=admin,
    )

    assert response.status_code == 201
    assert response.get_json()["data"]["nome"] == "Clínica"


def test_an_unknown_field_in_a_body_is_422_naming_it(client, admin):
    response = client.post(
        "/v1/setores",
        json={"nome": "UTI", "valor_diaria": "100.00", "andar": 3},
        headers=admin,
    )

    entries = assert_envelope(response, 422, "HttpUnprocessableEntityError")
    assert [e["field"] for e in entries] == ["andar"]


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


@pytest.mark.parametrize(
    "path",
    [
        "/v1/setores/abc",
        "/v1/setores/1.5",
        "/v1/setores/-1",
        "/v1/setores/0",
        "/v1/setores/%20",
        "/v1/setores/1e3",
        "/v1/setores/99999999999999999999",
    ],
)
def test_a_path_id_that_is_not_a_positive_integer_is_404(client, admin, path):
    new_setor(client, admin)

    response = client.get(path, headers=admin)

    assert_envelope(response, 404, "HttpNotFoundError")


def test_a_path_id_that_is_not_a_positive_integer_is_404_on_writes_too(client, admin):
    responses = [
        client.patch("/v1/setores/abc", json={"nome": "UTI"}, headers=admin),
        client.delete("/v1/setores/abc", headers=admin),
        client.patch(
            "/v1/setores/99999999999999999999", json={"nome": "UTI"}, headers=admin
        ),
        client.delete("/v1/setores/99999999999999999999", headers=admin),
    ]

    for response in responses:
        assert_envelope(response, 404, "HttpNotFoundError")


def test_a_list_answers_data_and_meta(client, admin):
    new_setor(client, admin)

    response = client.get("/v1/setores", headers=admin)

    body = response.get_json()
    assert set(body) == {"data", "meta"}
    assert body["meta"] == {"page": 1, "per_page": 20, "total": 1, "pages": 1}


def test_an_empty_list_has_zero_pages(client, admin):
    response = client.get("/v1/setores", headers=admin)

    assert response.get_json() == {
        "data": [],
        "meta": {"page": 1, "per_page": 20, "total": 0, "pages": 0},
    }


def test_a_page_past_the_end_is_empty(client, admin):
    new_setor(client, admin)

    response = client.get("/v1/setores?page=5", headers=admin)

    assert response.status_code == 200
    assert response.get_json()["data"] == []
    assert response.get_json()["meta"]["total"] == 1


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("page=0", "page"),
        ("page=-1", "page"),
        ("page=abc", "page"),
        ("per_page=0", "per_page"),
        ("per_page=101", "per_page"),
        ("per_page=1.5", "per_page"),
        ("page=999999999999999999", "page"),
    ],
)
def test_pagination_out_of_bounds_is_422_naming_the_parameter(
    client, admin, query, field
):
    response = client.get(f"/v1/setores?{query}", headers=admin)

    assert_invalid(response, field)


def test_per_page_of_100_is_the_largest_allowed(client, admin):
    response = client.get("/v1/setores?per_page=100", headers=admin)

    assert response.status_code == 200
    assert response.get_json()["meta"]["per_page"] == 100
