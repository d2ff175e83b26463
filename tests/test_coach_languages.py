"""The 5-Whys coach and taking in an idea in German and Vietnamese: the card, each why, the
coach's private words and the summary, through the real engine on a real SQLite database,
with the team's language set in app.yaml (`language:`). The questions the coach builds by
English grammar are said, in another language, as the person's own words quoted."""

from __future__ import annotations

import pytest

from bot.ideas.asking import as_said, mid_sentence
from bot.ideas.cards import anonymous
from bot.language.names import COLLEAGUE
from bot.language.stops import read_stop
from bot.language.translate import words
from bot.model.ideas import ANONYMOUS
from bot.settings import Settings
from tests.conftest import ChatFactory
from tests.conversation import Chat

ENGLISH_FRAME_WORDS = (
    "Why #",
    "Reply in this thread",
    "Reply in the thread",
    "root cause",
    "Root cause",
    "What makes that happen",
    "You said",
    "You wrote",
    "Kaizen idea",
    "Clarifying",
    "From:",
    "Path:",
    "operational",
    "Problem:",
    "Read back",
    "and therefore",
    "Kind of cause",
    "countermeasure",
    "Not knowing yet",
    "Pause, remind me",
    "Move to",
    "Drop",
    "a colleague",
)
"""Words of the coach's frames in English: none may show through in another language."""


async def _chat(new_chat: ChatFactory, language: str) -> Chat:
    return await new_chat(Settings(language=language))


def _no_english(chat: Chat, *same: str) -> None:
    """Nothing the bot said has English frame words (but the `same` in both languages)."""
    for said in chat.outlet.said:
        shown = " ".join([said.text, *(button.label for button in said.buttons)])
        leaked = [w for w in ENGLISH_FRAME_WORDS if w in shown and w not in same]
        assert not leaked, f"English {leaked} in: {shown}"


async def test_a_vietnamese_team_gets_the_card_the_whys_and_the_summary_in_vietnamese(
    new_chat: ChatFactory,
) -> None:
    chat = await _chat(new_chat, "vi")
    await chat.say("kaizen Máy in nhãn bị kẹt mỗi sáng")
    card = chat.expect_post("Ý tưởng Kaizen #1 \u00b7 ")
    assert "Máy in nhãn bị kẹt mỗi sáng" in card.text and "Hướng: vận hành" in card.text
    assert "Đây là nguyên nhân gốc" in [button.label for button in card.buttons]
    first = chat.expect_thread(
        "Tại sao #1: Bạn viết: \u201cMáy in nhãn bị kẹt mỗi sáng\u201d. Điều gì dẫn đến việc đó?"
    )
    assert "Hãy trả lời ngay trong chuỗi tin nhắn này." in first.text
    assert "bạn chỉ cần gõ \u201cnguyên nhân gốc\u201d" in first.text

    await chat.say("Con lăn bị bụi")
    chat.expect_thread("Tại sao #2: Bạn nói: \u201cCon lăn bị bụi\u201d. Điều gì dẫn đến việc đó?")
    await chat.say("không biết")
    unsure = chat.expect_private("Chưa biết cũng là điều rất bình thường", to="alice")
    assert [button.label for button in unsure.buttons] == ["Tạm dừng, nhắc mình ngày mai"]
    await chat.say("Không ai lau chúng")
    chat.expect_thread("Tại sao #3: Bạn nói: \u201cKhông ai lau chúng\u201d.")

    await chat.say("nguyên nhân gốc")
    summary = chat.expect_thread("Đã tìm ra nguyên nhân gốc của ý tưởng #1")
    assert "Vấn đề: Máy in nhãn bị kẹt mỗi sáng" in summary.text
    assert "Nguyên nhân gốc: không ai lau chúng" in summary.text
    assert "Loại nguyên nhân: chưa thấy rõ nằm trong hệ thống." in summary.text
    assert (
        "Tại sao #2: Bạn nói: \u201cCon lăn bị bụi\u201d. Điều gì dẫn đến việc đó? "
        "\u2192 Không ai lau chúng" in summary.text
    )
    assert (
        "Đọc ngược lại: Không ai lau chúng, vì vậy con lăn bị bụi, vì vậy máy in nhãn bị kẹt "
        "mỗi sáng." in summary.text
    )
    assert "Biện pháp khắc phục nào sẽ loại bỏ nguyên nhân gốc này?" in summary.text
    chat.expect_update("Ý tưởng Kaizen #1 \u00b7 ")

    await chat.say("không biết")
    chat.expect_private("Bạn sẽ thử làm gì trước tiên để loại bỏ nguyên nhân gốc", to="alice")
    _no_english(chat)


