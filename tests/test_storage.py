"""The schema comes from the migrations on SQLite and PostgreSQL; SQLite is set up for a bot."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlmodel import SQLModel, col, select

import storage.tables  # noqa: F401  (registers the tables)
from bot.model.ideas import Idea
from bot.people import Person
from storage.database import SqlDatabase, create_engine
from storage.migrate import HEAD, current_revision, head_revision, upgrade, upgrade_async
from storage.tables import IdeaRow, KudosReceiverRow, StageChangeRow
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


@pytest.mark.both_databases
async def test_migration_0009_backfills_when_stages_were_left_and_kudos_given(
    empty_url: str,
) -> None:
    url = empty_url
    await asyncio.to_thread(upgrade, url, "0008")
    at = datetime(2026, 3, 2, tzinfo=UTC)
    engine = create_engine(url)
    async with engine.begin() as connection:
        await connection.execute(
            text("INSERT INTO workspace (id, next_idea_number, created_at) VALUES ('T1', 2, :at)"),
            {"at": at},
        )
        await connection.execute(
            text(
                "INSERT INTO idea (id, workspace_id, number, text, author_id, author_name, "
                "anonymous, path, stage, stage_at, channel, credit_author, created_at, "
                "updated_at) VALUES (1, 'T1', 1, 'Label the shelves', 'U1', 'ann', false, "
                "'operational', 'do', :at, 'C1', false, :at, :at)"
            ),
            {"at": at},
        )
        for number, (stage, day) in enumerate([("new", 0), ("plan", 2), ("plan", 2), ("do", 5)]):
            await connection.execute(
                text(
                    "INSERT INTO stage_change (id, workspace_id, idea_id, stage, at) "
                    "VALUES (:id, 'T1', 1, :stage, :at)"
                ),
                {"id": number + 1, "stage": stage, "at": at + timedelta(days=day)},
            )
        await connection.execute(
            text(
                "INSERT INTO kudos (id, workspace_id, giver_id, giver_name, reason, channel, "
                "source, given_at, local_day) VALUES (1, 'T1', 'U1', 'ann', 'for the labels', "
                "'C1', 'command', :at, '2026-03-02')"
            ),
            {"at": at},
        )
        await connection.execute(
            text(
                "INSERT INTO kudos_receiver (kudos_id, person_id, workspace_id, person_name) "
                "VALUES (1, 'U2', 'T1', 'bob')"
            )
        )
    await engine.dispose()
    await upgrade_async(url)
    database = SqlDatabase(url)
    async with database.transaction() as store:
        rows = await store.session.execute(
            select(col(StageChangeRow.id), col(StageChangeRow.left_at)).order_by(
                col(StageChangeRow.id)
            )
        )
        left = [(row_id, when) for row_id, when in rows]
        thanked = await store.session.scalar(select(col(KudosReceiverRow.given_at)))
    await database.close()
    assert thanked == at
    assert left == [
        (1, at + timedelta(days=2)),
        (2, at + timedelta(days=2)),  # a tie in time is ordered by id
        (3, at + timedelta(days=5)),
        (4, None),
    ]


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
async def test_two_turns_on_one_idea_take_turns_and_others_need_not_wait(
    database_url: str,
) -> None:
    """A turn reads an idea to change it: a second turn on the same idea waits until the
    first has committed, so read-then-write never interleaves. On PostgreSQL a turn on
    another idea runs meanwhile; SQLite has one writer, so there it waits too."""
    database = SqlDatabase(database_url)
    at = datetime(2026, 3, 2, tzinfo=UTC)
    async with database.transaction() as store:
        await store.ensure_workspace("T1", "test", at)
        for _ in range(2):
            await store.ideas.add(shelf_idea(at))
    first_in, release = asyncio.Event(), asyncio.Event()
    order: list[str] = []

    async def first() -> None:
        async with database.transaction() as store:
            await store.ideas.get("T1", 1)
            order.append("first in")
            first_in.set()
            await release.wait()
            order.append("first out")

    async def same() -> None:
        await first_in.wait()
        async with database.transaction() as store:
            await store.ideas.get("T1", 1)
            order.append("same idea in")

    async def other() -> None:
        await first_in.wait()
        async with database.transaction() as store:
            await store.ideas.get("T1", 2)
            order.append("other idea in")

    tasks = [asyncio.create_task(work()) for work in (first, same, other)]
    await first_in.wait()
    await asyncio.sleep(0.3)
    release.set()
    await asyncio.gather(*tasks)
    assert order.index("same idea in") > order.index("first out")
    if database.serial:
        assert order[:2] == ["first in", "first out"]
    else:
        assert order[:3] == ["first in", "other idea in", "first out"]
    await database.close()


def test_the_head_the_start_checks_for_is_alembics_head(tmp_path: Path) -> None:
    assert head_revision(f"sqlite+aiosqlite:///{tmp_path / 'any.db'}") == HEAD


@pytest.mark.both_databases
async def test_a_reading_neither_waits_for_nor_holds_up_a_turn(database_url: str) -> None:
    """The board and reports read through `reading()`: a slow page must not stall chat."""
    database = SqlDatabase(database_url)
    at = datetime(2026, 3, 2, tzinfo=UTC)
    async with database.transaction() as store:
        await store.ensure_workspace("T1", "test", at)
        await store.ideas.add(shelf_idea(at))
    async with database.reading() as view:
        assert await view.ideas.get("T1", 1) is not None

        async def turn() -> None:
            async with database.transaction() as store:
                await store.ideas.add(shelf_idea(at))

        await asyncio.wait_for(turn(), 5)
        assert await view.ideas.get("T1", 2) is None  # a reading keeps its snapshot
        async with database.transaction() as store:
            assert await store.ideas.get("T1", 2) is not None
    await database.close()


@pytest.mark.both_databases
async def test_migration_0010_finds_the_ideas_joined_before_it(empty_url: str) -> None:
    url = empty_url
    await asyncio.to_thread(upgrade, url, "0009")
    at = datetime(2026, 3, 2, tzinfo=UTC)
    engine = create_engine(url)
    async with engine.begin() as connection:
        await connection.execute(
            text("INSERT INTO workspace (id, next_idea_number, created_at) VALUES ('T1', 4, :at)"),
            {"at": at},
        )
        notes = {1: None, 2: "same as #1", 3: "same as #1, and cheaper"}
        for number, note in notes.items():
            await connection.execute(
                text(
                    "INSERT INTO idea (id, workspace_id, number, text, author_id, author_name, "
                    "anonymous, path, stage, stage_at, channel, credit_author, created_at, "
                    "updated_at) VALUES (:n, 'T1', :n, 'Label the shelves', 'U1', 'ann', false, "
                    "'operational', :stage, :at, 'C1', false, :at, :at)"
                ),
                {"n": number, "at": at, "stage": "dropped" if note else "plan"},
            )
            await connection.execute(
                text(
                    "INSERT INTO stage_change (workspace_id, idea_id, stage, at, note) "
                    "VALUES ('T1', :n, :stage, :at, :note)"
                ),
                {"n": number, "at": at, "note": note, "stage": "dropped" if note else "plan"},
            )
    await engine.dispose()
    await upgrade_async(url)
    database = SqlDatabase(url)
    async with database.transaction() as store:
        rows = await store.session.execute(
            select(col(IdeaRow.number), col(IdeaRow.duplicate_of)).order_by(col(IdeaRow.number))
        )
        joined = [(number, earlier) for number, earlier in rows]
    await database.close()
    assert joined == [(1, None), (2, 1), (3, None)]


def test_an_idea_done_before_plans_gets_its_countermeasure_from_its_done_note(
    tmp_path: Path,
) -> None:
    """Migration 0016 backfills: what changed, said when an old idea was moved to Done, is
    its countermeasure (the record, the A3 page and the exports show it)."""
    url = f"sqlite+aiosqlite:///{tmp_path / 'old.db'}"
    upgrade(url, "0015")
    path = tmp_path / "old.db"
    with sqlite3.connect(path) as db:
        db.execute(
            "INSERT INTO workspace (id, surface, next_idea_number, created_at)"
            " VALUES ('T1', 'slack', 2, '2026-01-01')"
        )
        db.execute(
            "INSERT INTO idea (workspace_id, number, text, author_id, author_name, anonymous, path,"
            " stage, stage_at, channel, credit_author, created_at, updated_at) VALUES"
            " ('T1', 1, 'Jams', 'U1', 'alice', 0, 'operational', 'done', '2026-01-02', 'C1', 0,"
            " '2026-01-01', '2026-01-02')"
        )
        db.execute(
            "INSERT INTO stage_change (workspace_id, idea_id, stage, at, note) VALUES"
            " ('T1', 1, 'done', '2026-01-02', 'A second roller set')"
        )
    upgrade(url)
    with sqlite3.connect(path) as db:
        (countermeasure,) = db.execute("SELECT countermeasure FROM idea").fetchone()
    assert countermeasure == "A second roller set"
