"""Where 5-Whys answers come from: thread replies, direct messages, `kaizen answer`, a button."""

from __future__ import annotations

import re
from datetime import timedelta

from bot.actions import Action, PrivateReply, Reply
from bot.content import Mention, Text
from bot.errors import UserError
from bot.events import ButtonPress, Command, Edit, Message, ScheduleTick
from bot.ideas import in_private
from bot.ideas.asking import Answer, known_names, question_of, to_people
from bot.ideas.cards import ROOT_CAUSE_BUTTON
from bot.ideas.coach import KEEP_ASKING_BUTTON, PARK_BUTTON, PAUSE_BUTTON
from bot.ideas.dialogue import answer, finish, replace_answer, undo
from bot.ideas.intake import record
from bot.ideas.lookup import find_idea, idea_number
from bot.language import frames
from bot.language.choice import Languages
from bot.language.phrases import Phrase
from bot.language.stops import stop_word
from bot.language.translate import words as in_language
from bot.model.ideas import Idea
from bot.model.keys import IdeaKey
from bot.model.whys import Dialogue, DialogueState
from bot.people import Person, Place
from bot.router import Router, thread_key
from bot.turn import Turn


async def _dialogue_of(turn: Turn, idea: Idea) -> Dialogue:
    dialogue = await turn.store.dialogues.get(idea.workspace, idea.number)
    if dialogue is None or not dialogue.is_open:
        raise UserError(
            Phrase("Idea #{n} has no open 5 Whys. `kaizen show {n}` shows it.", n=idea.number)
        )
    return dialogue


async def _check_may_answer(turn: Turn, idea: Idea, person: Person) -> None:
    guests = await turn.store.dialogues.guests(idea.workspace, idea.number)
    if not idea.may_be_answered_by(person, guests):
        raise UserError(
            Phrase(
                "The whys of idea #{n} are answered by its author and the people they invite. "
                "Ask them to run `kaizen invite {n} @{name}`.",
                n=idea.number,
                name=person.name,
            )
        )


async def reply_in_idea_thread(message: Message, key: IdeaKey, turn: Turn) -> list[Action] | None:
    """A reply in an idea's thread answers its open why; other talk there is left alone."""
    idea = await turn.store.ideas.get(message.workspace, key.number)
    if idea is None:
        return None
    dialogue = await turn.store.dialogues.get(idea.workspace, idea.number)
    if dialogue is not None and dialogue.is_open:
        await _check_may_answer(turn, idea, message.person)
        reply = Answer(message.person, message.place, message.text, True, message.mentions)
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
    reply = Answer(message.person, message.place, message.text, False, message.mentions)
    return await answer(latest, idea, reply, turn)


async def edited_answer(edit: Edit, turn: Turn) -> list[Action] | None:
    """An edit of the latest answer to a why, in the idea's thread or a direct chat."""
    number: int | None = None
    if edit.place.thread is not None:
        key = await thread_key(edit, turn)
        number = key.number if isinstance(key, IdeaKey) else None
    elif edit.place.direct:
        latest = await turn.store.dialogues.latest_open(edit.workspace, edit.person)
        number = latest.idea_number if latest is not None else None
    idea = await turn.store.ideas.get(edit.workspace, number) if number is not None else None
    if idea is None:
        return None
    dialogue = await turn.store.dialogues.get(idea.workspace, idea.number)
    if dialogue is None:
        return None
    reply = Answer(edit.person, edit.place, edit.text, in_thread=edit.place.thread is not None)
    return await replace_answer(dialogue, idea, reply, edit.before, turn)


async def answer_command(command: Command, match: re.Match[str], turn: Turn) -> list[Action]:
    idea = await find_idea(turn, command.workspace, int(match["number"]))
    if not match["text"]:
        raise UserError(Phrase("What's your answer? `kaizen answer {n} <answer>`.", n=idea.number))
    dialogue = await _dialogue_of(turn, idea)
    await _check_may_answer(turn, idea, command.person)
    reply = Answer(command.person, command.place, match["text"], False, command.mentions)
    return await answer(dialogue, idea, reply, turn)


