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
from bot.language.labels import stage_name
from bot.language.overlap import likeness, words
from bot.language.phrases import Phrase
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
        title=Text.of(
            Phrase(
                "This sounds like idea #{number} ({stage})",
                number=earlier.number,
                stage=stage_name(earlier.stage),
            )
        ),
        body=(Text.of(f"#{earlier.number}: {earlier.text}"),),
        footer=Text.of(
            Phrase(
                "If it is the same problem, its thread is the place to add to. "
                "kaizen show {number}",
                number=earlier.number,
            )
        ),
        buttons=(
            Button(
                Phrase("Same as #{number}", number=earlier.number),
                SAME_BUTTON,
                f"{idea.number}:{earlier.number}",
            ),
        ),
    )
    return Reply(idea.key, card)


async def same_as(press: ButtonPress, turn: Turn) -> list[Action]:
    number, _, earlier_number = press.value.partition(":")
    idea = await find_idea(turn, press.workspace, idea_number(number))
    earlier = await find_idea(turn, press.workspace, idea_number(earlier_number))
    if not idea.stage.is_open:
        raise UserError(
            Phrase(
                "Idea #{number} is already {stage}.",
                number=idea.number,
                stage=stage_name(idea.stage),
            )
        )
    if earlier.number == idea.number:
        raise UserError(Phrase("Idea #{number} cannot be the same as itself.", number=idea.number))
    if not earlier.stage.is_open:
        raise UserError(
            Phrase(
                "Idea #{earlier} is {stage} now, so its thread does not carry on: idea "
                "#{number} stays on its own.",
                earlier=earlier.number,
                stage=stage_name(earlier.stage),
                number=idea.number,
            )
        )
    idea.duplicate_of = earlier.number
    await turn.store.ideas.save(idea, turn.now)
    actions = await move(press, idea.number, Stage.DROPPED, f"same as #{earlier.number}", turn)
    voice = Text.of(
        Phrase(
            "{person} found that idea #{number} raises the same problem: one more voice for "
            "this one.",
            person=actor(idea, press.person),
            number=idea.number,
        )
    )
    actions.append(Reply(earlier.key, voice))
    # Whoever raised it again knows the problem first-hand: they may answer its whys too.
    await turn.store.dialogues.add_guests(idea.workspace, earlier.number, [idea.author])
    if earlier.author.id not in (press.person.id, idea.author.id):
        words = (
            Phrase(
                "One more voice for your idea #{earlier}: A teammate raised the same problem "
                "as idea #{number}, now joined with yours.",
                earlier=earlier.number,
                number=idea.number,
            )
            if idea.anonymous
            else Phrase(
                "One more voice for your idea #{earlier}: {author} raised the same problem "
                "as idea #{number}, now joined with yours.",
                earlier=earlier.number,
                author=idea.author.name,
                number=idea.number,
            )
        )
        actions.append(PrivateReply(earlier.author, Place(earlier.channel), Text.of(words)))
    if press.person.id == idea.author.id:
        actions.append(
            PrivateReply(
                idea.author,
                Place(idea.channel),
                Text.of(
                    Phrase(
                        "Thanks! Idea #{number}'s thread is the place to add to it.",
                        number=earlier.number,
                    )
                ),
            )
        )
    return actions


def register(router: Router) -> None:
    router.button(SAME_BUTTON)(same_as)
