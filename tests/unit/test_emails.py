"""The outbox and the account e-mail flows (RF16, NFR11), on fakes of the ports."""

import logging
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest

from src.data.usecases.contas import (
    ContaEmailService,
    TokenPolicy,
    hash_token,
    usuario_rules,
)
from src.data.usecases.emails import (
    CLAIM_TIMEOUT,
    Correio,
    EnviarEmailsPendentes,
    mask_email,
    retry_delay,
)
from src.data.usecases.registries import RegistryService
from src.domain.email import Attachment, StatusEmail
from src.domain.errors import DadosInvalidos, EmailNaoEnviado, RegistroDuplicado
from src.domain.events import EmailEnfileirado
from tests.unit.fakes import (
    FakeMailTemplates,
    FakePasswordHasher,
    SpySMTPService,
)

pytestmark = pytest.mark.unit

ANA = "ana.souza@hospital.test"
CONFIRM_URL = "https://api.hospital.test/v1/auth/confirmar"
RESET_URL = "https://app.hospital.test/redefinir-senha"


@pytest.fixture
def templates():
    return FakeMailTemplates()


@pytest.fixture
def smtp():
    return SpySMTPService()


@pytest.fixture
def correio(templates, fake_db):
    return Correio(templates, fake_db.clock)


@pytest.fixture
def enviar(fake_db, smtp):
    return EnviarEmailsPendentes(fake_db, smtp, fake_db.clock)


@pytest.fixture
def hasher():
    return FakePasswordHasher()


@pytest.fixture
def contas(fake_db, hasher, correio):
    policy = TokenPolicy(
        confirm_url=CONFIRM_URL,
        reset_url=RESET_URL,
        confirm_lifetime=timedelta(hours=24),
        reset_lifetime=timedelta(minutes=60),
    )
    return ContaEmailService(fake_db, hasher, correio, fake_db.clock, policy)


@pytest.fixture
def usuarios(fake_db, hasher, contas):
    return RegistryService(fake_db, usuario_rules(hasher, contas))


@pytest.fixture
def ana(usuarios):
    return usuarios.criar(
        {"nome": "Ana Souza", "email": ANA, "papel": "medico", "senha": "senha-ana-1"}
    )


def queue(fake_db, correio, to=ANA, template="boas_vindas", **context):
    with fake_db() as uow:
        queued = correio.enfileirar(uow, template, to, context)
        uow.commit()
    return queued


def token_in(context):
    """The token a rendered mail's link carries."""
    (token,) = parse_qs(urlsplit(context["link"]).query)["token"]
    return token


def last_token(templates, name=None):
    rendered = [c for n, c in templates.rendered if name in (None, n)]
    return token_in(rendered[-1])


# --- Queueing -------------------------------------------------------------


def test_a_queued_mail_waits_pending_and_due_at_once(fake_db, correio):
    queued = queue(fake_db, correio, nome="Ana")

    stored = fake_db.get("outbox", queued.id)
    assert stored.status == StatusEmail.PENDENTE
    assert stored.tentativas == 0
    assert stored.proxima_tentativa == fake_db.clock.now()
    assert stored.message.to == ANA
    assert stored.message.subject == "[boas_vindas]"
    assert stored.message.text == "nome=Ana"


def test_the_sender_is_told_of_a_queued_mail_only_once_it_commits(fake_db, correio):
    with fake_db() as uow:
        correio.enfileirar(uow, "boas_vindas", ANA, {})

    assert fake_db.all("outbox") == []
    assert fake_db.published == []

    queued = queue(fake_db, correio)

    assert fake_db.published == [EmailEnfileirado(queued.id)]


# --- Sending ----------------------------------------------------------------


def test_a_due_mail_is_sent_once_and_marked_sent(fake_db, correio, enviar, smtp):
    queued = queue(fake_db, correio, nome="Ana")

    first = enviar.executar()
    fake_db.clock.advance(minutes=30)
    second = enviar.executar()

    assert first.enviados == [queued.id]
    assert second.enviados == []
    assert [(m.to, m.subject, m.outbox_id) for m in smtp.sent] == [
        (ANA, "[boas_vindas]", queued.id)
    ]
    stored = fake_db.get("outbox", queued.id)
    assert (stored.status, stored.tentativas) == (StatusEmail.ENVIADO, 1)
    assert stored.enviado_em == fake_db.clock.now() - timedelta(minutes=30)


