"""The rules of each plain registry of the hospital (API.md section 4)."""

from typing import Any

from src.data.interfaces import UnitOfWork
from src.data.usecases.registries import Parent, RegistryRules, Unique
from src.domain.entities import Endereco, Leito
from src.domain.enums import StatusLeito
from src.domain.errors import LeitoOcupado
from src.domain.paging import PageRequest

ESPECIALIDADES = RegistryRules(
    repository="especialidades",
    label="especialidade",
    unique=[Unique(("nome",), "nome: an especialidade with this name exists")],
)

MEDICOS = RegistryRules(
    repository="medicos",
    label="medico",
    references={"especialidade_ids": "especialidades"},
    unique=[Unique(("crm", "uf_crm"), "crm: this CRM is already registered in the UF")],
)

CONVENIOS = RegistryRules(
    repository="convenios",
    label="convenio",
    unique=[Unique(("nome",), "nome: a convenio with this name exists")],
)

PACIENTES = RegistryRules(
    repository="pacientes",
    label="paciente",
    references={"convenio_id": "convenios"},
    unique=[Unique(("cpf",), "cpf: a paciente with this CPF exists")],
)


def _one_principal(uow: UnitOfWork, data: dict[str, Any], current: Any) -> None:
    """Making an address principal clears the flag on the patient's others."""
    if data.get("principal") is not True:
        return

    paciente_id = data.get("paciente_id") or current.paciente_id
    others = uow.enderecos.list(
        {"paciente_id": paciente_id, "principal": True}, PageRequest(1, 100)
    )
    endereco: Endereco
    for endereco in others.items:
        if current is None or endereco.id != current.id:
            uow.enderecos.update(endereco.id, {"principal": False})


ENDERECOS = RegistryRules(
    repository="enderecos",
    label="endereco",
    parent=Parent("paciente_id", "pacientes"),
    before_write=_one_principal,
)

SETORES = RegistryRules(
    repository="setores",
    label="setor",
    unique=[Unique(("nome",), "nome: a setor with this name exists")],
)


def _status_of_occupied_bed(
    uow: UnitOfWork, data: dict[str, Any], current: Any
) -> None:
    leito: Leito | None = current
    if leito is None or leito.status != StatusLeito.OCUPADO:
        return
    if "status" in data and data["status"] != leito.status:
        raise LeitoOcupado(f"leito {leito.id} is occupied by a patient", "status")


def _delete_of_occupied_bed(uow: UnitOfWork, leito: Leito) -> None:
    if leito.status == StatusLeito.OCUPADO:
        raise LeitoOcupado(f"leito {leito.id} is occupied by a patient")


LEITOS = RegistryRules(
    repository="leitos",
    label="leito",
    references={"setor_id": "setores"},
    unique=[Unique(("codigo", "setor_id"), "codigo: this setor has a leito with it")],
    before_write=_status_of_occupied_bed,
    before_delete=_delete_of_occupied_bed,
)

MEDICAMENTOS = RegistryRules(repository="medicamentos", label="medicamento")
