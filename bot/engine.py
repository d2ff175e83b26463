"""The engine: one event in, its actions out, inside one transaction."""

from __future__ import annotations

import asyncio
import logging
import random
import uuid

from bot.actions import Action, Deliverable, ListMembers, OpenForm, PrivateReply
from bot.clean import cleaned
from bot.clock import Clock
from bot.content import Text
from bot.errors import Conflict, StorageError, StorageUnavailable, TurnFailed, UserError
from bot.events import Command, Due, Inbound, Members, Message, ScheduleTick
from bot.ideas.advising import advice_request, ask
from bot.language.advice import Advice, Advisor
from bot.language.choice import Languages
from bot.language.phrases import Phrase
from bot.language.speaking import in_their_language
from bot.language.translate import translated
from bot.links import BoardLinks, NoBoardLinks
from bot.people import Person
from bot.router import Router
from bot.settings import Settings
from bot.store import Database, Store
from bot.turn import Turn

log = logging.getLogger(__name__)
LOCALES_KEPT = 10_000
"""Speakers whose locale the engine remembers having kept (then it starts over)."""


class Engine:
    """Runs handlers against the store. It never talks to a platform; it returns actions.

    A `UserError` rolls the turn back and becomes a private answer to the person; any other
    error is logged with a reference the person is given, and also changes nothing.
    """

    def __init__(
        self,
        router: Router,
        database: Database,
        clock: Clock,
        settings: Settings,
        links: BoardLinks | None = None,
        advisor: Advisor | None = None,
    ) -> None:
        self.router = router
        self.database = database
        self.clock = clock
        self.settings = settings
        self.links = links or NoBoardLinks()
        self.advisor = advisor
        """An advisor model the 5-Whys coach may read (`Turn.advice`); None: rules alone."""
        self._one_at_a_time = asyncio.Lock()
        """Turns queue here rather than in the database, which runs one writer at a time
        anyway: a queued turn costs nothing, one polling for the write lock costs CPU."""
        self._known: set[tuple[str, str]] = set()
        self._locales: dict[tuple[str, str], str] = {}
        """Each speaker's locale as last kept, so it is written once per change."""
        """(workspace, surface) pairs whose row is committed: one statement less per turn."""

    CONFLICT_TRIES = 8
    """Runs of one turn that lost a race in the database (a deadlock, one key inserted by
    two) before it counts as failed; each run starts afresh, so it is as if run alone."""

    async def handle(self, event: Inbound, surface: str, entry: str | None = None) -> list[Action]:
        """Run the event's handler; store its deliverable actions in the outbox of `surface`.
        `entry` is the key of the inbox entry the event came from: claimed in the same
        transaction, so the turn is done once however often the entry is run.

        Raises `TurnFailed` when the turn could not be done on our side (the database away):
        nothing was changed, and the event should be handled again later.
        """
        event = cleaned(event)
        advice = await self._advice(event)  # seconds, maybe: before the lock and transaction
        if self.database.serial:
            async with self._one_at_a_time:
                return await self._handle(event, surface, entry, advice)
        return await self._handle(event, surface, entry, advice)

    async def _advice(self, event: Inbound) -> Advice | None:
        """The advisor's reading of the answer the event gives, if it gives one. Asked on a
        read-only view, outside any transaction: a slow model holds up no other turn."""
        if self.advisor is None or not isinstance(event, Message | Command):
            return None
        try:
            async with self.database.reading() as store:
                request = await advice_request(event, store)
        except Exception as error:
            log.warning("could not read what to ask the advisor: %r", error)
            return None
        return None if request is None else await ask(self.advisor, request)

    async def _handle(
        self, event: Inbound, surface: str, entry: str | None, advice: Advice | None
    ) -> list[Action]:
        refused: str | None = None
        try:
            return await self._run(event, surface, entry, advice)
        except UserError as error:
            answer = self._tell(event, error.args[0] if error.args else str(error))
            refused = getattr(event, "id", None)
        except StorageUnavailable as error:
            log.warning("turn put off, the database is away: %s", error)
            raise TurnFailed(str(error)) from error
        except Exception as error:
            reference = uuid.uuid4().hex[:8]
            log.exception("turn failed (ref %s) for %r", reference, event)
            if isinstance(event, Due):
                raise TurnFailed(f"ref {reference}") from error
            answer = self._tell(
                event,
                Phrase(
                    "Sorry, something went wrong on my side (ref {reference}). "
                    "Nothing was changed; please try again in a moment.",
                    reference=reference,
                ),
            )
        try:
            return await self._answer(event, surface, entry, answer, refused)
        except StorageError as error:
            raise TurnFailed(str(error)) from error

    async def _run(
        self, event: Inbound, surface: str, entry: str | None, advice: Advice | None
    ) -> list[Action]:
        for attempt in range(1, self.CONFLICT_TRIES + 1):
            try:
                return await self._once(event, surface, entry, advice)
            except Conflict as conflict:
                if attempt == self.CONFLICT_TRIES:
                    raise
                log.info("turn ran into another (%s); running it again", conflict)
                await asyncio.sleep(random.uniform(0, 0.01 * attempt))
        raise AssertionError("unreachable")

    async def _once(
        self, event: Inbound, surface: str, entry: str | None, advice: Advice | None
    ) -> list[Action]:
        known = (event.workspace, surface)
        async with self.database.transaction() as store:
            turn = Turn(store, self.settings, self.clock.now(), self.links, advice)
            if isinstance(event, ScheduleTick):
                if known not in self._known and not await store.knows_workspace(event.workspace):
                    return []  # nobody has talked from there yet: nothing is due
            elif known not in self._known:
                await store.ensure_workspace(event.workspace, surface, turn.now)
            # The platform's delivery id, or the inbox entry's own key: done once.
            delivery_id = getattr(event, "id", None) or entry
            if delivery_id and not await store.claim_event(event.workspace, delivery_id, turn.now):
                log.info("event %s already handled; not doing it again", delivery_id)
                return []
            actions = await self.router.dispatch(event, turn)
            learnt = await self._learn_locale(event, store)
            actions = await in_their_language(
                actions, self.settings, _speaker(event), event.workspace, store
            )
            await store.outbox.add(event.workspace, surface, _deliverable(actions), turn.now)
        if not isinstance(event, ScheduleTick):
            self._known.add(known)
        if learnt is not None:
            if len(self._locales) > LOCALES_KEPT:
                self._locales.clear()
            self._locales[learnt[0]] = learnt[1]
        return actions

    async def _learn_locale(
        self, event: Inbound, store: Store
    ) -> tuple[tuple[str, str], str] | None:
        """Keep the speaker's locale when it is new (for what the bot sends them unasked);
        once per change, not on every turn."""
        speaker = _speaker(event)
        if speaker is None or not speaker.locale:
            return None
        key = (event.workspace, speaker.id)
        if self._locales.get(key) == speaker.locale:
            return None
        await store.people.set_locale(event.workspace, speaker)
        return key, speaker.locale

    async def _answer(
        self,
        event: Inbound,
        surface: str,
        entry: str | None,
        answer: list[Action],
        refused: str | None,
    ) -> list[Action]:
        """Store the private answer to a turn that changed nothing (a refusal, an apology);
        from the inbox, it is as done as any turn and is answered once."""
        if not answer:
            return answer
        final = refused or entry
        async with self.database.transaction() as store:
            now = self.clock.now()  # only events from a person get an answer
            await store.ensure_workspace(event.workspace, surface, now)
            # A refusal is as final as a success: the platform's retry is not refused
            # twice. (After a fault the retry may run: the fault may have passed.)
            if final and not await store.claim_event(event.workspace, final, now):
                return []
            await store.outbox.add(event.workspace, surface, _deliverable(answer), now)
        return answer

    def _tell(self, event: Inbound, message: str) -> list[Action]:
        if isinstance(event, ScheduleTick | Due | Members):
            log.warning("scheduled work for %s refused: %s", event.workspace, message)
            return []
        reply = PrivateReply(event.person, event.place, Text.of(message))
        language = Languages(self.settings, event.person).of(reply, {})
        return [translated(reply, language)]


def _speaker(event: Inbound) -> Person | None:
    return None if isinstance(event, ScheduleTick | Due | Members) else event.person


def _deliverable(actions: list[Action]) -> list[Deliverable]:
    return [action for action in actions if not isinstance(action, OpenForm | ListMembers)]
