"""Shared fixtures: a real database (SQLite, or MariaDB via TEST_DATABASE_URL),
the app built on it as in production, a clock the tests can pin, and tokens
for every role."""

import os
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import Engine, MetaData, text

from src.domain.enums import Papel
from src.infra.db.engine import make_engine
from src.infra.db.migrate import upgrade
from src.infra.db.models import Base
from src.main.app import container_of, create_app
from src.main.config import Settings

SAO_PAULO = ZoneInfo("America/Sao_Paulo")


class FrozenClock:
    """A clock that stands still until a test moves it."""

    def __init__(self, now: datetime | None = None) -> None:
        self.current = now or datetime.now(UTC).replace(microsecond=0)

    def now(self) -> datetime:
        return self.current

    def set(self, now: datetime) -> None:
        self.current = now

    def advance(self, **delta: float) -> None:
        self.current += timedelta(**delta)


def _test_url(tmp_dir: Path) -> str:
    return os.environ.get("TEST_DATABASE_URL") or f"sqlite:///{tmp_dir / 'test.db'}"


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return _test_url(tmp_path_factory.mktemp("db"))


@pytest.fixture(scope="session")
def migrated_engine(database_url: str) -> Iterator[Engine]:
    """The test database, emptied and brought to the newest migration once."""
    engine = make_engine(database_url)
    existing = MetaData()
    existing.reflect(engine)
    with engine.begin() as connection:
        if engine.dialect.name == "mysql":
            connection.execute(text("SET FOREIGN_KEY_CHECKS=0"))
        for table in reversed(existing.sorted_tables):
            connection.execute(text(f"DROP TABLE {table.name}"))
        if engine.dialect.name == "mysql":
            connection.execute(text("SET FOREIGN_KEY_CHECKS=1"))
    upgrade(engine)
    yield engine
    engine.dispose()


def empty_tables(engine: Engine) -> None:
    with engine.begin() as connection:
        for table in reversed(Base.metadata.sorted_tables):
            connection.execute(table.delete())


@pytest.fixture
def engine(migrated_engine: Engine) -> Iterator[Engine]:
    empty_tables(migrated_engine)
    yield migrated_engine


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock()


def make_settings(database_url: str, instance: Path, **overrides: Any) -> Settings:
    values: dict[str, Any] = dict(
        database_url=database_url,
        instance_dir=instance,
        host="127.0.0.1",
        port=0,
        secret_key="test-secret-key-that-is-long-enough-for-hs256",
        token_lifetime=timedelta(hours=1),
        admin_email=None,
        admin_password=None,
        tz=SAO_PAULO,
        scheduler_embedded=False,
        login_limit_email="5 per minute",
        login_limit_address="20 per minute",
        password_time_cost=1,
        password_memory_cost=1024,
        log_level="INFO",
    )
    values.update(overrides)
    return Settings(**values)


class ClockProxy:
    """The clock a cached app keeps; each test points it at its own clock."""

    def __init__(self) -> None:
        self.target: FrozenClock = FrozenClock()

    def now(self) -> datetime:
        return self.target.now()


@pytest.fixture(scope="session")
def instance_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("instance")


@pytest.fixture
def settings(database_url: str, instance_dir: Path) -> Settings:
    return make_settings(database_url, instance_dir)


@pytest.fixture(scope="session")
def _apps() -> Iterator[dict[Settings, tuple[Flask, ClockProxy]]]:
    """Apps built once per distinct settings: building one compiles every
    route, which would otherwise dominate the suite's time."""
    cache: dict[Settings, tuple[Flask, ClockProxy]] = {}
    yield cache
    for application, _ in cache.values():
        container_of(application).engine.dispose()


@pytest.fixture
def app(
    request: pytest.FixtureRequest,
    engine: Engine,
    settings: Settings,
    clock: FrozenClock,
    _apps: dict[Settings, tuple[Flask, ClockProxy]],
) -> Iterator[Flask]:
    """The app on the emptied test database, with ``clock`` as its "now".

    Tests that change the app itself (a route, a bus subscriber) are marked
    ``fresh_app`` and get one of their own.
    """
    if request.node.get_closest_marker("fresh_app"):
        application = create_app(settings, clock=clock)
        yield application
        container_of(application).engine.dispose()
        return

    if settings not in _apps:
        proxy = ClockProxy()
        _apps[settings] = (create_app(settings, clock=proxy), proxy)
    application, proxy = _apps[settings]
    proxy.target = clock
    application.extensions["hospital.limiter"].reset()
    yield application


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def make_user(app: Flask) -> Callable[..., dict[str, Any]]:
    """Create a user straight in the database; returns its id, email and
    Authorization header."""
    container = container_of(app)
    counter = iter(range(1, 10_000))

    def make(
        papel: Papel | str = Papel.ADMIN, senha: str = "senha-segura-1", **extra: Any
    ) -> dict[str, Any]:
        n = next(counter)
        email = extra.pop("email", f"{papel}{n}@hospital.test")
        with container.uow_factory() as uow:
            user = uow.usuarios.add(
                {
                    "nome": extra.pop("nome", f"Usuário {papel} {n}"),
                    "email": email,
                    "papel": str(papel),
                    "ativo": extra.pop("ativo", True),
                    "email_confirmado": True,
                    "senha_hash": container.hasher.hash(senha),
                    **extra,
                }
            )
            uow.commit()
        token, _ = container.tokens.issue(user.id, user.versao_sessao)
        return {
            "id": user.id,
            "email": email,
            "senha": senha,
            "headers": {"Authorization": f"Bearer {token}"},
        }

    return make


@pytest.fixture
def as_role(
    make_user: Callable[..., dict[str, Any]],
) -> Callable[[Papel | str], dict[str, str]]:
    """Authorization headers of a fresh user with the role, one user per role."""
    made: dict[str, dict[str, str]] = {}

    def headers(papel: Papel | str) -> dict[str, str]:
        if str(papel) not in made:
            made[str(papel)] = make_user(papel)["headers"]
        return made[str(papel)]

    return headers


@pytest.fixture
def admin(as_role: Callable[[Papel | str], dict[str, str]]) -> dict[str, str]:
    return as_role(Papel.ADMIN)
