import pytest

from tests.unit.fakes import FakeDatabase, FixedClock


@pytest.fixture
def fake_db() -> FakeDatabase:
    return FakeDatabase(FixedClock())
