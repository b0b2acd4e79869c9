import threading
import time

import pytest

from src.domain.enums import Papel
from tests.e2e.helpers import (
    assert_envelope,
    assert_invalid,
    assert_local_time,
    ids_of,
    new_medicamento,
)

pytestmark = pytest.mark.e2e

NOT_PHARMACY = [
    Papel.GESTOR,
    Papel.MEDICO,
    Papel.ENFERMAGEM,
    Papel.RECEPCAO,
    Papel.FINANCEIRO,
]


def move(client, headers, medicamento_id, tipo, quantidade, **extra):
    return client.post(
        f"/v1/medicamentos/{medicamento_id}/movimentacoes",
        json={"tipo": tipo, "quantidade": quantidade, **extra},
        headers=headers,
    )


def stock_of(client, headers, medicamento_id):
    response = client.get(f"/v1/medicamentos/{medicamento_id}", headers=headers)
    return response.get_json()["data"]["estoque_atual"]


def test_create_returns_201_with_the_defaults(client, admin):
    response = client.post(
        "/v1/medicamentos", json={"nome": "Dipirona Sódica 500 mg"}, headers=admin
    )

    assert response.status_code == 201
    body = response.get_json()["data"]
    assert body == {
        "id": body["id"],
        "nome": "Dipirona Sódica 500 mg",
        "principio_ativo": None,
        "apresentacao": None,
        "unidade": "unidade",
        "estoque_atual": 0,
        "estoque_minimo": 0,
        "abaixo_minimo": False,
        "criado_em": body["criado_em"],
        "atualizado_em": body["atualizado_em"],
    }


def test_create_takes_the_opening_stock_and_minimum(client, admin):
    medicamento = new_medicamento(
        client,
        admin,
        principio_ativo="dipirona monoidratada",
        apresentacao="comprimido",
        unidade="comprimido",
        estoque_atual=3,
        estoque_minimo=5,
    )

    assert (medicamento["estoque_atual"], medicamento["estoque_minimo"]) == (3, 5)
    assert medicamento["unidade"] == "comprimido"
    assert medicamento["abaixo_minimo"] is True


@pytest.mark.parametrize(
    ("payload", "fields"),
    [
        ({}, ["nome"]),
        ({"nome": "Dipirona", "estoque_atual": -1}, ["estoque_atual"]),
        ({"nome": "Dipirona", "estoque_atual": 1.5}, ["estoque_atual"]),
        ({"nome": "Dipirona", "estoque_atual": "10"}, ["estoque_atual"]),
        ({"nome": "Dipirona", "estoque_atual": True}, ["estoque_atual"]),
        ({"nome": "Dipirona", "estoque_minimo": -1}, ["estoque_minimo"]),
        ({"nome": "Dipirona", "estoque_atual": 2**31}, ["estoque_atual"]),
        ({"nome": "Dipirona", "estoque_minimo": 10**19}, ["estoque_minimo"]),
    ],
)
def test_invalid_fields_are_each_named_in_a_422(client, admin, payload, fields):
    response = client.post("/v1/medicamentos", json=payload, headers=admin)

    assert_invalid(response, *fields)


def test_estoque_atual_on_update_is_422_naming_it_and_the_stock_stays(client, admin):
    medicamento = new_medicamento(client, admin, estoque_atual=10)

    response = client.patch(
        f"/v1/medicamentos/{medicamento['id']}",
        json={"estoque_atual": 50},
        headers=admin,
    )

    assert_invalid(response, "estoque_atual")
    assert stock_of(client, admin, medicamento["id"]) == 10


def test_update_changes_the_other_fields(client, admin):
    medicamento = new_medicamento(client, admin, estoque_atual=10)

    response = client.patch(
        f"/v1/medicamentos/{medicamento['id']}",
        json={"nome": "Dipirona 1 g", "estoque_minimo": 20},
        headers=admin,
    )

    assert response.status_code == 200
    body = response.get_json()["data"]
    assert (body["nome"], body["estoque_minimo"], body["estoque_atual"]) == (
        "Dipirona 1 g",
        20,
        10,
    )
    assert body["abaixo_minimo"] is True


def test_entrada_returns_201_with_the_movement_and_adds_to_the_stock(
    client, admin, make_user
):
    farmacia = make_user(Papel.FARMACIA)
    medicamento = new_medicamento(client, admin, estoque_atual=10)

    response = move(
        client,
        farmacia["headers"],
        medicamento["id"],
        "entrada",
        5,
        motivo="Nota fiscal 123",
    )

    assert response.status_code == 201
    body = response.get_json()["data"]
    assert response.headers["Location"] == (
        f"/v1/medicamentos/{medicamento['id']}/movimentacoes/{body['id']}"
    )
    assert body == {
        "id": body["id"],
        "medicamento_id": medicamento["id"],
        "tipo": "entrada",
        "quantidade": 5,
        "motivo": "Nota fiscal 123",
        "estoque_anterior": 10,
        "estoque_resultante": 15,
        "usuario_id": farmacia["id"],
        "criado_em": body["criado_em"],
    }
    assert_local_time(body["criado_em"])
    assert stock_of(client, admin, medicamento["id"]) == 15


