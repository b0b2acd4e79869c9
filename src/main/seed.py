"""``python run.py seed-demo``: a realistic demo hospital in an empty database.

Everything comes from Faker's pt_BR locale on a fixed seed, so two runs on the
same day make the same hospital. Rows go in through SQLAlchemy Core bulk
inserts in one transaction: the 2,000 patients take a second or two, not the
minute that one use case call per record would.

The seed is a list of steps (``STEPS``) that share one ``DemoSeeder``: each
step inserts its tables and records the ids it made in ``seeder.ids``, so a
later step (a year of consultas and internacoes, say) builds on them by being
appended, not by rewriting the ones before.

The last step, ``seed_history``, plays a year of the hospital's life up to the
midnight that began today (in ``HOSPITAL_TZ``): stays that move between beds
and end in an alta and its bill, consultas with the next two weeks' agenda,
exames, prescricoes dispensed from a stock that is restocked, and the payments
of the bills. Rows are computed in Python first and inserted table by table.
"""

import heapq
import math
import sys
import time
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time
from decimal import Decimal
from random import Random
from typing import Any, cast
from zoneinfo import ZoneInfo

from faker import Faker
from sqlalchemy import Connection, Table, bindparam, func, insert, select, update
from validate_docbr import CPF

from src.data.usecases.lancamentos import prazo_pagamento
from src.domain.entities import Convenio
from src.domain.enums import (
    UFS,
    MotivoAlta,
    Sexo,
    StatusConsulta,
    StatusExame,
    StatusInternacao,
    StatusLancamento,
    StatusLeito,
    StatusPrescricao,
    TipoLancamento,
    TipoLeito,
    TipoMovimentacao,
    TipoSetor,
)
from src.domain.faturamento import Passagem, valor_internacao
from src.domain.text import apenas_digitos, normalizar_busca
from src.infra.db import models as m
from src.main.composers import build_container
from src.main.config import Settings

SEED = 20260301
PACIENTES = 2_000
HISTORY_DAYS = 365
CHUNK = 5_000  # rows per executemany

Row = dict[str, Any]

# nome, tipo, valor_diaria, prefix of the bed codes, beds: [(tipo, how many)]
SETORES = (
    ("Clínica Médica", TipoSetor.ENFERMARIA, "480.00", "CM",
     [(TipoLeito.ENFERMARIA, 30), (TipoLeito.APARTAMENTO, 6),
      (TipoLeito.ISOLAMENTO, 4)]),
    ("Clínica Cirúrgica", TipoSetor.ENFERMARIA, "560.00", "CC",
     [(TipoLeito.ENFERMARIA, 16), (TipoLeito.APARTAMENTO, 8)]),
    ("Pediatria", TipoSetor.ENFERMARIA, "520.00", "PED",
     [(TipoLeito.ENFERMARIA, 12), (TipoLeito.ISOLAMENTO, 4)]),
    ("UTI Adulto", TipoSetor.UTI, "2850.00", "UTI",
     [(TipoLeito.UTI, 12), (TipoLeito.ISOLAMENTO, 2)]),
    ("Pronto-Socorro", TipoSetor.PRONTO_SOCORRO, "690.00", "PS",
     [(TipoLeito.ENFERMARIA, 16)]),
    ("Centro Cirúrgico", TipoSetor.CENTRO_CIRURGICO, "1350.00", "RPA",
     [(TipoLeito.ENFERMARIA, 10)]),
)  # fmt: skip

ESPECIALIDADES = (
    ("Clínica Médica", "Atendimento integral do adulto e internação clínica."),
    ("Cardiologia", "Doenças do coração e da circulação."),
    ("Pediatria", "Saúde da criança e do adolescente."),
    ("Ortopedia e Traumatologia", "Ossos, articulações e traumas."),
    ("Ginecologia e Obstetrícia", "Saúde da mulher, gestação e parto."),
    ("Cirurgia Geral", "Procedimentos cirúrgicos do aparelho digestivo e parede."),
    ("Neurologia", "Doenças do sistema nervoso."),
    ("Pneumologia", "Doenças respiratórias."),
    ("Nefrologia", "Doenças dos rins e diálise."),
    ("Infectologia", "Infecções e controle de infecção hospitalar."),
    ("Medicina Intensiva", "Cuidado ao paciente crítico na UTI."),
    ("Anestesiologia", "Anestesia e cuidado perioperatório."),
)

# Made-up insurers (nome, prazo_pagamento_dias, share of the insured patients).
CONVENIOS = (
    ("Vida Plena Saúde", 30, 30),
    ("Unimais Cooperativa Médica", 45, 25),
    ("Amparo Assistência Médica", 60, 15),
    ("Horizonte Seguros Saúde", 30, 12),
    ("Bem Viver Planos de Saúde", 90, 10),
    ("Cuidar Mais Saúde Empresarial", 15, 8),
)

# principio_ativo, strength, apresentacao, unidade
MEDICAMENTOS = (
    ("Dipirona sódica", "500 mg", "comprimido", "comprimido"),
    ("Dipirona sódica", "500 mg/mL", "solução injetável, ampola 2 mL", "ampola"),
    ("Paracetamol", "500 mg", "comprimido", "comprimido"),
    ("Paracetamol", "200 mg/mL", "solução oral, frasco 15 mL", "frasco"),
    ("Ibuprofeno", "600 mg", "comprimido revestido", "comprimido"),
    ("Ibuprofeno", "50 mg/mL", "suspensão oral, frasco 30 mL", "frasco"),
    ("Cetoprofeno", "100 mg", "pó para solução injetável", "frasco-ampola"),
    ("Tramadol", "50 mg/mL", "solução injetável, ampola 2 mL", "ampola"),
    ("Tramadol", "50 mg", "cápsula", "cápsula"),
    ("Morfina", "10 mg/mL", "solução injetável, ampola 1 mL", "ampola"),
    ("Morfina", "10 mg", "comprimido", "comprimido"),
    ("Fentanila", "50 mcg/mL", "solução injetável, ampola 2 mL", "ampola"),
    ("Omeprazol", "20 mg", "cápsula", "cápsula"),
    ("Omeprazol", "40 mg", "pó para solução injetável", "frasco-ampola"),
    ("Ondansetrona", "4 mg", "comprimido orodispersível", "comprimido"),
    ("Ondansetrona", "2 mg/mL", "solução injetável, ampola 4 mL", "ampola"),
    ("Metoclopramida", "10 mg", "comprimido", "comprimido"),
    ("Metoclopramida", "5 mg/mL", "solução injetável, ampola 2 mL", "ampola"),
    ("Ceftriaxona", "1 g", "pó para solução injetável", "frasco-ampola"),
    ("Cefazolina", "1 g", "pó para solução injetável", "frasco-ampola"),
    ("Amoxicilina", "500 mg", "cápsula", "cápsula"),
    ("Amoxicilina + clavulanato", "875 mg + 125 mg", "comprimido", "comprimido"),
    ("Azitromicina", "500 mg", "comprimido", "comprimido"),
    ("Vancomicina", "500 mg", "pó para solução injetável", "frasco-ampola"),
    ("Piperacilina + tazobactam", "4 g + 0,5 g", "pó injetável", "frasco-ampola"),
    ("Meropeném", "1 g", "pó para solução injetável", "frasco-ampola"),
    ("Ciprofloxacino", "500 mg", "comprimido", "comprimido"),
    ("Ciprofloxacino", "2 mg/mL", "solução para infusão, bolsa 100 mL", "bolsa"),
    ("Metronidazol", "5 mg/mL", "solução para infusão, bolsa 100 mL", "bolsa"),
    ("Fluconazol", "150 mg", "cápsula", "cápsula"),
    ("Aciclovir", "250 mg", "pó para solução injetável", "frasco-ampola"),
    ("Enoxaparina", "40 mg/0,4 mL", "seringa preenchida", "seringa"),
    ("Heparina sódica", "5.000 UI/0,25 mL", "solução injetável, ampola", "ampola"),
    ("Furosemida", "40 mg", "comprimido", "comprimido"),
    ("Furosemida", "10 mg/mL", "solução injetável, ampola 2 mL", "ampola"),
    ("Hidroclorotiazida", "25 mg", "comprimido", "comprimido"),
    ("Captopril", "25 mg", "comprimido", "comprimido"),
    ("Losartana potássica", "50 mg", "comprimido revestido", "comprimido"),
    ("Anlodipino", "5 mg", "comprimido", "comprimido"),
    ("Atenolol", "25 mg", "comprimido", "comprimido"),
    ("Carvedilol", "6,25 mg", "comprimido", "comprimido"),
    ("Amiodarona", "200 mg", "comprimido", "comprimido"),
    ("Amiodarona", "50 mg/mL", "solução injetável, ampola 3 mL", "ampola"),
    ("Noradrenalina", "1 mg/mL", "solução injetável, ampola 4 mL", "ampola"),
    ("Epinefrina", "1 mg/mL", "solução injetável, ampola 1 mL", "ampola"),
    ("Dobutamina", "12,5 mg/mL", "solução injetável, ampola 20 mL", "ampola"),
    ("Ácido acetilsalicílico", "100 mg", "comprimido", "comprimido"),
    ("Clopidogrel", "75 mg", "comprimido revestido", "comprimido"),
    ("Sinvastatina", "20 mg", "comprimido revestido", "comprimido"),
    ("Atorvastatina", "40 mg", "comprimido revestido", "comprimido"),
    ("Metformina", "850 mg", "comprimido", "comprimido"),
    ("Glibenclamida", "5 mg", "comprimido", "comprimido"),
    ("Insulina humana NPH", "100 UI/mL", "suspensão inj., frasco 10 mL", "frasco"),
    ("Insulina humana regular", "100 UI/mL", "solução inj., frasco 10 mL", "frasco"),
    ("Levotiroxina", "50 mcg", "comprimido", "comprimido"),
    ("Dexametasona", "4 mg/mL", "solução injetável, ampola 2,5 mL", "ampola"),
    ("Dexametasona", "4 mg", "comprimido", "comprimido"),
    ("Hidrocortisona", "100 mg", "pó para solução injetável", "frasco-ampola"),
    ("Prednisona", "20 mg", "comprimido", "comprimido"),
    ("Salbutamol", "100 mcg/dose", "aerossol, frasco 200 doses", "frasco"),
    ("Ipratrópio", "0,25 mg/mL", "solução para inalação, frasco 20 mL", "frasco"),
    ("Cloreto de sódio", "0,9%", "solução injetável, bolsa 500 mL", "bolsa"),
    ("Cloreto de sódio", "0,9%", "solução injetável, bolsa 1000 mL", "bolsa"),
    ("Glicose", "5%", "solução injetável, bolsa 500 mL", "bolsa"),
    ("Glicose", "50%", "solução injetável, ampola 10 mL", "ampola"),
    ("Ringer com lactato", "", "solução injetável, bolsa 500 mL", "bolsa"),
    ("Cloreto de potássio", "19,1%", "solução injetável, ampola 10 mL", "ampola"),
    ("Bicarbonato de sódio", "8,4%", "solução injetável, ampola 10 mL", "ampola"),
    ("Sulfato de magnésio", "50%", "solução injetável, ampola 10 mL", "ampola"),
    ("Gluconato de cálcio", "10%", "solução injetável, ampola 10 mL", "ampola"),
    ("Midazolam", "5 mg/mL", "solução injetável, ampola 3 mL", "ampola"),
    ("Propofol", "10 mg/mL", "emulsão injetável, ampola 20 mL", "ampola"),
    ("Diazepam", "10 mg", "comprimido", "comprimido"),
    ("Haloperidol", "5 mg/mL", "solução injetável, ampola 1 mL", "ampola"),
    ("Fenitoína", "50 mg/mL", "solução injetável, ampola 5 mL", "ampola"),
    ("Lidocaína", "2%", "solução injetável, frasco-ampola 20 mL", "frasco-ampola"),
    ("Lidocaína", "2%", "gel, bisnaga 30 g", "bisnaga"),
    ("Simeticona", "75 mg/mL", "emulsão oral, frasco 10 mL", "frasco"),
    ("Lactulose", "667 mg/mL", "xarope, frasco 120 mL", "frasco"),
    ("Prometazina", "25 mg/mL", "solução injetável, ampola 2 mL", "ampola"),
)  # fmt: skip

