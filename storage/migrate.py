"""Alembic, driven from code: `kaizen db upgrade` and the start of `kaizen run` and `chat`.

Alembic is imported only when there is something to migrate: a start on a database that
is already at `HEAD` reads one row and goes on (it counts toward the cold start).
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from bot.errors import ConfigError
from storage.database import create_engine

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy.engine import Connection

MIGRATIONS = Path(__file__).parent / "migrations"
HEAD = "0019"
"""The newest migration; a test keeps it equal to Alembic's head."""


def alembic_config(url: str) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url: str, revision: str = "head") -> None:
    """Bring the schema to `revision`. Safe to run on every start: it does nothing when current."""
    from alembic import command

    command.upgrade(alembic_config(url), revision)


def head_revision(url: str) -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config(url)).get_current_head()


async def current_revision(url: str) -> str | None:
    engine = create_engine(url)
    try:
        async with engine.connect() as connection:
            return await connection.run_sync(_current)
    finally:
        await engine.dispose()


def _current(connection: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(connection).get_current_revision()


async def is_current(url: str) -> bool:
    """True when the database is already at HEAD (read without Alembic)."""
    engine = create_engine(url)
    try:
        async with engine.connect() as connection:
            rows = await connection.execute(text("SELECT version_num FROM alembic_version"))
            return [row[0] for row in rows] == [HEAD]
    except DBAPIError:
        return False  # no version table yet: a new database
    finally:
        await engine.dispose()


async def upgrade_async(url: str) -> None:
    """`upgrade` for callers already inside an event loop (Alembic's env runs its own loop);
    nothing at all when the database is current."""
    if not await is_current(url):
        await asyncio.to_thread(upgrade, url)


def check_known(revision: str | None) -> None:
    """A database a newer Kaizen Bot migrated is refused: this code would not know its tables."""
    if revision is None or revision == HEAD:
        return
    if not any((MIGRATIONS / "versions").glob(f"{_plain(revision)}_*.py")):
        raise ConfigError(
            f"The database is at schema {revision}, newer than this Kaizen Bot knows "
            f"(up to {HEAD}). Fix: upgrade Kaizen Bot (pip install -U kaizen-bot), or use "
            "the database of this version."
        )


def _plain(revision: str) -> str:
    return "".join(c for c in revision if c.isalnum() or c == "_")


def sqlite_file(url: str) -> Path | None:
    """The file of an SQLite database URL; None for PostgreSQL and in-memory databases."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def check_folder(url: str, create: bool = False) -> None:
    """An SQLite file goes only into a folder that exists: a typo in the path would otherwise
    make a new, empty database there, and the bot would start on it as if nothing were amiss.
    With `create` (`kaizen db upgrade --create`) the folder is made."""
    path = sqlite_file(url)
    if path is None or path.parent.is_dir():
        return
    if create:
        path.parent.mkdir(parents=True, exist_ok=True)
        return
    raise ConfigError(
        f"The database folder {path.parent} does not exist (database {path}). Fix: correct "
        "the path, or make it with `kaizen db upgrade --create`."
    )
