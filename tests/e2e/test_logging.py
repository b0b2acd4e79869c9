import io
import json
import logging

import pytest
from sqlalchemy import event

from src.data.usecases.registries import RegistryService
from src.domain.enums import Papel
from src.main.app import container_of
from src.main.logging import configure_logging

pytestmark = pytest.mark.e2e

PACIENTE = {
    "nome": "Maria José da Conceição",
    "data_nascimento": "1980-05-17",
    "cpf": "529.982.247-25",
    "email": "maria.conceicao@example.com",
    "telefone": "(11) 98765-4321",
}
# Every way the patient's name or CPF could show up in a log line.
PATIENT_DATA = [
    "Maria",
    "maria jose",
    "Conceição",
    "conceicao",
    "52998224725",
    "529.982.247-25",
    "maria.conceicao@example.com",
    "98765-4321",
]


@pytest.fixture
def log_output():
    """The app's log as production writes it (``configure_logging``), caught
    from its one handler: a function returning what was written since the
    last call."""
    root = logging.getLogger()
    werkzeug = logging.getLogger("werkzeug")
    saved = (root.handlers[:], root.level, werkzeug.level)
    configure_logging("INFO")
    [handler] = root.handlers
    buffer = io.StringIO()
    handler.setStream(buffer)

    def read():
        written = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return written

    yield read

    root.handlers[:] = saved[0]
    root.setLevel(saved[1])
    werkzeug.setLevel(saved[2])


def records(output):
    """Each line parsed; a line that is not one JSON object fails the test."""
    parsed = [json.loads(line) for line in output.splitlines()]
    assert all(isinstance(record, dict) for record in parsed)
    return parsed


def assert_no_patient_data(output):
    """Neither the raw lines nor their decoded text (the formatter escapes
    accents) hold any of the patient's data."""
    decoded = "\n".join(json.dumps(r, ensure_ascii=False) for r in records(output))
    for value in PATIENT_DATA:
        assert value.lower() not in output.lower()
        assert value.lower() not in decoded.lower()


def access_lines(output):
    return [r for r in records(output) if r["event"] == "request"]


def test_each_request_writes_one_json_line_with_its_facts(
    client, make_user, log_output
):
    user = make_user(Papel.GESTOR)
    log_output()

    client.get("/v1/setores", headers={**user["headers"], "X-Request-ID": "req-1"})

    [line] = access_lines(log_output())
    assert line["method"] == "GET"
    assert line["path"] == "/v1/setores"
    assert line["status"] == 200
    assert line["request_id"] == "req-1"
    assert line["user_id"] == user["id"]
    assert line["level"] == "INFO"
    assert isinstance(line["duration_ms"], int | float)
    assert line["duration_ms"] >= 0
    assert line["ts"]


def test_the_output_holds_exactly_one_line_per_request(client, admin, log_output):
    log_output()

    client.get("/v1/health")
    client.post(
        "/v1/setores", json={"nome": "UTI", "valor_diaria": "1.00"}, headers=admin
    )
    client.get("/v1/nada", headers=admin)
    client.delete("/v1/health")

    lines = access_lines(log_output())
    assert [(line["method"], line["path"], line["status"]) for line in lines] == [
        ("GET", "/v1/health", 200),
        ("POST", "/v1/setores", 201),
        ("GET", "/v1/nada", 404),
        ("DELETE", "/v1/health", 405),
    ]


def test_the_generated_request_id_is_the_one_logged(client, log_output):
    response = client.get("/v1/health")

    [line] = access_lines(log_output())
    assert line["request_id"] == response.headers["X-Request-ID"]


def test_a_request_without_a_user_logs_a_null_user_id(client, log_output):
    client.get("/v1/health")
    client.get("/v1/setores")

    lines = access_lines(log_output())
    assert [line["user_id"] for line in lines] == [None, None]


@pytest.mark.parametrize(
    ("path", "status", "level"),
    [("/v1/health", 200, "INFO"), ("/v1/setores", 401, "WARNING")],
)
def test_the_level_follows_the_status(client, log_output, path, status, level):
    client.get(path)

    [line] = access_lines(log_output())
    assert (line["status"], line["level"]) == (status, level)


def test_no_patient_name_or_cpf_reaches_the_log(client, as_role, log_output):
    recepcao = as_role(Papel.RECEPCAO)

    created = client.post("/v1/pacientes", json=PACIENTE, headers=recepcao)
    paciente_id = created.get_json()["data"]["id"]
    client.get(f"/v1/pacientes/{paciente_id}", headers=recepcao)
    client.get("/v1/pacientes?nome=Maria%20Jos%C3%A9", headers=recepcao)
    client.get("/v1/pacientes?cpf=52998224725", headers=recepcao)
    client.patch(
        f"/v1/pacientes/{paciente_id}",
        json={"nome": "Maria José da Conceição Silva"},
        headers=recepcao,
    )
    duplicate = client.post("/v1/pacientes", json=PACIENTE, headers=recepcao)

    output = log_output()
    assert created.status_code == 201
    assert duplicate.status_code == 409
    assert len(access_lines(output)) == 6
    assert_no_patient_data(output)


def test_tokens_and_passwords_do_not_reach_the_log(client, make_user, log_output):
    user = make_user(Papel.MEDICO)

    login = client.post(
        "/v1/auth/login", json={"email": user["email"], "senha": user["senha"]}
    )
    token = login.get_json()["data"]["access_token"]
    client.get("/v1/usuarios/me", headers={"Authorization": f"Bearer {token}"})
    client.post("/v1/auth/login", json={"email": user["email"], "senha": "wrong-one"})

    output = log_output()
    assert token not in output
    assert user["senha"] not in output
    assert "wrong-one" not in output


def test_an_unexpected_error_is_logged_with_its_stack_and_request_id(
    client, admin, monkeypatch, log_output
):
    def explode(*_args, **_kwargs):
        raise RuntimeError("something broke")

    monkeypatch.setattr(RegistryService, "listar", explode)

    client.get("/v1/setores", headers={**admin, "X-Request-ID": "boom-2"})

    lines = records(log_output())
    [error] = [r for r in lines if r["event"] == "unhandled_error"]
    assert error["level"] == "ERROR"
    assert error["request_id"] == "boom-2"
    assert "Traceback" in error["exc_info"]
    assert "RuntimeError: something broke" in error["exc_info"]
    [line] = [r for r in lines if r["event"] == "request"]
    assert (line["status"], line["level"]) == (500, "ERROR")


def test_a_database_failure_while_saving_a_patient_logs_no_patient_data(
    app, client, as_role, log_output
):
    engine = container_of(app).engine
    dbapi = engine.dialect.loaded_dbapi

    def lose_the_connection(cursor, statement, parameters, context):
        if statement.lstrip().upper().startswith("INSERT INTO PACIENTES"):
            raise dbapi.OperationalError(2006, "server has gone away")
        return False

    event.listen(engine, "do_execute", lose_the_connection)
    try:
        response = client.post(
            "/v1/pacientes", json=PACIENTE, headers=as_role(Papel.RECEPCAO)
        )
    finally:
        event.remove(engine, "do_execute", lose_the_connection)

    output = log_output()
    assert response.status_code == 500
    assert "Traceback" in output
    assert_no_patient_data(output)
