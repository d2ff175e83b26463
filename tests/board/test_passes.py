"""Board passes: what the bot hands out opens one workspace, for a while, and cannot be bent."""

from __future__ import annotations

from adapters.board.passes import PassSigner
from tests.conversation import Chat


def test_a_pass_opens_its_workspace_until_it_expires() -> None:
    signer = PassSigner("the-board-token")
    made = signer.make("T-BETA", "view", 60, now=1_000_000)
    held = signer.read(made, now=1_000_059)
    assert held is not None and held.workspace == "T-BETA" and not held.may_export
    assert signer.read(made, now=1_000_061) is None  # expired


def test_a_pass_cannot_be_bent_to_another_workspace_scope_or_token() -> None:
    signer = PassSigner("the-board-token")
    made = signer.make("T-BETA", "view", 60, now=1_000_000)
    workspace, expires, scope, signature = made.split(".")
    other = signer.make("T-ACME", "view", 60, now=1_000_000).split(".")[0]
    for bent in (
        f"{other}.{expires}.{scope}.{signature}",
        f"{workspace}.{expires}.export.{signature}",
        f"{workspace}.{int(expires) + 86400}.{scope}.{signature}",
        made + ".x",
        "",
    ):
        assert signer.read(bent, now=1_000_000) is None, bent
    assert PassSigner("a-new-token").read(made, now=1_000_000) is None


async def test_without_a_public_address_the_board_command_says_how_to_get_one(
    chat: Chat,
) -> None:
    await chat.say("kaizen board")
    said = chat.expect_private("The board answers on the bot's own machine only")
    assert "`board.url` in app.yaml" in said.text and "KAIZEN_BOARD_TOKEN" in said.text
