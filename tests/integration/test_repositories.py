"""The SQL repositories and column types, on the real test database."""

from datetime import UTC, date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError, OperationalError, StatementError

from src.domain.errors import RegistroDuplicado, RegistroEmUso
from src.domain.paging import PageRequest
from src.infra.db.models import SetorModel

pytestmark = pytest.mark.integration

SAO_PAULO = ZoneInfo("America/Sao_Paulo")
ALL = PageRequest(1, 100)


@pytest.fixture
def add(uow_factory):
    """Store a record in its own committed transaction."""

    def add(repository, **values):
        with uow_factory() as uow:
            created = getattr(uow, repository).add(values)
            uow.commit()
        return created

    return add


@pytest.fixture
def listed(uow_factory):
    """The records a filter finds, in a fresh transaction."""

    def listed(repository, page=ALL, **filters):
        with uow_factory() as uow:
            return getattr(uow, repository).list(filters, page)

    return listed


def names(page):
    return [item.nome for item in page.items]


def paciente(add, nome, **values):
    return add("pacientes", nome=nome, data_nascimento=date(1980, 5, 17), **values)


def setor(add, nome="UTI Adulto", valor_diaria=Decimal("1500.00"), **values):
    return add("setores", nome=nome, valor_diaria=valor_diaria, **values)


def medicamento(add, nome="Dipirona 500 mg", **values):
    return add("medicamentos", nome=nome, **values)


def test_a_nome_search_ignores_case_and_accents(add, listed):
    for nome in ("José da Silva", "Ana Lima", "JOSÉ SANTOS", "Maria da Conceição"):
        paciente(add, nome)
    paciente(add, "Joselito Alves")

    assert names(listed("pacientes", nome="jose")) == [
        "José da Silva",
        "JOSÉ SANTOS",
        "Joselito Alves",
    ]
    assert names(listed("pacientes", nome="JOSÉ S")) == ["JOSÉ SANTOS"]
    assert names(listed("pacientes", nome="conceicao")) == ["Maria da Conceição"]
    assert names(listed("pacientes", nome="CONCEIÇÃO")) == ["Maria da Conceição"]


@pytest.mark.parametrize(
    ("search", "found"),
    [
        ("100%", ["Saúde 100%"]),
        ("%", ["Saúde 100%"]),
        ("o_a", ["Plano_A"]),
        ("_", ["Plano_A"]),
        ("\\", ["Rede\\Sul"]),
    ],
)
def test_like_wildcards_in_the_search_text_are_literal(add, listed, search, found):
    for nome in ("Saúde 100%", "Saúde 1000", "Plano_A", "PlanoXA", "Rede\\Sul"):
        add("convenios", nome=nome)

    assert names(listed("convenios", nome=search)) == found


def test_a_page_holds_its_share_of_the_records_in_id_order_with_the_total(add, listed):
    for nome in ("Pediatria", "Cardiologia", "Neurologia", "Ortopedia", "Urologia"):
        add("especialidades", nome=nome)

    second = listed("especialidades", PageRequest(2, 2))
    last = listed("especialidades", PageRequest(3, 2))
    beyond = listed("especialidades", PageRequest(4, 2))

    assert names(second) == ["Neurologia", "Ortopedia"]
    assert names(last) == ["Urologia"]
    assert beyond.items == []
    assert (second.total, last.total, beyond.total, second.pages) == (5, 5, 5, 3)


def test_a_filtered_total_counts_only_the_matching_records(add, listed):
    for nome in ("Ana", "Ana Paula", "Bruna"):
        paciente(add, nome)

    found = listed("pacientes", PageRequest(1, 1), nome="ana")

    assert (names(found), found.total) == (["Ana"], 2)


