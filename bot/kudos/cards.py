"""How recognition looks: the kudos post, the thanks for a done idea, the round-up."""

from __future__ import annotations

from collections.abc import Sequence

from bot.content import Card, Field, Link, Mention, Span, Text
from bot.language.phrases import N_, Phrase
from bot.model.kudos import Breadth, Kudos, Source

HOW = N_("Give kudos: /kudos @person what they did #value")
FOR_THEIR_MESSAGE = N_("for their message")
"""The reason kudos given by a reaction are stored with (the card says it in its language)."""


def kudos_card(kudos: Kudos, link: str = "") -> Card:
    """The public post: giver, receivers, reason and value. Nothing in it is negative."""
    receivers: list[Span] = [Mention(p) for p in kudos.receivers]
    recognised = Phrase(
        "{giver} recognised {receivers}",
        giver=Mention(kudos.giver),
        receivers=Text.of(*together(receivers)),
    )
    body = [Text.of(recognised)]
    reason: str = kudos.reason
    if kudos.source is Source.REACTION and reason == FOR_THEIR_MESSAGE:
        reason = Phrase(FOR_THEIR_MESSAGE)
    if link:
        body.append(Text.of(reason, " ", Link(link, Phrase("this message"))))
    else:
        body.append(Text.of(Phrase("\u201c{reason}\u201d", reason=reason)))
    fields = (Field(Phrase("Value"), Text.of(kudos.value.title())),) if kudos.value else ()
    return Card(
        title=Text.of(Phrase("Kudos!")),
        body=tuple(body),
        fields=fields,
        footer=Text.of(Phrase(HOW)),
    )


def roundup_card(breadth: Breadth, shown: list[Span], more: int, week: str) -> Card:
    """The weekly round-up: how many people were recognised, and by how many."""
    title = Text.of(Phrase("Recognition this week ({week})", week=week))
    if not breadth.kudos:
        return Card(
            title=title,
            body=(
                Text.of(
                    Phrase(
                        "No kudos yet this week. Who made your week easier? Tell them: "
                        "/kudos @person what they did."
                    )
                ),
            ),
        )
    people = len(breadth.receivers)
    names: Text | Phrase = Text.of(*together(shown))
    if more:
        names = Phrase("{people} and {n} more", people=names, n=more)
    return Card(
        title=title,
        body=(
            Text.of(
                Phrase.counted(
                    "{n} person was recognised by {givers} with {kudos}. Thank you, all of you:",
                    "{n} people were recognised by {givers} with {kudos}. Thank you, all of you:",
                    people,
                    givers=Phrase.counted("{n} colleague", "{n} colleagues", breadth.givers),
                    kudos=Phrase.counted("{n} kudos", "{n} kudos", breadth.kudos),
                )
            ),
            Text.of(names)
            if shown
            else Text.of(Phrase("(everyone prefers to stay off the lists this week)")),
        ),
        footer=Text.of(Phrase(HOW)),
    )


def together(items: Sequence[Span]) -> list[Span]:
    """a, b and c, the "and" in the reader's language and each item a span of its own."""
    parts: list[Span] = []
    for index, item in enumerate(items):
        if index == len(items) - 1 and index:
            parts += [" ", Phrase("and"), " "]
        elif index:
            parts.append(", ")
        parts.append(item)
    return parts
