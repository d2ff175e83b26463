"""The advisor in a turn: asked about answers only, before the turn's transaction, and never
in the way: slow, broken or off-schema, the bot says what it says without one.

Whether the coach uses a suggestion is the dialogue's business (tests of the coach: the
`advised_chat` fixture and `settings_for` in tests/advisor_server.py set it up).
"""

from __future__ import annotations

import asyncio
import time

import pytest

from bot.features import build_router
from bot.ideas.advising import ANSWER
from tests.advisor_server import AdvisorStandIn, settings_for
from tests.conftest import ChatFactory
from tests.conversation import Chat

IDEA = "kaizen The label printer jams every morning"
FIRST = "The labels curl in the heat from the oven"


async def first_why(chat: Chat) -> str:
    """Give the idea; the text of Why #1 as the bot asked it."""
    await chat.say(IDEA)
    return chat.skip_to("thread", "Why #1").text


async def test_an_answer_in_the_thread_is_asked_about_once(
    advised_chat: Chat, advisor_server: AdvisorStandIn
) -> None:
    asked = await first_why(advised_chat)
    assert advisor_server.requests == []  # the idea itself is no answer
    await advised_chat.say(FIRST)
    (case,) = advisor_server.cases()
    assert case["answer"] == FIRST
    assert case["open_why"]["question"] in asked
    assert case["problem"] == "The label printer jams every morning"
    assert advised_chat.catch_up(), "the bot said nothing after the answer"


async def test_the_chain_so_far_goes_with_the_next_answer(
    advised_chat: Chat, advisor_server: AdvisorStandIn
) -> None:
    await first_why(advised_chat)
    await advised_chat.say(FIRST)
    await advised_chat.say("The printer stands beside the oven because the room is small")
    chain = advisor_server.cases()[-1]["whys"]
    assert [why["answer"] for why in chain] == [FIRST]


async def test_kaizen_answer_and_a_direct_line_are_answers_too(
    advised_chat: Chat, advisor_server: AdvisorStandIn
) -> None:
    await first_why(advised_chat)
    await advised_chat.say(f"kaizen answer 1 {FIRST}")
    await advised_chat.direct("Because the room is small")
    answers = [case["answer"] for case in advisor_server.cases()]
    assert answers == [FIRST, "Because the room is small"]


async def test_nothing_but_answers_is_sent(
    advised_chat: Chat, advisor_server: AdvisorStandIn
) -> None:
    await first_why(advised_chat)
    await advised_chat.say("kaizen help")
    await advised_chat.as_("bob").say("My own guess: the glue")  # bob is not invited
    assert advisor_server.requests == []


async def test_no_name_of_anyone_in_the_chat_is_sent(
    advised_chat: Chat, advisor_server: AdvisorStandIn
) -> None:
    await first_why(advised_chat)
    await advised_chat.say("kaizen invite 1", mentions=("bob",))
    await advised_chat.as_("bob").say("Alice says bob and nurse Kelly stack the rolls by the oven")
    sent = " ".join(advisor_server.sent()).casefold()
    assert "alice" not in sent and "bob" not in sent and "kelly" not in sent
    assert "a colleague" in sent


@pytest.mark.parametrize("manner", ["slowly", "broken", "malformed", "off_schema"])
async def test_without_a_good_reading_the_bot_says_what_it_says_without_an_advisor(
    new_chat: ChatFactory, advisor_server: AdvisorStandIn, manner: str
) -> None:
    plain = await new_chat(workspace="T-plain")
    await first_why(plain)
    await plain.say(FIRST)
    advisor_server.answer(manner)  # type: ignore[arg-type]
    advised = await new_chat(settings_for(advisor_server, seconds=0.5), workspace="T-advised")
    await first_why(advised)
    started = time.monotonic()
    await advised.say(FIRST)
    assert time.monotonic() - started < 5.0
    assert len(advisor_server.requests) == 1
    assert [(s.kind, s.text) for s in advised.catch_up()] == [
        (s.kind, s.text) for s in plain.catch_up()
    ]


async def test_a_slow_advisor_holds_up_no_other_turn(
    new_chat: ChatFactory, advisor_server: AdvisorStandIn
) -> None:
    advised = await new_chat(settings_for(advisor_server, seconds=20))
    await first_why(advised)
    advisor_server.answer("slowly")
    waiting = asyncio.create_task(advised.say(FIRST))
    await advisor_server.asked()
    other = Chat(advised.runtime, advised.outlet, workspace="T2", channel="C9")
    await asyncio.wait_for(other.say("kaizen Forklift batteries run flat by noon"), 10)
    assert any(s.channel == "C9" and "Why #1" in s.text for s in advised.outlet.said)
    assert not waiting.done()  # still waiting for the model, outside the transaction
    advisor_server.release()
    await asyncio.wait_for(waiting, 10)


def test_the_answer_command_is_read_as_the_router_reads_it() -> None:
    assert ANSWER.pattern in [pattern.pattern for pattern in build_router().patterns()]


def suggesting(question: str) -> dict[str, object]:
    """A reading that finds the answer a plain step and suggests `question` next."""
    return {
        "kind": "step",
        "follows": True,
        "repeat_of": None,
        "branches": [],
        "question": question,
    }


async def test_the_coach_asks_the_advisors_question_when_the_rules_accept_it(
    advised_chat: Chat, advisor_server: AdvisorStandIn
) -> None:
    advisor_server.answer("well", suggesting("What makes the oven's heat reach the label stock?"))
    await first_why(advised_chat)
    await advised_chat.say(FIRST)
    advised_chat.skip_to("thread", "Why #2: What makes the oven's heat reach the label stock?")


async def test_a_suggestion_with_a_verdict_is_dropped_and_the_rules_ask(
    advised_chat: Chat, advisor_server: AdvisorStandIn
) -> None:
    advisor_server.answer("well", suggesting("Whose fault is it that the labels curl?"))
    await first_why(advised_chat)
    await advised_chat.say(FIRST)
    why = advised_chat.skip_to("thread", "Why #2")
    assert "fault" not in why.text
