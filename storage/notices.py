"""Telling the other instances that work was stored: PostgreSQL's NOTIFY, sent on commit.

SQLite serves one process, which knows what it stored; there nothing is sent.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncSession

from bot.store import Wake

log = logging.getLogger(__name__)

INBOX, OUTBOX = "inbox", "outbox"


def topic(kind: str, surface: str) -> str:
    """The channel name for new work of `kind` on `surface` (an identifier of <= 63 bytes)."""
    return f"kaizen_{kind}_{surface}"[:63]


async def notify(session: AsyncSession, channel: str) -> None:
    if session.get_bind().dialect.name == "postgresql":
        await session.execute(text("SELECT pg_notify(:channel, '')"), {"channel": channel})


class Notices:
    """LISTEN on one connection of its own, for as long as the database is open: each
    notice calls the wakes of its channel. A lost connection is made again; whatever was
    notified meanwhile is made up for by waking everyone once it is back."""

    RECONNECT = 1.0

    def __init__(self, url: str) -> None:
        self._dsn = make_url(url).set(drivername="postgresql").render_as_string(False)
        self._wakes: dict[str, list[Wake]] = {}
        self._task: asyncio.Task[None] | None = None
        self._listening: set[str] = set()
        self._connection: Any = None

    async def watch(self, channel: str, wake: Wake) -> None:
        self._wakes.setdefault(channel, []).append(wake)
        if self._connection is not None and channel not in self._listening:
            await self._listen(channel)
        if self._task is None:
            self._task = asyncio.create_task(self._keep_listening(), name="kaizen-notices")

    async def close(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def _keep_listening(self) -> None:
        import asyncpg  # only PostgreSQL listens

        while True:
            lost = asyncio.Event()
            try:
                self._connection = await asyncpg.connect(self._dsn, timeout=10)
                self._connection.add_termination_listener(lambda _c, lost=lost: lost.set())
                self._listening = set()
                for channel in list(self._wakes):
                    await self._listen(channel)
                self._wake_all()  # notices sent while not listening are made up for
                await lost.wait()
            except (OSError, TimeoutError, asyncpg.PostgresError, asyncpg.InterfaceError) as e:
                log.info("not listening for new work (%s); polling meanwhile", e)
            finally:
                connection, self._connection = self._connection, None
                if connection is not None and not connection.is_closed():
                    with contextlib.suppress(Exception):
                        await asyncio.wait_for(connection.close(), 2)
            await asyncio.sleep(self.RECONNECT)

    async def _listen(self, channel: str) -> None:
        self._listening.add(channel)
        await self._connection.add_listener(channel, self._heard)

    def _heard(self, _connection: Any, _pid: int, channel: str, _payload: str) -> None:
        for wake in self._wakes.get(channel, ()):
            wake()

    def _wake_all(self) -> None:
        for wakes in self._wakes.values():
            for wake in wakes:
                wake()
