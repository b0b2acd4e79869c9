from alembic import context
from sqlalchemy import Connection

from src.infra.db.engine import make_engine
from src.infra.db.models import Base
from src.main.config import ROOT, Settings, load_dotenv


def _migrate(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is not None:
    _migrate(connection)
else:
    load_dotenv(ROOT / ".env")
    url = (
        context.config.get_main_option("sqlalchemy.url")
        or Settings.from_env().database_url
    )
    with make_engine(url).connect() as fresh:
        _migrate(fresh)
