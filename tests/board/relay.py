"""A TCP relay on 127.0.0.1, as `ssh -L`, socat, stunnel or HAProxy in TCP mode would be.

It forwards bytes and adds nothing: to the bot every relayed connection comes from
127.0.0.1 with no forwarding header, whoever is at the other end of the tunnel.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator


@contextlib.asynccontextmanager
async def relay(target_port: int) -> AsyncIterator[int]:
    """Listen on a free port and forward each connection to `target_port`; yields the port."""
    open_writers: set[asyncio.StreamWriter] = set()

    async def pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while data := await reader.read(65536):
                writer.write(data)
                await writer.drain()
        except ConnectionError:
            pass
        finally:
            writer.close()

    async def forward(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        upstream_reader, upstream_writer = await asyncio.open_connection("127.0.0.1", target_port)
        open_writers.update((writer, upstream_writer))
        await asyncio.gather(pipe(reader, upstream_writer), pipe(upstream_reader, writer))
        open_writers.difference_update((writer, upstream_writer))

    server = await asyncio.start_server(forward, "127.0.0.1", 0)
    try:
        yield int(server.sockets[0].getsockname()[1])
    finally:
        server.close()
        for writer in open_writers:
            writer.close()
        await server.wait_closed()
