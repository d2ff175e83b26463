"""People the bot writes to unasked (a reminder, a note about their idea) read it in their
language too: the locale their platform gave when they last spoke is kept."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.actions import PrivateReply
from bot.content import Text
from bot.language.phrases import Phrase
from bot.language.speaking import in_their_language
from bot.people import Person, Place
from bot.settings import Settings
from storage.database import SqlDatabase

pytestmark = pytest.mark.both_databases
NOTE = Phrase("There is no idea #{number} here. `kaizen list` shows the open ones.", number=3)


async def test_a_locale_kept_from_an_earlier_turn_is_used_for_an_unasked_answer(
    database_url: str,
) -> None:
    database = SqlDatabase(database_url)
    now = datetime(2026, 12, 7, 9, tzinfo=UTC)
    try:
        async with database.transaction() as store:
            await store.ensure_workspace("T1", "slack", now)
            await store.people.set_locale("T1", Person("U0AN", "an", locale="vi-VN"))
            await store.people.set_locale("T1", Person("U0EVE", "eve", locale="xx-YY"))
        async with database.transaction() as store:
            assert await store.people.locales("T1", ["U0AN", "U0BOB"]) == {"U0AN": "vi-VN"}
            carol = Person("U0CAROL", "carol", locale="de-DE")  # the one who spoke
            said = await in_their_language(
                [
                    PrivateReply(Person("U0AN", "an"), Place("C1"), Text.of(NOTE)),
                    PrivateReply(Person("U0BOB", "bob"), Place("C1"), Text.of(NOTE)),
                    PrivateReply(Person("U0EVE", "eve"), Place("C1"), Text.of(NOTE)),
                    PrivateReply(carol, Place("C1"), Text.of(NOTE)),
                ],
                Settings(language="en"),
                carol,
                "T1",
                store,
            )
    finally:
        await database.close()
    an, bob, eve, to_carol = (
        action.content.plain() for action in said if isinstance(action, PrivateReply)
    )
    assert bob == eve == str(NOTE)  # nothing known, or a language we don't speak: app.yaml's
    assert an.startswith("Ở đây không có ý tưởng #3")  # kept from an earlier turn
    assert to_carol.startswith("Hier gibt es keine Idee #3")  # the speaker's own