async def test_a_german_team_gets_the_card_the_whys_and_the_summary_in_german(
    new_chat: ChatFactory,
) -> None:
    chat = await _chat(new_chat, "de")
    await chat.say("kaizen Der Etikettendrucker klemmt jeden Morgen")
    card = chat.expect_post("Kaizen-Idee #1 \u00b7 ")
    assert "Von: @alice" in card.text and "Ebene: operativ" in card.text
    assert "Das ist die Grundursache" in [button.label for button in card.buttons]
    first = chat.expect_thread(
        "1. Warum: Du hast geschrieben: \u201eDer Etikettendrucker klemmt jeden Morgen\u201c. "
        "Was führt dazu?"
    )
    assert "Antworte in diesem Thread." in first.text
    assert "Schreib \u201eGrundursache\u201c, wenn du dort angekommen bist." in first.text

    await chat.say("Die Walzen sind staubig")
    chat.expect_thread(
        "2. Warum: Du hast gesagt: \u201eDie Walzen sind staubig\u201c. Was führt dazu?"
    )
    await chat.say("keine Ahnung")
    unsure = chat.expect_private("Es noch nicht zu wissen, ist ehrlich.", to="alice")
    assert [button.label for button in unsure.buttons] == ["Pausieren, morgen erinnern"]
    await chat.say("Niemand reinigt sie")
    chat.expect_thread("3. Warum: Du hast gesagt: \u201eNiemand reinigt sie\u201c.")
    await chat.say("Es gibt keinen Reinigungsplan für den Drucker")
    offer = chat.expect_thread("Das klingt nach einer Ursache im Ablauf, die das Team ändern kann.")
    assert [button.label for button in offer.buttons] == [
        "Ja, das ist die Grundursache",
        "Weiterfragen",
    ]

    await chat.say("Grundursache")
    summary = chat.expect_thread("Grundursache für Idee #1 gefunden")
    assert "Problem: Der Etikettendrucker klemmt jeden Morgen" in summary.text
    assert "Grundursache: Es gibt keinen Reinigungsplan für den Drucker" in summary.text
    assert "Art der Ursache: der Ablauf \u2013 etwas, das das Team ändern kann." in summary.text
    assert (
        "1. Warum: Du hast geschrieben: \u201eDer Etikettendrucker klemmt jeden Morgen\u201c. "
        "Was führt dazu? \u2192 Die Walzen sind staubig" in summary.text
    )
    assert (
        "Rückwärts gelesen: Es gibt keinen Reinigungsplan für den Drucker \u2013 deshalb: "
        "Niemand reinigt sie \u2013 deshalb: Die Walzen sind staubig \u2013 deshalb: Der "
        "Etikettendrucker klemmt jeden Morgen." in summary.text
    )
    assert "Welche Gegenmaßnahme würde diese Grundursache beseitigen?" in summary.text
    chat.expect_update("Kaizen-Idee #1 \u00b7 ")

    await chat.say("fertig")
    chat.expect_private("Was probierst du als Erstes, um die Grundursache", to="alice")
    _no_english(chat, "Problem:")


async def test_a_question_built_by_english_grammar_is_the_answer_quoted_elsewhere(
    new_chat: ChatFactory,
) -> None:
    """An English answer in a German team: not "Why are the rollers dusty?" (nor half of it
    in German), but the German frame around the answer; the same when it is asked again."""
    chat = await _chat(new_chat, "de")
    await chat.say("kaizen The label printer jams every morning")
    chat.skip_to("thread", "1. Warum: Du hast geschrieben: \u201eThe label printer jams every")
    await chat.say("The rollers are dusty")
    chat.expect_thread(
        "2. Warum: Du hast gesagt: \u201eThe rollers are dusty\u201c. Was führt dazu?"
    )
    await chat.say("kaizen undo 1")
    again = chat.skip_to("thread", "Die Antwort auf das 1. Warum wurde zurückgenommen.")
    assert "Noch einmal das 1. Warum: Du hast geschrieben: \u201eThe label printer" in again.text
    _no_english(chat)


async def test_an_idea_naming_a_person_is_held_back_in_the_authors_language(
    new_chat: ChatFactory,
) -> None:
    chat = await _chat(new_chat, "de")
    await chat.say("kaizen Frau Weber hat vergessen, den Druck an der Abfüllanlage zu prüfen")
    held = chat.expect_private("Bevor ich das poste: Deine Idee nennt Weber.", to="alice")
    assert (
        "Wie wäre es so: \u201eJemand aus dem Team hat vergessen, den Druck an der Abfüllanlage "
        "zu prüfen\u201c?" in held.text
    )
    assert [button.label for button in held.buttons] == [
        "Umformuliert posten",
        "So posten, wie ich es geschrieben habe",
    ]
    chat.expect_nothing()


@pytest.mark.parametrize(
    ("said", "answer"),
    [
        ("nguyên nhân gốc", None),
        ("Đây là nguyên nhân gốc.", None),
        ("nguyên nhân gốc là không có lịch bảo trì", "không có lịch bảo trì"),
        ("Grundursache", None),
        ("Ich glaube, das ist die Grundursache.", None),
        ("Grundursache: Niemand ist zuständig", "Niemand ist zuständig"),
        ("fertig", None),
        ("xong", None),
    ],
)
def test_the_root_cause_is_reached_in_german_and_vietnamese(said: str, answer: str | None) -> None:
    assert read_stop(said, ("root cause", "done")) == (True, answer)


def test_german_keeps_its_capitals_mid_sentence_and_a_colleague_is_said_in_the_language() -> None:
    assert mid_sentence("Sensor fehlt an der Anlage") == "Sensor fehlt an der Anlage"
    assert mid_sentence("Nobody cleans them") == "nobody cleans them"
    assert mid_sentence("Con lăn bị bụi") == "con lăn bị bụi"
    said = as_said(f"{COLLEAGUE} was covering two wards")
    assert not isinstance(said, str)
    assert said.plain() == "a colleague was covering two wards"
    assert words(anonymous(), "de") == "ein Teammitglied (anonym)"
    assert anonymous() == ANONYMOUS
