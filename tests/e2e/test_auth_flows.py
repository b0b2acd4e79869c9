"""The e-mail flows of API.md section 3.1 over HTTP, with the embedded default:
no MAIL_SERVER, so every mail is an ``.eml`` file in the outbox directory,
and every token a test uses is read from one."""

import email
import re
from email.policy import default as default_policy
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from src.main.app import container_of
from tests.conftest import make_settings
from tests.e2e.helpers import assert_envelope, assert_invalid

pytestmark = pytest.mark.e2e

BIA = "bia.lima@hospital.test"
TOKEN_LINK = re.compile(rb"(https?://[^\s\"<>]+\?token=([A-Za-z0-9_\-]+))")
ACCEPTED = {"data": {"status": "accepted"}}


@pytest.fixture
def settings_overrides():
    """What a test changes in the settings, by parametrizing this fixture."""
    return {}


@pytest.fixture
def settings(database_url, tmp_path, settings_overrides):
    return make_settings(database_url, tmp_path, **settings_overrides)


@pytest.fixture
def outbox(settings) -> Path:
    return settings.outbox_dir


@pytest.fixture
def send(app):
    """Run the outbox once, as the sender loop does after each commit."""
    return container_of(app).enviar_emails.executar


def eml_files(outbox: Path) -> list[Path]:
    if not outbox.exists():
        return []
    return sorted(outbox.glob("*.eml"), key=lambda p: int(p.stem))


def last_link(outbox: Path) -> tuple[str, str]:
    """The link and token of the newest ``.eml``, read from the raw file as a
    person opening it would."""
    raw = eml_files(outbox)[-1].read_bytes()
    match = TOKEN_LINK.search(raw)
    assert match, raw.decode(errors="replace")
    return match.group(1).decode(), match.group(2).decode()


def create_bia(client, admin):
    response = client.post(
        "/v1/usuarios",
        json={
            "nome": "Bia Lima",
            "email": BIA,
            "papel": "medico",
            "senha": "senha-bia-1",
        },
        headers=admin,
    )
    assert response.status_code == 201, response.get_data(as_text=True)
    return response.get_json()["data"]


def confirmar(client, token):
    return client.post("/v1/auth/confirmar", json={"token": token})


def login(client, email_address, senha):
    return client.post("/v1/auth/login", json={"email": email_address, "senha": senha})


# --- Welcome and confirmation -------------------------------------------------


def test_creating_a_user_leaves_a_readable_eml_whose_link_confirms_the_account(
    client, admin, send, outbox
):
    bia = create_bia(client, admin)

    sent = send()

    (eml,) = eml_files(outbox)
    message = email.message_from_bytes(eml.read_bytes(), policy=default_policy)
    link, _ = last_link(outbox)
    url = urlsplit(link)
    assert [eml.name] == [f"{id}.eml" for id in sent.enviados]
    assert message["To"] == BIA
    assert message["Subject"] == "Hospital: bem-vindo(a)! Confirme seu e-mail"
    assert link in message.get_body(preferencelist=("plain",)).get_content()
    assert f"{url.scheme}://{url.netloc}" == "http://127.0.0.1:0"
    assert url.path == "/v1/auth/confirmar"

    followed = client.get(f"{url.path}?{url.query}")

    assert followed.status_code == 200, followed.get_data(as_text=True)
    assert followed.get_json()["data"]["id"] == bia["id"]
    assert followed.get_json()["data"]["email_confirmado"] is True
    me = client.get(f"/v1/usuarios/{bia['id']}", headers=admin).get_json()["data"]
    assert me["email_confirmado"] is True
    assert_invalid(client.get(f"{url.path}?{url.query}"), "token")


def test_a_new_user_can_log_in_before_confirming(client, admin):
    create_bia(client, admin)

    response = login(client, BIA, "senha-bia-1")

    assert response.status_code == 200


def test_a_confirmation_token_works_once(client, admin, send, outbox):
    bia = create_bia(client, admin)
    send()
    _, token = last_link(outbox)

    first = confirmar(client, token)
    second = confirmar(client, token)

    data = first.get_json()["data"]
    assert first.status_code == 200
    assert (data["id"], data["email"], data["email_confirmado"]) == (
        bia["id"],
        BIA,
        True,
    )
    assert "senha" not in data and "senha_hash" not in data
    assert_invalid(second, "token")
    assert second.get_json()["error"][0]["message"] == "token: has already been used"


def test_a_token_that_was_never_issued_is_refused(client):
    response = confirmar(client, "x" * 43)

    assert_invalid(response, "token")
    assert response.get_json()["error"][0]["message"] == "token: is not valid"


def test_an_expired_confirmation_token_is_refused(client, admin, clock, send, outbox):
    create_bia(client, admin)
    send()
    _, token = last_link(outbox)
    clock.advance(hours=24)

    response = confirmar(client, token)

    assert_invalid(response, "token")
    assert response.get_json()["error"][0]["message"] == "token: has expired"


