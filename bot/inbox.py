"""Taking a request in: stored before it is acked, so an ack is a promise kept.

A platform never sends again a request it got a 200 for. So an adapter acks only once
`Intake.accept` returned, and answers 5xx (the platform then sends it again) when it raised
`NotStored`. Requests that arrive while one write is under way share the next one: many
acks, one transaction (group commit), so storing first costs the ack little.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from bot.clock import Clock
from bot.errors import NotStored
from bot.events import FromPerson
from bot.store import Database

log = logging.getLogger(__name__)


def conversation(event: FromPerson) -> str:
    """What the event's turn must keep its place in: a thread, or a channel's top level, or
    a direct chat. Turns of one conversation run in the order they came; others side by side."""
    place = event.place
    return f"{event.workspace}\x1f{place.channel}\x1f{place.thread or ''}"


@dataclass
class Failing:
    """The last write that failed, for /healthz (cleared by the next that succeeds)."""

    since: datetime | None = None
    error: str | None = None


class Intake:
    """Stores the requests of one surface in the inbox, many to a transaction."""

    BATCH = 500
    MOST_QUEUED = 5_000
    """Requests waiting for a write beyond which new ones are refused (503) at once."""

    def __init__(
        self, database: Database, surface: str, clock: Clock, stored: Callable[[], None]
    ) -> None:
        self._database = database
        self._surface = surface
        self._clock = clock
        self._stored = stored
        self._queue: list[tuple[FromPerson, asyncio.Future[None]]] = []
        self._writer: asyncio.Task[None] | None = None
        self.failing = Failing()

    @property
    def queued(self) -> int:
        return len(self._queue)

    async def accept(self, event: FromPerson) -> None:
        """Return once the event is stored; `NotStored` when it cannot be (the database is
        away or full): then the request must be answered with a 5xx, not acked."""
        if len(self._queue) >= self.MOST_QUEUED:
            raise NotStored("too many requests are waiting to be stored")
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        future.add_done_callback(_retrieved)
        self._queue.append((event, future))
        if self._writer is None:
            self._writer = asyncio.create_task(self._write_all(), name="kaizen-intake")
        await asyncio.shield(future)  # a request cut off does not cut the write short

    async def settle(self) -> None:
        """Wait for the writes under way (a stop lets no accepted request hang)."""
        if self._writer is not None:
            await asyncio.shield(self._writer)

    async def _write_all(self) -> None:
        try:
            while self._queue:
                batch, self._queue = self._queue[: self.BATCH], self._queue[self.BATCH :]
                await self._write(batch)
        finally:
            self._writer = None  # no await since the queue was seen empty: none is stranded

    async def _write(self, batch: list[tuple[FromPerson, asyncio.Future[None]]]) -> None:
        try:
            async with self._database.inbox(first=True) as inbox:
                events = [(event, conversation(event)) for event, _ in batch]
                await inbox.add(self._surface, events, self._clock.now())
        except Exception as error:
            if self.failing.since is None:
                log.error("cannot store requests: %s", error)
            self.failing = Failing(self.failing.since or self._clock.now(), str(error)[:300])
            refusal = NotStored(f"the request could not be stored: {error}")
            for _, future in batch:
                if not future.done():
                    future.set_exception(refusal)
            return
        if self.failing.since is not None:
            log.warning("requests are stored again")
            self.failing = Failing()
        for _, future in batch:
            if not future.done():
                future.set_result(None)
        self._stored()


def _retrieved(future: asyncio.Future[None]) -> None:
    """A request that gave up waiting never asks for its outcome: take it, so asyncio does
    not log an exception nobody retrieved."""
    if not future.cancelled():
        future.exception()
