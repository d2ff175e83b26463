"""The 5-Whys dialogue, as people have it in an idea's thread."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.clock import FrozenClock
from bot.settings import FiveWhys, Pdca, Settings
from tests.conftest import ChatFactory
from tests.conversation import Chat

pytestmark = pytest.mark.both_databases

PRINTER_WHYS = [
    "The rollers are dusty",
    "Nobody cleans them",
    "Cleaning is not on the checklist",
    "The checklist was written before we had this printer",
    "Nobody owns the checklist",
]


async def test_five_answers_reach_the_root_cause_and_move_the_idea_to_plan(chat: Chat) -> None:
    await chat.say("kaizen The label printer jams every morning")
    chat.expect_post("Kaizen idea #1 \u00b7 Clarifying")
    chat.expect_thread("Why #1: Why does the label printer jam every morning?")

    await chat.say("The rollers are dusty")
    chat.expect_thread("Why #2: Why are the rollers dusty?")
    await chat.say("Nobody cleans them")
    chat.expect_thread("Why #3: Why does nobody clean them?")
    await chat.say("Cleaning is not on the checklist")
    offer = chat.expect_thread("a cause in a standard that the team can change")
    assert "If we fixed it, would the problem stop?" in offer.text
    assert "Why #4: Why is cleaning not on the checklist?" in offer.text
    assert [b.label for b in offer.buttons] == ["Yes, that's the root cause", "Keep asking"]
    await chat.say("The checklist was written before we had this printer")
    chat.expect_thread("Why #5: Why was the checklist written before we had this printer?")
    await chat.say("Nobody owns the checklist")
    chat.expect_thread("Why #6: Why does nobody own the checklist?")
    await chat.say("yes")

    summary = chat.expect_thread("Root cause found for idea #1")
    assert "Root cause: nobody owns the checklist" in summary.text
    assert "Problem: The label printer jams every morning" in summary.text
    assert (
        "Why #3: Why does nobody clean them? \u2192 Cleaning is not on the checklist"
        in summary.text
    )
    assert "What countermeasure" in summary.text
    assert "Kind of cause: a standard" in summary.text
    assert (
        "Read back: Nobody owns the checklist, and therefore the checklist was written before"
        in summary.text
    )
    assert "and therefore the label printer jams every morning." in summary.text
    chat.expect_update("Kaizen idea #1 \u00b7 Plan")
    chat.expect_nothing()

    await chat.say("kaizen show 1")
    story = chat.expect_private("Kaizen idea #1 \u00b7 Plan", to="alice")
    assert "Root cause: nobody owns the checklist" in story.text


async def test_the_next_reply_after_the_summary_is_the_countermeasure(chat: Chat) -> None:
    await chat.say("kaizen The label printer jams every morning")
    chat.skip_to("thread", "Why #1")
    for answer in PRINTER_WHYS:
        await chat.say(answer)
    await chat.say("yes")
    chat.skip_to("thread", "Root cause found for idea #1")
    chat.expect_update("\u00b7 Plan")

    await chat.say("done")
    chat.expect_private("What will you try first to remove the root cause", to="alice")
    await chat.say("Make the shift lead the owner of the checklist and review it monthly")
    plan = chat.expect_thread("Countermeasure for idea #1: Make the shift lead the owner")
    assert "Owner: @alice" in plan.text and "Check on: Mon 09 Mar 2026" in plan.text
    chat.expect_update("Countermeasure: Make the shift lead the owner")
    missing = chat.expect_private("To run idea #1 as an experiment, a plan says", to="alice")
    assert "what we expect to see if it works" in missing.text

    await chat.say("Thanks all")
    chat.expect_nothing()


async def test_a_stop_word_ends_the_dialogue_early(chat: Chat) -> None:
    await chat.say("kaizen Customers wait too long on the phone")
    chat.skip_to("thread", "Why #1")
    await chat.say("Only one person answers calls after noon")
    chat.expect_thread("Why #2")
    await chat.say("Root cause.")
    summary = chat.expect_thread("Root cause found for idea #1")
    assert "Root cause: only one person answers calls after noon" in summary.text
    assert "Why #2" not in summary.text
    chat.expect_update("\u00b7 Plan")


async def test_root_cause_colon_gives_the_last_answer_and_stops(chat: Chat) -> None:
    await chat.say("kaizen Customers wait too long on the phone")
    chat.skip_to("thread", "Why #1")
    await chat.say("root cause: the lunch rota leaves one person on the phones")
    summary = chat.expect_thread("Root cause found")
    assert "Root cause: the lunch rota leaves one person on the phones" in summary.text


async def test_done_before_any_answer_is_refused_privately(chat: Chat) -> None:
    await chat.say("kaizen Customers wait too long on the phone")
    chat.skip_to("thread", "Why #1")
    await chat.say("done")
    chat.expect_private("Answer Why #1 of idea #1 first", to="alice")
    await chat.say("Only one person answers calls after noon")
    chat.expect_thread("Why #2")


async def test_the_root_cause_button_sums_up_with_the_last_answer(chat: Chat) -> None:
    await chat.say("kaizen The label printer jams every morning")
    chat.skip_to("thread", "Why #1")
    await chat.say("The rollers are dusty")
    chat.expect_thread("Why #2")
    await chat.press("That's the root cause")
    summary = chat.expect_thread("Root cause found for idea #1")
    assert "Root cause: the rollers are dusty" in summary.text
    update = chat.expect_update("\u00b7 Plan")
    assert "That's the root cause" not in [b.label for b in update.buttons]


async def test_depth_comes_from_the_settings(new_chat: ChatFactory) -> None:
    chat = await new_chat(Settings(five_whys=FiveWhys(depth=3)))
    await chat.say("kaizen The label printer jams every morning")
    chat.expect_post()
    chat.expect_thread("Why #1")
    for answer in ["The rollers are dusty", "Dust sticks to them", "The paper sheds dust"]:
        await chat.say(answer)
    chat.expect_thread("Why #2")
    chat.expect_thread("Why #3")
    chat.expect_thread("Why #4")
    await chat.say("The supplier changed the paper")
    chat.expect_thread("Why #5")
    await chat.say("Their paper is cheaper")
    summary = chat.expect_thread("Root cause found")
    assert "We asked 5 whys without reaching something in the work" in summary.text
    assert "Root cause: their paper is cheaper" in summary.text


async def test_blaming_a_person_gets_private_coaching_and_does_not_count(chat: Chat) -> None:
    await chat.say("kaizen The label printer jams every morning")
    chat.skip_to("thread", "Why #1")
    await chat.say("The rollers are dusty")
    chat.expect_thread("Why #2: Why are the rollers dusty?")

    await chat.say("John forgot to clean them")
    coaching = chat.expect_private("look past the person to the work", to="alice")
    assert "Why #2" in coaching.text
    chat.expect_nothing()

    await chat.say("Operator error")
    chat.expect_private("the way the work is set up", to="alice")

    await chat.say("Nobody cleans them")
    chat.expect_thread("Why #3: Why does nobody clean them?")

    await chat.say("kaizen show 1")
    story = chat.expect_private("Kaizen idea #1")
    assert "John" not in story.text and "Operator error" not in story.text


async def test_only_the_author_and_invited_people_answer(chat: Chat) -> None:
    await chat.say("kaizen The label printer jams every morning")
    chat.skip_to("thread", "Why #1")
    chat.as_("bob")
    await chat.say("The rollers are dusty")
    chat.expect_private("Ask them to run `kaizen invite 1 @bob`", to="bob")

    chat.as_("alice")
    await chat.say("kaizen invite 1 @bob", mentions=("bob",))
    chat.expect_thread("you're invited to help find the root cause of idea #1")

    chat.as_("bob")
    await chat.say("The rollers are dusty")
    chat.expect_thread("Why #2: Why are the rollers dusty?")

    await chat.say("kaizen invite 1 @carol", mentions=("carol",))
    chat.expect_private("Only the author of idea #1 can invite")


async def test_a_restart_between_two_answers_loses_nothing(new_chat: ChatFactory) -> None:
    before = await new_chat()
    await before.say("kaizen The label printer jams every morning")
    before.skip_to("thread", "Why #1")
    await before.say("The rollers are dusty")
    before.expect_thread("Why #2")

    after = await new_chat()
    after.thread = before.thread
    await after.say("Nobody cleans them")
    after.expect_thread("Why #3: Why does nobody clean them?")
    for answer in PRINTER_WHYS[2:]:
        await after.say(answer)
    after.expect_thread("Why #4")
    after.expect_thread("Why #5")
    after.expect_thread("Why #6")
    await after.press("Yes, that's the root cause")
    assert "Root cause: nobody owns the checklist" in after.expect_thread("Root cause found").text


async def test_answers_in_a_direct_chat_go_to_the_latest_open_dialogue(chat: Chat) -> None:
    await chat.say("kaizen The label printer jams every morning")
    chat.skip_to("thread", "Why #1")
    await chat.direct("The rollers are dusty")
    echo = chat.expect_thread("@alice answered Why #1: The rollers are dusty")
    assert "Why #2: Why are the rollers dusty?" in echo.text


async def test_kaizen_answer_works_from_anywhere(chat: Chat) -> None:
    await chat.say("kaizen The label printer jams every morning")
    chat.skip_to("thread", "Why #1")
    await chat.say("kaizen answer 1 The rollers are dusty")
    chat.expect_thread("answered Why #1: The rollers are dusty\nWhy #2")
    await chat.say("kaizen answer 7 whatever")
    chat.expect_private("There is no idea #7 here")


async def test_an_anonymous_author_is_never_named_in_the_thread(chat: Chat) -> None:
    await chat.say("kaizen")
    form = chat.expect_form("New Kaizen idea")
    await chat.submit(form, problem="The break room fridge is always full", anonymous="yes")
    card = chat.expect_post("Kaizen idea #1")
    assert "a teammate (anonymous)" in card.text and "alice" not in card.text
    chat.expect_thread("kaizen answer 1 <answer>")
    chat.expect_private("posted in #C1 without your name", to="alice")

    await chat.say("kaizen answer 1 Nobody clears out old food")
    echo = chat.expect_thread("a teammate (anonymous) answered Why #1")
    assert "alice" not in echo.text


async def test_an_unanswered_why_gets_one_reminder_then_quiet(
    new_chat: ChatFactory, clock: FrozenClock
) -> None:
    chat = await new_chat(Settings(pdca=Pdca(respond_within=timedelta(days=30))))
    await chat.say("kaizen The label printer jams every morning")
    chat.skip_to("thread", "Why #1")
    clock.advance(timedelta(hours=23))
    await chat.tick()
    chat.expect_nothing()

    clock.advance(timedelta(hours=2))
    await chat.tick()
    chat.expect_thread("A gentle nudge, @alice: Why #1 of idea #1 is still open")
    clock.advance(timedelta(days=3))
    await chat.tick()
    chat.expect_nothing()

    await chat.say("The rollers are dusty")
    chat.expect_thread("Why #2")
    clock.advance(timedelta(days=2))
    await chat.tick()
    chat.expect_thread("Why #2 of idea #1 is still open")


async def test_moving_an_idea_past_clarifying_stops_the_whys(chat: Chat) -> None:
    await chat.say("kaizen The label printer jams every morning")
    chat.skip_to("thread", "Why #1")
    await chat.say("kaizen move 1 do")
    chat.expect_update("Kaizen idea #1 \u00b7 Do")
    chat.expect_thread("@alice moved idea #1 to Do")
    await chat.say("The rollers are dusty")
    chat.expect_nothing()


async def test_talk_in_a_finished_thread_is_left_alone(chat: Chat) -> None:
    await chat.say("kaizen Customers wait too long on the phone")
    chat.skip_to("thread", "Why #1")
    await chat.say("root cause: the lunch rota leaves one person on the phones")
    chat.skip_to("thread", "Root cause found for idea #1")
    chat.expect_update("\u00b7 Plan")
    await chat.say("Stagger the lunch breaks")
    chat.expect_thread("Countermeasure for idea #1")
    chat.expect_update("Countermeasure: Stagger the lunch breaks")
    chat.expect_private("To run idea #1 as an experiment")
    await chat.say("Nice one, thanks!")
    chat.expect_nothing()
    await chat.direct("Nice one, thanks!")
    chat.expect_private("I didn't catch that")


async def test_saying_you_found_it_ends_the_dialogue(chat: Chat) -> None:
    await chat.say("kaizen The label printer jams every morning")
    chat.skip_to("thread", "Why #1")
    await chat.say("The rollers are dusty")
    chat.expect_thread("Why #2")
    await chat.say("I think we found the root cause")
    assert "Root cause: the rollers are dusty" in chat.expect_thread("Root cause found").text


async def test_the_root_cause_is_that_gives_the_cause_itself(chat: Chat) -> None:
    await chat.say("kaizen The label printer jams every morning")
    chat.skip_to("thread", "Why #1")
    await chat.say("The root cause is that nobody cleans the rollers")
    summary = chat.expect_thread("Root cause found")
    assert "Root cause: nobody cleans the rollers" in summary.text


async def test_not_knowing_gets_a_go_and_see_nudge_and_does_not_count(chat: Chat) -> None:
    await chat.say("kaizen The label printer jams every morning")
    chat.skip_to("thread", "Why #1")
    await chat.say("I don't know")
    chat.expect_private("go and see where it happens", to="alice")
    chat.expect_nothing()
    await chat.say("The rollers are dusty")
    chat.expect_thread("Why #2: Why are the rollers dusty?")


async def test_an_anonymous_author_answering_in_the_thread_is_warned(chat: Chat) -> None:
    await chat.say("kaizen")
    await chat.submit(
        chat.expect_form(), problem="The break room fridge is always full", anonymous="yes"
    )
    chat.skip_to("private", "posted in #C1 without your name", to="alice")
    await chat.say("Nobody clears out old food")
    chat.expect_private("replies in the thread show your name", to="alice")
    chat.expect_thread("Why #2")


async def test_nobody_is_invited_once_the_root_cause_is_found(chat: Chat) -> None:
    await chat.say("kaizen The label printer jams every morning")
    chat.skip_to("thread", "Why #1")
    await chat.say("root cause: the rollers are dusty")
    chat.skip_to("thread", "Root cause found for idea #1")
    chat.expect_update("\u00b7 Plan")
    await chat.say("kaizen invite 1 @bob", mentions=("bob",))
    chat.expect_private("already found")


async def test_moving_on_while_whys_are_open_says_so(chat: Chat) -> None:
    await chat.say("kaizen The label printer jams every morning")
    chat.skip_to("thread", "Why #1")
    await chat.say("kaizen move 1 plan")
    chat.expect_update("\u00b7 Plan")
    chat.expect_thread("moved idea #1 to Plan. Its whys stop here, before a root cause was named.")
    await chat.say("kaizen answer 1 The rollers are dusty")
    chat.expect_private("Idea #1 has no open 5 Whys")
