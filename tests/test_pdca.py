"""Owners, the two paths, duplicate hints and the nudges that keep ideas moving."""

from __future__ import annotations

from datetime import timedelta

import pytest

from adapters.board.page import SHOWN
from bot.clock import FrozenClock
from bot.model.ideas import Path, Stage
from bot.settings import Channels, Pdca, Settings
from tests.conftest import ChatFactory
from tests.conversation import Chat

pytestmark = pytest.mark.both_databases

GOALS = ("Zero lost-time accidents", "Same-day shipping for every order")


async def test_taking_and_assigning_an_idea(chat: Chat) -> None:
    await chat.say("kaizen The label printer jams every morning")
    chat.skip_to("thread", "Why #1")
    chat.as_("bob")
    await chat.say("kaizen take 1")
    assert "Owner: @bob" in chat.expect_update("Kaizen idea #1").text
    chat.expect_thread("@bob is taking idea #1 forward")
    chat.expect_private("bob is taking your idea #1 forward", to="alice")
    await chat.say("kaizen take 1")
    chat.expect_private("You already own idea #1")

    await chat.say("kaizen assign 1", mentions=())
    chat.expect_private("Mention one person")
    await chat.say("kaizen assign 1 @carol", mentions=("carol",))
    assert "Owner: @carol" in chat.expect_update().text
    chat.expect_thread("@bob asked @carol to own idea #1")
    chat.expect_private("bob asked you to own idea #1", to="carol")
    chat.expect_private("bob asked carol to take your idea #1 forward", to="alice")

    chat.as_("alice")
    await chat.say("kaizen assign 1 @dave", mentions=("dave",))
    assert "Owner: @dave" in chat.expect_update("Kaizen idea #1").text
    chat.expect_thread("@alice asked @dave to own idea #1")
    chat.expect_private("alice asked you to own idea #1", to="dave")
    told = chat.expect_private("alice handed idea #1 on to dave", to="carol")
    assert "Thank you for carrying it this far." in told.text
    chat.expect_nothing()

    await chat.say("kaizen take 9")
    chat.expect_private("There is no idea #9")


async def test_a_strategic_idea_names_its_goal_and_goes_to_leadership(
    new_chat: ChatFactory,
) -> None:
    settings = Settings(strategic_goals=GOALS, channels=Channels(leadership="C-lead"))
    chat = await new_chat(settings)
    await chat.say("kaizen Ship from the second warehouse on Saturdays")
    chat.skip_to("thread", "Why #1")
    await chat.say("kaizen strategic 1")
    said = chat.expect_private("How does this support our mission?")
    assert "1. Zero lost-time accidents" in said.text and "2. Same-day shipping" in said.text
    await chat.say("kaizen strategic 1 world peace")
    chat.expect_private("'world peace' is not one of our strategic goals")

    await chat.say("kaizen strategic 1 same-day")
    assert "supports Same-day shipping for every order" in chat.expect_update().text
    chat.expect_thread("put idea #1 on the strategic path")
    review = chat.expect_post("Strategic idea #1 for review")
    assert review.channel == "C-lead" and "Supports: Same-day shipping" in review.text

    await chat.say("kaizen strategic 1 2")
    chat.expect_private("already on the strategic path")
    await chat.say("kaizen operational 1")
    assert "Path: operational" in chat.expect_update().text
    chat.expect_thread("on the operational path")
    chat.expect_nothing()


async def test_strategic_needs_goals_in_app_yaml(chat: Chat) -> None:
    await chat.say("kaizen Open a second packing line")
    chat.skip_to("thread", "Why #1")
    await chat.say("kaizen strategic 1 growth")
    chat.expect_private("No strategic goals are set yet")


async def test_a_similar_open_idea_is_linked_and_can_be_joined(
    chat: Chat, clock: FrozenClock
) -> None:
    await chat.say("kaizen The label printer jams every morning")
    chat.skip_to("thread", "Why #1")
    chat.as_("bob")
    await chat.say("kaizen Unrelated: the canteen closes too early for the night shift")
    chat.expect_post("Kaizen idea #2")
    chat.expect_thread("Why #1")
    chat.expect_nothing()

    chat.as_("carol")
    await chat.say("kaizen Label printer keeps jamming in the mornings")
    chat.expect_post("Kaizen idea #3")
    chat.expect_thread("Why #1")
    hint = chat.expect_thread("This sounds like idea #1")
    assert "The label printer jams every morning" in hint.text
    await chat.press("Same as #1")
    card = chat.expect_update("Kaizen idea #3 \u00b7 Joined with #1")
    assert "The same problem as idea #1: its thread carries on." in card.text
    chat.expect_thread("@carol joined idea #3 with #1: the same problem, one thread.")
    chat.expect_thread("idea #3 raises the same problem: one more voice")
    chat.expect_private(
        "One more voice for your idea #1: carol raised the same problem", to="alice"
    )
    chat.expect_private("Idea #1's thread is the place to add to it", to="carol")
    chat.expect_nothing()

    # carol knows the problem first-hand: she may answer idea #1's whys too.
    chat.thread = None
    await chat.say("kaizen answer 1 The rollers are dusty")
    chat.expect_thread("Why #2")

    chat.as_("alice")
    clock.advance(timedelta(minutes=1))
    await chat.say("kaizen stats")
    numbers = chat.expect_private("Kaizen numbers").text
    assert "3 given (1 joined with an earlier idea), 0 implemented, 0 set aside, 2 still open" in (
        numbers
    )

    # The board's lane counts it apart from the ideas set aside; bob's is set aside now.
    chat.as_("bob")
    await chat.say("kaizen move 2 dropped")
    async with chat.runtime.engine.database.reading() as store:
        kanban = await store.metrics.kanban(chat.workspace, SHOWN)
    assert kanban.counts[Path.OPERATIONAL, Stage.DROPPED] == 2
    assert kanban.joined == {Path.OPERATIONAL: 1}


