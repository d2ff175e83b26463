"""Taking in an idea: one line (`kaizen <idea>`) or the form (`kaizen` alone)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import partial

from bot.actions import Action, OpenForm, Post, PrivateReply
from bot.content import Button, Card, ChannelLink, Choice, Form, FormField, Text
from bot.errors import UserError
from bot.events import ButtonPress, Command, Event, FormSubmit
from bot.grammar import Grammar
from bot.ideas.cards import idea_card
from bot.ideas.dialogue import start
from bot.ideas.duplicates import closest, hint
from bot.ideas.paths import review_post, strategic_goal
from bot.language import frames
from bot.language.choice import Languages
from bot.language.names import name_words, names_in, neutral
from bot.language.phrases import Phrase
from bot.language.phrasing import the_work_missed
from bot.language.translate import words as in_language
from bot.model.ideas import Idea, Path, Stage, StageChange
from bot.model.keys import IdeaKey
from bot.router import Router
from bot.settings import Settings
from bot.turn import Turn

IDEA_FORM = "idea"
POST_AS_GIVEN = "idea.post_as_given"
"""The author's choice after their idea named a person: post this text."""
FROM_MESSAGE = "idea.from_message"
"""A shortcut on any message: the message's text becomes the start of an idea."""
_EXAMPLE = "`kaizen The label printer jams every morning`"


def clean_text(text: str, settings: Settings) -> str:
    """The idea as it will be stored, or a private answer saying what to change."""
    cleaned = " ".join(text.split())
    limits = settings.ideas
    if not cleaned:
        raise UserError(
            Phrase(
                "What's the idea? Write it after the command, for example {example}.",
                example=_EXAMPLE,
            )
        )
    if len(cleaned) < limits.min_length:
        raise UserError(
            Phrase(
                "Tell me a little more: an idea needs at least {least} characters, for "
                "example {example}.",
                least=limits.min_length,
                example=_EXAMPLE,
            )
        )
    if len(cleaned) > limits.max_length:
        raise UserError(
            Phrase(
                "That idea is {count} characters; please keep it under {most}. Give the short "
                "version here and the details in its thread.",
                count=len(cleaned),
                most=limits.max_length,
            )
        )
    return cleaned


async def take_in(event: Event, idea: Idea, turn: Turn) -> list[Action]:
    """Store the idea, post its card, open its 5 Whys; tell the author where it went."""
    return (await record(event, idea, turn))[1]


async def record(event: Event, idea: Idea, turn: Turn) -> tuple[Idea, list[Action]]:
    """`take_in`, also giving back the stored idea with its number."""
    idea = await turn.store.ideas.add(idea)
    await turn.store.ideas.log_stage(idea, StageChange(Stage.NEW, turn.now, event.person))
    questions = await start(idea, event.person, turn)
    chain = None if idea.anonymous else await _own_chain(event, turn)
    here = chain if idea.channel == event.place.channel else None
    card = Post(idea.channel, idea_card(idea), key=idea.key, thread=here)
    actions: list[Action] = [card, *questions]
    earlier = await closest(idea, turn)
    if earlier is not None:
        actions.append(hint(idea, earlier))
    actions += await review_post(idea, turn)
    if chain is not None and here is None:
        pointer = Text.of(
            Phrase(frames.IDEA_POSTED_THERE, number=idea.number, channel=ChannelLink(idea.channel))
        )
        origin = IdeaKey(idea.number).origin
        actions.append(Post(event.place.channel, pointer, key=origin, thread=chain))
    elif idea.channel != event.place.channel or idea.anonymous:
        channel = ChannelLink(idea.channel)
        posted = (
            Phrase(
                "Thanks! Your idea #{number} is posted in {channel} without your name.",
                number=idea.number,
                channel=channel,
            )
            if idea.anonymous
            else Phrase(
                "Thanks! Your idea #{number} is posted in {channel}.",
                number=idea.number,
                channel=channel,
            )
        )
        where = Text.of(posted)
        actions.append(PrivateReply(event.person, event.place, where))
    return idea, actions


async def _own_chain(event: Event, turn: Turn) -> str | None:
    """The reply chain the person wrote the idea in, where the platform answers in chains
    (a new Teams channel post); None at the top, or in a thread of ours (a card's own)."""
    place = event.place
    if not place.in_chain or place.direct or place.thread is None:
        return None
    ours = await turn.store.messages.key_at(event.workspace, place.channel, place.thread)
    return None if ours is not None else place.thread


