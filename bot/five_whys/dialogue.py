"""The 5-Whys dialogue itself: ask, listen, coach, and sum up when the root cause is reached."""

from __future__ import annotations

import re

from bot.actions import Action, PrivateReply, Reply, Update
from bot.content import Card, Mention, Span, Text
from bot.errors import UserError
from bot.five_whys.blame import blames_a_person, coaching
from bot.five_whys.model import Dialogue, DialogueState, Why
from bot.five_whys.phrasing import first_why, lower_first, next_why
from bot.ideas.cards import author, idea_card
from bot.ideas.lifecycle import enter
from bot.ideas.model import Idea, Stage
from bot.people import Person, Place
from bot.turn import Turn

_ROOT_CAUSE_PREFIX = re.compile(
    r"^(?:(?:the|that'?s the|that is the)\s+)?root[\s-]?cause"
    r"(?:\s+is|\s*[:\-\u2013\u2014])\s*(?P<rest>.+)$",
    re.IGNORECASE | re.DOTALL,
)
MAX_ANSWER = 1000


async def start(idea: Idea, by: Person, turn: Turn) -> list[Action]:
    """Open the dialogue of a new idea and ask Why #1 in its thread."""
    depth = turn.settings.five_whys.depth
    question = first_why(idea.text)
    dialogue = Dialogue(idea.workspace, idea.number, depth, asked_at=turn.now)
    await turn.store.dialogues.add(dialogue)
    await turn.store.dialogues.save_why(idea.workspace, idea.number, Why(1, question, turn.now))
    await enter(idea, Stage.CLARIFYING, by, turn)
    stop = turn.settings.five_whys.stop_words[0]
    how = (
        f"Answer privately with `kaizen answer {idea.number} <answer>` to stay anonymous."
        if idea.anonymous
        else "Reply in this thread to answer."
    )
    hint = f"{how} I'll ask up to {depth} whys; say \u201c{stop}\u201d when you have reached it."
    return [Reply(idea.key, Text.of(f"Why #1: {question}\n{hint}"))]


async def answer(
    dialogue: Dialogue,
    idea: Idea,
    person: Person,
    place: Place,
    text: str,
    turn: Turn,
    in_thread: bool,
) -> list[Action]:
    """Take one reply to the dialogue: an answer, a stop word, a countermeasure or a blame."""
    text = " ".join(text.split())
    if not text:
        return []
    if len(text) > MAX_ANSWER:
        raise UserError(f"That answer is {len(text)} characters; keep it under {MAX_ANSWER}.")
    if dialogue.state is DialogueState.COUNTERMEASURE:
        return await _countermeasure(dialogue, idea, person, text, turn)
    if dialogue.state is DialogueState.CLOSED:
        raise UserError(
            f"The 5 Whys of idea #{idea.number} are finished; "
            f"`kaizen show {idea.number}` shows them."
        )
    stopping, given = _read_stop(text, turn.settings.five_whys.stop_words)
    if given and blames_a_person(given):
        dialogue.coached += 1
        await turn.store.dialogues.save(dialogue)
        remark = coaching(dialogue.position, dialogue.coached - 1)
        return [PrivateReply(person, place, Text.of(remark))]
    echo: list[Span] = []
    if given:
        await _record(dialogue, idea, person, given, turn)
        if not in_thread:
            who = author(idea) if person.id == idea.author.id else Mention(person)
            echo = [who, f" answered Why #{dialogue.position}: {given}\n"]
    if stopping or dialogue.position >= dialogue.depth:
        return await finish(dialogue, idea, person, turn, prefix=echo)
    dialogue.position += 1
    dialogue.asked_at, dialogue.reminded, dialogue.coached = turn.now, False, 0
    question = next_why(given or "")
    await turn.store.dialogues.save_why(
        idea.workspace, idea.number, Why(dialogue.position, question, turn.now)
    )
    await turn.store.dialogues.save(dialogue)
    return [Reply(idea.key, Text.of(*echo, f"Why #{dialogue.position}: {question}"))]


async def finish(
    dialogue: Dialogue, idea: Idea, person: Person, turn: Turn, prefix: list[Span] | None = None
) -> list[Action]:
    """Name the root cause (the last answer), sum up the chain, move the idea to Plan."""
    whys = await turn.store.dialogues.whys(idea.workspace, idea.number)
    answered = [why for why in whys if why.answer]
    if not answered:
        raise UserError(
            f"Answer Why #1 of idea #{idea.number} first; then we can call it the root cause."
        )
    idea.root_cause = answered[-1].answer
    dialogue.state = DialogueState.COUNTERMEASURE
    await turn.store.dialogues.save(dialogue)
    await enter(idea, Stage.PLAN, person, turn)
    summary = _summary(idea, answered, prefix or [])
    return [Reply(idea.key, summary), Update(idea.key, idea_card(idea))]


def _summary(idea: Idea, answered: list[Why], prefix: list[Span]) -> Card:
    chain = [Text.of(f"Why #{w.position}: {w.question} \u2192 {w.answer}") for w in answered]
    root = lower_first(idea.root_cause or "")
    return Card(
        title=Text.of(*prefix, f"Root cause found for idea #{idea.number}"),
        body=(
            Text.of(f"Problem: {idea.text}"),
            *chain,
            Text.of(f"Root cause: {root}"),
            Text.of(
                "What countermeasure would remove this root cause? Reply here with it. "
                f"Idea #{idea.number} is now at Plan."
            ),
        ),
    )


async def _record(dialogue: Dialogue, idea: Idea, person: Person, given: str, turn: Turn) -> None:
    whys = await turn.store.dialogues.whys(idea.workspace, idea.number)
    current = next(w for w in whys if w.position == dialogue.position)
    current.answer, current.answered_by, current.answered_at = given, person, turn.now
    await turn.store.dialogues.save_why(idea.workspace, idea.number, current)


async def _countermeasure(
    dialogue: Dialogue, idea: Idea, person: Person, text: str, turn: Turn
) -> list[Action]:
    idea.countermeasure = text
    await turn.store.ideas.save(idea, turn.now)
    dialogue.state = DialogueState.CLOSED
    await turn.store.dialogues.save(dialogue)
    note = Text.of(
        f"Countermeasure for idea #{idea.number}: {text}\n"
        f"Next: try it out and move the idea on with `kaizen move {idea.number} do`."
    )
    return [Reply(idea.key, note), Update(idea.key, idea_card(idea))]


def _read_stop(text: str, stop_words: tuple[str, ...]) -> tuple[bool, str | None]:
    """(stops the dialogue?, the answer it carries): "root cause: X" stops and answers X."""
    bare = text.strip().strip(".!\u2019'\"").lower()
    if bare in stop_words or bare in ("that's the root cause", "that is the root cause"):
        return True, None
    match = _ROOT_CAUSE_PREFIX.match(text.strip())
    if match:
        return True, match["rest"].strip()
    return False, text
