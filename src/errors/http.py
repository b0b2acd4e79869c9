"""HTTP errors and the one table that maps domain errors onto them."""

from dataclasses import dataclass

from src.domain import errors as domain


@dataclass(frozen=True)
class HttpError(Exception):
    status: int
    title: str
    message: str
    field: str | None = None


def bad_request(message: str) -> HttpError:
    return HttpError(400, "HttpBadRequestError", message)


def not_found(message: str = "resource not found") -> HttpError:
    return HttpError(404, "HttpNotFoundError", message)


STATUS = {
    400: "HttpBadRequestError",
    401: "HttpUnauthorizedError",
    403: "HttpForbiddenError",
    404: "HttpNotFoundError",
    405: "HttpMethodNotAllowedError",
    409: "HttpConflictError",
    422: "HttpUnprocessableEntityError",
    429: "HttpTooManyRequestsError",
    500: "HttpInternalServerError",
    503: "HttpServiceUnavailableError",
}

# Most specific first: the first class that matches decides the status.
DOMAIN_STATUS: list[tuple[type[domain.DomainError], int]] = [
    (domain.RegistroNaoEncontrado, 404),
    (domain.Conflito, 409),
    (domain.DadosInvalidos, 422),
    (domain.NaoAutenticado, 401),
    (domain.AcessoNegado, 403),
    (domain.DomainError, 422),
]


def envelope(entries: list[tuple[str, str | None]], status: int) -> dict[str, object]:
    title = STATUS.get(status, STATUS[500])
    return {
        "error": [
            {"title": title, "message": message, "field": field}
            for message, field in entries
        ]
    }


def from_domain(error: domain.DomainError) -> tuple[int, dict[str, object]]:
    status = next(code for kind, code in DOMAIN_STATUS if isinstance(error, kind))
    entries: list[tuple[str, str | None]]
    if isinstance(error, domain.DadosInvalidos):
        entries = [(f"{e.field}: {e.message}", e.field) for e in error.errors]
    else:
        entries = [(error.message, error.field)]
    return status, envelope(entries, status)
