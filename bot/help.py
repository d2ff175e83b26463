"""`kaizen help`: what the bot does and how to ask for it."""

from __future__ import annotations

import re

from bot.actions import Action, PrivateReply
from bot.content import Card, Text
from bot.events import Command
from bot.router import Router
from bot.turn import Turn

_USAGE = (
    ("kaizen <idea>", "record an idea; I ask a few whys in its thread to find the root cause"),
    ("kaizen idea: <idea>", "the same, for an idea that starts like a command"),
    ("kaizen", "open the idea form (problem, proposal, category, path, anonymous)"),
    ("kaizen list [mine|open|all]", "list ideas (open by default)"),
    ("kaizen show N", "idea #N with its whys, root cause and stages"),
    ("kaizen move N plan|do|check|act|done|dropped [reason]", "move idea #N along PDCA"),
    ("kaizen take N, kaizen assign N @person", "own idea #N, or ask someone to"),
    ("kaizen strategic N <goal>, kaizen operational N", "change the path of idea #N"),
    ("kaizen stats [week|month|quarter|year|all] [here]", "lead time, share done, participation"),
    ("kaizen board", "a link to this workspace's board, for you"),
    ("kaizen export [csv|json]", "admins: a link to download every idea"),
    ("kaizen answer N <answer>", "answer the open why of idea #N from anywhere"),
    ("kaizen invite N @person", "let someone help answer the whys of your idea #N"),
    ("kaizen whoami", "your user id here, and whether you are an admin"),
    ("kaizen help", "this help"),
)


def usage(depth: int, stop_word: str) -> Card:
    lines = [Text.of(f"{command}: {what}") for command, what in _USAGE]
    return Card(
        title=Text.of("Kaizen Bot: small improvements, every day"),
        body=(
            *lines,
            Text.of(
                f"In an idea's thread, each reply answers the current why. After {depth} whys, "
                f"or when you say \u201c{stop_word}\u201d, I sum up the root cause and the idea "
                "moves to Plan."
            ),
        ),
    )


_SUBCOMMAND_USAGE = {
    "show": "Which idea? `kaizen show N`, for example `kaizen show 1`.",
    "move": "Move which idea where? `kaizen move N <stage>`, for example `kaizen move 1 do`.",
    "answer": "Answer which idea? `kaizen answer N <your answer>`.",
    "invite": "Invite whom to which idea? `kaizen invite N @person`.",
    "take": "Take which idea? `kaizen take N`.",
    "assign": "Assign which idea to whom? `kaizen assign N @person`.",
    "strategic": "Which idea, for which goal? `kaizen strategic N <goal>`.",
    "operational": "Which idea? `kaizen operational N`.",
    "stats": "Numbers for when, and where? `kaizen stats [week|month|quarter|year|all] [here]`.",
    "list": "Which ideas? `kaizen list mine`, `kaizen list open` or `kaizen list all`.",
    "credit-me": "Be named for which of your anonymous ideas? `kaizen credit-me N`.",
    "standup": "`kaizen standup`, `kaizen standup list` or `kaizen standup away [until DATE]`.",
    "board": "`kaizen board` sends you a link to this workspace's board.",
    "help": "`kaizen help` lists everything I can do.",
    "whoami": "`kaizen whoami` tells you your user id here.",
    "export": "`kaizen export csv` or `kaizen export json` (admins): every idea, to download.",
}
_ARGUMENT = re.compile(r"#?\d+|@\S+|<@\S+>")
_SHORT = 3
"""An idea is a sentence: a command word and three words or fewer is a command gone wrong."""


def misused_command(text: str) -> str | None:
    """The usage line for text that starts like a command but did not parse as one; None
    for text that only happens to start with a command word ("move the printer closer to
    the packing table" is an idea). Posting a mistyped command as a public idea would be
    worse than asking the person to say `kaizen idea: ...`."""
    words = text.split()
    if not words:
        return None
    verb, rest = words[0].lower(), words[1:]
    has_argument = any(_ARGUMENT.fullmatch(word) for word in rest)
    plural = verb.endswith("s") and verb[:-1] in _SUBCOMMAND_USAGE
    if plural and (has_argument or not rest) and len(rest) <= _SHORT:
        verb = verb[:-1]
    sentence = len(rest) > _SHORT and not _ARGUMENT.fullmatch(rest[0])
    if verb not in _SUBCOMMAND_USAGE or sentence:
        return None
    return (
        f"{_SUBCOMMAND_USAGE[verb]} If you meant it as an idea, say `kaizen idea: {text}`."
        if rest
        else _SUBCOMMAND_USAGE[verb]
    )


def register(router: Router) -> None:
    @router.command("kaizen", r"help|\?|-h|--help")
    async def help_command(command: Command, _match: re.Match[str], turn: Turn) -> list[Action]:
        settings = turn.settings.five_whys
        card = usage(settings.depth, settings.stop_words[0])
        return [PrivateReply(command.person, command.place, card)]

    @router.command("kaizen", r"whoami")
    async def whoami(command: Command, _match: re.Match[str], turn: Turn) -> list[Action]:
        """Admins are listed by user id in app.yaml; this is how people find theirs."""
        person = command.person
        role = (
            "You are an admin here."
            if person.id in turn.settings.admins
            else "To make someone an admin, list their id under `admins:` in app.yaml."
        )
        words = f"You are {person.name}; your user id here is {person.id}. {role}"
        return [PrivateReply(person, command.place, Text.of(words))]
