"""Spotting an idea that was given before: the same problem gets one thread, not two.

Word overlap is enough here: ideas are short, and people describing the same trouble use
the same nouns ("label printer", "night shift"). The hint is a suggestion; the author (or
whoever knows better) decides with the "Same as #N" button.
"""

from __future__ import annotations

from bot.actions import Action, PrivateReply, Reply
from bot.content import Button, Card, Text
from bot.errors import UserError
from bot.events import ButtonPress
from bot.ideas.cards import actor
from bot.ideas.lifecycle import move
from bot.ideas.lookup import find_idea, idea_number
from bot.language.overlap import likeness, words
from bot.model.ideas import Idea, Stage
from bot.people import Place
from bot.router import Router
from bot.turn import Turn

SAME_BUTTON = "idea.same_as"
LIKENESS = 0.45
"""Share of distinct words two ideas must have in common to be called alike."""
SEARCHED = 500
"""How many of the newest open ideas are compared with a new one."""


async def closest(idea: Idea, turn: Turn) -> Idea | None:
    """The open idea most like `idea`, when one is alike enough."""
    mine = words(idea.text)
    best, score = None, LIKENESS
    for number, text in await turn.store.ideas.open_texts(idea.workspace, SEARCHED):
        if number == idea.number:
            continue
        alike = likeness(mine, words(text), least_shared=2)
        if alike >= score:
            best, score = number, alike
    return None if best is None else await turn.store.ideas.get(idea.workspace, best)


def hint(idea: Idea, earlier: Idea) -> Reply:
    """Said in the new idea's thread: it links the earlier one and offers to join them."""
    card = Card(
        title=Text.of(f"This sounds like idea #{earlier.number} ({earlier.stage.label})"),
        body=(Text.of(f"#{earlier.number}: {earlier.text}"),),
        footer=Text.of(
            f"If it is the same problem, its thread is the place to add to. "
            f"kaizen show {earlier.number}"
        ),
        buttons=(
            Button(f"Same as #{earlier.number}", SAME_BUTTON, f"{idea.number}:{earlier.number}"),
        ),
    )
    return Reply(idea.key, card)


async def same_as(press: ButtonPress, turn: Turn) -> list[Action]:
    number, _, earlier_number = press.value.partition(":")
    idea = await find_idea(turn, press.workspace, idea_number(number))
    earlier = await find_idea(turn, press.workspace, idea_number(earlier_number))
    if not idea.stage.is_open:
        raise UserError(f"Idea #{idea.number} is already {idea.stage.label}.")
    if earlier.number == idea.number:
        raise UserError(f"Idea #{idea.number} cannot be the same as itself.")
    if not earlier.stage.is_open:
        raise UserError(
            f"Idea #{earlier.number} is {earlier.stage.label} now, so its thread does not "
            f"carry on: idea #{idea.number} stays on its own."
        )
    idea.duplicate_of = earlier.number
    await turn.store.ideas.save(idea, turn.now)
    actions = await move(press, idea.number, Stage.DROPPED, f"same as #{earlier.number}", turn)
    voice = Text.of(
        actor(idea, press.person),
        f" found that idea #{idea.number} raises the same problem: one more voice for this one.",
    )
    actions.append(Reply(earlier.key, voice))
    # Whoever raised it again knows the problem first-hand: they may answer its whys too.
    await turn.store.dialogues.add_guests(idea.workspace, earlier.number, [idea.author])
    if earlier.author.id not in (press.person.id, idea.author.id):
        raised_by = "A teammate" if idea.anonymous else idea.author.name
        words = (
            f"One more voice for your idea #{earlier.number}: {raised_by} raised the same "
            f"problem as idea #{idea.number}, now joined with yours."
        )
        actions.append(PrivateReply(earlier.author, Place(earlier.channel), Text.of(words)))
    if press.person.id == idea.author.id:
        actions.append(
            PrivateReply(
                idea.author,
                Place(idea.channel),
                Text.of(f"Thanks! Idea #{earlier.number}'s thread is the place to add to it."),
            )
        )
    return actions


def register(router: Router) -> None:
    router.button(SAME_BUTTON)(same_as)
