"""A chat surface for tests: say things to the real engine, then expect what the bot said.

Like botbuilder's TestAdapter, it lets a test read like the conversation:

    await chat.say("kaizen The label printer jams")
    chat.expect_post("Kaizen idea #1")
    chat.expect_thread("Why #1")

The `expect_*` helpers assert the very next thing the bot said. A test that only needs the
bot to have got somewhere names the reply it waits for and moves past what came before it,
so one more message on the way does not break it:

    await chat.say("kaizen The label printer jams")
    chat.skip_to("thread", "Why #1")

Everything behind it is real: the router, the engine, SQLite, the courier.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Literal

from aiohttp import web

from bot.actions import OpenForm
from bot.commands import typed_event
from bot.content import Button, Card, Content, Text
from bot.events import ButtonPress, Edit, FormSubmit, Message
from bot.model.messages import Posted
from bot.outlet import DeliveryError
from bot.people import Person, Place
from bot.runtime import Runtime

Kind = Literal["post", "thread", "private", "update", "delete", "home", "form"]


@dataclass
class Said:
    """One thing the bot did on the surface."""

    kind: Kind
    text: str
    channel: str = ""
    thread: str | None = None
    to: Person | None = None
    content: Content | None = None
    form: OpenForm | None = None
    buttons: list[Button] = field(default_factory=list)


class RecordingOutlet:
    """Collects deliveries in order, as a platform's API would receive them."""

    knows_every_member = True
    one_stream = True
    """A transcript: what the bot said, in the order it said it (`side_by_side` for a
    platform's order, where conversations go out apart)."""

    def __init__(self) -> None:
        self.said: list[Said] = []
        self.last_thread: str | None = None
        self.channel_members: list[Person] = []
        self.tags: dict[str, Posted] = {}
        self.private_tags: set[str] = set()
        """Tags of private messages to a direct chat: the ones a platform could look up."""
        self._ids = itertools.count(1)

    def side_by_side(self) -> RecordingOutlet:
        self.one_stream = False
        return self

    async def find_post(
        self, workspace: str, channel: str, thread: Posted | None, tag: str
    ) -> Posted | None:
        return self.tags.get(tag)

    async def post(
        self,
        workspace: str,
        channel: str,
        content: Content,
        thread: Posted | None,
        tag: str | None = None,
    ) -> Posted:
        message_id = f"m{next(self._ids)}"
        root = thread.thread_root if thread else None
        if tag is not None:
            self.tags[tag] = Posted(channel, message_id, root)
        kind: Kind = "thread" if thread else "post"
        self.last_thread = root or message_id  # people reply to what was just posted
        self.said.append(
            Said(kind, _text(content), channel, root, content=content, buttons=_buttons(content))
        )
        return Posted(channel, message_id, root)

    async def find_private(
        self, workspace: str, person: Person, place: Place, tag: str
    ) -> bool | None:
        return tag in self.private_tags if place.direct else None

    async def private(
        self,
        workspace: str,
        person: Person,
        place: Place,
        content: Content,
        tag: str | None = None,
    ) -> None:
        if tag is not None and place.direct:
            self.private_tags.add(tag)
        self.said.append(
            Said(
                "private",
                _text(content),
                place.channel,
                to=person,
                content=content,
                buttons=_buttons(content),
            )
        )

    async def update(self, workspace: str, posted: Posted, content: Content) -> None:
        self.said.append(
            Said(
                "update", _text(content), posted.channel, content=content, buttons=_buttons(content)
            )
        )

    async def delete(self, workspace: str, posted: Posted) -> None:
        self.said.append(Said("delete", posted.message_id, posted.channel))

    async def members(self, workspace: str, channel: str) -> list[Person]:
        return list(self.channel_members)

    async def show_home(self, workspace: str, person: Person, content: Card) -> None:
        self.said.append(Said("home", _text(content), to=person, content=content))

    async def open_form(self, workspace: str, action: OpenForm) -> None:
        self.said.append(Said("form", action.form.title, to=action.person, form=action))


