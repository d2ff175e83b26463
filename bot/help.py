"""`kaizen help` and `kaizen whoami`: what the bot does and how to ask for it.

The help card is drawn from the router's grammar, so it lists exactly the commands that are
registered, in the words they registered with.
"""

from __future__ import annotations

import re
from functools import partial

from bot.actions import Action, PrivateReply
from bot.content import Card, Text
from bot.events import Command
from bot.grammar import Grammar
from bot.language.phrases import N_, Phrase
from bot.language.stops import stop_word
from bot.router import Router
from bot.turn import Turn

GROUPS = {"Ideas": N_("Ideas"), "Stand-ups": N_("Stand-ups"), "Kudos": N_("Kudos")}
"""The groups' names as help shows them (the README's and the grammar's are the English)."""


def usage(grammar: Grammar, depth: int, stop_word: str) -> Card:
    """Every listed command under its group's name, then how a thread's whys end."""
    body: list[Text] = []
    for group in grammar.groups():
        name = Phrase(GROUPS[group]) if group in GROUPS else group
        body.append(Text.of(Phrase("{group}:", group=name)))
        body += [Text.of(syntax.line()) for syntax in grammar.listed(group)]
    body.append(
        Text.of(
            Phrase(
                "In an idea's thread, each reply answers the current why. I keep what points "
                "to the work and offer to stop when an answer is a cause the team can change "
                "(about {depth} whys, at most {most}); say \u201c{stop_word}\u201d to stop "
                "sooner. Then I sum up the root cause and the idea moves to Plan.",
                depth=depth,
                most=depth + 2,
                stop_word=stop_word,
            )
        )
    )
    title = Phrase("Kaizen Bot: small improvements, every day")
    return Card(title=Text.of(title), body=tuple(body))


async def help_command(
    grammar: Grammar, command: Command, _match: re.Match[str], turn: Turn
) -> list[Action]:
    settings = turn.settings.five_whys
    card = usage(grammar, settings.depth, stop_word(settings.stop_words))
    return [PrivateReply(command.person, command.place, card)]


async def whoami(command: Command, _match: re.Match[str], turn: Turn) -> list[Action]:
    """Admins are listed by user id in app.yaml; this is how people find theirs."""
    person = command.person
    role = (
        Phrase("You are an admin here.")
        if person.id in turn.settings.admins
        else Phrase("To make someone an admin, list their id under `admins:` in app.yaml.")
    )
    words = Phrase(
        "You are {name}; your user id here is {id}. {role}",
        name=person.name,
        id=person.id,
        role=role,
    )
    return [PrivateReply(person, command.place, Text.of(words))]


def register(router: Router) -> None:
    router.command(
        "kaizen",
        r"whoami",
        usage="kaizen whoami",
        summary=Phrase("your user id here, and whether you are an admin"),
        hint=Phrase("`kaizen whoami` tells you your user id here."),
        group="Ideas",
    )(whoami)
    router.command(
        "kaizen",
        r"help|\?|-h|--help",
        usage="kaizen help",
        summary=Phrase("this help, privately"),
        hint=Phrase("`kaizen help` lists everything I can do."),
        group="Ideas",
    )(partial(help_command, router.grammar))