async def invite(command: Command, match: re.Match[str], turn: Turn) -> list[Action]:
    idea = await find_idea(turn, command.workspace, int(match["number"]))
    if command.person.id != idea.author.id:
        raise UserError(
            Phrase("Only the author of idea #{n} can invite people to its whys.", n=idea.number)
        )
    dialogue = await _dialogue_of(turn, idea)
    if dialogue.state is not DialogueState.ASKING:
        raise UserError(
            Phrase(
                "The root cause of idea #{n} is already found; there are no whys left to "
                "answer. Mention people in its thread to bring them in.",
                n=idea.number,
            )
        )
    people = [p for p in command.mentions if p.id != idea.author.id]
    if not people:
        raise UserError(Phrase("Who should help? `kaizen invite {n} @name`.", n=idea.number))
    await turn.store.dialogues.add_guests(idea.workspace, idea.number, people)
    welcome = Text.of(
        *[part for person in people for part in (Mention(person), " ")],
        Phrase(
            "you're invited to help find the root cause of idea #{n}. Reply in this thread "
            "with your answers.",
            n=idea.number,
        ),
    )
    return [Reply(idea.key, welcome)]


async def root_cause_button(press: ButtonPress, turn: Turn) -> list[Action]:
    idea = await find_idea(turn, press.workspace, idea_number(press.value))
    dialogue = await _dialogue_of(turn, idea)
    await _check_may_answer(turn, idea, press.person)
    if dialogue.state is not DialogueState.ASKING:
        raise UserError(Phrase("The root cause of idea #{n} is already named.", n=idea.number))
    return await finish(dialogue, idea, press.person, turn)


async def keep_asking(press: ButtonPress, turn: Turn) -> list[Action]:
    """Not the root cause yet: the next why (already asked) stays open."""
    idea = await find_idea(turn, press.workspace, idea_number(press.value))
    dialogue = await _dialogue_of(turn, idea)
    await _check_may_answer(turn, idea, press.person)
    dialogue.offered = False
    await turn.store.dialogues.save(dialogue)
    whys = await turn.store.dialogues.whys(idea.workspace, idea.number)
    question = question_of(whys, dialogue.position, idea.text, await known_names(turn, idea, whys))
    words = Text.of(
        Phrase("Let's keep going. Why #{n}: {question}", n=dialogue.position, question=question)
    )
    return [PrivateReply(press.person, press.place, words)]


async def pause(press: ButtonPress, turn: Turn) -> list[Action]:
    """The person goes to see: the open why waits, with one reminder tomorrow."""
    idea = await find_idea(turn, press.workspace, idea_number(press.value))
    dialogue = await _dialogue_of(turn, idea)
    await _check_may_answer(turn, idea, press.person)
    dialogue.remind_at, dialogue.reminded = turn.now + timedelta(days=1), False
    await turn.store.dialogues.save(dialogue)
    words = Phrase(frames.PAUSED, position=dialogue.position, n=idea.number)
    return [PrivateReply(press.person, press.place, Text.of(words))]


async def park(press: ButtonPress, turn: Turn) -> list[Action]:
    """The causes not followed become ideas of their own, linked to this one."""
    idea = await find_idea(turn, press.workspace, idea_number(press.value))
    dialogue = await _dialogue_of(turn, idea)
    await _check_may_answer(turn, idea, press.person)
    if not dialogue.pending or dialogue.pending[0] != "parked":
        raise UserError(
            Phrase("There are no other causes of idea #{n} left to keep.", n=idea.number)
        )
    parked, dialogue.pending = dialogue.pending[1:], ()
    await turn.store.dialogues.save(dialogue)
    actions: list[Action] = []
    numbers: list[str] = []
    language = Languages(turn.settings).of_channel(idea.channel)  # the new ideas' text
    for cause in parked:
        found = Phrase("(found in the 5 Whys of idea #{n})", n=idea.number)
        text = f"{cause[:1].upper()}{cause[1:]} {in_language(found, language)}"
        linked = Idea(
            workspace=idea.workspace,
            text=text[: turn.settings.ideas.max_length],
            author=press.person,
            channel=idea.channel,
            created_at=turn.now,
            stage_at=turn.now,
            anonymous=idea.anonymous,
        )
        stored, posted = await record(press, linked, turn)
        numbers.append(f"#{stored.number}")
        actions += posted
    words = Phrase.counted(
        "Kept as idea {numbers}, linked to idea #{idea}.",
        "Kept as ideas {numbers}, linked to idea #{idea}.",
        len(numbers),
        numbers=", ".join(numbers),
        idea=idea.number,
    )
    return [PrivateReply(press.person, press.place, Text.of(words)), *actions]


