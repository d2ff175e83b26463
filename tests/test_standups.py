"""A stand-up day in a channel: prompt, answers, one reminder, the summary, blockers."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.clock import FrozenClock
from bot.people import Person
from bot.settings import Settings, Standup
from tests.conftest import AppOpener, ChatFactory
from tests.conversation import Chat
from tests.terminal_session import TerminalSession

pytestmark = pytest.mark.both_databases

DAILY = Standup(
    channel="C1", time="09:15", remind_after=timedelta(hours=1), close_after=timedelta(hours=2)
)
TEAM = [Person(n, n) for n in ("alice", "bob", "carol", "dave")] + [
    Person("kaizen", "kaizen", is_bot=True)
]


async def standup_chat(new_chat: ChatFactory) -> Chat:
    chat = await new_chat(Settings(standups=(DAILY,)))
    chat.outlet.channel_members = TEAM
    return chat


async def test_a_stand_up_day_from_prompt_to_summary(
    new_chat: ChatFactory, clock: FrozenClock
) -> None:
    chat = await standup_chat(new_chat)
    await chat.say("kaizen standup")
    prompt = chat.expect_post("Stand-up \u00b7 2026-03-02")
    assert "1. What did you get done yesterday?" in prompt.text
    assert "3. Is anything blocking you?" in prompt.text

    await chat.say("1. Relabelled aisle 4\n2. Scanner batteries\n3. Waiting for the label stock")
    chat.expect_private("Blocker noted: Waiting for the label stock", to="alice")
    chat.as_("bob")
    await chat.say("Cycle count\nPick list layout\nnone\nno")
    reply = chat.expect_private("Thanks, your stand-up is in.", to="bob")
    assert "Blocker" not in reply.text
    chat.as_("alice")
    await chat.say("1. Relabelled aisle 4\n2. Scanners\n3. The forklift charger is broken")
    chat.expect_private("Blocker noted: The forklift charger is broken")
    chat.as_("carol")
    await chat.say("kaizen standup away until 2026-03-06")
    chat.expect_private("no stand-up reminders for you until 2026-03-06")

    clock.advance(timedelta(minutes=59))
    await chat.tick()
    chat.expect_nothing()
    clock.advance(timedelta(minutes=2))
    await chat.tick()
    reminder = chat.expect_private("A gentle reminder: today's stand-up in #C1", to="dave")
    assert reminder.channel == "C1"
    chat.expect_nothing()  # alice and bob answered, carol is away, the bot is a bot
    await chat.tick()
    chat.expect_nothing()  # one reminder, then quiet

    clock.advance(timedelta(hours=1))
    await chat.tick()
    summary = chat.expect_thread("Stand-up summary \u00b7 2026-03-02")
    assert "2 answered: @alice and @bob. Thank you!" in summary.text
    assert "1. @alice: The forklift charger is broken" in summary.text
    assert "dave" not in summary.text and "carol" not in summary.text
    assert [b.label for b in summary.buttons] == ["Make 1 a Kaizen idea"]
    await chat.tick()
    chat.expect_nothing()

    chat.as_("bob")
    await chat.say("a late answer")
    chat.expect_private("This stand-up is closed")


async def test_a_blocker_becomes_an_idea_with_its_whys(
    new_chat: ChatFactory, clock: FrozenClock
) -> None:
    chat = await standup_chat(new_chat)
    await chat.say("kaizen standup")
    chat.skip_to("post", "Stand-up \u00b7 2026-03-02")
    await chat.say("done\ndoing\nThe label printer jams every morning\n-")
    chat.skip_to("private", "Blocker noted: The label printer jams", to="alice")
    clock.advance(timedelta(hours=2))
    await chat.tick()
    chat.expect_thread("Stand-up summary")  # straight to the summary: no reminder round
    chat.as_("lead")
    await chat.press("Make 1 a Kaizen idea")
    chat.expect_post("Kaizen idea #1")
    chat.expect_thread("Why #1: Why does the label printer jam every morning?")
    update = chat.expect_update("Stand-up summary")
    assert "(now idea #1)" in update.text and update.buttons == []

    chat.as_("alice")
    await chat.say("The rollers are dusty")  # alice had the blocker; she is invited to answer
    chat.expect_thread("Why #2: Why are the rollers dusty?")
    chat.as_("lead")
    await chat.say("kaizen list")
    assert "#1 \u00b7 Clarifying \u00b7 The label printer jams" in chat.expect_private().text


async def test_an_answer_too_long_for_the_summary_is_sent_back_privately(
    new_chat: ChatFactory,
) -> None:
    chat = await standup_chat(new_chat)
    await chat.say("kaizen standup")
    chat.skip_to("post", "Stand-up \u00b7 2026-03-02")
    await chat.say("done\ndoing\n" + "waiting for the label stock " * 120)
    said = chat.expect_private().text
    assert "That answer is 3370 characters" in said and "keep it under 3000" in said
    await chat.say("done\ndoing\nwaiting for the label stock")
    assert "Thanks, your stand-up is in." in chat.expect_private().text


async def test_a_blocker_three_stand_ups_in_a_row_is_flagged(
    new_chat: ChatFactory, clock: FrozenClock
) -> None:
    chat = await standup_chat(new_chat)
    blockers = [
        "Still waiting for the label stock",
        "waiting on label stock from the supplier",
        "Label stock still not delivered, waiting",
    ]
    for day, blocker in enumerate(blockers):
        await chat.say("kaizen standup")
        await chat.say(f"done\ndoing\n{blocker}")
        clock.advance(timedelta(hours=3))
        await chat.tick()
        summary = [s for s in chat.outlet.said if s.text.startswith("Stand-up summary")][-1]
        flagged = "third stand-up in a row: a candidate for a Kaizen idea" in summary.text
        assert flagged is (day == 2), summary.text
        clock.advance(timedelta(hours=21))


async def test_kaizen_standup_posts_once_a_day_per_channel_and_lists_the_next_runs(
    new_chat: ChatFactory,
) -> None:
    chat = await new_chat(
        Settings(
            timezone="Europe/Berlin",
            standups=(
                Standup(channel="C1", time="09:15"),
                Standup(channel="C-ny", time="09:30", timezone="America/New_York", days=("mon",)),
            ),
        )
    )
    await chat.say("kaizen standup")
    chat.expect_post("Stand-up")
    await chat.say("kaizen standup")
    chat.expect_private("Today's stand-up is already posted here")
    chat.channel = "C-adhoc"
    await chat.say("kaizen standup")
    assert chat.expect_post("Stand-up").channel == "C-adhoc"
    await chat.say("kaizen standup list")
    listing = chat.expect_private()
    assert (
        "C1@09:15: 09:15 mon,tue,wed,thu,fri (Europe/Berlin) in C1; next: Tue 03 Mar 09:15 CET"
        in (listing.text)
    )
    assert "next: Mon 02 Mar 09:30 EST" in listing.text


async def test_on_the_terminal_the_line_after_the_prompt_answers_it(
    open_apps: AppOpener, clock: FrozenClock
) -> None:
    app = await open_apps(Settings(standups=(Standup(channel="terminal", time="09:15"),)))
    term = TerminalSession(app)
    assert "kaizen: Stand-up \u00b7 2026-03-02" in await term.say("kaizen standup")
    out = await term.say("1. relabelled 2. scanners 3. waiting for the label stock")
    assert out == (
        "  (only alice) Thanks, your stand-up is in. Blocker noted: waiting for the "
        "label stock. Reply again to change it."
    )
    clock.advance(timedelta(hours=5))
    out = await term.tick()
    assert "Stand-up summary" in out and "1. @alice: waiting for the label stock" in out
    assert "[1] Make 1 a Kaizen idea" in out
    out = await term.say("/press 1", as_="lead")
    assert "kaizen: Kaizen idea #1" in out and "Why #1" in out
