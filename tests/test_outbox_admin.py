"""`kaizen outbox` for admins: what is parked or waits too long, sending it again, dropping
it; /healthz is degraded while posts are parked. The command runs as a real process on the
test's database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import aiohttp
import pytest

from bot.actions import Post, PrivateReply, Reply, Update
from bot.clock import FrozenClock, SystemClock
from bot.content import Text
from bot.model.queues import Stuck
from bot.outlet import DeliveryError
from bot.parcels import describe, waiting_on
from bot.people import Person, Place
from kaizen.app import App
from kaizen.server import Server
from storage.outbox import DROPPED, PARKED, PENDING
from tests.admin import kaizen
from tests.conftest import START, AppOpener
from tests.conversation import Chat, FlakyOutlet, RuntimeSurface
from tests.processes import free_port

pytestmark = pytest.mark.both_databases


async def _refused_idea(app: App) -> Chat:
    outlet = FlakyOutlet("C1", DeliveryError("not_in_channel", permanent=True))
    chat = Chat(app.runtime(outlet, "test"), outlet, workspace="T1")
    await chat.say("kaizen The label printer jams every morning")
    chat.expect_private("I couldn't post your idea #1")
    return chat


async def _states(app: App) -> dict[int, str]:
    async with app.database.reading() as store:
        return {s.id: s.state for s in await store.outbox.stuck(START, None)}


async def test_list_shows_each_parked_post_with_what_it_is_and_why(
    open_apps: AppOpener, database_url: str, tmp_path: Path
) -> None:
    app = await open_apps()
    empty = await kaizen(database_url, tmp_path, "outbox")
    assert empty.code == 0 and empty.out.startswith("Nothing is stuck in the outbox")

    await _refused_idea(app)
    listed = await kaizen(database_url, tmp_path, "outbox")
    assert listed.code == 0, listed.err
    header, card, *_ = listed.out.splitlines()
    assert header.split() == [
        "ID", "STATE", "WORKSPACE", "CONVERSATION", "WHAT", "TRIES", "SINCE", "ERROR"
    ]  # fmt: skip
    assert card.split()[:7] == ["1", "parked", "T1", "C1", "idea", "#1", "card"]
    assert card.endswith("not_in_channel") and "2026-03-02 08:30 UTC" in card
    assert "1 parked, 0 pending over 10 minutes" in listed.out


async def test_a_post_waiting_too_long_is_listed_as_pending(
    open_apps: AppOpener, database_url: str, tmp_path: Path
) -> None:
    """Stored at the frozen clock's time, months ago: long past the ten minutes."""
    app = await open_apps()
    async with app.database.transaction() as store:
        await store.ensure_workspace("T1", "test", START)
        await store.outbox.add("T1", "test", [Post("C9", Text.of("Weekly digest"))], START)
    listed = await kaizen(database_url, tmp_path, "outbox", "list", "--workspace", "T1")
    assert "pending" in listed.out and "post: \u201cWeekly digest\u201d" in listed.out
    assert "waiting" in listed.out
    other = await kaizen(database_url, tmp_path, "outbox", "list", "--workspace", "T2")
    assert other.out.startswith("Nothing is stuck")


async def test_retry_and_drop_refuse_unknown_or_delivered_ids_in_one_line(
    open_apps: AppOpener, database_url: str, tmp_path: Path
) -> None:
    app = await open_apps()
    await _refused_idea(app)  # 1 the card (parked), 2 its why (sent privately)
    for args, said in (
        (("retry", "99"), "kaizen: There is no post 99 in the outbox;"),
        (("drop", "99", "--yes"), "kaizen: There is no post 99 in the outbox;"),
        (("retry", "2"), "kaizen: Post 2 (why #1 of idea #1) was delivered already."),
        (("retry",), "kaizen: Which posts? Give their ids, or --all"),
        (("retry", "1", "--all"), "kaizen: Which posts?"),
        (("drop", "1"), "kaizen: Dropping posts is for good: add --yes"),
        (("retry", "one"), "'one' is not a post id"),
    ):
        ran = await kaizen(database_url, tmp_path, "outbox", *args)
        assert ran.code == 2, (args, ran.out, ran.err)
        assert said in ran.err and "Traceback" not in ran.err, (args, ran.err)
    listing = await kaizen(database_url, tmp_path, "outbox", "retry")
    assert "Parked now:\n  1  idea #1 card  (not_in_channel)" in listing.err
    assert await _states(app) == {1: PARKED}


