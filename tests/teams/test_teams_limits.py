"""Every Teams message within Teams' limits (issue 19): a stand-up summary for 30 people was
42 KB, over the 40 KB a bot message may be, with 25 buttons and its mentions twice over."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from adapters.teams.activities import form_message, message
from adapters.teams.limits import BUDGET, MAX_ACTIONS, MAX_MENTIONS, fit, shortened
from adapters.teams.markup import escape
from bot.content import Button, Card, Choice, Field, Form, FormField, Mention, Text
from bot.model.standups import Answer, StandupRun
from bot.people import Person
from bot.standup.cards import summary

TEAMS_LIMIT = 40 * 1024
MORE = "https://kaizen.example/standups/7"
AT = re.compile(r"<at>.*?</at>", re.DOTALL)
Activity = dict[str, Any]


def utf16(activity: Activity) -> int:
    """The size as Teams counts it, measured here independently of the module under test."""
    return len(json.dumps(activity, ensure_ascii=False).encode("utf-16-le"))


def card_of(activity: Activity) -> dict[str, Any]:
    content: dict[str, Any] = activity["attachments"][0]["content"]
    return content


def texts(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [t for v in value.values() for t in texts(v)]
    return [t for v in value for t in texts(v)] if isinstance(value, list) else []


def words(body: list[dict[str, Any]]) -> str:
    return "".join(str(block.get("text", "")) for block in body)


def assert_within_teams_limits(activity: Activity) -> None:
    assert utf16(activity) <= BUDGET < TEAMS_LIMIT
    if "attachments" not in activity:
        tags = AT.findall(activity["text"])
        mentions = [e for e in activity["entities"] if e["type"] == "mention"]
    else:
        card = card_of(activity)
        assert card["version"] == "1.5"
        assert len(card.get("actions", [])) <= MAX_ACTIONS
        tags = AT.findall("".join(texts(card["body"])))
        mentions = card.get("msteams", {}).get("entities", [])
        assert not [e for e in activity.get("entities", []) if e["type"] == "mention"]
    assert len(tags) <= MAX_MENTIONS
    assert {e["text"] for e in mentions} == set(tags), "the mentions the text uses, no other"
    assert len({json.dumps(e, sort_keys=True) for e in mentions}) == len(mentions), "each once"
    for entity in mentions:
        assert set(entity) == {"type", "text", "mentioned"}
        assert entity["type"] == "mention"
        assert entity["text"] == f"<at>{escape(entity['mentioned']['name'])}</at>"
        assert set(entity["mentioned"]) == {"id", "name"}


def standup(people: int, blocker_length: int) -> tuple[Card, list[Answer]]:
    """The summary the engine posts, from its own summary() and records."""
    due = datetime(2026, 12, 2, 9, tzinfo=UTC)
    run = StandupRun("T1", "daily", "2026-12-02", "19:standup@thread.tacv2", due, id=7)
    answers = []
    for n in range(people):
        person = Person(f"29:1{n:02d}-{'f' * 60}", f"Teammate {n:02d} Longname-Example")
        words = f"Shelf {n:02d} waits on the label printer vendor & their <support> [portal] "
        blocker = (words * 10)[:blocker_length]
        at = datetime(2026, 12, 2, 9, n, tzinfo=UTC)
        answers.append(Answer(person, f"1. yes\n2. more\n3. {blocker}", blocker, at, id=n + 1))
    return summary(run, answers, recurring={3, 4}), answers


def test_a_thirty_person_summary_becomes_several_messages_each_within_the_limits() -> None:
    content, answers = standup(people=30, blocker_length=300)
    original = message(content)
    assert utf16(original) > TEAMS_LIMIT
    parts = fit(original, MORE)
    assert len(parts) > 1
    for part in parts:
        assert_within_teams_limits(part)
    cards = [card_of(part) for part in parts]
    assert cards[0]["body"][0] == card_of(original)["body"][0]
    assert all("(continued)" in card["body"][0]["text"] for card in cards[1:])

    shown = "".join(words(card["body"][1:]) for card in cards)
    names = [f"<at>{escape(a.person.name)}</at>" for a in answers]
    assert AT.findall(shown) == names + names, "everyone thanked, then every blocker's owner"
    places = [shown.index(escape(a.blocker or "")) for a in answers]
    assert places == sorted(places), "every blocker, in order"

    buttons = [action for card in cards for action in card.get("actions", [])]
    assert buttons == card_of(original)["actions"]
    with_buttons = [bool(card.get("actions")) for card in cards]
    assert with_buttons == sorted(with_buttons), "the buttons come last"


def test_a_card_within_the_limits_is_sent_as_it_is() -> None:
    content, _ = standup(people=3, blocker_length=100)
    activity = message(content)
    assert fit(activity) == [activity]
    assert shortened(activity, MORE) is activity


def test_a_cards_mentions_are_named_once_and_only_inside_the_card() -> None:
    ann = Mention(Person("29:1ann", "Ann Lee"))
    content = Card(title=Text.of("Kudos"), body=(Text.of(ann, " and ", ann), Text.of(ann)))
    activity = message(content)
    assert "entities" not in activity
    assert card_of(activity)["msteams"]["entities"] == [
        {
            "type": "mention",
            "text": "<at>Ann Lee</at>",
            "mentioned": {"id": "29:1ann", "name": "Ann Lee"},
        }
    ]
    text = message(Text.of(ann, " thanks ", ann))
    assert text["entities"] == [card_of(activity)["msteams"]["entities"][0]]


def test_a_single_item_too_large_for_a_message_is_cut_with_an_ellipsis() -> None:
    huge = Text.of("Background: ", *["the conveyor stops when the sensor fogs up. " * 1500])
    content = Card(
        title=Text.of("Idea #12"), body=(Text.of("Short first."), huge, Text.of("After."))
    )
    parts = fit(message(content))
    for part in parts:
        assert_within_teams_limits(part)
    body = [block["text"] for part in parts for block in card_of(part)["body"]]
    assert body[:2] == ["Idea #12", "Short first."]
    cut = next(text for text in body if text.startswith("Background"))
    whole = card_of(message(content))["body"][2]["text"]
    assert cut.endswith("\u2026")
    assert whole.startswith(cut.removesuffix("\u2026") + " "), "cut at the end of a word"
    assert body[-1] == "After."

    linked = fit(message(content), MORE)
    cut = next(t for part in linked for t in texts(card_of(part)["body"]) if "Background" in t)
    assert cut.endswith(f"\u2026 [See all of it]({MORE})")


def test_a_large_list_of_fields_is_divided_between_its_fields() -> None:
    owners = [Mention(Person(f"29:1p{n}", f"Owner {n}")) for n in range(30)]
    fields = tuple(Field(f"Step {n}", Text.of(owners[n], " " + "z" * 900)) for n in range(30))
    original = message(Card(title=Text.of("Plan"), fields=fields))
    parts = fit(original)
    assert len(parts) > 1
    for part in parts:
        assert_within_teams_limits(part)
    facts = [f for part in parts for block in card_of(part)["body"] for f in block.get("facts", [])]
    assert facts == card_of(original)["body"][1]["facts"]


def test_a_long_text_splits_at_its_lines() -> None:
    bob = Mention(Person("29:1bob", "Bob <Brown>"))
    who = [bob if n % 10 == 0 else "someone" for n in range(300)]
    lines = [Text.of(f"{n}. ", who[n], f" fixed shelf {n} ", "x" * 400) for n in range(300)]
    original = message(Text.of(*[span for line in lines for span in (*line.spans, "\n")]))
    parts = fit(original)
    assert len(parts) > 1
    for part in parts:
        assert_within_teams_limits(part)
        assert not part["text"].startswith("\n")
    assert "\n".join(part["text"] for part in parts) == original["text"]


def test_shortened_is_one_activity_within_the_limits_ending_with_the_link() -> None:
    content, answers = standup(people=30, blocker_length=300)
    short = shortened(message(content), MORE)
    assert_within_teams_limits(short)
    body = card_of(short)["body"]
    assert body[0] == card_of(message(content))["body"][0]
    assert body[-1]["text"] == f"Cut to fit in one Teams message. [See all of it]({MORE})"
    thanked = body[1]["text"] + body[2]["text"]
    assert all(escape(a.person.name) in thanked for a in answers), "later names as plain words"

    long_text = message(Text.of("\n".join(f"line {n} " + "y" * 200 for n in range(1000))))
    short_text = shortened(long_text, MORE)
    assert_within_teams_limits(short_text)
    assert short_text["text"].startswith("line 0 ")
    assert short_text["text"].endswith(
        f"\nCut to fit in one Teams message. [See all of it]({MORE})"
    )
    assert shortened(long_text)["text"].endswith("\nCut to fit in one Teams message.")


def test_a_form_is_never_divided_its_choices_are_fewer_instead() -> None:
    channels = tuple(
        Choice(f"19:{n:04d}{'c' * 40}@thread.tacv2", f"#channel-{n}") for n in range(900)
    )
    chosen = channels[700].value
    field = FormField("where", "Spread to", kind="channel", choices=channels, initial=chosen)
    activity = form_message(Form("spread", "Spread idea #3", (field,)))
    assert utf16(activity) > TEAMS_LIMIT
    (part,) = fit(activity)
    assert_within_teams_limits(part)
    choices = card_of(part)["body"][1]["choices"]
    assert 1 < len(choices) < len(channels)
    assert choices[-1]["value"] == chosen
    assert card_of(part)["actions"] == card_of(activity)["actions"]


people = st.builds(
    Person,
    st.from_regex(r"29:[a-z0-9]{1,40}", fullmatch=True),
    st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), min_size=1, max_size=40),
)
spans = st.one_of(
    st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=100),
    st.builds(Mention, people),
)
paragraphs = st.lists(spans, max_size=15).map(lambda parts: Text.of(*parts))


@settings(max_examples=60, deadline=None)
@given(
    title=paragraphs,
    body=st.lists(paragraphs, max_size=60),
    buttons=st.integers(min_value=0, max_value=30),
)
def test_any_card_is_divided_within_the_limits_keeping_its_words_and_buttons(
    title: Text, body: list[Text], buttons: int
) -> None:
    content = Card(
        title=title,
        body=tuple(body),
        buttons=tuple(Button(f"Make {n} an idea", "b", str(n)) for n in range(buttons)),
    )
    original = message(content)
    parts = fit(original)
    for part in parts:
        assert_within_teams_limits(part)
    cards = [card_of(part) for part in parts]
    shown = words(cards[0]["body"][:1]) + "".join(words(card["body"][1:]) for card in cards)
    assert shown == words(card_of(original)["body"])
    assert [a for card in cards for a in card.get("actions", [])] == card_of(original).get(
        "actions", []
    )
    assert_within_teams_limits(shortened(original, MORE))


@settings(max_examples=60, deadline=None)
@given(lines=st.lists(st.lists(spans, max_size=12).map(lambda s: Text.of(*s)), max_size=200))
def test_any_text_is_divided_at_its_lines_within_the_limits(lines: list[Text]) -> None:
    original = message(Text.of(*[span for line in lines for span in (*line.spans, "\n")]))
    parts = fit(original)
    for part in parts:
        assert_within_teams_limits(part)
    assert "\n".join(part["text"] for part in parts) == original["text"]
    assert_within_teams_limits(shortened(original, MORE))
