from enum import StrEnum


class Papel(StrEnum):
    ADMIN = "admin"
    GESTOR = "gestor"
    MEDICO = "medico"
    ENFERMAGEM = "enfermagem"
    RECEPCAO = "recepcao"
    FINANCEIRO = "financeiro"
    FARMACIA = "farmacia"


class Sexo(StrEnum):
    FEMININO = "feminino"
    MASCULINO = "masculino"
    OUTRO = "outro"
    NAO_INFORMADO = "nao_informado"


class TipoSetor(StrEnum):
    ENFERMARIA = "enfermaria"
    UTI = "uti"
    PRONTO_SOCORRO = "pronto_socorro"
    CENTRO_CIRURGICO = "centro_cirurgico"
    OUTRO = "outro"


class TipoLeito(StrEnum):
    ENFERMARIA = "enfermaria"
    APARTAMENTO = "apartamento"
    UTI = "uti"
    ISOLAMENTO = "isolamento"


class StatusLeito(StrEnum):
    LIVRE = "livre"
    OCUPADO = "ocupado"
    MANUTENCAO = "manutencao"


class TipoMovimentacao(StrEnum):
    ENTRADA = "entrada"
    SAIDA = "saida"
    AJUSTE = "ajuste"


UFS = (
    "AC", "AL", "AP", "AM", "BA", "CE", "DF", "ES", "GO", "MA", "MT", "MS", "MG",
    "PA", "PB", "PR", "PE", "PI", "RJ", "RN", "RS", "RO", "RR", "SC", "SP", "SE",
    "TO",
)  # fmt: skip


class StatusConsulta(StrEnum):
    AGENDADA = "agendada"
    REALIZADA = "realizada"
    CANCELADA = "cancelada"
    FALTA = "falta"


class StatusExame(StrEnum):
    SOLICITADO = "solicitado"
    EM_ANDAMENTO = "em_andamento"
    CONCLUIDO = "concluido"
    CANCELADO = "cancelado"


class StatusPrescricao(StrEnum):
    ATIVA = "ativa"
    DISPENSADA = "dispensada"
    CANCELADA = "cancelada"


class StatusInternacao(StrEnum):
    ATIVA = "ativa"
    ALTA = "alta"


class MotivoAlta(StrEnum):
    MELHORA = "melhora"
    CURA = "cura"
    TRANSFERENCIA_EXTERNA = "transferencia_externa"
    OBITO = "obito"
    A_PEDIDO = "a_pedido"
    OUTRO = "outro"


class TipoLancamento(StrEnum):
    CONSULTA = "consulta"
    INTERNACAO = "internacao"
    EXAME = "exame"
    PROCEDIMENTO = "procedimento"
    MEDICAMENTO = "medicamento"
    OUTRO = "outro"


class StatusLancamento(StrEnum):
    PENDENTE = "pendente"
    CONFIRMADO = "confirmado"
    CANCELADO = "cancelado"
