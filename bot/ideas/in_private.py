"""The 5 Whys in a direct chat, for an idea whose card never reached its channel.

Every message of the dialogue is a reply in the card's thread. When the channel turned the
card away there is no thread, so each reply carries a private copy for the author, sent
only then; the author's answers in that chat go on with the dialogue as they would in the
thread, and the card goes up once the channel takes it (`kaizen outbox retry`).
"""

from __future__ import annotations

from bot.actions import PrivateReply, Reply
from bot.content import ChannelLink, Content, Text
from bot.language import frames
from bot.language.phrases import Phrase
from bot.model.ideas import Idea
from bot.people import Place


def in_thread(idea: Idea, content: Content, private: Content | None = None) -> Reply:
    """A reply in the idea's thread; `private` (else the same) to the author when the
    card was never posted."""
    author = PrivateReply(idea.author, Place("", direct=True), private or content)
    return Reply(idea.key, content, fallback=author)


def first_why(idea: Idea, question: str, depth: int, stop: str) -> Text:
    """Why #1 for the author alone: why it came here, and how to get the card posted."""
    return Text.of(
        Phrase(
            "I couldn't post your idea #{number} in {channel}: the channel turned the card "
            "away. Your idea is safe with me, so let's start on its 5 Whys here, just the two "
            "of us.",
            number=idea.number,
            channel=ChannelLink(idea.channel),
        ),
        "\n",
        Phrase(frames.WHY_N, n=1, question=question),
        "\n",
        Phrase(
            "Reply here to answer. I'll ask up to {depth} whys; say \u201c{stop}\u201d when "
            "you have reached the root cause.",
            depth=depth,
            stop=stop,
        ),
        "\n",
        Phrase(
            "To get the card into the channel: invite me there (in Slack, type `/invite "
            "@Kaizen` in that channel; in Teams, add the Kaizen app to the team), then ask an "
            "admin to run `kaizen outbox retry`."
        ),
    )


def next_why(idea: Idea, position: int, question: str) -> Text:
    """A later why for the author alone, naming its idea (a chat holds several)."""
    return Text.of(Phrase(frames.WHY_OF_IDEA, n=position, number=idea.number, question=question))
