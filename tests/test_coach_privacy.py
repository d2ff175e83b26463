"""An idea that names a person is its author's to word: shown first, privately, with a
rewording; the card goes up only when the author chooses (issue 17, point 2)."""

from __future__ import annotations

import pytest

from tests.conversation import Chat

pytestmark = pytest.mark.both_databases

KELLY = "Kelly forgot to restock the crash cart on ward 2 again"


async def test_a_named_idea_waits_for_its_author_and_may_keep_their_words(chat: Chat) -> None:
    await chat.say(f"kaizen {KELLY}")
    ask = chat.expect_private("your idea names Kelly", to="alice")
    assert "A colleague forgot to restock the crash cart" in ask.text
    assert [b.label for b in ask.buttons] == ["Post it reworded", "Post it as I wrote it"]
    chat.expect_nothing()  # no card until the author chooses

    await chat.press("Post it as I wrote it")
    assert KELLY in chat.expect_post("Kaizen idea #1").text  # their choice, their words
    why = chat.expect_thread("Why #1")
    assert "Kelly" not in why.text


async def test_a_named_form_idea_keeps_its_fields_when_reworded(chat: Chat) -> None:
    await chat.say("/kaizen")
    form = chat.expect_form()
    await chat.submit(
        form, problem=KELLY, proposal="A checklist on the cart", category="safety", anonymous="yes"
    )
    chat.expect_private("your idea names Kelly", to="alice")
    chat.expect_nothing()
    await chat.press("Post it reworded")
    card = chat.expect_post("Kaizen idea #1")
    assert "A colleague forgot to restock the crash cart" in card.text and "Kelly" not in card.text
    assert "Category: safety" in card.text and "Proposal: A checklist on the cart" in card.text
    assert "alice" not in card.text  # still anonymous


async def test_a_mention_or_the_authors_own_name_is_no_reason_to_wait(chat: Chat) -> None:
    await chat.say("kaizen alice and the night shift wait for the lift every morning")
    chat.expect_post("Kaizen idea #1")
