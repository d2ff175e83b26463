"""Finding ideas again: `kaizen list` and `kaizen show N`, answered privately."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import cast

from bot.actions import Action, PrivateReply
from bot.content import Link, Text
from bot.errors import UserError
from bot.events import Command
from bot.ideas.cards import Record, idea_line, idea_story
from bot.ideas.lookup import find_idea
from bot.language.phrases import N_, Phrase
from bot.model.ideas import IdeaFilter
from bot.router import Router
from bot.turn import Turn

LIST_LIMIT = 25
_FILTERS = ("mine", "open", "all")
_HEADINGS = {
    "mine": N_("Your ideas ({total}):"),
    "open": N_("Open ideas ({total}):"),
    "all": N_("All ideas ({total}):"),
}
_EMPTY = {
    "mine": N_(
        "You haven't given an idea yet. No idea is too small: `kaizen <what could be better>`."
    ),
    "open": N_("No open ideas right now. Start one: `kaizen <what could be better>`."),
    "all": N_("No ideas yet. Start the first: `kaizen <what could be better>`."),
}


async def list_ideas(command: Command, match: re.Match[str], turn: Turn) -> list[Action]:
    which = (match["which"] or "open").lower()
    if which not in _FILTERS:
        raise UserError(
            Phrase("List which ideas? `kaizen list mine`, `kaizen list open` or `kaizen list all`.")
        )
    chosen = cast(IdeaFilter, which)
    ideas, total = await turn.store.ideas.find(
        command.workspace, chosen, command.person, LIST_LIMIT
    )
    if not ideas:
        return [PrivateReply(command.person, command.place, Text.of(Phrase(_EMPTY[which])))]
    lines = [Text.of(Phrase(_HEADINGS[which], total=total))]
    lines += [idea_line(idea, command.person) for idea in ideas]
    if total > len(ideas):
        older = total - len(ideas)
        lines.append(
            Text.of(Phrase("\u2026and {older} older. The board shows them all.", older=older))
        )
    return [PrivateReply(command.person, command.place, Text.of(*_joined(lines)))]


async def show(command: Command, match: re.Match[str], turn: Turn) -> list[Action]:
    idea = await find_idea(turn, command.workspace, int(match["number"]))
    ideas = turn.store.ideas
    record = Record(
        whys=await turn.store.dialogues.whys(idea.workspace, idea.number),
        history=await ideas.history(idea.workspace, idea.number),
        checks=await ideas.checks(idea.workspace, idea.number),
        spread_to=await ideas.spread_of(idea.workspace, idea.number),
    )
    story = idea_story(idea, record, command.person, turn.settings.timezone)
    a3 = turn.links.idea(idea.workspace, idea.number)
    if a3 is not None:
        page = Phrase("Its A3 page: idea {link}", link=Link(a3, f"#{idea.number}"))
        story = replace(story, footer=Text.of(page))
    return [PrivateReply(command.person, command.place, story)]


def register(router: Router) -> None:
    router.command(
        "kaizen",
        r"list(?:\s+(?P<which>\S+))?",
        usage="kaizen list [mine|open|all]",
        summary=Phrase("lists ideas, privately (open by default)"),
        hint=Phrase("Which ideas? `kaizen list mine`, `kaizen list open` or `kaizen list all`."),
        group="Ideas",
    )(list_ideas)
    router.command(
        "kaizen",
        r"show\s+#?(?P<number>\d+)",
        usage="kaizen show N",
        summary=Phrase("idea #N with its why-chain, root cause and stage history"),
        hint=Phrase("Which idea? `kaizen show N`, for example `kaizen show 1`."),
        group="Ideas",
    )(show)


def _joined(lines: list[Text]) -> list[Text | str]:
    parts: list[Text | str] = []
    for index, line in enumerate(lines):
        parts += [line] if index == 0 else ["\n", line]
    return parts
