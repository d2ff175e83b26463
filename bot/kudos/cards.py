"""How recognition looks: the kudos post, the thanks for a done idea, the round-up."""

from __future__ import annotations

from bot.content import Card, Field, Link, Mention, Span, Text
from bot.model.kudos import Breadth, Kudos
from bot.wording import listing

HOW = "Give kudos: /kudos @person what they did #value"


def kudos_card(kudos: Kudos, link: str = "") -> Card:
    """The public post: giver, receivers, reason and value. Nothing in it is negative."""
    receivers: list[Span] = [Mention(p) for p in kudos.receivers]
    body = [Text.of(Mention(kudos.giver), " recognised ", *listing(receivers))]
    if link:
        body.append(Text.of(kudos.reason + " ", Link(link, "this message")))
    else:
        body.append(Text.of(f"\u201c{kudos.reason}\u201d"))
    fields = (Field("Value", Text.of(kudos.value.title())),) if kudos.value else ()
    return Card(title=Text.of("Kudos!"), body=tuple(body), fields=fields, footer=Text.of(HOW))


def roundup_card(breadth: Breadth, shown: list[Span], more: int, week: str) -> Card:
    """The weekly round-up: how many people were recognised, and by how many."""
    if not breadth.kudos:
        return Card(
            title=Text.of(f"Recognition this week ({week})"),
            body=(
                Text.of(
                    "No kudos yet this week. Who made your week easier? Tell them: "
                    "/kudos @person what they did."
                ),
            ),
        )
    people = len(breadth.receivers)
    tail: list[Span] = [f" and {more} more" if more else ""]
    return Card(
        title=Text.of(f"Recognition this week ({week})"),
        body=(
            Text.of(
                f"{people} {'person was' if people == 1 else 'people were'} recognised "
                f"by {breadth.givers} {'colleague' if breadth.givers == 1 else 'colleagues'} "
                f"with {breadth.kudos} kudos. Thank you, all of you:"
            ),
            Text.of(*listing(shown), *tail)
            if shown
            else Text.of("(everyone prefers to stay off the lists this week)"),
        ),
        footer=Text.of(HOW),
    )
