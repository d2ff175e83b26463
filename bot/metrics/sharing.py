"""`kaizen board` and `kaizen export`: the board and every idea, reached from chat.

Anyone may open their own workspace's board: the flow of improvement is the team's to see.
Taking every idea away in a file is for the admins. Links are private answers, made for
the person who asked, and open that one workspace only.
"""

from __future__ import annotations

import re

from bot.actions import Action, PrivateReply
from bot.content import Link, Text
from bot.errors import UserError
from bot.events import Command
from bot.ideas.rights import is_admin, require_admin
from bot.language.phrases import N_, Phrase
from bot.router import Router
from bot.turn import Turn

_NO_LINKS = N_(
    "The board answers on the bot's own machine only. To get links here, whoever runs the "
    "bot sets `board.url` in app.yaml (the address people's browsers reach) and "
    "KAIZEN_BOARD_TOKEN in its environment."
)


async def board(command: Command, _match: re.Match[str], turn: Turn) -> list[Action]:
    # A board link lasts a month and may be passed on: it shows, it never downloads.
    link = turn.links.board(command.workspace, may_export=False)
    if link is None:
        raise UserError(Phrase(_NO_LINKS))
    opened = Link(link, Phrase("open the board"))
    words = Text.of(
        Phrase(
            "The Kaizen board of this workspace: {link}. The link is yours for 30 days; it "
            "opens this workspace's board only. Downloads: `kaizen export`.",
            link=opened,
        )
        if is_admin(command.person, turn.settings)
        else Phrase(
            "The Kaizen board of this workspace: {link}. The link is yours for 30 days; it "
            "opens this workspace's board only.",
            link=opened,
        )
    )
    return [PrivateReply(command.person, command.place, words)]


async def export(command: Command, match: re.Match[str], turn: Turn) -> list[Action]:
    require_admin(command.person, turn.settings, Phrase("Exporting every idea"))
    kind = (match["kind"] or "csv").lower()
    if kind not in ("csv", "json"):
        raise UserError(Phrase("Export as what? `kaizen export csv` or `kaizen export json`."))
    link = turn.links.export(command.workspace, "json" if kind == "json" else "csv")
    if link is None:
        raise UserError(
            Phrase(
                "{no_links} On that machine, `kaizen export` writes the file.",
                no_links=Phrase(_NO_LINKS),
            )
        )
    words = Text.of(
        Phrase(
            "Every idea of this workspace as {kind}: {link} (the link works for the next hour).",
            kind=kind.upper(),
            link=Link(link, f"ideas.{kind}"),
        )
    )
    return [PrivateReply(command.person, command.place, words)]


def register(router: Router) -> None:
    router.command(
        "kaizen",
        r"board",
        usage="kaizen board",
        summary=Phrase("privately: a link to this workspace's board, yours for 30 days"),
        hint=Phrase("`kaizen board` sends you a link to this workspace's board."),
        group="Ideas",
    )(board)
    router.command(
        "kaizen",
        r"export(?:\s+(?P<kind>\S+))?",
        usage="kaizen export [csv|json]",
        summary=Phrase("admins, privately: a link to download every idea"),
        hint=Phrase(
            "`kaizen export csv` or `kaizen export json` (admins): every idea, to download."
        ),
        group="Ideas",
    )(export)
