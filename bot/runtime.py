"""A surface's loop body: hand an event to the engine, then deliver what it stored."""

from __future__ import annotations

import asyncio
import logging

from bot.actions import OpenForm
from bot.delivery import Courier
from bot.engine import Engine
from bot.events import Inbound, ScheduleTick

log = logging.getLogger(__name__)


class Runtime:
    """The engine and one surface's courier, joined."""

    DRAIN = 10.0

    def __init__(self, engine: Engine, courier: Courier) -> None:
        self.engine = engine
        self.courier = courier
        self._turns: set[asyncio.Future[None]] = set()

    async def receive(self, event: Inbound) -> None:
        turn = asyncio.ensure_future(self._turn(event))
        self._turns.add(turn)
        turn.add_done_callback(self._turns.discard)
        # A cancelled caller (a closed request, say) must not cut a turn short.
        await asyncio.shield(turn)

    async def drain(self) -> None:
        """Wait (up to DRAIN seconds) for turns under way, so stopping loses no event."""
        if self._turns:
            await asyncio.wait(set(self._turns), timeout=self.DRAIN)

    async def _turn(self, event: Inbound) -> None:
        actions = await self.engine.handle(event, self.courier.surface)
        for action in actions:
            if isinstance(action, OpenForm):
                await self.courier.open_form(event.workspace, action)
        await self.courier.flush()

    async def tick(self, workspace: str) -> None:
        """Let time-driven work (reminders, round-ups) happen for one workspace."""
        await self.receive(ScheduleTick(workspace, self.engine.clock.now()))

    async def keep_ticking(self, every: float = 60.0) -> None:
        """Tick every workspace of this surface, every `every` seconds, until cancelled."""
        while True:
            for workspace in await self.engine.database.workspaces(self.courier.surface):
                try:
                    await self.tick(workspace)
                except Exception:
                    log.exception("scheduled work for %s failed", workspace)
            await asyncio.sleep(every)
