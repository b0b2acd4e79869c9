"""The Flask app factory: one app, one container, every route."""

import logging
import re
import time
import uuid

from flask import Flask, Response, g, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

from src.data.interfaces import Clock
from src.errors.handler import register_error_handlers
from src.main.composers import Container, build_container
from src.main.config import Settings
from src.main.routes.v1 import register_v1
from src.main.security import Permissions, install_guard

access_log = logging.getLogger("hospital.access")
REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")


def create_app(settings: Settings | None = None, clock: Clock | None = None) -> Flask:
    settings = settings or Settings.from_env()
    container = build_container(settings, clock)

    app = Flask(__name__, static_folder=None)
    app.extensions["container"] = container
    app.url_map.strict_slashes = False

    limiter = Limiter(
        get_remote_address,
        app=app,
        storage_uri="memory://",
        headers_enabled=True,
    )
    app.extensions["hospital.limiter"] = limiter
    permissions = Permissions()
    _install_request_log(app)
    install_guard(app, permissions, container.auth)
    register_v1(app, container, permissions, limiter)
    register_error_handlers(app)
    return app


def container_of(app: Flask) -> Container:
    container: Container = app.extensions["container"]
    return container


def _install_request_log(app: Flask) -> None:
    @app.before_request
    def _start() -> None:
        given = request.headers.get("X-Request-ID", "")
        g.request_id = given if REQUEST_ID.match(given) else uuid.uuid4().hex
        g.started = time.perf_counter()

    @app.after_request
    def _finish(response: Response) -> Response:
        request_id = g.get("request_id") or uuid.uuid4().hex
        response.headers["X-Request-ID"] = request_id
        elapsed_ms = (
            time.perf_counter() - g.get("started", time.perf_counter())
        ) * 1000
        user = g.get("user")
        level = (
            logging.ERROR
            if response.status_code >= 500
            else (logging.WARNING if response.status_code >= 400 else logging.INFO)
        )
        access_log.log(
            level,
            "request",
            extra={
                "request_id": request_id,
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": round(elapsed_ms, 2),
                "user_id": user.id if user else None,
            },
        )
        return response