def _new_idea(event: Event, turn: Turn, text: str) -> Idea:
    return Idea(
        workspace=event.workspace,
        text=text,
        author=event.person,
        channel=turn.settings.channels.ideas or event.place.channel,
        created_at=turn.now,
        stage_at=turn.now,
    )


def idea_form(settings: Settings, problem: str = "") -> Form:
    categories = tuple(Choice(c, c.capitalize()) for c in settings.ideas.categories)
    category = (
        (FormField("category", Phrase("Category"), "choice", categories, required=False),)
        if categories
        else ()
    )
    return Form(
        id=IDEA_FORM,
        title=Phrase("New Kaizen idea"),
        intro=Phrase(
            "No idea is too small. I'll ask a few whys in its thread to find the root cause."
        ),
        fields=(
            FormField(
                "problem",
                Phrase("What could be better?"),
                "long_text",
                hint=Phrase("What happens today, where, how often"),
                initial=problem[: settings.ideas.max_length],
                min_length=settings.ideas.min_length,
                max_length=settings.ideas.max_length,
            ),
            FormField(
                "proposal",
                Phrase("Your proposal, if you have one"),
                "long_text",
                required=False,
                max_length=settings.ideas.max_length,
            ),
            *category,
            FormField(
                "path",
                Phrase("Path"),
                "choice",
                (
                    Choice(Path.OPERATIONAL, Phrase("Operational: improves our daily work")),
                    Choice(Path.STRATEGIC, Phrase("Strategic: supports a strategic goal")),
                ),
                initial=Path.OPERATIONAL,
            ),
            *_goal_field(settings),
            FormField(
                "anonymous",
                Phrase("Post without my name?"),
                "choice",
                (
                    Choice("no", Phrase("No, show my name")),
                    Choice("yes", Phrase("Yes, post it anonymously")),
                ),
                initial="no",
            ),
        ),
        submit_label=Phrase("Submit idea"),
    )


def _goal_field(settings: Settings) -> tuple[FormField, ...]:
    if not settings.strategic_goals:
        return ()
    goals = tuple(Choice(str(n), goal) for n, goal in enumerate(settings.strategic_goals, 1))
    return (
        FormField(
            "goal",
            Phrase("Strategic goal it supports"),
            "choice",
            goals,
            required=False,
            hint=Phrase("Strategic ideas only: how does this support our mission?"),
        ),
    )


async def open_form(command: Command, _match: re.Match[str], turn: Turn) -> list[Action]:
    return [OpenForm(idea_form(turn.settings), command.person, command.place, command)]


async def named_idea(command: Command, match: re.Match[str], turn: Turn) -> list[Action]:
    """`kaizen idea: ...` is an idea even when it reads like a command. One that names a
    person is shown to its author first, privately, with a rewording."""
    text = clean_text(match["text"], turn.settings)
    flagged = await _names_a_person(command, text, turn, lambda given: given)
    if flagged is not None:
        return [flagged]
    return await take_in(command, _new_idea(command, turn, text), turn)


async def _names_a_person(
    event: Event, text: str, turn: Turn, carried: Callable[[str], str]
) -> PrivateReply | None:
    """A card is public: a name on a problem reads as blame, however it was meant. The
    buttons carry the idea (`carried` of its text) back, reworded or as written."""
    members = await turn.store.people.names(event.workspace)
    own = name_words([event.person.name])
    known = name_words(members) - own
    names = [n for n in names_in(text, known) if not n.startswith("@") and n.casefold() not in own]
    if not names:
        return None
    language = Languages(turn.settings, event.person).of_person(event.person, event.place.channel)
    colleague = in_language(Phrase("a colleague"), language)  # the idea's words, once posted
    reworded = the_work_missed(text) or neutral(text, known, colleague)
    reworded = reworded[:1].upper() + reworded[1:]
    card = Card(
        Text.of(Phrase(frames.IDEA_NAMES_A_PERSON, names=", ".join(names))),
        body=(Text.of(Phrase(frames.IDEA_REWORDED, quote=reworded)),),
        buttons=(
            Button(Phrase(frames.POST_REWORDED), POST_AS_GIVEN, carried(reworded), "primary"),
            Button(Phrase(frames.POST_AS_WRITTEN), POST_AS_GIVEN, carried(text)),
        ),
    )
    return PrivateReply(event.person, event.place, card)