async def test_the_owner_is_asked_whether_the_change_held(
    new_chat: ChatFactory, clock: FrozenClock
) -> None:
    chat = await new_chat(Settings(pdca=Pdca(check_after=timedelta(days=5))))
    await chat.say("kaizen The label printer jams every morning")
    chat.skip_to("thread", "Why #1")
    chat.as_("bob")
    await chat.say("kaizen take 1")
    chat.skip_to("private", "bob is taking your idea #1 forward", to="alice")
    await chat.say("kaizen move 1 do")
    chat.skip_to("private", "bob moved your idea #1 to Do", to="alice")
    clock.advance(timedelta(days=4, hours=23))
    await chat.tick()
    chat.expect_nothing()
    clock.advance(timedelta(hours=2))
    await chat.tick()
    nudge = chat.expect_private("Did the change hold? Idea #1", to="bob")
    assert "in Do for 5 days" in nudge.text
    await chat.tick()
    chat.expect_nothing()
    await chat.press("It didn't: back to Plan")
    chat.expect_update("Kaizen idea #1 \u00b7 Plan")
    chat.expect_thread("@bob moved idea #1 to Plan")
    chat.expect_private("bob moved your idea #1 to Plan", to="alice")
    await chat.say("kaizen move 1 do")
    chat.skip_to("private", "bob moved your idea #1 to Do", to="alice")
    clock.advance(timedelta(days=6))
    await chat.tick()
    chat.expect_private("Did the change hold?", to="bob")


async def test_an_unanswered_idea_reminds_its_admins_then_the_thread(
    new_chat: ChatFactory, clock: FrozenClock
) -> None:
    settings = Settings(admins=("lead",), pdca=Pdca(respond_within=timedelta(days=2)))
    chat = await new_chat(settings)
    await chat.say("kaizen The label printer jams every morning")
    chat.skip_to("thread", "Why #1")
    chat.as_("bob")
    await chat.say("kaizen Move the printer next to packing")
    chat.skip_to("thread", "Why #1")
    chat.as_("carol")
    await chat.say("kaizen move 2 plan")
    chat.skip_to("private", "carol moved your idea #2 to Plan", to="bob")
    clock.advance(timedelta(days=2, minutes=1))
    await chat.tick()
    reminder = chat.expect_private("Idea #1 in #C1 has waited 2 days for an answer", to="lead")
    assert "kaizen take 1" in reminder.text
    chat.expect_thread("A gentle nudge, @alice: Why #1 of idea #1")
    await chat.tick()
    chat.expect_nothing()
    clock.advance(timedelta(days=2))  # twice as long: the thread is asked, then it is left be
    await chat.tick()
    chat.expect_thread("This idea has waited 4 days for an answer. Who can pick it up?")
    clock.advance(timedelta(days=2))
    await chat.tick()
    chat.expect_nothing()

    quiet = await new_chat(Settings(pdca=Pdca(respond_within=timedelta(days=2))))
    quiet.workspace = "T2"
    await quiet.say("kaizen The forklift charger is always in use at shift change")
    quiet.skip_to("thread", "Why #1")
    clock.advance(timedelta(days=3))
    await quiet.tick()
    quiet.expect_thread("This idea has waited 3 days for an answer. Who can pick it up?")


async def test_an_idea_its_author_handed_on_reminds_the_owner_then_the_admins(
    new_chat: ChatFactory, clock: FrozenClock
) -> None:
    settings = Settings(admins=("lead",), pdca=Pdca(respond_within=timedelta(days=2)))
    chat = await new_chat(settings)
    await chat.say("kaizen The label printer jams every morning")
    chat.skip_to("thread", "Why #1")
    await chat.say("kaizen assign 1 @bob", mentions=("bob",))
    chat.skip_to("private", "alice asked you to own idea #1", to="bob")
    clock.advance(timedelta(days=2, minutes=1))
    await chat.tick()
    chat.expect_private("Idea #1 in #C1 has waited 2 days for an answer", to="bob")
    chat.expect_thread("A gentle nudge, @alice: Why #1 of idea #1")
    clock.advance(timedelta(days=2))
    await chat.tick()
    chat.expect_private("Still waiting: idea #1 in #C1 has waited 4 days", to="lead")
    chat.expect_thread("This idea has waited 4 days for an answer")
    chat.expect_nothing()


async def test_an_idea_is_not_joined_with_one_that_was_set_aside(chat: Chat) -> None:
    await chat.say("kaizen The label printer jams every morning")
    chat.skip_to("thread", "Why #1")
    chat.as_("erin")
    await chat.say("kaizen Label printer keeps jamming in the mornings")
    chat.skip_to("thread", "This sounds like idea #1")
    chat.as_("alice")
    await chat.say("kaizen move 1 dropped")
    chat.skip_to("thread", "@alice set idea #1 aside")
    chat.as_("erin")
    await chat.press("Same as #1")
    chat.expect_private("Idea #1 is Dropped now, so its thread does not carry on")
    chat.expect_nothing()
    await chat.say("kaizen list all")
    listed = chat.expect_private().text
    assert "#2 \u00b7 Clarifying" in listed and "#1 \u00b7 Dropped" in listed