class Chat:
    """One channel of one workspace, with people taking turns."""

    def __init__(
        self,
        runtime: Runtime,
        outlet: RecordingOutlet,
        workspace: str = "T1",
        channel: str = "C1",
        speaker: str = "alice",
    ) -> None:
        self.runtime = runtime
        self.outlet = outlet
        self.workspace = workspace
        self.channel = channel
        self.person = Person(speaker, speaker)
        self._seen = 0
        self._thread: str | None = None

    @property
    def thread(self) -> str | None:
        """The thread people reply in: the one the bot last wrote in, unless set."""
        return self._thread or self.outlet.last_thread

    @thread.setter
    def thread(self, root: str | None) -> None:
        self._thread = root

    def as_(self, name: str) -> Chat:
        self.person = Person(name, name)
        return self

    async def say(
        self, text: str, *, event_id: str | None = None, mentions: tuple[str, ...] = ()
    ) -> Chat:
        """A command if it starts with kaizen or /kaizen, else a reply in the current thread."""
        people = tuple(Person(name, name) for name in mentions)
        event = typed_event(
            text,
            workspace=self.workspace,
            person=self.person,
            place=Place(self.channel, self.thread),
            mentions=people,
            event_id=event_id,
        )
        await self.runtime.receive(event)
        return self

    async def edit(self, before: str, text: str) -> Chat:
        """The person changes what they said in the current thread from `before` to `text`."""
        await self.runtime.receive(
            Edit(
                workspace=self.workspace,
                person=self.person,
                place=Place(self.channel, self.thread),
                text=text,
                before=before,
            )
        )
        return self

    async def direct(self, text: str) -> Chat:
        """A line in the person's one-to-one chat with the bot, outside any thread."""
        await self.runtime.receive(
            Message(
                workspace=self.workspace,
                person=self.person,
                place=Place(f"D-{self.person.id}", direct=True),
                text=text,
            )
        )
        return self

    async def press(self, label: str) -> Chat:
        """Press the button with this label on the latest message that has one."""
        for said in reversed(self.outlet.said):
            for button in said.buttons:
                if button.label == label:
                    await self.runtime.receive(
                        ButtonPress(
                            workspace=self.workspace,
                            person=self.person,
                            place=Place(self.channel),
                            action=button.action,
                            value=button.value,
                        )
                    )
                    return self
        raise AssertionError(f"no button {label!r} on any message")

    async def submit(self, form: OpenForm, **values: str) -> Chat:
        await self.runtime.receive(
            FormSubmit(
                workspace=self.workspace,
                person=self.person,
                place=Place(self.channel),
                form=form.form.id,
                values=values,
                state=form.form.state,
            )
        )
        return self

    async def tick(self) -> Chat:
        await self.runtime.tick(self.workspace)
        return self

    def _next(self, kind: str, contains: str) -> Said:
        if self._seen >= len(self.outlet.said):
            raise AssertionError(
                f"expected a {kind} containing {contains!r}; the bot said nothing more"
            )
        said = self.outlet.said[self._seen]
        self._seen += 1
        assert said.kind == kind, (
            f"expected a {kind} containing {contains!r}, got {said.kind}: {said.text!r}"
        )
        assert contains.lower() in said.text.lower(), (
            f"expected {contains!r} in the {kind}: {said.text!r}"
        )
        return said

    def expect_post(self, contains: str = "") -> Said:
        return self._next("post", contains)

    def expect_thread(self, contains: str = "") -> Said:
        return self._next("thread", contains)

    def expect_private(self, contains: str = "", to: str | None = None) -> Said:
        said = self._next("private", contains)
        if to is not None:
            assert said.to is not None and said.to.id == to, f"private message went to {said.to}"
        return said

    def expect_update(self, contains: str = "") -> Said:
        return self._next("update", contains)

    def expect_form(self, title: str = "") -> OpenForm:
        said = self._next("form", title)
        assert said.form is not None
        return said.form

    def expect_nothing(self) -> None:
        rest = self.outlet.said[self._seen :]
        assert not rest, f"expected silence, the bot said: {[(s.kind, s.text) for s in rest]}"

    def skip_to(self, kind: Kind, contains: str = "", *, to: str | None = None) -> Said:
        """Move past what the bot said up to the first `kind` containing `contains` (for a
        private message, sent `to` this person) and return it: the reply the test waits for,
        named, whatever came before it. The `expect_*` helpers still assert what comes next."""
        rest = self.outlet.said[self._seen :]
        for offset, said in enumerate(rest):
            if (
                said.kind == kind
                and contains.lower() in said.text.lower()
                and (to is None or (said.to is not None and said.to.id == to))
            ):
                self._seen += offset + 1
                return said
        wanted = f"a {kind}" + (f" to {to}" if to is not None else "")
        lines = [
            f"  {s.kind}" + (f" to {s.to.id}" if s.to is not None else "") + f": {s.text!r}"
            for s in rest
        ]
        raise AssertionError(
            f"expected {wanted} containing {contains!r}; "
            + ("the bot said:\n" + "\n".join(lines) if lines else "the bot said nothing more")
        )

    def catch_up(self) -> list[Said]:
        """Everything the bot said since the last expectation, moved past, for a test that
        reads it all at once."""
        rest = self.outlet.said[self._seen :]
        self._seen = len(self.outlet.said)
        return rest


def _text(content: Content) -> str:
    return content.plain() if isinstance(content, Text | Card) else str(content)


def _buttons(content: Content) -> list[Button]:
    return list(content.buttons) if isinstance(content, Card) else []


class FlakyOutlet(RecordingOutlet):
    """A platform that fails the next few posts the way it is told to, and every post to
    the `refusing` channel with `refusal` (by default for a while, as a channel that shut
    the bot out; a permanent refusal as one the bot was never let into)."""

    def __init__(self, refusing: str = "", refusal: DeliveryError | None = None) -> None:
        super().__init__()
        self.failures: list[DeliveryError] = []
        self.attempts = 0
        self.refusing = refusing
        self.refusal = refusal or DeliveryError("posting_denied_for_a_while")

    async def post(
        self,
        workspace: str,
        channel: str,
        content: Content,
        thread: Posted | None,
        tag: str | None = None,
    ) -> Posted:
        self.attempts += 1
        if self.failures:
            raise self.failures.pop(0)
        if channel == self.refusing:
            raise self.refusal
        return await super().post(workspace, channel, content, thread, tag)


class RuntimeSurface:
    """A surface as `kaizen run` has them (a name, routes, the runtime that ticks), for a
    `Server` in front of a test's runtime: what /healthz reads."""

    name = "test"

    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime

    def routes(self) -> list[web.RouteDef]:
        return []

    async def start(self) -> None: ...

    async def stop(self) -> None: ...
