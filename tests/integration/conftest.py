from collections.abc import Callable

import pytest
from sqlalchemy import Engine

from src.infra.db.engine import make_session_factory
from src.infra.db.unit_of_work import SqlUnitOfWork
from src.infra.events import InProcessEventBus


@pytest.fixture
def uow_factory(engine: Engine) -> Callable[[], SqlUnitOfWork]:
    """Units of work on the emptied test database, as the app builds them."""
    session_factory = make_session_factory(engine)
    bus = InProcessEventBus()
    return lambda: SqlUnitOfWork(session_factory, bus)
