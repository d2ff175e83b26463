"""Row locks for what a turn reads in order to change it.

SQLite runs one writing transaction at a time, so nothing here does anything there. On
PostgreSQL turns run side by side at READ COMMITTED: a row read to be changed (an idea, a
5-Whys dialogue) is locked as it is read, so a second turn on the same idea waits for the
first and then reads what it left, and a count that decides a write (kudos given today) is
taken under a lock named for what it counts.
"""

from __future__ import annotations

import zlib
from typing import Any, TypeVar

from sqlalchemy import Select, text
from sqlalchemy.ext.asyncio import AsyncSession

WRITING = "kaizen_writing"
"""Set in `Session.info` for a transaction that may write (not for readings)."""
S = TypeVar("S", bound=Select[*tuple[Any, ...]])


def for_change(session: AsyncSession, statement: S, *of: Any) -> S:
    """The statement, locking the rows it reads (FOR NO KEY UPDATE) in a writing
    transaction on PostgreSQL; as it is elsewhere."""
    if not session.info.get(WRITING):
        return statement
    locked: S = statement.with_for_update(key_share=True, of=list(of) or None)
    return locked


async def hold(session: AsyncSession, *name: str) -> None:
    """Take the lock named `name` until this transaction ends (PostgreSQL; SQLite already
    holds the one write lock)."""
    if not session.info.get(WRITING) or session.get_bind().dialect.name != "postgresql":
        return
    key = zlib.crc32("\x1f".join(name).encode()) - 2**31
    await session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})