async def undo_command(command: Command, match: re.Match[str], turn: Turn) -> list[Action]:
    """`kaizen undo N`: take back the latest answer to idea #N's whys."""
    idea = await find_idea(turn, command.workspace, int(match["number"]))
    dialogue = await _dialogue_of(turn, idea)
    await _check_may_answer(turn, idea, command.person)
    if not await undo(dialogue, idea, turn):
        raise UserError(
            Phrase(
                "There is no answer of idea #{n} to take back while its whys are asked.",
                n=idea.number,
            )
            if dialogue.state is DialogueState.ASKING
            else Phrase("There is no answer of idea #{n} to take back.", n=idea.number)
        )
    whys = await turn.store.dialogues.whys(idea.workspace, idea.number)
    position = dialogue.position
    question = question_of(whys, position, idea.text, await known_names(turn, idea, whys))
    asked = Phrase("Why #{n} again: {question}", n=position, question=question)
    note = Text.of(
        Phrase("The answer to Why #{n} was taken back. {asked}", n=position, asked=asked)
    )
    private = Text.of(Phrase("Idea #{n}: {asked}", n=idea.number, asked=asked))
    return [to_people(dialogue, idea, note, private)]


async def remind(tick: ScheduleTick, turn: Turn) -> list[Action]:
    """One nudge for a why left unanswered; then the bot goes quiet."""
    due = tick.at - turn.settings.five_whys.remind_after
    actions: list[Action] = []
    for dialogue in await turn.store.dialogues.waiting_since(tick.workspace, due, tick.at):
        dialogue.reminded = True
        await turn.store.dialogues.save(dialogue)
        idea = await find_idea(turn, tick.workspace, dialogue.idea_number)
        actions.append(_nudge(idea, dialogue, turn))
    return actions


def register(router: Router) -> None:
    router.thread(IdeaKey)(reply_in_idea_thread)
    router.message(thread_reply)
    router.edit(edited_answer)
    router.command(
        "kaizen",
        r"answer\s+#?(?P<number>\d+)(?:\s+(?P<text>.+))?",
        usage="kaizen answer N <answer>",
        summary=Phrase("answers the open why of idea #N from anywhere"),
        hint=Phrase("Answer which idea? `kaizen answer N <your answer>`."),
        group="Ideas",
    )(answer_command)
    router.command(
        "kaizen",
        r"invite\s+#?(?P<number>\d+)(?:\s+.*)?",
        usage="kaizen invite N @person",
        summary=Phrase("lets someone help answer the whys of your idea #N"),
        hint=Phrase("Invite whom to which idea? `kaizen invite N @person`."),
        group="Ideas",
    )(invite)
    router.command(
        "kaizen",
        r"undo\s+#?(?P<number>\d+)",
        usage="kaizen undo N",
        summary=Phrase(
            "takes back the latest answer to the whys of idea #N and asks that why again"
        ),
        hint=Phrase("Undo the answer of which idea? `kaizen undo N`."),
        group="Ideas",
    )(undo_command)
    router.button(ROOT_CAUSE_BUTTON)(root_cause_button)
    router.button(KEEP_ASKING_BUTTON)(keep_asking)
    router.button(PAUSE_BUTTON)(pause)
    router.button(PARK_BUTTON)(park)
    router.tick(remind)


def _nudge(idea: Idea, dialogue: Dialogue, turn: Turn) -> Action:
    words = Phrase(
        "Why #{n} of idea #{number} is still open. Answer when you have a moment, or say "
        "\u201c{stop}\u201d if you are already there.",
        n=dialogue.position,
        number=idea.number,
        stop=stop_word(turn.settings.five_whys.stop_words),
    )
    privately = Text.of(Phrase("A gentle nudge: {words}", words=words))
    if idea.anonymous or dialogue.private:
        return PrivateReply(idea.author, Place(idea.channel), privately)
    nudge = Text.of(
        Phrase("A gentle nudge, {person}: {words}", person=Mention(idea.author), words=words)
    )
    return in_private.in_thread(idea, nudge, privately)
