"""Where 5-Whys answers come from: thread replies, direct messages, `kaizen answer`, a button."""

from __future__ import annotations

import re

from bot.actions import Action, PrivateReply, Reply
from bot.content import Mention, Text
from bot.errors import UserError
from bot.events import ButtonPress, Command, Message, ScheduleTick
from bot.ideas import in_private
from bot.ideas.cards import ROOT_CAUSE_BUTTON
from bot.ideas.dialogue import Answer, answer, finish
from bot.ideas.lookup import find_idea, idea_number
from bot.model.ideas import Idea
from bot.model.keys import IdeaKey
from bot.model.whys import Dialogue, DialogueState
from bot.people import Person, Place
from bot.router import Router
from bot.turn import Turn


async def _dialogue_of(turn: Turn, idea: Idea) -> Dialogue:
    dialogue = await turn.store.dialogues.get(idea.workspace, idea.number)
    if dialogue is None or not dialogue.is_open:
        raise UserError(
            f"Idea #{idea.number} has no open 5 Whys. `kaizen show {idea.number}` shows it."
        )
    return dialogue


async def _check_may_answer(turn: Turn, idea: Idea, person: Person) -> None:
    guests = await turn.store.dialogues.guests(idea.workspace, idea.number)
    if not idea.may_be_answered_by(person, guests):
        raise UserError(
            f"The whys of idea #{idea.number} are answered by its author and the people they "
            f"invite. Ask them to run `kaizen invite {idea.number} @{person.name}`."
        )


async def reply_in_idea_thread(message: Message, key: IdeaKey, turn: Turn) -> list[Action] | None:
    """A reply in an idea's thread answers its open why; other talk there is left alone."""
    idea = await turn.store.ideas.get(message.workspace, key.number)
    if idea is None:
        return None
    dialogue = await turn.store.dialogues.get(idea.workspace, idea.number)
    if dialogue is not None and dialogue.is_open:
        await _check_may_answer(turn, idea, message.person)
        reply = Answer(message.person, message.place, message.text, in_thread=True)
        return await answer(dialogue, idea, reply, turn)
    return None if message.place.direct else []


async def thread_reply(message: Message, turn: Turn) -> list[Action] | None:
    """A plain line in a direct chat answers the person's latest open why."""
    if not message.place.direct:
        return None
    latest = await turn.store.dialogues.latest_open(message.workspace, message.person)
    if latest is None:
        return None
    idea = await find_idea(turn, message.workspace, latest.idea_number)
    reply = Answer(message.person, message.place, message.text, in_thread=False)
    return await answer(latest, idea, reply, turn)


async def answer_command(command: Command, match: re.Match[str], turn: Turn) -> list[Action]:
    idea = await find_idea(turn, command.workspace, int(match["number"]))
    if not match["text"]:
        raise UserError(f"What's your answer? `kaizen answer {idea.number} <answer>`.")
    dialogue = await _dialogue_of(turn, idea)
    await _check_may_answer(turn, idea, command.person)
    reply = Answer(command.person, command.place, match["text"], in_thread=False)
    return await answer(dialogue, idea, reply, turn)


async def invite(command: Command, match: re.Match[str], turn: Turn) -> list[Action]:
    idea = await find_idea(turn, command.workspace, int(match["number"]))
    if command.person.id != idea.author.id:
        raise UserError(f"Only the author of idea #{idea.number} can invite people to its whys.")
    dialogue = await _dialogue_of(turn, idea)
    if dialogue.state is not DialogueState.ASKING:
        raise UserError(
            f"The root cause of idea #{idea.number} is already found; there are no whys "
            "left to answer. Mention people in its thread to bring them in."
        )
    people = [p for p in command.mentions if p.id != idea.author.id]
    if not people:
        raise UserError(f"Who should help? `kaizen invite {idea.number} @name`.")
    await turn.store.dialogues.add_guests(idea.workspace, idea.number, people)
    welcome = Text.of(
        *[part for person in people for part in (Mention(person), " ")],
        f"you're invited to help find the root cause of idea #{idea.number}. "
        "Reply in this thread with your answers.",
    )
    return [Reply(idea.key, welcome)]


async def root_cause_button(press: ButtonPress, turn: Turn) -> list[Action]:
    idea = await find_idea(turn, press.workspace, idea_number(press.value))
    dialogue = await _dialogue_of(turn, idea)
    await _check_may_answer(turn, idea, press.person)
    if dialogue.state is not DialogueState.ASKING:
        raise UserError(f"The root cause of idea #{idea.number} is already named.")
    return await finish(dialogue, idea, press.person, turn)


async def remind(tick: ScheduleTick, turn: Turn) -> list[Action]:
    """One nudge for a why left unanswered; then the bot goes quiet."""
    due = tick.at - turn.settings.five_whys.remind_after
    actions: list[Action] = []
    for dialogue in await turn.store.dialogues.waiting_since(tick.workspace, due):
        dialogue.reminded = True
        await turn.store.dialogues.save(dialogue)
        idea = await find_idea(turn, tick.workspace, dialogue.idea_number)
        actions.append(_nudge(idea, dialogue, turn))
    return actions


def register(router: Router) -> None:
    router.thread(IdeaKey)(reply_in_idea_thread)
    router.message(thread_reply)
    router.command(
        "kaizen",
        r"answer\s+#?(?P<number>\d+)(?:\s+(?P<text>.+))?",
        usage="kaizen answer N <answer>",
        summary="answers the open why of idea #N from anywhere",
        hint="Answer which idea? `kaizen answer N <your answer>`.",
        group="Ideas",
    )(answer_command)
    router.command(
        "kaizen",
        r"invite\s+#?(?P<number>\d+)(?:\s+.*)?",
        usage="kaizen invite N @person",
        summary="lets someone help answer the whys of your idea #N",
        hint="Invite whom to which idea? `kaizen invite N @person`.",
        group="Ideas",
    )(invite)
    router.button(ROOT_CAUSE_BUTTON)(root_cause_button)
    router.tick(remind)


def _nudge(idea: Idea, dialogue: Dialogue, turn: Turn) -> Action:
    stop = turn.settings.five_whys.stop_words[0]
    words = (
        f"Why #{dialogue.position} of idea #{idea.number} is still open. Answer when you have "
        f"a moment, or say \u201c{stop}\u201d if you are already there."
    )
    privately = Text.of(f"A gentle nudge: {words}")
    if idea.anonymous:
        return PrivateReply(idea.author, Place(idea.channel), privately)
    nudge = Text.of("A gentle nudge, ", Mention(idea.author), f": {words}")
    return in_private.in_thread(idea, nudge, privately)
