"""Admins from app.yaml: nobody moves someone else's idea past Plan, or hands it on, in passing."""

from __future__ import annotations

import pytest

from bot.settings import Settings
from tests.conftest import ChatFactory

pytestmark = pytest.mark.both_databases


async def test_only_the_author_owner_or_an_admin_take_an_idea_past_plan(
    new_chat: ChatFactory,
) -> None:
    chat = await new_chat(Settings(admins=("carol",)))
    await chat.say("kaizen The label printer jams every morning")
    chat.skip_to("thread", "Why #1")

    chat.as_("bob")
    await chat.say("kaizen move 1 plan")
    chat.expect_update("Plan")
    # anyone may move it as far as Plan
    chat.skip_to("private", "bob moved your idea #1 to Plan", to="alice")
    await chat.say("kaizen move 1 done A checklist step now covers it")
    refused = chat.expect_private("Only the author of idea #1 or an admin can move it to Done")
    assert "Ask alice in its thread, or an admin. Admins here: carol." in refused.text
    await chat.say("kaizen move 1 drop")
    chat.expect_private("Only the author of idea #1 or an admin can set it aside")
    chat.expect_nothing()

    await chat.say("kaizen take 1")  # volunteering for an unowned idea is open to all
    chat.skip_to("private", "bob is taking your idea #1 forward", to="alice")
    await chat.say("kaizen move 1 do")
    chat.expect_update("Do")
    chat.skip_to("private", "bob moved your idea #1 to Do", to="alice")

    chat.as_("dave")
    await chat.say("kaizen assign 1 @dave", mentions=("dave",))
    chat.expect_private("bob owns idea #1; only its author, its owner or an admin can hand it on")
    await chat.say("kaizen move 1 check")
    chat.expect_private("Only the author of idea #1, its owner bob or an admin")
    chat.expect_nothing()

    chat.as_("carol")
    await chat.say("kaizen move 1 check")
    chat.expect_update("Check")
    chat.skip_to("private", "carol moved your idea #1 to Check", to="alice")
    await chat.say("kaizen assign 1 @dave", mentions=("dave",))
    chat.expect_update("Owner: @dave")


async def test_the_author_moves_their_own_idea_without_any_admins(new_chat: ChatFactory) -> None:
    chat = await new_chat()
    await chat.say("kaizen The label printer jams every morning")
    chat.skip_to("thread", "Why #1")
    await chat.say("kaizen move 1 done A checklist step now covers it")
    chat.expect_update("Done")


async def test_whoami_gives_the_id_admins_are_listed_by(new_chat: ChatFactory) -> None:
    chat = await new_chat(Settings(admins=("carol",)))
    await chat.say("kaizen whoami")
    chat.expect_private("You are alice; your user id here is alice. To make someone an admin")
    await chat.as_("carol").say("kaizen whoami")
    chat.expect_private("You are an admin here.")


async def test_only_its_people_or_an_admin_reopen_a_closed_idea_and_thanks_come_once(
    new_chat: ChatFactory,
) -> None:
    chat = await new_chat(Settings(admins=("boss",)))
    await chat.say("kaizen The label printer jams every morning")
    chat.skip_to("thread", "Why #1")
    await chat.say("kaizen move 1 done A checklist step now covers it")
    chat.skip_to("thread", "@alice moved idea #1 to Done")
    chat.expect_post("Idea #1 is done!")
    chat.expect_private("What was idea #1's impact?")

    chat.as_("carol")
    await chat.say("kaizen move 1 plan")
    refused = chat.expect_private("Only the author of idea #1 or an admin can reopen it (Done now)")
    assert "Ask alice in its thread" in refused.text
    chat.expect_nothing()

    chat.as_("alice")
    await chat.say("kaizen move 1 plan")
    chat.expect_update("Plan")
    chat.expect_thread("@alice reopened idea #1 at Plan.")
    await chat.say("kaizen move 1 done A checklist step now covers it")
    chat.expect_update("Done")
    chat.expect_thread("moved idea #1 to Done")
    chat.expect_nothing()  # no second public thank-you for the same idea


