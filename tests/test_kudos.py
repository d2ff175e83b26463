"""Kudos on the terminal surface: every rule, as people meet it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.clock import FrozenClock
from bot.settings import Kudos, Roundup, Settings
from tests.conftest import AppOpener
from tests.terminal_session import TerminalSession

pytestmark = pytest.mark.both_databases

ADMINS = ("carol", "lead")


@pytest.fixture
async def term(open_apps: AppOpener) -> TerminalSession:
    return TerminalSession(await open_apps(Settings(admins=ADMINS)))


async def session(open_apps: AppOpener, **kudos: object) -> TerminalSession:
    return TerminalSession(await open_apps(Settings(kudos=Kudos(**kudos), admins=ADMINS)))


async def test_kudos_are_posted_with_giver_receivers_reason_and_value(
    term: TerminalSession,
) -> None:
    out = await term.say("kudos @bob and @carol for sorting the returns shelf #teamwork")
    assert "kaizen: Kudos!" in out
    assert "@alice recognised @bob and @carol" in out
    assert "\u201cfor sorting the returns shelf\u201d" in out
    assert "Value: Teamwork" in out
    assert "(only alice) Your kudos to @bob and @carol is posted. You have 3 left today." in out


async def test_values_are_matched_loosely_and_unknown_tags_stay_in_the_reason(
    term: TerminalSession,
) -> None:
    assert "Value: Customer First" in await term.say(
        "kudos @bob for calling the client back #Customer-First"
    )
    out = await term.say("kudos @bob for the cake on Friday #friday")
    assert "\u201cfor the cake on Friday #friday\u201d" in out and "Value:" not in out


async def test_a_required_value_is_asked_for_with_the_list(open_apps: AppOpener) -> None:
    term = await session(open_apps, require_value=True, values=("safety", "teamwork"))
    out = await term.say("kudos @bob for clearing the fire exit")
    assert out.startswith("  (only alice) Add one of our values: #safety, #teamwork.")
    out = await term.say("kudos @bob for clearing the fire exit #speed")
    assert "(only alice) #speed is not one of our values: #safety, #teamwork." in out
    assert "Kudos!" in await term.say("kudos @bob for clearing the fire exit #safety")


async def test_no_kudos_to_yourself_or_to_the_bot(term: TerminalSession) -> None:
    out = await term.say("kudos @alice for being brilliant")
    assert out.startswith("  (only alice) Kudos are for others: you cannot give them to yourself.")
    out = await term.say("kudos @kaizen for the reminders")
    assert "(only alice) Kudos are for people; @kaizen is a bot." in out
    out = await term.say("kudos @here for a great week")
    assert "(only alice) Kudos are for people by name, not for @here" in out
    assert "Kudos!" not in await term.say("kudos top")


async def test_a_reason_is_required(open_apps: AppOpener) -> None:
    term = await session(open_apps, min_reason_length=15)
    assert "(only alice) /kudos @person [@person ...] what they did" in await term.say("kudos")
    assert "(only alice) Who are the kudos for?" in await term.say("kudos thanks everyone")
    out = await term.say("kudos @bob thanks")
    assert "(only alice) Say what they did, in at least 15 characters" in out
    out = await term.say("kudos @bob for " + "sorting the returns shelf, " * 40)
    assert "(only alice) That reason is 1083 characters;" in out and "keep it under 500" in out


async def test_six_kudos_in_a_day_post_five_and_refuse_the_sixth(term: TerminalSession) -> None:
    posted = 0
    for name in ("bob", "carol", "dan", "erin", "femi", "gus"):
        out = await term.say(f"kudos @{name} for helping with the stock count")
        posted += out.count("kaizen: Kudos!")
    assert posted == 5
    assert "(only alice) You have given all 5 of today's kudos; more come at midnight (UTC)." in out


async def test_the_limit_counts_each_person_and_starts_over_at_the_givers_midnight(
    open_apps: AppOpener, clock: FrozenClock
) -> None:
    clock.set(datetime(2026, 3, 2, 22, 50, tzinfo=UTC))  # 23:50 in Berlin
    term = TerminalSession(await open_apps(Settings(timezone="Europe/Berlin")))
    assert "Kudos!" in await term.say("kudos @bob @carol @dan for the night shift handover")
    out = await term.say("kudos @erin @femi @gus for the night shift handover")
    assert "(only alice) You have 2 kudos left today and this gives 3." in out
    clock.advance(timedelta(minutes=11))  # 00:01 in Berlin, still 23:01 UTC
    assert "You have 2 left today" in await term.say("kudos @erin @femi @gus for the handover")


async def test_criticism_dressed_as_praise_is_not_posted(term: TerminalSession) -> None:
    for reason in (
        "for finally being on time",
        "for not being lazy today",
        "for the report, not bad for a newbie",
        "because John forgot and you fixed it",
    ):
        out = await term.say(f"kudos @bob {reason}")
        assert "Kudos!" not in out
        assert "(only alice) I did not post that: kudos are public" in out
        assert "give the rest as feedback in private" in out


async def test_a_reaction_gives_kudos_for_the_message_and_taking_it_back_withdraws_it(
    term: TerminalSession,
) -> None:
    await term.say("I rebuilt the pick list so it follows the aisles", as_="bob")
    await term.say("/as alice")
    out = await term.say("/react :clap:")
    assert "@alice recognised @bob" in out and "\u201cfor their message\u201d" in out
    assert "(only alice) Your kudos to @bob is posted. You have 4 left today." in out
    assert await term.say("/react :tada:") == ""  # not the kudos emoji
    out = await term.say("/unreact :clap:")
    assert "(a message was taken back)" in out
    assert "(only alice) You took back your kudos to @bob; it no longer counts." in out
    assert "You have 4 left today" in await term.say("kudos @carol for the pallet labels")


async def test_a_reaction_needs_someone_elses_line(term: TerminalSession) -> None:
    await term.say("I fixed the scanner", as_="bob")
    assert "nobody else has said anything" in await term.say("/react clap")


async def test_a_done_idea_thanks_its_author_and_helpers_with_lead_time(
    term: TerminalSession, clock: FrozenClock
) -> None:
    await term.say("kaizen The label printer jams every morning")
    await term.say("kaizen invite 1 @bob")
    await term.say("The rollers are dusty", as_="bob")
    await term.say("root cause", as_="alice")
    await term.say("Add roller cleaning to the start-up checklist")
    clock.advance(timedelta(days=3, hours=4))
    await term.say("kaizen move 1 do", as_="carol")
    out = await term.say("kaizen move 1 done A checklist step now covers it")
    assert "kaizen: Idea #1 is done!" in out
    assert "Thank you @alice for raising it, and @bob and @carol for helping it along." in out
    assert "What changed: Add roller cleaning to the start-up checklist" in out
    assert "From idea to done in 3 days 4 hours." in out


async def test_an_anonymous_author_is_thanked_unnamed_unless_they_opt_in(
    term: TerminalSession,
) -> None:
    for anonymous_idea in (1, 2):
        await term.say("kaizen", as_="alice")
        for answer in ("The break room fridge is always full", "", "", "", "yes"):
            await term.say(answer)
        if anonymous_idea == 2:
            out = await term.say("kaizen credit-me 2")
            assert "the thank-you will name you" in out
    out = await term.say("kaizen move 1 done A checklist step now covers it", as_="lead")
    assert "Thank you to the teammate who raised it, and @lead for helping it along" in out
    assert "@alice" not in out
    out = await term.say("kaizen move 2 done A checklist step now covers it")
    assert "Thank you @alice for raising it" in out
    assert "Only the author" in await term.say("kaizen credit-me 2", as_="bob")
    too_late = await term.say("kaizen credit-me 1", as_="alice")
    assert "its thank-you was posted already, without a name" in too_late


async def test_the_leaderboard_is_private_and_anyone_can_leave_it(term: TerminalSession) -> None:
    await term.say("kudos @bob for the new pick list layout")
    await term.say("kudos @bob @carol for covering the late shift")
    await term.say("kudos @alice for the training notes", as_="dan")
    out = await term.say("kudos top", as_="erin")
    assert out.startswith("  (only erin) Kudos this week (since Mon 02 Mar)")
    assert "Most recognised:\n" in out and "1. @bob 2" in out
    assert "Most generous:" in out and "1. @alice 2" in out
    await term.say("kudos hide-me", as_="bob")
    out = await term.say("kudos top month", as_="erin")
    assert "@bob" not in out and "@carol 1" in out
    assert "off these lists" in await term.say("kudos top all", as_="bob")
    assert "back on the leaderboards" in await term.say("kudos show-me", as_="bob")
    assert "Top of which period?" in await term.say("kudos top decade")


async def test_the_weekly_roundup_celebrates_everyone_recognised_once(
    open_apps: AppOpener, clock: FrozenClock
) -> None:
    settings = Settings(
        kudos=Kudos(channel="recognition", roundup=Roundup(day="fri", time="15:00"))
    )
    term = TerminalSession(await open_apps(settings))
    await term.say("kudos @bob for the new pick list layout")
    await term.say("kudos @carol @dan for covering the late shift", as_="erin")
    await term.say("kudos hide-me", as_="dan")
    clock.set(datetime(2026, 3, 6, 14, 59, tzinfo=UTC))
    assert await term.tick() == ""
    clock.set(datetime(2026, 3, 6, 15, 1, tzinfo=UTC))
    out = await term.tick()
    assert "Recognition this week (2026-W10)" in out
    assert "3 people were recognised by 2 colleagues with 2 kudos" in out
    assert "@bob and @carol and 1 more" in out
    clock.advance(timedelta(minutes=5))
    assert await term.tick() == ""
