"""The terminal surface in-process: `kaizen chat` minus the keyboard, for conversation tests."""

from __future__ import annotations

from adapters.terminal.chat import TerminalChat
from adapters.terminal.outlet import TerminalOutlet
from kaizen.app import App


class TerminalSession:
    """Types lines into the real terminal adapter and returns what it printed for each."""

    def __init__(self, app: App, speaker: str = "alice") -> None:
        self.printed: list[str] = []
        outlet = TerminalOutlet(self.printed.append)
        self.chat = TerminalChat(
            app.runtime(outlet, "terminal"), outlet, speaker, self.printed.append
        )

    async def say(self, line: str, as_: str | None = None) -> str:
        if as_ is not None:
            await self.chat.say(f"/as {as_}")
        start = len(self.printed)
        await self.chat.say(line)
        return "\n".join(self.printed[start:])

    async def tick(self) -> str:
        start = len(self.printed)
        await self.chat.start()
        return "\n".join(self.printed[start:])
