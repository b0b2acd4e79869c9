"""Mail through a real SMTP server on loopback (aiosmtpd) and the real outbox:
templates, attachments, login, a server that is down, and concurrent senders."""

import email
import os
import re
import socket
import threading
import time
from datetime import timedelta
from email.message import EmailMessage as MimeMessage
from email.policy import default as default_policy
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

from src.data.usecases.emails import Correio, EnviarEmailsPendentes
from src.domain.email import Attachment, EmailMessage, StatusEmail
from src.domain.errors import EmailNaoEnviado
from src.infra.email.smtp import SmtpConfig, SMTPEmailService
from src.infra.email.templates import JinjaMailTemplates
from src.main.app import container_of
from tests.conftest import make_settings

pytestmark = pytest.mark.integration

HOSPITAL = "Hospital Santa Clara"
SENDER = "nao-responda@santaclara.test"
PUBLIC_URL = "https://api.santaclara.test"
FRONTEND_URL = "https://app.santaclara.test"
TOKEN_LINK = re.compile(r"(https://[^\s\"<>]+\?token=([A-Za-z0-9_\-]+))")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class Collector:
    """aiosmtpd handler that keeps every envelope it accepts."""

    def __init__(self) -> None:
        self.envelopes: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"


class LoopbackSMTP:
    """A real SMTP server on 127.0.0.1 that a test may stop and start again
    on the same port."""

    def __init__(self, port: int, **options: Any) -> None:
        self.port = port
        self.handler = Collector()
        self._options = options
        self._controller: Controller | None = None

    def start(self) -> None:
        self._controller = Controller(
            self.handler, hostname="127.0.0.1", port=self.port, **self._options
        )
        self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    @property
    def envelopes(self) -> list[Any]:
        return self.handler.envelopes

    @property
    def messages(self) -> list[MimeMessage]:
        return [
            email.message_from_bytes(e.content, policy=default_policy)
            for e in self.envelopes
        ]

    def clear(self) -> None:
        self.envelopes.clear()


@pytest.fixture
def smtp_server():
    server = LoopbackSMTP(free_port())
    server.start()
    yield server
    server.stop()


@pytest.fixture
def settings(database_url, tmp_path, smtp_server):
    return make_settings(
        database_url,
        tmp_path,
        mail_server="127.0.0.1",
        mail_port=smtp_server.port,
        mail_use_tls=False,
        mail_timeout=5.0,
        mail_from=SENDER,
        mail_from_name=HOSPITAL,
        public_url=PUBLIC_URL,
        frontend_url=FRONTEND_URL,
    )


@pytest.fixture
def container(app):
    return container_of(app)


@pytest.fixture
def send(container):
    """Run the outbox once, as the sender loop does."""
    return container.enviar_emails.executar


def create_user(client, admin, email_address="bia.lima@santaclara.test"):
    response = client.post(
        "/v1/usuarios",
        json={
            "nome": "Bia Lima",
            "email": email_address,
            "papel": "enfermagem",
            "senha": "senha-bia-12",
        },
        headers=admin,
    )
    assert response.status_code == 201, response.get_data(as_text=True)
    return response.get_json()["data"]


def text_part(message: MimeMessage) -> str:
    part = message.get_body(preferencelist=("plain",))
    assert part is not None and part.get_content_type() == "text/plain"
    content: str = part.get_content()
    return content


def html_part(message: MimeMessage) -> str:
    part = message.get_body(preferencelist=("html",))
    assert part is not None
    content: str = part.get_content()
    return content


def link_in(message: MimeMessage) -> tuple[str, str]:
    """The token link of the mail's text part, and its token."""
    match = TOKEN_LINK.search(text_part(message))
    assert match, text_part(message)
    return match.group(1), match.group(2)


# --- Templates ----------------------------------------------------------------


def welcome(client, admin):
    create_user(client, admin)
    return "bia.lima@santaclara.test"


def changed_address(client, admin, smtp_server, send):
    user = create_user(client, admin)
    send()
    smtp_server.clear()
    client.patch(
        f"/v1/usuarios/{user['id']}",
        json={"email": "bia.nova@santaclara.test"},
        headers=admin,
    )
    return "bia.nova@santaclara.test"


def resent(client, admin, smtp_server, send):
    create_user(client, admin)
    send()
    smtp_server.clear()
    client.post("/v1/auth/reenviar-token", json={"email": "bia.lima@santaclara.test"})
    return "bia.lima@santaclara.test"


def forgotten(client, admin, smtp_server, send):
    create_user(client, admin)
    send()
    smtp_server.clear()
    client.post("/v1/auth/esqueci-senha", json={"email": "bia.lima@santaclara.test"})
    return "bia.lima@santaclara.test"


