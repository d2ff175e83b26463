"""`kaizen chat`: typed lines become events for the same engine every platform uses.

A line starting with `kaizen` or `/kaizen` is a command; any other line is a message in
the thread the bot last asked in (the terminal is a one-to-one chat, so after a restart
the engine finds the open dialogue itself). `/as NAME` changes who speaks, `/press N`
presses a button of the last card, `/quit` leaves.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from adapters.terminal.form_filler import FormFiller
from adapters.terminal.outlet import TerminalOutlet
from bot.commands import split_command
from bot.events import ButtonPress, Command, Message
from bot.people import Person, Place
from bot.runtime import Runtime

WORKSPACE = "local"
CHANNEL = "terminal"
_MENTION = re.compile(r"(?<![\w@])@([A-Za-z][\w.\-]*)")


def person_named(name: str) -> Person:
    return Person(id=name.strip().lower(), name=name.strip())


class TerminalChat:
    def __init__(
        self, runtime: Runtime, outlet: TerminalOutlet, speaker: str, write: Callable[[str], None]
    ) -> None:
        self.runtime = runtime
        self.outlet = outlet
        self.person = person_named(speaker)
        self._write = write
        self._filler: FormFiller | None = None

    @property
    def filling(self) -> bool:
        return self._filler is not None

    @property
    def prompt(self) -> str:
        if self._filler is not None:
            return self._filler.prompt()
        return f"{self.person.name}> "

    async def start(self) -> None:
        """Let reminders that came due while nobody was here be sent."""
        await self.runtime.tick(WORKSPACE)

    async def say(self, line: str) -> bool:
        """Handle one typed line; False when the person asked to leave."""
        text = line.strip()
        if self._filler is not None:
            return await self._fill(text)
        if not text:
            return True
        if text in ("/quit", "/exit"):
            return False
        if text.startswith("/as"):
            return self._switch(text)
        if text.startswith("/press"):
            await self._press(text)
            return True
        await self.runtime.receive(self._event(text))
        if self.outlet.form is not None:
            self._filler = FormFiller(self.outlet.form)
            self.outlet.form = None
            self._write("\n".join(self._filler.heading()))
        return True

    def _event(self, text: str) -> Command | Message:
        place = Place(CHANNEL, self.outlet.thread, direct=True)
        mentions = tuple(dict.fromkeys(person_named(n) for n in _MENTION.findall(text)))
        command = split_command(text)
        if command is not None:
            name, rest = command
            return Command(
                workspace=WORKSPACE,
                person=self.person,
                place=place.top(),
                mentions=mentions,
                name=name,
                text=rest,
            )
        return Message(
            workspace=WORKSPACE, person=self.person, place=place, mentions=mentions, text=text
        )

    def _switch(self, text: str) -> bool:
        name = text.removeprefix("/as").strip()
        if not name:
            self._write("  usage: /as NAME")
        else:
            self.person = person_named(name)
            self._write(f"  (you are now {self.person.name})")
        return True

    async def _press(self, text: str) -> None:
        choice = text.removeprefix("/press").strip()
        buttons = self.outlet.buttons
        if not choice.isdigit() or not 1 <= int(choice) <= len(buttons):
            self._write(
                f"  usage: /press N, where N is 1 to {len(buttons)} of the last card's buttons"
                if buttons
                else "  there are no buttons to press yet"
            )
            return
        button = buttons[int(choice) - 1]
        await self.runtime.receive(
            ButtonPress(
                workspace=WORKSPACE,
                person=self.person,
                place=Place(CHANNEL, direct=True),
                action=button.action,
                value=button.value,
            )
        )
        if self.outlet.form is not None:
            self._filler = FormFiller(self.outlet.form)
            self.outlet.form = None
            self._write("\n".join(self._filler.heading()))

    async def _fill(self, text: str) -> bool:
        filler = self._filler
        assert filler is not None
        if text == "/cancel":
            self._filler = None
            self._write("  (form cancelled)")
            return True
        problem = filler.take(text)
        if problem:
            self._write(f"  {problem}")
            return True
        if filler.done:
            self._filler = None
            await self.runtime.receive(filler.submission(self.person, Place(CHANNEL, direct=True)))
        return True