def test_medicos_are_filtered_by_crm_and_especialidade(add, listed):
    cardio = add("especialidades", nome="Cardiologia")
    neuro = add("especialidades", nome="Neurologia")
    both = [cardio.id, neuro.id]
    add("medicos", nome="Lia", crm="1234", uf_crm="SP", especialidade_ids=both)
    add("medicos", nome="Rui", crm="5678", uf_crm="RJ", especialidade_ids=[neuro.id])

    assert names(listed("medicos", crm="5678")) == ["Rui"]
    assert names(listed("medicos", especialidade_id=cardio.id)) == ["Lia"]
    assert names(listed("medicos", especialidade_id=neuro.id)) == ["Lia", "Rui"]
    (lia,) = listed("medicos", nome="lia").items
    assert [(e.id, e.nome) for e in lia.especialidades] == [
        (cardio.id, "Cardiologia"),
        (neuro.id, "Neurologia"),
    ]


def test_an_update_replaces_the_especialidades_of_a_medico(uow_factory, add):
    cardio = add("especialidades", nome="Cardiologia")
    neuro = add("especialidades", nome="Neurologia")
    lia = add(
        "medicos", nome="Lia", crm="1234", uf_crm="SP", especialidade_ids=[cardio.id]
    )

    with uow_factory() as uow:
        updated = uow.medicos.update(lia.id, {"especialidade_ids": [neuro.id]})
        uow.commit()
    with uow_factory() as uow:
        stored = uow.medicos.get(lia.id)

    assert updated.especialidade_ids == stored.especialidade_ids == [neuro.id]


def test_convenios_are_filtered_by_ativo(add, listed):
    add("convenios", nome="Unimed")
    add("convenios", nome="Amil", ativo=False)

    assert names(listed("convenios", ativo=True)) == ["Unimed"]
    assert names(listed("convenios", ativo=False)) == ["Amil"]


def test_pacientes_are_filtered_by_cpf_and_convenio(add, listed):
    unimed = add("convenios", nome="Unimed")
    paciente(add, "Ana", cpf="52998224725", convenio_id=unimed.id)
    paciente(add, "Bia", cpf="11144477735")
    paciente(add, "Caio", convenio_id=unimed.id)

    assert names(listed("pacientes", cpf="11144477735")) == ["Bia"]
    assert names(listed("pacientes", convenio_id=unimed.id)) == ["Ana", "Caio"]


def test_enderecos_are_filtered_by_paciente_and_principal(add, listed):
    ana, bia = paciente(add, "Ana"), paciente(add, "Bia")
    rua = {"logradouro": "Rua A", "cidade": "São Paulo", "uf": "SP", "cep": "01310100"}
    add("enderecos", paciente_id=ana.id, numero="1", principal=True, **rua)
    add("enderecos", paciente_id=ana.id, numero="2", **rua)
    add("enderecos", paciente_id=bia.id, numero="3", principal=True, **rua)

    of_ana = listed("enderecos", paciente_id=ana.id)
    principal = listed("enderecos", paciente_id=ana.id, principal=True)

    assert [e.numero for e in of_ana.items] == ["1", "2"]
    assert [e.numero for e in principal.items] == ["1"]


def test_setores_are_filtered_by_tipo_and_count_their_leitos(add, listed):
    uti = setor(add, "UTI", tipo="uti")
    setor(add, "Enfermaria 2")
    add("leitos", setor_id=uti.id, codigo="1")
    add("leitos", setor_id=uti.id, codigo="2", status="manutencao")

    (found,) = listed("setores", tipo="uti").items

    assert (found.nome, found.total_leitos, found.leitos_livres) == ("UTI", 2, 1)
    assert names(listed("setores", tipo="enfermaria")) == ["Enfermaria 2"]


def test_leitos_are_filtered_by_setor_status_and_tipo(add, listed):
    uti, enfermaria = setor(add, "UTI"), setor(add, "Enfermaria")
    add("leitos", setor_id=uti.id, codigo="U1", tipo="uti")
    add("leitos", setor_id=uti.id, codigo="U2", tipo="uti", status="manutencao")
    add("leitos", setor_id=enfermaria.id, codigo="E1")

    def codigos(**filters):
        return [leito.codigo for leito in listed("leitos", **filters).items]

    assert codigos(setor_id=uti.id) == ["U1", "U2"]
    assert codigos(status="manutencao") == ["U2"]
    assert codigos(tipo="enfermaria") == ["E1"]
    assert codigos(setor_id=uti.id, status="livre") == ["U1"]