def test_attachments_reach_the_port_as_they_were_queued(fake_db, correio, enviar, smtp):
    pdf = Attachment("relatorio.pdf", "application/pdf", b"%PDF-1.7\n\x00\xff")
    with fake_db() as uow:
        correio.enfileirar(uow, "relatorio_diario", ANA, {}, [pdf])
        uow.commit()

    enviar.executar()

    assert smtp.sent[0].attachments == (pdf,)


def test_a_failed_mail_goes_back_to_pending_and_is_retried_5_seconds_later(
    fake_db, correio, enviar, smtp
):
    queued = queue(fake_db, correio)
    smtp.down = True

    failed = enviar.executar()

    stored = fake_db.get("outbox", queued.id)
    assert failed.falhas == [queued.id]
    assert stored.status == StatusEmail.PENDENTE
    assert stored.tentativas == 1
    assert stored.proxima_tentativa == fake_db.clock.now() + timedelta(seconds=5)
    assert stored.ultimo_erro == SpySMTPService.ERROR
    assert smtp.sent == []


def test_a_failed_mail_is_not_tried_again_before_it_is_due(
    fake_db, correio, enviar, smtp
):
    queue(fake_db, correio)
    smtp.failures = 1
    enviar.executar()

    fake_db.clock.advance(seconds=4)
    early = enviar.executar()
    fake_db.clock.advance(seconds=1)
    due = enviar.executar()

    assert (early.enviados, early.falhas) == ([], [])
    assert len(due.enviados) == 1
    assert len(smtp.sent) == 1


def test_each_failure_doubles_the_wait_up_to_one_minute(fake_db, correio, enviar, smtp):
    queued = queue(fake_db, correio)
    smtp.down = True
    waits = []

    for _ in range(7):
        enviar.executar()
        stored = fake_db.get("outbox", queued.id)
        wait = (stored.proxima_tentativa - fake_db.clock.now()).total_seconds()
        waits.append(wait)
        fake_db.clock.advance(seconds=wait)

    assert waits == [5, 10, 20, 40, 60, 60, 60]
    assert fake_db.get("outbox", queued.id).tentativas == 7


def test_the_retry_delay_is_capped_at_a_minute_however_many_attempts():
    assert retry_delay(1) == timedelta(seconds=5)
    assert retry_delay(4) == timedelta(seconds=40)
    assert retry_delay(5) == timedelta(seconds=60)
    assert retry_delay(10_000) == timedelta(seconds=60)


def test_a_mail_kept_after_failures_is_sent_exactly_once_when_the_server_is_back(
    fake_db, correio, enviar, smtp
):
    queued = queue(fake_db, correio)
    smtp.down = True
    enviar.executar()
    fake_db.clock.advance(seconds=5)
    enviar.executar()

    smtp.down = False
    fake_db.clock.advance(seconds=10)
    enviar.executar()
    fake_db.clock.advance(minutes=15)
    enviar.executar()

    assert [m.outbox_id for m in smtp.sent] == [queued.id]
    assert fake_db.get("outbox", queued.id).tentativas == 3


def test_a_mail_another_sender_has_claimed_is_left_to_it(
    fake_db, correio, enviar, smtp
):
    queued = queue(fake_db, correio)
    with fake_db() as uow:
        now = fake_db.clock.now()
        assert uow.outbox.claim(queued.id, now, now - CLAIM_TIMEOUT)
        uow.commit()

    fake_db.clock.advance(minutes=9)
    result = enviar.executar()

    assert (result.enviados, result.falhas) == ([], [])
    assert smtp.sent == []


def test_a_claim_older_than_ten_minutes_is_taken_again(fake_db, correio, enviar, smtp):
    queued = queue(fake_db, correio)
    with fake_db() as uow:
        now = fake_db.clock.now()
        uow.outbox.claim(queued.id, now, now - CLAIM_TIMEOUT)
        uow.commit()

    fake_db.clock.advance(minutes=10, seconds=1)
    result = enviar.executar()

    assert result.enviados == [queued.id]
    assert fake_db.get("outbox", queued.id).tentativas == 2


