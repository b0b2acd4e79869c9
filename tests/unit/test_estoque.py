"""Stock moves only through recorded movimentacoes (EstoqueService)."""

import pytest

from src.data.usecases.estoque import EstoqueService
from src.domain.enums import TipoMovimentacao
from src.domain.errors import EstoqueInsuficiente, RegistroNaoEncontrado
from src.domain.paging import PageRequest

pytestmark = pytest.mark.unit

ENTRADA, SAIDA, AJUSTE = TipoMovimentacao


@pytest.fixture
def estoque(fake_db):
    return EstoqueService(fake_db)


def add_medicamento(fake_db, estoque_atual=10):
    return fake_db.add(
        "medicamentos", nome="Dipirona 500 mg", estoque_atual=estoque_atual
    )


def stock_of(fake_db, medicamento):
    return fake_db.get("medicamentos", medicamento.id).estoque_atual


@pytest.mark.parametrize(
    ("tipo", "quantidade", "resultante"),
    [(ENTRADA, 5, 15), (SAIDA, 4, 6), (SAIDA, 10, 0), (AJUSTE, 3, 3), (AJUSTE, 25, 25)],
)
def test_a_movimentacao_sets_the_stock_and_records_before_and_after(
    fake_db, estoque, tipo, quantidade, resultante
):
    dipirona = add_medicamento(fake_db, estoque_atual=10)
    farmacia = fake_db.add("usuarios", nome="Rui", email="rui@h.test", papel="farmacia")

    movimentacao = estoque.movimentar(
        dipirona.id, tipo, quantidade, "inventário", farmacia.id
    )

    assert stock_of(fake_db, dipirona) == resultante
    assert (movimentacao.estoque_anterior, movimentacao.estoque_resultante) == (
        10,
        resultante,
    )
    assert (movimentacao.tipo, movimentacao.quantidade) == (tipo.value, quantidade)
    assert (movimentacao.motivo, movimentacao.usuario_id) == ("inventário", farmacia.id)
    assert movimentacao.criado_em == fake_db.clock.now()


def test_a_saida_beyond_the_stock_is_refused_and_nothing_changes(fake_db, estoque):
    dipirona = add_medicamento(fake_db, estoque_atual=3)

    with pytest.raises(EstoqueInsuficiente) as raised:
        estoque.movimentar(dipirona.id, SAIDA, 4, None, None)

    assert raised.value.field == "quantidade"
    assert stock_of(fake_db, dipirona) == 3
    assert estoque.listar(dipirona.id, PageRequest()).total == 0


def test_each_movimentacao_starts_from_the_stock_the_last_one_left(fake_db, estoque):
    dipirona = add_medicamento(fake_db, estoque_atual=0)

    estoque.movimentar(dipirona.id, ENTRADA, 10, "compra", None)
    estoque.movimentar(dipirona.id, SAIDA, 3, "dispensação", None)
    listed = estoque.listar(dipirona.id, PageRequest())

    assert [(m.estoque_anterior, m.estoque_resultante) for m in listed.items] == [
        (0, 10),
        (10, 7),
    ]


def test_a_movimentacao_of_a_missing_medicamento_is_not_found(estoque):
    with pytest.raises(RegistroNaoEncontrado):
        estoque.movimentar(999, ENTRADA, 1, None, None)


def test_a_movimentacao_is_found_only_under_its_own_medicamento(fake_db, estoque):
    dipirona, outro = add_medicamento(fake_db), add_medicamento(fake_db)
    movimentacao = estoque.movimentar(dipirona.id, ENTRADA, 1, None, None)

    with pytest.raises(RegistroNaoEncontrado):
        estoque.obter(outro.id, movimentacao.id)

    assert estoque.obter(dipirona.id, movimentacao.id) == movimentacao


def test_listing_the_movimentacoes_of_a_missing_medicamento_is_not_found(estoque):
    with pytest.raises(RegistroNaoEncontrado):
        estoque.listar(999, PageRequest())
