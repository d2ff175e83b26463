"""The person's own page of the app: their ideas and the team's board by stage."""

from __future__ import annotations

from bot.actions import Action, ShowHome
from bot.content import Card, Field, Text
from bot.events import HomeOpened
from bot.ideas.cards import idea_line
from bot.language.labels import stage_name
from bot.language.phrases import Phrase
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
    heading = (
        Phrase("Your ideas ({total})", total=mine_total) if mine_total else Phrase("Your ideas")
    )
    body = [Text.of(heading)]
    body += [idea_line(idea, opened.person) for idea in mine] or [
        Text.of(Phrase("None yet. No idea is too small: /kaizen <what could be better>"))
    ]
    body += _board(open_ideas, counts, opened)
    card = Card(
        title=Text.of(Phrase("Kaizen: small improvements, every day")),
        body=tuple(body),
        fields=tuple(Field(stage_name(s), Text.of(str(counts[s]))) for s in (*_BOARD, Stage.DONE)),
        footer=Text.of(
            Phrase("Give an idea with /kaizen in any channel; /kaizen help shows the rest.")
        ),
    )
    return [ShowHome(opened.person, card)]


def register(router: Router) -> None:
    router.home(home)


def _board(open_ideas: list[Idea], counts: dict[Stage, int], opened: HomeOpened) -> list[Text]:
    lines = [Text.of(Phrase("The team's board"))]
    for stage in _BOARD:
        here = [idea for idea in open_ideas if idea.stage is stage][:PER_STAGE]
        if not here:
            continue
        more = counts[stage] - len(here)
        name, count = stage_name(stage), counts[stage]
        lines.append(
            Text.of(Phrase("{stage} ({count}), {more} more", stage=name, count=count, more=more))
            if more
            else Text.of(name, f" ({count})")
        )
        lines += [idea_line(idea, opened.person) for idea in here]
    return lines
