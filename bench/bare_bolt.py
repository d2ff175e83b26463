"""The yardstick: a bare slack-bolt AsyncApp that acks `/kaizen` and posts one message, and
answers a thread reply with one reply. Served by aiohttp, like Kaizen Bot.

Run as `python -m bench.bare_bolt PORT`, with SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET and
SLACK_API_URL in the environment (the same as `kaizen run` gets).
"""

from __future__ import annotations

import os
import sys
from typing import Any

from aiohttp import web
from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_sdk.web.async_client import AsyncWebClient


def bare_app() -> AsyncApp:
    client = AsyncWebClient(
        token=os.environ["SLACK_BOT_TOKEN"], base_url=os.environ["SLACK_API_URL"]
    )
    app = AsyncApp(client=client, signing_secret=os.environ["SLACK_SIGNING_SECRET"])

    @app.command("/kaizen")
    async def kaizen(ack: AsyncAck, body: dict[str, Any], client: AsyncWebClient) -> None:
        await ack()
        await client.chat_postMessage(channel=body["channel_id"], text="Thanks for the idea")

    @app.event("message")
    async def message(event: dict[str, Any], client: AsyncWebClient) -> None:
        if event.get("thread_ts"):
            await client.chat_postMessage(
                channel=event["channel"], thread_ts=event["thread_ts"], text="Noted"
            )

    return app


async def healthz(_request: web.Request) -> web.Response:
    return web.json_response({"ok": True})


def main() -> None:
    port = int(sys.argv[1])
    web_app = bare_app().web_app(path="/slack/events", port=port)
    web_app.router.add_get("/healthz", healthz)
    web.run_app(web_app, host="127.0.0.1", port=port, access_log=None, print=None)


if __name__ == "__main__":
    main()
