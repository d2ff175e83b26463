"""Which turn is running, for log lines: its workspace, surface and event. A context variable,
so each turn's task sees its own and every log line written inside a turn can carry them
(kaizen/logs.py adds them to JSON lines). Ids only, never what anyone wrote."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class TurnScope:
    workspace: str
    surface: str
    event: str | None


current: ContextVar[TurnScope | None] = ContextVar("kaizen_turn", default=None)


@contextmanager
def running(scope: TurnScope) -> Iterator[None]:
    """Mark `scope` as the running turn until the block ends."""
    token = current.set(scope)
    try:
        yield
    finally:
        current.reset(token)
