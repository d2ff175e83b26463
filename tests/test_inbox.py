"""The inbox: a request is stored before it is acked, and its turn is done exactly once.

Everything is real: the runtime's intake, turn runner and courier on a real database (and a
real PostgreSQL server where marked), with the time frozen so that leases run out when the
test says.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Callable
from datetime import timedelta

import pytest
from sqlalchemy import func, select
from sqlmodel import col

from bot.clock import FrozenClock
from bot.codec import dump_event, load_event
from bot.events import ButtonPress, Command, FormSubmit, FromPerson, Message, Reaction
from bot.people import Person, Place
from bot.runtime import Runtime
from bot.settings import Kudos, Settings
from storage.store import SqlStore
from storage.tables import IdeaRow
from tests.conftest import AppOpener
from tests.conversation import Chat, RecordingOutlet

pytestmark = pytest.mark.both_databases

ALICE = Person("U1", "alice", timezone="Europe/Berlin")


def idea(n: int, channel: str = "C1", delivery: str | None = None) -> Command:
    return Command(
        workspace="T1",
        person=ALICE,
        place=Place(channel),
        name="kaizen",
        text=f"Idea {n}: the bins at dock {n} are hard to find",
        id=delivery,
    )


def cards(outlet: RecordingOutlet) -> Counter[str]:
    return Counter(
        s.text.split(" · ")[0] for s in outlet.said if s.kind == "post" and "Kaizen idea" in s.text
    )


async def until(condition: Callable[[], bool], what: str, wait: float = 20.0) -> None:
    for _ in range(int(wait * 20)):
        if condition():
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"waited {wait:.0f} s for {what}")


async def waiting(runtime: Runtime) -> int:
    async with runtime.engine.database.inbox() as inbox:
        return (await inbox.waiting()).count


def test_every_event_a_person_sends_survives_the_trip_through_the_inbox() -> None:
    raw = {"trigger_id": "13345224609.738474920.8088930838d88f008e0", "nested": [{"a": 1}]}
    events: list[FromPerson] = [
        idea(1, delivery="Ev1"),
        Message(workspace="T1", person=ALICE, place=Place("C1", "171.2"), text="Because", raw=raw),
        ButtonPress(
            workspace="T1", person=ALICE, place=Place("D1", direct=True), action="a", value="1"
        ),
        FormSubmit(
            workspace="T1",
            person=ALICE,
            place=Place("C1"),
            form="idea",
            values={"problem": "It jams", "anonymous": "no"},
            state="s",
            raw=raw,
        ),
        Reaction(
            workspace="T1",
            person=ALICE,
            place=Place("C1"),
            mentions=(Person("U2", "bob"),),
            emoji="tada",
            added=True,
            author=Person("U2", "bob", is_bot=False),
            message_id="171.3",
        ),
    ]
    for event in events:
        back = load_event(dump_event(event))
        assert back == event and back.raw == event.raw
        assert back.person.timezone == event.person.timezone


async def test_requests_taken_in_together_are_stored_and_handled_once_each(
    open_apps: AppOpener,
) -> None:
    """Forty requests at once, ten of them sent twice by the platform: every one is acked
    only once stored, the retries are not stored again, and each idea gets one card."""
    outlet = RecordingOutlet()
    runtime = (await open_apps()).runtime(outlet, "test")
    await runtime.start(ticking=False)
    try:
        first = [idea(n, channel=f"C{n % 5}", delivery=f"Ev{n}") for n in range(40)]
        await asyncio.gather(*(runtime.accept(event) for event in first + first[:10]))
        await until(lambda: len(cards(outlet)) == 40, "forty cards")
        await until(lambda: sum(s.text.startswith("Why #1") for s in outlet.said) == 40, "whys")
    finally:
        await runtime.stop()
    assert set(cards(outlet).values()) == {1}
    assert await waiting(runtime) == 0
    async with runtime.engine.database.reading() as store:
        assert isinstance(store, SqlStore)
        numbers = (await store.session.execute(select(col(IdeaRow.number)))).scalars()
        assert sorted(numbers) == list(range(1, 41))


async def test_the_answers_in_one_thread_are_read_in_the_order_they_came(
    open_apps: AppOpener,
) -> None:
    """However many turns run side by side, a thread's turns run one after another."""
    outlet = RecordingOutlet()
    runtime = (await open_apps()).runtime(outlet, "test")
    chat = Chat(runtime, outlet)
    await chat.say("kaizen The label printer jams every morning")
    thread = chat.thread
    answers = [
        "The labels curl because the printer stands beside the open loading door",
        "Nobody decided where the printer should stand when the line was moved",
        "The layout of the line is changed without a checklist for the equipment",
    ]
    await runtime.start(ticking=False)
    try:
        await asyncio.gather(
            *(
                runtime.accept(
                    Message(workspace="T1", person=chat.person, place=Place("C1", thread), text=t)
                )
                for t in answers
            )
        )
        await until(lambda: any(s.text.startswith("Why #4") for s in outlet.said), "Why #4")
    finally:
        await runtime.stop()
    async with runtime.engine.database.reading() as store:
        whys = await store.dialogues.whys("T1", 1)
    assert [why.answer for why in whys[:3]] == answers


