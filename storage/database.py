"""Connecting: the async engine, SQLite tuned for a chat bot, one transaction per turn."""

from __future__ import annotations

import asyncio
import importlib.util
import logging
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import event, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlmodel import SQLModel, col

from bot.errors import ConfigError
from bot.store import Wake
from storage.faults import storage_error
from storage.inbox import SqlInboxStore
from storage.locks import WRITING
from storage.notices import Notices, topic
from storage.store import SqlStore
from storage.tables import InboxRow, WorkspaceRow
from storage.writers import Writers

log = logging.getLogger(__name__)

DEFAULT_URL = "sqlite+aiosqlite:///kaizen.db"
BUSY_TIMEOUT_MS = 10_000
SQLITE_MMAP_BYTES = 256 * 1024 * 1024
SQLITE_CACHE_KIB = 16 * 1024


_ASYNC_DRIVERS = {"sqlite": "aiosqlite", "postgresql": "asyncpg"}
_EXAMPLES = "sqlite+aiosqlite:///kaizen.db or postgresql+asyncpg://user:password@host/dbname"
_EXTRAS = {"asyncpg": "kaizen-bot[postgresql]"}
"""Drivers that come with an extra rather than with the base install."""
_PLAIN_POSTGRES = ("postgres://", "postgresql://")


def database_url(explicit: str | None = None) -> str:
    """--database, else DATABASE_URL, else an SQLite file in the current directory; checked."""
    return check_url(explicit or os.environ.get("DATABASE_URL") or DEFAULT_URL)


def check_url(url: str) -> str:
    """The URL when the bot can use it, else a `ConfigError` that shows how to write it.

    `postgres://` and `postgresql://`, as hosting providers hand them out, mean asyncpg here.
    """
    url = _with_asyncpg(url)
    try:
        parsed = make_url(url)
    except ArgumentError:
        fix = f"sqlite+aiosqlite:///{url}" if "://" not in url else _EXAMPLES
        raise ConfigError(f"Database URL {url!r} is not a URL. Fix: use {fix}.") from None
    backend, driver = parsed.get_backend_name(), parsed.get_driver_name()
    shown = parsed.render_as_string(hide_password=True)
    if backend not in _ASYNC_DRIVERS:
        raise ConfigError(f"Database {shown} is not supported. Fix: use {_EXAMPLES}.")
    wanted = _ASYNC_DRIVERS[backend]
    if driver != wanted:
        fixed = parsed.set(drivername=f"{backend}+{wanted}").render_as_string(hide_password=True)
        raise ConfigError(f"Database {shown} needs the async driver. Fix: use {fixed}.")
    if backend == "sqlite":
        sqlite_synchronous(url)
    if importlib.util.find_spec(wanted) is None:
        package = f"'{_EXTRAS[wanted]}'" if wanted in _EXTRAS else wanted
        raise ConfigError(
            f"Database {shown} needs the {wanted} package, which is not installed. "
            f"Fix: pip install {package}."
        )
    return url


def _with_asyncpg(url: str) -> str:
    """A plain PostgreSQL URL with the async driver named, said once on stderr's log."""
    plain = next((scheme for scheme in _PLAIN_POSTGRES if url.startswith(scheme)), None)
    if plain is None:
        return url
    mapped = "postgresql+asyncpg://" + url.removeprefix(plain)
    try:
        shown = make_url(mapped).render_as_string(hide_password=True)
    except ArgumentError:
        return url
    log.warning("database URL %s... read as %s (the asyncpg driver)", plain, shown)
    return mapped


SYNCHRONOUS = ("normal", "full", "extra")


def sqlite_synchronous(url: str) -> str:
    """SQLite's `synchronous` setting from the URL's `?synchronous=` (default normal)."""
    value = str(make_url(url).query.get("synchronous") or "normal").lower()
    if value not in SYNCHRONOUS:
        raise ConfigError(
            f"Database URL: synchronous={value!r}. Fix: one of {', '.join(SYNCHRONOUS)}."
        )
    return value.upper()


