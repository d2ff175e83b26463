"""Kudos in Slack: /kudos, reactions, the rules, and the thanks for a done idea."""

from __future__ import annotations

from tests.slack.fake_slack import BOT_USER, FakeSlack
from tests.slack.workspace import CHANNEL, SlackWorkspace, blocks_text


async def test_kudos_post_names_everyone_with_live_mentions_and_confirms_privately(
    workspace: SlackWorkspace, slack: FakeSlack
) -> None:
    response = await workspace.slash(
        "<@U0BOB|bob> <@U0CAROL|carol> for sorting the returns shelf #teamwork", command="/kudos"
    )
    assert response.status == 200
    post = (await slack.wait_for("chat.postMessage"))[0]
    assert post.args["channel"] == CHANNEL
    text = blocks_text(post)
    assert "<@U0ALICE> recognised <@U0BOB> and <@U0CAROL>" in text
    assert "for sorting the returns shelf" in text and "Teamwork" in text
    confirmation = (await slack.wait_for("chat.postEphemeral"))[0]
    assert confirmation.args["user"] == "U0ALICE"
    assert "You have 3 left today" in confirmation.args["text"]


async def test_six_kudos_post_five_and_the_sixth_is_refused_privately(
    workspace: SlackWorkspace, slack: FakeSlack
) -> None:
    slack.zones["U0ALICE"] = "Pacific/Auckland"
    for n in range(6):
        await workspace.slash(f"<@U0P{n}|p{n}> for helping with the stock count", command="/kudos")
    private = await slack.wait_for("chat.postEphemeral", 6)
    await slack.settle()
    assert len(slack.of("chat.postMessage")) == 5
    assert (
        "You have given all 5 of today's kudos; more come at midnight (Pacific/Auckland)"
        in (private[-1].args["text"])
    )


async def test_yourself_the_bot_and_a_dig_are_refused_privately(
    workspace: SlackWorkspace, slack: FakeSlack
) -> None:
    texts = (
        "<@U0ALICE|alice> for being me",
        f"<@{BOT_USER}|kaizen> for the reminders",
        "<!here> for a great week",
        "<@U0BOB|bob> for finally being on time",
    )
    for n, text in enumerate(texts, start=1):
        await workspace.slash(text, command="/kudos")
        await slack.wait_for("chat.postEphemeral", n)
    refusals = [c.args["text"] for c in slack.of("chat.postEphemeral")]
    assert "cannot give them to yourself" in refusals[0]
    assert "is a bot" in refusals[1]
    assert "not for @here" in refusals[2]
    assert "reads as a dig" in refusals[3]
    await slack.settle()
    assert slack.of("chat.postMessage") == []


async def test_typed_broadcasts_and_html_in_a_reason_stay_text(
    workspace: SlackWorkspace, slack: FakeSlack
) -> None:
    await workspace.slash(
        "<@U0BOB|bob> for telling &lt;!channel&gt; about the &lt;b&gt;fix&lt;/b&gt;",
        command="/kudos",
    )
    post = (await slack.wait_for("chat.postMessage"))[0]
    text = blocks_text(post) + post.args["text"]
    assert "<!channel>" not in text and "<b>" not in text
    assert "&lt;!channel&gt; about the &lt;b&gt;fix&lt;/b&gt;" in blocks_text(post)


async def test_a_reaction_gives_kudos_with_a_link_and_removing_it_takes_it_back(
    workspace: SlackWorkspace, slack: FakeSlack
) -> None:
    await workspace.react("U0BOB")
    post = (await slack.wait_for("chat.postMessage"))[0]
    assert post.args["channel"] == "C0OPS"
    assert "<https://kaizen-test.slack.com/archives/C0OPS/p1700000350000400|this message>" in (
        blocks_text(post)
    )
    confirm = (await slack.wait_for("chat.postEphemeral"))[0]
    assert "Your kudos to <@U0BOB> is posted" in confirm.args["text"]

    await workspace.react("U0BOB", emoji="tada")
    await workspace.react("U0BOB", added=False)
    deleted = (await slack.wait_for("chat.delete"))[0]
    assert deleted.args["channel"] == "C0OPS"
    took_back = (await slack.wait_for("chat.postEphemeral", 2))[1]
    assert "You took back your kudos to <@U0BOB>" in took_back.args["text"]
    await slack.settle()
    assert len(slack.of("chat.postMessage")) == 1  # the :tada: gave nothing


async def test_reacting_to_your_own_message_is_refused_privately(
    workspace: SlackWorkspace, slack: FakeSlack
) -> None:
    await workspace.react("U0ALICE")
    refusal = (await slack.wait_for("chat.postEphemeral"))[0]
    assert "cannot give them to yourself" in refusal.args["text"]


async def test_a_done_idea_is_thanked_in_public(
    workspace: SlackWorkspace, slack: FakeSlack
) -> None:
    await workspace.slash("Label the spare parts shelves")
    await slack.wait_for("chat.postMessage", 2)
    await workspace.as_("U0CAROL").slash("move 1 done A checklist step now covers it")
    thanks = next(
        c for c in await slack.wait_for("chat.postMessage", 4) if "is done" in c.args["text"]
    )
    assert "Thank you <@U0ALICE> for raising it, and <@U0CAROL>" in blocks_text(thanks)
    assert "From idea to done in" in blocks_text(thanks)
