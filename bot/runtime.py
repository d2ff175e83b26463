"""A surface's running parts, joined: what comes in is stored (the inbox), turns run from
it, and what they store goes out (the outbox); time-driven work ticks beside them."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.actions import Action, ListMembers, OpenForm
from bot.delivery import Courier
from bot.engine import Engine
from bot.errors import NotStored, TurnFailed
from bot.events import FromPerson, Inbound, Members, ScheduleTick
from bot.inbox import Intake
from bot.meter import Meter, Unmetered
from bot.model.queues import Entry
from bot.turn_scope import TurnScope, running
from bot.turns import TurnRunner

log = logging.getLogger(__name__)
Prepare = Callable[[FromPerson], Awaitable[FromPerson]]
"""What an adapter does to an event before its turn, away from the request that brought it
(Slack looks up who people are): network work that must not delay the ack."""


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


async def _as_it_came(event: FromPerson) -> FromPerson:
    return event


class Runtime:
    """The engine and one surface's inbox, turn runner and courier."""

    TURNS = 8.0
    """Seconds a stop gives what waits in the inbox (the rest stays there)."""
    DELIVERING = 12.0
    """Seconds from the start of a stop until the courier starts no more sends (it goes on
    while the turns run, then makes a last round; the rest stay pending for the next start
    or another instance): the whole stop stays well inside a 30 s grace."""
    DRAIN = 10.0
    """Seconds a stop waits for a loop to end before cutting it short."""
    PREPARE = 20.0
    """Seconds an adapter's lookups before a turn may take; then the turn goes on without."""
    MOST_WAITING = 25_000
    """Requests waiting in the inbox beyond which new ones are refused for a moment (the
    platforms send them again): an acked request should not wait for minutes."""

    def __init__(
        self,
        engine: Engine,
        courier: Courier,
        prepare: Prepare | None = None,
        turns_at_once: int | None = None,
    ) -> None:
        self.engine = engine
        self.courier = courier
        self.surface = courier.surface
        self.worker = courier.worker
        database = engine.database
        self.intake = Intake(database, self.surface, engine.clock, self._stored)
        at_once = turns_at_once or (4 if database.serial else 8)
        self.runner = TurnRunner(
            database, self.surface, engine.clock, self.worker, self._run_entry, at_once
        )
        self.ticks = Ticks()
        self.meter: Meter = Unmetered()
        self._prepare = prepare or _as_it_came
        self._stopping = asyncio.Event()
        self._loops: list[asyncio.Task[None]] = []

    def observe(self, meter: Meter) -> None:
        """Count this surface's turns, sends and rounds on `meter` from now on."""
        self.meter = meter
        self.courier.sender.meter = meter

    @property
    def overloaded(self) -> bool:
        """Too much is waiting: refuse (before the ack) rather than take on more."""
        return (
            self.intake.queued >= Intake.MOST_QUEUED
            or self.runner.waiting.count > self.MOST_WAITING
        )

    async def accept(self, event: FromPerson) -> None:
        """Store a request; an adapter acks it only once this returns. `NotStored` when it
        cannot be stored (or too much is waiting): then it answers 5xx, and the platform
        sends the request again."""
        if self.overloaded:
            raise NotStored("too much work is waiting")
        await self.intake.accept(event)

    def _stored(self) -> None:
        self.runner.kick()

    async def start(self, ticking: bool = True) -> None:
        """Take back what this instance held before a restart, run what is waiting (also
        what a dead instance left), deliver, and tick."""
        database = self.engine.database
        async with database.inbox() as inbox:
            taken = await inbox.release_all(self.worker)
        async with database.transaction() as store:
            await store.seen(self.worker, self.engine.clock.now())
        if taken:
            log.info("took back %d request(s) this instance held before it stopped", taken)
        await self.courier.take_back()
        await database.watch("inbox", self.surface, self.runner.kick)
        self._loops = [
            asyncio.create_task(self.courier.run(), name=f"{self.surface}-outbox"),
            asyncio.create_task(self.runner.run(), name=f"{self.surface}-inbox"),
            asyncio.create_task(self.runner.leases.run(), name=f"{self.surface}-inbox-leases"),
        ]
        if ticking:
            self._loops.append(
                asyncio.create_task(self.keep_ticking(), name=f"{self.surface}-ticks")
            )

    async def stop(self) -> None:
        """Stop within seconds at any load, losing nothing: requests being stored are
        stored (and answered), what waits in the inbox gets TURNS seconds to run (the rest
        stays there), the courier makes a last round, and every claim goes back for any
        instance to take. The surface stops taking requests before this."""
        loop = asyncio.get_running_loop()
        began = loop.time()
        self._stopping.set()
        await self.intake.settle()
        await self.runner.stop(self.TURNS)
        self.courier.stop(max(self.DELIVERING - (loop.time() - began), 1.0))
        await finish(self._loops, self.DRAIN)
        await self.courier.give_back()

    async def _run_entry(self, entry: Entry) -> None:
        with running(self._scope(entry.event, entry.key)):  # the look-ups' log lines too
            try:
                event = await asyncio.wait_for(self._prepare(entry.event), self.PREPARE)
            except Exception as error:  # lookups are a nicety: the turn goes on without them
                log.warning("looking up the people of request %s failed: %s", entry.id, error)
                event = entry.event
            await self._turn(event, entry.key)
        self.courier.kick()

    async def receive(self, event: Inbound) -> None:
        """Handle an event now, in the caller's time (the terminal, time-driven work), and
        deliver its posts; `TurnFailed` when the database is away."""
        await self._turn(event)
        await self._deliver()

    async def receive_all(self, events: Sequence[Inbound]) -> list[Inbound]:
        """Many events at once (2,000 stand-ups due in one minute): each is its own turn,
        and the courier delivers alongside instead of between them. Gives back the events
        whose turn failed on our side, for the caller to try again."""
        failed: list[Inbound] = []
        for event in events:
            ok = False
            try:
                await self._turn(event)
                ok = True
            except TurnFailed:
                failed.append(event)
            self.meter.scheduled("due", ok)
            self.courier.kick()
        await self._deliver()
        return failed

    async def _turn(self, event: Inbound, entry: str | None = None) -> None:
        with running(self._scope(event, entry)):
            actions = await self._handle(event, entry)
            for action in actions:
                if isinstance(action, OpenForm):
                    await self.courier.open_form(event.workspace, action)
            for action in actions:
                if isinstance(action, ListMembers):
                    await self._answer_members(event, action)

    def _scope(self, event: Inbound, entry: str | None) -> TurnScope:
        return TurnScope(event.workspace, self.surface, getattr(event, "id", None) or entry)

    async def _handle(self, event: Inbound, entry: str | None) -> list[Action]:
        """The engine's turn, timed for the meter."""
        began = asyncio.get_running_loop().time()
        ok = False
        try:
            actions = await self.engine.handle(event, self.surface, entry)
            ok = True
            return actions
        finally:
            self.meter.turn(asyncio.get_running_loop().time() - began, ok)

    async def _answer_members(self, event: Inbound, action: ListMembers) -> None:
        people = await self.courier.members(event.workspace, action.channel, action.whole)
        if people is not None:
            whole = self.courier.knows_every_member
            answer = Members(event.workspace, action.channel, action.purpose, tuple(people), whole)
            await self._turn(answer)

    async def _deliver(self) -> None:
        """Deliver what was stored; if the database is away now, the courier's own round
        delivers it later: the turn itself is done and must not fail for this. While
        stopping, it is left to the courier's last round."""
        if self._stopping.is_set():
            self.courier.kick()
            return
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
            workspaces = await self.engine.database.workspaces(self.surface)
        except Exception as error:
            log.exception("scheduled work could not start: no list of workspaces")
            self.ticks.failed(self.engine.clock.now(), error)
            self.meter.scheduled("tick", False)
            return
        self.ticks.ran(self.engine.clock.now())
        for workspace in workspaces:
            try:
                await self.tick(workspace)
            except Exception as error:
                log.exception("scheduled work for %s failed", workspace)
                self.ticks.failed(self.engine.clock.now(), error)
                self.meter.scheduled("tick", False)
            else:
                self.meter.scheduled("tick", True)


async def finish(tasks: Collection[asyncio.Future[Any]], within: float) -> None:
    """Wait up to `within` seconds for these tasks, then cancel the ones still running."""
    if not tasks:
        return
    _, late = await asyncio.wait(set(tasks), timeout=within)
    for task in late:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
