"""The 5-Whys dialogue: ask, read each answer, coach, and sum up at a cause in the system.

Only a cause in the system or a step towards one becomes a why; everything else gets a
private coaching reply (`coach.py`) and the open why stays open. When an answer names a
cause the team can change, the coach offers to stop there; it keeps going past people,
labels and symptoms, at most `depth + 2` whys, and then sums up honestly.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from bot.actions import Action, PrivateReply, Update
from bot.commands import split_command
from bot.content import Button, Card, Mention, Span, Text
from bot.errors import UserError
from bot.ideas import coach, in_private
from bot.ideas.asking import (
    Answer,
    Asked,
    as_said,
    first_question,
    known_names,
    question_from,
    question_of,
    spoken,
    to_people,
)
from bot.ideas.cards import ROOT_CAUSE_BUTTON, author, idea_card
from bot.ideas.countermeasure import countermeasure
from bot.ideas.lifecycle import enter
from bot.ideas.summary import summary
from bot.language import frames
from bot.language import lexicon as lx
from bot.language.advice import Advice, AnswerKind
from bot.language.answers import Reading, has, is_one_of, padded, read
from bot.language.names import neutral
from bot.language.phrases import Phrase
from bot.language.stops import read_stop, stop_word
from bot.model.ideas import Idea, Stage
from bot.model.whys import Dialogue, DialogueState, Why
from bot.people import Person, Place
from bot.turn import Turn

log = logging.getLogger(__name__)
MAX_ANSWER = 1000


async def start(idea: Idea, by: Person, turn: Turn) -> list[Action]:
    """Open the dialogue of a new idea and ask Why #1 in its thread (safety first)."""
    depth = turn.settings.five_whys.depth
    safety = has(padded(idea.text), lx.SAFETY)
    known = await known_names(turn, idea)
    question = first_question(idea.text, known, safety)
    dialogue = Dialogue(idea.workspace, idea.number, depth, asked_at=turn.now)
    await turn.store.dialogues.add(dialogue)
    first_why = Why(1, str(question), turn.now)
    await turn.store.dialogues.save_why(idea.workspace, idea.number, first_why)
    await enter(idea, Stage.CLARIFYING, by, turn)
    stop = stop_word(turn.settings.five_whys.stop_words)
    how = (
        Phrase(frames.HOW_TO_ANSWER_ANONYMOUSLY, n=idea.number)
        if idea.anonymous
        else Phrase(frames.HOW_TO_ANSWER)
    )
    said = spoken(question, 1, idea.text, known)
    first: list[Span] = [Phrase(frames.SAFETY_FIRST), "\n"] if safety else []
    words = Text.of(
        *first,
        Phrase(frames.WHY_N, n=1, question=said),
        "\n",
        how,
        " ",
        Phrase(frames.HOW_IT_GOES, stop=stop),
    )
    aside = in_private.first_why(idea, said, depth, stop)
    return [in_private.in_thread(idea, words, aside)]


async def answer(dialogue: Dialogue, idea: Idea, reply: Answer, turn: Turn) -> list[Action]:
    """Take one reply to the dialogue: read it, then record it, coach, or sum up."""
    text = " ".join(reply.text.split())
    if not text:
        return []
    if len(text) > MAX_ANSWER:
        raise UserError(
            Phrase(
                "That answer is {count} characters; keep it under {most}.",
                count=len(text),
                most=MAX_ANSWER,
            )
        )
    reply = replace(reply, text=text)
    if dialogue.state is DialogueState.COUNTERMEASURE:
        return await countermeasure(dialogue, idea, reply, turn)
    if dialogue.state is DialogueState.CLOSED:
        raise UserError(
            Phrase(
                "The 5 Whys of idea #{n} are finished; `kaizen show {n}` shows them.",
                n=idea.number,
            )
        )
    return _anonymity_tip(idea, reply) + await _listen(dialogue, idea, reply, turn)