# Where the patients live: cidade, UF, CEP range, weight. The hospital is in
# São Paulo, so most come from the city and its metropolitan region.
CIDADES = (
    ("São Paulo", "SP", (1_000_000, 5_999_999), 48),
    ("São Paulo", "SP", (8_000_000, 8_499_999), 12),
    ("Guarulhos", "SP", (7_000_000, 7_399_999), 7),
    ("Osasco", "SP", (6_000_000, 6_299_999), 6),
    ("Santo André", "SP", (9_000_000, 9_299_999), 5),
    ("São Bernardo do Campo", "SP", (9_600_000, 9_899_999), 5),
    ("Campinas", "SP", (13_000_000, 13_139_999), 4),
    ("Santos", "SP", (11_000_000, 11_099_999), 3),
    ("Rio de Janeiro", "RJ", (20_000_000, 23_799_999), 3),
    ("Belo Horizonte", "MG", (30_000_000, 31_999_999), 3),
    ("Curitiba", "PR", (80_000_000, 82_999_999), 2),
    ("Salvador", "BA", (40_000_000, 42_599_999), 1),
    ("Recife", "PE", (50_000_000, 52_999_999), 1),
)
LOGRADOUROS = ("Rua", "Rua", "Rua", "Rua", "Avenida", "Avenida", "Travessa", "Alameda")
DDD = {"SP": "11", "RJ": "21", "MG": "31", "PR": "41", "BA": "71", "PE": "81"}

# Every 25th patient gets one of these, so a search for "jose" finds a few
# dozen (Faker's own list has José but no Josefa).
JOSES = (
    ("José", Sexo.MASCULINO),
    ("Josefa", Sexo.FEMININO),
    ("Maria José", Sexo.FEMININO),
    ("José Carlos", Sexo.MASCULINO),
    ("Joseane", Sexo.FEMININO),
    ("José Roberto", Sexo.MASCULINO),
)

# Ages of a general hospital's patients: (youngest, oldest, weight).
FAIXAS_ETARIAS = ((0, 12, 12), (13, 17, 5), (18, 39, 25), (40, 59, 27), (60, 98, 31))

# Addresses on reserved domains: a demo must never mail a real inbox.
EMAIL_DOMAINS = ("example.com", "example.net", "example.org")


class DemoSeeder:
    """What the steps share: the open transaction, the seeded Faker, "today",
    the ids each table got, and how many rows went in."""

    def __init__(
        self,
        connection: Connection,
        fake: Faker,
        today: date,
        tz: ZoneInfo,
        days: int = HISTORY_DAYS,
    ) -> None:
        self.connection = connection
        self.fake = fake
        self.rng: Random = fake.random
        self.today = today
        self.tz = tz
        self.days = days
        self.ids: dict[str, list[int]] = {}
        self.counts: Counter[str] = Counter()

    def insert(
        self, target: type[m.Base] | Table, rows: Sequence[Row], returning: bool = True
    ) -> list[int]:
        """Bulk insert into a model's table; the new ids, in the order of ``rows``
        (none with ``returning=False``, for the tables nothing refers to).

        The ids are given, counting on from the table's highest, rather than
        read back with RETURNING: in SQLite that reads them one row at a time,
        and a plain executemany (``CHUNK`` rows at a time) is several times
        faster. A concurrent insert into the same table would fail the seed on
        the primary key, never mix the rows up."""
        table = target if isinstance(target, Table) else cast(Table, target.__table__)
        if not rows:
            return []
        ids: list[int] = []
        if returning and "id" in table.c:
            first = (self.connection.scalar(select(func.max(table.c.id))) or 0) + 1
            ids = list(range(first, first + len(rows)))
            rows = [{**row, "id": i} for row, i in zip(rows, ids, strict=True)]
            self.ids.setdefault(table.name, []).extend(ids)
        for start in range(0, len(rows), CHUNK):
            self.connection.execute(insert(table), list(rows[start : start + CHUNK]))
        self.counts[table.name] += len(rows)
        return ids

    def nome(self, sexo: Sexo) -> str:
        """A Brazilian full name fitting ``sexo``."""
        fake = self.fake
        if sexo == Sexo.FEMININO:
            first = fake.first_name_female()
        elif sexo == Sexo.MASCULINO:
            first = fake.first_name_male()
        else:
            first = fake.first_name()
        surnames = [fake.last_name() for _ in range(self.rng.choice((1, 2, 2, 3)))]
        return " ".join([first, *surnames])

    def email(self, nome: str, domain: str | None = None) -> str:
        parts = normalizar_busca(nome).split()
        user = f"{parts[0]}.{parts[-1]}{self.rng.randint(1, 999)}"
        return f"{user}@{domain or self.rng.choice(EMAIL_DOMAINS)}"

    def telefone(self, uf: str = "SP") -> str:
        ddd = DDD.get(uf, "11")
        n = self.rng.randint(0, 99_999_999)
        return f"({ddd}) 9{n // 10_000:04d}-{n % 10_000:04d}"


Step = Callable[[DemoSeeder], None]


def named(nome: str) -> Row:
    """``nome`` with the folded ``nome_busca`` the search reads; Core inserts
    skip the model hook that fills it."""
    return {"nome": nome, "nome_busca": normalizar_busca(nome)}


def seed_demo_hospital(
    settings: Settings, only_if_empty: bool = False, days: int = HISTORY_DAYS
) -> int:
    """Fill an empty database with the demo hospital; the process exit code.

    A database with any paciente or setor is left alone: refused (1), or
    skipped (0) with ``only_if_empty``. Users do not count, so the admin that
    ``python run.py`` creates does not stop a later seed. ``days`` is how much
    history ``seed_history`` makes (the tests use less than the CLI's year).
    """
    container = build_container(settings)
    started = time.perf_counter()
    try:
        with container.engine.begin() as connection:
            present = _records_present(connection)
            if present:
                return _not_empty(present, only_if_empty)

            fake = Faker("pt_BR")
            fake.seed_instance(SEED)
            today = datetime.now(settings.tz).date()
            seeder = DemoSeeder(connection, fake, today, settings.tz, days)
            for step in STEPS:
                step(seeder)
    finally:
        container.engine.dispose()

    elapsed = time.perf_counter() - started
    print(f"Demo hospital created in {elapsed:.1f} s: {_summary(seeder.counts)}.")
    return 0


def seed_registries(seeder: DemoSeeder) -> None:
    """Setores with their leitos, especialidades, medicos, convenios,
    pacientes with one address each, and medicamentos with stock."""
    _setores_and_leitos(seeder)
    _especialidades_and_medicos(seeder)
    _convenios(seeder)
    _pacientes(seeder)
    _medicamentos(seeder)


def seed_history(seeder: DemoSeeder) -> None:
    """``seeder.days`` of the hospital's life before today, and the agenda of
    the next two weeks (see ``_History``)."""
    _History(seeder).run()


STEPS: tuple[Step, ...] = (seed_registries, seed_history)


def _records_present(connection: Connection) -> dict[str, int]:
    counts = {
        "pacientes": connection.scalar(select(func.count(m.PacienteModel.id))) or 0,
        "setores": connection.scalar(select(func.count(m.SetorModel.id))) or 0,
    }
    return {name: n for name, n in counts.items() if n}


def _not_empty(present: dict[str, int], only_if_empty: bool) -> int:
    found = ", ".join(f"{n} {name}" for name, n in present.items())
    if only_if_empty:
        print(f"Demo hospital not seeded: the database already has data ({found}).")
        return 0
    print(
        f"seed-demo refused: the database already has data ({found}). It only "
        "fills an empty database; point DATABASE_URL or DB_NAME at a new one.",
        file=sys.stderr,
    )
    return 1


def _summary(counts: Counter[str]) -> str:
    return ", ".join(
        f"{n} {table}"
        for table, n in counts.items()
        if table != "medico_especialidades"
    )


def _setores_and_leitos(seeder: DemoSeeder) -> None:
    setor_ids = seeder.insert(
        m.SetorModel,
        [
            {
                **named(nome),
                "descricao": f"{nome}: {sum(n for _, n in leitos)} leitos.",
                "tipo": tipo.value,
                "valor_diaria": Decimal(diaria),
            }
            for nome, tipo, diaria, _, leitos in SETORES
        ],
    )

    rows = []
    for setor_id, (_, _, _, prefix, leitos) in zip(setor_ids, SETORES, strict=True):
        n = 0
        for tipo, how_many in leitos:
            for _ in range(how_many):
                n += 1
                # A few beds are out of service, as in any real ward.
                status = (
                    StatusLeito.MANUTENCAO
                    if seeder.rng.random() < 0.03
                    else StatusLeito.LIVRE
                )
                rows.append(
                    {
                        "setor_id": setor_id,
                        "codigo": f"{prefix}-{n:02d}",
                        "tipo": tipo.value,
                        "status": status.value,
                    }
                )
    seeder.insert(m.LeitoModel, rows)


def _especialidades_and_medicos(seeder: DemoSeeder) -> None:
    rng = seeder.rng
    especialidade_ids = seeder.insert(
        m.EspecialidadeModel,
        [{**named(nome), "descricao": descricao} for nome, descricao in ESPECIALIDADES],
    )

    medicos: list[Row] = []
    crms: set[tuple[str, str]] = set()
    while len(medicos) < 40:
        uf = "SP" if rng.random() < 0.85 else rng.choice(UFS)
        crm = str(rng.randint(10_000, 239_999))
        if (crm, uf) in crms:
            continue
        crms.add((crm, uf))
        nome = seeder.nome(rng.choice((Sexo.FEMININO, Sexo.MASCULINO)))
        medicos.append(
            {
                **named(nome),
                "crm": crm,
                "uf_crm": uf,
                "email": seeder.email(nome, "hospital.example"),
                "telefone": seeder.telefone(),
            }
        )
    medico_ids = seeder.insert(m.MedicoModel, medicos)

    links = []
    for i, medico_id in enumerate(medico_ids):
        # Round robin first, so every especialidade has a doctor.
        chosen = {especialidade_ids[i % len(especialidade_ids)]}
        if rng.random() < 0.35:
            chosen.add(rng.choice(especialidade_ids))
        links += [{"medico_id": medico_id, "especialidade_id": e} for e in chosen]
    seeder.insert(m.medico_especialidades, links)


def _convenios(seeder: DemoSeeder) -> None:
    registros = seeder.rng.sample(range(300_000, 430_000), len(CONVENIOS))
    seeder.insert(
        m.ConvenioModel,
        [
            {
                **named(nome),
                "registro_ans": str(registro),
                "prazo_pagamento_dias": prazo,
                "ativo": True,
            }
            for (nome, prazo, _), registro in zip(CONVENIOS, registros, strict=True)
        ],
    )


