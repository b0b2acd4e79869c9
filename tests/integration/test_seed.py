from collections import Counter, defaultdict
from datetime import UTC, datetime, time, timedelta
from itertools import pairwise

import pytest
from sqlalchemy import func, insert, select
from validate_docbr import CNS, CPF

from src.domain.enums import (
    UFS,
    StatusConsulta,
    StatusExame,
    StatusInternacao,
    StatusLancamento,
    StatusLeito,
    StatusPrescricao,
    TipoLancamento,
    TipoMovimentacao,
)
from src.domain.faturamento import Passagem, valor_internacao
from src.domain.text import normalizar_busca
from src.infra.db import models as m
from src.main.seed import seed_demo_hospital

pytestmark = pytest.mark.integration

# A month of history (the CLI makes a year) keeps the tests quick.
DAYS = 30

EXPECTED = {
    m.SetorModel: 6,
    m.LeitoModel: 120,
    m.EspecialidadeModel: 12,
    m.MedicoModel: 40,
    m.ConvenioModel: 6,
    m.PacienteModel: 2000,
    m.EnderecoModel: 2000,
    m.MedicamentoModel: 80,
}


def counts(engine):
    with engine.connect() as connection:
        return {
            model: connection.scalar(select(func.count()).select_from(model))
            for model in EXPECTED
        }


def test_seed_fills_an_empty_database_with_the_demo_hospital_once(
    engine, settings, client, admin, capsys
):
    # The admin user exists already: users do not make the database non-empty.

    code = seed_demo_hospital(settings, only_if_empty=False, days=DAYS)

    assert code == 0
    assert "Demo hospital created" in capsys.readouterr().out
    assert counts(engine) == EXPECTED
    with engine.connect() as connection:
        pacientes = connection.execute(select(m.PacienteModel.__table__)).all()
        enderecos = connection.execute(select(m.EnderecoModel.__table__)).all()
        setores = connection.execute(select(m.SetorModel.__table__)).all()
        links = connection.execute(select(m.medico_especialidades)).all()
    cpfs = [p.cpf for p in pacientes]
    assert len(set(cpfs)) == len(cpfs)
    assert all(CPF().validate(cpf) and len(cpf) == 11 for cpf in cpfs)
    assert all(CNS().validate(p.cns) for p in pacientes if p.cns)
    assert all(p.nome_busca == normalizar_busca(p.nome) for p in pacientes)
    assert all(
        (p.convenio_id is None) == (p.numero_carteirinha is None) for p in pacientes
    )
    assert 0 < sum(p.convenio_id is not None for p in pacientes) < len(pacientes)
    assert {e.paciente_id for e in enderecos} == {p.id for p in pacientes}
    assert all(e.principal and e.uf in UFS for e in enderecos)
    assert all(len(e.cep) == 8 and e.cep.isdigit() for e in enderecos)
    assert all(s.valor_diaria > 0 for s in setores)
    per_medico = {}
    for link in links:
        per_medico[link.medico_id] = per_medico.get(link.medico_id, 0) + 1
    assert len(per_medico) == 40 and set(per_medico.values()) <= {1, 2}

    found = client.get("/v1/pacientes?nome=jose&per_page=100", headers=admin)

    assert found.status_code == 200
    assert found.get_json()["meta"]["total"] >= 10
    assert all("jose" in normalizar_busca(p["nome"]) for p in found.get_json()["data"])

    assert seed_demo_hospital(settings, only_if_empty=False, days=DAYS) == 1
    assert "refused" in capsys.readouterr().err
    assert counts(engine) == EXPECTED


def test_seed_refuses_a_database_that_has_a_setor_and_adds_nothing(
    engine, settings, capsys
):
    with engine.begin() as connection:
        connection.execute(
            insert(m.SetorModel.__table__).values(
                nome="UTI", nome_busca="uti", tipo="uti", valor_diaria=1000
            )
        )

    code = seed_demo_hospital(settings, only_if_empty=False)

    assert code == 1
    assert "already has data (1 setores)" in capsys.readouterr().err
    assert counts(engine)[m.PacienteModel] == 0
    assert counts(engine)[m.SetorModel] == 1


def test_seed_if_empty_skips_a_database_that_has_data_and_succeeds(
    engine, settings, capsys
):
    with engine.begin() as connection:
        connection.execute(
            insert(m.SetorModel.__table__).values(
                nome="UTI", nome_busca="uti", tipo="uti", valor_diaria=1000
            )
        )

    code = seed_demo_hospital(settings, only_if_empty=True)

    assert code == 0
    assert "not seeded" in capsys.readouterr().out
    assert counts(engine)[m.PacienteModel] == 0


