"""Fixtures: a real, migrated SQLite file per test, a frozen clock, the real engine."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.clock import FrozenClock
from bot.settings import Settings
from kaizen.app import App, open_app
from storage.migrate import upgrade
from tests.conversation import Chat, RecordingOutlet

START = datetime(2026, 3, 2, 8, 30, tzinfo=UTC)

ChatFactory = Callable[..., Awaitable[Chat]]
AppOpener = Callable[..., Awaitable[App]]


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Migrate once; each test copies the file (the migrations themselves are tested apart)."""
    path = tmp_path_factory.mktemp("template") / "kaizen.db"
    upgrade(f"sqlite+aiosqlite:///{path}")
    return path


@pytest.fixture
def database_url(tmp_path: Path, migrated_template: Path) -> str:
    path = tmp_path / "kaizen.db"
    path.write_bytes(migrated_template.read_bytes())
    return f"sqlite+aiosqlite:///{path}"


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