CONFIRM = f"{PUBLIC_URL}/v1/auth/confirmar"
RESET = f"{FRONTEND_URL}/redefinir-senha"


@pytest.mark.parametrize(
    ("trigger", "subject", "link_base", "spend"),
    [
        (
            "welcome",
            f"{HOSPITAL}: bem-vindo(a)! Confirme seu e-mail",
            CONFIRM,
            "confirmar",
        ),
        (
            "changed_address",
            f"{HOSPITAL}: confirme seu novo e-mail",
            CONFIRM,
            "confirmar",
        ),
        ("resent", f"{HOSPITAL}: novo link de confirmação", CONFIRM, "confirmar"),
        ("forgotten", f"{HOSPITAL}: redefinição de senha", RESET, "redefinir-senha"),
    ],
)
def test_each_account_mail_arrives_with_its_subject_recipient_link_and_text_part(
    client, admin, smtp_server, send, trigger, subject, link_base, spend
):
    triggers = {
        "welcome": lambda: welcome(client, admin),
        "changed_address": lambda: changed_address(client, admin, smtp_server, send),
        "resent": lambda: resent(client, admin, smtp_server, send),
        "forgotten": lambda: forgotten(client, admin, smtp_server, send),
    }
    recipient = triggers[trigger]()

    send()

    (envelope,) = smtp_server.envelopes
    (message,) = smtp_server.messages
    link, token = link_in(message)
    assert envelope.rcpt_tos == [recipient]
    assert envelope.mail_from == SENDER
    assert message["To"] == recipient
    assert message["From"] == f"{HOSPITAL} <{SENDER}>"
    assert message["Subject"] == subject
    assert message["Message-ID"].endswith("@santaclara.test>")
    assert link == f"{link_base}?token={token}"
    assert link in html_part(message)
    assert f"Equipe {HOSPITAL}" in text_part(message)
    body = {"token": token, "senha": "senha-nova-12"} if spend != "confirmar" else {}
    answer = client.post(f"/v1/auth/{spend}", json={"token": token, **body})
    assert answer.status_code == 200, answer.get_data(as_text=True)


def placeholder(container, clock, template, context, attachments=()):
    correio = Correio(JinjaMailTemplates(HOSPITAL), clock)
    with container.uow_factory() as uow:
        queued = correio.enfileirar(
            uow, template, "gestor@santaclara.test", context, attachments
        )
        uow.commit()
    return queued


def test_the_reminder_placeholder_arrives_with_its_subject_and_text_part(
    container, clock, smtp_server, send
):
    placeholder(
        container,
        clock,
        "lembrete_consulta",
        {"nome": "Carlos", "data_hora": "10/03/2026 14:30", "medico": "Dra. Helena"},
    )

    send()

    (message,) = smtp_server.messages
    assert message["Subject"] == f"{HOSPITAL}: lembrete de consulta"
    assert "10/03/2026 14:30" in text_part(message)
    assert "Dra. Helena" in html_part(message)


def test_the_daily_report_mail_carries_a_pdf_and_an_xlsx_intact(
    container, clock, smtp_server, send
):
    # Bigger than MySQL's 64 KiB BLOB, so a too-small column would cut it.
    pdf = b"%PDF-1.7\n" + os.urandom(300_000) + b"\n%%EOF\n"
    xlsx = b"PK\x03\x04" + os.urandom(120_000)
    xlsx_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    placeholder(
        container,
        clock,
        "relatorio_diario",
        {"nome": "Gestão", "data": "01/03/2026"},
        [
            Attachment("relatorio-2026-03-01.pdf", "application/pdf", pdf),
            Attachment("relatorio-2026-03-01.xlsx", xlsx_type, xlsx),
        ],
    )

    send()

    (message,) = smtp_server.messages
    received = [
        (a.get_filename(), a.get_content_type(), a.get_content())
        for a in message.iter_attachments()
    ]
    assert message["Subject"] == f"{HOSPITAL}: relatório diário de 01/03/2026"
    assert "01/03/2026" in text_part(message)
    assert received == [
        ("relatorio-2026-03-01.pdf", "application/pdf", pdf),
        ("relatorio-2026-03-01.xlsx", xlsx_type, xlsx),
    ]


# --- A server that is down ----------------------------------------------------


