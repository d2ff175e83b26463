"""Connecting: the async engine, SQLite tuned for a chat bot, one transaction per turn."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event, select
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlmodel import col

from storage.store import SqlStore
from storage.tables import WorkspaceRow

DEFAULT_URL = "sqlite+aiosqlite:///kaizen.db"
BUSY_TIMEOUT_MS = 10_000


def database_url(explicit: str | None = None) -> str:
    """--database, else DATABASE_URL, else an SQLite file in the current directory."""
    return explicit or os.environ.get("DATABASE_URL") or DEFAULT_URL


def create_engine(url: str) -> AsyncEngine:
    """An async engine; for SQLite: WAL, a busy timeout, foreign keys, BEGIN IMMEDIATE.

    BEGIN IMMEDIATE takes the write lock when a turn starts, so two turns never deadlock
    upgrading a read lock; the busy timeout makes the second one wait instead of failing.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_async_engine(url, pool_pre_ping=True)
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_async_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


class SqlDatabase:
    """The engine's `Database` on SQLAlchemy: each transaction is one session, one commit."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = create_engine(url)
        self._sessions = async_sessionmaker(self.engine, expire_on_commit=False)

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[SqlStore]:
        async with self._sessions() as session, session.begin():
            yield SqlStore(session)

    async def workspaces(self) -> list[str]:
        async with self._sessions() as session:
            return list((await session.scalars(select(col(WorkspaceRow.id)))).all())

    async def close(self) -> None:
        await self.engine.dispose()