async def _listen(dialogue: Dialogue, idea: Idea, reply: Answer, turn: Turn) -> list[Action]:
    command = split_command(reply.text)
    if command is not None and command[1]:  # "kaizen show 2" typed in the thread
        typed = f"{command[0]} {command[1]}"
        words = Phrase(frames.COMMAND_IN_THREAD, command=typed)
        return [PrivateReply(reply.person, reply.place, Text.of(words))]
    if dialogue.offered and is_one_of(reply.text, lx.YES):
        return await finish(dialogue, idea, reply.person, turn)
    pending, dialogue.pending = dialogue.pending, ()
    if pending and pending[0] == "hypothesis" and is_one_of(reply.text, lx.YES):
        reply = replace(reply, text=pending[1])
    if pending and pending[0] == "branches" and reply.text.strip(" .#").isdigit():
        return await _pick(dialogue, idea, reply, pending[1:], turn)
    stopping, given = read_stop(reply.text, turn.settings.five_whys.stop_words)
    if given is None:
        return await finish(dialogue, idea, reply.person, turn)
    whys = await turn.store.dialogues.whys(idea.workspace, idea.number)
    earlier = [w.answer or "" for w in whys if w.answer and w.position < dialogue.position]
    known = await known_names(turn, idea, whys)
    reading = heed(read(given, problem=idea.text, earlier=earlier, known=known), turn.advice)
    log.debug("why #%d of idea #%d: rules read %s; advisor %s", dialogue.position,
              idea.number, reading, turn.advice)  # fmt: skip
    asked = _asked(whys, dialogue, idea, known)
    if reading.becomes_a_why:
        return await _take(dialogue, idea, reply, reading, stopping, known, turn)
    return await _coach(dialogue, idea, reply, reading, asked, earlier, turn)


def heed(reading: Reading, advice: Advice | None) -> Reading:
    """Take the advisor's kind only where the rules heard a plain step; the rules keep
    every reading that protects a person (blame, fear, safety, feelings)."""
    if advice is None or reading.kind is not AnswerKind.STEP or advice.kind is None:
        return reading
    if advice.kind is AnswerKind.CAUSE:
        return replace(reading, kind=AnswerKind.CAUSE, cause=reading.cause or "the process")
    if advice.kind is AnswerKind.SEVERAL and len(advice.branches) >= 2:
        return Reading(AnswerKind.SEVERAL, "", branches=advice.branches[:5])
    if advice.kind in (AnswerKind.SYMPTOM, AnswerKind.LABEL, AnswerKind.BLAME):
        return Reading(advice.kind, reading.kept)
    return reading


async def _take(
    dialogue: Dialogue,
    idea: Idea,
    reply: Answer,
    reading: Reading,
    stopping: bool,
    known: frozenset[str],
    turn: Turn,
) -> list[Action]:
    """Record a why's answer, then sum up, or offer to stop, or ask the next why."""
    notes = _notes(idea, reply, reading, dialogue.position)
    await _record(dialogue, idea, reply.person, reading.kept, turn)
    echo: list[Span] = []
    if not reply.in_thread and not dialogue.private:
        who = author(idea) if reply.person.id == idea.author.id else Mention(reply.person)
        kept = neutral(reading.kept, known)
        echo = [
            Phrase(frames.ANSWERED, person=who, n=dialogue.position, answer=as_said(kept)),
            "\n",
        ]
    if stopping or dialogue.position >= dialogue.depth + 2:
        honest = not stopping and reading.kind is not AnswerKind.CAUSE
        return notes + await finish(dialogue, idea, reply.person, turn, echo, honest=honest)
    advised = turn.advice.question if turn.advice and turn.advice.follows is not False else None
    question = advised or question_from(reading.kept, known)
    said = spoken(question, dialogue.position + 1, reading.kept, known)
    return notes + await _ask_next(dialogue, idea, question, said, echo, reading, turn)


def _notes(idea: Idea, reply: Answer, reading: Reading, position: int) -> list[Action]:
    """Private words that come with a kept answer: thanks, care, what was left out."""
    said: list[str] = []
    if reading.safety:
        said.append(Phrase(frames.SAFETY_ANSWER))
    if reading.lead is AnswerKind.BLAME:
        said.append(Phrase(frames.KEPT_AFTER_BLAME, quote=reading.kept, position=position))
    elif reading.lead is AnswerKind.ADMISSION:
        said.append(Phrase(frames.KEPT_AFTER_ADMISSION, quote=reading.kept, position=position))
    if reading.felt:
        said.append(Phrase(frames.FELT))
    if not said:
        return []
    lines = [span for line in said for span in ("\n", line)][1:]
    return [PrivateReply(reply.person, reply.place, Text.of(*lines))]