def test_medicamentos_are_filtered_by_being_below_their_minimum(add, listed):
    medicamento(add, "Abaixo", estoque_atual=2, estoque_minimo=5)
    medicamento(add, "No minimo", estoque_atual=5, estoque_minimo=5)
    medicamento(add, "Acima", estoque_atual=9, estoque_minimo=5)

    assert names(listed("medicamentos", abaixo_minimo=True)) == ["Abaixo"]
    assert names(listed("medicamentos", abaixo_minimo=False)) == ["No minimo", "Acima"]


def test_usuarios_are_filtered_by_papel_and_ativo(add, listed):
    def usuario(nome, papel, ativo=True):
        email = f"{nome.lower()}@hospital.test"
        add(
            "usuarios", nome=nome, email=email, papel=papel, ativo=ativo, senha_hash="x"
        )

    usuario("Ana", "medico")
    usuario("Bia", "medico", ativo=False)
    usuario("Caio", "gestor")

    assert names(listed("usuarios", papel="medico")) == ["Ana", "Bia"]
    assert names(listed("usuarios", ativo=False)) == ["Bia"]


def test_find_by_folds_nome_and_matches_every_criterion(uow_factory, add):
    cardio = add("especialidades", nome="Cardiologia Pediátrica")
    add("medicos", nome="Lia", crm="1234", uf_crm="SP", especialidade_ids=[cardio.id])

    with uow_factory() as uow:
        by_nome = uow.especialidades.find_by(nome="  CARDIOLOGIA   pediatrica")
        by_crm = uow.medicos.find_by(crm="1234", uf_crm="SP")
        other_uf = uow.medicos.find_by(crm="1234", uf_crm="RJ")

    assert by_nome == cardio
    assert by_crm is not None and by_crm.nome == "Lia"
    assert other_uf is None


def test_a_duplicate_the_use_case_missed_is_still_refused_by_the_database(
    uow_factory, add
):
    add("especialidades", nome="Cardiologia")
    neuro = add("especialidades", nome="Neurologia")

    with pytest.raises(RegistroDuplicado), uow_factory() as uow:
        uow.especialidades.update(neuro.id, {"nome": "CARDIOLOGIA"})

    with uow_factory() as uow:
        assert uow.especialidades.get(neuro.id).nome == "Neurologia"


@pytest.fixture
def referenced(uow_factory, add):
    """The id of one record of each repository that another record refers to."""
    cardio = add("especialidades", nome="Cardiologia")
    add("medicos", nome="Lia", crm="1234", uf_crm="SP", especialidade_ids=[cardio.id])
    uti = setor(add)
    add("leitos", setor_id=uti.id, codigo="1")
    unimed = add("convenios", nome="Unimed")
    paciente(add, "Ana", convenio_id=unimed.id)
    dipirona = medicamento(add, estoque_atual=1)
    rui = add(
        "usuarios", nome="Rui", email="rui@h.test", papel="farmacia", senha_hash="x"
    )
    with uow_factory() as uow:
        uow.medicamentos.add_movimentacao(
            {
                "medicamento_id": dipirona.id,
                "tipo": "entrada",
                "quantidade": 1,
                "motivo": None,
                "estoque_anterior": 0,
                "estoque_resultante": 1,
                "usuario_id": rui.id,
            }
        )
        uow.commit()
    return {
        "especialidades": cardio.id,
        "setores": uti.id,
        "convenios": unimed.id,
        "medicamentos": dipirona.id,
        "usuarios": rui.id,
    }


@pytest.mark.parametrize(
    "repository", ["especialidades", "setores", "convenios", "medicamentos", "usuarios"]
)
def test_deleting_a_referenced_record_raises_and_deletes_nothing(
    uow_factory, referenced, repository
):
    id = referenced[repository]

    with pytest.raises(RegistroEmUso), uow_factory() as uow:
        getattr(uow, repository).delete(id)
        uow.commit()

    with uow_factory() as uow:
        assert getattr(uow, repository).exists(id)


