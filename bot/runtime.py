"""A surface's loop body: hand an event to the engine, then deliver what it stored."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Coroutine, Sequence
from typing import Any

from bot.actions import ListMembers, OpenForm
from bot.delivery import Courier
from bot.engine import Engine
from bot.events import Inbound, Members, ScheduleTick

log = logging.getLogger(__name__)


class Runtime:
    """The engine and one surface's courier, joined."""

    DRAIN = 10.0

    def __init__(self, engine: Engine, courier: Courier) -> None:
        self.engine = engine
        self.courier = courier
        self._work: set[asyncio.Future[None]] = set()
        self._stopping = asyncio.Event()

    async def receive(self, event: Inbound) -> None:
        await self.carry_out(self._turn(event))

    async def receive_all(self, events: Sequence[Inbound]) -> None:
        """Many events at once (2,000 stand-ups due in one minute): each is its own turn,
        and the courier delivers alongside instead of between them."""
        await self.carry_out(self._turns(events))

    async def carry_out(self, work: Coroutine[Any, Any, None]) -> None:
        """Run an adapter's piece of work (a turn, or the lookups before one) to its end.

        A cancelled caller (a closed request, say) does not cut it short, and `drain`
        waits for it: stopping loses no event that had arrived.
        """
        task = asyncio.ensure_future(work)
        self._work.add(task)
        task.add_done_callback(self._work.discard)
        await asyncio.shield(task)

    async def drain(self) -> None:
        """Wait (up to DRAIN seconds) for work under way, so stopping loses no event."""
        while self._work:
            done, _ = await asyncio.wait(set(self._work), timeout=self.DRAIN)
            if not done:
                log.warning("stopping with %d piece(s) of work unfinished", len(self._work))
                return

    async def _turns(self, events: Sequence[Inbound]) -> None:
        for event in events:
            await self._turn(event, deliver=False)
            self.courier.kick()
        await self.courier.flush()

    async def _turn(self, event: Inbound, deliver: bool = True) -> None:
        actions = await self.engine.handle(event, self.courier.surface)
        for action in actions:
            if isinstance(action, OpenForm):
                await self.courier.open_form(event.workspace, action)
        if deliver:
            await self.courier.flush()
        for action in actions:
            if isinstance(action, ListMembers):
                people = await self.courier.members(event.workspace, action.channel)
                if people is not None:
                    await self._turn(
                        Members(event.workspace, action.channel, action.purpose, tuple(people))
                    )

    async def tick(self, workspace: str) -> None:
        """Let time-driven work (reminders, round-ups) happen for one workspace."""
        await self.receive(ScheduleTick(workspace, self.engine.clock.now()))

    async def keep_ticking(self, every: float = 60.0) -> None:
        """Tick every workspace of this surface every `every` seconds, until `stop`."""
        while not self._stopping.is_set():
            for workspace in await self.engine.database.workspaces(self.courier.surface):
                try:
                    await self.tick(workspace)
                except Exception:
                    log.exception("scheduled work for %s failed", workspace)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), timeout=every)

    async def stop(self) -> None:
        """No more ticks; let work under way finish; then let the courier make a last round."""
        self._stopping.set()
        await self.drain()
        self.courier.stop()