async def _coach(
    dialogue: Dialogue,
    idea: Idea,
    reply: Answer,
    reading: Reading,
    asked: Asked,
    earlier: list[str],
    turn: Turn,
) -> list[Action]:
    """An answer that is not a why yet: the coach's move, privately; the why stays open."""
    kind = reading.kind
    if kind is AnswerKind.CORRECTION:
        return await _correct(dialogue, idea, reply, reading.kept, turn)
    if kind is AnswerKind.QUESTION:
        words = coach.question_to_the_coach(reply.text, idea, asked)
        return [PrivateReply(reply.person, reply.place, words)]
    if kind is AnswerKind.BLAME:
        dialogue.coached += 1
    if kind is AnswerKind.FEAR:
        dialogue.private = True
    if kind is AnswerKind.HYPOTHESIS:
        dialogue.pending = ("hypothesis", reading.kept)
    if kind is AnswerKind.SEVERAL:
        dialogue.pending = ("branches", *reading.branches)
    await turn.store.dialogues.save(dialogue)
    place = Place("", direct=True) if kind is AnswerKind.FEAR else reply.place
    return coach.respond(dialogue, idea, reply.person, place, reading, asked, earlier)


async def _pick(
    dialogue: Dialogue, idea: Idea, reply: Answer, branches: tuple[str, ...], turn: Turn
) -> list[Action]:
    """One of several causes chosen: it answers the why; the rest may become ideas."""
    number = int(reply.text.strip(" .#"))
    if not 1 <= number <= len(branches):
        dialogue.pending = ("branches", *branches)
        await turn.store.dialogues.save(dialogue)
        raise UserError(Phrase("Pick a number from 1 to {most}.", most=len(branches)))
    chosen, others = branches[number - 1], branches[: number - 1] + branches[number:]
    actions = await _listen(dialogue, idea, replace(reply, text=chosen), turn)
    dialogue.pending = ("parked", *others)
    await turn.store.dialogues.save(dialogue)
    park = Button(Phrase(frames.PARK), coach.PARK_BUTTON, str(idea.number))
    picked = Phrase(frames.PICKED, quote=as_said(neutral(chosen)))
    words = Card(Text.of(picked), buttons=(park,))
    return [PrivateReply(reply.person, reply.place, words), *actions]


async def _correct(
    dialogue: Dialogue, idea: Idea, reply: Answer, instead: str, turn: Turn
) -> list[Action]:
    """ "Scratch that": take back the last answer; with words after it, answer again."""
    taken = await undo(dialogue, idea, turn)
    if instead:
        following = await _listen(dialogue, idea, replace(reply, text=instead), turn)
        if not taken:
            return following
        note = Text.of(Phrase(frames.TAKEN_BACK, position=dialogue.position))
        return [PrivateReply(reply.person, reply.place, note), *following]
    whys = await turn.store.dialogues.whys(idea.workspace, idea.number)
    asked = _asked(whys, dialogue, idea, await known_names(turn, idea, whys))
    if taken:
        again = Phrase(frames.WHY_N, n=asked.position, question=asked.question)
        words = Phrase(frames.CORRECTED, position=asked.position, question=again)
    else:
        words = Phrase(
            frames.NOTHING_TO_TAKE_BACK, position=asked.position, question=asked.question
        )
    return [PrivateReply(reply.person, reply.place, Text.of(words))]


async def replace_answer(
    dialogue: Dialogue, idea: Idea, reply: Answer, before: str, turn: Turn
) -> list[Action] | None:
    """An edit of the latest answer (by its author, while the whys are asked) stands in for
    it; None for any other edit, which changes nothing."""
    if dialogue.state is not DialogueState.ASKING:
        return None
    whys = await turn.store.dialogues.whys(idea.workspace, idea.number)
    answered = [w for w in whys if w.answer]
    last = answered[-1] if answered else None
    by = last.answered_by if last is not None else None
    if last is None or by is None or by.id != reply.person.id:
        return None
    if (last.answer or "") not in " ".join(before.split()):
        return None
    text = " ".join(reply.text.split())
    if not text or len(text) > MAX_ANSWER:
        return None
    await undo(dialogue, idea, turn)
    note = Text.of(Phrase(frames.EDITED, position=last.position))
    following = await _listen(dialogue, idea, replace(reply, text=text), turn)
    return [PrivateReply(reply.person, reply.place, note), *following]


async def undo(dialogue: Dialogue, idea: Idea, turn: Turn) -> bool:
    """Take back the latest answer: its why is open again. False when there is none."""
    whys = await turn.store.dialogues.whys(idea.workspace, idea.number)
    answered = [w for w in whys if w.answer]
    if dialogue.state is not DialogueState.ASKING or not answered:
        return False
    last = answered[-1]
    last.answer, last.answered_by, last.answered_at = None, None, None
    await turn.store.dialogues.save_why(idea.workspace, idea.number, last)
    await turn.store.dialogues.drop_whys_after(idea.workspace, idea.number, last.position)
    dialogue.position, dialogue.offered, dialogue.pending = last.position, False, ()
    dialogue.asked_at, dialogue.reminded = turn.now, False
    await turn.store.dialogues.save(dialogue)
    return True


