"""The advisor model's adapter against a local server of OpenAI's wire format, the rules
that check what it says, and its settings.

The stand-in (tests/advisor_server.py) answers well, slowly, with HTTP 500, with content
that is not JSON, or with JSON outside the schema; nothing of ours is patched.
"""

from __future__ import annotations

import json
import logging
import sys
import time
from pathlib import Path

import pytest

from adapters.advisor.openai_chat import OpenAIChatAdvisor
from adapters.advisor.reading import NotAReading, parse
from bot.errors import ConfigError
from bot.language.advice import Advice, AdviceRequest, AnswerKind, checked, has_verdict, script
from bot.settings import Settings
from kaizen.app import build_advisor
from kaizen.config import load_settings
from tests.advisor_server import GOOD_READING, AdvisorStandIn, advisor_settings, settings_for

REPO = Path(__file__).resolve().parent.parent
ANSWER = "The labels curl because the printer sits next to the oven"
REQUEST = AdviceRequest(
    problem="The label printer jams every morning",
    chain=(("Why does the label printer jam?", "The labels stick together"),),
    question="Why do the labels stick together?",
    answer=ANSWER,
    names=frozenset({"kelly", "minh"}),
)
NAMED = AdviceRequest(
    problem="Kelly's label printer jams every morning",
    chain=(("Why does the printer jam?", "nurse Kelly loads the labels upside down"),),
    question="Why does Kelly load them that way?",
    answer="Minh showed her that way and anh Minh never had training",
    names=frozenset({"kelly", "minh"}),
)


async def advise(
    stand_in: AdvisorStandIn, request: AdviceRequest, seconds: float = 1.0, send_names: bool = False
) -> Advice | None:
    """One reading from a fresh adapter on the stand-in, closed after."""
    advisor = OpenAIChatAdvisor(advisor_settings(stand_in, seconds=seconds, send_names=send_names))
    try:
        return await advisor.advise(request)
    finally:
        await advisor.close()


async def test_a_good_answer_is_read_into_advice(advisor_server: AdvisorStandIn) -> None:
    advice = await advise(advisor_server, REQUEST)
    assert advice == Advice(kind=AnswerKind.STEP, follows=True, question=GOOD_READING["question"])
    (body,) = advisor_server.requests
    assert body["model"] == "stand-in"
    assert body["response_format"]["type"] == "json_schema"
    assert [m["role"] for m in body["messages"]] == ["system", "user"]
    (case,) = advisor_server.cases()
    assert case["answer"] == ANSWER
    assert case["open_why"] == {"number": 2, "question": REQUEST.question}
    assert case["whys"][0]["answer"] == "The labels stick together"
    assert "names" not in case and "kelly" not in json.dumps(body)


@pytest.mark.parametrize("manner", ["broken", "malformed", "off_schema"])
async def test_a_broken_server_or_a_bad_reply_gives_no_advice_and_one_warning(
    advisor_server: AdvisorStandIn, manner: str, caplog: pytest.LogCaptureFixture
) -> None:
    advisor_server.answer(manner)  # type: ignore[arg-type]
    with caplog.at_level(logging.INFO, logger="adapters.advisor"):
        assert await advise(advisor_server, REQUEST) is None
    warnings = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(warnings) == 1, [r.getMessage() for r in warnings]
    assert "the rules go on alone" in warnings[0].getMessage()
    assert ANSWER not in warnings[0].getMessage()
    assert len(advisor_server.requests) == 1  # no retries while a person waits


async def test_a_slow_server_gives_no_advice_within_about_the_timeout(
    advisor_server: AdvisorStandIn,
) -> None:
    advisor_server.answer("slowly")
    started = time.monotonic()
    assert await advise(advisor_server, REQUEST, seconds=0.3) is None
    assert time.monotonic() - started < 5.0
    assert len(advisor_server.requests) == 1  # asked once: no retries while a person waits


async def test_no_server_at_all_gives_no_advice(advisor_server: AdvisorStandIn) -> None:
    await advisor_server.stop()
    assert await advise(advisor_server, REQUEST) is None


async def test_without_send_names_no_name_leaves_the_process(
    advisor_server: AdvisorStandIn,
) -> None:
    await advise(advisor_server, NAMED)
    sent = " ".join(advisor_server.sent()).casefold()
    assert "kelly" not in sent and "minh" not in sent
    (case,) = advisor_server.cases()
    assert case["answer"] == "a colleague showed her that way and a colleague never had training"


async def test_with_send_names_the_names_go_as_written(advisor_server: AdvisorStandIn) -> None:
    await advise(advisor_server, NAMED, send_names=True)
    (case,) = advisor_server.cases()
    assert case["answer"] == NAMED.answer and case["problem"] == NAMED.problem


async def test_the_key_comes_from_the_environment_and_none_is_fine(
    advisor_server: AdvisorStandIn,
) -> None:
    for env in ({"KAIZEN_ADVISOR_API_KEY": "sk-local-test"}, {}):
        advisor = build_advisor(settings_for(advisor_server), env)
        assert advisor is not None
        assert await advisor.advise(REQUEST) is not None
        await advisor.close()
    assert advisor_server.keys == ["Bearer sk-local-test", "Bearer none"]
    assert build_advisor(Settings(), {}) is None