def _pacientes(seeder: DemoSeeder) -> None:
    rng, fake = seeder.rng, seeder.fake
    convenio_ids = seeder.ids["convenios"]
    convenio_weights = [share for _, _, share in CONVENIOS]
    cidade_weights = [weight for *_, weight in CIDADES]
    cpf_check = CPF()

    pacientes: list[Row] = []
    enderecos: list[Row] = []
    cpfs: set[str] = set()
    for i in range(PACIENTES):
        sexo = rng.choices(
            (Sexo.FEMININO, Sexo.MASCULINO, Sexo.NAO_INFORMADO, Sexo.OUTRO),
            (52, 46, 1.5, 0.5),
        )[0]
        nome = seeder.nome(sexo)
        if i % 25 == 0:
            first, sexo = JOSES[(i // 25) % len(JOSES)]
            nome = f"{first} {fake.last_name()} {fake.last_name()}"

        cpf = apenas_digitos(fake.cpf())
        while cpf in cpfs or not cpf_check.validate(cpf):
            cpf = apenas_digitos(fake.cpf())
        cpfs.add(cpf)

        cidade, uf, (cep_min, cep_max), _ = rng.choices(CIDADES, cidade_weights)[0]
        convenio_id = (
            rng.choices(convenio_ids, convenio_weights)[0]
            if rng.random() < 0.55
            else None
        )
        pacientes.append(
            {
                **named(nome),
                "data_nascimento": _birth_date(seeder),
                "cpf": cpf,
                "cns": _cns(seeder) if rng.random() < 0.35 else None,
                "sexo": sexo.value,
                "email": seeder.email(nome) if rng.random() < 0.7 else None,
                "telefone": seeder.telefone(uf) if rng.random() < 0.9 else None,
                "convenio_id": convenio_id,
                "numero_carteirinha": (
                    f"{rng.randint(0, 10**16 - 1):016d}" if convenio_id else None
                ),
            }
        )
        enderecos.append(
            {
                "logradouro": f"{rng.choice(LOGRADOUROS)} {fake.first_name()} "
                f"{fake.last_name()}",
                "numero": str(rng.randint(1, 3_999)),
                "complemento": _complemento(seeder),
                "bairro": fake.bairro(),
                "cidade": cidade,
                "uf": uf,
                "cep": f"{rng.randint(cep_min, cep_max):08d}",
                "principal": True,
            }
        )

    paciente_ids = seeder.insert(m.PacienteModel, pacientes)
    for paciente_id, endereco in zip(paciente_ids, enderecos, strict=True):
        endereco["paciente_id"] = paciente_id
    seeder.insert(m.EnderecoModel, enderecos)


def _birth_date(seeder: DemoSeeder) -> date:
    low, high, _ = seeder.rng.choices(
        FAIXAS_ETARIAS, [weight for *_, weight in FAIXAS_ETARIAS]
    )[0]
    days_old = seeder.rng.randint(low * 365, high * 365 + 364)
    return max(seeder.today - timedelta(days=days_old), date(1900, 1, 1))


def _cns(seeder: DemoSeeder) -> str:
    """A definitive Cartão Nacional de Saúde (starting 7, 8 or 9): fifteen
    digits whose sum weighted 15 down to 1 is a multiple of 11."""
    while True:
        body = [seeder.rng.choice((7, 8, 9))] + [
            seeder.rng.randint(0, 9) for _ in range(13)
        ]
        last = -sum(d * (15 - i) for i, d in enumerate(body)) % 11
        if last < 10:
            return "".join(map(str, [*body, last]))


def _complemento(seeder: DemoSeeder) -> str | None:
    roll = seeder.rng.random()
    if roll < 0.25:
        return f"Apto {seeder.rng.randint(1, 24)}{seeder.rng.randint(1, 8)}"
    if roll < 0.32:
        return f"Casa {seeder.rng.randint(1, 4)}"
    return None


def _medicamentos(seeder: DemoSeeder) -> None:
    rng = seeder.rng
    rows: list[Row] = []
    for principio, concentracao, apresentacao, unidade in MEDICAMENTOS:
        nome = f"{principio} {concentracao}".strip()
        if any(r["nome"] == nome for r in rows):
            nome = f"{nome} ({apresentacao.split(',')[0]})"
        minimo = rng.choice((20, 30, 50, 80, 100, 150, 200))
        # About one in eight starts below its minimum, for the stock alerts.
        atual = (
            rng.randint(0, minimo - 1)
            if rng.random() < 0.12
            else rng.randint(minimo, minimo * 6)
        )
        rows.append(
            {
                **named(nome),
                "principio_ativo": principio,
                "apresentacao": apresentacao,
                "unidade": unidade,
                "estoque_atual": atual,
                "estoque_minimo": minimo,
            }
        )
    seeder.insert(m.MedicamentoModel, rows)


# --------------------------------------------------------------------------
# A year of history (seed_history)
#
# Stays come from a small event simulation: patients arrive by the kind of
# stay (``VIAS``), take a free bed of the setor their plan starts in (or are
# turned away when there is none), move along the plan (ward -> UTI -> ward,
# pronto-socorro -> ward, ward -> recovery room -> ward) when the next setor
# has a free bed, and leave. A bed holds one stay at a time and is cleaned
# before the next, and a patient is in one stay at a time, so the rules the API
# enforces on admissions and transfers hold in the history too. Everything
# else (consultas, exames, prescricoes, stock, bills) is laid around it.

AGENDA_DAYS = 14
WARMUP_DAYS = 21  # the simulation starts this much earlier: day one is not empty
READMISSAO = timedelta(days=30)
TRANSFER_RETRIES = 12  # tries, two hours apart, to find a bed in the next setor

# National holidays on a fixed date: the outpatient clinic is closed.
FERIADOS = {(1, 1), (4, 21), (5, 1), (9, 7), (10, 12), (11, 2), (11, 15), (11, 20),
            (12, 25)}  # fmt: skip

# How arrivals at the pronto-socorro spread over the day, hour 0 to 23.
HORAS_PS = (2, 1.5, 1, 1, 1, 1.5, 2, 3, 5, 6, 6, 6, 5.5, 5.5, 6, 6, 6, 6, 6, 6,
            5.5, 5, 4, 3)  # fmt: skip


@dataclass(frozen=True)
class Via:
    """A kind of stay: how many a day, who, how they arrive, and with what."""

    por_dia: float
    pacientes: str  # a pool of ``_History.pools``
    chegada: str  # "ps": any hour, busier by day; "eletiva": working-day mornings
    readmissao: float  # share of the admissions that bring back a recent alta
    diagnosticos: tuple[tuple[str, int], ...]  # CID-10 and weight
    sazonal: float = 0.0  # how much busier in the southern winter


VIAS = {
    "clinico": Via(5.2, "idoso", "ps", 0.15, (
        ("J18.9", 18), ("I50.9", 14), ("N39.0", 12), ("J44.1", 10), ("E11.9", 7),
        ("I63.9", 6), ("N17.9", 5), ("K92.2", 5), ("A41.9", 4)), 0.15),
    "critico": Via(1.9, "idoso", "ps", 0.08, (
        ("A41.9", 35), ("I21.9", 35), ("I63.9", 10), ("J18.9", 10), ("I50.9", 10))),
    "eletivo": Via(5.2, "adulto", "eletiva", 0.0, (
        ("K80.2", 35), ("K40.9", 30), ("N20.0", 15), ("D25.9", 10), ("S82.2", 10))),
    "urgencia": Via(1.6, "adulto", "ps", 0.04, (
        ("K35.8", 50), ("S72.0", 28), ("S82.2", 12), ("K56.7", 10))),
    "obstetrico": Via(1.5, "gestante", "qualquer", 0.0, (("O80", 65), ("O82", 35))),
    "pediatrico": Via(3.3, "crianca", "ps", 0.08, (
        ("J21.9", 25), ("J18.9", 25), ("A09", 20), ("J45.9", 15), ("N39.0", 15)),
        0.35),
    "observacao": Via(5.5, "todos", "ps", 0.06, (
        ("R10.4", 22), ("R07.4", 20), ("A09", 15), ("N23", 15), ("J45.9", 10),
        ("R55", 10))),
}  # fmt: skip

# Diagnoses that take someone other than the kind of stay's usual patients.
POOL_DIAGNOSTICO = {"S72.0": "idoso", "D25.9": "mulher", "I21.9": "idoso"}

# Median days on the ward, by diagnosis.
DIAS_ENFERMARIA = {
    "J18.9": 5, "I50.9": 6, "N39.0": 4, "J44.1": 5, "E11.9": 4, "I63.9": 7,
    "N17.9": 6, "K92.2": 4, "A41.9": 6, "I21.9": 4, "K80.2": 2, "K40.9": 1.5,
    "N20.0": 2, "D25.9": 3, "S82.2": 4, "K35.8": 2.5, "S72.0": 6, "K56.7": 5,
}  # fmt: skip

ISOLAMENTO = {"A41.9", "J21.9"}  # prefer an isolation bed
CIRURGICOS = {"eletivo", "urgencia"}

# The attending doctor's especialidade: by kind of stay, else by diagnosis.
ESPECIALIDADE_VIA = {"pediatrico": "Pediatria", "critico": "Medicina Intensiva",
                     "observacao": "Clínica Médica"}  # fmt: skip
ESPECIALIDADE_DIAGNOSTICO = {
    "J18.9": "Pneumologia", "J44.1": "Pneumologia", "I50.9": "Cardiologia",
    "I21.9": "Cardiologia", "N17.9": "Nefrologia", "A41.9": "Infectologia",
    "I63.9": "Neurologia", "K35.8": "Cirurgia Geral", "K80.2": "Cirurgia Geral",
    "K40.9": "Cirurgia Geral", "K56.7": "Cirurgia Geral", "N20.0": "Cirurgia Geral",
    "S72.0": "Ortopedia e Traumatologia", "S82.2": "Ortopedia e Traumatologia",
    "O80": "Ginecologia e Obstetrícia", "O82": "Ginecologia e Obstetrícia",
    "D25.9": "Ginecologia e Obstetrícia",
}  # fmt: skip

# The outpatient clinic: how much each especialidade sees, its price, and who.
CONSULTA = {  # nome: (weight, price, patient pool)
    "Clínica Médica": (1.0, "220.00", "adulto"),
    "Cardiologia": (1.0, "320.00", "adulto"),
    "Pediatria": (1.0, "240.00", "menor"),
    "Ortopedia e Traumatologia": (1.0, "300.00", "todos"),
    "Ginecologia e Obstetrícia": (1.0, "280.00", "feminino"),
    "Cirurgia Geral": (0.6, "300.00", "adulto"),
    "Neurologia": (0.7, "350.00", "todos"),
    "Pneumologia": (0.7, "300.00", "adulto"),
    "Nefrologia": (0.5, "320.00", "adulto"),
    "Infectologia": (0.4, "300.00", "adulto"),
    "Medicina Intensiva": (0.05, "380.00", "adulto"),
    "Anestesiologia": (0.3, "250.00", "adulto"),
}
DURACOES = (20, 30, 30, 30, 30, 40, 45, 60)
INTERVALOS = (0, 0, 0, 5, 10, 15, 30)
MANHA, TARDE = (8 * 60, 12 * 60), (13 * 60 + 30, 17 * 60 + 30)
VAGA_OCUPADA = 0.7  # share of a session's slots that get booked
OBSERVACOES_CONSULTA = ("Retorno.", "Primeira consulta.", "Trazer exames anteriores.",
                        "Encaminhado pela UBS.", "Paciente prefere contato por "
                        "telefone.")  # fmt: skip

# tipo: (laboratory, price)
EXAMES = {
    "Hemograma completo": (True, "25.00"),
    "Proteína C reativa": (True, "30.00"),
    "Glicemia de jejum": (True, "12.00"),
    "Hemoglobina glicada": (True, "35.00"),
    "Creatinina": (True, "15.00"),
    "Ureia": (True, "15.00"),
    "Sódio e potássio": (True, "22.00"),
    "Perfil lipídico": (True, "45.00"),
    "TSH": (True, "40.00"),
    "Urina tipo I": (True, "18.00"),
    "Urocultura com antibiograma": (True, "55.00"),
    "Hemocultura": (True, "70.00"),
    "Troponina I": (True, "80.00"),
    "Gasometria arterial": (True, "60.00"),
    "Raio-X de tórax PA e perfil": (False, "90.00"),
    "Raio-X de quadril": (False, "95.00"),
    "Raio-X de perna": (False, "85.00"),
    "Eletrocardiograma": (False, "60.00"),
    "Ecocardiograma transtorácico": (False, "350.00"),
    "Ultrassonografia de abdome total": (False, "220.00"),
    "Ultrassonografia transvaginal": (False, "180.00"),
    "Ultrassonografia obstétrica": (False, "200.00"),
    "Tomografia de crânio": (False, "480.00"),
    "Tomografia de abdome": (False, "650.00"),
    "Ressonância magnética de joelho": (False, "900.00"),
    "Mamografia bilateral": (False, "180.00"),
}
EXAMES_DIAGNOSTICO = {
    "J18.9": ("Raio-X de tórax PA e perfil", "Hemocultura"),
    "I50.9": ("Eletrocardiograma", "Ecocardiograma transtorácico"),
    "N39.0": ("Urina tipo I", "Urocultura com antibiograma"),
    "A41.9": ("Hemocultura", "Gasometria arterial", "Urocultura com antibiograma"),
    "I21.9": ("Troponina I", "Eletrocardiograma", "Ecocardiograma transtorácico"),
    "I63.9": ("Tomografia de crânio", "Eletrocardiograma"),
    "E11.9": ("Glicemia de jejum", "Hemoglobina glicada"),
    "J44.1": ("Gasometria arterial", "Raio-X de tórax PA e perfil"),
    "N17.9": ("Ureia", "Sódio e potássio", "Ultrassonografia de abdome total"),
    "K92.2": ("Ureia", "Sódio e potássio"),
    "K35.8": ("Ultrassonografia de abdome total", "Tomografia de abdome"),
    "K80.2": ("Ultrassonografia de abdome total", "Eletrocardiograma"),
    "K40.9": ("Eletrocardiograma", "Glicemia de jejum"),
    "K56.7": ("Tomografia de abdome", "Sódio e potássio"),
    "N20.0": ("Tomografia de abdome", "Urina tipo I"),
    "D25.9": ("Ultrassonografia transvaginal", "Eletrocardiograma"),
    "S72.0": ("Raio-X de quadril", "Eletrocardiograma"),
    "S82.2": ("Raio-X de perna", "Eletrocardiograma"),
    "O80": ("Ultrassonografia obstétrica",),
    "O82": ("Ultrassonografia obstétrica",),
    "J21.9": ("Raio-X de tórax PA e perfil",),
    "A09": ("Sódio e potássio", "Ureia"),
    "J45.9": ("Raio-X de tórax PA e perfil",),
    "R10.4": ("Ultrassonografia de abdome total", "Urina tipo I"),
    "R07.4": ("Eletrocardiograma", "Troponina I"),
    "N23": ("Urina tipo I", "Tomografia de abdome"),
    "R55": ("Eletrocardiograma", "Glicemia de jejum"),
}
EXAMES_CONSULTA = {
    "Clínica Médica": ("Hemograma completo", "Glicemia de jejum", "Perfil lipídico",
                       "Creatinina", "TSH", "Urina tipo I"),
    "Cardiologia": ("Eletrocardiograma", "Ecocardiograma transtorácico",
                    "Perfil lipídico"),
    "Pediatria": ("Hemograma completo", "Urina tipo I", "Raio-X de tórax PA e perfil"),
    "Ortopedia e Traumatologia": ("Raio-X de quadril", "Raio-X de perna",
                                  "Ressonância magnética de joelho"),
    "Ginecologia e Obstetrícia": ("Mamografia bilateral", "Ultrassonografia "
                                  "transvaginal", "Ultrassonografia obstétrica"),
    "Cirurgia Geral": ("Ultrassonografia de abdome total", "Hemograma completo"),
    "Neurologia": ("Tomografia de crânio",),
    "Pneumologia": ("Raio-X de tórax PA e perfil", "Hemograma completo"),
    "Nefrologia": ("Creatinina", "Ureia", "Sódio e potássio", "Urina tipo I"),
    "Infectologia": ("Hemograma completo", "Proteína C reativa"),
    "Medicina Intensiva": ("Hemograma completo",),
    "Anestesiologia": ("Hemograma completo", "Eletrocardiograma", "Creatinina"),
}  # fmt: skip

# How a medicamento is prescribed: (principio_ativo, concentração, part of the
# apresentação), dose, via, frequência, units a day (0: one unit a prescription).
USOS: dict[str, tuple[tuple[str, str, str], str, str, str, int]] = {
    "dipirona_iv": (("Dipirona sódica", "500 mg/mL", ""), "1 g", "intravenosa",
                    "6/6h se dor ou febre", 2),
    "dipirona_vo": (("Dipirona sódica", "500 mg", ""), "500 mg", "oral",
                    "6/6h se dor ou febre", 3),
    "paracetamol_vo": (("Paracetamol", "500 mg", ""), "500 mg", "oral",
                       "6/6h se dor ou febre", 3),
    "paracetamol_gotas": (("Paracetamol", "200 mg/mL", ""), "1 gota/kg", "oral",
                          "6/6h se febre", 0),
    "ibuprofeno_vo": (("Ibuprofeno", "600 mg", ""), "600 mg", "oral", "8/8h", 3),
    "ibuprofeno_susp": (("Ibuprofeno", "50 mg/mL", ""), "10 mg/kg", "oral",
                        "8/8h se febre", 0),
    "cetoprofeno": (("Cetoprofeno", "100 mg", ""), "100 mg", "intravenosa",
                    "12/12h", 2),
    "tramadol_iv": (("Tramadol", "50 mg/mL", ""), "100 mg", "intravenosa",
                    "8/8h se dor intensa", 2),
    "morfina_iv": (("Morfina", "10 mg/mL", ""), "2 mg", "intravenosa",
                   "4/4h se dor intensa", 2),
    "fentanila": (("Fentanila", "50 mcg/mL", ""), "100 mcg", "intravenosa",
                  "na indução anestésica", 0),
    "propofol": (("Propofol", "10 mg/mL", ""), "2 mg/kg", "intravenosa",
                 "na indução anestésica", 0),
    "midazolam": (("Midazolam", "5 mg/mL", ""), "5 mg", "intravenosa",
                  "antes do procedimento", 0),
    "omeprazol_iv": (("Omeprazol", "40 mg", ""), "40 mg", "intravenosa",
                     "1x ao dia", 1),
    "omeprazol_vo": (("Omeprazol", "20 mg", ""), "20 mg", "oral",
                     "1x ao dia, em jejum", 1),
    "ondansetrona_iv": (("Ondansetrona", "2 mg/mL", ""), "4 mg", "intravenosa",
                        "8/8h se náusea", 2),
    "ondansetrona_vo": (("Ondansetrona", "4 mg", ""), "4 mg", "oral",
                        "8/8h se náusea", 2),
    "metoclopramida_iv": (("Metoclopramida", "5 mg/mL", ""), "10 mg", "intravenosa",
                          "8/8h se náusea", 2),
    "ceftriaxona": (("Ceftriaxona", "1 g", ""), "1 g", "intravenosa", "12/12h", 2),
    "cefazolina": (("Cefazolina", "1 g", ""), "1 g", "intravenosa", "8/8h", 3),
    "amoxicilina": (("Amoxicilina", "500 mg", ""), "500 mg", "oral", "8/8h", 3),
    "amox_clav": (("Amoxicilina + clavulanato", "875 mg + 125 mg", ""), "875 mg",
                  "oral", "12/12h", 2),
    "azitromicina": (("Azitromicina", "500 mg", ""), "500 mg", "oral", "1x ao dia",
                     1),
    "vancomicina": (("Vancomicina", "500 mg", ""), "1 g", "intravenosa", "12/12h",
                    4),
    "piptazo": (("Piperacilina + tazobactam", "4 g + 0,5 g", ""), "4,5 g",
                "intravenosa", "6/6h", 4),
    "meropenem": (("Meropeném", "1 g", ""), "1 g", "intravenosa", "8/8h", 3),
    "cipro_vo": (("Ciprofloxacino", "500 mg", ""), "500 mg", "oral", "12/12h", 2),
    "metronidazol": (("Metronidazol", "5 mg/mL", ""), "500 mg", "intravenosa",
                     "8/8h", 3),
    "fluconazol": (("Fluconazol", "150 mg", ""), "150 mg", "oral", "dose única", 0),
    "enoxaparina": (("Enoxaparina", "40 mg/0,4 mL", ""), "40 mg", "subcutânea",
                    "1x ao dia", 1),
    "heparina": (("Heparina sódica", "5.000 UI/0,25 mL", ""), "5.000 UI",
                 "subcutânea", "8/8h", 3),
    "furosemida_iv": (("Furosemida", "10 mg/mL", ""), "20 mg", "intravenosa",
                      "12/12h", 2),
    "furosemida_vo": (("Furosemida", "40 mg", ""), "40 mg", "oral", "1x ao dia", 1),
    "captopril": (("Captopril", "25 mg", ""), "25 mg", "oral", "8/8h", 3),
    "losartana": (("Losartana potássica", "50 mg", ""), "50 mg", "oral", "12/12h",
                  2),
    "anlodipino": (("Anlodipino", "5 mg", ""), "5 mg", "oral", "1x ao dia", 1),
    "carvedilol": (("Carvedilol", "6,25 mg", ""), "6,25 mg", "oral", "12/12h", 2),
    "atenolol": (("Atenolol", "25 mg", ""), "25 mg", "oral", "1x ao dia", 1),
    "noradrenalina": (("Noradrenalina", "1 mg/mL", ""), "4 mg em 250 mL de SG 5%",
                      "intravenosa", "contínua, conforme PAM", 3),
    "aas": (("Ácido acetilsalicílico", "100 mg", ""), "100 mg", "oral", "1x ao dia",
            1),
    "clopidogrel": (("Clopidogrel", "75 mg", ""), "75 mg", "oral", "1x ao dia", 1),
    "sinvastatina": (("Sinvastatina", "20 mg", ""), "20 mg", "oral",
                     "1x ao dia, à noite", 1),
    "atorvastatina": (("Atorvastatina", "40 mg", ""), "40 mg", "oral",
                      "1x ao dia, à noite", 1),
    "metformina": (("Metformina", "850 mg", ""), "850 mg", "oral", "12/12h", 2),
    "insulina_nph": (("Insulina humana NPH", "100 UI/mL", ""), "10 UI",
                     "subcutânea", "12/12h", 0),
    "insulina_regular": (("Insulina humana regular", "100 UI/mL", ""),
                         "conforme glicemia capilar", "subcutânea", "6/6h", 0),
    "glicose_50": (("Glicose", "50%", ""), "20 mL", "intravenosa",
                   "se glicemia < 70 mg/dL", 1),
    "hidrocortisona": (("Hidrocortisona", "100 mg", ""), "100 mg", "intravenosa",
                       "8/8h", 3),
    "prednisona": (("Prednisona", "20 mg", ""), "40 mg", "oral", "1x ao dia", 2),
    "salbutamol": (("Salbutamol", "100 mcg/dose", ""), "4 jatos", "inalatória",
                   "4/4h", 0),
    "ipratropio": (("Ipratrópio", "0,25 mg/mL", ""), "20 gotas", "inalatória",
                   "6/6h", 0),
    "levotiroxina": (("Levotiroxina", "50 mcg", ""), "50 mcg", "oral",
                     "1x ao dia, em jejum", 1),
    "sf_500": (("Cloreto de sódio", "0,9%", "500 mL"), "500 mL", "intravenosa",
               "12/12h", 2),
    "sf_1000": (("Cloreto de sódio", "0,9%", "1000 mL"), "1.000 mL", "intravenosa",
                "8/8h", 3),
    "ringer": (("Ringer com lactato", "", ""), "500 mL", "intravenosa", "8/8h", 3),
    "kcl": (("Cloreto de potássio", "19,1%", ""), "10 mL no soro", "intravenosa",
            "12/12h", 2),
}  # fmt: skip
KITS = {
    "pneumonia": ("ceftriaxona", "azitromicina", "dipirona_iv", "omeprazol_iv",
                  "enoxaparina", "sf_500"),
    "icc": ("furosemida_iv", "carvedilol", "losartana", "enoxaparina", "aas",
            "furosemida_vo"),
    "itu": ("ceftriaxona", "cipro_vo", "dipirona_vo", "sf_500", "ondansetrona_iv"),
    "sepse": ("meropenem", "vancomicina", "piptazo", "noradrenalina", "sf_1000",
              "ringer", "hidrocortisona", "omeprazol_iv", "heparina"),
    "coronaria": ("aas", "clopidogrel", "atorvastatina", "enoxaparina", "morfina_iv",
                  "atenolol", "captopril"),
    "avc": ("aas", "sinvastatina", "heparina", "captopril", "dipirona_iv",
            "omeprazol_iv"),
    "diabetes": ("insulina_nph", "insulina_regular", "glicose_50", "metformina",
                 "sf_500", "kcl"),
    "dpoc": ("salbutamol", "ipratropio", "prednisona", "hidrocortisona",
             "azitromicina", "enoxaparina"),
    "renal": ("sf_1000", "furosemida_iv", "omeprazol_iv", "dipirona_iv"),
    "hemorragia": ("omeprazol_iv", "sf_1000", "ondansetrona_iv", "metoclopramida_iv"),
    "cirurgia": ("cefazolina", "dipirona_iv", "tramadol_iv", "ondansetrona_iv",
                 "omeprazol_iv", "enoxaparina", "ringer", "metronidazol",
                 "cetoprofeno"),
    "ortopedia": ("cefazolina", "enoxaparina", "tramadol_iv", "morfina_iv",
                  "dipirona_iv", "ondansetrona_iv"),
    "parto": ("paracetamol_vo", "ibuprofeno_vo", "dipirona_vo", "ondansetrona_iv"),
    "pediatria": ("paracetamol_gotas", "ibuprofeno_susp", "amoxicilina",
                  "salbutamol", "ceftriaxona", "sf_500", "ondansetrona_vo"),
    "observacao": ("dipirona_iv", "cetoprofeno", "metoclopramida_iv",
                   "ondansetrona_iv", "sf_500", "tramadol_iv", "salbutamol"),
}  # fmt: skip
ANESTESIA = ("propofol", "fentanila", "midazolam")
KIT_DIAGNOSTICO = {
    "J18.9": "pneumonia", "I50.9": "icc", "N39.0": "itu", "A41.9": "sepse",
    "I21.9": "coronaria", "I63.9": "avc", "E11.9": "diabetes", "J44.1": "dpoc",
    "N17.9": "renal", "K92.2": "hemorragia", "S72.0": "ortopedia",
    "S82.2": "ortopedia", "O80": "parto",
}  # fmt: skip
RECEITAS_CONSULTA = {
    "Clínica Médica": ("losartana", "metformina", "sinvastatina", "omeprazol_vo",
                       "anlodipino", "levotiroxina"),
    "Cardiologia": ("losartana", "carvedilol", "aas", "atorvastatina", "anlodipino",
                    "furosemida_vo"),
    "Pediatria": ("paracetamol_gotas", "ibuprofeno_susp", "amoxicilina"),
    "Ortopedia e Traumatologia": ("ibuprofeno_vo", "paracetamol_vo", "dipirona_vo"),
    "Ginecologia e Obstetrícia": ("paracetamol_vo", "ibuprofeno_vo", "fluconazol"),
    "Cirurgia Geral": ("dipirona_vo", "paracetamol_vo", "omeprazol_vo"),
    "Neurologia": ("paracetamol_vo", "dipirona_vo"),
    "Pneumologia": ("salbutamol", "prednisona", "azitromicina"),
    "Nefrologia": ("losartana", "furosemida_vo"),
    "Infectologia": ("amoxicilina", "azitromicina", "cipro_vo", "amox_clav"),
    "Medicina Intensiva": ("paracetamol_vo",),
    "Anestesiologia": ("dipirona_vo",),
}  # fmt: skip

# Share of each insurer's bills never paid (by CONVENIOS position), and a
# private patient's; the rest are paid within about the term, some late.
INADIMPLENCIA = (0.03, 0.05, 0.08, 0.04, 0.18, 0.02)
INADIMPLENCIA_PARTICULAR = 0.10


@dataclass
class _Passagem:
    leito: int
    setor: str  # the SETORES prefix: "CM", "UTI", ...
    inicio: datetime
    fim: datetime | None = None


@dataclass
class _Stay:
    paciente: int
    via: str
    diagnostico: str
    medico_id: int
    plano: list[tuple[str, int]]  # (setor, minutes) from the admission on
    obito: bool
    observacoes: str
    passagens: list[_Passagem] = field(default_factory=list)
    pos: int = 0
    tentativas: int = 0
    alta: datetime | None = None
    motivo: str | None = None
    id: int = 0

    @property
    def admissao(self) -> datetime:
        return self.passagens[0].inicio


@dataclass
class _Consulta:
    paciente: int
    medico: int
    especialidade_id: int
    especialidade: str
    inicio: datetime
    minutos: int
    status: str
    criado: datetime
    atualizado: datetime
    observacoes: str | None
    id: int = 0

    @property
    def fim(self) -> datetime:
        return self.inicio + timedelta(minutes=self.minutos)


@dataclass
class _Exame:
    paciente: int
    medico: int
    tipo: str
    solicitado: datetime
    ambulatorial: bool
    limite: datetime | None  # the alta, or the patient's death: not started after
    status: str = StatusExame.SOLICITADO.value
    inicio: datetime | None = None
    resultado_em: datetime | None = None
    resultado: str | None = None
    atualizado: datetime | None = None
    id: int = 0


@dataclass
class _Prescricao:
    paciente: int
    medico: int
    internacao_id: int | None
    criado: datetime
    status: str
    atualizado: datetime
    dispensada: datetime | None
    itens: list[Row]
    id: int = 0


Event = tuple[datetime, int, str, Any]


class _History:
    """``seeder.days`` of history before ``seeder.today`` and the agenda after
    it; ``run`` computes each table in Python and bulk inserts it."""

    def __init__(self, seeder: DemoSeeder) -> None:
        self.seeder = seeder
        self.rng = seeder.rng
        self.tz = seeder.tz
        self.today = seeder.today
        self.cutoff = self.at(seeder.today, 0)
        self.first_day = seeder.today - timedelta(days=seeder.days)
        self.sim_first_day = self.first_day - timedelta(days=WARMUP_DAYS)
        self._load()

        self.occupant: dict[int, _Stay | None] = dict.fromkeys(self.leito_tipo)
        self.free_at: dict[int, datetime] = dict.fromkeys(
            self.leito_tipo, self.at(self.sim_first_day, 0)
        )
        self.in_hospital: set[int] = set()
        self.last_alta: dict[int, datetime] = {}
        self.dead_at: dict[int, datetime] = {}
        self.recent_times: list[datetime] = []
        self.recent: list[_Stay] = []
        self.heap: list[Event] = []
        self.seq = 0

    def run(self) -> None:
        stays = self._simulate()
        self._insert_internacoes(stays)
        consultas = self._consultas(stays)
        exames = self._exames(consultas, stays)
        dispensacoes = self._prescricoes(consultas, stays)
        self._estoque(dispensacoes)
        self._lancamentos(consultas, exames, stays)

    # -- time ---------------------------------------------------------------

    def at(self, dia: date, minutos: int) -> datetime:
        """``minutos`` after midnight of ``dia`` in the hospital's zone, in UTC."""
        midnight = datetime.combine(dia, clock_time(), self.tz).astimezone(UTC)
        return midnight + timedelta(minutes=minutos)

    def dia(self, instante: datetime) -> date:
        return instante.astimezone(self.tz).date()

    def _dias(self, first: date, last: date) -> list[date]:
        return [first + timedelta(days=n) for n in range((last - first).days + 1)]

    def _util(self, dia: date) -> bool:
        return dia.weekday() < 5 and (dia.month, dia.day) not in FERIADOS

    # -- what the registries made -------------------------------------------

    def _load(self) -> None:
        connection, ids = self.seeder.connection, self.seeder.ids
        pacientes = m.PacienteModel.__table__
        self.convenio_of: dict[int, int | None] = {}
        pools: dict[str, list[int]] = defaultdict(list)
        for row in connection.execute(
            select(
                pacientes.c.id,
                pacientes.c.data_nascimento,
                pacientes.c.sexo,
                pacientes.c.convenio_id,
            ).order_by(pacientes.c.id)
        ):
            self.convenio_of[row.id] = row.convenio_id
            idade = (self.today - row.data_nascimento).days // 365
            mulher = row.sexo == Sexo.FEMININO
            for pool, inside in (
                ("todos", True),
                ("adulto", idade >= 18),
                ("idoso", idade >= 60),
                ("adulto_jovem", 18 <= idade < 60),
                ("crianca", idade <= 12),
                ("menor", idade < 18),
                ("gestante", mulher and 16 <= idade <= 42),
                ("mulher", mulher and 30 <= idade <= 65),
                ("feminino", mulher and idade >= 14),
            ):
                if inside:
                    pools[pool].append(row.id)
        self.pools = dict(pools)
        self.pool_sets = {name: set(members) for name, members in pools.items()}

        nomes = dict(
            zip(
                ids["especialidades"], [nome for nome, _ in ESPECIALIDADES], strict=True
            )
        )
        self.medicos_de: dict[str, list[int]] = defaultdict(list)
        self.especialidades_do: dict[int, list[tuple[int, str]]] = defaultdict(list)
        for medico_id, especialidade_id in connection.execute(
            select(
                m.medico_especialidades.c.medico_id,
                m.medico_especialidades.c.especialidade_id,
            ).order_by(
                m.medico_especialidades.c.medico_id,
                m.medico_especialidades.c.especialidade_id,
            )
        ):
            nome = nomes[especialidade_id]
            self.medicos_de[nome].append(medico_id)
            self.especialidades_do[medico_id].append((especialidade_id, nome))
        self.medico_ids = sorted(self.especialidades_do)

        self.setor_id = {
            prefix: setor_id
            for setor_id, (*_, prefix, _) in zip(ids["setores"], SETORES, strict=True)
        }
        setores = m.SetorModel.__table__
        diaria: dict[int, Decimal] = {
            row.id: row.valor_diaria
            for row in connection.execute(select(setores.c.id, setores.c.valor_diaria))
        }
        self.diaria = {prefix: diaria[i] for prefix, i in self.setor_id.items()}

        leitos = m.LeitoModel.__table__
        prefix_of = {i: prefix for prefix, i in self.setor_id.items()}
        self.leitos_de: dict[str, list[int]] = defaultdict(list)
        self.leito_tipo: dict[int, str] = {}
        self.maintenance_from: dict[int, datetime] = {}
        for row in connection.execute(
            select(
                leitos.c.id, leitos.c.setor_id, leitos.c.tipo, leitos.c.status
            ).order_by(leitos.c.id)
        ):
            self.leitos_de[prefix_of[row.setor_id]].append(row.id)
            self.leito_tipo[row.id] = row.tipo
            if row.status == StatusLeito.MANUTENCAO:
                # Out of service since a few weeks ago: no admission after that.
                self.maintenance_from[row.id] = self.cutoff - timedelta(
                    days=self.rng.randint(2, 45)
                )

        convenios = m.ConvenioModel.__table__
        self.convenios = {
            row.id: Convenio(
                id=row.id,
                nome=row.nome,
                registro_ans=row.registro_ans,
                prazo_pagamento_dias=row.prazo_pagamento_dias,
                ativo=row.ativo,
                criado_em=row.criado_em,
                atualizado_em=row.atualizado_em,
            )
            for row in connection.execute(select(convenios))
        }
        self.inadimplencia = dict(zip(ids["convenios"], INADIMPLENCIA, strict=True))

        medicamentos = m.MedicamentoModel.__table__
        stock = {
            row.id: (row.estoque_atual, row.estoque_minimo)
            for row in connection.execute(
                select(
                    medicamentos.c.id,
                    medicamentos.c.estoque_atual,
                    medicamentos.c.estoque_minimo,
                )
            )
        }
        self.medicamentos = [(i, *stock[i]) for i in ids["medicamentos"]]
        self.uso_medicamento = {
            key: self._medicamento(*uso[0]) for key, uso in USOS.items()
        }

    def _medicamento(self, principio: str, concentracao: str, apresentacao: str) -> int:
        """The position in MEDICAMENTOS of the first one matching."""
        for pos, (p, c, a, _) in enumerate(MEDICAMENTOS):
            if p == principio and c == concentracao and apresentacao in a:
                return pos
        raise LookupError(f"no medicamento {principio} {concentracao} {apresentacao}")

    # -- internacoes --------------------------------------------------------

    def _push(self, when: datetime, kind: str, what: Any) -> None:
        self.seq += 1
        heapq.heappush(self.heap, (when, self.seq, kind, what))

    def _simulate(self) -> list[_Stay]:
        rng = self.rng
        for dia in self._dias(self.sim_first_day, self.today - timedelta(days=1)):
            inverno = math.cos(2 * math.pi * (dia.timetuple().tm_yday - 196) / 365.25)
            for nome, via in VIAS.items():
                if via.chegada == "eletiva" and not self._util(dia):
                    continue
                for _ in range(
                    _poisson(rng, via.por_dia * (1 + via.sazonal * inverno))
                ):
                    self._push(self._chegada(via, dia), "chegada", nome)

        stays: list[_Stay] = []
        while self.heap:
            when, _, kind, what = heapq.heappop(self.heap)
            if when >= self.cutoff:
                break
            if kind == "chegada":
                stay = self._admit(what, when)
                if stay is not None:
                    stays.append(stay)
            elif kind == "transferencia":
                self._transfer(what, when)
            else:
                self._discharge(what, when)
        return stays

    def _chegada(self, via: Via, dia: date) -> datetime:
        rng = self.rng
        if via.chegada == "eletiva":
            return self.at(dia, 6 * 60 + rng.randint(0, 150))
        if via.chegada == "ps":
            hora = rng.choices(range(24), HORAS_PS)[0]
            return self.at(dia, hora * 60 + rng.randint(0, 59))
        return self.at(dia, rng.randint(0, 24 * 60 - 1))

    def _admit(self, nome: str, when: datetime) -> _Stay | None:
        rng, via = self.rng, VIAS[nome]
        diagnostico = _weighted(rng, via.diagnosticos)
        found = self._paciente_internacao(nome, diagnostico, when)
        if found is None:
            return None
        paciente, diagnostico, anterior = found
        plano, obito = self._plano(nome, diagnostico)
        leito = self._free_bed(plano[0][0], when, paciente, diagnostico)
        if leito is None:
            return None  # the hospital is full: sent elsewhere, or postponed

        especialidade = ESPECIALIDADE_VIA.get(
            nome, ESPECIALIDADE_DIAGNOSTICO.get(diagnostico, "Clínica Médica")
        )
        if plano[0][0] == "PS":
            observacoes = "Admitido pelo Pronto-Socorro."
        elif nome == "eletivo":
            observacoes = "Internação eletiva para procedimento cirúrgico."
        elif nome == "obstetrico":
            observacoes = "Admissão obstétrica."
        else:
            observacoes = "Admissão direta."
        if anterior is not None:
            observacoes += f" Readmissão após alta em {anterior:%d/%m/%Y}."
        stay = _Stay(
            paciente=paciente,
            via=nome,
            diagnostico=diagnostico,
            medico_id=rng.choice(self.medicos_de[especialidade]),
            plano=plano,
            obito=obito,
            observacoes=observacoes,
        )
        stay.passagens.append(_Passagem(leito, plano[0][0], when))
        self.occupant[leito] = stay
        self.in_hospital.add(paciente)
        self._next(stay, when)
        return stay

    def _paciente_internacao(
        self, nome: str, diagnostico: str, when: datetime
    ) -> tuple[int, str, date | None] | None:
        """Who comes in: now and then someone discharged in the last 30 days
        (a readmission, often for the same disease), otherwise someone not
        in the hospital lately. None when nobody fits."""
        rng, via = self.rng, VIAS[nome]
        pool = POOL_DIAGNOSTICO.get(diagnostico, via.pacientes)
        if rng.random() < via.readmissao:
            fits = self.pool_sets["adulto" if pool == "idoso" else pool]
            lo = bisect_left(self.recent_times, when - READMISSAO)
            for _ in range(10 if lo < len(self.recent) else 0):
                anterior = self.recent[rng.randrange(lo, len(self.recent))]
                p = anterior.paciente
                if self._can_admit(p) and p in fits:
                    clinicos = ("clinico", "critico")
                    same = nome in clinicos and anterior.via in clinicos
                    if same and rng.random() < 0.6:  # back with the same disease
                        diagnostico = anterior.diagnostico
                    assert anterior.alta is not None
                    return p, diagnostico, self.dia(anterior.alta)
        for _ in range(60):
            if pool == "idoso" and rng.random() < 0.3:
                p = rng.choice(self.pools["adulto_jovem"])
            else:
                p = rng.choice(self.pools[pool])
            last = self.last_alta.get(p)
            if self._can_admit(p) and (last is None or when - last > READMISSAO):
                return p, diagnostico, None
        return None

    def _can_admit(self, paciente: int) -> bool:
        return paciente not in self.in_hospital and paciente not in self.dead_at

    def _plano(self, nome: str, diagnostico: str) -> tuple[list[tuple[str, int]], bool]:
        """The setores a stay means to go through, minutes in each, and
        whether it ends in death (in the UTI, when it goes there)."""
        rng = self.rng

        def horas(mediana: float, sigma: float = 0.5) -> int:
            return max(30, round(rng.lognormvariate(math.log(mediana * 60), sigma)))

        def dias(mediana: float, sigma: float = 0.55) -> int:
            return horas(mediana * 24, sigma)

        enfermaria = DIAS_ENFERMARIA.get(diagnostico, 3)
        plano: list[tuple[str, int]] = []
        obito = 0.002
        if nome == "clinico":
            if rng.random() < 0.7:
                plano.append(("PS", horas(4)))
            if rng.random() < 0.12:
                plano += [("CM", dias(enfermaria * 0.4)), ("UTI", dias(3)),
                          ("CM", dias(enfermaria * 0.6))]  # fmt: skip
                obito = 0.10
            else:
                plano.append(("CM", dias(enfermaria)))
                obito = 0.025
        elif nome == "critico":
            plano = [("PS", horas(2)), ("UTI", dias(4, 0.6)), ("CM", dias(3))]
            obito = 0.15
        elif nome == "eletivo":
            plano = [("CC", horas(5, 0.3)), ("RPA", horas(3, 0.3))]
            if rng.random() < 0.08:
                plano.append(("UTI", dias(1.5, 0.4)))
            plano.append(("CC", dias(enfermaria, 0.5)))
        elif nome == "urgencia":
            plano = [("PS", horas(5)), ("RPA", horas(3, 0.3))]
            if diagnostico == "S72.0" and rng.random() < 0.2:
                plano.append(("UTI", dias(2, 0.4)))
            plano.append(("CC", dias(enfermaria)))
            obito = 0.03 if diagnostico == "S72.0" else 0.004
        elif nome == "obstetrico":
            if diagnostico == "O82":
                plano = [("CC", horas(6)), ("RPA", horas(2.5, 0.3)),
                         ("CC", dias(2.5, 0.3))]  # fmt: skip
            else:
                plano = [("CC", dias(2, 0.3))]
            obito = 0.0
        elif nome == "pediatrico":
            if rng.random() < 0.6:
                plano.append(("PS", horas(3)))
            plano.append(("PED", dias(3, 0.5)))
        else:
            plano = [("PS", horas(16, 0.5))]

        morre = rng.random() < obito
        uti = [n for n, (setor, _) in enumerate(plano) if setor == "UTI"]
        if morre and uti:
            plano = plano[: uti[0] + 1]
        return plano, morre

    def _free_bed(
        self, setor: str, when: datetime, paciente: int, diagnostico: str
    ) -> int | None:
        never = self.cutoff + timedelta(days=1)
        livres = [
            leito
            for leito in self.leitos_de[setor]
            if self.occupant[leito] is None
            and self.free_at[leito] <= when
            and when < self.maintenance_from.get(leito, never)
        ]
        if not livres:
            return None
        if diagnostico in ISOLAMENTO:
            prefer = TipoLeito.ISOLAMENTO
        elif setor == "UTI":
            prefer = TipoLeito.UTI
        elif self.convenio_of[paciente] is not None:
            prefer = TipoLeito.APARTAMENTO
        else:
            prefer = TipoLeito.ENFERMARIA
        preferred = [leito for leito in livres if self.leito_tipo[leito] == prefer]
        return self.rng.choice(preferred or livres)

    def _release(self, passagem: _Passagem, when: datetime) -> None:
        passagem.fim = when
        self.occupant[passagem.leito] = None
        # Cleaned and made up before the next patient.
        self.free_at[passagem.leito] = when + timedelta(
            minutes=self.rng.randint(30, 180)
        )

    def _next(self, stay: _Stay, since: datetime) -> None:
        """Schedule the end of the stay's current setor: a transfer or the alta."""
        end = since + timedelta(minutes=stay.plano[stay.pos][1])
        if stay.pos + 1 < len(stay.plano):
            self._push(end, "transferencia", stay)
        else:
            self._push(self._hora_de_alta(stay, end), "alta", stay)

    def _hora_de_alta(self, stay: _Stay, end: datetime) -> datetime:
        """Ward discharges happen in the daytime: a stay due at night leaves
        the next morning. Deaths and the pronto-socorro keep the hour."""
        if stay.obito or stay.plano[-1][0] == "PS":
            return end
        local = end.astimezone(self.tz)
        if 9 <= local.hour < 19:
            return end
        dia = local.date() + timedelta(days=0 if local.hour < 9 else 1)
        return max(end, self.at(dia, 9 * 60 + self.rng.randint(0, 240)))

    def _transfer(self, stay: _Stay, when: datetime) -> None:
        setor = stay.plano[stay.pos + 1][0]
        leito = self._free_bed(setor, when, stay.paciente, stay.diagnostico)
        if leito is None:
            stay.tentativas += 1
            if stay.tentativas <= TRANSFER_RETRIES:
                self._push(when + timedelta(hours=2), "transferencia", stay)
                return
            # No bed came free in a day: the stay ends where it is.
            rest = sum(minutes for _, minutes in stay.plano[stay.pos + 1 :])
            stay.plano = stay.plano[: stay.pos + 1]
            end = when + timedelta(minutes=rest)
            self._push(self._hora_de_alta(stay, end), "alta", stay)
            return
        self._release(stay.passagens[-1], when)
        stay.passagens.append(_Passagem(leito, setor, when))
        self.occupant[leito] = stay
        stay.pos += 1
        stay.tentativas = 0
        self._next(stay, when)

    def _discharge(self, stay: _Stay, when: datetime) -> None:
        rng = self.rng
        self._release(stay.passagens[-1], when)
        stay.alta = when
        if stay.obito:
            stay.motivo = MotivoAlta.OBITO.value
            self.dead_at[stay.paciente] = when
        else:
            cura = 30 if stay.via in (*CIRURGICOS, "obstetrico") else 10
            a_pedido = 6 if stay.via == "observacao" else 3
            stay.motivo = _weighted(
                rng,
                (
                    (MotivoAlta.MELHORA.value, 75),
                    (MotivoAlta.CURA.value, cura),
                    (MotivoAlta.TRANSFERENCIA_EXTERNA.value, 3),
                    (MotivoAlta.A_PEDIDO.value, a_pedido),
                    (MotivoAlta.OUTRO.value, 1),
                ),
            )
            self.recent_times.append(when)
            self.recent.append(stay)
        self.in_hospital.discard(stay.paciente)
        self.last_alta[stay.paciente] = when

    def _insert_internacoes(self, stays: list[_Stay]) -> None:
        stays.sort(key=lambda s: s.admissao)
        rows = []
        for stay in stays:
            last = stay.passagens[-1]
            aberta = stay.alta is None
            rows.append(
                {
                    "paciente_id": stay.paciente,
                    "leito_id": last.leito,
                    "setor_id": self.setor_id[last.setor],
                    "medico_id": stay.medico_id,
                    "diagnostico": stay.diagnostico,
                    "observacoes": stay.observacoes,
                    "status": (
                        StatusInternacao.ATIVA if aberta else StatusInternacao.ALTA
                    ).value,
                    "dt_admissao": stay.admissao,
                    "dt_alta": stay.alta,
                    "motivo_alta": stay.motivo,
                    "leito_ocupado_id": last.leito if aberta else None,
                    "paciente_internado_id": stay.paciente if aberta else None,
                    "criado_em": stay.admissao,
                    "atualizado_em": stay.alta or last.inicio,
                }
            )
        ids = self.seeder.insert(m.InternacaoModel, rows)
        passagens = []
        for stay, internacao_id in zip(stays, ids, strict=True):
            stay.id = internacao_id
            passagens += [
                {
                    "internacao_id": internacao_id,
                    "leito_id": p.leito,
                    "setor_id": self.setor_id[p.setor],
                    "inicio": p.inicio,
                    "fim": p.fim,
                }
                for p in stay.passagens
            ]
        self.seeder.insert(m.PassagemLeitoModel, passagens, returning=False)

        ocupados = [s.passagens[-1].leito for s in stays if s.alta is None]
        if ocupados:
            leitos = cast(Table, m.LeitoModel.__table__)
            self.seeder.connection.execute(
                update(leitos)
                .where(leitos.c.id.in_(ocupados))
                .values(status=StatusLeito.OCUPADO.value)
            )

    # -- consultas ----------------------------------------------------------

    def _consultas(self, stays: list[_Stay]) -> list[_Consulta]:
        """Doctors' outpatient sessions, each a run of consultas that never
        overlap; a patient is never booked twice at once, nor while in a
        stay, nor after their death. Days before today are settled; today and
        the next two weeks are the agenda, fuller the nearer."""
        rng = self.rng
        agenda_end = self.today + timedelta(days=AGENDA_DAYS)
        internado: set[tuple[int, date]] = set()
        for stay in stays:
            last = self.dia(stay.alta) if stay.alta else agenda_end
            for dia in self._dias(self.dia(stay.admissao), last):
                internado.add((stay.paciente, dia))
        busy: dict[tuple[int, date], list[tuple[datetime, datetime]]] = defaultdict(
            list
        )

        consultas: list[_Consulta] = []
        for dia in self._dias(self.first_day, agenda_end - timedelta(days=1)):
            ahead = (dia - self.today).days
            fill = 1.0 if ahead < 0 else max(0.3, 1 - 0.05 * ahead)
            for medico, (start, end) in self._sessoes(dia):
                cursor = start + rng.choice((0, 0, 10, 20))
                while True:
                    minutos = rng.choice(DURACOES)
                    if cursor + minutos > end:
                        break
                    if rng.random() < VAGA_OCUPADA * fill:
                        consulta = self._consulta(
                            dia, medico, cursor, minutos, internado, busy
                        )
                        if consulta is not None:
                            consultas.append(consulta)
                    cursor += minutos + rng.choice(INTERVALOS)

        consultas.sort(key=lambda c: (c.inicio, c.medico))
        ids = self.seeder.insert(
            m.ConsultaModel,
            [
                {
                    "paciente_id": c.paciente,
                    "medico_id": c.medico,
                    "especialidade_id": c.especialidade_id,
                    "dt_consulta": c.inicio,
                    "dt_fim": c.fim,
                    "duracao_minutos": c.minutos,
                    "status": c.status,
                    "observacoes": c.observacoes,
                    "criado_em": c.criado,
                    "atualizado_em": c.atualizado,
                }
                for c in consultas
            ],
        )
        for consulta, consulta_id in zip(consultas, ids, strict=True):
            consulta.id = consulta_id
        return consultas

    def _sessoes(self, dia: date) -> list[tuple[int, tuple[int, int]]]:
        """(medico, window in minutes) of the day's outpatient sessions."""
        rng = self.rng
        janelas: tuple[tuple[int, int], ...]
        if self._util(dia):
            n, janelas = rng.randint(11, 16), (MANHA, TARDE)
        elif dia.weekday() == 5 and (dia.month, dia.day) not in FERIADOS:
            n, janelas = rng.randint(1, 3), (MANHA,)
        else:
            n, janelas = rng.choice((0, 0, 1)), (MANHA,)

        def peso(medico: int) -> float:
            return max(CONSULTA[nome][0] for _, nome in self.especialidades_do[medico])

        # n doctors, weighted, without replacement (Efraimidis-Spirakis).
        ranked = sorted(self.medico_ids, key=lambda i: rng.random() ** (1 / peso(i)))
        sessoes = []
        for medico in ranked[len(ranked) - n :]:
            roll = rng.random()
            if len(janelas) == 1 or roll < 0.5:
                sessoes.append((medico, janelas[0]))
            elif roll < 0.85:
                sessoes.append((medico, janelas[1]))
            else:
                sessoes += [(medico, janelas[0]), (medico, janelas[1])]
        return sessoes

    def _consulta(
        self,
        dia: date,
        medico: int,
        cursor: int,
        minutos: int,
        internado: set[tuple[int, date]],
        busy: dict[tuple[int, date], list[tuple[datetime, datetime]]],
    ) -> _Consulta | None:
        rng = self.rng
        opcoes = self.especialidades_do[medico]
        especialidade_id, especialidade = rng.choices(
            opcoes, [CONSULTA[nome][0] for _, nome in opcoes]
        )[0]
        inicio = self.at(dia, cursor)
        fim = inicio + timedelta(minutes=minutos)
        pool = self.pools[CONSULTA[especialidade][2]]
        for _ in range(20):
            paciente = rng.choice(pool)
            died = self.dead_at.get(paciente)
            if (died is not None and died <= fim) or (paciente, dia) in internado:
                continue
            if any(a < fim and inicio < b for a, b in busy[(paciente, dia)]):
                continue
            break
        else:
            return None
        busy[(paciente, dia)].append((inicio, fim))

        # Booked in office hours, days or weeks before (and before today).
        lead = rng.choice((0, 1, 2, 3, 5, 7, 7, 10, 14, 14, 21, 30, 45))
        marcado = min(dia - timedelta(days=lead), self.today - timedelta(days=1))
        criado = self.at(marcado, rng.randint(7 * 60, 19 * 60))
        if criado > inicio - timedelta(minutes=30):
            criado = inicio - timedelta(minutes=rng.randint(30, 90))
        if dia < self.today:
            status = _weighted(
                rng,
                (
                    (StatusConsulta.REALIZADA.value, 80),
                    (StatusConsulta.CANCELADA.value, 11),
                    (StatusConsulta.FALTA.value, 9),
                ),
            )
        else:
            status = (
                StatusConsulta.CANCELADA if rng.random() < 0.05 else
                StatusConsulta.AGENDADA
            ).value  # fmt: skip
        if status == StatusConsulta.CANCELADA:
            until = min(inicio, self.cutoff)
            atualizado = criado + (until - criado) * rng.random()
        elif status == StatusConsulta.AGENDADA:
            atualizado = criado
        else:
            atualizado = fim + timedelta(minutes=rng.randint(0, 20))
        return _Consulta(
            paciente=paciente,
            medico=medico,
            especialidade_id=especialidade_id,
            especialidade=especialidade,
            inicio=inicio,
            minutos=minutos,
            status=status,
            criado=criado,
            atualizado=_to_second(atualizado),
            observacoes=(
                rng.choice(OBSERVACOES_CONSULTA) if rng.random() < 0.15 else None
            ),
        )

    # -- exames -------------------------------------------------------------

    def _exames(self, consultas: list[_Consulta], stays: list[_Stay]) -> list[_Exame]:
        """Asked for at some consultas (done days later, outside) and during
        every stay (at the admission, then every few days, done within hours)."""
        rng = self.rng
        exames: list[_Exame] = []
        for c in consultas:
            if c.status == StatusConsulta.REALIZADA and rng.random() < 0.3:
                menu = EXAMES_CONSULTA[c.especialidade]
                morte = self.dead_at.get(c.paciente)
                for tipo in rng.sample(menu, min(len(menu), rng.choice((1, 1, 2)))):
                    exames.append(
                        _Exame(c.paciente, c.medico, tipo, c.fim, True, morte)
                    )
        for stay in stays:
            end = stay.alta or self.cutoff
            especificos = EXAMES_DIAGNOSTICO.get(stay.diagnostico, ())
            dois = len(especificos) > 1 and rng.random() < 0.3
            pedidos = rng.sample(especificos, 2 if dois else 1)
            if stay.via != "observacao" or rng.random() < 0.5:
                pedidos.append("Hemograma completo")
            if rng.random() < 0.4:
                pedidos.append(rng.choice(("Creatinina", "Proteína C reativa")))
            when = stay.admissao + timedelta(minutes=rng.randint(20, 120))
            while when < end:
                for tipo in pedidos:
                    exames.append(
                        _Exame(
                            stay.paciente, stay.medico_id, tipo, when, False, stay.alta
                        )
                    )
                when += timedelta(hours=96, minutes=rng.randint(-240, 240))
                pedidos = ["Hemograma completo"] + (
                    ["Sódio e potássio"] if rng.random() < 0.2 else []
                )

        for exame in exames:
            self._exame_timeline(exame)
        exames.sort(key=lambda e: e.solicitado)
        ids = self.seeder.insert(
            m.ExameModel,
            [
                {
                    "paciente_id": e.paciente,
                    "medico_id": e.medico,
                    "tipo": e.tipo,
                    "status": e.status,
                    "resultado": e.resultado,
                    "dt_solicitacao": e.solicitado,
                    "dt_inicio": e.inicio,
                    "dt_resultado": e.resultado_em,
                    "criado_em": e.solicitado,
                    "atualizado_em": e.atualizado,
                }
                for e in exames
            ],
        )
        for exame, exame_id in zip(exames, ids, strict=True):
            exame.id = exame_id
        return exames

    def _exame_timeline(self, exame: _Exame) -> None:
        """When it starts and reports, and so its status as of the cutoff."""
        rng, sol = self.rng, exame.solicitado
        laboratorio = EXAMES[exame.tipo][0]
        if not exame.ambulatorial:
            inicio = sol + timedelta(
                minutes=rng.randint(15, 120) if laboratorio else rng.randint(60, 720)
            )
            pronto = inicio + timedelta(
                minutes=rng.randint(60, 300) if laboratorio else rng.randint(60, 1440)
            )
        elif laboratorio:
            dia = self.dia(sol) + timedelta(days=rng.randint(1, 7))
            inicio = self.at(dia, 7 * 60 + rng.randint(0, 180))
            pronto = inicio + timedelta(minutes=rng.randint(240, 2880))
        else:
            dia = self.dia(sol) + timedelta(days=rng.randint(2, 20))
            inicio = self.at(dia, 8 * 60 + rng.randint(0, 540))
            pronto = inicio + timedelta(minutes=rng.randint(120, 4320))

        roll = rng.random()
        if exame.limite is not None and inicio >= exame.limite:
            # The patient left (or died) before it could be done.
            exame.status = StatusExame.CANCELADO.value
            exame.atualizado = exame.limite
        elif roll < 0.05:
            exame.status = StatusExame.CANCELADO.value
            if inicio < self.cutoff and rng.random() < 0.3:
                exame.inicio = inicio  # cancelled while under way
                until = min(pronto, self.cutoff)
                exame.atualizado = inicio + (until - inicio) * rng.random()
            else:
                until = min(inicio, self.cutoff)
                exame.atualizado = sol + (until - sol) * rng.random()
        elif exame.ambulatorial and roll < 0.08:
            exame.atualizado = sol  # the patient never came to have it done
        elif pronto < self.cutoff:
            exame.status = StatusExame.CONCLUIDO.value
            exame.inicio, exame.resultado_em = inicio, pronto
            exame.resultado = _laudo(rng, exame.tipo)
            exame.atualizado = pronto
        elif inicio < self.cutoff:
            exame.status = StatusExame.EM_ANDAMENTO.value
            exame.inicio = exame.atualizado = inicio
        else:
            exame.atualizado = sol
        assert exame.atualizado is not None
        exame.atualizado = _to_second(exame.atualizado)

    # -- prescricoes and stock ----------------------------------------------

    def _prescricoes(
        self, consultas: list[_Consulta], stays: list[_Stay]
    ) -> list[tuple[datetime, int, int, int]]:
        """Every stay is prescribed for at its admission and then every three
        days, and the pharmacy dispenses within a couple of hours (while the
        patient is still there); some consultas end with a prescription the
        patient takes elsewhere (ativa). Returns the dispensations: (when,
        position of the medicamento, quantity, prescricao id)."""
        rng = self.rng
        prescricoes: list[_Prescricao] = []
        for stay in stays:
            end = stay.alta or self.cutoff
            if stay.via == "pediatrico":
                kit = KITS["pediatria"]
            elif stay.via == "observacao":
                kit = KITS["observacao"]
            elif stay.via in CIRURGICOS or stay.diagnostico == "O82":
                kit = KITS[KIT_DIAGNOSTICO.get(stay.diagnostico, "cirurgia")]
            else:
                kit = KITS[KIT_DIAGNOSTICO[stay.diagnostico]]
            when = stay.admissao + timedelta(minutes=rng.randint(30, 120))
            first = True
            while when < end:
                following = when + timedelta(hours=72, minutes=rng.randint(-240, 240))
                dias = math.ceil((min(following, end) - when) / timedelta(days=1))
                muitos = 2 if stay.via == "observacao" else 3
                chosen = rng.sample(kit, rng.randint(muitos - 1, muitos))
                if first and (stay.via in CIRURGICOS or stay.diagnostico == "O82"):
                    chosen += rng.sample(ANESTESIA, rng.randint(1, 2))
                receita = [self._item(key, dias, dias) for key in chosen]
                dispensada = when + timedelta(minutes=rng.randint(20, 150))
                if rng.random() < 0.04:
                    status, atualizado = (
                        StatusPrescricao.CANCELADA,
                        when + timedelta(minutes=rng.randint(5, 60)),
                    )
                elif dispensada < end:
                    status, atualizado = StatusPrescricao.DISPENSADA, dispensada
                elif stay.alta is not None:
                    # The patient left before the pharmacy sent it.
                    status, atualizado = StatusPrescricao.CANCELADA, stay.alta
                else:
                    status, atualizado = StatusPrescricao.ATIVA, when
                prescricoes.append(
                    _Prescricao(
                        paciente=stay.paciente,
                        medico=stay.medico_id,
                        internacao_id=stay.id,
                        criado=when,
                        status=status.value,
                        atualizado=_to_second(min(atualizado, self.cutoff)),
                        dispensada=(
                            dispensada
                            if status == StatusPrescricao.DISPENSADA
                            else None
                        ),
                        itens=receita,
                    )
                )
                when, first = following, False

        for c in consultas:
            if c.status != StatusConsulta.REALIZADA or rng.random() >= 0.22:
                continue
            opcoes = RECEITAS_CONSULTA[c.especialidade]
            chosen = rng.sample(opcoes, min(len(opcoes), rng.randint(1, 2)))
            duracao = rng.choice((5, 7, 10, 14, 30))
            cancelada = rng.random() < 0.1
            prescricoes.append(
                _Prescricao(
                    paciente=c.paciente,
                    medico=c.medico,
                    internacao_id=None,
                    criado=c.fim,
                    status=(
                        StatusPrescricao.CANCELADA
                        if cancelada
                        else StatusPrescricao.ATIVA
                    ).value,
                    atualizado=c.fim + timedelta(minutes=rng.randint(0, 30))
                    if cancelada
                    else c.fim,
                    dispensada=None,
                    itens=[self._item(key, duracao, duracao) for key in chosen],
                )
            )

        prescricoes.sort(key=lambda p: p.criado)
        ids = self.seeder.insert(
            m.PrescricaoModel,
            [
                {
                    "paciente_id": p.paciente,
                    "medico_id": p.medico,
                    "internacao_id": p.internacao_id,
                    "status": p.status,
                    "dt_dispensacao": p.dispensada,
                    "criado_em": p.criado,
                    "atualizado_em": p.atualizado,
                }
                for p in prescricoes
            ],
        )
        itens: list[Row] = []
        dispensacoes: list[tuple[datetime, int, int, int]] = []
        for p, prescricao_id in zip(prescricoes, ids, strict=True):
            for item in p.itens:
                pos = item.pop("_pos")
                itens.append({**item, "prescricao_id": prescricao_id})
                if p.dispensada is not None:
                    dispensacoes.append(
                        (
                            _to_second(p.dispensada),
                            pos,
                            item["quantidade"],
                            prescricao_id,
                        )
                    )
        self.seeder.insert(m.ItemPrescricaoModel, itens, returning=False)
        return dispensacoes

    def _item(self, key: str, dias: int, duracao: int) -> Row:
        _, dose, via, frequencia, por_dia = USOS[key]
        pos = self.uso_medicamento[key]
        return {
            "_pos": pos,
            "medicamento_id": self.medicamentos[pos][0],
            "dose": dose,
            "via": via,
            "frequencia": frequencia,
            "quantidade": por_dia * dias if por_dia else 1,
            "duracao_dias": duracao,
        }

    def _estoque(self, dispensacoes: list[tuple[datetime, int, int, int]]) -> None:
        """Every dispensation as a saida, with the entradas that keep the stock
        up; then each medicamento's stock is its last movement's result."""
        by_pos: dict[int, list[tuple[datetime, int, int, int]]] = defaultdict(list)
        for d in dispensacoes:
            by_pos[d[1]].append(d)

        movimentos: list[tuple[datetime, int, int, Row]] = []
        finais: list[Row] = []
        for pos, (medicamento_id, estoque, minimo) in enumerate(self.medicamentos):
            saidas = sorted(by_pos.get(pos, []))
            if not saidas:
                continue
            rows = self._movimentos(medicamento_id, estoque, minimo, saidas)
            movimentos += [
                (row["criado_em"], medicamento_id, n, row) for n, row in enumerate(rows)
            ]
            finais.append(
                {"b_id": medicamento_id, "b_estoque": rows[-1]["estoque_resultante"]}
            )

        # In time order, so that ids follow the history.
        movimentos.sort(key=lambda mv: mv[:3])
        self.seeder.insert(
            m.MovimentacaoModel, [row for *_, row in movimentos], returning=False
        )
        medicamentos = cast(Table, m.MedicamentoModel.__table__)
        if finais:
            self.seeder.connection.execute(
                update(medicamentos)
                .where(medicamentos.c.id == bindparam("b_id"))
                .values(estoque_atual=bindparam("b_estoque")),
                finais,
            )

    def _movimentos(
        self,
        medicamento_id: int,
        estoque: int,
        minimo: int,
        saidas: list[tuple[datetime, int, int, int]],
    ) -> list[Row]:
        """One medicamento's movements, from the stock the registries gave it:
        a weekly order on its day when the stock is below a week's use plus
        the minimum, up to two or three weeks' use; an emergency purchase when
        a dispensation finds too little. One the registries left below its
        minimum gets no weekly order in the last twelve days, so it ends low."""
        rng = self.rng
        span = (self.cutoff - self.at(self.sim_first_day, 0)) / timedelta(days=1)
        late = self.cutoff - timedelta(days=12)
        baixo = estoque < minimo
        consumo = sum(q for _, _, q, _ in saidas) / span
        lote = 10 if consumo < 20 else 50
        ponto = minimo + math.ceil(consumo * 7)
        alvo = minimo + math.ceil(consumo * rng.uniform(10, 18))
        weekday = rng.randrange(5)
        eventos = [
            (self.at(dia, 10 * 60), 0, 0, 0)
            for dia in self._dias(self.sim_first_day, self.today - timedelta(days=1))
            if dia.weekday() == weekday and not (baixo and self.at(dia, 0) >= late)
        ]
        eventos += [(when, 1, q, prescricao) for when, _, q, prescricao in saidas]
        eventos.sort()

        rows: list[Row] = []

        def mover(when: datetime, tipo: TipoMovimentacao, q: int, motivo: str) -> None:
            nonlocal estoque
            depois = estoque + (q if tipo == TipoMovimentacao.ENTRADA else -q)
            rows.append(
                {
                    "medicamento_id": medicamento_id,
                    "tipo": tipo.value,
                    "quantidade": q,
                    "motivo": motivo,
                    "estoque_anterior": estoque,
                    "estoque_resultante": depois,
                    "criado_em": when,
                }
            )
            estoque = depois

        entrada, saida = TipoMovimentacao.ENTRADA, TipoMovimentacao.SAIDA
        for when, kind, q, prescricao in eventos:
            if kind == 0:
                if estoque < ponto:
                    nf = rng.randint(100_000, 999_999)
                    pedido = _round_up(alvo - estoque, lote)
                    mover(when, entrada, pedido, f"reposição semanal, NF {nf}")
                continue
            if estoque < q:
                falta = q - estoque
                if not (baixo and when >= late):
                    falta = _round_up(falta + minimo, lote)
                motivo = f"compra emergencial para a prescricao {prescricao}"
                mover(when, entrada, falta, motivo)
            mover(when, saida, q, f"dispensação da prescricao {prescricao}")
        return rows

    # -- lancamentos --------------------------------------------------------

    def _lancamentos(
        self, consultas: list[_Consulta], exames: list[_Exame], stays: list[_Stay]
    ) -> None:
        """One bill per alta, priced by the rule the alta itself uses; one per
        realizada consulta and per outpatient exame concluido."""
        rows: list[Row] = []
        for stay in stays:
            if stay.alta is None:
                continue
            passagens = [
                Passagem(p.inicio, p.fim or stay.alta, self.diaria[p.setor])
                for p in stay.passagens
            ]
            rows.append(
                self._lancamento(
                    TipoLancamento.INTERNACAO,
                    valor_internacao(passagens, self.tz),
                    f"Internação {stay.id}",
                    stay.paciente,
                    stay.alta,
                    internacao_id=stay.id,
                )
            )
        for c in consultas:
            if c.status == StatusConsulta.REALIZADA:
                rows.append(
                    self._lancamento(
                        TipoLancamento.CONSULTA,
                        Decimal(CONSULTA[c.especialidade][1]),
                        f"Consulta {c.id}: {c.especialidade}",
                        c.paciente,
                        c.fim,
                    )
                )
        for e in exames:
            if e.ambulatorial and e.status == StatusExame.CONCLUIDO:
                assert e.resultado_em is not None
                rows.append(
                    self._lancamento(
                        TipoLancamento.EXAME,
                        Decimal(EXAMES[e.tipo][1]),
                        f"Exame {e.id}: {e.tipo}",
                        e.paciente,
                        e.resultado_em,
                    )
                )
        rows.sort(key=lambda r: r["criado_em"])
        self.seeder.insert(m.LancamentoModel, rows, returning=False)

    def _lancamento(
        self,
        tipo: TipoLancamento,
        valor: Decimal,
        descricao: str,
        paciente: int,
        when: datetime,
        internacao_id: int | None = None,
    ) -> Row:
        """Billed on the day of ``when``, due after the convenio's term; then
        paid (confirmado) on a plausible day before today, left unpaid
        (pendente, overdue once past due), or cancelled."""
        rng = self.rng
        convenio_id = self.convenio_of[paciente]
        convenio = self.convenios[convenio_id] if convenio_id else None
        lancado = self.dia(when)
        vence = lancado + timedelta(days=prazo_pagamento(convenio))
        yesterday = self.today - timedelta(days=1)

        status, pago = StatusLancamento.PENDENTE, None
        atualizado = when
        if rng.random() < 0.03:
            status = StatusLancamento.CANCELADO
            cancelado = when + timedelta(days=rng.randint(1, 20))
            atualizado = max(when, min(cancelado, self.cutoff - timedelta(hours=1)))
        else:
            if convenio_id is None:
                calote = INADIMPLENCIA_PARTICULAR
                balcao = tipo != TipoLancamento.INTERNACAO and rng.random() < 0.85
                paga = lancado + timedelta(days=0 if balcao else rng.randint(0, 40))
            else:
                calote = self.inadimplencia[convenio_id]
                prazo = (vence - lancado).days
                paga = lancado + timedelta(days=round(prazo * rng.uniform(0.5, 1.0)))
                if rng.random() < 0.2:
                    paga += timedelta(days=rng.randint(5, 60))  # paid late
            if rng.random() >= calote and paga <= yesterday:
                status, pago = StatusLancamento.CONFIRMADO, paga
                atualizado = max(when, self.at(paga, 9 * 60 + rng.randint(0, 540)))
        return {
            "tipo": tipo.value,
            "valor": valor,
            "descricao": descricao,
            "convenio_id": convenio_id,
            "paciente_id": paciente,
            "internacao_id": internacao_id,
            "status": status.value,
            "dt_lancamento": lancado,
            "dt_vencimento": vence,
            "dt_pagamento": pago,
            "fatura_internacao_id": internacao_id,
            "criado_em": when,
            "atualizado_em": _to_second(min(atualizado, self.cutoff)),
        }


def _poisson(rng: Random, lam: float) -> int:
    """A Poisson draw (Knuth's method; the means here are small)."""
    limit, k, p = math.exp(-lam), 0, rng.random()
    while p > limit:
        k += 1
        p *= rng.random()
    return k


def _weighted(rng: Random, options: Sequence[tuple[str, float]]) -> str:
    return rng.choices([o for o, _ in options], [w for _, w in options])[0]


def _round_up(n: int, lote: int) -> int:
    return max(lote, -(-n // lote) * lote)


def _to_second(instante: datetime) -> datetime:
    return instante.replace(microsecond=0)


def _br(x: float, casas: int = 1) -> str:
    """A number the Brazilian way: 12,5 and 9.400."""
    text = f"{x:,.{casas}f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def _laudo(rng: Random, tipo: str) -> str:
    """A short, plausible report for an exame of ``tipo``."""
    u = rng.uniform
    normal = rng.random() < 0.6
    if tipo == "Hemograma completo":
        return (
            f"Hemoglobina {_br(u(12, 16) if normal else u(8.5, 12))} g/dL; "
            f"leucócitos {_br(u(4_500, 10_000) if normal else u(11_000, 22_000), 0)}"
            f"/mm³; plaquetas {_br(u(150_000, 400_000), 0)}/mm³."
        )
    if tipo == "Proteína C reativa":
        return f"PCR {_br(u(0.1, 0.9) if normal else u(2, 25))} mg/dL (VR < 1,0)."
    if tipo == "Glicemia de jejum":
        return f"Glicose {_br(u(70, 99) if normal else u(101, 260), 0)} mg/dL."
    if tipo == "Hemoglobina glicada":
        return f"HbA1c {_br(u(4.8, 5.6) if normal else u(6.5, 11))}%."
    if tipo == "Creatinina":
        return f"Creatinina {_br(u(0.6, 1.2) if normal else u(1.4, 4.5))} mg/dL."
    if tipo == "Ureia":
        return f"Ureia {_br(u(15, 45) if normal else u(50, 160), 0)} mg/dL."
    if tipo == "Sódio e potássio":
        return (
            f"Sódio {_br(u(135, 145) if normal else u(126, 134), 0)} mEq/L; "
            f"potássio {_br(u(3.5, 5.0) if normal else u(2.8, 3.4))} mEq/L."
        )
    if tipo == "Perfil lipídico":
        return (
            f"Colesterol total {_br(u(150, 280), 0)} mg/dL; LDL {_br(u(70, 190), 0)} "
            f"mg/dL; HDL {_br(u(35, 70), 0)} mg/dL; triglicerídeos "
            f"{_br(u(70, 300), 0)} mg/dL."
        )
    if tipo == "TSH":
        return f"TSH {_br(u(0.5, 4.5) if normal else u(5, 12), 2)} µUI/mL."
    if tipo == "Urina tipo I":
        return (
            "Sem alterações."
            if normal
            else f"Leucócitos {_br(u(20, 80), 0)}/campo; nitrito positivo; "
            "bacteriúria acentuada."
        )
    if tipo in ("Urocultura com antibiograma", "Hemocultura"):
        germe = rng.choice(("Escherichia coli", "Klebsiella pneumoniae",
                            "Staphylococcus aureus"))  # fmt: skip
        return "Negativa após 5 dias." if normal else f"Positiva para {germe}."
    if tipo == "Troponina I":
        return f"Troponina I {_br(u(0.0, 0.03) if normal else u(0.1, 8), 2)} ng/mL."
    if tipo == "Gasometria arterial":
        return (
            f"pH {_br(u(7.35, 7.45) if normal else u(7.2, 7.34), 2)}; pCO2 "
            f"{_br(u(35, 45) if normal else u(46, 65), 0)} mmHg; pO2 "
            f"{_br(u(80, 100) if normal else u(55, 79), 0)} mmHg; HCO3 "
            f"{_br(u(22, 26), 0)} mEq/L."
        )
    if tipo == "Eletrocardiograma":
        return (
            f"Ritmo sinusal, FC {rng.randint(60, 95)} bpm, sem alterações agudas."
            if normal
            else rng.choice(("Fibrilação atrial com resposta ventricular controlada.",
                             "Supradesnivelamento de ST em parede inferior.",
                             "Bloqueio de ramo esquerdo."))
        )  # fmt: skip
    if normal:
        return "Exame sem alterações significativas."
    return rng.choice(
        (
            "Achados compatíveis com a hipótese clínica.",
            "Alterações discretas; correlacionar com a clínica.",
            "Achado relevante comunicado ao médico solicitante.",
        )
    )