def create_engine(url: str) -> AsyncEngine:
    """An async engine; for SQLite: WAL, a busy timeout, foreign keys, BEGIN IMMEDIATE.

    BEGIN IMMEDIATE takes the write lock when a turn starts, so two turns never deadlock
    upgrading a read lock; the busy timeout makes the second one wait instead of failing.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() == "postgresql":
        return _postgres_engine(url)
    synchronous = sqlite_synchronous(url)
    parsed = parsed.difference_update_query(["synchronous"])
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_async_engine(parsed, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        # WAL: a commit survives the process (kill -9 loses nothing); NORMAL leaves the
        # last commits to the OS's page cache on power loss, FULL syncs every commit.
        cursor.execute(f"PRAGMA synchronous={synchronous}")
        # Metrics read tens of thousands of rows at scale: map the file (the OS page cache
        # serves the pages, shared by every connection) and keep more pages at hand.
        cursor.execute(f"PRAGMA mmap_size={SQLITE_MMAP_BYTES}")
        cursor.execute(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(connection: Any) -> None:
        # A reading sees a snapshot (WAL) and takes no write lock.
        connection.exec_driver_sql("BEGIN" if _reading(connection) else "BEGIN IMMEDIATE")

    return engine


_SESSION_SETTINGS = {
    "application_name": "kaizen-bot",
    # Transactions never wait on a platform, so one idle this long belongs to a frozen
    # process (a paused VM, a stopped container): end it, and free its row locks.
    "idle_in_transaction_session_timeout": "15000",
}


def _postgres_engine(url: str) -> AsyncEngine:
    """PostgreSQL, where transactions run side by side at READ COMMITTED.

    What must not race is serialised by the database itself: a counter row updated in place
    (idea numbers), rows locked as they are read to be changed (storage/locks.py), unique
    keys with ON CONFLICT (claims, handled events), SKIP LOCKED for the work queues. A
    deadlock or a lost race on a key is a `Conflict`, and the engine runs the turn again.
    """
    engine = create_async_engine(
        url,
        pool_pre_ping=True,
        pool_size=10,
        max_overflow=10,
        connect_args={"server_settings": _SESSION_SETTINGS},
    )

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(connection: Any) -> None:
        if _reading(connection):
            # One snapshot for every query of the reading.
            connection.exec_driver_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")

    return engine


_READING = "kaizen_reading"


def _reading(connection: Any) -> bool:
    return bool(connection.get_execution_options().get(_READING))


class SqlDatabase:
    """The engine's `Database` on SQLAlchemy: each transaction is one session, one commit.

    Database failures leave a transaction as `Conflict` (run it again) or
    `StorageUnavailable` (the database is away), so the engine can tell them from bugs.
    """

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = create_engine(url)
        self.serial = self.engine.dialect.name != "postgresql"
        self._sessions = async_sessionmaker(
            self.engine, expire_on_commit=False, info={WRITING: True}
        )
        self._readings = async_sessionmaker(
            self.engine.execution_options(**{_READING: True}), expire_on_commit=False
        )
        self._notices = Notices(url) if not self.serial else None
        self._writers = Writers() if self.serial else None
        """SQLite: this process's writers take turns here rather than polling the lock."""
        self.inbox_url = inbox_url(url)
        apart = self.inbox_url != url
        self._inbox_engine = create_engine(self.inbox_url) if apart else self.engine
        self._inbox_sessions = async_sessionmaker(
            self._inbox_engine, expire_on_commit=False, info={WRITING: True}
        )
        self._inbox_writers = Writers() if apart else self._writers
        self._inbox_ready = not apart
        self._making_inbox = asyncio.Lock()

    @asynccontextmanager
    async def transaction(self, first: bool = False) -> AsyncIterator[SqlStore]:
        writers = _taking(self._writers, first)
        async with _translated(), writers, self._sessions() as session, session.begin():
            yield SqlStore(session)

    @asynccontextmanager
    async def inbox(self, first: bool = False) -> AsyncIterator[SqlInboxStore]:
        async with _translated():
            if not self._inbox_ready:
                await self._make_inbox()
            writers = _taking(self._inbox_writers, first)
            async with writers, self._inbox_sessions() as session, session.begin():
                yield SqlInboxStore(session)

    async def _make_inbox(self) -> None:
        """The inbox's own SQLite file holds one table of passing rows: made when missing."""
        async with self._making_inbox:
            if self._inbox_ready:
                return
            async with self._inbox_engine.begin() as connection:
                table = InboxRow.__table__  # type: ignore[attr-defined]
                await connection.run_sync(
                    lambda sync: SQLModel.metadata.create_all(sync, tables=[table])
                )
            self._inbox_ready = True

    @asynccontextmanager
    async def reading(self) -> AsyncIterator[SqlStore]:
        async with _translated(), self._readings() as session:
            try:
                yield SqlStore(session)
            finally:
                await session.rollback()  # nothing to keep: it only read

    async def watch(self, kind: Literal["inbox", "outbox"], surface: str, wake: Wake) -> None:
        if self._notices is not None:
            await self._notices.watch(topic(kind, surface), wake)

    async def workspaces(self, surface: str | None = None) -> list[str]:
        statement = select(col(WorkspaceRow.id))
        if surface is not None:
            statement = statement.where(col(WorkspaceRow.surface) == surface)
        async with self.reading() as store:
            return list((await store.session.scalars(statement)).all())

    async def close(self) -> None:
        if self._notices is not None:
            await self._notices.close()
        if self._inbox_engine is not self.engine:
            await self._inbox_engine.dispose()
        await self.engine.dispose()


def inbox_url(url: str) -> str:
    """Where the inbox is kept: in the database itself on PostgreSQL (no writer waits for
    another there); for an SQLite file, in a file of its own beside it (`kaizen.db-inbox`),
    since SQLite lets one transaction write at a time, and an ack must not wait for a turn."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return url
    return parsed.set(database=f"{parsed.database}-inbox").render_as_string(hide_password=False)


@asynccontextmanager
async def _translated() -> AsyncIterator[None]:
    """Database failures leave as `Conflict` or `StorageUnavailable` where they are such."""
    try:
        yield
    except Exception as error:
        translated = storage_error(error)
        if translated is None:
            raise
        raise translated from error


@asynccontextmanager
async def _taking(writers: Writers | None, first: bool) -> AsyncIterator[None]:
    if writers is None:
        yield
        return
    await writers.take(first)
    try:
        yield
    finally:
        writers.give()
