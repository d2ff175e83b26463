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
    chat.skip(2)

    chat.as_("bob")
    await chat.say("kaizen move 1 plan")
    chat.expect_update("Plan")
    chat.skip(2)  # anyone may move it as far as Plan
    await chat.say("kaizen move 1 done")
    refused = chat.expect_private("Only the author of idea #1 or an admin can move it to Done")
    assert "Ask alice in its thread, or an admin. Admins here: carol." in refused.text
    await chat.say("kaizen move 1 drop")
    chat.expect_private("Only the author of idea #1 or an admin can set it aside")
    chat.expect_nothing()

    await chat.say("kaizen take 1")  # volunteering for an unowned idea is open to all
    chat.skip(3)
    await chat.say("kaizen move 1 do")
    chat.expect_update("Do")
    chat.skip(2)

    chat.as_("dave")
    await chat.say("kaizen assign 1 @dave", mentions=("dave",))
    chat.expect_private("bob owns idea #1; only its author, its owner or an admin can hand it on")
    await chat.say("kaizen move 1 check")
    chat.expect_private("Only the author of idea #1, its owner bob or an admin")
    chat.expect_nothing()

    chat.as_("carol")
    await chat.say("kaizen move 1 check")
    chat.expect_update("Check")
    chat.skip(2)
    await chat.say("kaizen assign 1 @dave", mentions=("dave",))
    chat.expect_update("Owner: @dave")


async def test_the_author_moves_their_own_idea_without_any_admins(new_chat: ChatFactory) -> None:
    chat = await new_chat()
    await chat.say("kaizen The label printer jams every morning")
    chat.skip(2)
    await chat.say("kaizen move 1 done")
    chat.expect_update("Done")


async def test_whoami_gives_the_id_admins_are_listed_by(new_chat: ChatFactory) -> None:
    chat = await new_chat(Settings(admins=("carol",)))
    await chat.say("kaizen whoami")
    chat.expect_private("You are alice; your user id here is alice. To make someone an admin")
    await chat.as_("carol").say("kaizen whoami")
    chat.expect_private("You are an admin here.")
