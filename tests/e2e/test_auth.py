from datetime import timedelta

import jwt
import pytest

from src.domain.enums import Papel
from tests.e2e.helpers import assert_envelope, assert_invalid

pytestmark = pytest.mark.e2e

LIFETIME = 3600  # token_lifetime of the test settings


def login(client, email, senha):
    return client.post("/v1/auth/login", json={"email": email, "senha": senha})


def bearer(response):
    return {"Authorization": f"Bearer {response.get_json()['data']['access_token']}"}


def test_login_answers_a_bearer_token_with_its_lifetime(client, make_user):
    user = make_user(Papel.MEDICO)

    response = login(client, user["email"], user["senha"])

    assert response.status_code == 200
    body = response.get_json()
    assert list(body) == ["data"]
    assert set(body["data"]) == {"access_token", "token_type", "expires_in"}
    assert body["data"]["token_type"] == "Bearer"
    assert body["data"]["expires_in"] == LIFETIME
    assert isinstance(body["data"]["access_token"], str)


def test_the_token_from_login_opens_the_api(client, make_user):
    user = make_user(Papel.MEDICO)

    token = login(client, user["email"], user["senha"])

    me = client.get("/v1/usuarios/me", headers=bearer(token))
    assert me.status_code == 200
    assert me.get_json()["data"]["id"] == user["id"]


def test_login_ignores_the_case_of_the_email(client, make_user):
    user = make_user(Papel.MEDICO, email="ana.lima@hospital.test")

    response = login(client, "Ana.Lima@HOSPITAL.test", user["senha"])

    assert response.status_code == 200


def test_wrong_password_and_unknown_email_get_the_same_401(client, make_user):
    user = make_user(Papel.MEDICO)

    wrong_password = login(client, user["email"], "not-the-password")
    unknown_email = login(client, "nobody@hospital.test", user["senha"])

    first = assert_envelope(wrong_password, 401, "HttpUnauthorizedError")
    second = assert_envelope(unknown_email, 401, "HttpUnauthorizedError")
    assert first == second


def test_an_inactive_user_cannot_log_in_and_is_told_nothing_more(client, make_user):
    user = make_user(Papel.MEDICO, ativo=False)

    response = login(client, user["email"], user["senha"])
    unknown = login(client, "nobody@hospital.test", "whatever-1")

    entries = assert_envelope(response, 401, "HttpUnauthorizedError")
    assert entries == unknown.get_json()["error"]


@pytest.mark.parametrize(
    ("payload", "fields"),
    [
        ({}, ["email", "senha"]),
        ({"email": "a@hospital.test"}, ["senha"]),
        ({"email": "", "senha": "x"}, ["email"]),
        ({"email": 1, "senha": "x"}, ["email"]),
        ({"email": "a@hospital.test", "senha": None}, ["senha"]),
    ],
)
def test_a_login_without_email_or_senha_is_422_naming_them(client, payload, fields):
    response = client.post("/v1/auth/login", json=payload)

    assert_invalid(response, *fields)


def test_a_token_is_valid_until_its_lifetime_ends(client, make_user, clock):
    user = make_user(Papel.MEDICO)
    token = bearer(login(client, user["email"], user["senha"]))

    clock.advance(seconds=LIFETIME - 1)

    assert client.get("/v1/usuarios/me", headers=token).status_code == 200


def test_an_expired_token_is_401(client, make_user, clock):
    user = make_user(Papel.MEDICO)
    token = bearer(login(client, user["email"], user["senha"]))

    clock.advance(seconds=LIFETIME + 1)

    response = client.get("/v1/usuarios/me", headers=token)
    assert_envelope(response, 401, "HttpUnauthorizedError")


@pytest.mark.parametrize(
    "authorization",
    [
        "Bearer not-a-token",
        "Bearer ",
        "Bearer",
        "bearer a.b.c",
        "Basic YWRtaW46c2VuaGE=",
        "Token eyJhbGciOiJIUzI1NiJ9.e30.x",
    ],
)
def test_a_malformed_authorization_is_401(client, authorization):
    response = client.get("/v1/usuarios/me", headers={"Authorization": authorization})

    assert_envelope(response, 401, "HttpUnauthorizedError")