def test_with_the_server_down_a_user_is_still_created_and_mailed_once_it_is_back(
    client, admin, container, clock, smtp_server, send
):
    smtp_server.stop()

    user = create_user(client, admin)
    down = send()

    with container.uow_factory() as uow:
        kept = uow.outbox.get(down.falhas[0])
    assert client.get(f"/v1/usuarios/{user['id']}", headers=admin).status_code == 200
    assert (kept.status, kept.tentativas) == (StatusEmail.PENDENTE, 1)
    assert kept.ultimo_erro.startswith("ConnectionRefusedError")
    assert "bia.lima" not in kept.ultimo_erro
    assert smtp_server.envelopes == []

    smtp_server.start()
    clock.advance(seconds=5)
    back = send()
    clock.advance(minutes=1)
    later = send()

    assert back.enviados == down.falhas
    assert later.enviados == []
    assert [e.rcpt_tos for e in smtp_server.envelopes] == [["bia.lima@santaclara.test"]]


def test_nothing_listening_is_reported_as_a_mail_not_sent_without_the_address():
    service = SMTPEmailService(
        SmtpConfig(host="127.0.0.1", port=free_port(), use_tls=False, timeout=2)
    )

    with pytest.raises(EmailNaoEnviado) as raised:
        service.send(EmailMessage("ana@santaclara.test", "Olá", "texto"))

    assert raised.value.message.startswith("ConnectionRefusedError")
    assert "ana@" not in raised.value.message


# --- Login --------------------------------------------------------------------


def authenticator(server, session, envelope, mechanism, auth_data):
    ok = (auth_data.login, auth_data.password) == (b"hospital", b"senha-smtp")
    return AuthResult(success=ok)


@pytest.fixture
def auth_server():
    server = LoopbackSMTP(
        free_port(),
        authenticator=authenticator,
        auth_required=True,
        auth_require_tls=False,
    )
    server.start()
    yield server
    server.stop()


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_the_service_logs_in_when_credentials_are_set(auth_server):
    def service(password):
        return SMTPEmailService(
            SmtpConfig(
                host="127.0.0.1",
                port=auth_server.port,
                username="hospital",
                password=password,
                use_tls=False,
                # aiosmtpd stalls a refused login; the timeout ends it sooner.
                timeout=1,
                from_address=SENDER,
            )
        )

    service("senha-smtp").send(EmailMessage("ana@santaclara.test", "Olá", "texto"))
    with pytest.raises(EmailNaoEnviado) as refused:
        service("errada").send(EmailMessage("ana@santaclara.test", "Olá", "texto"))

    assert [e.rcpt_tos for e in auth_server.envelopes] == [["ana@santaclara.test"]]
    assert refused.value.message.startswith("SMTP")


# --- Senders ------------------------------------------------------------------


def test_the_sender_loop_sends_a_mail_right_after_the_commit_that_queued_it(
    client, admin, container, smtp_server
):
    container.mail_sender.start()
    try:
        # The first run finds an empty outbox; the commit below wakes the loop.
        time.sleep(0.2)
        create_user(client, admin)

        deadline = time.monotonic() + 4
        while not smtp_server.envelopes and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        container.mail_sender.stop()

    assert [e.rcpt_tos for e in smtp_server.envelopes] == [["bia.lima@santaclara.test"]]


def test_two_senders_running_at_once_send_each_mail_exactly_once(
    container, clock, smtp_server
):
    queued = [
        placeholder(container, clock, "relatorio_diario", {"nome": "G", "data": str(n)})
        for n in range(12)
    ]
    smtp = SMTPEmailService(
        SmtpConfig(host="127.0.0.1", port=smtp_server.port, use_tls=False)
    )
    senders = [EnviarEmailsPendentes(container.uow_factory, smtp, clock) for _ in "ab"]
    results: list[Any] = []

    threads = [
        threading.Thread(target=lambda s=s: results.append(s.executar()))
        for s in senders
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)

    sent = sorted(i for r in results for i in r.enviados)
    subjects = sorted(m["Subject"] for m in smtp_server.messages)
    assert sent == [q.id for q in queued]
    assert subjects == sorted(f"{HOSPITAL}: relatório diário de {n}" for n in range(12))


def test_a_claimed_mail_is_taken_again_after_ten_minutes(
    container, clock, smtp_server, send
):
    queued = placeholder(
        container, clock, "relatorio_diario", {"nome": "G", "data": "1"}
    )
    with container.uow_factory() as uow:
        now = clock.now()
        assert uow.outbox.claim(queued.id, now, now - timedelta(minutes=10))
        uow.commit()

    clock.advance(minutes=9, seconds=59)
    early = send()
    clock.advance(seconds=2)
    late = send()

    assert (early.enviados, late.enviados) == ([], [queued.id])
    assert len(smtp_server.envelopes) == 1
