"""The migrations build exactly the schema the models describe."""

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text
from sqlalchemy.engine import make_url

from src.infra.db.engine import make_engine
from src.infra.db.migrate import upgrade
from src.infra.db.models import Base

pytestmark = pytest.mark.integration


@pytest.fixture
def fresh_database_url(database_url, tmp_path):
    """An empty database of the same kind as the test database: a temporary
    file for SQLite; for MariaDB a scratch database named after the test one,
    made with its credentials and dropped afterwards."""
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        yield f"sqlite:///{tmp_path / 'drift.db'}"
        return

    scratch = f"{url.database}_drift"
    server = make_engine(url.set(database=""))
    with server.begin() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS `{scratch}`"))
        connection.execute(text(f"CREATE DATABASE `{scratch}` CHARACTER SET utf8mb4"))
    try:
        yield url.set(database=scratch).render_as_string(hide_password=False)
    finally:
        with server.begin() as connection:
            connection.execute(text(f"DROP DATABASE IF EXISTS `{scratch}`"))
        server.dispose()


def test_upgrading_a_fresh_database_to_head_leaves_no_drift_from_the_models(
    fresh_database_url,
):
    engine = make_engine(fresh_database_url)
    upgrade(engine)

    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        drift = compare_metadata(context, Base.metadata)
    engine.dispose()

    assert drift == []
