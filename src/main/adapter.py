"""The one adapter between Flask and the controllers."""

import json
from collections.abc import Callable
from typing import Any

from flask import Response, g, request

from src.errors.http import bad_request, not_found
from src.presentation.http import HttpRequest, HttpResponse
from src.validation.fields import INT_MAX

Handler = Callable[[HttpRequest], HttpResponse]


def adapt(handler: Handler) -> Callable[..., Response]:
    def view(**path: int) -> Response:
        # An id outside the columns' range names no record; asking the
        # database about it would fail instead of finding nothing.
        if any(not 1 <= value <= INT_MAX for value in path.values()):
            raise not_found()

        http_request = HttpRequest(
            body=_body(),
            query=request.args.to_dict(),
            path=path,
            user=g.get("user"),
        )
        return _to_flask(handler(http_request))

    view.__name__ = getattr(handler, "__name__", "view")
    return view


def _body() -> dict[str, Any]:
    """The JSON object sent, or ``{}`` for an empty body (actions without
    parameters); anything else is a 400."""
    if request.method in ("GET", "DELETE", "HEAD", "OPTIONS"):
        return {}
    raw = request.get_data(cache=True)
    if not raw.strip():
        return {}
    if not request.is_json:
        raise bad_request("the body must be JSON, sent as application/json")
    try:
        parsed = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise bad_request("the body is not valid JSON") from None
    if not isinstance(parsed, dict):
        raise bad_request("the body must be a JSON object")
    return parsed


def _to_flask(response: HttpResponse) -> Response:
    if response.body is None:
        flask_response = Response(status=response.status)
    elif isinstance(response.body, bytes):
        flask_response = Response(response.body, status=response.status)
    else:
        flask_response = Response(
            json.dumps(response.body, ensure_ascii=False),
            status=response.status,
            mimetype="application/json",
        )
    flask_response.headers.update(response.headers)
    return flask_response
