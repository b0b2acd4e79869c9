"""The rules of each registry beyond the shared CRUD (API.md section 4)."""

from decimal import Decimal

import pytest

from src.data.usecases import cadastros
from src.data.usecases.registries import RegistryService
from src.domain.errors import LeitoOcupado, RegistroEmUso

pytestmark = pytest.mark.unit


@pytest.fixture
def enderecos(fake_db):
    return RegistryService(fake_db, cadastros.ENDERECOS)


@pytest.fixture
def leitos(fake_db):
    return RegistryService(fake_db, cadastros.LEITOS)


@pytest.fixture
def setor(fake_db):
    return fake_db.add(
        "setores", nome="UTI Adulto", descricao=None, valor_diaria=Decimal("1500.00")
    )


def add_paciente(fake_db, nome):
    return fake_db.add("pacientes", nome=nome, data_nascimento=None)


def endereco(numero, principal):
    return {
        "logradouro": "Rua Augusta",
        "numero": numero,
        "cidade": "São Paulo",
        "uf": "SP",
        "cep": "01310100",
        "principal": principal,
    }


def principais(fake_db, paciente_id):
    paciente = fake_db.get("pacientes", paciente_id)
    return [e.numero for e in paciente.enderecos if e.principal]


def test_a_new_principal_endereco_clears_the_patients_other_one(fake_db, enderecos):
    ana = add_paciente(fake_db, "Ana")
    enderecos.criar(endereco("1", True), parent_id=ana.id)

    enderecos.criar(endereco("2", True), parent_id=ana.id)

    assert principais(fake_db, ana.id) == ["2"]


def test_making_an_endereco_principal_on_update_clears_the_others(fake_db, enderecos):
    ana = add_paciente(fake_db, "Ana")
    enderecos.criar(endereco("1", True), parent_id=ana.id)
    second = enderecos.criar(endereco("2", False), parent_id=ana.id)

    enderecos.atualizar(second.id, {"principal": True}, parent_id=ana.id)

    assert principais(fake_db, ana.id) == ["2"]


def test_another_patients_principal_endereco_is_left_alone(fake_db, enderecos):
    ana, bia = add_paciente(fake_db, "Ana"), add_paciente(fake_db, "Bia")
    enderecos.criar(endereco("1", True), parent_id=bia.id)

    enderecos.criar(endereco("2", True), parent_id=ana.id)

    assert principais(fake_db, bia.id) == ["1"]


def test_a_non_principal_endereco_leaves_the_principal_one(fake_db, enderecos):
    ana = add_paciente(fake_db, "Ana")
    first = enderecos.criar(endereco("1", True), parent_id=ana.id)

    enderecos.criar(endereco("2", False), parent_id=ana.id)
    enderecos.atualizar(first.id, {"numero": "1A"}, parent_id=ana.id)

    assert principais(fake_db, ana.id) == ["1A"]


def test_updating_the_principal_endereco_as_principal_keeps_it(fake_db, enderecos):
    ana = add_paciente(fake_db, "Ana")
    first = enderecos.criar(endereco("1", True), parent_id=ana.id)

    enderecos.atualizar(first.id, {"principal": True}, parent_id=ana.id)

    assert principais(fake_db, ana.id) == ["1"]


def occupied(fake_db, setor):
    """Beds become occupied only through admissions, never through this registry."""
    return fake_db.add("leitos", setor_id=setor.id, codigo="101", status="ocupado")


@pytest.mark.parametrize("status", ["livre", "manutencao"])
def test_the_status_of_an_occupied_leito_cannot_change(fake_db, leitos, setor, status):
    leito = occupied(fake_db, setor)

    with pytest.raises(LeitoOcupado) as raised:
        leitos.atualizar(leito.id, {"status": status})

    assert raised.value.field == "status"
    assert fake_db.get("leitos", leito.id).status == "ocupado"


def test_an_occupied_leito_may_change_other_fields(fake_db, leitos, setor):
    leito = occupied(fake_db, setor)

    updated = leitos.atualizar(leito.id, {"codigo": "102", "status": "ocupado"})

    assert (updated.codigo, updated.status) == ("102", "ocupado")


def test_a_free_leito_may_go_to_maintenance(fake_db, leitos, setor):
    leito = leitos.criar({"setor_id": setor.id, "codigo": "101"})

    updated = leitos.atualizar(leito.id, {"status": "manutencao"})

    assert updated.status == "manutencao"
    assert fake_db.get("setores", setor.id).leitos_livres == 0


def test_an_occupied_leito_cannot_be_deleted(fake_db, leitos, setor):
    leito = occupied(fake_db, setor)

    with pytest.raises(LeitoOcupado):
        leitos.remover(leito.id)

    assert fake_db.get("leitos", leito.id) == leito


def test_a_setor_with_leitos_cannot_be_deleted(fake_db, leitos, setor):
    leitos.criar({"setor_id": setor.id, "codigo": "101"})
    setores = RegistryService(fake_db, cadastros.SETORES)

    with pytest.raises(RegistroEmUso):
        setores.remover(setor.id)

    assert fake_db.get("setores", setor.id).total_leitos == 1