async def test_drop_keeps_the_post_marked_dropped_and_healthz_is_ok_again(
    open_apps: AppOpener, database_url: str, tmp_path: Path
) -> None:
    app = await open_apps()
    chat = await _refused_idea(app)
    server = Server(app, [RuntimeSurface(chat.runtime)], "127.0.0.1", free_port())
    await server.start()
    try:
        health = await _health(server)
        assert health["status"] == "degraded" and health["outbox"]["parked"] == 1
        assert health["problems"] == ["1 post(s) parked: the platform would not take them"]

        dropped = await kaizen(database_url, tmp_path, "outbox", "drop", "--all", "--yes")
        assert dropped.code == 0, dropped.err
        assert "Dropped 1 post(s):\n  1  idea #1 card" in dropped.out
        async with app.database.reading() as store:
            (row,) = await store.outbox.parcels([1])
        assert row.state == DROPPED and row.error == "not_in_channel"  # kept, for the record
        health = await _health(server)
        assert health["status"] == "ok" and health["problems"] == []

        undone = await kaizen(database_url, tmp_path, "outbox", "retry", "1")
        assert undone.code == 0 and "Sending again 1 post(s):\n  1  idea #1 card" in undone.out
        async with app.database.reading() as store:
            (row,) = await store.outbox.parcels([1])
        assert (row.state, row.attempts) == (PENDING, 0)
    finally:
        await server.stop()


async def test_retry_sends_the_card_and_the_updates_that_waited_on_it_in_order(
    open_apps: AppOpener, database_url: str, tmp_path: Path, clock: FrozenClock
) -> None:
    app = await open_apps()
    chat = await _refused_idea(app)
    await chat.direct("The rollers are dusty")
    chat.expect_private("Why #2 of idea #1:")
    await chat.direct("root cause")
    chat.expect_private("Root cause found for idea #1")
    assert await _states(app) == {1: PARKED, 5: PARKED}  # the card, and its update to Plan

    assert isinstance(chat.outlet, FlakyOutlet)
    chat.outlet.refusing = ""
    retried = await kaizen(database_url, tmp_path, "outbox", "retry", "1")
    assert retried.code == 0, retried.err
    assert "1  idea #1 card\n  5  update of idea #1 card" in retried.out
    clock.advance(SystemClock().now() - clock.now())  # the command dates it by the wall clock
    await chat.runtime.courier.flush()
    chat.expect_post("Kaizen idea #1 \u00b7 Clarifying")
    chat.expect_update("Kaizen idea #1 \u00b7 Plan")
    chat.expect_nothing()
    assert await _states(app) == {}


def test_parcels_are_named_as_people_know_them() -> None:
    alice = Person("U123", "alice")
    why = Text.of("Why #1: Why does it jam?\nReply in this thread to answer.")
    echoed = Text.of("@alice answered Why #1: dust\nWhy #2: Why is there dust?")
    assert describe(Post("C1", Text.of("card"), key="idea:9")) == "idea #9 card"
    assert describe(Reply("idea:9", why)) == "why #1 of idea #9"
    assert describe(Reply("idea:9", echoed)) == "why #2 of idea #9"
    assert (
        describe(Reply("kudos:3", Text.of("Thanks!")))
        == "reply to kudos #3 card: \u201cThanks!\u201d"
    )
    assert describe(PrivateReply(alice, Place("C1"), why)) == "private answer to U123"
    assert describe(Update("standup:4", why)) == "update of stand-up #4 prompt"
    assert describe(None).startswith("(an older kind of post")


def test_only_what_needed_the_card_waits_on_it() -> None:
    def parked(parcel_id: int, action: Post | Reply | Update, workspace: str = "T1") -> Stuck:
        return Stuck(parcel_id, workspace, "slack", action, PARKED, 1, "x", START, START, None)

    card = parked(1, Post("C1", Text.of("card"), key="idea:1"))
    update = parked(3, Update("idea:1", Text.of("card")))
    elsewhere = parked(4, Update("idea:1", Text.of("card")), workspace="T2")
    other = parked(5, Update("idea:2", Text.of("card")))
    reply = parked(6, Reply("idea:1", Text.of("Welcome")))
    everything = [card, update, elsewhere, other, reply]
    assert waiting_on([card], everything) == [update, reply]
    assert waiting_on([update], everything) == []


async def _health(server: Server) -> dict[str, Any]:
    async with (
        aiohttp.ClientSession() as http,
        http.get(f"http://127.0.0.1:{server.port}/healthz") as response,
    ):
        body: dict[str, Any] = await response.json()
        return body
