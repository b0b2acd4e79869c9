"""The one CRUD path every plain registry shares (RegistryService)."""

from decimal import Decimal

import pytest

from src.data.usecases import cadastros
from src.data.usecases.registries import RegistryRules, RegistryService
from src.domain.errors import (
    Conflito,
    DadosInvalidos,
    RegistroDuplicado,
    RegistroNaoEncontrado,
)
from src.domain.paging import PageRequest

pytestmark = pytest.mark.unit

PAGE = PageRequest(1, 20)


def endereco(**values):
    return {
        "logradouro": "Rua Augusta",
        "numero": "100",
        "cidade": "São Paulo",
        "uf": "SP",
        "cep": "01310100",
        "principal": False,
        **values,
    }


@pytest.fixture
def especialidades(fake_db):
    return RegistryService(fake_db, cadastros.ESPECIALIDADES)


@pytest.fixture
def enderecos(fake_db):
    return RegistryService(fake_db, cadastros.ENDERECOS)


def add_paciente(fake_db, nome="Ana Souza"):
    return fake_db.add("pacientes", nome=nome, data_nascimento=None)


def add_setor(fake_db, nome="UTI Adulto"):
    return fake_db.add(
        "setores", nome=nome, descricao=None, valor_diaria=Decimal("1500.00")
    )


def test_criar_stores_the_record_and_commits(fake_db, especialidades):
    created = especialidades.criar({"nome": "Cardiologia", "descricao": None})

    assert fake_db.last.committed is True
    assert fake_db.get("especialidades", created.id).nome == "Cardiologia"


def test_a_reference_to_a_missing_record_names_the_field_and_stores_nothing(
    fake_db,
):
    pacientes = RegistryService(fake_db, cadastros.PACIENTES)

    with pytest.raises(DadosInvalidos) as raised:
        pacientes.criar({"nome": "Ana", "data_nascimento": None, "convenio_id": 999})

    assert [e.field for e in raised.value.errors] == ["convenio_id"]
    assert "999" in raised.value.errors[0].message
    assert fake_db.all("pacientes") == []


def test_a_list_of_references_names_only_the_missing_ids(fake_db):
    cardio = fake_db.add("especialidades", nome="Cardiologia", descricao=None)
    medicos = RegistryService(fake_db, cadastros.MEDICOS)
    values = {
        "nome": "Dra. Lia",
        "crm": "12345",
        "uf_crm": "SP",
        "especialidade_ids": [cardio.id, 998, 999],
    }

    with pytest.raises(DadosInvalidos) as raised:
        medicos.criar(values)

    (error,) = raised.value.errors
    assert error.field == "especialidade_ids"
    assert error.message == "no such record: 998, 999"


def test_a_reference_to_a_missing_record_is_refused_on_update_too(fake_db):
    setor = add_setor(fake_db)
    leito = fake_db.add("leitos", setor_id=setor.id, codigo="101")
    leitos = RegistryService(fake_db, cadastros.LEITOS)

    with pytest.raises(DadosInvalidos) as raised:
        leitos.atualizar(leito.id, {"setor_id": setor.id + 1})

    assert raised.value.errors[0].field == "setor_id"
    assert fake_db.get("leitos", leito.id).setor_id == setor.id


def test_a_unique_name_taken_ignoring_case_and_accents_is_a_duplicate(
    fake_db, especialidades
):
    especialidades.criar({"nome": "Pneumologia Pediátrica", "descricao": None})

    with pytest.raises(RegistroDuplicado) as raised:
        especialidades.criar({"nome": "PNEUMOLOGIA PEDIATRICA", "descricao": None})

    assert raised.value.field == "nome"
    assert len(fake_db.all("especialidades")) == 1


def test_an_update_to_the_value_of_another_record_is_a_duplicate(
    fake_db, especialidades
):
    especialidades.criar({"nome": "Cardiologia", "descricao": None})
    neuro = especialidades.criar({"nome": "Neurologia", "descricao": None})

    with pytest.raises(RegistroDuplicado) as raised:
        especialidades.atualizar(neuro.id, {"nome": "cardiologia"})

    assert raised.value.field == "nome"
    assert fake_db.get("especialidades", neuro.id).nome == "Neurologia"


def test_an_update_that_keeps_the_records_own_unique_value_is_accepted(
    especialidades,
):
    cardio = especialidades.criar({"nome": "Cardiologia", "descricao": None})

    updated = especialidades.atualizar(
        cardio.id, {"nome": "CARDIOLOGIA", "descricao": "Coração"}
    )

    assert (updated.nome, updated.descricao) == ("CARDIOLOGIA", "Coração")


def test_a_composite_unique_rule_completes_the_update_with_current_values(
    fake_db,
):
    uti, enfermaria = add_setor(fake_db, "UTI"), add_setor(fake_db, "Enfermaria")
    leitos = RegistryService(fake_db, cadastros.LEITOS)
    leitos.criar({"setor_id": uti.id, "codigo": "101"})
    in_uti = leitos.criar({"setor_id": uti.id, "codigo": "102"})
    in_enfermaria = leitos.criar({"setor_id": enfermaria.id, "codigo": "102"})

    with pytest.raises(RegistroDuplicado) as raised:
        leitos.atualizar(in_uti.id, {"codigo": "101"})

    assert raised.value.field == "codigo"
    assert leitos.atualizar(in_enfermaria.id, {"codigo": "101"}).codigo == "101"


