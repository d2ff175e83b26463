"""The schema comes from the migrations on SQLite and PostgreSQL; SQLite is set up for a bot."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlmodel import SQLModel

import storage.tables  # noqa: F401  (registers the tables)
from bot.ideas.model import Idea
from bot.people import Person
from storage.database import SqlDatabase, create_engine
from storage.migrate import HEAD, current_revision, head_revision, upgrade_async
from tests.postgres import PostgresServer


def shelf_idea(at: datetime) -> Idea:
    return Idea(
        workspace="T1",
        text="Label the shelves",
        author=Person("U1", "ann"),
        channel="C1",
        created_at=at,
        stage_at=at,
    )


def _differences(connection: Connection) -> list[object]:
    return list(compare_metadata(MigrationContext.configure(connection), SQLModel.metadata))


@pytest.fixture
def empty_url(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    """A database with no tables yet."""
    if backend == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'fresh.db'}"
        return
    server: PostgresServer = request.getfixturevalue("postgres")
    name = server.create_database()
    yield server.url(name)
    server.drop_database(name)


@pytest.mark.both_databases
async def test_migrations_build_exactly_the_tables_the_code_uses(empty_url: str) -> None:
    url = empty_url
    await upgrade_async(url)
    assert await current_revision(url) == head_revision(url)
    engine = create_engine(url)
    async with engine.connect() as connection:
        assert await connection.run_sync(_differences) == []
    await engine.dispose()


@pytest.mark.both_databases
async def test_upgrading_twice_is_harmless(empty_url: str) -> None:
    url = empty_url
    await upgrade_async(url)
    await upgrade_async(url)
    assert await current_revision(url) == head_revision(url)


async def test_sqlite_runs_in_wal_mode_with_a_busy_timeout_and_foreign_keys(
    database_url: str,
) -> None:
    database = SqlDatabase(database_url)
    async with database.engine.connect() as connection:
        assert (await connection.execute(text("PRAGMA journal_mode"))).scalar() == "wal"
        assert (await connection.execute(text("PRAGMA busy_timeout"))).scalar_one() >= 5000
        assert (await connection.execute(text("PRAGMA foreign_keys"))).scalar() == 1
    await database.close()


@pytest.mark.both_databases
async def test_times_come_back_timezone_aware_in_utc(database_url: str) -> None:
    database = SqlDatabase(database_url)
    at = datetime(2026, 3, 29, 1, 30, tzinfo=UTC)
    async with database.transaction() as store:
        await store.ensure_workspace("T1", "test", at)
        idea = shelf_idea(at)
        await store.ideas.add(idea)
    async with database.transaction() as store:
        stored = await store.ideas.get("T1", 1)
    assert stored is not None and stored.created_at == at and stored.created_at.tzinfo == UTC
    assert await database.workspaces() == ["T1"]
    await database.close()


@pytest.mark.both_databases
async def test_a_failed_transaction_leaves_no_trace_and_burns_no_number(database_url: str) -> None:
    database = SqlDatabase(database_url)
    at = datetime(2026, 3, 2, tzinfo=UTC)
    idea = shelf_idea(at)
    try:
        async with database.transaction() as store:
            await store.ensure_workspace("T1", "test", at)
            await store.ideas.add(idea)
            raise RuntimeError("the turn failed")
    except RuntimeError:
        pass
    async with database.transaction() as store:
        await store.ensure_workspace("T1", "test", at)
        assert (await store.ideas.add(idea)).number == 1
        assert await store.ideas.get("T1", 2) is None
    await database.close()


@pytest.mark.both_databases
async def test_transactions_take_turns_so_read_then_write_never_interleaves(
    database_url: str,
) -> None:
    database = SqlDatabase(database_url)
    at = datetime(2026, 3, 2, tzinfo=UTC)
    first_in, release = asyncio.Event(), asyncio.Event()
    order: list[str] = []

    async def first() -> None:
        async with database.transaction() as store:
            await store.ensure_workspace("T1", "test", at)
            order.append("first in")
            first_in.set()
            await release.wait()
            order.append("first out")

    async def second() -> None:
        await first_in.wait()
        async with database.transaction() as store:
            await store.ideas.get("T1", 1)
            order.append("second in")

    tasks = [asyncio.create_task(first()), asyncio.create_task(second())]
    await first_in.wait()
    await asyncio.sleep(0.3)
    release.set()
    await asyncio.gather(*tasks)
    assert order == ["first in", "first out", "second in"]
    await database.close()


def test_the_head_the_start_checks_for_is_alembics_head(tmp_path: Path) -> None:
    assert head_revision(f"sqlite+aiosqlite:///{tmp_path / 'any.db'}") == HEAD
