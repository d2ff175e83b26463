"""A surface's loop body: hand an event to the engine, deliver what it returns."""

from __future__ import annotations

from bot.clock import Clock
from bot.delivery import Courier
from bot.engine import Engine
from bot.events import Inbound, ScheduleTick


class Runtime:
    """The engine and one surface's courier, joined."""

    def __init__(self, engine: Engine, courier: Courier) -> None:
        self.engine = engine
        self.courier = courier

    @property
    def clock(self) -> Clock:
        return self.engine.clock

    async def receive(self, event: Inbound) -> None:
        actions = await self.engine.handle(event)
        await self.courier.deliver(event.workspace, actions)

    async def tick(self, workspace: str) -> None:
        """Let time-driven work (reminders) happen for one workspace."""
        await self.receive(ScheduleTick(workspace, self.clock.now()))
