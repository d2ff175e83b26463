"""The conversation helper itself: a test names the reply it waits for."""

from __future__ import annotations

import pytest

from tests.conversation import Chat


async def test_skip_to_moves_past_what_came_before_the_named_reply(chat: Chat) -> None:
    await chat.say("kaizen The label printer jams every morning")
    why = chat.skip_to("thread", "why #1")  # as the expect_* helpers: any case
    assert why.text.startswith("Why #1: Why does the label printer jam every morning?")
    chat.expect_nothing()

    await chat.say("kaizen show 1")
    assert "Waiting for Why #1" in chat.skip_to("private", "Kaizen idea #1", to="alice").text


async def test_skip_to_names_what_the_bot_said_when_nothing_matches(chat: Chat) -> None:
    await chat.say("kaizen The label printer jams every morning")
    with pytest.raises(AssertionError) as failed:
        chat.skip_to("thread", "Why #2")
    message = str(failed.value)
    assert "expected a thread containing 'Why #2'; the bot said:" in message
    post, thread = message.splitlines()[1:]
    assert post.startswith("  post: 'Kaizen idea #1") and thread.startswith("  thread: ")
    assert "Why #1: Why does the label printer jam" in thread

    await chat.say("kaizen show 1")
    with pytest.raises(AssertionError, match="expected a private to bob containing ''"):
        chat.skip_to("private", to="bob")

    chat.catch_up()
    with pytest.raises(AssertionError, match="the bot said nothing more"):
        chat.skip_to("post")