def test_deleting_a_paciente_deletes_its_enderecos(uow_factory, add, listed):
    ana = paciente(add, "Ana")
    rua = {"logradouro": "Rua A", "cidade": "São Paulo", "uf": "SP", "cep": "01310100"}
    add("enderecos", paciente_id=ana.id, numero="1", **rua)

    with uow_factory() as uow:
        uow.pacientes.delete(ana.id)
        uow.commit()

    assert listed("enderecos").total == 0


def test_deleting_a_medico_keeps_its_especialidades(uow_factory, add, listed):
    cardio = add("especialidades", nome="Cardiologia")
    lia = add(
        "medicos", nome="Lia", crm="1234", uf_crm="SP", especialidade_ids=[cardio.id]
    )

    with uow_factory() as uow:
        uow.medicos.delete(lia.id)
        uow.commit()

    assert names(listed("especialidades")) == ["Cardiologia"]
    assert listed("medicos").total == 0


def test_leaving_a_unit_of_work_without_commit_rolls_back(uow_factory, listed):
    with uow_factory() as uow:
        uow.especialidades.add({"nome": "Cardiologia"})

    assert listed("especialidades").total == 0


def stock(uow_factory, id):
    with uow_factory() as uow:
        return uow.medicamentos.get(id).estoque_atual


def test_set_stock_is_read_back_by_lock_stock(uow_factory, add):
    dipirona = medicamento(add, estoque_atual=10)

    with uow_factory() as uow:
        before = uow.medicamentos.lock_stock(dipirona.id)
        uow.medicamentos.set_stock(dipirona.id, 42)
        uow.commit()

    assert before == 10
    assert stock(uow_factory, dipirona.id) == 42


def test_the_database_refuses_a_negative_stock(uow_factory, add):
    dipirona = medicamento(add, estoque_atual=10)

    # SQLite reports the CHECK as an integrity error, MariaDB as error 4025.
    with uow_factory() as uow, pytest.raises((IntegrityError, OperationalError)):
        uow.medicamentos.set_stock(dipirona.id, -1)

    assert stock(uow_factory, dipirona.id) == 10


def test_an_aware_instant_comes_back_as_the_same_instant_in_utc(uow_factory, add):
    local = datetime(2026, 3, 1, 14, 30, 15, tzinfo=SAO_PAULO)
    created = add("especialidades", nome="Cardiologia", criado_em=local)

    with uow_factory() as uow:
        stored = uow.especialidades.get(created.id)

    assert stored.criado_em == local
    assert stored.criado_em.tzinfo is UTC
    assert stored.criado_em.hour == 17


def test_an_instant_is_kept_to_the_second(uow_factory, add):
    instant = datetime(2026, 3, 1, 17, 30, 15, 987_654, tzinfo=UTC)
    created = add("especialidades", nome="Cardiologia", criado_em=instant)

    with uow_factory() as uow:
        stored = uow.especialidades.get(created.id)

    assert stored.criado_em == instant.replace(microsecond=0)


def test_a_naive_datetime_is_refused(uow_factory):
    naive = datetime(2026, 3, 1, 14, 30)

    with pytest.raises(StatementError, match="naive datetime"), uow_factory() as uow:
        uow.especialidades.add({"nome": "Cardiologia", "criado_em": naive})


def test_money_comes_back_as_the_same_decimal(uow_factory, add):
    created = setor(add, "UTI", valor_diaria=Decimal("1234.50"))

    with uow_factory() as uow:
        stored = uow.setores.get(created.id)

    assert stored.valor_diaria == Decimal("1234.50")
    assert isinstance(stored.valor_diaria, Decimal)
    assert str(stored.valor_diaria) == "1234.50"


def test_a_sum_of_money_is_exact(uow_factory, add):
    add("setores", nome="A", valor_diaria=Decimal("0.10"))
    add("setores", nome="B", valor_diaria=Decimal("0.20"))

    with uow_factory() as uow:
        total = uow.session.scalar(select(func.sum(SetorModel.valor_diaria)))

    assert total == Decimal("0.30")
    assert isinstance(total, Decimal)