def test_confirmar_requires_a_token_and_refuses_unknown_fields(client):
    assert_invalid(client.post("/v1/auth/confirmar", json={}), "token")
    assert_invalid(client.get("/v1/auth/confirmar"), "token")
    assert_invalid(confirmar(client, ""), "token")
    assert_invalid(
        client.post("/v1/auth/confirmar", json={"token": "abc", "extra": 1}), "extra"
    )


# --- Resending ----------------------------------------------------------------


def test_resending_voids_the_old_token_and_mails_one_that_works(
    client, admin, send, outbox
):
    create_bia(client, admin)
    send()
    _, old = last_link(outbox)

    response = client.post("/v1/auth/reenviar-token", json={"email": BIA.upper()})
    send()
    _, new = last_link(outbox)

    assert (response.status_code, response.get_json()) == (202, ACCEPTED)
    assert len(eml_files(outbox)) == 2
    assert new != old
    replaced = confirmar(client, old)
    assert_invalid(replaced, "token")
    assert replaced.get_json()["error"][0]["message"] == (
        "token: was replaced by a newer one"
    )
    assert confirmar(client, new).status_code == 200


def test_resending_to_an_unknown_or_confirmed_address_answers_202_and_mails_nothing(
    client, admin, make_user, send, outbox
):
    confirmed = make_user("gestor")

    unknown = client.post(
        "/v1/auth/reenviar-token", json={"email": "ninguem@hospital.test"}
    )
    known = client.post("/v1/auth/reenviar-token", json={"email": confirmed["email"]})
    send()

    assert (unknown.status_code, unknown.get_json()) == (202, ACCEPTED)
    assert (known.status_code, known.get_json()) == (202, ACCEPTED)
    assert eml_files(outbox) == []


def test_resending_requires_a_valid_email(client):
    assert_invalid(client.post("/v1/auth/reenviar-token", json={}), "email")
    assert_invalid(
        client.post("/v1/auth/reenviar-token", json={"email": "nao-e-email"}), "email"
    )


# --- Forgotten password -------------------------------------------------------


def test_a_forgotten_password_of_an_unknown_address_answers_202_and_mails_nothing(
    client, send, outbox
):
    response = client.post(
        "/v1/auth/esqueci-senha", json={"email": "ninguem@hospital.test"}
    )
    result = send()

    assert (response.status_code, response.get_json()) == (202, ACCEPTED)
    assert result.enviados == []
    assert eml_files(outbox) == []


def test_a_forgotten_password_of_an_inactive_user_mails_nothing(
    client, make_user, send, outbox
):
    inactive = make_user("medico", ativo=False)

    response = client.post("/v1/auth/esqueci-senha", json={"email": inactive["email"]})
    send()

    assert response.status_code == 202
    assert eml_files(outbox) == []


def test_a_reset_changes_the_password_and_older_access_tokens_answer_401(
    client, make_user, send, outbox
):
    ana = make_user("medico", senha="senha-antiga-1")
    before = login(client, ana["email"], "senha-antiga-1").get_json()["data"]
    old_headers = {"Authorization": f"Bearer {before['access_token']}"}
    assert client.get("/v1/usuarios/me", headers=old_headers).status_code == 200

    asked = client.post("/v1/auth/esqueci-senha", json={"email": ana["email"]})
    send()
    link, token = last_link(outbox)
    reset = client.post(
        "/v1/auth/redefinir-senha", json={"token": token, "senha": "senha-nova-12"}
    )

    assert asked.status_code == 202
    assert link == f"http://127.0.0.1:0/redefinir-senha?token={token}"
    assert reset.status_code == 200, reset.get_data(as_text=True)
    assert reset.get_json()["data"]["id"] == ana["id"]
    assert_envelope(
        client.get("/v1/usuarios/me", headers=old_headers),
        401,
        "HttpUnauthorizedError",
    )
    assert_envelope(
        login(client, ana["email"], "senha-antiga-1"), 401, "HttpUnauthorizedError"
    )
    fresh = login(client, ana["email"], "senha-nova-12")
    assert fresh.status_code == 200
    new_headers = {
        "Authorization": f"Bearer {fresh.get_json()['data']['access_token']}"
    }
    assert client.get("/v1/usuarios/me", headers=new_headers).status_code == 200


def test_a_reset_token_works_once(client, make_user, send, outbox):
    ana = make_user("medico")
    client.post("/v1/auth/esqueci-senha", json={"email": ana["email"]})
    send()
    _, token = last_link(outbox)

    first = client.post(
        "/v1/auth/redefinir-senha", json={"token": token, "senha": "senha-nova-12"}
    )
    second = client.post(
        "/v1/auth/redefinir-senha", json={"token": token, "senha": "outra-senha-12"}
    )

    assert first.status_code == 200
    assert_invalid(second, "token")
    assert login(client, ana["email"], "senha-nova-12").status_code == 200


def test_a_reset_token_expires_after_an_hour(client, make_user, clock, send, outbox):
    ana = make_user("medico")
    client.post("/v1/auth/esqueci-senha", json={"email": ana["email"]})
    send()
    _, token = last_link(outbox)
    clock.advance(minutes=60)

    response = client.post(
        "/v1/auth/redefinir-senha", json={"token": token, "senha": "senha-nova-12"}
    )

    assert_invalid(response, "token")
    assert response.get_json()["error"][0]["message"] == "token: has expired"