def test_a_reply_in_code_fences_or_with_extra_keys_is_still_read() -> None:
    reply = '```json\n{"kind": "Cause", "follows": true, "why": "no PM plan"}\n```'
    assert parse(reply) == Advice(kind=AnswerKind.CAUSE, follows=True)


@pytest.mark.parametrize(
    "reply",
    [None, "", "Sure! Here is my reading.", "[1, 2]", '{"verdict": "lazy"}', '{"kind": 3}'],
)
def test_anything_else_is_not_a_reading(reply: str | None) -> None:
    with pytest.raises(NotAReading):
        parse(reply)


@pytest.mark.parametrize(
    "question",
    [
        "Why was Kelly so slow that morning?",  # a known name
        "Why did nurse Fiona skip the check?",  # a name after a title
        "Why was the operator so careless?",  # a verdict
        "Who should have checked the labels?",
        "Whose fault was the jam?",
        "The labels curl in the heat.",  # not a question
        "Why " + "really " * 30 + "?",  # too long
        "为什么标签会卷曲\uff1f",  # another script than the answer's
    ],
)
def test_the_rules_drop_a_suggested_question_that_is_not_a_coachs(question: str) -> None:
    advice = checked(Advice(kind=AnswerKind.STEP, question=question), REQUEST)
    assert advice == Advice(kind=AnswerKind.STEP)


def test_the_rules_keep_a_good_question_in_the_answers_language() -> None:
    german = AdviceRequest("Drucker klemmt", (), "Warum klemmt er?", "Die Etiketten rollen sich")
    good = Advice(question="Warum rollen sich die Etiketten?", follows=True)
    assert checked(good, german) == good
    assert checked(Advice(question="Tại sao nhãn bị cong?"), REQUEST) is not None


def test_the_rules_check_repeats_and_branches() -> None:
    advice = Advice(repeat_of=4, branches=("nurse Kelly forgot", "no restock list", ""))
    assert checked(advice, REQUEST) == Advice(branches=("a colleague forgot", "no restock list"))
    assert checked(Advice(repeat_of=1), REQUEST) == Advice(repeat_of=1)
    assert checked(Advice(question="Was it Kelly?"), REQUEST) is None  # nothing left


def test_verdicts_and_scripts() -> None:
    assert has_verdict("Er ist faul") and has_verdict("Why should've they known?")
    assert not has_verdict("What made the check easy to skip?")
    assert (script("Tại sao?"), script("Почему?"), script("なぜ?"), script("?")) == (
        "LATIN",
        "CYRILLIC",
        "CJK",
        None,
    )


def test_the_example_in_app_yaml_is_valid_once_uncommented(tmp_path: Path) -> None:
    lines = (REPO / "app.yaml").read_text(encoding="utf-8").splitlines()
    start = lines.index("  # advisor:")
    block = [line.replace("# ", "", 1) for line in lines[start : start + 6]]
    path = tmp_path / "app.yaml"
    path.write_text("five_whys:\n" + "\n".join(block) + "\n", encoding="utf-8")
    advisor = load_settings(path, env={}).five_whys.advisor
    assert advisor is not None
    assert (advisor.url, advisor.timeout.total_seconds(), advisor.send_names) == (
        "http://127.0.0.1:11434/v1",
        3.0,
        False,
    )


@pytest.mark.parametrize(
    ("keys", "line"),
    [
        ("kind: ollama\n    url: http://x/v1\n    model: m", "advisor.kind: 'ollama' is not"),
        ("kind: openai\n    url: localhost:11434\n    model: m", "like http://127.0.0.1:11434/v1"),
        ("kind: openai\n    url: http://x/v1", "five_whys.advisor.model is missing"),
        ("kind: openai\n    url: http://x/v1\n    model: m\n    timeout: 1m", "60s is not"),
        ("kind: openai\n    url: http://x/v1\n    model: m\n    timout: 3s", "mean 'timeout'?"),
        ("kind: openai\n    url: http://x/v1\n    model: m\n    api_key: k", "KAIZEN_ADVISOR"),
    ],
)
def test_a_bad_advisor_setting_is_one_clear_line(tmp_path: Path, keys: str, line: str) -> None:
    path = tmp_path / "app.yaml"
    path.write_text(f"five_whys:\n  advisor:\n    {keys}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_settings(path, env={})
    assert line in str(error.value)
    assert len([row for row in str(error.value).splitlines() if row.startswith("- ")]) == 1


def test_without_the_openai_package_start_up_names_the_extra(
    advisor_server: AdvisorStandIn, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "openai", None)  # as if never installed
    monkeypatch.delitem(sys.modules, "adapters.advisor.openai_chat")
    with pytest.raises(ConfigError, match=r"pip install 'kaizen-bot\[advisor\]'"):
        build_advisor(settings_for(advisor_server), {})