def rows(connection, model):
    return connection.execute(select(model.__table__)).all()


def test_seed_history_is_a_consistent_hospital(engine, settings):
    tz = settings.tz
    today = datetime.now(tz).date()
    midnight = datetime.combine(today, time(), tz).astimezone(UTC)

    assert seed_demo_hospital(settings, days=DAYS) == 0

    with engine.connect() as connection:
        consultas = rows(connection, m.ConsultaModel)
        exames = rows(connection, m.ExameModel)
        prescricoes = rows(connection, m.PrescricaoModel)
        itens = rows(connection, m.ItemPrescricaoModel)
        internacoes = rows(connection, m.InternacaoModel)
        passagens = rows(connection, m.PassagemLeitoModel)
        leitos = rows(connection, m.LeitoModel)
        setores = rows(connection, m.SetorModel)
        pacientes = rows(connection, m.PacienteModel)
        convenios = rows(connection, m.ConvenioModel)
        lancamentos = rows(connection, m.LancamentoModel)
        medicamentos = rows(connection, m.MedicamentoModel)
        movimentos = rows(connection, m.MovimentacaoModel)
        links = connection.execute(select(m.medico_especialidades)).all()

    def statuses(records):
        return {r.status for r in records}

    assert statuses(consultas) == set(StatusConsulta)
    assert statuses(exames) == set(StatusExame)
    assert statuses(prescricoes) == set(StatusPrescricao)
    assert statuses(lancamentos) == set(StatusLancamento)
    assert statuses(internacoes) == set(StatusInternacao)

    # consultas: the doctor's especialidade, dt_fim kept, the past settled and
    # the agenda ahead, and no agendada overlapping another of the doctor's
    # or the patient's (half-open intervals).
    especialidades = {(link.medico_id, link.especialidade_id) for link in links}
    for c in consultas:
        assert (c.medico_id, c.especialidade_id) in especialidades
        assert 20 <= c.duracao_minutos <= 60
        assert c.dt_fim == c.dt_consulta + timedelta(minutes=c.duracao_minutos)
        assert c.criado_em <= midnight
    agendadas = [c for c in consultas if c.status == StatusConsulta.AGENDADA]
    assert agendadas and all(c.dt_consulta >= midnight for c in agendadas)
    assert any(c.dt_consulta < midnight for c in consultas)
    for key in ("medico_id", "paciente_id"):
        agenda = defaultdict(list)
        for c in agendadas:
            agenda[getattr(c, key)].append((c.dt_consulta, c.dt_fim))
        for slots in agenda.values():
            slots.sort()
            assert all(a[1] <= b[0] for a, b in pairwise(slots))

    # exames: the dates their status implies.
    for e in exames:
        if e.status == StatusExame.CONCLUIDO:
            assert e.resultado
            assert e.dt_solicitacao <= e.dt_inicio <= e.dt_resultado <= midnight
        elif e.status == StatusExame.EM_ANDAMENTO:
            assert e.dt_resultado is None and e.dt_solicitacao <= e.dt_inicio
        elif e.status == StatusExame.SOLICITADO:
            assert e.dt_inicio is None and e.dt_resultado is None
        else:
            assert e.dt_resultado is None

    # internacoes: each stay's passagens follow each other from the admission
    # to the alta; no bed holds two stays at once, nor a patient two stays.
    by_stay = defaultdict(list)
    for p in passagens:
        by_stay[p.internacao_id].append(p)
    for stay in internacoes:
        trail = sorted(by_stay[stay.id], key=lambda p: p.inicio)
        assert trail[0].inicio == stay.dt_admissao
        assert all(a.fim == b.inicio for a, b in pairwise(trail))
        assert trail[-1].fim == stay.dt_alta
        assert (trail[-1].leito_id, trail[-1].setor_id) == (
            stay.leito_id,
            stay.setor_id,
        )
        if stay.status == StatusInternacao.ATIVA:
            assert stay.dt_alta is None and stay.motivo_alta is None
            assert stay.leito_ocupado_id == stay.leito_id
            assert stay.paciente_internado_id == stay.paciente_id
        else:
            assert stay.dt_admissao <= stay.dt_alta <= midnight and stay.motivo_alta
            assert stay.leito_ocupado_id is None
            assert stay.paciente_internado_id is None
    by_bed = defaultdict(list)
    for p in passagens:
        by_bed[p.leito_id].append(p)
    for trail in by_bed.values():
        trail.sort(key=lambda p: p.inicio)
        assert all(a.fim is not None and a.fim <= b.inicio for a, b in pairwise(trail))
    by_patient = defaultdict(list)
    for stay in internacoes:
        by_patient[stay.paciente_id].append(stay)
    for stays in by_patient.values():
        stays.sort(key=lambda s: s.dt_admissao)
        assert all(
            a.dt_alta is not None and a.dt_alta <= b.dt_admissao
            for a, b in pairwise(stays)
        )

    # The beds: ocupado exactly where a stay is open.
    abertas = [s for s in internacoes if s.status == StatusInternacao.ATIVA]
    ocupados = {leito.id for leito in leitos if leito.status == StatusLeito.OCUPADO}
    assert ocupados == {s.leito_ocupado_id for s in abertas}
    assert ocupados == {p.leito_id for p in passagens if p.fim is None}
    assert 0.5 <= len(ocupados) / len(leitos) <= 0.95
    assert any(len(trail) >= 3 for trail in by_stay.values())  # with transfers
    assert any(s.motivo_alta == "obito" for s in internacoes)
    assert any(
        a.motivo_alta != "obito" and b.dt_admissao - a.dt_alta <= timedelta(days=30)
        for stays in by_patient.values()
        for a, b in pairwise(stays)
    )

    # Every alta billed once, by the pricing rule, to the patient's convenio.
    diaria = {s.id: s.valor_diaria for s in setores}
    convenio_of = {p.id: p.convenio_id for p in pacientes}
    prazo = {c.id: c.prazo_pagamento_dias for c in convenios}
    bills = Counter(b.fatura_internacao_id for b in lancamentos)
    bill_of = {b.fatura_internacao_id: b for b in lancamentos}
    for stay in internacoes:
        if stay.status == StatusInternacao.ATIVA:
            assert stay.id not in bills
            continue
        assert bills[stay.id] == 1
        bill = bill_of[stay.id]
        expected = valor_internacao(
            [Passagem(p.inicio, p.fim, diaria[p.setor_id]) for p in by_stay[stay.id]],
            tz,
        )
        assert bill.valor == expected
        assert bill.tipo == TipoLancamento.INTERNACAO
        assert bill.internacao_id == stay.id
        assert bill.convenio_id == convenio_of[stay.paciente_id]
        assert bill.dt_lancamento == stay.dt_alta.astimezone(tz).date()
        assert bill.dt_vencimento == bill.dt_lancamento + timedelta(
            days=prazo.get(bill.convenio_id, 30)
        )
    assert {b.tipo for b in lancamentos} >= {"internacao", "consulta", "exame"}
    for b in lancamentos:
        if b.status == StatusLancamento.CONFIRMADO:
            assert b.dt_lancamento <= b.dt_pagamento < today
        else:
            assert b.dt_pagamento is None
    assert any(
        b.status == StatusLancamento.PENDENTE and b.dt_vencimento < today
        for b in lancamentos
    )

    # Stock: each medicamento's movements chain, never below zero, to its
    # estoque_atual; each dispensed item left as one saida.
    chain = defaultdict(list)
    for mv in sorted(movimentos, key=lambda mv: (mv.criado_em, mv.id)):
        chain[mv.medicamento_id].append(mv)
    for medicamento in medicamentos:
        trail = chain.get(medicamento.id)
        if not trail:
            continue
        for a, b in pairwise(trail):
            assert b.estoque_anterior == a.estoque_resultante
        for mv in trail:
            sign = 1 if mv.tipo == TipoMovimentacao.ENTRADA else -1
            assert mv.estoque_resultante == mv.estoque_anterior + sign * mv.quantidade
            assert mv.estoque_resultante >= 0 and mv.quantidade > 0
        assert medicamento.estoque_atual == trail[-1].estoque_resultante
    assert {mv.tipo for mv in movimentos} == {"entrada", "saida"}
    dispensadas = {p.id for p in prescricoes if p.status == StatusPrescricao.DISPENSADA}
    saidas = Counter(mv.motivo for mv in movimentos if mv.tipo == "saida")
    expected_saidas = Counter(
        f"dispensação da prescricao {i.prescricao_id}"
        for i in itens
        if i.prescricao_id in dispensadas
    )
    assert saidas == expected_saidas
    assert all(
        (p.dt_dispensacao is not None) == (p.id in dispensadas) for p in prescricoes
    )
