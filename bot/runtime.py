"""A surface's loop body: hand an event to the engine, then deliver what it stored."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Collection, Coroutine, Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.actions import ListMembers, OpenForm
from bot.delivery import Courier
from bot.engine import Engine
from bot.errors import TurnFailed
from bot.events import Inbound, Members, ScheduleTick

log = logging.getLogger(__name__)
_WORK: ContextVar[list[asyncio.Future[None]] | None] = ContextVar("kaizen_work", default=None)
"""The piece of work (a task of `carry_out`) the running code belongs to, if any."""


@dataclass
class Ticks:
    """How the time-driven work is going, for /healthz: when a round last started, and the
    last failure (cleared by the next round that starts)."""

    last_round: datetime | None = None
    failing_since: datetime | None = None
    last_error: str | None = None

    def ran(self, at: datetime) -> None:
        self.last_round, self.failing_since, self.last_error = at, None, None

    def failed(self, at: datetime, error: Exception) -> None:
        self.failing_since = self.failing_since or at
        self.last_error = f"{type(error).__name__}: {error}"[:300]

    def state(self) -> dict[str, str | None]:
        return {
            "last_round": self.last_round.isoformat() if self.last_round else None,
            "failing_since": self.failing_since.isoformat() if self.failing_since else None,
            "last_error": self.last_error,
        }


class Runtime:
    """The engine and one surface's courier, joined."""

    DRAIN = 10.0
    """Seconds stopping waits for the courier's last round, and for any turn to finish."""
    SETTLE = 2.0
    """Seconds a stop gives the turns still sending their own posts after the courier's
    last round (what they leave unsent stays in the outbox for the next start)."""
    DRAIN_LIMIT = 25.0
    """Seconds stopping waits for the turns under way in all (inside a 30 s stop grace)."""
    MOST_WAITING = 25_000
    """Pieces of work taken in and not yet stored beyond which a surface should refuse new
    requests for a moment (the platforms send them again) rather than queue without end.
    A queued turn holds its event, about 10 KB: this many is about a quarter of a GB, and
    far beyond any burst Slack (30,000 events an hour per workspace) or Teams sends."""

    def __init__(self, engine: Engine, courier: Courier) -> None:
        self.engine = engine
        self.courier = courier
        self._work: set[asyncio.Future[None]] = set()
        self._delivering: set[asyncio.Future[None]] = set()
        """Work whose turn is stored and that only waits for delivery now."""
        self._stopping = asyncio.Event()
        self._progress = asyncio.Event()
        self.ticks = Ticks()

    @property
    def overloaded(self) -> bool:
        """Too much taken in and not yet stored: an acked request still queued when the
        process dies is lost, and the queue lives in memory."""
        return len(self._work) - len(self._delivering) > self.MOST_WAITING

    async def receive(self, event: Inbound) -> None:
        await self.carry_out(self._turn(event))

    async def receive_all(self, events: Sequence[Inbound]) -> list[Inbound]:
        """Many events at once (2,000 stand-ups due in one minute): each is its own turn,
        and the courier delivers alongside instead of between them. Gives back the events
        whose turn failed on our side, for the caller to try again."""
        failed: list[Inbound] = []
        await self.carry_out(self._turns(events, failed))
        return failed

    async def carry_out(self, work: Coroutine[Any, Any, None]) -> None:
        """Run an adapter's piece of work (a turn, or the lookups before one) to its end.

        A cancelled caller (a closed request, say) does not cut it short, and `drain`
        waits for it: stopping loses no event that had arrived.
        """
        if _WORK.get() is not None:  # inside a piece of work already: that one covers this
            await work
            return
        await asyncio.shield(self.take_in(work))

    def take_in(self, work: Coroutine[Any, Any, None]) -> asyncio.Future[None]:
        """Start a piece of work and return at once: the request that brought it can be
        answered and let go (a queued turn then holds its event, not the whole request).
        `drain` waits for it, and what goes wrong in it is logged."""
        holder: list[asyncio.Future[None]] = []
        token = _WORK.set(holder)
        try:
            task = asyncio.ensure_future(work)
        finally:
            _WORK.reset(token)
        holder.append(task)
        self._work.add(task)
        task.add_done_callback(self._finished)
        return task

    def _finished(self, task: asyncio.Future[None]) -> None:
        self._work.discard(task)
        self._progress.set()
        if not task.cancelled() and task.exception() is not None:
            log.error("work taken in failed", exc_info=task.exception())

    async def drain(self) -> None:
        """Wait for the turns under way to be stored, so stopping loses no event that was
        taken in: as long as they keep finishing (up to DRAIN_LIMIT seconds in all). Their
        posts are left to the courier's last round."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.DRAIN_LIMIT
        while undone := self._work - self._delivering:
            wait = min(self.DRAIN, deadline - loop.time())
            self._progress.clear()
            try:
                await asyncio.wait_for(self._progress.wait(), timeout=max(wait, 0))
            except TimeoutError:
                log.warning("stopping with %d turn(s) unfinished", len(undone))
                return

    async def _turns(self, events: Sequence[Inbound], failed: list[Inbound]) -> None:
        for event in events:
            try:
                await self._turn(event, deliver=False)
            except TurnFailed:
                failed.append(event)
            self.courier.kick()
        await self._then_deliver()

    async def _turn(self, event: Inbound, deliver: bool = True) -> None:
        actions = await self.engine.handle(event, self.courier.surface)
        for action in actions:
            if isinstance(action, OpenForm):
                await self.courier.open_form(event.workspace, action)
        if deliver:
            await self._then_deliver()
        else:
            self._progress.set()
        for action in actions:
            if isinstance(action, ListMembers):
                people = await self.courier.members(event.workspace, action.channel, action.whole)
                if people is not None:
                    whole = self.courier.knows_every_member
                    answer = Members(
                        event.workspace, action.channel, action.purpose, tuple(people), whole
                    )
                    await self._turn(answer)

    async def _then_deliver(self) -> None:
        """The turn is stored: deliver its posts now, or, when stopping, leave them to the
        courier's last round (a stop waits for turns, not for their paced delivery)."""
        self._progress.set()
        if self._stopping.is_set():
            return
        work = _WORK.get() or []
        self._delivering.update(work)
        try:
            await self._deliver()
        finally:
            self._delivering.difference_update(work)

    async def _deliver(self) -> None:
        """Deliver what the turn stored; if the database is away now, the courier's own
        round delivers it later: the turn itself is done and must not fail for this."""
        try:
            await self.courier.flush()
        except Exception as error:
            log.warning("delivery put off until the courier's next round: %s", error)

    async def tick(self, workspace: str) -> None:
        """Let time-driven work (reminders, round-ups) happen for one workspace."""
        await self.receive(ScheduleTick(workspace, self.engine.clock.now()))

    async def keep_ticking(self, every: float = 60.0) -> None:
        """A round of time-driven work every `every` seconds, until `stop`."""
        while not self._stopping.is_set():
            await self.tick_round()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), timeout=every)

    async def tick_round(self) -> None:
        """Tick every workspace of this surface. A round that fails (the database away) is
        logged and noted for /healthz; the next round comes all the same."""
        try:
            workspaces = await self.engine.database.workspaces(self.courier.surface)
        except Exception as error:
            log.exception("scheduled work could not start: no list of workspaces")
            self.ticks.failed(self.engine.clock.now(), error)
            return
        self.ticks.ran(self.engine.clock.now())
        for workspace in workspaces:
            try:
                await self.tick(workspace)
            except Exception as error:
                log.exception("scheduled work for %s failed", workspace)
                self.ticks.failed(self.engine.clock.now(), error)

    async def stop(self) -> None:
        """No more ticks; let work under way finish; then let the courier make a last round."""
        self._stopping.set()
        await self.drain()
        self.courier.stop()

    async def settle(self) -> None:
        """Once the courier's loop has ended: let the turns still delivering finish, or cut
        them short, so nothing of this runtime runs on after the database is closed."""
        await finish(self._work, self.SETTLE)


async def finish(tasks: Collection[asyncio.Future[Any]], within: float) -> None:
    """Wait up to `within` seconds for these tasks, then cancel the ones still running."""
    if not tasks:
        return
    _, late = await asyncio.wait(set(tasks), timeout=within)
    for task in late:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
