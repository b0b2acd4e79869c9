"""Logins, tokens and the first admin (API.md section 3)."""

import pytest

from src.data.usecases.contas import (
    BAD_CREDENTIALS,
    AuthService,
    garantir_admin,
    usuario_rules,
)
from src.data.usecases.registries import RegistryService
from src.domain.errors import NaoAutenticado
from tests.unit.fakes import FakeDatabase, FakePasswordHasher, FakeTokenService

pytestmark = pytest.mark.unit

SENHA = "senha-segura-1"


@pytest.fixture
def hasher():
    return FakePasswordHasher()


@pytest.fixture
def tokens():
    return FakeTokenService()


@pytest.fixture
def auth(fake_db, hasher, tokens):
    return AuthService(fake_db, hasher, tokens)


@pytest.fixture
def add_usuario(fake_db, hasher):
    def add(email="ana@hospital.test", ativo=True, papel="medico"):
        return fake_db.add(
            "usuarios",
            nome="Ana",
            email=email,
            papel=papel,
            ativo=ativo,
            senha_hash=hasher.hash(SENHA),
        )

    return add


def test_login_with_the_right_password_gives_a_token_of_that_user(auth, add_usuario):
    ana = add_usuario()

    token = auth.login("ana@hospital.test", SENHA)

    assert token.token_type == "Bearer"
    assert token.expires_in == FakeTokenService.lifetime
    assert auth.autenticar(token.access_token) == ana


def test_login_ignores_the_case_of_the_email(auth, add_usuario):
    ana = add_usuario()

    token = auth.login("Ana@Hospital.TEST", SENHA)

    assert auth.autenticar(token.access_token).id == ana.id


def test_a_wrong_password_and_an_unknown_email_give_the_same_error(auth, add_usuario):
    add_usuario()

    with pytest.raises(NaoAutenticado) as wrong_password:
        auth.login("ana@hospital.test", "senha-errada")
    with pytest.raises(NaoAutenticado) as unknown_email:
        auth.login("ninguem@hospital.test", SENHA)

    assert wrong_password.value.message == unknown_email.value.message
    assert wrong_password.value.message == BAD_CREDENTIALS


def test_an_inactive_user_cannot_log_in_even_with_the_right_password(auth, add_usuario):
    add_usuario(ativo=False)

    with pytest.raises(NaoAutenticado) as raised:
        auth.login("ana@hospital.test", SENHA)

    assert raised.value.message == BAD_CREDENTIALS


def test_the_token_of_a_user_deactivated_since_is_refused(fake_db, auth, add_usuario):
    ana = add_usuario()
    token = auth.login("ana@hospital.test", SENHA)
    with fake_db() as uow:
        uow.usuarios.update(ana.id, {"ativo": False})
        uow.commit()

    with pytest.raises(NaoAutenticado):
        auth.autenticar(token.access_token)


def test_a_token_of_an_older_session_version_is_refused(
    fake_db, auth, hasher, add_usuario
):
    ana = add_usuario()
    old = auth.login("ana@hospital.test", SENHA)
    with fake_db() as uow:
        uow.usuarios.set_password(ana.id, hasher.hash("outra-senha-1"))
        uow.commit()

    with pytest.raises(NaoAutenticado):
        auth.autenticar(old.access_token)

    new = auth.login("ana@hospital.test", "outra-senha-1")
    assert auth.autenticar(new.access_token).id == ana.id


def test_a_token_of_a_deleted_user_is_refused(fake_db, auth, add_usuario):
    ana = add_usuario()
    token = auth.login("ana@hospital.test", SENHA)
    with fake_db() as uow:
        uow.usuarios.delete(ana.id)
        uow.commit()

    with pytest.raises(NaoAutenticado):
        auth.autenticar(token.access_token)


def test_the_first_admin_is_created_with_a_generated_password(fake_db, hasher):
    created = garantir_admin(fake_db, hasher, None, None)

    (admin,) = fake_db.all("usuarios")
    assert created is not None and created.senha
    assert (created.email, admin.email) == ("admin@hospital.local",) * 2
    assert (admin.papel, admin.ativo, admin.email_confirmado) == ("admin", True, True)
    with fake_db() as uow:
        assert hasher.verify(uow.usuarios.password_hash(admin.id), created.senha)


def test_the_first_admin_takes_the_configured_email_and_password(fake_db, hasher):
    created = garantir_admin(fake_db, hasher, "Chefe@Hospital.test", "senha-do-chefe")

    (admin,) = fake_db.all("usuarios")
    assert created is not None
    assert created.senha is None
    assert admin.email == "chefe@hospital.test"
    with fake_db() as uow:
        assert hasher.verify(uow.usuarios.password_hash(admin.id), "senha-do-chefe")


def test_two_generated_admin_passwords_differ(hasher):
    first = garantir_admin(FakeDatabase(), hasher, None, None)
    second = garantir_admin(FakeDatabase(), hasher, None, None)

    assert first.senha != second.senha


def test_no_admin_is_created_when_any_user_exists(fake_db, hasher, add_usuario):
    add_usuario(papel="recepcao")

    created = garantir_admin(fake_db, hasher, "chefe@hospital.test", "senha-do-chefe")

    assert created is None
    assert [u.papel for u in fake_db.all("usuarios")] == ["recepcao"]


def test_a_usuario_is_stored_with_its_password_hashed_and_email_lowered(
    fake_db, hasher
):
    usuarios = RegistryService(fake_db, usuario_rules(hasher))

    created = usuarios.criar(
        {"nome": "Bia", "email": "Bia@Hospital.test", "papel": "gestor", "senha": SENHA}
    )

    assert created.email == "bia@hospital.test"
    with fake_db() as uow:
        assert uow.usuarios.password_hash(created.id) == hasher.hash(SENHA)
