"""After the summary: the countermeasure, which must change the work, not a person.

"done", "thanks" or "not sure" are no countermeasure; they get a short question, privately.
A countermeasure aimed at a person ("tell him to be more careful") gets a word on changing
the work instead. A real one is kept without names and the idea waits to be tried.
"""

from __future__ import annotations

from bot.actions import Action, PrivateReply
from bot.content import Text
from bot.ideas.asking import Answer, as_said
from bot.ideas.plan import start_plan
from bot.language import frames
from bot.language import lexicon as lx
from bot.language.advice import AnswerKind
from bot.language.answers import has, is_one_of, padded, read
from bot.language.phrases import Phrase
from bot.model.ideas import Idea
from bot.model.whys import Dialogue, DialogueState
from bot.turn import Turn


async def countermeasure(dialogue: Dialogue, idea: Idea, reply: Answer, turn: Turn) -> list[Action]:
    """After the summary: a countermeasure that changes the work; anything else is asked
    for again, privately and briefly."""
    text, low = reply.text, padded(reply.text)
    stop_words = turn.settings.five_whys.stop_words
    reading = read(text)
    if (
        is_one_of(text, lx.NOT_A_COUNTERMEASURE)
        or is_one_of(text, stop_words)
        or reading.kind in (AnswerKind.JUNK, AnswerKind.UNSURE, AnswerKind.QUESTION)
    ):
        root = as_said(idea.root_cause or "")
        words = Phrase(frames.WHAT_COUNTERMEASURE, root=root)  # said privately
        return [PrivateReply(reply.person, reply.place, Text.of(words))]
    if reading.kind is AnswerKind.BLAME or has(low, lx.ON_A_PERSON):
        words = Phrase(frames.COUNTERMEASURE_ON_A_PERSON)
        return [PrivateReply(reply.person, reply.place, Text.of(words))]
    dialogue.state = DialogueState.CLOSED
    await turn.store.dialogues.save(dialogue)
    return await start_plan(dialogue, idea, reply.person, reply.place, reply.mentions, text, turn)
