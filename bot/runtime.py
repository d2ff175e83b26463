"""A surface's loop body: hand an event to the engine, then deliver what it stored."""

from __future__ import annotations

from bot.actions import OpenForm
from bot.delivery import Courier
from bot.engine import Engine
from bot.events import Inbound, ScheduleTick


class Runtime:
    """The engine and one surface's courier, joined."""

    def __init__(self, engine: Engine, courier: Courier) -> None:
        self.engine = engine
        self.courier = courier

    async def receive(self, event: Inbound) -> None:
        actions = await self.engine.handle(event, self.courier.surface)
        for action in actions:
            if isinstance(action, OpenForm):
                await self.courier.open_form(event.workspace, action)
        await self.courier.flush()

    async def tick(self, workspace: str) -> None:
        """Let time-driven work (reminders) happen for one workspace."""
        await self.receive(ScheduleTick(workspace, self.engine.clock.now()))