def test_an_unexpected_error_in_the_port_still_keeps_the_mail_queued(
    fake_db, correio, smtp
):
    class BrokenSMTP:
        def send(self, message):
            raise ValueError(f"cannot encode {message.to}")

    queued = queue(fake_db, correio)
    enviar = EnviarEmailsPendentes(fake_db, BrokenSMTP(), fake_db.clock)

    result = enviar.executar()

    stored = fake_db.get("outbox", queued.id)
    assert result.falhas == [queued.id]
    assert (stored.status, stored.ultimo_erro) == (StatusEmail.PENDENTE, "ValueError")


def test_the_error_kept_never_holds_the_recipients_address(fake_db, correio):
    class RefusingSMTP:
        def send(self, message):
            raise EmailNaoEnviado(f"550 <{message.to}> mailbox unavailable")

    queued = queue(fake_db, correio)

    EnviarEmailsPendentes(fake_db, RefusingSMTP(), fake_db.clock).executar()

    erro = fake_db.get("outbox", queued.id).ultimo_erro
    assert erro == "550 <a***@hospital.test> mailbox unavailable"


def test_each_attempt_is_logged_with_the_recipient_masked(
    fake_db, correio, enviar, smtp, caplog
):
    queued = queue(fake_db, correio, link="https://x/?token=segredo-123")
    smtp.failures = 1
    caplog.set_level(logging.INFO, logger="hospital.email")

    enviar.executar()
    fake_db.clock.advance(seconds=5)
    enviar.executar()

    lines = [
        (r.getMessage(), r.outbox_id, r.attempt, r.outcome, r.to)
        for r in caplog.records
    ]
    assert lines == [
        ("email_failed", queued.id, 1, "failed", "a***@hospital.test"),
        ("email_sent", queued.id, 2, "sent", "a***@hospital.test"),
    ]
    for record in caplog.records:
        assert ANA not in str(record.__dict__)
        assert "segredo-123" not in str(record.__dict__)


def test_an_address_is_masked_to_its_first_letter_and_domain():
    assert mask_email("joana@hospital.com") == "j***@hospital.com"
    assert mask_email("x@h.io") == "x***@h.io"
    assert mask_email("not-an-address") == "***"


# --- Account flows ----------------------------------------------------------


def test_a_new_user_is_mailed_a_welcome_with_a_confirmation_link(
    fake_db, ana, templates
):
    ((name, context),) = templates.rendered
    (mail,) = fake_db.all("outbox")

    assert name == "boas_vindas"
    assert mail.message.to == ANA
    assert context["nome"] == "Ana Souza"
    assert context["validade"] == "24 horas"
    assert context["link"].startswith(f"{CONFIRM_URL}?token=")
    assert ana.email_confirmado is False


def test_a_token_is_stored_only_as_its_hash(fake_db, ana, templates):
    token = last_token(templates)

    with fake_db() as uow:
        hashes = uow.tokens_conta.hashes()

    assert len(token) >= 43
    assert hashes == [hash_token(token)]
    assert token not in str(fake_db.store.rows["tokens_conta"])


def test_a_user_that_could_not_be_created_is_mailed_nothing(fake_db, usuarios, ana):
    with pytest.raises(RegistroDuplicado):
        usuarios.criar(
            {"nome": "Outra", "email": ANA, "papel": "gestor", "senha": "senha-xyz-1"}
        )

    assert len(fake_db.all("outbox")) == 1


def test_a_confirmation_token_confirms_the_address_once(contas, ana, templates):
    token = last_token(templates)

    confirmed = contas.confirmar(token)

    assert (confirmed.id, confirmed.email_confirmado) == (ana.id, True)
    with pytest.raises(DadosInvalidos) as again:
        contas.confirmar(token)
    assert again.value.errors[0].field == "token"
    assert again.value.errors[0].message == "has already been used"


def test_a_token_never_issued_is_refused(contas, ana):
    with pytest.raises(DadosInvalidos) as refused:
        contas.confirmar("nao-existe")

    assert (refused.value.errors[0].field, refused.value.errors[0].message) == (
        "token",
        "is not valid",
    )


def test_a_confirmation_token_expires_after_24_hours(fake_db, contas, ana, templates):
    token = last_token(templates)
    fake_db.clock.advance(hours=24)

    with pytest.raises(DadosInvalidos) as refused:
        contas.confirmar(token)

    assert refused.value.errors[0].message == "has expired"


