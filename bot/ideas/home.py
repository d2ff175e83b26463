"""The person's own page of the app: their ideas and the team's board by stage."""

from __future__ import annotations

from bot.actions import Action, ShowHome
from bot.content import Card, Field, Text
from bot.events import HomeOpened
from bot.ideas.cards import idea_line
from bot.model.ideas import Idea, Stage
from bot.router import Router
from bot.turn import Turn

MINE = 10
PER_STAGE = 5
_BOARD = (Stage.CLARIFYING, Stage.PLAN, Stage.DO, Stage.CHECK, Stage.ACT)


async def home(opened: HomeOpened, turn: Turn) -> list[Action]:
    ideas = turn.store.ideas
    mine, mine_total = await ideas.find(opened.workspace, "mine", opened.person, MINE)
    open_ideas, _ = await ideas.find(opened.workspace, "open", opened.person, 200)
    counts = await ideas.count_by_stage(opened.workspace)
    body = [Text.of("Your ideas" + (f" ({mine_total})" if mine_total else ""))]
    body += [idea_line(idea, opened.person) for idea in mine] or [
        Text.of("None yet. No idea is too small: /kaizen <what could be better>")
    ]
    body += _board(open_ideas, counts, opened)
    card = Card(
        title=Text.of("Kaizen: small improvements, every day"),
        body=tuple(body),
        fields=tuple(Field(s.label, Text.of(str(counts[s]))) for s in (*_BOARD, Stage.DONE)),
        footer=Text.of("Give an idea with /kaizen in any channel; /kaizen help shows the rest."),
    )
    return [ShowHome(opened.person, card)]


def register(router: Router) -> None:
    router.home(home)


def _board(open_ideas: list[Idea], counts: dict[Stage, int], opened: HomeOpened) -> list[Text]:
    lines = [Text.of("The team's board")]
    for stage in _BOARD:
        here = [idea for idea in open_ideas if idea.stage is stage][:PER_STAGE]
        if not here:
            continue
        more = counts[stage] - len(here)
        lines.append(
            Text.of(f"{stage.label} ({counts[stage]})" + (f", {more} more" if more else ""))
        )
        lines += [idea_line(idea, opened.person) for idea in here]
    return lines
