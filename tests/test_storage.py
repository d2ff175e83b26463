"""The schema comes from the migrations, and SQLite is set up for a chat bot."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlmodel import SQLModel

import storage.tables  # noqa: F401  (registers the tables)
from bot.ideas.model import Idea
from bot.people import Person
from storage.database import SqlDatabase, create_engine
from storage.migrate import current_revision, head_revision, upgrade_async


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


async def test_migrations_build_exactly_the_tables_the_code_uses(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'fresh.db'}"
    await upgrade_async(url)
    assert await current_revision(url) == head_revision(url)
    engine = create_engine(url)
    async with engine.connect() as connection:
        assert await connection.run_sync(_differences) == []
    await engine.dispose()


async def test_upgrading_twice_is_harmless(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'twice.db'}"
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
