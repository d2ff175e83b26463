"""Stand-ups and kudos in German and Vietnamese: the bot's own words around the team's.

A stand-up day (prompt, two answers, a reminder, the summary, a blocker made an idea) and
kudos (the card, the private note, a refusal, the leaderboard) run through the engine on a
real SQLite database with `language` set; every frame is in that language, with no English
word left but names, commands and what people wrote."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from bot.clock import FrozenClock
from bot.people import Person
from bot.settings import Settings, Standup
from tests.conftest import ChatFactory
from tests.conversation import Said

DAILY = Standup(
    channel="C1", time="09:15", remind_after=timedelta(hours=1), close_after=timedelta(hours=2)
)
TEAM = [Person(n, n) for n in ("alice", "bob", "carol", "dave")] + [
    Person("kaizen", "kaizen", is_bot=True)
]
ENGLISH = re.compile(
    r"\b(Thanks|Thank you|Reply|reply|answered|Blockers?|noted|Good morning|summary|"
    r"reminder|waiting|blocker|Make|idea|recognised|Value|Give kudos|posted|left today|"
    r"Most|nobody|yourself|this week|since|Rather|people|the|and|your|you)\b"
)
"""Words of the English frames; none may be left in another language's texts."""

SAID = {
    "de": {
        "prompt": "Stand-up \u00b7 02.03.2026",
        "ask": "Guten Morgen! Antworte in diesem Thread, eine Zeile pro Frage:",
        "noted": "Danke, deine Stand-up-Antwort ist da. Hindernis notiert: "
        "Waiting for the label stock. Antworte noch einmal, um sie zu ändern.",
        "thanks": "Danke, deine Stand-up-Antwort ist da. Antworte noch einmal, um sie zu ändern.",
        "reminder": "Eine kleine Erinnerung: Das heutige Stand-up in #C1 wartet noch auf deine "
        "zwei Minuten.",
        "summary": "Stand-up-Zusammenfassung \u00b7 02.03.2026",
        "answered": "2 Antworten: @alice und @bob. Danke euch!",
        "blockers": "Hindernisse:\n1. @alice: Waiting for the label stock",
        "button": "Kaizen-Idee aus Nr. 1",
        "now": "(jetzt Idee #1)",
        "closed": "Dieses Stand-up ist abgeschlossen",
        "card": "@alice bedankt sich bei @bob und @carol",
        "reason": "\u201efor sorting the returns shelf\u201c",
        "value": "Wert: Teamwork",
        "confirmed": "Deine Kudos an @bob und @carol sind gepostet. Du hast heute noch 3 übrig.",
        "self": "Kudos sind für andere: Dir selbst kannst du keine geben.",
        "top": "Kudos in dieser Woche (seit 02.03.2026)",
        "recognised": "Am häufigsten gewürdigt:\n1. @bob 1\n2. @carol 1",
        "generous": "Am großzügigsten:\n1. @alice 1",
    },
    "vi": {
        "prompt": "Giao ban \u00b7 2 thg 3, 2026",
        "ask": "Chào buổi sáng! Bạn hãy trả lời trong chuỗi tin nhắn này, mỗi câu hỏi một dòng:",
        "noted": "Cảm ơn bạn, câu trả lời giao ban đã được ghi nhận. Vướng mắc đã ghi lại: "
        "Waiting for the label stock. Muốn sửa, bạn chỉ cần trả lời lại.",
        "thanks": "Cảm ơn bạn, câu trả lời giao ban đã được ghi nhận. Muốn sửa, bạn chỉ cần "
        "trả lời lại.",
        "reminder": "Nhắc nhẹ: buổi giao ban hôm nay ở #C1 đang chờ hai phút của bạn.",
        "summary": "Tổng kết giao ban \u00b7 2 thg 3, 2026",
        "answered": "2 người đã trả lời: @alice và @bob. Cảm ơn các bạn!",
        "blockers": "Vướng mắc:\n1. @alice: Waiting for the label stock",
        "button": "Tạo ý tưởng Kaizen từ mục 1",
        "now": "(đã thành ý tưởng #1)",
        "closed": "Buổi giao ban này đã kết thúc",
        "card": "@alice gửi lời khen đến @bob và @carol",
        "reason": "\u201cfor sorting the returns shelf\u201d",
        "value": "Giá trị: Teamwork",
        "confirmed": "Lời khen của bạn dành cho @bob và @carol đã được đăng. Hôm nay bạn còn 3 "
        "lời khen.",
        "self": "Lời khen là để dành cho người khác: bạn không thể tự khen mình.",
        "top": "Lời khen tuần này (từ 2 thg 3, 2026)",
        "recognised": "Được khen nhiều nhất:\n1. @bob 1\n2. @carol 1",
        "generous": "Gửi lời khen nhiều nhất:\n1. @alice 1",
    },
}
PEOPLE_WROTE = ("Waiting for the label stock", "for sorting the returns shelf", "Teamwork")


