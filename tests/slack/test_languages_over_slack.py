"""Two people, two languages, one channel (issue 20): each gets their private answers in
their own language (Slack's users.info locale), while the idea's card and thread speak the
channel's language."""

from __future__ import annotations

import pytest

from bot.settings import Channels, Settings
from tests.slack.fake_slack import FakeSlack
from tests.slack.workspace import CHANNEL, SlackWorkspace, blocks_text

ENGLISH_FRAMES = ("Why #", "Reply in this thread", "Kaizen idea #")


@pytest.fixture
def slack_settings() -> Settings:
    return Settings(language="en", channels=Channels(languages={CHANNEL: "vi"}))


async def test_private_answers_in_each_persons_language_public_thread_in_the_channels(
    workspace: SlackWorkspace, slack: FakeSlack
) -> None:
    slack.locales = {"U0ALICE": "de-DE", "U0BOB": "en-US"}
    await workspace.as_("U0ALICE").slash("Máy in nhãn bị kẹt mỗi sáng")
    card, why1 = await slack.wait_for("chat.postMessage", 2)
    for public in (blocks_text(card), why1.args["text"]):
        assert not any(frame in public for frame in ENGLISH_FRAMES), public
    assert "Ý tưởng Kaizen #1" in blocks_text(card)

    await workspace.as_("U0ALICE").slash("show 99")
    await workspace.as_("U0BOB").slash("show 99")
    german, english = await slack.wait_for("chat.postEphemeral", 2)
    assert german.args["user"] == "U0ALICE" and english.args["user"] == "U0BOB"
    assert german.args["text"].startswith("Hier gibt es keine Idee #99.")
    assert english.args["text"].startswith("There is no idea #99 here.")
    assert "Tại sao #1" in why1.args["text"]  # the thread: the channel's Vietnamese
