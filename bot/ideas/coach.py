"""The coach's private replies to answers that are not whys yet.

Each kind of answer gets the move a good facilitator makes, and only the person who said
it sees it: a blame, a fear, a feeling or an admission is never repeated in the thread.
The open why stays open; nothing here is recorded in the chain.
"""

from __future__ import annotations

from bot.actions import Action, PrivateReply
from bot.content import Button, Card, Content, Text
from bot.ideas.asking import Asked, as_said
from bot.language import frames
from bot.language.advice import AnswerKind
from bot.language.answers import Reading, padded
from bot.language.names import neutral
from bot.language.phrases import Arg, Phrase
from bot.model.ideas import Idea
from bot.model.whys import Dialogue
from bot.people import Person, Place

PAUSE_BUTTON = "why.pause"
KEEP_ASKING_BUTTON = "why.keep_asking"
PARK_BUTTON = "why.park"


def respond(
    dialogue: Dialogue,
    idea: Idea,
    person: Person,
    place: Place,
    reading: Reading,
    asked: Asked,
    earlier: list[str],
) -> list[Action]:
    """The private reply to `reading` (any kind that is not a why)."""
    content = _words_for(dialogue, idea, reading, asked, earlier)
    return [PrivateReply(person, place, content)]


def _words_for(
    dialogue: Dialogue, idea: Idea, reading: Reading, asked: Asked, earlier: list[str]
) -> Content:
    fill: dict[str, Arg] = {"n": idea.number, "position": asked.position}
    fill["question"] = asked.question
    kind = reading.kind
    if kind is AnswerKind.BLAME:
        remark = frames.BLAME[max(dialogue.coached - 1, 0) % len(frames.BLAME)]
        return Text.of(Phrase(remark, **fill))
    if kind is AnswerKind.UNSURE:
        pause = Button(Phrase(frames.PAUSE), PAUSE_BUTTON, str(idea.number))
        return Card(Text.of(Phrase(frames.UNSURE)), buttons=(pause,))
    if kind is AnswerKind.HYPOTHESIS:
        quote = as_said(neutral(reading.kept))
        return Text.of(Phrase(frames.HYPOTHESIS, quote=quote, **fill))
    if kind is AnswerKind.SEVERAL:
        listed = "\n".join(f"{i}. {neutral(b)}" for i, b in enumerate(reading.branches, 1))
        count = len(reading.branches)
        return Text.of(Phrase(frames.SEVERAL, count=count, listed=as_said(listed), **fill))
    if kind is AnswerKind.REPEAT and reading.repeat_of is not None:
        quote = as_said(neutral(earlier[reading.repeat_of - 1]))
        return Text.of(Phrase(frames.REPEAT, earlier=reading.repeat_of, quote=quote, **fill))
    if kind is AnswerKind.LABEL:
        again = Phrase(frames.WHY_N, n=asked.position, question=asked.question)
        return Text.of(Phrase(_label_question(reading)), " ", again)
    return Text.of(Phrase(_SIMPLE.get(kind, frames.JUNK), **fill))


def question_to_the_coach(text: str, idea: Idea, asked: Asked) -> Text:
    """An honest answer to what the person asked the coach, then the open why again."""
    fill: dict[str, Arg] = {"n": idea.number, "position": asked.position}
    fill["question"] = asked.question
    low = padded(text)
    if any(w in low for w in _WHO_SEES):
        return Text.of(Phrase(frames.QUESTION_WHO_SEES, **fill))
    if any(w in low for w in _WHAT_TO_SAY):
        return Text.of(Phrase(frames.QUESTION_WHAT, **fill))
    return Text.of(Phrase(frames.QUESTION_WHY, **fill))


def _label_question(reading: Reading) -> str:
    low = padded(reading.kept)
    for label, words in frames.LABEL_WORDS.items():
        if any(f" {word} " in low for word in words):
            return frames.LABEL[label]
    return frames.LABEL[""]


_WHO_SEES = (
    " see ", " sees ", " anonymous ", " private ", " reads ",
    " sieht ", " sehen ", " anonym ", " privat ", " liest ",
    " xem ", " ẩn danh ", " riêng tư ", " đọc ",
)  # fmt: skip
_WHAT_TO_SAY = (
    " mean ", " say ", " answer ", " want ",
    " meinst ", " sagen ", " antworten ", " willst ",
    " ý bạn ", " nói gì ", " trả lời ", " muốn ",
)  # fmt: skip

_SIMPLE = {
    AnswerKind.SYMPTOM: frames.SYMPTOM,
    AnswerKind.ADMISSION: frames.ADMISSION,
    AnswerKind.EMOTION: frames.EMOTION,
    AnswerKind.FEAR: frames.FEAR,
    AnswerKind.QUESTION: frames.QUESTION_WHY,
    AnswerKind.JUNK: frames.JUNK,
}