async def post_as_given(press: ButtonPress, turn: Turn) -> list[Action]:
    """The author chose: the reworded idea, or their own words (a form's, with its fields)."""
    if press.value.startswith("{"):
        try:
            values = {str(k): str(v) for k, v in json.loads(press.value).items()}
        except (ValueError, AttributeError):
            raise UserError(
                Phrase("That button has lost its idea; please send it again.")
            ) from None
        return await _from_form(press, values, turn)
    text = clean_text(press.value, turn.settings)
    return await take_in(press, _new_idea(press, turn, text), turn)


async def new_idea(
    grammar: Grammar, command: Command, match: re.Match[str], turn: Turn
) -> list[Action]:
    """Whatever no command pattern took is an idea, unless it reads as a mistyped command."""
    usage = grammar.misused(command.name, match["text"])
    if usage is not None:
        return [PrivateReply(command.person, command.place, Text.of(usage))]
    return await named_idea(command, match, turn)


async def from_message(press: ButtonPress, turn: Turn) -> list[Action]:
    form = idea_form(turn.settings, " ".join(press.value.split()))
    return [OpenForm(form, press.person, press.place, press)]


async def form_submitted(submit: FormSubmit, turn: Turn) -> list[Action]:
    values = {k: " ".join(str(v).split()) for k, v in submit.values.items()}
    problem = clean_text(values.get("problem", ""), turn.settings)
    flagged = await _names_a_person(
        submit, problem, turn, lambda text: json.dumps({**values, "problem": text})
    )
    if flagged is not None:
        return [flagged]
    return await _from_form(submit, values, turn)


async def _from_form(event: Event, values: dict[str, str], turn: Turn) -> list[Action]:
    """The idea the form describes: category, path and goal checked, nothing thrown away."""
    idea = _new_idea(event, turn, clean_text(values.get("problem", ""), turn.settings))
    idea.proposal = values.get("proposal") or None
    category = (values.get("category") or "").lower() or None
    if category and category not in turn.settings.ideas.categories:
        allowed = ", ".join(turn.settings.ideas.categories)
        raise UserError(
            Phrase(
                "'{category}' is not one of our categories: {allowed}.",
                category=category,
                allowed=allowed,
            )
        )
    idea.category = category
    try:
        idea.path = Path(values.get("path") or Path.OPERATIONAL)
    except ValueError:
        raise UserError(Phrase("Path must be operational or strategic.")) from None
    goal_missing: UserError | None = None
    if idea.path is Path.STRATEGIC:
        try:
            idea.goal = strategic_goal(turn.settings, values.get("goal", ""))
        except UserError as missing:
            idea.path, goal_missing = Path.OPERATIONAL, missing
    idea.anonymous = values.get("anonymous", "no").lower() in ("yes", "true", "1")
    idea, actions = await record(event, idea, turn)
    if goal_missing is not None:
        actions.append(_still_operational(event, idea, goal_missing))
    return actions


def register(router: Router) -> None:
    """The fallback first, so help lists giving an idea first; it takes only what no
    pattern matched, wherever it is registered."""
    router.command(
        "kaizen",
        usage="kaizen <idea>",
        summary=Phrase(
            "records idea #N, posts its card and asks Why #1 in its thread to find the root "
            "cause (`/kaizen <idea>` does the same)"
        ),
        group="Ideas",
    )(partial(new_idea, router.grammar))
    router.command(
        "kaizen",
        r"idea:\s*(?P<text>.*)",
        usage="kaizen idea: <idea>",
        summary=Phrase('the same, for an idea that starts like a command ("move ...", "take ...")'),
        group="Ideas",
    )(named_idea)
    router.command(
        "kaizen",
        r"",
        usage="kaizen",
        summary=Phrase("the idea form: problem, proposal, category, path, anonymous"),
        group="Ideas",
    )(open_form)
    router.button(FROM_MESSAGE)(from_message)
    router.button(POST_AS_GIVEN)(post_as_given)
    router.form(IDEA_FORM)(form_submitted)


def _still_operational(submit: Event, idea: Idea, missing: UserError) -> PrivateReply:
    """A strategic idea without its goal is kept, not thrown away with the rest of the form."""
    reason = missing.args[0] if missing.args and isinstance(missing.args[0], str) else ""
    words = Phrase(
        "Idea #{n} is recorded, on the operational path for now: a strategic idea names the "
        "goal it serves. {missing}\nThen `kaizen strategic {n} <goal>` puts it on the "
        "strategic path.",
        n=idea.number,
        missing=reason or str(missing),
    )
    return PrivateReply(submit.person, submit.place, Text.of(words))
