"""Requests that are not a person's action: Slack's URL check, and malformed bodies."""

from __future__ import annotations

import json

from kaizen.server import Server
from kaizen.slack import SlackSurface
from tests.faults import without_the_inbox
from tests.slack.fake_slack import FakeSlack
from tests.slack.workspace import SlackWorkspace, payload


async def test_the_url_verification_challenge_is_answered(workspace: SlackWorkspace) -> None:
    body = payload("url_verification.json")
    async with workspace.http.post(
        f"{workspace.bot_url}/slack/events",
        data=json.dumps(body),
        headers={"Content-Type": "application/json", **_sign(json.dumps(body))},
    ) as response:
        assert response.status == 200
        assert (await response.json())["challenge"] == body["challenge"]


async def test_signed_but_malformed_requests_get_400(
    workspace: SlackWorkspace, slack: FakeSlack
) -> None:
    no_team = workspace.message_body("The rollers are dusty", "1700000000.000001")
    del no_team["team_id"]
    no_actions = payload("block_actions.json")
    no_actions["actions"] = []
    not_an_object = payload("event_message.json")
    not_an_object["event"] = "message"
    for body in (no_team, not_an_object):
        assert (await workspace.send_json(body)).status == 400
    assert (await workspace.send_interaction(no_actions)).status == 400
    no_user = workspace.command_body("Label the shelves").replace("user_id=U0ALICE&", "")
    assert (await workspace.send(no_user, "application/x-www-form-urlencoded")).status == 400
    await slack.settle()
    assert [c.method for c in slack.calls if c.method != "auth.test"] == []


async def test_a_command_we_do_not_have_gets_a_private_answer(
    workspace: SlackWorkspace, slack: FakeSlack
) -> None:
    response = await workspace.slash("anything", command="/frobnicate")
    assert response.status in (200, 404)
    await slack.settle()
    assert slack.of("chat.postMessage") == []


def _sign(body: str) -> dict[str, str]:
    from tests.slack.workspace import sign

    return sign(body)


async def test_with_too_much_work_waiting_slack_is_asked_to_send_again_later(
    bot: Server, workspace: SlackWorkspace, slack: FakeSlack
) -> None:
    """A flood is refused with 503 (Slack sends events again) instead of queueing in memory
    without end; signed and well-formed, but not taken in."""
    surface = bot.surfaces[0]
    assert isinstance(surface, SlackSurface)
    runtime = surface.runtime
    runtime.MOST_WAITING = -1
    response = await workspace.slash("The label printer jams every morning")
    assert response.status == 503 and response.headers["Retry-After"] == "1"
    runtime.MOST_WAITING = 10_000
    assert (await workspace.slash("The label printer jams every morning")).status == 200
    card = (await slack.wait_for("chat.postMessage"))[0]
    assert "Kaizen idea #1" in card.args["text"]  # the refused one was not taken in


async def test_a_command_that_cannot_be_stored_gets_503_not_an_ack(
    workspace: SlackWorkspace, slack: FakeSlack, database_url: str
) -> None:
    """Slack never sends again what got a 200: a request that cannot be stored is refused
    with 503 and Retry-After, and nothing is said in its name."""
    await without_the_inbox(database_url)
    response = await workspace.slash("The label printer jams every morning")
    assert response.status == 503 and response.headers["Retry-After"] == "1"
    await slack.settle()
    assert slack.of("chat.postMessage") == [] and slack.of("chat.postEphemeral") == []


async def test_a_signed_request_replayed_inside_its_window_is_answered_once(
    workspace: SlackWorkspace, slack: FakeSlack
) -> None:
    """One signed `/kaizen` request sent ten times (same body, timestamp and signature, as
    someone who caught it would) makes one idea; every copy gets 200, so nothing is learnt
    from the answers. A button press replayed is applied once too."""
    body = workspace.command_body("The label printer jams every morning")
    signature = _sign(body)
    for _ in range(10):
        assert (await workspace.send(body, FORM, signature=signature)).status == 200
    await slack.wait_for("chat.postMessage", 2)  # the card and its Why #1
    await slack.settle(0.5)
    cards = [c for c in slack.of("chat.postMessage") if "Kaizen idea #" in c.args["text"]]
    assert [c.args["text"][:14] for c in cards] == ["Kaizen idea #1"]

    again = workspace.command_body("The label printer jams every morning")
    assert (await workspace.send(again, FORM)).status == 200  # a new request: a new idea
    await slack.wait_for("chat.postMessage", 4)


FORM = "application/x-www-form-urlencoded"
