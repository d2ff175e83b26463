"""Putting a why to people: where it goes (the thread, or only the author) and in whose words.

A question is built from the answer with names taken out: a rewrite when it is certain
("The rollers are dusty" -> "Why are the rollers dusty?"), else the person's own words in
a fixed frame, which is right in any language and any sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.actions import Action, PrivateReply
from bot.content import Content, Span, Text
from bot.ideas import in_private
from bot.language import frames
from bot.language import lexicon as lx
from bot.language.answers import has, padded
from bot.language.names import COLLEAGUE, name_words, names_in, neutral
from bot.language.phrases import Phrase
from bot.language.phrasing import confident_why
from bot.model.ideas import Idea
from bot.model.whys import Dialogue, Why
from bot.people import Person, Place
from bot.turn import Turn
from bot.wording import lower_first


@dataclass(frozen=True)
class Answer:
    """A reply to a dialogue: who, where, what, and whether it was written in the thread."""

    person: Person
    place: Place
    text: str
    in_thread: bool
    mentions: tuple[Person, ...] = ()


@dataclass(frozen=True)
class Asked:
    """The open why: its number and its question."""

    position: int
    question: str


async def known_names(turn: Turn, idea: Idea, whys: list[Why] | None = None) -> frozenset[str]:
    """The words of people's names to keep out of public posts: the workspace's members,
    the author, and every name typed so far in the idea and its answers ("Kelly forgot" in
    the idea makes "Kelly was covering two wards" a name in a later answer too). `whys`,
    when the caller has read them already, saves reading them again."""
    members = await turn.store.people.names(idea.workspace)
    known = name_words({*members, idea.author.name})
    if whys is None:
        whys = await turn.store.dialogues.whys(idea.workspace, idea.number)
    said = [idea.text, *(why.answer or "" for why in whys)]
    typed = {name for text in said for name in names_in(text, known)}
    return known | name_words(typed)


def question_from(answer: str, known: frozenset[str]) -> str:
    """The next why, from an answer: a certain rewrite, or the answer quoted in a frame.
    In English as it is stored; `spoken` says it in the reader's language."""
    said = neutral(answer, known)
    return confident_why(said) or Phrase(frames.QUOTE_FRAME, quote=_short(said))


def first_question(idea_text: str, known: frozenset[str], safety: bool) -> str:
    """Why #1: from the idea's own words; for a safety event, about what made it possible."""
    said = neutral(idea_text, known)
    if safety:
        return Phrase(frames.SAFETY_FIRST_WHY, quote=_short(said))
    if said.endswith("?") and said.split()[0].lower() == "why":
        return said
    return confident_why(said) or Phrase(frames.QUOTE_FIRST, quote=_short(said))


_QUOTING = (frames.QUOTE_FRAME, frames.QUOTE_FIRST, frames.SAFETY_FIRST_WHY)
_OURS = (frames.STILL_OPEN_QUESTION, "Why does this happen?")


def spoken(question: str, position: int, before: str, known: frozenset[str] = frozenset()) -> str:
    """A why's question (as stored, in English) as a reader of any language gets it: a frame
    quoting someone's words in the frame's own words; a question the coach built by English
    grammar in English, and elsewhere as the words it came from (`before`: the idea for Why
    #1, else the answer before it) quoted; anything else (a person's own question, the
    advisor's in the team's language) as it is."""
    for frame in _QUOTING:
        head, _, tail = frame.partition("{quote}")
        if (
            len(question) >= len(head + tail)
            and question.startswith(head)
            and question.endswith(tail)
        ):
            return Phrase(frame, quote=as_said(question[len(head) : len(question) - len(tail)]))
    if question in _OURS:
        return Phrase(frames.STILL_OPEN_QUESTION)
    if not question.startswith(("Why ", "What ")):
        return question
    if position == 1 and question == neutral(before, known):
        return question  # the idea was itself a why-question: the author's own words
    frame = frames.QUOTE_FIRST if position == 1 else frames.QUOTE_FRAME
    quoted = Phrase(frame, quote=as_said(_short(neutral(before, known))))
    return Phrase.in_english(question, elsewhere=quoted)


def as_said(words: str) -> str | Text:
    """Someone's words, names taken out, as a Phrase's argument: each "a colleague" that
    `neutral` put in for a name is said in the reader's language."""
    if COLLEAGUE not in words.casefold():
        return words
    spans: list[Span] = []
    for index, part in enumerate(_COLLEAGUE.split(words)):
        if index % 2:
            spans.append(Phrase("A colleague") if part[0] == "A" else Phrase("a colleague"))
        elif part:
            spans.append(part)
    return Text.of(*spans)


_COLLEAGUE = re.compile(f"({re.escape(COLLEAGUE)})", re.IGNORECASE)


def question_of(whys: list[Why], position: int, idea_text: str, known: frozenset[str]) -> str:
    """The question of Why #position as `spoken` says it, from the stored whys."""
    current = next((w for w in whys if w.position == position), None)
    if current is None:
        return Phrase(frames.STILL_OPEN_QUESTION)
    earlier = next((w for w in whys if w.position == position - 1), None)
    before = idea_text if position == 1 or earlier is None else earlier.answer or ""
    return spoken(current.question, position, before, known)


def mid_sentence(text: str) -> str:
    """Someone's words going on in a sentence ("Root cause: nobody cleans them"): the first
    word lower-cased, as English and Vietnamese write it; German words as they are, since a
    noun keeps its capital there, and so does a whole sentence after a colon
    ("Grundursache: Sensor fehlt")."""
    return text if has(padded(text), lx.GERMAN) else lower_first(text)


def to_people(
    dialogue: Dialogue, idea: Idea, content: Content, private: Content | None = None
) -> Action:
    """A message of the dialogue: in the idea's thread, or to the author alone once the
    dialogue moved out of the thread."""
    if dialogue.private:
        return PrivateReply(idea.author, Place("", direct=True), private or content)
    return in_private.in_thread(idea, content, private)


def _short(text: str, most: int = 200) -> str:
    text = " ".join(text.split()).rstrip(" .!?")
    return text if len(text) <= most else text[: most - 1].rstrip() + "\u2026"
