"""The answer to a platform while too much work is waiting: send it again in a moment.

Slack and Bot Framework both send a request again after a 503, so refusing for a second
costs nothing, where a queue that grows without end would cost the whole process.
"""

from __future__ import annotations

import logging

from aiohttp import web

log = logging.getLogger(__name__)


def busy(platform: str) -> web.Response:
    log.warning("too much work waiting: asked %s to send a request again later", platform)
    return web.Response(status=503, text="busy", headers={"Retry-After": "1"})