def test_a_null_unique_value_never_collides(fake_db):
    pacientes = RegistryService(fake_db, cadastros.PACIENTES)
    pacientes.criar({"nome": "Ana", "data_nascimento": None, "cpf": None})

    pacientes.criar({"nome": "Bia", "data_nascimento": None, "cpf": None})

    assert len(fake_db.all("pacientes")) == 2


def test_obter_of_a_missing_record_is_not_found(especialidades):
    with pytest.raises(RegistroNaoEncontrado) as raised:
        especialidades.obter(42)

    assert raised.value.message == "especialidade 42 not found"


def test_listar_passes_filters_and_page(fake_db, especialidades):
    for nome in ("Cardiologia", "Cirurgia Cardíaca", "Neurologia"):
        especialidades.criar({"nome": nome, "descricao": None})

    found = especialidades.listar({"nome": "cardi"}, PageRequest(1, 1))

    assert [e.nome for e in found.items] == ["Cardiologia"]
    assert (found.total, found.pages) == (2, 2)


def test_remover_deletes_the_record(fake_db, especialidades):
    cardio = especialidades.criar({"nome": "Cardiologia", "descricao": None})

    especialidades.remover(cardio.id)

    assert fake_db.get("especialidades", cardio.id) is None


def test_a_child_is_created_under_the_parent_in_the_path(fake_db, enderecos):
    paciente = add_paciente(fake_db)

    created = enderecos.criar(endereco(), parent_id=paciente.id)

    assert created.paciente_id == paciente.id
    assert fake_db.get("pacientes", paciente.id).enderecos == [created]


def test_a_child_under_a_missing_parent_is_not_found(fake_db, enderecos):
    with pytest.raises(RegistroNaoEncontrado):
        enderecos.criar(endereco(), parent_id=999)

    assert fake_db.all("enderecos") == []


@pytest.mark.parametrize(
    "call",
    [
        lambda service, id, parent: service.obter(id, parent),
        lambda service, id, parent: service.atualizar(id, {"numero": "2"}, parent),
        lambda service, id, parent: service.remover(id, parent),
    ],
    ids=["obter", "atualizar", "remover"],
)
def test_another_parents_child_is_not_found(fake_db, enderecos, call):
    ana, bia = add_paciente(fake_db, "Ana"), add_paciente(fake_db, "Bia")
    of_ana = enderecos.criar(endereco(numero="1"), parent_id=ana.id)

    with pytest.raises(RegistroNaoEncontrado):
        call(enderecos, of_ana.id, bia.id)

    assert fake_db.get("enderecos", of_ana.id) == of_ana


def test_listar_under_a_parent_shows_only_its_children(fake_db, enderecos):
    ana, bia = add_paciente(fake_db, "Ana"), add_paciente(fake_db, "Bia")
    of_ana = enderecos.criar(endereco(numero="1"), parent_id=ana.id)
    enderecos.criar(endereco(numero="2"), parent_id=bia.id)

    found = enderecos.listar({}, PAGE, parent_id=ana.id)

    assert found.items == [of_ana]
    assert found.total == 1


def test_before_write_sees_the_current_record_and_may_change_the_data(fake_db):
    seen = []

    def stamp(uow, data, current):
        seen.append(current.nome if current else None)
        data["descricao"] = f"escrita {len(seen)}"

    service = RegistryService(
        fake_db,
        RegistryRules(repository="especialidades", label="e", before_write=stamp),
    )

    created = service.criar({"nome": "Cardiologia"})
    updated = service.atualizar(created.id, {"nome": "Cardio"})

    assert seen == [None, "Cardiologia"]
    assert (created.descricao, updated.descricao) == ("escrita 1", "escrita 2")


def test_an_error_in_before_write_leaves_nothing_written(fake_db):
    def refuse(uow, data, current):
        uow.especialidades.add({"nome": "Escrita pelo hook"})
        raise Conflito("refused")

    service = RegistryService(
        fake_db,
        RegistryRules(repository="especialidades", label="e", before_write=refuse),
    )

    with pytest.raises(Conflito):
        service.criar({"nome": "Cardiologia"})

    assert fake_db.all("especialidades") == []


def test_an_error_in_before_delete_keeps_the_record(fake_db):
    def refuse(uow, current):
        raise Conflito(f"{current.nome} is protected")

    service = RegistryService(
        fake_db,
        RegistryRules(repository="especialidades", label="e", before_delete=refuse),
    )
    kept = fake_db.add("especialidades", nome="Clínica Geral", descricao=None)

    with pytest.raises(Conflito) as raised:
        service.remover(kept.id)

    assert raised.value.message == "Clínica Geral is protected"
    assert fake_db.get("especialidades", kept.id) == kept