async def test_a_turn_two_workers_both_run_is_done_once(
    open_apps: AppOpener, clock: FrozenClock
) -> None:
    """A worker froze past its lease and another took its request over; when the first
    wakes up and runs the turn too, that turn changes nothing."""
    one, two = await open_apps(), await open_apps()
    runtime = one.runtime(RecordingOutlet(), "test")
    await runtime.accept(idea(1))
    database = one.database
    async with database.inbox() as inbox:
        now = clock.now()
        [entry] = await inbox.claim("test", "frozen", now, now + timedelta(seconds=15), 5)
    clock.advance(timedelta(seconds=16))
    async with database.inbox() as inbox:
        now = clock.now()
        [again] = await inbox.claim("test", "other", now, now + timedelta(seconds=15), 5)
    assert again.id == entry.id
    results = await asyncio.gather(
        one.engine.handle(entry.event, "test", entry.key),
        two.engine.handle(again.event, "test", again.key),
    )
    assert sorted(len(actions) > 0 for actions in results) == [False, True]
    async with database.reading() as store:
        assert isinstance(store, SqlStore)
        assert await store.session.scalar(select(func.count()).select_from(IdeaRow)) == 1


async def test_a_restarted_instance_takes_back_what_it_held_at_once(
    open_apps: AppOpener,
) -> None:
    """An instance died holding a request (its lease has not run out yet): started again
    under the same name, it runs it at once instead of waiting the lease out."""
    before = await open_apps()
    before.instance = "bot-1:3000"
    dead = before.runtime(RecordingOutlet(), "test")
    await dead.accept(idea(1))
    async with before.database.inbox() as inbox:
        now = before.engine.clock.now()
        held = await inbox.claim("test", dead.worker, now, now + timedelta(minutes=5), 5)
    assert len(held) == 1

    after = await open_apps()
    after.instance = "bot-1:3000"
    outlet = RecordingOutlet()
    runtime = after.runtime(outlet, "test")
    await runtime.start(ticking=False)
    try:
        await until(lambda: len(cards(outlet)) == 1, "the card", wait=5)
    finally:
        await runtime.stop()


async def test_a_request_whose_turn_failed_on_our_side_stays_and_runs_again(
    open_apps: AppOpener, clock: FrozenClock
) -> None:
    """The database went away during the turn: the request is neither dropped nor
    answered with an apology; it waits, and its turn runs once the fault has passed."""
    app = await open_apps()
    outlet = RecordingOutlet()
    runtime = app.runtime(outlet, "test")
    await runtime.accept(idea(1))
    async with app.database.inbox() as inbox:
        now = clock.now()
        [entry] = await inbox.claim("test", runtime.worker, now, now, 5)
    await runtime.runner._put_off(entry, OSError("connection refused"))
    await runtime.start(ticking=False)
    try:
        await asyncio.sleep(0.3)
        assert cards(outlet) == Counter()  # not due again yet: it backs off
        clock.advance(timedelta(seconds=2))
        runtime.runner.kick()
        await until(lambda: len(cards(outlet)) == 1, "the card", wait=5)
    finally:
        await runtime.stop()
    assert not any("went wrong" in s.text for s in outlet.said)


async def test_kudos_given_at_once_from_two_places_keep_the_daily_limit(
    open_apps: AppOpener,
) -> None:
    """Ten kudos by one person at the same moment, through two instances: five posted,
    five refused. On PostgreSQL the turns run side by side; the count is taken under a
    lock named for the giver."""
    settings = Settings(kudos=Kudos(daily_limit=5))
    one, two = (await open_apps(settings)), (await open_apps(settings))
    chats = []
    for app, channel in ((one, "C1"), (two, "C2")):
        outlet = RecordingOutlet()
        chats.append(Chat(app.runtime(outlet, "test"), outlet, channel=channel))
    await asyncio.gather(
        *(
            chats[n % 2].say(f"kudos @bob{n} for sorting the returns shelf", mentions=(f"bob{n}",))
            for n in range(10)
        )
    )
    said = [s for chat in chats for s in chat.outlet.said]
    assert sum("recognised" in s.text for s in said if s.kind == "post") == 5
    assert sum("of today's kudos" in s.text for s in said if s.kind == "private") == 5


async def test_two_answers_to_one_why_at_once_become_two_whys(open_apps: AppOpener) -> None:
    """The same dialogue answered at the same moment in its thread and from a direct chat
    (through two instances): both answers are kept, one after the other."""
    one, two = await open_apps(), await open_apps()
    outlet, other = RecordingOutlet(), RecordingOutlet()
    chat = Chat(one.runtime(outlet, "test"), outlet)
    await chat.say("kaizen The label printer jams every morning")
    there = Chat(two.runtime(other, "test"), other)
    await asyncio.gather(
        chat.say("The labels curl because the printer stands beside the open loading door"),
        there.say("kaizen answer 1 Nobody decided where the printer stands after the move"),
    )
    async with one.database.reading() as store:
        whys = await store.dialogues.whys("T1", 1)
    answered = [why.answer for why in whys if why.answer]
    assert len(answered) == 2 and len(set(answered)) == 2
