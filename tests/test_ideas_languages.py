"""An idea's life after the whys in German and Vietnamese (issue 20): the list, the story, a
move along PDCA, the plan, the check form and its thanks, done, the home page and the
refusals, through the real engine and database, said in the team's language with no English
words of the bot's own left in (commands, names and what people typed stay as they are)."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from bot.events import ButtonPress, HomeOpened
from bot.ideas.check import CHECK_BUTTON
from bot.people import Person, Place
from bot.settings import Settings
from tests.conftest import ChatFactory
from tests.conversation import Chat, Said

ENGLISH = re.compile(
    r"\b(the|is|are|and|of|for|your|you|idea|ideas|moved|already|only|which|what|check|"
    r"checked|held|done|there|here|open|thanks|thank|not|it|its|did|see|saw|learn|learned|"
    r"record|set|aside|why|who|from|changed|mark|stage|none|yet|more|small)\b",
    re.IGNORECASE,
)
"""Words of the bot's own English (none of them a German or Vietnamese word); the test's
ideas and answers are written in the language under test, so any of these in a reply is a
sentence left untranslated."""


@dataclass(frozen=True)
class Words:
    """What people type in one language, and a few things the bot must say in it."""

    language: str
    problem: str
    countermeasure: str
    saw: str
    learned: str
    open_heading: str
    all_heading: str
    moved_to_do: str
    no_idea: str
    not_a_stage: str
    only_the_author: str
    check_title: str
    check_labels: tuple[str, ...]
    check_choices: tuple[str, ...]
    done_title: str
    home_title: str


GERMAN = Words(
    language="de",
    problem="Der Etikettendrucker klemmt jeden Morgen",
    countermeasure="Rollen beim Schichtstart reinigen",
    saw="drei Staus pro Woche",
    learned="die Nachtschicht überspringt die Liste",
    open_heading="Offene Ideen (1):",
    all_heading="Alle Ideen (1):",
    moved_to_do="@alice hat Idee #1 auf \u201eUmsetzen\u201c verschoben.",
    no_idea="Hier gibt es keine Idee #99.",
    not_a_stage="\u201ebald\u201c ist keine Phase",
    only_the_author="Nur wer Idee #1 eingebracht hat",
    check_title="Idee #1 prüfen",
    check_labels=("Hat es gewirkt?", "Was hast du gesehen?", "Was haben wir gelernt?"),
    check_choices=("Es hat gewirkt", "Teilweise", "Es hat nicht gewirkt"),
    done_title="Idee #1 ist erledigt!",
    home_title="Kaizen: kleine Verbesserungen, jeden Tag",
)
VIETNAMESE = Words(
    language="vi",
    problem="Máy in nhãn bị kẹt mỗi sáng",
    countermeasure="Vệ sinh trục lăn khi bắt đầu ca",
    saw="ba lần kẹt mỗi tuần",
    learned="ca đêm bỏ qua danh sách",
    open_heading="Ý tưởng đang mở (1):",
    all_heading="Tất cả ý tưởng (1):",
    moved_to_do="@alice đã chuyển ý tưởng #1 sang giai đoạn Thực hiện.",
    no_idea="Ở đây không có ý tưởng #99.",
    not_a_stage="\u201cbald\u201d không phải là giai đoạn",
    only_the_author="Chỉ người đưa ra ý tưởng #1",
    check_title="Kiểm tra ý tưởng #1",
    check_labels=("Có hiệu quả không?", "Bạn đã thấy gì?", "Chúng ta đã học được gì?"),
    check_choices=("Có hiệu quả", "Một phần", "Không hiệu quả"),
    done_title="Ý tưởng #1 đã hoàn thành!",
    home_title="Kaizen: cải tiến nhỏ, mỗi ngày",
)


def _leaks(said: Said) -> list[str]:
    """English words in what the bot said, leaving out commands (`kaizen ...`, typed in
    backticks or after a footer's two spaces) and mentions."""
    text = re.sub(r"`[^`]*`", " ", said.text)
    text = re.sub(r"\bkaizen (show|take) \d+.*", " ", text)
    text = re.sub(r"@\w+", " ", text)
    return ENGLISH.findall(text)


def _no_english(said: Said) -> Said:
    assert not _leaks(said), f"English in a {said.kind}: {said.text!r}"
    return said


async def _at_plan(chat: Chat, words: Words) -> None:
    await chat.say(f"kaizen {words.problem}")
    chat.catch_up()  # the card and the first why: the coach's part
    await chat.say("kaizen move 1 plan")
    chat.catch_up()


@pytest.fixture(params=[GERMAN, VIETNAMESE], ids=lambda words: words.language)
def words(request: pytest.FixtureRequest) -> Words:
    return request.param  # type: ignore[no-any-return]


async def test_an_ideas_life_in_the_teams_language(new_chat: ChatFactory, words: Words) -> None:
    chat = await new_chat(Settings(language=words.language))
    await _at_plan(chat, words)

    await chat.say("kaizen list")
    listed = _no_english(chat.expect_private(words.open_heading, to="alice"))
    assert words.problem in listed.text
    await chat.say("kaizen show 1")
    assert words.problem in chat.expect_private(to="alice").text
    await chat.say("kaizen show 99")
    _no_english(chat.expect_private(words.no_idea, to="alice"))
    await chat.say("kaizen move 1 bald")
    chat.expect_private(words.not_a_stage, to="alice")

    await chat.say(
        f"kaizen plan 1 {words.countermeasure}, expect unter 1 pro Woche, measure pro Woche, "
        "check in 2 weeks"
    )
    plan = chat.expect_thread(words.countermeasure)
    assert "#1" in plan.text
    chat.catch_up()

    chat.as_("bob")
    await chat.say("kaizen move 1 do")
    _no_english(chat.expect_private(words.only_the_author, to="bob"))
    chat.as_("alice")
    await chat.say("kaizen move 1 do")
    chat.expect_update()
    _no_english(chat.expect_thread(words.moved_to_do))

    await chat.runtime.receive(
        ButtonPress(
            workspace=chat.workspace,
            person=chat.person,
            place=Place(chat.channel),
            action=CHECK_BUTTON,
            value="1:partly",
        )
    )
    form = chat.expect_form(words.check_title).form
    assert tuple(field.label for field in form.fields) == words.check_labels
    assert tuple(choice.label for choice in form.fields[0].choices) == words.check_choices
    for said in (form.title, form.submit_label, form.intro, form.fields[1].hint):
        assert not ENGLISH.findall(said), said
    await chat.submit(
        chat.outlet.said[-1].form,  # type: ignore[arg-type]
        result="partly",
        observed=words.saw,
        learning=words.learned,
    )
    chat.expect_update()
    thanks = chat.expect_thread(words.saw)
    assert words.learned in thanks.text and "@alice" in thanks.text

    await chat.say(f"kaizen move 1 done {words.countermeasure}")
    chat.expect_update()
    _no_english(chat.expect_thread("#1"))
    done = _no_english(chat.expect_post(words.done_title))
    assert words.countermeasure in done.text and "@alice" in done.text
    chat.catch_up()

    await chat.say("kaizen list all")
    _no_english(chat.expect_private(words.all_heading, to="alice"))

    alice = Person("alice", "alice")
    await chat.runtime.receive(
        HomeOpened(workspace=chat.workspace, person=alice, place=Place("", direct=True))
    )
    home = _no_english(chat.skip_to("home"))
    assert words.home_title in home.text