async def test_only_its_people_or_an_admin_change_the_path_and_the_author_hears_of_it(
    new_chat: ChatFactory,
) -> None:
    chat = await new_chat(Settings(admins=("boss",), strategic_goals=("Zero accidents",)))
    await chat.say("kaizen Forklifts and walkers share the dock aisle")
    chat.skip_to("thread", "Why #1")
    chat.as_("frank")
    await chat.say("kaizen strategic 1 1")
    chat.expect_private("Only the author of idea #1 or an admin can change its path")
    await chat.say("kaizen operational 1")
    chat.expect_private("already on the operational path")
    chat.expect_nothing()

    chat.as_("boss")
    await chat.say("kaizen strategic 1 1")
    chat.expect_update("supports Zero accidents")
    chat.expect_thread("@boss put idea #1 on the strategic path")
    chat.expect_private("boss put your idea #1 on the strategic path", to="alice")
    await chat.say("kaizen operational 1")
    chat.expect_update("Path: operational")
    chat.expect_thread("@boss put idea #1 on the operational path")
    chat.expect_private("boss put your idea #1 on the operational path", to="alice")


async def test_setting_someone_elses_idea_aside_takes_a_reason(new_chat: ChatFactory) -> None:
    chat = await new_chat(Settings(admins=("boss",)))
    await chat.say("kaizen Paint the warehouse floor blue")
    chat.skip_to("thread", "Why #1")
    chat.as_("boss")
    await chat.say("kaizen move 1 dropped")
    refused = chat.expect_private("Say why, kindly: `kaizen move 1 dropped <reason>`")
    assert "Only alice hears the reason, privately." in refused.text
    await chat.press("Drop")
    form = chat.expect_form("Set idea #1 aside")
    assert form.form.fields[0].required
    await chat.submit(form, reason="")
    chat.expect_private("Say why, kindly")
    await chat.submit(form, reason="The floor is replaced next spring")
    chat.expect_update("Dropped")
    chat.expect_thread("set idea #1 aside for now")
    told = chat.expect_private("boss moved your idea #1 to Dropped", to="alice")
    assert "The floor is replaced next spring" in told.text

    chat.as_("alice")
    await chat.say("kaizen Label the spare parts shelves")
    chat.skip_to("thread", "Why #1")
    await chat.press("Drop")
    assert not chat.expect_form("Set idea #2 aside").form.fields[0].required
    await chat.say("kaizen move 2 dropped")
    chat.expect_update("Dropped")  # the author needs no reason to set their own idea aside


async def test_an_anonymous_author_stays_anonymous_in_public_whatever_they_do(
    new_chat: ChatFactory,
) -> None:
    chat = await new_chat(Settings(strategic_goals=("Zero accidents",)))
    chat.as_("erin")
    await chat.say("kaizen")
    form = chat.expect_form()
    await chat.submit(form, problem="Pallets block the fire exit near dock 3", anonymous="yes")
    chat.skip_to("private", "posted in #C1 without your name", to="erin")
    for command in ("kaizen take 1", "kaizen move 1 do", "kaizen strategic 1 1"):
        await chat.say(command)
    public = [s.text for s in chat.outlet.said if s.kind in ("post", "thread", "update")]
    assert [text for text in public if "erin" in text] == []
    assert "a teammate (anonymous) is taking idea #1 forward." in public
    assert any(text.startswith("a teammate (anonymous) moved idea #1 to Do.") for text in public)
    assert "a teammate (anonymous) put idea #1 on the strategic path" in "\n".join(public)


async def test_who_only_set_an_idea_aside_is_not_thanked_for_helping_it(
    new_chat: ChatFactory,
) -> None:
    chat = await new_chat(Settings(admins=("boss",)))
    await chat.say("kaizen Label the spare parts shelves")
    chat.as_("boss")
    await chat.say("kaizen move 1 dropped not this quarter")
    chat.as_("alice")
    await chat.say("kaizen move 1 plan")
    chat.as_("bob")
    await chat.say("kaizen take 1")
    await chat.say("kaizen move 1 done A checklist step now covers it")
    thanks = [s.text for s in chat.outlet.said if s.text.startswith("Idea #1 is done!")]
    assert len(thanks) == 1
    assert "Thank you @alice for raising it, @bob for carrying it through." in thanks[0]
    assert "boss" not in thanks[0]