def frame(text: str) -> str:
    """What the bot itself said: its words without what people wrote, names and commands."""
    for words in PEOPLE_WROTE:
        text = text.replace(words, "")
    text = re.sub(r"`[^`]*`|/kudos \S+|@\w+|#\w+", "", text)
    questions = Standup(channel="C1").questions  # the operator's questions, kept as configured
    for question in questions:
        text = text.replace(question, "")
    return text


def in_their_language(*messages: Said) -> None:
    for said in messages:
        assert not ENGLISH.search(frame(said.text)), said.text
        for button in said.buttons:
            assert not ENGLISH.search(button.label), button.label


@pytest.mark.parametrize("language", ["de", "vi"])
async def test_a_stand_up_day_in_the_teams_language(
    new_chat: ChatFactory, clock: FrozenClock, language: str
) -> None:
    said = SAID[language]
    chat = await new_chat(Settings(language=language, standups=(DAILY,)))
    chat.outlet.channel_members = TEAM
    await chat.say("kaizen standup")
    prompt = chat.expect_post(said["prompt"])
    assert said["ask"] in prompt.text
    yesterday = {"de": "Was hast du gestern geschafft?", "vi": "Hôm qua bạn đã làm được gì?"}
    assert f"1. {yesterday[language]}" in prompt.text  # the default questions, translated

    await chat.say("1. Relabelled aisle 4\n2. Scanner batteries\n3. Waiting for the label stock")
    noted = chat.expect_private(said["noted"], to="alice")
    chat.as_("bob")
    await chat.say("Cycle count\nPick list layout\n-")
    thanks = chat.expect_private(said["thanks"], to="bob")

    clock.advance(timedelta(minutes=61))
    await chat.tick()
    reminder = chat.expect_private(said["reminder"], to="carol")
    assert reminder.channel == "C1"
    chat.expect_private(said["reminder"], to="dave")

    clock.advance(timedelta(hours=1))
    await chat.tick()
    summary = chat.expect_thread(said["summary"])
    assert said["answered"] in summary.text
    assert said["blockers"] in summary.text
    assert [b.label for b in summary.buttons] == [said["button"]]

    chat.as_("bob")
    await chat.say("a late answer")
    closed = chat.expect_private(said["closed"], to="bob")

    chat.as_("lead")
    await chat.press(said["button"])  # the idea's card and whys are the ideas' own words
    update = chat.skip_to("update", said["summary"])
    assert said["now"] in update.text and update.buttons == []
    in_their_language(prompt, noted, thanks, reminder, summary, closed, update)


@pytest.mark.parametrize("language", ["de", "vi"])
async def test_kudos_in_the_teams_language(new_chat: ChatFactory, language: str) -> None:
    said = SAID[language]
    chat = await new_chat(Settings(language=language))
    await chat.say(
        "kudos @bob and @carol for sorting the returns shelf #teamwork", mentions=("bob", "carol")
    )
    card = chat.expect_post(said["card"])
    assert said["reason"] in card.text and said["value"] in card.text
    confirmed = chat.expect_private(said["confirmed"], to="alice")
    await chat.say("kudos @alice for the training notes", mentions=("alice",))
    refused = chat.expect_private(said["self"], to="alice")
    await chat.say("kudos top")
    top = chat.expect_private(said["top"])
    assert said["recognised"] in top.text and said["generous"] in top.text
    in_their_language(card, confirmed, refused, top)
