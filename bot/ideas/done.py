"""Automatic kudos: when an idea is done, its author and helpers are thanked in public."""

from __future__ import annotations

import re
from zoneinfo import ZoneInfo

from bot.actions import Action, Post, PrivateReply
from bot.content import Card, Mention, Span, Text
from bot.errors import UserError
from bot.events import Command
from bot.ideas.impact import impact_line
from bot.ideas.lookup import find_idea
from bot.language.phrases import Phrase
from bot.language.wording import duration, listing
from bot.model.ideas import Idea, Stage
from bot.model.kudos import Kudos, Source
from bot.people import Person
from bot.router import Router
from bot.turn import Turn
from bot.wording import lower_first

BOT = Person("kaizen-bot", "Kaizen Bot", is_bot=True)


async def thank_for(idea: Idea, turn: Turn) -> list[Action]:
    """The public thanks for a done idea: who raised it, who carried it, who helped (answered
    its whys, checked it, moved it), what changed, how long."""
    named = not idea.anonymous or idea.credit_author
    owner = idea.owner if idea.owner is not None and idea.owner.id != idea.author.id else None
    helpers = [p for p in await _helpers(idea, turn) if owner is None or p.id != owner.id]
    thanks: list[Span] = [
        Phrase("Thank you {author} for raising it", author=Mention(idea.author))
        if named
        else Phrase("Thank you to the teammate who raised it")
    ]
    if owner is not None:
        thanks.append(Phrase(", {owner} for carrying it through", owner=Mention(owner)))
    if helpers:
        together = Text.of(*listing([Mention(p) for p in helpers]))
        thanks.append(Phrase(", and {helpers} for helping it along", helpers=together))
    changed = idea.countermeasure or Phrase("see its thread")
    channel = turn.settings.kudos.channel or idea.channel
    lead = duration(turn.now - idea.created_at)
    receivers = ((idea.author,) if named else ()) + ((owner,) if owner else ()) + tuple(helpers)
    if receivers:
        zone = ZoneInfo(turn.settings.timezone)
        await turn.store.kudos.add(
            Kudos(
                workspace=idea.workspace,
                giver=BOT,
                receivers=receivers,
                reason=f"idea #{idea.number} is done",  # kept as data, in English
                channel=channel,
                given_at=turn.now,
                local_day=turn.now.astimezone(zone).date().isoformat(),
                source=Source.IDEA,
                idea_number=idea.number,
            )
        )
    impact = impact_line(idea, turn.settings.pdca.currency)
    # English goes on in lower case after the colon; other languages keep the words as given.
    solved = Phrase.in_english(
        Phrase("Problem it solved: {problem}", problem=lower_first(idea.text)),
        Phrase("Problem it solved: {problem}", problem=idea.text),
    )
    card = Card(
        title=Text.of(Phrase("Idea #{number} is done!", number=idea.number)),
        body=(
            Text.of(*thanks, "."),
            Text.of(Phrase("What changed: {changed}", changed=changed)),
            *((Text.of(Phrase("Impact: {impact}", impact=impact)),) if impact else ()),
            Text.of(Phrase("From idea to done in {lead}.", lead=lead)),
        ),
        footer=Text.of(solved),
    )
    return [Post(channel, card)]


async def _helpers(idea: Idea, turn: Turn) -> list[Person]:
    """People other than the author who answered its whys, checked its experiment or moved
    its stages, in that order."""
    whys = await turn.store.dialogues.whys(idea.workspace, idea.number)
    checks = await turn.store.ideas.checks(idea.workspace, idea.number)
    history = await turn.store.ideas.history(idea.workspace, idea.number)
    # Setting an idea aside is no help to it: who only did that is not thanked for it.
    movers = [change.by for change in history if change.stage is not Stage.DROPPED]
    people = [w.answered_by for w in whys] + [c.by for c in checks] + movers
    helpers: dict[str, Person] = {}
    for person in people:
        if person is not None and person.id != idea.author.id and not person.is_bot:
            helpers.setdefault(person.id, person)
    return list(helpers.values())


async def credit_me(command: Command, match: re.Match[str], turn: Turn) -> list[Action]:
    """An anonymous author may choose to be named in the thanks when the idea is done."""
    idea = await find_idea(turn, command.workspace, int(match["number"]))
    if idea.author.id != command.person.id:
        raise UserError(
            Phrase("Only the author of idea #{number} can ask to be credited.", number=idea.number)
        )
    if not idea.anonymous:
        raise UserError(Phrase("Idea #{number} already carries your name.", number=idea.number))
    if idea.stage is Stage.DONE:
        raise UserError(
            Phrase(
                "Idea #{number} is done and its thank-you was posted already, without a "
                "name. Next time, say `kaizen credit-me N` before it is done.",
                number=idea.number,
            )
        )
    idea.credit_author = True
    await turn.store.ideas.save(idea, turn.now)
    said = Phrase(
        "When idea #{number} is done, the thank-you will name you. Until then it stays anonymous.",
        number=idea.number,
    )
    return [PrivateReply(command.person, command.place, Text.of(said))]


def register(router: Router) -> None:
    router.command(
        "kaizen",
        r"credit-me\s+#?(?P<number>\d+)",
        usage="kaizen credit-me N",
        summary=Phrase("the anonymous author of idea #N is named in its thank-you when it is done"),
        hint=Phrase("Be named for which of your anonymous ideas? `kaizen credit-me N`."),
        group="Kudos",
    )(credit_me)
