"""Taking words back and typing in the wrong place: an edited or undone answer, and a
command that lands in a thread or is one typo away from a command."""

from __future__ import annotations

import pytest

from bot.events import Message
from bot.people import Place
from tests.conversation import Chat

pytestmark = pytest.mark.both_databases


async def test_editing_the_latest_answer_replaces_it_and_asks_again(chat: Chat) -> None:
    await chat.say("kaizen The label printer jams every morning")
    chat.skip_to("thread", "Why #1")
    await chat.say("The rollers are dusty")
    chat.expect_thread("Why #2: Why are the rollers dusty?")
    await chat.edit("The rollers are dusty", "The labels stick together in the heat")
    chat.expect_private("I've taken your edit as the answer to Why #1", to="alice")
    chat.expect_thread("Why #2: Why do the labels stick together in the heat?")
    await chat.say("kaizen show 1")
    story = chat.expect_private("Kaizen idea #1", to="alice")
    assert "The rollers are dusty" not in story.text
    assert "The labels stick together in the heat" in story.text


async def test_editing_an_older_answer_or_a_chat_line_changes_nothing(chat: Chat) -> None:
    await chat.say("kaizen The label printer jams every morning")
    chat.skip_to("thread", "Why #1")
    await chat.say("The rollers are dusty")
    chat.expect_thread("Why #2")
    await chat.say("Nobody cleans them")
    chat.expect_thread("Why #3")
    await chat.edit("The rollers are dusty", "The rollers are dirty")
    await chat.edit("thanks all", "thanks everyone")
    chat.expect_nothing()


async def test_kaizen_undo_takes_back_the_latest_answer(chat: Chat) -> None:
    await chat.say("kaizen The label printer jams every morning")
    chat.skip_to("thread", "Why #1")
    await chat.say("The rollers are dusty")
    chat.expect_thread("Why #2")
    await chat.say("kaizen undo 1")
    chat.expect_thread("The answer to Why #1 was taken back. Why #1 again:")
    await chat.say("The labels stick together in the heat")
    chat.expect_thread("Why #2: Why do the labels stick together in the heat?")
    await chat.say("kaizen undo 2")
    chat.expect_private("There is no idea #2 here", to="alice")


async def test_a_command_typed_in_the_thread_is_not_an_answer(chat: Chat) -> None:
    """Slack keeps a thread reply a message, whatever it says: "kaizen show 2" there is a
    command gone astray, not the answer to the open why."""
    await chat.say("kaizen The label printer jams every morning")
    chat.skip_to("thread", "Why #1")
    typed = Message(
        workspace=chat.workspace,
        person=chat.person,
        place=Place(chat.channel, chat.thread),
        text="kaizen show 2",
    )
    await chat.runtime.receive(typed)
    told = chat.expect_private("That looks like a command", to="alice")
    assert "`kaizen show 2`" in told.text
    chat.expect_nothing()
    await chat.say("The rollers are dusty")
    chat.expect_thread("Why #2: Why are the rollers dusty?")


async def test_a_mistyped_command_is_asked_about_not_posted(chat: Chat) -> None:
    await chat.say("kaizen lsit mine")
    chat.expect_private("Did you mean `kaizen list mine`?", to="alice")
    await chat.say("kaizen shwo 1")
    chat.expect_private("Did you mean `kaizen show 1`?", to="alice")
    await chat.say("kaizen Shop floor too cold")
    chat.expect_post("Kaizen idea #1")