def test_saida_takes_from_the_stock(client, admin):
    medicamento = new_medicamento(client, admin, estoque_atual=10)

    response = move(client, admin, medicamento["id"], "saida", 3)

    assert response.status_code == 201
    body = response.get_json()["data"]
    assert (body["estoque_anterior"], body["estoque_resultante"]) == (10, 7)
    assert stock_of(client, admin, medicamento["id"]) == 7


def test_saida_of_the_whole_stock_leaves_zero(client, admin):
    medicamento = new_medicamento(client, admin, estoque_atual=10)

    response = move(client, admin, medicamento["id"], "saida", 10)

    assert response.status_code == 201
    assert stock_of(client, admin, medicamento["id"]) == 0


@pytest.mark.parametrize(("quantidade", "stock"), [(4, 4), (25, 25)])
def test_ajuste_sets_the_stock_to_the_quantity(client, admin, quantidade, stock):
    medicamento = new_medicamento(client, admin, estoque_atual=10)

    response = move(client, admin, medicamento["id"], "ajuste", quantidade)

    assert response.status_code == 201
    body = response.get_json()["data"]
    assert (body["estoque_anterior"], body["estoque_resultante"]) == (10, stock)
    assert stock_of(client, admin, medicamento["id"]) == stock


def test_movements_in_sequence_give_the_exact_stock(client, admin):
    medicamento = new_medicamento(client, admin, estoque_atual=10)

    for tipo, quantidade in [
        ("entrada", 5),
        ("saida", 3),
        ("ajuste", 20),
        ("saida", 1),
    ]:
        assert (
            move(client, admin, medicamento["id"], tipo, quantidade).status_code == 201
        )

    assert stock_of(client, admin, medicamento["id"]) == 19


def test_saida_beyond_the_stock_is_409_and_changes_nothing(client, admin):
    medicamento = new_medicamento(client, admin, estoque_atual=10)

    response = move(client, admin, medicamento["id"], "saida", 11)

    assert_envelope(response, 409, "HttpConflictError")
    assert stock_of(client, admin, medicamento["id"]) == 10
    listed = client.get(
        f"/v1/medicamentos/{medicamento['id']}/movimentacoes", headers=admin
    )
    assert listed.get_json()["data"] == []


@pytest.mark.parametrize(
    "quantidade", [0, -1, 1.5, 2.5, "2", "", None, True, False, 2**31]
)
def test_quantidade_that_is_not_a_positive_integer_is_422(client, admin, quantidade):
    medicamento = new_medicamento(client, admin, estoque_atual=10)

    response = move(client, admin, medicamento["id"], "saida", quantidade)

    assert_invalid(response, "quantidade")
    assert stock_of(client, admin, medicamento["id"]) == 10


@pytest.mark.parametrize(
    ("payload", "fields"),
    [
        ({}, ["tipo", "quantidade"]),
        ({"quantidade": 1}, ["tipo"]),
        ({"tipo": "perda", "quantidade": 1}, ["tipo"]),
        ({"tipo": "saida", "quantidade": 1, "lote": "A1"}, ["lote"]),
    ],
)
def test_invalid_movement_fields_are_each_named_in_a_422(
    client, admin, payload, fields
):
    medicamento = new_medicamento(client, admin, estoque_atual=10)

    response = client.post(
        f"/v1/medicamentos/{medicamento['id']}/movimentacoes",
        json=payload,
        headers=admin,
    )

    assert_invalid(response, *fields)


def test_a_movement_of_an_unknown_medicamento_is_404(client, admin):
    posted = move(client, admin, 999, "entrada", 1)
    listed = client.get("/v1/medicamentos/999/movimentacoes", headers=admin)

    assert_envelope(posted, 404, "HttpNotFoundError")
    assert_envelope(listed, 404, "HttpNotFoundError")


def test_movements_are_listed_paginated_in_order(client, admin):
    medicamento = new_medicamento(client, admin, estoque_atual=10)
    other = new_medicamento(client, admin, nome="Paracetamol 750 mg", estoque_atual=5)
    made = [
        move(client, admin, medicamento["id"], tipo, n).get_json()["data"]["id"]
        for tipo, n in [("entrada", 1), ("saida", 2), ("ajuste", 3)]
    ]
    move(client, admin, other["id"], "entrada", 1)
    path = f"/v1/medicamentos/{medicamento['id']}/movimentacoes"

    first = client.get(f"{path}?per_page=2", headers=admin)
    second = client.get(f"{path}?per_page=2&page=2", headers=admin)

    assert first.status_code == 200
    assert first.get_json()["meta"] == {
        "page": 1,
        "per_page": 2,
        "total": 3,
        "pages": 2,
    }
    assert ids_of(first) + ids_of(second) == made
    assert [m["tipo"] for m in first.get_json()["data"]] == ["entrada", "saida"]


