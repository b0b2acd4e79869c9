import pytest

pytestmark = pytest.mark.e2e


def test_create_returns_201_with_location_and_timestamps(client, admin):
    response = client.post(
        "/v1/especialidades", json={"nome": "Cardiologia"}, headers=admin
    )

    assert response.status_code == 201
    body = response.get_json()["data"]
    assert body["nome"] == "Cardiologia"
    assert response.headers["Location"] == f"/v1/especialidades/{body['id']}"
    assert body["criado_em"].endswith("-03:00")


def test_name_is_unique_ignoring_case(client, admin):
    client.post("/v1/especialidades", json={"nome": "Cardiologia"}, headers=admin)

    response = client.post(
        "/v1/especialidades", json={"nome": "CARDIOLOGIA"}, headers=admin
    )

    assert response.status_code == 409
    assert response.get_json()["error"][0]["title"] == "HttpConflictError"
