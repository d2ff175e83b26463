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
from bot.router import Router
from bot.turn import Turn

_NO_LINKS = (
    "The board answers on the bot's own machine only. To get links here, whoever runs the "
    "bot sets `board.url` in app.yaml (the address people's browsers reach) and "
    "KAIZEN_BOARD_TOKEN in its environment."
)


async def board(command: Command, _match: re.Match[str], turn: Turn) -> list[Action]:
    # A board link lasts a month and may be passed on: it shows, it never downloads.
    link = turn.links.board(command.workspace, may_export=False)
    if link is None:
        raise UserError(_NO_LINKS)
    downloads = " Downloads: `kaizen export`." if is_admin(command.person, turn.settings) else ""
    words = Text.of(
        "The Kaizen board of this workspace: ",
        Link(link, "open the board"),
        ". The link is yours for 30 days; it opens this workspace's board only." + downloads,
    )
    return [PrivateReply(command.person, command.place, words)]


async def export(command: Command, match: re.Match[str], turn: Turn) -> list[Action]:
    require_admin(command.person, turn.settings, "Exporting every idea")
    kind = (match["kind"] or "csv").lower()
    if kind not in ("csv", "json"):
        raise UserError("Export as what? `kaizen export csv` or `kaizen export json`.")
    link = turn.links.export(command.workspace, "json" if kind == "json" else "csv")
    if link is None:
        raise UserError(_NO_LINKS + " On that machine, `kaizen export` writes the file.")
    words = Text.of(
        f"Every idea of this workspace as {kind.upper()}: ",
        Link(link, f"download ideas.{kind}"),
        " (the link works for the next hour).",
    )
    return [PrivateReply(command.person, command.place, words)]


def register(router: Router) -> None:
    router.command(
        "kaizen",
        r"board",
        usage="kaizen board",
        summary="privately: a link to this workspace's board, yours for 30 days",
        hint="`kaizen board` sends you a link to this workspace's board.",
        group="Ideas",
    )(board)
    router.command(
        "kaizen",
        r"export(?:\s+(?P<kind>\S+))?",
        usage="kaizen export [csv|json]",
        summary="admins, privately: a link to download every idea",
        hint="`kaizen export csv` or `kaizen export json` (admins): every idea, to download.",
        group="Ideas",
    )(export)
