"""The terminal's sending side: prints what the bot says and remembers what can be answered."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from adapters.terminal.render import button_line, card_buttons, indent, lines, said
from bot.actions import OpenForm
from bot.content import Button, Card, Content
from bot.language.phrases import ENGLISH, Phrase
from bot.model.messages import Posted
from bot.people import Person, Place

BOT = "kaizen"


class TerminalOutlet:
    """Prints messages; keeps the thread to answer in, the last buttons and a form to fill."""

    knows_every_member = False
    """It knows who has spoken in this session, not who is on the team."""
    one_stream = True
    """Everything is printed in one stream, so it is printed in the order it was said."""

    def __init__(self, write: Callable[[str], None]) -> None:
        self._write = write
        self._labels: dict[str, str] = {}
        self.thread: str | None = None
        self.buttons: list[Button] = []
        self.form: OpenForm | None = None
        self.people: dict[str, Person] = {}
        self.language = ENGLISH
        """The chat's language, for the few words the terminal adds around what the bot
        says (which the engine has already put into its reader's language)."""

    async def post(
        self,
        workspace: str,
        channel: str,
        content: Content,
        thread: Posted | None,
        tag: str | None = None,
    ) -> Posted:
        message_id = uuid.uuid4().hex[:12]
        body = lines(content)
        if thread is None:
            self.thread = message_id  # the next plain line answers what was just posted
            self._labels[message_id] = body[0].split(" \u00b7 ")[0]
            self._write(indent(body, f"{BOT}: ", " " * (len(BOT) + 2)))
        else:
            root = thread.thread_root
            self.thread = root
            name = self._labels.get(root) or said(Phrase("thread"), self.language)
            label = f"  \u21b3 [{name}] "
            self._write(indent(body, label, " " * len(label)))
        self._offer(card_buttons(content))
        return Posted(channel, message_id, None if thread is None else thread.thread_root)

    async def find_post(
        self, workspace: str, channel: str, thread: Posted | None, tag: str
    ) -> Posted | None:
        """The terminal keeps nothing; a chat process that died took its screen with it."""
        return None

    async def find_private(
        self, workspace: str, person: Person, place: Place, tag: str
    ) -> bool | None:
        return None

    async def private(
        self,
        workspace: str,
        person: Person,
        place: Place,
        content: Content,
        tag: str | None = None,
    ) -> None:
        prefix = f"  {said(Phrase('(only {name})', name=person.name), self.language)} "
        self._write(indent(lines(content), prefix, " " * len(prefix)))
        self._offer(card_buttons(content))

    async def update(self, workspace: str, posted: Posted, content: Content) -> None:
        prefix = f"  {said(Phrase('(card updated)'), self.language)} "
        self._write(indent(lines(content), prefix, " " * len(prefix)))
        self._offer(card_buttons(content))

    async def delete(self, workspace: str, posted: Posted) -> None:
        self._write(f"  {said(Phrase('(a message was taken back)'), self.language)}")

    async def members(self, workspace: str, channel: str) -> list[Person]:
        """Everyone who has spoken in this terminal session."""
        return [person for person in self.people.values() if not person.is_bot]

    async def show_home(self, workspace: str, person: Person, content: Card) -> None:
        prefix = f"  {said(Phrase('(home of {name})', name=person.name), self.language)} "
        self._write(indent(lines(content), prefix, " " * len(prefix)))

    async def open_form(self, workspace: str, action: OpenForm) -> None:
        self.form = action

    def _offer(self, buttons: list[Button]) -> None:
        if buttons:
            self.buttons = buttons
            self._write("  " + button_line(buttons))
