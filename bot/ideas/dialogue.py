"""The 5-Whys dialogue itself: ask, listen, coach, and sum up when the root cause is reached."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.actions import Action, PrivateReply, Update
from bot.content import Card, Mention, Span, Text
from bot.errors import UserError
from bot.ideas import in_private
from bot.ideas.cards import author, idea_card
from bot.ideas.lifecycle import enter
from bot.language.coaching import blame_remark, blames_a_person, is_unsure, unsure_remark
from bot.language.phrasing import first_why, next_why
from bot.model.ideas import Idea, Stage
from bot.model.whys import Dialogue, DialogueState, Why
from bot.people import Person, Place
from bot.turn import Turn
from bot.wording import lower_first

_ROOT_CAUSE_PREFIX = re.compile(
    r"^(?:(?:the|our|that'?s the|that is the)\s+)?(?:real\s+)?root[\s-]?cause"
    r"(?:\s+is|\s*[:\-\u2013\u2014])\s*(?:that\s+)?(?P<rest>.+)$",
    re.IGNORECASE | re.DOTALL,
)
_REACHED = re.compile(
    r"^(?:(?:i think|i guess|so|ok|okay|yes|yeah)[\s,]++)*(?:we(?:'ve| have)?|i(?:'ve| have)?)?\s*+"
    r"(?:found|reached|got to|hit|have|got)?\s*+(?:it|that'?s it|the root cause|our root cause|"
    r"(?:that'?s|this is|it'?s|that is) (?:the|our) root cause)[.!\s]*$",
    re.IGNORECASE,
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
    aside = in_private.first_why(idea, question, depth, stop)
    return [in_private.in_thread(idea, Text.of(f"Why #1: {question}\n{hint}"), aside)]


@dataclass(frozen=True)
class Answer:
    """A reply to a dialogue: who, where, what, and whether it was written in the thread."""

    person: Person
    place: Place
    text: str
    in_thread: bool


async def answer(dialogue: Dialogue, idea: Idea, reply: Answer, turn: Turn) -> list[Action]:
    """Take one reply to the dialogue: an answer, a stop word, a countermeasure or a blame."""
    text = " ".join(reply.text.split())
    if not text:
        return []
    if len(text) > MAX_ANSWER:
        raise UserError(f"That answer is {len(text)} characters; keep it under {MAX_ANSWER}.")
    if dialogue.state is DialogueState.COUNTERMEASURE:
        return await _countermeasure(dialogue, idea, reply.person, text, turn)
    if dialogue.state is DialogueState.CLOSED:
        raise UserError(
            f"The 5 Whys of idea #{idea.number} are finished; "
            f"`kaizen show {idea.number}` shows them."
        )
    stopping, given = read_stop(text, turn.settings.five_whys.stop_words)
    if given:
        coached = await _coach(dialogue, reply, given, turn)
        if coached:
            return coached
    actions = _anonymity_tip(idea, reply)
    echo: list[Span] = []
    if given:
        await _record(dialogue, idea, reply.person, given, turn)
        if not reply.in_thread:
            who = author(idea) if reply.person.id == idea.author.id else Mention(reply.person)
            echo = [who, f" answered Why #{dialogue.position}: {given}\n"]
    if stopping or dialogue.position >= dialogue.depth:
        return actions + await finish(dialogue, idea, reply.person, turn, prefix=echo)
    return actions + await _ask_next(dialogue, idea, given or "", echo, turn)


async def _coach(dialogue: Dialogue, reply: Answer, given: str, turn: Turn) -> list[Action] | None:
    """A private follow-up for an answer that is not one yet: unsure, or blaming a person."""
    if is_unsure(given):
        return [PrivateReply(reply.person, reply.place, Text.of(unsure_remark(dialogue.position)))]
    if not blames_a_person(given):
        return None
    dialogue.coached += 1
    await turn.store.dialogues.save(dialogue)
    remark = blame_remark(dialogue.position, dialogue.coached - 1)
    return [PrivateReply(reply.person, reply.place, Text.of(remark))]


def _anonymity_tip(idea: Idea, reply: Answer) -> list[Action]:
    if not (reply.in_thread and idea.anonymous and reply.person.id == idea.author.id):
        return []
    tip = (
        "Heads-up: replies in the thread show your name. To stay anonymous, answer with "
        f"`kaizen answer {idea.number} <answer>` in a direct chat with me."
    )
    return [PrivateReply(reply.person, reply.place, Text.of(tip))]


async def _ask_next(
    dialogue: Dialogue, idea: Idea, given: str, echo: list[Span], turn: Turn
) -> list[Action]:
    dialogue.position += 1
    dialogue.asked_at, dialogue.reminded, dialogue.coached = turn.now, False, 0
    question = next_why(given)
    why = Why(dialogue.position, question, turn.now)
    await turn.store.dialogues.save_why(idea.workspace, idea.number, why)
    await turn.store.dialogues.save(dialogue)
    asked = Text.of(*echo, f"Why #{dialogue.position}: {question}")
    aside = in_private.next_why(idea, dialogue.position, question)
    return [in_private.in_thread(idea, asked, aside)]


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
    return [in_private.in_thread(idea, summary), Update(idea.key, idea_card(idea))]


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
    return [in_private.in_thread(idea, note), Update(idea.key, idea_card(idea))]


def read_stop(text: str, stop_words: tuple[str, ...]) -> tuple[bool, str | None]:
    """(stops the dialogue?, the answer it carries): "root cause: X" stops and answers X."""
    bare = text.strip().strip(".!\u2019'\"").lower()
    if bare in stop_words or ("root cause" in bare and _REACHED.match(bare)):
        return True, None
    match = _ROOT_CAUSE_PREFIX.match(text.strip())
    if match:
        return True, match["rest"].strip()
    return False, text
