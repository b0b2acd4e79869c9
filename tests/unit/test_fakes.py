"""The fakes must behave as the SQL repositories do, or use-case tests lie."""

import pytest

from src.domain.errors import RegistroDuplicado, RegistroEmUso
from src.domain.paging import PageRequest

pytestmark = pytest.mark.unit


def test_leaving_a_unit_of_work_without_commit_discards_its_changes(fake_db):
    with fake_db() as uow:
        uow.especialidades.add({"nome": "Cardiologia", "descricao": None})

    assert fake_db.all("especialidades") == []
    assert fake_db.last.committed is False


def test_a_commit_makes_the_changes_visible_to_the_next_unit_of_work(fake_db):
    with fake_db() as uow:
        created = uow.especialidades.add({"nome": "Cardiologia", "descricao": None})
        uow.commit()

    assert fake_db.get("especialidades", created.id) == created
    assert created.criado_em == fake_db.clock.now()


def test_nome_search_ignores_case_and_accents_and_lists_by_id(fake_db):
    for nome in ("José Silva", "Maria", "JOSÉ Souza", "Josefa"):
        fake_db.add("convenios", nome=nome, registro_ans=None)

    with fake_db() as uow:
        found = uow.convenios.list({"nome": "jose"}, PageRequest(1, 2))

    assert [c.nome for c in found.items] == ["José Silva", "JOSÉ Souza"]
    assert found.total == 3


def test_find_by_nome_folds_it_and_other_columns_must_be_equal(fake_db):
    fake_db.add("especialidades", nome="Cardiologia Pediátrica", descricao="x")

    with fake_db() as uow:
        by_nome = uow.especialidades.find_by(nome="CARDIOLOGIA pediatrica")
        by_other = uow.especialidades.find_by(descricao="X")

    assert by_nome is not None
    assert by_other is None


def test_a_unique_value_taken_by_another_row_is_refused(fake_db):
    fake_db.add("setores", nome="UTI", descricao=None, valor_diaria=1)

    with pytest.raises(RegistroDuplicado), fake_db() as uow:
        uow.setores.add({"nome": "uti", "descricao": None, "valor_diaria": 1})


def test_deleting_a_row_others_refer_to_raises_and_deletes_nothing(fake_db):
    setor = fake_db.add("setores", nome="UTI", descricao=None, valor_diaria=1)
    fake_db.add("leitos", setor_id=setor.id, codigo="1")

    with pytest.raises(RegistroEmUso), fake_db() as uow:
        uow.setores.delete(setor.id)

    assert fake_db.get("setores", setor.id).total_leitos == 1


def test_deleting_a_paciente_deletes_its_enderecos(fake_db):
    paciente = fake_db.add("pacientes", nome="Ana", data_nascimento=None)
    fake_db.add(
        "enderecos",
        paciente_id=paciente.id,
        logradouro="Rua A",
        numero="1",
        cidade="São Paulo",
        uf="SP",
        cep="01310100",
    )

    with fake_db() as uow:
        uow.pacientes.delete(paciente.id)
        uow.commit()

    assert fake_db.all("enderecos") == []
