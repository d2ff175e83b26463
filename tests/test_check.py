"""Check against the prediction (issue 18): at the plan's check date the owner is asked;
held goes on to Act, partly or not back to Plan with the learning, thanked all the same."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from bot.clock import FrozenClock
from bot.events import Command
from bot.metrics.export import idea_json, idea_rows
from bot.people import Place
from bot.settings import Settings
from tests.conftest import ChatFactory
from tests.conversation import Chat

pytestmark = pytest.mark.both_databases


async def _in_do(chat: Chat) -> None:
    await chat.say("kaizen The label printer jams every morning")
    chat.skip_to("thread", "Why #1")
    await chat.say("root cause: cleaning the rollers is not on the checklist")
    chat.skip_to("update", "\u00b7 Plan")
    await chat.say(
        "Add roller cleaning to the start-up checklist, owner @bob, expect jams under 1 a "
        "week, measure jams per week, check in 2 weeks",
        mentions=("bob",),
    )
    chat.skip_to("update", "\u00b7 Plan")
    await chat.say("kaizen move 1 do")
    chat.skip_to("update", "\u00b7 Do")
    chat.catch_up()


async def test_at_the_check_date_the_owner_is_asked_and_a_miss_goes_back_to_plan(
    chat: Chat, clock: FrozenClock
) -> None:
    await _in_do(chat)
    clock.advance(timedelta(days=13))
    await chat.tick()
    chat.expect_nothing()
    clock.advance(timedelta(days=1, hours=1))
    await chat.tick()
    asked = chat.expect_private("Time to check idea #1", to="bob")
    assert "We expect: jams under 1 a week" in asked.text
    assert [b.label for b in asked.buttons] == ["Held", "Partly", "Did not hold"]
    await chat.tick()
    chat.expect_nothing()  # asked once

    chat.as_("bob")
    await chat.say("kaizen check 1 partly 3 jams a week; learned the night shift skips the list")
    chat.expect_update("Kaizen idea #1 \u00b7 Plan")
    said = chat.expect_thread("Idea #1 was checked: it partly held.")
    assert "We expected jams under 1 a week; we saw 3 jams a week." in said.text
    assert "What we learned: the night shift skips the list." in said.text
    assert "Thank you, @bob" in said.text and "still taught us something" in said.text

    chat.expect_private("bob checked your idea #1: it partly held. It is at Plan now.", to="alice")
    await chat.say("kaizen show 1")
    story = chat.skip_to("private", "Kaizen idea #1 \u00b7 Plan", to="bob")
    assert "Last check: partly held" in story.text
    assert "Learned: the night shift skips the list" in story.text
    stages = story.text.split("Stages: ")[1]
    assert [part.split()[0] for part in stages.split(" \u2192 ")][-3:] == ["Do", "Check", "Plan"]


async def test_a_check_that_held_goes_on_to_act(chat: Chat, clock: FrozenClock) -> None:
    await _in_do(chat)
    chat.as_("bob")
    await chat.say("kaizen check 1 held no jams in two weeks")
    chat.expect_update("Kaizen idea #1 \u00b7 Act")
    said = chat.expect_thread("Idea #1 was checked: it held.")
    assert "we saw no jams in two weeks" in said.text and "make it the standard" in said.text


async def test_the_check_buttons_open_a_form(chat: Chat, clock: FrozenClock) -> None:
    await _in_do(chat)
    clock.advance(timedelta(days=14, hours=1))
    await chat.tick()
    chat.expect_private("Time to check idea #1", to="bob")
    chat.as_("bob")
    await chat.press("Did not hold")
    form = chat.expect_form()
    assert "We expected: jams under 1 a week" in str(form)
    await chat.submit(form, result="not", observed="5 jams a week", learning="")
    chat.expect_update("Kaizen idea #1 \u00b7 Plan")
    chat.expect_thread("Idea #1 was checked: it did not hold. We expected")
    chat.skip_to("private", "What did we learn from idea #1's experiment?", to="bob")


async def test_a_check_is_for_an_idea_in_do_by_its_people(chat: Chat) -> None:
    await chat.say("kaizen The label printer jams every morning")
    chat.catch_up()
    await chat.say("kaizen check 1 held")
    chat.expect_private("an experiment is checked in Do", to="alice")
    chat.as_("carol")
    await chat.say("kaizen check 1 held")
    chat.expect_private("Only the author of idea #1", to="carol")


async def test_done_is_earned_and_thanks_name_everyone_who_carried_it(chat: Chat) -> None:
    await _in_do(chat)
    chat.as_("bob")
    await chat.say("kaizen check 1 held no jams in two weeks")
    await chat.say("kaizen move 1 done")
    thanks = [s.text for s in chat.outlet.said if s.text.startswith("Idea #1 is done!")]
    assert len(thanks) == 1
    assert "Thank you @alice for raising it, @bob for carrying it through." in thanks[0]
    assert "What changed: Add roller cleaning to the start-up checklist" in thanks[0]


async def test_an_idea_with_no_countermeasure_asks_what_changed_before_done(chat: Chat) -> None:
    await chat.say("kaizen The scanner battery dies at noon")
    chat.catch_up()
    await chat.say("kaizen move 1 done")
    chat.expect_private("Before idea #1 is done: what changed?", to="alice")
    chat.expect_nothing()
    await chat.say("kaizen move 1 act")
    chat.catch_up()
    await chat.press("Mark done")
    form = chat.expect_form()
    await chat.submit(form, changed="Spare batteries charge on the dock at lunch")
    chat.expect_update("Kaizen idea #1 \u00b7 Done")
    thanks = [s.text for s in chat.outlet.said if s.text.startswith("Idea #1 is done!")]
    assert "What changed: Spare batteries charge on the dock at lunch" in thanks[0]
    assert "What changed: The scanner battery" not in thanks[0]


async def test_act_makes_it_the_standard_and_spreads_it_to_another_channel(chat: Chat) -> None:
    await _in_do(chat)
    chat.as_("bob")
    await chat.say("kaizen check 1 held no jams in two weeks")
    chat.skip_to("thread", "Idea #1 was checked: it held.")
    prompt = chat.skip_to("private", "Idea #1 is at Act: make it stick.", to="bob")
    assert "`kaizen spread 1`" in prompt.text
    await chat.say("kaizen standard 1 Roller cleaning is step 3 of the start-up checklist")
    chat.expect_thread("Idea #1's new standard: Roller cleaning is step 3")
    chat.expect_update("Standard: Roller cleaning is step 3")

    chat.channel, chat.thread = "C-PACKING", None
    await chat.say("kaizen spread 1")
    card = chat.expect_post("Kaizen idea #2 \u00b7 Plan")
    assert card.channel == "C-PACKING" and "Spread from: idea #1" in card.text
    assert "Countermeasure: Add roller cleaning to the start-up checklist" in card.text
    chat.expect_thread("A linked copy of idea #1, which worked in another channel")
    spreading = chat.expect_thread("Idea #1 is spreading: idea #2 is a linked copy in")
    assert spreading.channel == "C1"
    await chat.say("kaizen spread 1")
    chat.expect_private("Idea #1 already has a copy here: idea #2.", to="bob")
    await chat.say("kaizen show 1")
    story = chat.expect_private("Kaizen idea #1 \u00b7 Act", to="bob")
    assert "Spread to idea #2 in #C-PACKING" in story.text
    assert "held: saw no jams in two weeks" in story.text
    assert "Standard: Roller cleaning is step 3" in story.text


async def test_the_json_export_carries_the_whole_record(chat: Chat) -> None:
    await _in_do(chat)
    chat.as_("bob")
    await chat.say("kaizen check 1 partly 3 jams a week; learned the night shift skips the list")
    chat.catch_up()
    async with chat.runtime.engine.database.reading() as store:
        (idea,) = json.loads(await idea_json(store, chat.workspace))["ideas"]
    assert idea["whys"] == [
        {
            "position": 1,
            "question": "Why does the label printer jam every morning?",
            "answer": "cleaning the rollers is not on the checklist",
        }
    ]
    (check,) = idea["checks"]
    assert check["result"] == "partly" and check["observed"] == "3 jams a week"
    assert check["learning"] == "the night shift skips the list"
    assert check["prediction"] == "jams under 1 a week"
    assert idea["check_result"] == "partly" and idea["learning"] == check["learning"]


async def test_impact_when_done_is_asked_recorded_and_added_up(
    chat: Chat, clock: FrozenClock
) -> None:
    await _in_do(chat)
    chat.as_("bob")
    await chat.say("kaizen check 1 held no jams in two weeks")
    chat.catch_up()
    await chat.say("kaizen move 1 done")
    asked = chat.skip_to("private", "What was idea #1's impact?", to="bob")
    assert "safety, quality, delivery, cost, people" in asked.text
    await chat.say("kaizen impact 1 quality, saves 200 EUR and 3 hours a month, fewer reprints")
    said = chat.skip_to("thread", "Impact of idea #1: quality")
    assert "saves 200 EUR and 3 hours a month \u00b7 fewer reprints" in said.text
    chat.expect_update("Impact: quality, saves 3 hours a month")
    clock.advance(timedelta(hours=1))
    await chat.say("kaizen stats month")
    numbers = chat.expect_private("Kaizen numbers", to="bob")
    assert "Impact of ideas done: quality 1; together they save 200 EUR and 3 hours a month." in (
        numbers.text
    )
    await chat.say("kaizen impact 1 saves lots")
    chat.expect_thread("Impact of idea #1: quality")  # the category stays; a note is added
    async with chat.runtime.engine.database.reading() as store:
        (row,) = await idea_rows(store, chat.workspace)
    assert (row["impact_category"], row["savings_money"], row["savings_hours"]) == (
        "quality",
        200.0,
        3.0,
    )


async def test_impact_needs_a_known_category(chat: Chat) -> None:
    await _in_do(chat)
    await chat.say("kaizen impact 1 saves 3 hours a month")
    chat.expect_private("Which category? One of: safety, quality", to="alice")


async def test_the_author_withdraws_an_idea_within_a_day(chat: Chat, clock: FrozenClock) -> None:
    await chat.say("kaizen The label printer jams every morning")
    await chat.say("The rollers are dusty")
    await chat.say("kaizen Typo in the last idea, sorry")
    chat.catch_up()
    chat.as_("bob")
    await chat.say("kaizen withdraw 2")
    chat.expect_private("Only the author of idea #2 can withdraw it.", to="bob")
    chat.as_("alice")
    await chat.say("kaizen withdraw 1")
    card = chat.expect_update("Withdrawn by its author")
    assert "label printer" not in card.text
    chat.expect_private("Idea #1 is withdrawn", to="alice")
    await chat.say("kaizen show 1")
    chat.expect_private("There is no idea #1 here", to="alice")
    clock.advance(timedelta(hours=1))
    await chat.say("kaizen stats month")
    assert "1 given" in chat.expect_private("Kaizen numbers").text  # idea #2 only
    await chat.say("kaizen Another idea about the labels")
    assert "Kaizen idea #3" in chat.skip_to("post", "Kaizen idea #3").text  # #1 not reused
    chat.catch_up()
    clock.advance(timedelta(days=1))
    await chat.say("kaizen withdraw 2")
    chat.expect_private("more than a day ago", to="alice")


async def test_the_stats_split_the_impact_by_path_when_both_have_ideas(
    new_chat: ChatFactory, clock: FrozenClock
) -> None:
    chat = await new_chat(Settings(strategic_goals=("Zero lost-time accidents",)))
    await chat.say("kaizen The label printer jams every morning")
    await chat.say("kaizen Cut the changeover time of line 2 by half")
    chat.catch_up()
    await chat.say("kaizen strategic 2 zero lost-time")
    await chat.say("kaizen move 1 done Roller cleaning is on the checklist")
    await chat.say("kaizen impact 1 quality, saves 2 hours a month")
    await chat.say("kaizen move 2 done The changeover cart is ready the shift before")
    await chat.say("kaizen impact 2 delivery, saves 500 EUR a month")
    clock.advance(timedelta(hours=1))
    chat.catch_up()
    await chat.say("kaizen stats month")
    numbers = chat.expect_private("Kaizen numbers").text
    assert "Impact of ideas done: delivery 1, quality 1; together they save 500 EUR and 2" in (
        numbers
    )
    assert "Operational impact: quality 1; together they save 2 hours a month." in numbers
    assert "Strategic impact: delivery 1; together they save 500 EUR a month." in numbers


async def test_spread_in_one_click_to_a_channel_the_bot_knows(
    chat: Chat, new_chat: ChatFactory
) -> None:
    await _in_do(chat)
    packing = await new_chat(Settings(), channel="C-PACKING")
    await packing.say("kaizen Cartons arrive crushed from the second supplier")
    chat.as_("bob")
    await chat.say("kaizen check 1 held no jams in two weeks")
    chat.skip_to("private", "Idea #1 is at Act", to="bob")
    await chat.press("Spread to another channel")
    form = chat.expect_form()
    assert "#C-PACKING" in str(form) and "#C1" not in str(form)
    await chat.submit(form, channel="C-PACKING")
    copy = chat.skip_to("post", "Kaizen idea #3 \u00b7 Plan")
    assert copy.channel == "C-PACKING" and "Spread from: idea #1" in copy.text


async def test_spread_said_in_a_direct_chat_asks_where(chat: Chat) -> None:
    await _in_do(chat)
    said = Command(
        workspace=chat.workspace,
        person=chat.person,
        place=Place("D-alice", direct=True),
        name="kaizen",
        text="spread 1",
    )
    await chat.runtime.receive(said)
    form = chat.skip_to("form", "Spread idea #1")
    assert form.form is not None and form.form.form.fields[0].kind == "channel"