def test_one_movement_is_read_by_its_path(client, admin):
    medicamento = new_medicamento(client, admin, estoque_atual=10)
    posted = move(client, admin, medicamento["id"], "saida", 2)

    response = client.get(posted.headers["Location"], headers=admin)

    assert response.status_code == 200
    assert response.get_json() == {"data": posted.get_json()["data"]}


def test_a_movement_under_another_medicamento_is_404(client, admin):
    medicamento = new_medicamento(client, admin, estoque_atual=10)
    other = new_medicamento(client, admin, nome="Paracetamol 750 mg")
    movimentacao = move(client, admin, medicamento["id"], "saida", 2).get_json()["data"]

    response = client.get(
        f"/v1/medicamentos/{other['id']}/movimentacoes/{movimentacao['id']}",
        headers=admin,
    )

    assert_envelope(response, 404, "HttpNotFoundError")


@pytest.mark.parametrize("page", ["page=0", "per_page=101", "per_page=x"])
def test_movements_list_refuses_bad_pages(client, admin, page):
    medicamento = new_medicamento(client, admin)

    response = client.get(
        f"/v1/medicamentos/{medicamento['id']}/movimentacoes?{page}", headers=admin
    )

    assert_invalid(response, page.split("=")[0])


def test_list_filters_by_abaixo_minimo(client, admin):
    below = new_medicamento(
        client, admin, nome="Amoxicilina", estoque_atual=2, estoque_minimo=5
    )
    new_medicamento(client, admin, nome="Buscopan", estoque_atual=5, estoque_minimo=5)
    new_medicamento(client, admin, nome="Cefalexina", estoque_atual=9)

    response = client.get("/v1/medicamentos?abaixo_minimo=true", headers=admin)

    assert ids_of(response) == [below["id"]]
    assert response.get_json()["meta"]["total"] == 1


def test_a_saida_below_the_minimum_puts_it_in_the_abaixo_minimo_list(client, admin):
    medicamento = new_medicamento(client, admin, estoque_atual=6, estoque_minimo=5)
    before = client.get("/v1/medicamentos?abaixo_minimo=true", headers=admin)

    move(client, admin, medicamento["id"], "saida", 2)

    after = client.get("/v1/medicamentos?abaixo_minimo=true", headers=admin)
    assert ids_of(before) == []
    assert ids_of(after) == [medicamento["id"]]


def test_farmacia_writes_medicamentos_and_movements(client, as_role):
    farmacia = as_role(Papel.FARMACIA)

    created = client.post(
        "/v1/medicamentos", json={"nome": "Dipirona"}, headers=farmacia
    )
    medicamento_id = created.get_json()["data"]["id"]
    updated = client.patch(
        f"/v1/medicamentos/{medicamento_id}",
        json={"estoque_minimo": 3},
        headers=farmacia,
    )
    moved = move(client, farmacia, medicamento_id, "entrada", 10)
    deleted = client.delete(f"/v1/medicamentos/{medicamento_id}", headers=farmacia)

    assert created.status_code == 201
    assert updated.status_code == 200
    assert moved.status_code == 201
    assert_envelope(deleted, 409, "HttpConflictError")


@pytest.mark.parametrize("papel", NOT_PHARMACY)
def test_other_roles_read_movements_but_may_not_move_the_stock(
    client, admin, as_role, papel
):
    medicamento = new_medicamento(client, admin, estoque_atual=10)
    made = move(client, admin, medicamento["id"], "saida", 1).get_json()["data"]
    headers = as_role(papel)

    listed = client.get(
        f"/v1/medicamentos/{medicamento['id']}/movimentacoes", headers=headers
    )
    moved = move(client, headers, medicamento["id"], "saida", 1)

    assert ids_of(listed) == [made["id"]]
    assert_envelope(moved, 403, "HttpForbiddenError")
    assert stock_of(client, admin, medicamento["id"]) == 9


def test_twenty_simultaneous_saidas_of_one_unit_from_ten_leave_zero(
    app, admin, as_role
):
    client = app.test_client()
    farmacia = as_role(Papel.FARMACIA)
    medicamento = new_medicamento(client, admin, estoque_atual=10)
    path = f"/v1/medicamentos/{medicamento['id']}/movimentacoes"
    barrier = threading.Barrier(20)
    spans: list[tuple[float, float, int]] = []
    lock = threading.Lock()

    def saida() -> None:
        own_client = app.test_client()
        barrier.wait()
        started = time.monotonic()
        response = own_client.post(
            path, json={"tipo": "saida", "quantidade": 1}, headers=farmacia
        )
        with lock:
            spans.append((started, time.monotonic(), response.status_code))

    threads = [threading.Thread(target=saida) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    statuses = sorted(status for _, _, status in spans)
    assert statuses == [201] * 10 + [409] * 10
    assert stock_of(client, admin, medicamento["id"]) == 0
    # The requests really overlapped: several started before the first ended.
    first_end = min(end for _, end, _ in spans)
    assert sum(start < first_end for start, _, _ in spans) > 1
    listed = client.get(f"{path}?per_page=100", headers=admin).get_json()
    assert listed["meta"]["total"] == 10
    assert sorted(m["estoque_resultante"] for m in listed["data"]) == list(range(10))