def test_a_token_signed_with_another_key_is_401(client, make_user, clock):
    user = make_user(Papel.ADMIN)
    forged = jwt.encode(
        {
            "sub": str(user["id"]),
            "ver": 0,
            "exp": int((clock.now() + timedelta(hours=1)).timestamp()),
        },
        "another-secret-key-that-is-long-enough-for-hs256",
        algorithm="HS256",
    )

    response = client.get(
        "/v1/usuarios/me", headers={"Authorization": f"Bearer {forged}"}
    )

    assert_envelope(response, 401, "HttpUnauthorizedError")


def test_an_unsigned_token_is_401(client, make_user, clock):
    user = make_user(Papel.ADMIN)
    unsigned = jwt.encode(
        {
            "sub": str(user["id"]),
            "ver": 0,
            "exp": int((clock.now() + timedelta(hours=1)).timestamp()),
        },
        None,
        algorithm="none",
    )

    response = client.get(
        "/v1/usuarios/me", headers={"Authorization": f"Bearer {unsigned}"}
    )

    assert_envelope(response, 401, "HttpUnauthorizedError")


def test_the_token_of_a_deleted_user_is_401(client, admin, make_user):
    user = make_user(Papel.MEDICO)
    client.delete(f"/v1/usuarios/{user['id']}", headers=admin)

    response = client.get("/v1/usuarios/me", headers=user["headers"])

    assert_envelope(response, 401, "HttpUnauthorizedError")


def test_repeated_failed_logins_for_one_email_are_429(client, make_user):
    user = make_user(Papel.MEDICO)

    failures = [login(client, user["email"], f"wrong-{n}") for n in range(5)]
    blocked = login(client, user["email"], "wrong-again")

    assert [r.status_code for r in failures] == [401] * 5
    entries = assert_envelope(blocked, 429, "HttpTooManyRequestsError")
    assert entries[0]["field"] is None


def test_once_an_email_is_blocked_even_its_right_password_is_429(client, make_user):
    user = make_user(Papel.MEDICO)
    for n in range(5):
        login(client, user["email"], f"wrong-{n}")

    response = login(client, user["email"], user["senha"])

    assert_envelope(response, 429, "HttpTooManyRequestsError")


def test_the_email_limit_counts_the_email_whatever_its_case(client, make_user):
    make_user(Papel.MEDICO, email="ana.lima@hospital.test")
    for n in range(5):
        login(client, "ana.lima@hospital.test", f"wrong-{n}")

    response = login(client, "ANA.LIMA@hospital.test", "wrong-again")

    assert_envelope(response, 429, "HttpTooManyRequestsError")


def test_a_blocked_email_does_not_block_another_email(client, make_user):
    blocked = make_user(Papel.MEDICO)
    other = make_user(Papel.ENFERMAGEM)
    for n in range(6):
        login(client, blocked["email"], f"wrong-{n}")

    response = login(client, other["email"], other["senha"])

    assert response.status_code == 200


def test_successful_logins_do_not_count_towards_the_limit(client, make_user):
    user = make_user(Papel.MEDICO)

    statuses = [
        login(client, user["email"], user["senha"]).status_code for _ in range(8)
    ]

    assert statuses == [200] * 8


def test_repeated_failed_logins_from_one_address_are_429(client):
    # Four failures for each of five emails stay under the per-email limit
    # but reach the limit of 20 per address.
    failures = [
        login(client, f"user{n % 5}@hospital.test", "wrong-password") for n in range(20)
    ]

    blocked = login(client, "someone-new@hospital.test", "wrong-password")

    assert [r.status_code for r in failures] == [401] * 20
    assert_envelope(blocked, 429, "HttpTooManyRequestsError")
