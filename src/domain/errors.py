"""Errors named for what went wrong in the hospital, free of any HTTP detail.

The edge maps each family to a status code in one table (``src/errors``).
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class FieldError:
    field: str
    message: str


class DomainError(Exception):
    """Base of every error a use case raises on purpose."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class RegistroNaoEncontrado(DomainError):
    """The resource named in the path does not exist."""


class Conflito(DomainError):
    """The request clashes with the current state or with another record."""


class RegistroDuplicado(Conflito):
    """A value that must be unique is already taken."""


class RegistroEmUso(Conflito):
    """The record is referred to by others and cannot be removed."""


class EstoqueInsuficiente(Conflito):
    """A saida would take the stock below zero."""


class LeitoOcupado(Conflito):
    """The bed has a patient in it."""


class DadosInvalidos(DomainError):
    """Input or a business rule failed; one entry per failing field."""

    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__("; ".join(f"{e.field}: {e.message}" for e in errors))
        self.errors = errors

    @classmethod
    def campo(cls, field: str, message: str) -> "DadosInvalidos":
        return cls([FieldError(field, message)])


class NaoAutenticado(DomainError):
    """No valid credentials came with the request."""


class AcessoNegado(DomainError):
    """The user's role may not do this."""


class EmailNaoEnviado(DomainError):
    """The mail server did not take a message; the outbox will try again.

    The message names the failure, never the recipient's address."""
