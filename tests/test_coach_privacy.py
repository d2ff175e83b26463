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
    assert "Restocking the crash cart on ward 2 gets missed" in ask.text
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
    assert "Restocking the crash cart on ward 2 gets missed" in card.text
    assert "Kelly" not in card.text
    assert "Category: safety" in card.text and "Proposal: A checklist on the cart" in card.text
    assert "alice" not in card.text  # still anonymous


async def test_a_mention_or_the_authors_own_name_is_no_reason_to_wait(chat: Chat) -> None:
    await chat.say("kaizen alice and the night shift wait for the lift every morning")
    chat.expect_post("Kaizen idea #1")


async def test_a_name_typed_in_the_idea_stays_out_of_every_later_public_post(chat: Chat) -> None:
    """The name is remembered: an answer that names Kelly without a failing verb ("was
    covering") is asked about, summed up and carded without the name."""
    await chat.say(f"kaizen {KELLY}")
    chat.catch_up()
    await chat.press("Post it as I wrote it")
    chat.skip_to("thread", "Why #1")
    await chat.say("Kelly was covering two wards and nobody checks the cart at shift change")
    asked = chat.skip_to("thread", "Why #2")
    await chat.say("yes")
    chat.catch_up()
    await chat.say("When the ward was planned Dave put the cart behind the nurses' station")
    # The idea's own words are the author's choice; everything the bot wrote is not.
    public = [s.text.replace(KELLY, "") for s in chat.outlet.said if s.kind in ("thread", "update")]
    assert "a colleague was covering two wards" in asked.text
    assert not [text for text in public if "Kelly" in text or "kelly" in text or "Dave" in text]
