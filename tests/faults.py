"""Storage faults a running bot can meet in-process, made for real (no fakes of our code)."""

from __future__ import annotations

from sqlalchemy import text

from storage.database import SqlDatabase


async def without_the_inbox(database_url: str) -> None:
    """The inbox table is gone: nothing can be taken in, as when the database is away."""
    database = SqlDatabase(database_url)
    try:
        async with database.inbox() as inbox:
            await inbox.session.execute(text("DROP TABLE inbox"))
    finally:
        await database.close()
