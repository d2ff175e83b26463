"""The outbox: nothing the engine asked for is lost, reordered or sent twice."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from sqlalchemy import func, select
from sqlmodel import col

from bot.actions import Post
from bot.clock import FrozenClock
from bot.commands import typed_event
from bot.content import Content, Text
from bot.model.messages import Posted
from bot.outlet import DeliveryError
from bot.people import Person, Place
from bot.settings import Delivery, Settings
from kaizen.app import App
from storage.store import SqlStore
from storage.tables import OutboxRow
from tests.conftest import AppOpener
from tests.conversation import Chat, FlakyOutlet, RecordingOutlet

pytestmark = pytest.mark.both_databases

ALICE = Person("U1", "alice")


async def flaky_chat(app: App, outlet: FlakyOutlet, workspace: str = "T1") -> Chat:
    return Chat(app.runtime(outlet, "test"), outlet, workspace=workspace)


async def test_a_failed_post_is_retried_after_backoff_and_its_reply_waits(
    open_apps: AppOpener, clock: FrozenClock
) -> None:
    outlet = FlakyOutlet()
    outlet.failures = [DeliveryError("timeout")]
    chat = await flaky_chat(await open_apps(), outlet)
    await chat.say("kaizen The label printer jams every morning")
    chat.expect_nothing()  # the card failed, so the Why #1 reply must not overtake it

    clock.advance(timedelta(seconds=1))
    await chat.runtime.courier.flush()
    chat.expect_nothing()
    clock.advance(timedelta(seconds=2))
    await chat.runtime.courier.flush()
    chat.expect_post("Kaizen idea #1")
    chat.expect_thread("Why #1")


async def test_retry_after_is_honoured(open_apps: AppOpener, clock: FrozenClock) -> None:
    outlet = FlakyOutlet()
    outlet.failures = [DeliveryError("ratelimited", retry_after=30)]
    chat = await flaky_chat(await open_apps(), outlet)
    await chat.say("kaizen The label printer jams every morning")
    clock.advance(timedelta(seconds=29))
    await chat.runtime.courier.flush()
    chat.expect_nothing()
    clock.advance(timedelta(seconds=1))
    await chat.runtime.courier.flush()
    chat.expect_post("Kaizen idea #1")


async def test_a_card_that_can_never_land_is_parked_and_its_why_goes_to_the_author(
    open_apps: AppOpener,
) -> None:
    app = await open_apps()
    outlet = FlakyOutlet()
    outlet.failures = [DeliveryError("channel_not_found", permanent=True)]
    chat = await flaky_chat(app, outlet)
    other = await flaky_chat(app, FlakyOutlet(), workspace="T2")
    await chat.say("kaizen The label printer jams every morning")
    await other.say("kaizen Label the spare parts shelves")
    why = chat.expect_private("I couldn't post your idea #1", to="alice")
    assert "Why #1: Why does the label printer jam every morning?" in why.text
    assert "kaizen outbox retry" in why.text
    chat.expect_nothing()
    other.expect_post("Kaizen idea #1")

    async with app.database.transaction() as store:
        backlog = await store.outbox.backlog("test")
    assert (backlog.pending, backlog.parked) == (0, 1)


async def test_a_post_that_keeps_failing_is_parked_in_the_end(
    open_apps: AppOpener, clock: FrozenClock
) -> None:
    outlet = FlakyOutlet()
    outlet.failures = [DeliveryError("server error")] * 20
    chat = await flaky_chat(await open_apps(), outlet)
    await chat.say("kaizen The label printer jams every morning")
    for _ in range(12):
        clock.advance(timedelta(minutes=11))
        await chat.runtime.courier.flush()
    assert outlet.attempts == chat.runtime.courier.max_attempts
    chat.expect_private("Why #1: Why does the label printer jam every morning?")
    async with chat.runtime.engine.database.transaction() as store:
        assert (await store.outbox.backlog()).parked == 1


async def test_a_restart_delivers_what_was_pending(open_apps: AppOpener) -> None:
    down = FlakyOutlet()
    down.failures = [DeliveryError("connection refused")]
    before = await flaky_chat(await open_apps(), down)
    await before.say("kaizen The label printer jams every morning")
    before.expect_nothing()

    after = await flaky_chat(await open_apps(), FlakyOutlet())
    after.runtime.engine.clock.advance(timedelta(minutes=1))  # type: ignore[attr-defined]
    await after.runtime.courier.flush()
    after.expect_post("Kaizen idea #1")
    after.expect_thread("Why #1")


async def test_two_couriers_on_one_database_send_each_message_once(open_apps: AppOpener) -> None:
    shared = FlakyOutlet()
    first = await flaky_chat(await open_apps(), shared)
    second = await flaky_chat(await open_apps(), shared)
    async with first.runtime.engine.database.transaction() as store:
        await store.ensure_workspace("T1", "test", first.runtime.engine.clock.now())
        posts = [Post("C1", Text.of(f"message {n}")) for n in range(30)]
        await store.outbox.add("T1", "test", list(posts), first.runtime.engine.clock.now())
    await asyncio.gather(first.runtime.courier.flush(), second.runtime.courier.flush())
    assert sorted(s.text for s in shared.said) == sorted(f"message {n}" for n in range(30))


class HeldOutlet(RecordingOutlet):
    """A platform whose first post waits until the test lets it through."""

    def __init__(self) -> None:
        super().__init__()
        self.sending = asyncio.Event()
        self.let_through = asyncio.Event()

    async def post(
        self,
        workspace: str,
        channel: str,
        content: Content,
        thread: Posted | None,
        tag: str | None = None,
    ) -> Posted:
        self.sending.set()
        await self.let_through.wait()
        return await super().post(workspace, channel, content, thread, tag)


async def test_a_post_held_back_by_another_workers_send_goes_out_with_it(
    open_apps: AppOpener,
) -> None:
    """Instance B stores a post while A is sending the one before it in the same channel:
    B must not overtake it, so A, once done, takes B's post along instead of leaving it
    to an idle round."""
    slow, other = HeldOutlet(), RecordingOutlet()
    first = Chat((await open_apps()).runtime(slow, "test"), slow, speaker="ann")
    second = Chat((await open_apps()).runtime(other, "test"), other, speaker="bob")
    sending = asyncio.create_task(first.say("kaizen The label printer jams every morning"))
    await slow.sending.wait()
    await second.say("kaizen Tape the loose cable by the packing table")
    assert other.said == []  # behind idea #1's card, which A holds
    slow.let_through.set()
    await sending
    assert [s.text.split(" · ")[0] for s in slow.said if s.kind == "post"] == [
        "Kaizen idea #1",
        "Kaizen idea #2",
    ]


class SlowChannelOutlet(RecordingOutlet):
    """A platform where one channel takes its time (Slack paces a busy channel to about a
    post a second), and every conversation goes out side by side."""

    def __init__(self, slow: str) -> None:
        super().__init__()
        self.side_by_side()
        self.slow = slow
        self.go_on = asyncio.Event()

    async def post(
        self,
        workspace: str,
        channel: str,
        content: Content,
        thread: Posted | None,
        tag: str | None = None,
    ) -> Posted:
        if channel == self.slow:
            await self.go_on.wait()
        return await super().post(workspace, channel, content, thread, tag)


async def test_a_slow_channel_holds_up_its_own_posts_and_no_others(open_apps: AppOpener) -> None:
    """What stalled two instances: one conversation's wait (a paced channel) held up every
    post of the workspace behind it."""
    outlet = SlowChannelOutlet(slow="C-busy")
    runtime = (await open_apps()).runtime(outlet, "test")
    ideas = {
        "C-busy": "kaizen The label printer jams every morning",
        "C-quiet": "kaizen Forklift batteries run flat before the shift ends",
        "C-other": "kaizen Gloves in size small are never in stock",
    }
    for channel, text in ideas.items():
        event = typed_event(text, workspace="T1", person=ALICE, place=Place(channel))
        await runtime.engine.handle(event, "test")
    delivering = asyncio.create_task(runtime.courier.flush())
    for _ in range(200):
        if len(outlet.said) == 4:
            break
        await asyncio.sleep(0.01)
    assert sorted((s.channel, s.kind) for s in outlet.said) == [
        ("C-other", "post"),
        ("C-other", "thread"),
        ("C-quiet", "post"),
        ("C-quiet", "thread"),
    ]
    outlet.go_on.set()
    await delivering
    assert [s.kind for s in outlet.said if s.channel == "C-busy"] == ["post", "thread"]


class StallingOutlet(RecordingOutlet):
    """A platform whose first post hangs, as a frozen process or a wedged socket would."""

    def __init__(self) -> None:
        super().__init__()
        self.stalls = 1
        self.looked_for: list[str] = []

    async def find_post(
        self, workspace: str, channel: str, thread: Posted | None, tag: str
    ) -> Posted | None:
        self.looked_for.append(tag)
        return await super().find_post(workspace, channel, thread, tag)

    async def post(
        self,
        workspace: str,
        channel: str,
        content: Content,
        thread: Posted | None,
        tag: str | None = None,
    ) -> Posted:
        if self.stalls:
            self.stalls -= 1
            await asyncio.sleep(60)
        return await super().post(workspace, channel, content, thread, tag)


async def test_a_send_that_outlasts_its_lease_is_abandoned_and_looked_for_before_the_next(
    open_apps: AppOpener, clock: FrozenClock
) -> None:
    """Past its lease another instance may take a post over, so a stalled send must not
    go on; the next try first looks for it, since it may have arrived."""
    settings = Settings(delivery=Delivery(lease=timedelta(seconds=1)))
    outlet = StallingOutlet()
    chat = Chat((await open_apps(settings)).runtime(outlet, "test"), outlet)
    await asyncio.wait_for(chat.say("kaizen The label printer jams every morning"), 5)
    chat.expect_nothing()
    async with chat.runtime.engine.database.transaction() as store:
        assert (await store.outbox.backlog()).pending == 2

    clock.advance(timedelta(seconds=3))
    await chat.runtime.courier.flush()
    assert outlet.looked_for == ["kaizen-parcel-1"]
    chat.expect_post("Kaizen idea #1")
    chat.expect_thread("Why #1")


async def test_a_channel_that_refuses_posts_holds_up_only_its_own(
    open_apps: AppOpener, clock: FrozenClock
) -> None:
    outlet = FlakyOutlet(refusing="C-closed")
    runtime = (await open_apps()).runtime(outlet, "test")
    closed = Chat(runtime, outlet, channel="C-closed")
    await closed.say("kaizen The label printer jams every morning")
    assert outlet.said == []  # its card failed, so its Why #1 waits too
    open_chat = Chat(runtime, outlet, channel="C-open")
    await open_chat.say("kaizen Forklift batteries run flat before the shift ends")
    assert [(s.kind, s.channel) for s in outlet.said] == [("post", "C-open"), ("thread", "C-open")]
    await open_chat.say("kaizen move 2 plan")
    assert [s.kind for s in outlet.said[2:]] == ["update", "thread"]

    outlet.refusing = ""  # the channel lets the bot in again
    clock.advance(timedelta(minutes=1))
    await closed.runtime.courier.flush()
    assert [(s.kind, s.channel) for s in outlet.said[4:]] == [
        ("post", "C-closed"),
        ("thread", "C-closed"),
    ]


async def test_handled_ids_and_delivered_posts_are_let_go_after_a_week(
    chat: Chat, clock: FrozenClock
) -> None:
    await chat.say("kaizen The label printer jams every morning", event_id="Ev1")
    clock.advance(timedelta(days=1))
    await chat.tick()  # today's housekeeping: nothing is a week old yet
    await chat.say("kaizen The label printer jams every morning", event_id="Ev1")
    assert sum("Kaizen idea #" in s.text for s in chat.outlet.said if s.kind == "post") == 1
    clock.advance(timedelta(days=7))
    await chat.tick()
    database = chat.runtime.engine.database
    async with database.transaction() as store:
        assert isinstance(store, SqlStore)
        week_old = select(func.count()).where(
            col(OutboxRow.created_at) < clock.now() - timedelta(days=7)
        )
        old = await store.session.scalar(week_old)
        assert await store.claim_event("T1", "Ev1", clock.now())  # forgotten: new again
    assert old == 0  # the card and its Why #1, delivered 8 days ago, are gone


async def test_a_rate_limit_holds_up_the_whole_workspace_for_as_long_as_asked(
    open_apps: AppOpener, clock: FrozenClock
) -> None:
    """A 429 is taken as the workspace's: posts to other channels wait too, instead of
    running into the same limit one after another."""
    outlet = FlakyOutlet()
    outlet.failures = [DeliveryError("ratelimited", retry_after=30)]
    runtime = (await open_apps()).runtime(outlet, "test")  # one courier, as in kaizen run
    one = Chat(runtime, outlet, channel="C-one")
    other = Chat(runtime, outlet, channel="C-other")
    await one.say("kaizen The label printer jams every morning")
    await other.say("kaizen Forklift batteries run flat before the shift ends")
    assert outlet.said == [] and outlet.attempts == 1
    clock.advance(timedelta(seconds=29))
    await one.runtime.courier.flush()
    assert outlet.said == [] and outlet.attempts == 1
    clock.advance(timedelta(seconds=1))
    await one.runtime.courier.flush()
    # Each channel in its own order; the two channels go out side by side.
    assert len(outlet.said) == 4
    for channel in ("C-one", "C-other"):
        assert [s.kind for s in outlet.said if s.channel == channel] == ["post", "thread"]
