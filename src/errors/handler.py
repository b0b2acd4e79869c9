"""The one place where errors become HTTP answers."""

import json
import logging

from flask import Flask, Response
from werkzeug.exceptions import HTTPException

from src.domain.errors import DomainError
from src.errors.http import STATUS, HttpError, envelope, from_domain

log = logging.getLogger("hospital.errors")


def _answer(status: int, body: dict[str, object]) -> tuple[Response, int]:
    payload = json.dumps(body, ensure_ascii=False)
    return Response(payload, status=status, mimetype="application/json"), status


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(DomainError)
    def _domain(error: DomainError) -> tuple[Response, int]:
        return _answer(*from_domain(error))

    @app.errorhandler(HttpError)
    def _http(error: HttpError) -> tuple[Response, int]:
        return _answer(
            error.status, envelope([(error.message, error.field)], error.status)
        )

    @app.errorhandler(HTTPException)
    def _werkzeug(error: HTTPException) -> tuple[Response, int]:
        status = error.code or 500
        if status not in STATUS:
            status = 400 if status < 500 else 500
        message = {
            404: "no such resource or path",
            405: "method not allowed on this path",
            429: "too many requests; try again later",
        }.get(status, error.description or "")
        response, code = _answer(status, envelope([(message, None)], status))
        if status == 405 and error.get_response().headers.get("Allow"):
            response.headers["Allow"] = error.get_response().headers["Allow"]
        return response, code

    @app.errorhandler(Exception)
    def _unexpected(error: Exception) -> tuple[Response, int]:
        log.exception("unhandled_error", extra={"error_type": type(error).__name__})
        return _answer(500, envelope([("internal server error", None)], 500))
