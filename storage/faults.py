"""What went wrong in the database, in the engine's terms: a conflict worth running the
same work again for, the database away (wait and try later), or neither (a bug)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

from bot.errors import Conflict, StorageError, StorageUnavailable

_CONFLICTS = frozenset({"40001", "40P01", "23505"})
"""serialization_failure, deadlock_detected, unique_violation (two inserts of one key)."""
_AWAY = ("08", "53", "57", "58", "25006", "55P03", "HV")
"""Connection trouble, insufficient resources (disk full), operator intervention (a shut
down server), system errors, a read-only transaction, a lock not available."""
_SQLITE_AWAY = frozenset(
    {
        sqlite3.SQLITE_BUSY,
        sqlite3.SQLITE_LOCKED,
        sqlite3.SQLITE_NOMEM,
        sqlite3.SQLITE_READONLY,
        sqlite3.SQLITE_IOERR,
        sqlite3.SQLITE_FULL,
        sqlite3.SQLITE_CANTOPEN,
        sqlite3.SQLITE_PROTOCOL,
    }
)


def storage_error(error: BaseException) -> StorageError | None:
    """The engine's name for a database failure, or None when it is none of these."""
    for cause in _chain(error):
        state = getattr(cause, "sqlstate", None) or getattr(cause, "pgcode", None)
        if isinstance(state, str):
            if state in _CONFLICTS:
                return Conflict(f"{state}: {_first_line(cause)}")
            if state.startswith(_AWAY):
                return StorageUnavailable(f"{state}: {_first_line(cause)}")
        code = getattr(cause, "sqlite_errorcode", None)
        if isinstance(code, int) and code & 0xFF in _SQLITE_AWAY:
            return StorageUnavailable(_first_line(cause))
        if isinstance(cause, DBAPIError) and cause.connection_invalidated:
            return StorageUnavailable(_first_line(cause))
        if isinstance(cause, OSError | TimeoutError | ConnectionError):
            return StorageUnavailable(f"{type(cause).__name__}: {_first_line(cause)}")
    if isinstance(error, OperationalError | InterfaceError) and not _sqlite(error):
        return StorageUnavailable(_first_line(error))
    return None


def _chain(error: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    todo: list[BaseException | None] = [error]
    while todo:
        cause = todo.pop(0)
        if cause is None or id(cause) in seen:
            continue
        seen.add(id(cause))
        yield cause
        orig = getattr(cause, "orig", None)
        todo += [orig if isinstance(orig, BaseException) else None]
        todo += [cause.__cause__, cause.__context__]


def _sqlite(error: DBAPIError) -> bool:
    return isinstance(error.orig, sqlite3.Error)


def _first_line(error: BaseException) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0][:300]
