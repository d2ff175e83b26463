"""What the advisor model is asked about an answer, found before the turn's transaction.

A model call takes seconds; a turn holds the database's one writer (SQLite). So the engine
asks first, on a read-only view: which open why does this event answer? The lookups mirror
the answer handlers in `whys.py` (a reply in an idea's thread, a line in a direct chat,
`kaizen answer N`), and where they would not take the text as an answer, nothing is sent.
"""

from __future__ import annotations

import logging
import re

from bot.events import Command, Message
from bot.ideas.dialogue import MAX_ANSWER
from bot.language.advice import Advice, AdviceRequest, Advisor, checked
from bot.language.names import name_words
from bot.model.ideas import Idea
from bot.model.keys import IdeaKey, parse_key
from bot.model.whys import Dialogue, DialogueState, Why
from bot.people import Person
from bot.store import Store

log = logging.getLogger(__name__)

ANSWER = re.compile(r"answer\s+#?(?P<number>\d+)(?:\s+(?P<text>.+))?", re.IGNORECASE | re.DOTALL)
"""`kaizen answer N <answer>`, as `whys.register` routes it (a test keeps the two alike)."""


async def advice_request(event: Command | Message, store: Store) -> AdviceRequest | None:
    """What to ask about the answer `event` gives to an open why; None when it gives none."""
    found = await _answered(event, store)
    if found is None:
        return None
    (idea, dialogue), text = found, " ".join(_text(event).split())
    if not text or len(text) > MAX_ANSWER or dialogue.state is not DialogueState.ASKING:
        return None
    whys = sorted(await store.dialogues.whys(idea.workspace, idea.number), key=_position)
    open_why = next((why for why in whys if why.position == dialogue.position), None)
    if open_why is None:
        return None
    chain = tuple(
        (why.question, why.answer)
        for why in whys
        if why.answer and why.position < dialogue.position
    )
    people = [event.person, idea.author, *event.mentions]
    people += [why.answered_by for why in whys if why.answered_by is not None]
    names = await store.people.names(idea.workspace)
    known = name_words([*names, *(person.name for person in people)])
    return AdviceRequest(idea.text, chain, open_why.question, text, known)


async def ask(advisor: Advisor, request: AdviceRequest) -> Advice | None:
    """The advisor's reading as far as the rules let it through; None on any failure."""
    try:
        reading = await advisor.advise(request)
    except Exception:
        log.warning("the advisor failed; the rules go on alone", exc_info=True)
        return None
    return None if reading is None else checked(reading, request)


async def _answered(event: Command | Message, store: Store) -> tuple[Idea, Dialogue] | None:
    """The idea and the open dialogue the event answers, as the handlers would find them."""
    workspace, place = event.workspace, event.place
    if isinstance(event, Command):
        found = ANSWER.fullmatch(event.text.strip()) if event.name == "kaizen" else None
        if found is None or not found["text"]:
            return None
        return await _open(workspace, int(found["number"]), event.person, store)
    if place.thread is not None:
        key = parse_key(await store.messages.key_at(workspace, place.channel, place.thread))
        if isinstance(key, IdeaKey) and await store.ideas.get(workspace, key.number):
            dialogue = await store.dialogues.get(workspace, key.number)
            if dialogue is not None and dialogue.is_open:
                return await _open(workspace, key.number, event.person, store)
            if not place.direct:
                return None
        elif key is not None and not isinstance(key, IdeaKey):
            return None  # another kind's thread (a stand-up's): its own handler takes it
    if not place.direct:
        return None
    latest = await store.dialogues.latest_open(workspace, event.person)
    return (
        None if latest is None else await _open(workspace, latest.idea_number, event.person, store)
    )


async def _open(
    workspace: str, number: int, person: Person, store: Store
) -> tuple[Idea, Dialogue] | None:
    """Idea #number and its open dialogue, when `person` may answer it."""
    idea = await store.ideas.get(workspace, number)
    dialogue = await store.dialogues.get(workspace, number)
    if idea is None or dialogue is None or not dialogue.is_open:
        return None
    if not idea.may_be_answered_by(person, await store.dialogues.guests(workspace, number)):
        return None
    return idea, dialogue


def _text(event: Command | Message) -> str:
    if isinstance(event, Command):
        found = ANSWER.fullmatch(event.text.strip())
        return found["text"] if found is not None and found["text"] else ""
    return event.text


def _position(why: Why) -> int:
    return why.position