def test_asking_twice_voids_the_first_reset_token(client, make_user, send, outbox):
    ana = make_user("medico")
    client.post("/v1/auth/esqueci-senha", json={"email": ana["email"]})
    send()
    _, first = last_link(outbox)
    client.post("/v1/auth/esqueci-senha", json={"email": ana["email"]})
    send()
    _, second = last_link(outbox)

    replaced = client.post(
        "/v1/auth/redefinir-senha", json={"token": first, "senha": "senha-nova-12"}
    )

    assert_invalid(replaced, "token")
    assert (
        client.post(
            "/v1/auth/redefinir-senha", json={"token": second, "senha": "senha-nova-12"}
        ).status_code
        == 200
    )


def test_a_confirmation_token_cannot_reset_a_password(client, admin, send, outbox):
    create_bia(client, admin)
    send()
    _, token = last_link(outbox)

    response = client.post(
        "/v1/auth/redefinir-senha", json={"token": token, "senha": "senha-nova-12"}
    )

    assert_invalid(response, "token")
    assert login(client, BIA, "senha-bia-1").status_code == 200


def test_a_new_password_needs_at_least_8_characters(client, make_user, send, outbox):
    ana = make_user("medico")
    client.post("/v1/auth/esqueci-senha", json={"email": ana["email"]})
    send()
    _, token = last_link(outbox)

    response = client.post(
        "/v1/auth/redefinir-senha", json={"token": token, "senha": "curta"}
    )

    assert_invalid(response, "senha")
    assert (
        client.post(
            "/v1/auth/redefinir-senha", json={"token": token, "senha": "senha-nova-12"}
        ).status_code
        == 200
    )


# --- Address changes, links, limits -------------------------------------------


def test_changing_a_users_email_unconfirms_it_and_mails_the_new_address(
    client, admin, make_user, send, outbox
):
    ana = make_user("medico")

    changed = client.patch(
        f"/v1/usuarios/{ana['id']}",
        json={"email": "ana.nova@hospital.test"},
        headers=admin,
    )
    send()
    (eml,) = eml_files(outbox)
    message = email.message_from_bytes(eml.read_bytes(), policy=default_policy)
    _, token = last_link(outbox)

    assert changed.get_json()["data"]["email_confirmado"] is False
    assert message["To"] == "ana.nova@hospital.test"
    assert message["Subject"] == "Hospital: confirme seu novo e-mail"
    assert confirmar(client, token).get_json()["data"]["email_confirmado"] is True


@pytest.mark.parametrize(
    "settings_overrides",
    [
        {
            "public_url": "https://api.hospital.test/",
            "frontend_url": "https://app.hospital.test",
            "mail_from_name": "Hospital Santa Clara",
            "confirm_token_hours": 2,
            "reset_token_minutes": 15,
        }
    ],
)
def test_links_lifetimes_and_signature_follow_the_configuration(
    client, admin, clock, send, outbox
):
    create_bia(client, admin)
    client.post("/v1/auth/esqueci-senha", json={"email": BIA})
    send()
    confirm_file, reset_file = (p.read_text() for p in eml_files(outbox))
    confirm_link = TOKEN_LINK.search(confirm_file.encode()).group(1).decode()
    _, reset_token = last_link(outbox)
    clock.advance(minutes=15)

    late_reset = client.post(
        "/v1/auth/redefinir-senha", json={"token": reset_token, "senha": "senha-12345"}
    )

    assert confirm_link.startswith("https://api.hospital.test/v1/auth/confirmar?token=")
    assert "https://app.hospital.test/redefinir-senha?token=" in reset_file
    assert "Subject: Hospital Santa Clara: bem-vindo(a)! Confirme seu e-mail" in (
        confirm_file
    )
    assert "vale por 2 horas" in confirm_file
    assert "vale por 15 minutos" in reset_file
    assert "Equipe Hospital Santa Clara" in reset_file
    assert_invalid(late_reset, "token")


@pytest.mark.parametrize("settings_overrides", [{"auth_flow_limit": "2 per minute"}])
def test_the_public_flows_are_rate_limited_per_client_address(client):
    answers = [
        client.post("/v1/auth/esqueci-senha", json={"email": f"x{n}@hospital.test"})
        for n in range(3)
    ]
    confirms = [confirmar(client, "x" * 43) for _ in range(3)]

    assert [a.status_code for a in answers] == [202, 202, 429]
    assert [c.status_code for c in confirms] == [422, 422, 429]
    assert_envelope(answers[-1], 429, "HttpTooManyRequestsError")


@pytest.mark.parametrize("settings_overrides", [{"auth_flow_limit": "2 per minute"}])
def test_mail_to_one_address_is_rate_limited_from_any_client_address(client):
    answers = [
        client.post(
            "/v1/auth/reenviar-token",
            json={"email": BIA},
            environ_base={"REMOTE_ADDR": f"10.0.0.{n}"},
        )
        for n in range(3)
    ]

    assert [a.status_code for a in answers] == [202, 202, 429]