async def _ask_next(
    dialogue: Dialogue,
    idea: Idea,
    question: str,
    said: str,
    echo: list[Span],
    reading: Reading,
    turn: Turn,
) -> list[Action]:
    dialogue.position += 1
    dialogue.asked_at, dialogue.reminded, dialogue.coached = turn.now, False, 0
    dialogue.offered = reading.kind is AnswerKind.CAUSE
    why = Why(dialogue.position, str(question), turn.now)
    await turn.store.dialogues.save_why(idea.workspace, idea.number, why)
    await turn.store.dialogues.save(dialogue)
    asked = Phrase(frames.WHY_N, n=dialogue.position, question=said)
    aside = in_private.next_why(idea, dialogue.position, said)
    if not dialogue.offered:
        return [to_people(dialogue, idea, Text.of(*echo, asked), aside)]
    where = frames.CAUSE_IN.get(reading.cause or "", frames.SOMEWHERE_IN_THE_WORK)
    offer = Phrase(frames.OFFER, where=Phrase(where), position=dialogue.position)
    buttons = (
        Button(Phrase(frames.YES_ROOT_CAUSE), ROOT_CAUSE_BUTTON, str(idea.number), "primary"),
        Button(Phrase(frames.KEEP_ASKING), coach.KEEP_ASKING_BUTTON, str(idea.number)),
    )
    card = Card(Text.of(*echo, asked), body=(Text.of(offer),), buttons=buttons)
    private = Card(Text.of(aside), body=(Text.of(offer),), buttons=buttons)
    return [to_people(dialogue, idea, card, private)]


async def finish(
    dialogue: Dialogue,
    idea: Idea,
    person: Person,
    turn: Turn,
    prefix: list[Span] | None = None,
    honest: bool = False,
) -> list[Action]:
    """Name the root cause (the last answer kept), read the chain back, move to Plan."""
    whys = await turn.store.dialogues.whys(idea.workspace, idea.number)
    answered = [why for why in whys if why.answer]
    if not answered:
        raise UserError(
            Phrase(
                "Answer Why #1 of idea #{n} first; then we can call it the root cause.",
                n=idea.number,
            )
        )
    known = await known_names(turn, idea, whys)
    idea.root_cause = neutral(answered[-1].answer or "", known)
    dialogue.state, dialogue.offered, dialogue.pending = DialogueState.COUNTERMEASURE, False, ()
    await turn.store.dialogues.save(dialogue)
    await turn.store.dialogues.drop_whys_after(idea.workspace, idea.number, answered[-1].position)
    await enter(idea, Stage.PLAN, person, turn)
    card = summary(idea, answered, known, prefix or [], honest)
    if dialogue.private:
        public = Text.of(Phrase(frames.SUMMARY_PRIVATELY, n=idea.number))
        return [
            PrivateReply(idea.author, Place("", direct=True), card),
            in_private.in_thread(idea, public, card),
            Update(idea.key, idea_card(idea)),
        ]
    return [in_private.in_thread(idea, card), Update(idea.key, idea_card(idea))]


async def _record(dialogue: Dialogue, idea: Idea, person: Person, given: str, turn: Turn) -> None:
    whys = await turn.store.dialogues.whys(idea.workspace, idea.number)
    current = next(w for w in whys if w.position == dialogue.position)
    current.answer, current.answered_by, current.answered_at = given, person, turn.now
    await turn.store.dialogues.save_why(idea.workspace, idea.number, current)


def _asked(whys: list[Why], dialogue: Dialogue, idea: Idea, known: frozenset[str]) -> Asked:
    return Asked(dialogue.position, question_of(whys, dialogue.position, idea.text, known))


def _anonymity_tip(idea: Idea, reply: Answer) -> list[Action]:
    if not (reply.in_thread and idea.anonymous and reply.person.id == idea.author.id):
        return []
    tip = Phrase(
        "Heads-up: replies in the thread show your name. To stay anonymous, answer with "
        "`kaizen answer {n} <answer>` in a direct chat with me.",
        n=idea.number,
    )
    return [PrivateReply(reply.person, reply.place, Text.of(tip))]