def test_a_confirmation_token_works_until_just_before_it_expires(
    fake_db, contas, ana, templates
):
    token = last_token(templates)
    fake_db.clock.advance(hours=23, minutes=59, seconds=59)

    assert contas.confirmar(token).email_confirmado is True


def test_resending_voids_the_older_token_and_mails_a_fresh_one(
    fake_db, contas, ana, templates
):
    old = last_token(templates)

    contas.reenviar_token("ANA.SOUZA@hospital.test")

    new = last_token(templates, "reenvio_token")
    assert new != old
    with pytest.raises(DadosInvalidos) as refused:
        contas.confirmar(old)
    assert refused.value.errors[0].message == "was replaced by a newer one"
    assert contas.confirmar(new).email_confirmado is True


def test_resending_to_an_unknown_or_confirmed_address_mails_nothing(
    fake_db, contas, ana, templates
):
    contas.confirmar(last_token(templates))

    contas.reenviar_token("ninguem@hospital.test")
    contas.reenviar_token(ANA)

    assert [name for name, _ in templates.rendered] == ["boas_vindas"]
    assert len(fake_db.all("outbox")) == 1


def test_a_forgotten_password_mails_a_reset_link_valid_for_an_hour(
    fake_db, contas, ana, templates
):
    contas.esqueci_senha(ANA)

    name, context = templates.rendered[-1]
    mail = fake_db.all("outbox")[-1]
    assert name == "redefinicao_senha"
    assert mail.message.to == ANA
    assert context["link"].startswith(f"{RESET_URL}?token=")
    assert context["validade"] == "1 hora"


def test_a_forgotten_password_of_an_unknown_or_inactive_user_mails_nothing(
    fake_db, usuarios, contas, ana, templates
):
    usuarios.atualizar(ana.id, {"ativo": False})

    contas.esqueci_senha(ANA)
    contas.esqueci_senha("ninguem@hospital.test")

    assert [name for name, _ in templates.rendered] == ["boas_vindas"]


def test_a_reset_sets_the_password_and_ends_older_sessions(
    fake_db, contas, hasher, ana, templates
):
    contas.esqueci_senha(ANA)
    token = last_token(templates, "redefinicao_senha")

    changed = contas.redefinir_senha(token, "nova-senha-9")

    assert changed.versao_sessao == ana.versao_sessao + 1
    with fake_db() as uow:
        assert uow.usuarios.password_hash(ana.id) == hasher.hash("nova-senha-9")
    with pytest.raises(DadosInvalidos) as again:
        contas.redefinir_senha(token, "outra-senha-9")
    assert again.value.errors[0].message == "has already been used"


def test_a_reset_token_expires_after_60_minutes(fake_db, contas, ana, templates):
    contas.esqueci_senha(ANA)
    token = last_token(templates, "redefinicao_senha")
    fake_db.clock.advance(minutes=60)

    with pytest.raises(DadosInvalidos) as refused:
        contas.redefinir_senha(token, "nova-senha-9")

    assert refused.value.errors[0].message == "has expired"


def test_a_token_of_one_kind_does_not_work_for_the_other(contas, ana, templates):
    confirmation = last_token(templates)
    contas.esqueci_senha(ANA)
    reset = last_token(templates, "redefinicao_senha")

    with pytest.raises(DadosInvalidos):
        contas.redefinir_senha(confirmation, "nova-senha-9")
    with pytest.raises(DadosInvalidos):
        contas.confirmar(reset)


def test_a_changed_address_is_unconfirmed_and_mailed_a_token_of_its_own(
    fake_db, usuarios, contas, ana, templates
):
    contas.confirmar(last_token(templates))

    changed = usuarios.atualizar(ana.id, {"email": "Ana.Nova@hospital.test"})

    name, context = templates.rendered[-1]
    assert changed.email == "ana.nova@hospital.test"
    assert changed.email_confirmado is False
    assert name == "confirmacao"
    assert fake_db.all("outbox")[-1].message.to == "ana.nova@hospital.test"
    assert contas.confirmar(token_in(context)).email_confirmado is True


def test_a_patch_that_keeps_the_address_mails_nothing(usuarios, ana, templates):
    usuarios.atualizar(ana.id, {"nome": "Ana S.", "email": ANA})

    assert [name for name, _ in templates.rendered] == ["boas_vindas"]
