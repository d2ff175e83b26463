"""Putting a why to people: where it goes (the thread, or only the author) and in whose words.

A question is built from the answer with names taken out: a rewrite when it is certain
("The rollers are dusty" -> "Why are the rollers dusty?"), else the person's own words in
a fixed frame, which is right in any language and any sentence.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.actions import Action, PrivateReply
from bot.content import Content
from bot.ideas import in_private
from bot.language import frames
from bot.language.names import name_words, names_in, neutral
from bot.language.phrasing import confident_why
from bot.model.ideas import Idea
from bot.model.whys import Dialogue, Why
from bot.people import Person, Place
from bot.turn import Turn


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
    """The next why, from an answer: a certain rewrite, or the answer quoted in a frame."""
    said = neutral(answer, known)
    return confident_why(said) or frames.QUOTE_FRAME.format(quote=_short(said))


def first_question(idea_text: str, known: frozenset[str], safety: bool) -> str:
    """Why #1: from the idea's own words; for a safety event, about what made it possible."""
    said = neutral(idea_text, known)
    if safety:
        return frames.SAFETY_FIRST_WHY.format(quote=_short(said))
    if said.endswith("?") and said.split()[0].lower() == "why":
        return said
    return confident_why(said) or frames.QUOTE_FIRST.format(quote=_short(said))


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
