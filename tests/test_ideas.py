"""Giving ideas and finding them again."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from bot.clock import FrozenClock
from bot.settings import Channels, Ideas, Settings
from tests.conftest import ChatFactory
from tests.conversation import Chat

pytestmark = pytest.mark.both_databases


async def test_an_idea_gets_a_number_and_a_card_with_its_author(chat: Chat) -> None:
    await chat.say("/kaizen Label the spare parts shelves")
    card = chat.expect_post("Kaizen idea #1")
    assert card.channel == "C1"
    assert "Label the spare parts shelves" in card.text and "From: @alice" in card.text
    assert [b.label for b in card.buttons] == ["That's the root cause", "Move to Plan", "Drop"]
    chat.expect_thread("Why #1: What happens today that makes us want to label the spare parts")
    await chat.say("kaizen Add a second label printer")
    chat.expect_post("Kaizen idea #2")


async def test_numbers_are_per_workspace(new_chat: ChatFactory) -> None:
    acme = await new_chat(workspace="T-acme")
    globex = await new_chat(workspace="T-globex")
    await acme.say("kaizen Label the spare parts shelves")
    await acme.say("kaizen Add a second label printer")
    await globex.say("kaizen Move the printer next to packing")
    acme.expect_post("idea #1")
    acme.skip_to("thread", "Why #1")
    acme.expect_post("idea #2")
    globex.expect_post("idea #1")


async def test_numbers_are_unique_and_gap_free_under_concurrent_ideas(
    new_chat: ChatFactory,
) -> None:
    chats = [await new_chat(speaker=f"person{i}") for i in range(4)]
    await asyncio.gather(
        *(
            chat.say(f"kaizen Improvement number {n} for the line")
            for n in range(10)
            for chat in chats
        )
    )
    numbers = sorted(
        int(said.text.split("#")[1].split()[0])
        for chat in chats
        for said in chat.outlet.said
        if said.kind == "post"
    )
    assert numbers == list(range(1, 41))


async def test_an_empty_idea_gets_the_form_and_a_blank_one_a_private_answer(chat: Chat) -> None:
    await chat.say("kaizen")
    form = chat.expect_form("New Kaizen idea")
    assert [f.name for f in form.form.fields] == [
        "problem",
        "proposal",
        "category",
        "path",
        "anonymous",
    ]
    await chat.submit(form, problem="   ")
    chat.expect_private("What's the idea?", to="alice")
    chat.expect_nothing()


async def test_too_short_and_too_long_ideas_are_refused_privately_and_not_stored(
    new_chat: ChatFactory,
) -> None:
    chat = await new_chat(Settings(ideas=Ideas(max_length=60)))
    await chat.say("kaizen fix")
    chat.expect_private("at least 10 characters")
    await chat.say("kaizen " + "The printer in hall B jams " * 5)
    chat.expect_private("please keep it under 60")
    await chat.say("kaizen list all")
    chat.expect_private("No ideas yet")


async def test_the_form_takes_category_path_and_proposal(new_chat: ChatFactory) -> None:
    chat = await new_chat(Settings(strategic_goals=("Zero lost-time accidents",)))
    await chat.say("/kaizen")
    form = chat.expect_form()
    assert "Zero lost-time accidents" in str(form)
    await chat.submit(
        form,
        problem="Pallets block the fire exit on Fridays",
        proposal="Mark a no-pallet zone",
        category="safety",
        path="strategic",
    )
    # A strategic idea without its goal is kept on the operational path, not thrown away.
    assert "Path: operational" in chat.expect_post("Kaizen idea #1").text
    chat.expect_thread("Why #1")
    kept = chat.expect_private("Idea #1 is recorded, on the operational path for now")
    assert "How does this support our mission?" in kept.text
    assert "`kaizen strategic 1 <goal>`" in kept.text
    await chat.submit(
        form,
        problem="Forklifts and walkers share the loading dock aisle",
        proposal="Mark a walkway",
        category="safety",
        path="strategic",
        goal="1",
    )
    card = chat.expect_post("Kaizen idea #2")
    assert "Proposal: Mark a walkway" in card.text
    assert "Category: safety" in card.text
    assert "Path: strategic \u00b7 supports Zero lost-time accidents" in card.text
    await chat.submit(form, problem="Pallets block the fire exit", category="gardening")
    chat.skip_to(
        "thread",
        "Why #1: You wrote: \u201cForklifts and walkers share the loading dock aisle\u201d",
    )  # idea #2's
    chat.expect_private("'gardening' is not one of our categories")


async def test_cards_go_to_the_ideas_channel_and_the_author_is_told(new_chat: ChatFactory) -> None:
    chat = await new_chat(Settings(channels=Channels(ideas="C-ideas")))
    await chat.say("kaizen Label the spare parts shelves")
    assert chat.expect_post("Kaizen idea #1").channel == "C-ideas"
    assert chat.expect_thread("Why #1").channel == "C-ideas"
    chat.expect_private("Your idea #1 is posted in #C-ideas.", to="alice")


async def test_list_mine_open_and_all(chat: Chat) -> None:
    await chat.say("kaizen Label the spare parts shelves")
    chat.as_("bob")
    await chat.say("kaizen Move the printer next to packing")
    await chat.say("kaizen move 2 done A checklist step now covers it")
    chat.skip_to("thread", "@bob moved idea #2 to Done")
    chat.expect_post("Idea #2 is done!")
    chat.expect_private("What was idea #2's impact?")
    await chat.say("kaizen list")
    open_ideas = chat.expect_private("Open ideas (1):")
    assert (
        "#1 \u00b7 Clarifying \u00b7 Label the spare parts shelves \u2014 @alice" in open_ideas.text
    )
    await chat.say("kaizen list all")
    assert "#2 \u00b7 Done" in chat.expect_private("All ideas (2):").text
    await chat.say("kaizen list mine")
    mine = chat.expect_private("Your ideas (1):", to="bob")
    assert "#2" in mine.text and "#1" not in mine.text
    await chat.say("kaizen list everything")
    chat.expect_private("`kaizen list mine`, `kaizen list open` or `kaizen list all`")


async def test_words_that_look_like_subcommands_still_make_ideas(chat: Chat) -> None:
    await chat.say("kaizen move the printer closer to the packing table")
    chat.expect_post("Kaizen idea #1")
    chat.skip_to("thread", "Why #1")
    await chat.say("kaizen show more respect to the night shift")
    chat.expect_post("Kaizen idea #2")
    chat.skip_to("thread", "Why #1")
    await chat.say("kaizen list the spare parts on the shelf")
    chat.expect_post("Kaizen idea #3")


async def test_moving_along_pdca_updates_the_card_and_tells_the_author(
    new_chat: ChatFactory,
) -> None:
    chat = await new_chat(Settings(admins=("carol",)))
    await chat.say("kaizen Label the spare parts shelves")
    chat.skip_to("thread", "Why #1")
    chat.as_("carol")
    await chat.say("kaizen move 1 plan")
    chat.expect_update("Kaizen idea #1 \u00b7 Plan")
    chat.expect_thread("@carol moved idea #1 to Plan.")
    chat.expect_private("carol moved your idea #1 to Plan.", to="alice")
    await chat.press("Move to Do")
    chat.expect_update("Kaizen idea #1 \u00b7 Do")
    chat.expect_thread("@carol moved idea #1 to Do.")
    chat.expect_private("carol moved your idea #1 to Do.", to="alice")
    await chat.say("kaizen move 1 do")
    chat.expect_private("Idea #1 is already at Do.", to="carol")
    await chat.say("kaizen move 1 sideways")
    chat.expect_private("'sideways' is not a stage I can move an idea to. Use one of: plan, do")
    await chat.say("kaizen move 9 done A checklist step now covers it")
    chat.expect_private("There is no idea #9 here")
    await chat.say("kaizen show 1")
    story = chat.expect_private("Kaizen idea #1 \u00b7 Do")
    assert "New Mon 02 Mar 08:30 \u2192 Clarifying Mon 02 Mar 08:30 \u2192 Plan" in story.text


async def test_dropping_asks_for_a_reason_that_only_the_author_hears(
    new_chat: ChatFactory,
) -> None:
    chat = await new_chat(Settings(admins=("lead",)))
    await chat.say("kaizen Label the spare parts shelves")
    chat.skip_to("thread", "Why #1")
    chat.as_("lead")
    await chat.press("Drop")
    form = chat.expect_form("Set idea #1 aside")
    await chat.submit(form, reason="The shelves are replaced in May")
    update = chat.expect_update("Kaizen idea #1 \u00b7 Dropped")
    assert update.buttons == []
    notice = chat.expect_thread("@lead set idea #1 aside for now.")
    assert "May" not in notice.text
    chat.expect_private("Their reason: The shelves are replaced in May", to="alice")


async def test_a_retried_delivery_is_applied_once(chat: Chat) -> None:
    await chat.say("kaizen Label the spare parts shelves", event_id="Ev1")
    await chat.say("kaizen Label the spare parts shelves", event_id="Ev1")
    chat.expect_post("Kaizen idea #1")
    chat.expect_thread("Why #1")
    chat.expect_nothing()


async def test_help_lists_the_commands_privately(chat: Chat) -> None:
    await chat.say("kaizen help")
    usage = chat.expect_private("Kaizen Bot", to="alice")
    for command in ("kaizen list [mine|open|all]", "kaizen show N", "kaizen move N", "kaizen help"):
        assert command in usage.text


async def test_an_anonymous_idea_is_anonymous_in_lists_except_to_its_author(chat: Chat) -> None:
    await chat.say("kaizen")
    await chat.submit(
        chat.expect_form(), problem="The break room fridge is always full", anonymous="yes"
    )
    chat.skip_to("private", "posted in #C1 without your name", to="alice")
    await chat.say("kaizen list")
    assert "@alice" in chat.expect_private("Open ideas").text
    chat.as_("bob")
    await chat.say("kaizen list")
    assert "a teammate (anonymous)" in chat.expect_private("Open ideas").text
    await chat.say("kaizen show 1")
    assert "alice" not in chat.expect_private("Kaizen idea #1").text


async def test_an_idea_survives_in_a_new_app(new_chat: ChatFactory) -> None:
    first = await new_chat()
    await first.say("kaizen Label the spare parts shelves")
    second = await new_chat()
    await second.say("kaizen show 1")
    second.expect_private("Label the spare parts shelves")


async def test_a_done_idea_moved_back_is_reopened(chat: Chat) -> None:
    await chat.say("kaizen Label the spare parts shelves")
    await chat.say("kaizen move 1 done A checklist step now covers it")
    chat.skip_to("thread", "@alice moved idea #1 to Done")
    chat.expect_post("Idea #1 is done!")
    chat.expect_private("What was idea #1's impact?")
    await chat.say("kaizen move 1 plan")
    chat.expect_update("\u00b7 Plan")
    chat.expect_thread("@alice reopened idea #1 at Plan.")


async def test_bare_subcommands_explain_themselves(chat: Chat) -> None:
    for text, usage in [
        ("kaizen show", "`kaizen show N`"),
        ("kaizen show abc", "`kaizen show N`"),
        ("kaizen move", "`kaizen move N <stage>`"),
        ("kaizen move it", "`kaizen move N <stage>`"),
        ("kaizen answer", "`kaizen answer N <your answer>`"),
        ("kaizen invite", "`kaizen invite N @person`"),
    ]:
        await chat.say(text)
        chat.expect_private(usage)
    await chat.say("kaizen list")
    chat.expect_private("No open ideas")


async def test_a_colon_after_kaizen_still_makes_a_command(chat: Chat) -> None:
    await chat.say("Kaizen: the door to the cold store squeaks all the time")
    chat.expect_post("Kaizen idea #1")
    chat.expect_thread("Why #1")


async def test_a_mistyped_command_is_answered_privately_not_posted_as_an_idea(chat: Chat) -> None:
    for text, usage in [
        ("kaizen move one do", "`kaizen move N <stage>`"),
        ("kaizen assign @bob 1", "`kaizen assign N @person`"),
        ("kaizen moves 1 do", "`kaizen move N <stage>`"),
        ("kaizen stats all here extra", "`kaizen stats [week|month|quarter|year|all] [here]`"),
        ("kaizen stats last month", "`kaizen stats"),
        ("kaizen show me", "`kaizen show N`"),
    ]:
        await chat.say(text)
        said = chat.expect_private(usage)
        assert f"`kaizen idea: {text.removeprefix('kaizen ')}`" in said.text
    chat.expect_nothing()
    await chat.say("kaizen idea: move one do")
    assert "move one do" in chat.expect_post("Kaizen idea #1").text


async def test_help_words_stats_in_any_order_and_goals_by_their_words(
    new_chat: ChatFactory, clock: FrozenClock
) -> None:
    chat = await new_chat(Settings(strategic_goals=("Zero lost-time accidents",)))
    for text, answer in [
        ("kaizen help please", "`kaizen help` lists everything I can do"),
        ("kaizen whoami please", "`kaizen whoami` tells you your user id"),
        ("kaizen lists", "`kaizen list mine`"),
    ]:
        await chat.say(text)
        chat.expect_private(answer)
    await chat.say("kaizen Forklifts and walkers share the dock aisle")
    chat.skip_to("thread", "Why #1")
    clock.advance(timedelta(minutes=1))
    await chat.say("kaizen stats here month")
    chat.expect_private("Kaizen numbers this month (since Sun 01 Mar 2026) in #C1")
    await chat.say("kaizen strategic 1 zero lost time accidents")
    chat.expect_update("supports Zero lost-time accidents")
