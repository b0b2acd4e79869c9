"""Stock of medicamentos: it moves only through recorded movimentacoes."""

from src.data.interfaces import UnitOfWork, UnitOfWorkFactory
from src.domain.entities import Movimentacao
from src.domain.enums import TipoMovimentacao
from src.domain.errors import EstoqueInsuficiente, RegistroNaoEncontrado
from src.domain.paging import Page, PageRequest


class EstoqueService:
    def __init__(self, uow_factory: UnitOfWorkFactory) -> None:
        self._uow_factory = uow_factory

    def movimentar(
        self,
        medicamento_id: int,
        tipo: TipoMovimentacao,
        quantidade: int,
        motivo: str | None,
        usuario_id: int | None,
    ) -> Movimentacao:
        with self._uow_factory() as uow:
            self._require(uow, medicamento_id)
            movimentacao = registrar_movimentacao(
                uow, medicamento_id, tipo, quantidade, motivo, usuario_id
            )
            uow.commit()
            return movimentacao

    def listar(self, medicamento_id: int, page: PageRequest) -> Page[Movimentacao]:
        with self._uow_factory() as uow:
            self._require(uow, medicamento_id)
            return uow.medicamentos.list_movimentacoes(medicamento_id, page)

    def obter(self, medicamento_id: int, movimentacao_id: int) -> Movimentacao:
        with self._uow_factory() as uow:
            self._require(uow, medicamento_id)
            found = uow.medicamentos.get_movimentacao(medicamento_id, movimentacao_id)
            if found is None:
                raise RegistroNaoEncontrado(f"movimentacao {movimentacao_id} not found")
            return found

    @staticmethod
    def _require(uow: UnitOfWork, medicamento_id: int) -> None:
        if not uow.medicamentos.exists(medicamento_id):
            raise RegistroNaoEncontrado(f"medicamento {medicamento_id} not found")


def registrar_movimentacao(
    uow: UnitOfWork,
    medicamento_id: int,
    tipo: TipoMovimentacao,
    quantidade: int,
    motivo: str | None,
    usuario_id: int | None,
) -> Movimentacao:
    """Move the stock inside the caller's transaction, and record why.

    The stock is read under a row lock, so concurrent saidas queue and each
    sees what the one before left: the stock never goes below zero.
    """
    antes = uow.medicamentos.lock_stock(medicamento_id)
    if tipo == TipoMovimentacao.AJUSTE:
        depois = quantidade
    elif tipo == TipoMovimentacao.ENTRADA:
        depois = antes + quantidade
    else:
        depois = antes - quantidade
    if depois < 0:
        raise EstoqueInsuficiente(
            f"medicamento {medicamento_id}: insufficient stock for {quantidade}",
            "quantidade",
        )

    uow.medicamentos.set_stock(medicamento_id, depois)
    return uow.medicamentos.add_movimentacao(
        {
            "medicamento_id": medicamento_id,
            "tipo": tipo.value,
            "quantidade": quantidade,
            "motivo": motivo,
            "estoque_anterior": antes,
            "estoque_resultante": depois,
            "usuario_id": usuario_id,
        }
    )
