"""Where feature handlers register. Decorators only register; `dispatch` picks the handler."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from bot.actions import Action
from bot.errors import UserError
from bot.events import (
    ButtonPress,
    Command,
    Due,
    Edit,
    FormSubmit,
    HomeOpened,
    Inbound,
    Members,
    Message,
    Reaction,
    ScheduleTick,
)
from bot.grammar import Grammar, Syntax
from bot.language.phrases import Phrase
from bot.model.keys import ConversationKey, IdeaKey, KudosKey, MessageKey, StandupKey, parse_key
from bot.turn import Turn

CommandHandler = Callable[[Command, re.Match[str], Turn], Awaitable[list[Action]]]
MessageHandler = Callable[[Message, Turn], Awaitable[list[Action] | None]]
K = TypeVar("K", IdeaKey, StandupKey, KudosKey, ConversationKey)
ThreadHandler = Callable[[Message, K, Turn], Awaitable[list[Action] | None]]
EditHandler = Callable[[Edit, Turn], Awaitable[list[Action] | None]]
ButtonHandler = Callable[[ButtonPress, Turn], Awaitable[list[Action]]]
FormHandler = Callable[[FormSubmit, Turn], Awaitable[list[Action]]]
TickHandler = Callable[[ScheduleTick, Turn], Awaitable[list[Action]]]
HomeHandler = Callable[[HomeOpened, Turn], Awaitable[list[Action]]]
ReactionHandler = Callable[[Reaction, Turn], Awaitable[list[Action]]]
DueHandler = Callable[[Due, Turn], Awaitable[list[Action]]]
MembersHandler = Callable[[Members, Turn], Awaitable[list[Action]]]

_ANYTHING = re.compile(r"(?P<text>.*)", re.DOTALL)


@dataclass(frozen=True)
class _Route:
    pattern: re.Pattern[str]
    handler: CommandHandler


class Router:
    """Maps events to handlers.

    Commands match their text against patterns in the order they were registered; the
    route registered with `fallback=True` takes whatever no pattern matched. A reply in a
    thread goes to the handler of its thread's kind (the key looked up once); then, or for
    a message outside any thread of ours, message handlers are asked in turn until one
    returns actions (None means "not mine").
    """

    def __init__(self) -> None:
        self._commands: dict[str, list[_Route]] = {}
        self._fallbacks: dict[str, CommandHandler] = {}
        self._messages: list[MessageHandler] = []
        self._threads: dict[type[MessageKey], ThreadHandler[Any]] = {}
        self._edits: list[EditHandler] = []
        self._buttons: dict[str, ButtonHandler] = {}
        self._forms: dict[str, FormHandler] = {}
        self._ticks: list[TickHandler] = []
        self._home: HomeHandler | None = None
        self._reactions: list[ReactionHandler] = []
        self._due: dict[str, DueHandler] = {}
        self._members: dict[str, MembersHandler] = {}
        self.grammar = Grammar()
        """Every command's usage, summary and hint, in the order they registered."""

    def command(
        self,
        name: str,
        pattern: str | None = None,
        *,
        usage: str | None = None,
        summary: str = "",
        hint: str | None = None,
        group: str = "",
    ) -> Callable[[CommandHandler], CommandHandler]:
        """Register for `/name <text>` where text fully matches `pattern` (None: anything else).

        `usage`, `summary` and `group` are how `kaizen help` and the README list it; `hint`
        answers text that starts with its verb but did not parse. An alias registers none.
        """
        self.grammar.add(Syntax(name, usage, summary, hint, group))

        def register(handler: CommandHandler) -> CommandHandler:
            if pattern is None:
                self._fallbacks[name] = handler
            else:
                compiled = re.compile(pattern, re.IGNORECASE | re.DOTALL)
                self._commands.setdefault(name, []).append(_Route(compiled, handler))
            return handler

        return register

    def message(self, handler: MessageHandler) -> MessageHandler:
        self._messages.append(handler)
        return handler

    def edit(self, handler: EditHandler) -> EditHandler:
        """Register for a person's edit of one of their messages (asked in turn, like
        message handlers; an edit nobody takes changes nothing)."""
        self._edits.append(handler)
        return handler

    def thread(self, kind: type[K]) -> Callable[[ThreadHandler[K]], ThreadHandler[K]]:
        """Register for replies in the thread of one kind of message (an idea's card, a
        stand-up's prompt): the thread's key is looked up once, in `dispatch`."""

        def register(handler: ThreadHandler[K]) -> ThreadHandler[K]:
            self._threads[kind] = handler
            return handler

        return register

    def button(self, action: str) -> Callable[[ButtonHandler], ButtonHandler]:
        def register(handler: ButtonHandler) -> ButtonHandler:
            self._buttons[action] = handler
            return handler

        return register

    def form(self, form: str) -> Callable[[FormHandler], FormHandler]:
        def register(handler: FormHandler) -> FormHandler:
            self._forms[form] = handler
            return handler

        return register

    def tick(self, handler: TickHandler) -> TickHandler:
        self._ticks.append(handler)
        return handler

    def reaction(self, handler: ReactionHandler) -> ReactionHandler:
        self._reactions.append(handler)
        return handler

    def due(self, kind: str) -> Callable[[DueHandler], DueHandler]:
        """Register for scheduled jobs named "<kind>:<name>"."""

        def register(handler: DueHandler) -> DueHandler:
            self._due[kind] = handler
            return handler

        return register

    def members(self, kind: str) -> Callable[[MembersHandler], MembersHandler]:
        """Register for member lists asked for with a purpose "<kind>:<detail>"."""

        def register(handler: MembersHandler) -> MembersHandler:
            self._members[kind] = handler
            return handler

        return register

    def home(self, handler: HomeHandler) -> HomeHandler:
        self._home = handler
        return handler

    def buttons(self) -> list[str]:
        return sorted(self._buttons)

    def forms(self) -> list[str]:
        return sorted(self._forms)

    @property
    def has_home(self) -> bool:
        return self._home is not None

    def patterns(self) -> list[re.Pattern[str]]:
        """Every command pattern, in the order they are tried."""
        return [route.pattern for routes in self._commands.values() for route in routes]

    def commands(self) -> list[str]:
        return sorted(set(self._commands) | set(self._fallbacks))

    async def dispatch(self, event: Inbound, turn: Turn) -> list[Action]:
        match event:
            case Command():
                return await self._dispatch_command(event, turn)
            case Message():
                key = await thread_key(event, turn)
                threaded = self._threads.get(type(key)) if key is not None else None
                if threaded is not None:
                    actions = await threaded(event, key, turn)
                    if actions is not None:
                        return actions
                for handler in self._messages:
                    actions = await handler(event, turn)
                    if actions is not None:
                        return actions
                return []
            case Edit():
                for edited in self._edits:
                    actions = await edited(event, turn)
                    if actions is not None:
                        return actions
                return []
            case ButtonPress():
                button = self._buttons.get(event.action)
                if button is None:
                    raise UserError(
                        Phrase("That button no longer does anything; try the command instead.")
                    )
                return await button(event, turn)
            case FormSubmit():
                form = self._forms.get(event.form)
                if form is None:
                    raise UserError(Phrase("That form has expired; please open it again."))
                return await form(event, turn)
            case Reaction():
                return [action for react in self._reactions for action in await react(event, turn)]
            case Due():
                due = self._due.get(event.job.split(":", 1)[0])
                return [] if due is None else await due(event, turn)
            case Members():
                members = self._members.get(event.purpose.split(":", 1)[0])
                return [] if members is None else await members(event, turn)
            case HomeOpened():
                return [] if self._home is None else await self._home(event, turn)
            case ScheduleTick():
                return [action for tick in self._ticks for action in await tick(event, turn)]

    async def _dispatch_command(self, command: Command, turn: Turn) -> list[Action]:
        text = command.text.strip()
        for route in self._commands.get(command.name, []):
            match = route.pattern.fullmatch(text)
            if match:
                return await route.handler(command, match, turn)
        fallback = self._fallbacks.get(command.name)
        if fallback is None:
            raise UserError(
                Phrase(
                    "I don't know the command `{command}`. Try `kaizen help`.",
                    command=command.name,
                )
            )
        match = _ANYTHING.fullmatch(text)
        assert match is not None
        return await fallback(command, match, turn)


async def thread_key(message: Message | Edit, turn: Turn) -> MessageKey | None:
    """What the message's thread is about: the key of the bot's message at its root."""
    if message.place.thread is None:
        return None
    key = await turn.store.messages.key_at(
        message.workspace, message.place.channel, message.place.thread
    )
    return parse_key(key)
