"""The outbox and inbox codec: what is stored loads back as it was, after any release."""

from __future__ import annotations

from bot.actions import Post, PrivateReply, Reply, ShowHome, Update
from bot.codec import NAMES, dumps, loads
from bot.content import Button, Card, ChannelLink, Field, Mention, Text
from bot.people import Person, Place

ALICE = Person("U0ALICE", "alice")


def test_every_action_survives_the_trip_through_the_outbox() -> None:
    card = Card(
        title=Text.of("Kaizen idea #1"),
        body=(Text.of("Thanks ", Mention(ALICE), " in ", ChannelLink("C1")),),
        fields=(Field("From", Text.of(Mention(ALICE))),),
        buttons=(Button("Move to Do", "idea.move", "1:do", "primary"),),
        footer=Text.of("kaizen show 1"),
    )
    for action in (
        Post("C1", card, key="idea:1"),
        Reply("idea:1", Text.of("Why #1: <!channel> & friends?")),
        PrivateReply(ALICE, Place("C1", "171.0", direct=False), Text.of("only you")),
        Update("idea:1", card),
        ShowHome(ALICE, card),
    ):
        assert loads(dumps(action)) == action


STORED_BEFORE = (
    '{"$":"Reply","thread":"idea:1","content":{"$":"Text","spans":["Why #1: ",'
    '{"$":"Mention","person":{"$":"Person","id":"U1","name":"ann","timezone":null,'
    '"is_bot":false}}]},"key":null,"fallback":null}'
)
"""A Reply as the outbox stored it on 2026-12-02: what is stored must load after a release."""
STORED_NOW = STORED_BEFORE.replace('"is_bot":false}', '"is_bot":false,"locale":null}')
"""The same Reply as it is stored since people carry their locale (2026-12-07)."""


def test_a_stored_parcel_loads_after_its_classes_are_renamed() -> None:
    """The outbox writes each type's stored name, never its class name: renaming (or
    moving) a class leaves what is stored, and what was stored, as it is."""
    expected = Reply("idea:1", Text.of("Why #1: ", Mention(Person("U1", "ann"))))
    renames: list[tuple[type, str]] = [(Reply, "Answer"), (Text, "Words"), (Mention, "Tag")]
    originals = [(cls, cls.__name__) for cls, _ in renames]
    try:
        for cls, renamed in renames:
            cls.__name__ = renamed
        assert loads(STORED_BEFORE) == expected
        assert dumps(expected) == STORED_NOW
    finally:
        for cls, name in originals:
            cls.__name__ = name
    assert len(set(NAMES.values())) == len(NAMES)
