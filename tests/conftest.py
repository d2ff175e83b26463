"""Fixtures: a real, migrated database per test, a frozen clock, the real engine.

The database is an SQLite file; tests marked `both_databases` also run on a real
PostgreSQL server that the session starts in a temporary directory (tests/postgres.py).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.clock import FrozenClock
from bot.settings import Settings
from kaizen.app import App, open_app
from storage.migrate import upgrade
from tests.advisor_server import AdvisorStandIn, settings_for
from tests.conversation import Chat, RecordingOutlet
from tests.postgres import PostgresServer, binaries, postgres_server

START = datetime(2026, 3, 2, 8, 30, tzinfo=UTC)

ChatFactory = Callable[..., Awaitable[Chat]]
AppOpener = Callable[..., Awaitable[App]]


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Migrate once; each test copies the file (the migrations themselves are tested apart)."""
    path = tmp_path_factory.mktemp("template") / "kaizen.db"
    upgrade(f"sqlite+aiosqlite:///{path}")
    return path


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "backend" in metafunc.fixturenames and metafunc.definition.get_closest_marker(
        "both_databases"
    ):
        metafunc.parametrize("backend", ["sqlite", "postgresql"], indirect=True)


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    """Which database the test runs on: SQLite unless the test asks for both."""
    return str(getattr(request, "param", "sqlite"))


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    """One PostgreSQL server for the session; a test without the binaries is skipped."""
    if binaries() is None:
        pytest.skip(
            "PostgreSQL is not installed here (no initdb/pg_ctl); apt-get install postgresql"
        )
    with postgres_server() as server:
        yield server


@pytest.fixture(scope="session")
def postgres_template(postgres: PostgresServer) -> str:
    """A migrated database that each test copies (CREATE DATABASE ... TEMPLATE)."""
    name = postgres.create_database()
    upgrade(postgres.url(name))
    return name


@pytest.fixture
def database_url(
    backend: str, tmp_path: Path, migrated_template: Path, request: pytest.FixtureRequest
) -> Iterator[str]:
    if backend == "postgresql":
        server: PostgresServer = request.getfixturevalue("postgres")
        name = server.create_database(template=request.getfixturevalue("postgres_template"))
        yield server.url(name)
        server.drop_database(name)
        return
    path = tmp_path / "kaizen.db"
    path.write_bytes(migrated_template.read_bytes())
    yield f"sqlite+aiosqlite:///{path}"


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(START)


@pytest.fixture
async def open_apps(database_url: str, clock: FrozenClock) -> AsyncIterator[AppOpener]:
    """Open apps on the test database; a second one is what a restarted bot would be."""
    apps: list[App] = []

    async def opener(settings: Settings | None = None) -> App:
        app = await open_app(settings or Settings(), database_url, clock, migrate=False)
        apps.append(app)
        return app

    yield opener
    for app in apps:
        await app.close()


@pytest.fixture
async def new_chat(open_apps: AppOpener) -> ChatFactory:
    async def make(settings: Settings | None = None, **options: str) -> Chat:
        app = await open_apps(settings)
        outlet = RecordingOutlet()
        return Chat(app.runtime(outlet, "test"), outlet, **options)

    return make


@pytest.fixture
async def chat(new_chat: ChatFactory) -> Chat:
    return await new_chat()


@pytest.fixture
async def advisor_server() -> AsyncIterator[AdvisorStandIn]:
    """An advisor model's server on 127.0.0.1 (tests/advisor_server.py), answering well
    until told otherwise."""
    stand_in = AdvisorStandIn()
    await stand_in.start()
    yield stand_in
    await stand_in.stop()


@pytest.fixture
async def advised_chat(new_chat: ChatFactory, advisor_server: AdvisorStandIn) -> Chat:
    """A chat whose 5-Whys coach has the stand-in as its advisor (1 s timeout, no names sent)."""
    return await new_chat(settings_for(advisor_server))
