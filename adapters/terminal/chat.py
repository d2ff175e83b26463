"""`kaizen chat`: typed lines become events for the same engine every platform uses.

A line starting with `kaizen` or `/kaizen` is a command; any other line is a message in
the thread the bot last asked in (the terminal is a one-to-one chat, so after a restart
the engine finds the open dialogue itself). `/as NAME` changes who speaks, `/press N`
presses a button of the last card, `/quit` leaves.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable

from adapters.terminal.form_filler import FormFiller
from adapters.terminal.outlet import TerminalOutlet
from adapters.terminal.render import said
from bot.clean import bounded
from bot.clock import ShiftedClock
from bot.commands import split_command, typed_event
from bot.errors import TurnFailed
from bot.events import ButtonPress, Command, Inbound, Message, Reaction
from bot.language.phrases import N_, Phrase, When
from bot.people import Person, Place
from bot.runtime import Runtime
from bot.settings import parse_duration

WORKSPACE = "local"
CHANNEL = "terminal"
TERMINAL_COMMANDS = N_(
    "/as NAME, /press N, /react EMOJI, /unreact EMOJI, /cancel (a form), "
    "/later DURATION (with --time-travel), /quit"
)
"""What can be typed here besides what the bot understands (said with `Phrase`)."""
BOT_NAMES = frozenset({"kaizen", "kaizenbot", "kaizen-bot"})
_MENTION = re.compile(r"(?<![\w@])@([A-Za-z][\w.\-]*)")


def person_named(name: str) -> Person:
    name = name.strip()
    return Person(id=name.lower(), name=name, is_bot=name.lower() in BOT_NAMES)


def mentions_in(text: str) -> tuple[Person, ...]:
    """The people a typed line mentions with `@name`."""
    return tuple(dict.fromkeys(person_named(n) for n in _MENTION.findall(bounded(text))))


class TerminalChat:
    def __init__(
        self,
        runtime: Runtime,
        outlet: TerminalOutlet,
        speaker: str,
        write: Callable[[str], None],
        clock: ShiftedClock | None = None,
    ) -> None:
        self.runtime = runtime
        self.clock = clock
        self.outlet = outlet
        self.language = runtime.engine.settings.language
        """The chat's language (`kaizen chat --language`): what the bot says comes in it
        from the engine; the terminal's own words are said in it too."""
        outlet.language = self.language
        self.person = person_named(speaker)
        outlet.people[self.person.id] = self.person
        self._write = write
        self._filler: FormFiller | None = None
        self._lines: list[tuple[str, Person]] = []

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
            if text == "/cancel" or text.startswith("/") or split_command(text):
                self._filler = None
                self._say(Phrase("(form cancelled)"))
                if text == "/cancel":
                    return True
            else:
                await self._fill(text)
                return True
        if not text:
            return True
        if text in ("/quit", "/exit"):
            return False
        if text == "/as" or text.startswith("/as "):
            self._switch(text.removeprefix("/as").strip())
        elif text == "/press" or text.startswith("/press "):
            await self._press(text.removeprefix("/press").strip())
        elif text == "/later" or text.startswith("/later "):
            await self._later(text.removeprefix("/later").strip())
        elif text.split()[0] in ("/react", "/unreact"):
            await self._react(text.split()[0] == "/react", text.split()[1:])
        elif text.startswith("/") and split_command(text) is None:
            self._say(
                Phrase(
                    "unknown: {typed}. In the terminal: {commands}",
                    typed=text.split()[0],
                    commands=Phrase(TERMINAL_COMMANDS),
                )
            )
        else:
            await self._send(self._event(text))
        return True

    def _event(self, text: str) -> Command | Message:
        mentions = mentions_in(text)
        place = Place(CHANNEL, self.outlet.thread, direct=True)
        self._lines.append((f"line-{uuid.uuid4().hex[:10]}", self.person))
        return typed_event(
            text, workspace=WORKSPACE, person=self.person, place=place, mentions=mentions
        )

    async def _send(self, event: Inbound) -> None:
        try:
            await self.runtime.receive(event)
        except TurnFailed:
            self._say(
                Phrase(
                    "Sorry, I could not save that: the database cannot be written just now. "
                    "Nothing was changed; please say it again in a moment."
                )
            )
            return
        if self.outlet.form is not None:
            self._filler = FormFiller(self.outlet.form, self.language)
            self.outlet.form = None
            self._write("\n".join(self._filler.heading()))

    async def _later(self, typed: str) -> None:
        """Move this session's time on, then let what fell due happen (a check, a nudge)."""
        if self.clock is None:
            self._say(Phrase("/later moves time only in `kaizen chat --time-travel`"))
            return
        try:
            by = parse_duration(typed)
        except ValueError:
            self._say(Phrase("usage: /later DURATION, like 2d, 14d or 3h"))
            return
        self.clock.advance(by)
        now = self.clock.now()
        self._say(
            Phrase.in_english(
                f"(later: it is now {now:%a %d %b %Y %H:%M} UTC)",
                Phrase("(later: it is now {moment} UTC)", moment=When(now, "UTC", "moment")),
            )
        )
        await self.runtime.tick(WORKSPACE)

    def _switch(self, name: str) -> None:
        if not name:
            self._say(Phrase("usage: /as NAME"))
            return
        self.person = person_named(name)
        self.outlet.people[self.person.id] = self.person
        self._say(Phrase("(you are now {name})", name=self.person.name))

    async def _press(self, choice: str) -> None:
        buttons = self.outlet.buttons
        if not buttons:
            self._say(Phrase("there are no buttons to press yet"))
            return
        if not choice.isdigit() or not 1 <= int(choice) <= len(buttons):
            self._say(
                Phrase(
                    "usage: /press N, where N is 1 to {n} of the last card's buttons",
                    n=len(buttons),
                )
            )
            return
        button = buttons[int(choice) - 1]
        await self._send(
            ButtonPress(
                workspace=WORKSPACE,
                person=self.person,
                place=Place(CHANNEL, direct=True),
                action=button.action,
                value=button.value,
            )
        )

    async def _react(self, added: bool, words: list[str]) -> None:
        """React to the last line someone else typed, as a person reacts to a message."""
        if len(words) != 1:
            self._say(Phrase("usage: /react EMOJI (on the last line someone else typed)"))
            return
        line = next(((i, p) for i, p in reversed(self._lines) if p.id != self.person.id), None)
        if line is None:
            self._say(Phrase("nobody else has said anything yet to react to"))
            return
        await self._send(
            Reaction(
                workspace=WORKSPACE,
                person=self.person,
                place=Place(CHANNEL, direct=True),
                emoji=words[0].strip(":"),
                added=added,
                author=line[1],
                message_id=line[0],
            )
        )

    def _say(self, phrase: Phrase) -> None:
        """One of the terminal's own lines, indented under what was typed."""
        self._write(f"  {said(phrase, self.language)}")

    async def _fill(self, text: str) -> None:
        filler = self._filler
        assert filler is not None
        problem = filler.take(text)
        if problem:
            self._write(f"  {problem}")
        elif filler.done:
            self._filler = None
            await self._send(filler.submission(self.person, Place(CHANNEL, direct=True)))
