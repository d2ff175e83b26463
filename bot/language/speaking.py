"""The end of a turn: each action the turn decided, put into its reader's language."""

from __future__ import annotations

from bot.actions import Action, OpenForm, Post, PrivateReply, Reply, ShowHome, Update
from bot.language.choice import Languages
from bot.language.translate import translated
from bot.people import Person
from bot.settings import Settings
from bot.store import Store


async def in_their_language(
    actions: list[Action],
    settings: Settings,
    speaker: Person | None,
    workspace: str,
    store: Store,
) -> list[Action]:
    """Posts, replies and updates in their channel's language; private answers, homes and
    forms in their person's. A reply finds its channel among this turn's posts, else where
    its thread was posted before; a person the turn writes to unasked, their locale kept
    from an earlier turn (the engine keeps each speaker's)."""
    unasked = {
        a.person.id
        for a in actions
        if isinstance(a, PrivateReply | ShowHome | OpenForm)
        and a.person.locale is None
        and (speaker is None or a.person.id != speaker.id)
    }
    known = await store.people.locales(workspace, sorted(unasked)) if unasked else {}
    languages = Languages(settings, speaker, known)
    messages = store.messages
    channels = {a.key: a.channel for a in actions if isinstance(a, Post) and a.key}
    for action in actions:
        key = action.thread if isinstance(action, Reply) else None
        key = action.key if isinstance(action, Update) else key
        if key is not None and key not in channels:
            posted = await messages.find(workspace, key)
            if posted is not None:
                channels[key] = posted.channel
    return [translated(action, languages.of(action, channels)) for action in actions]
