"""INSERT ... ON CONFLICT on both SQLite and PostgreSQL: races on a key end in the database,
not in a read-then-write."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import SQLModel


def dialect_insert(session: AsyncSession) -> Callable[..., Any]:
    """The INSERT construct of the session's dialect, the one that knows ON CONFLICT."""
    dialect = session.get_bind().dialect.name
    return postgresql.insert if dialect == "postgresql" else sqlite.insert


async def insert_new(session: AsyncSession, table: type[SQLModel], **values: Any) -> bool:
    """Insert a row unless its key exists; True when this call inserted it."""
    statement = dialect_insert(session)(table).values(**values).on_conflict_do_nothing()
    result = await session.execute(statement)
    return bool(getattr(result, "rowcount", 0))


async def upsert(
    session: AsyncSession,
    table: type[SQLModel],
    on: Sequence[str],
    only: Sequence[str] | None = None,
    **values: Any,
) -> None:
    """Insert the row, or update the one with the same `on` columns to these values (only
    the `only` ones, when named)."""
    statement = dialect_insert(session)(table).values(**values)
    changed = {
        name: value
        for name, value in values.items()
        if name not in on and (only is None or name in only)
    }
    await session.execute(statement.on_conflict_do_update(index_elements=list(on), set_=changed))
