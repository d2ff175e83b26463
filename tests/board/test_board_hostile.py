"""Any query string or path on the board: a page or a 4xx, never a 500."""

from __future__ import annotations

from urllib.parse import quote, urlencode

import aiohttp
from hypothesis import given
from hypothesis import strategies as st

from tests.board.conftest import TOKEN, BoardServer
from tests.hostile import fuzz, words

FUZZ = fuzz(150)
KEYS = st.sampled_from(["channel", "path", "workspace", "next", "period", "x", ""])


@FUZZ
@given(
    path=st.sampled_from(["/", "/ideas.csv", "/login", "/logout"]),
    query=st.lists(st.tuples(KEYS | words, words), max_size=4),
    method=st.sampled_from(["GET", "POST"]),
    form=st.dictionaries(st.sampled_from(["token", "next"]) | words, words, max_size=3),
)
async def test_any_query_or_form_gets_a_page_or_a_4xx(
    board: BoardServer,
    path: str,
    query: list[tuple[str, str]],
    method: str,
    form: dict[str, str],
) -> None:
    server = await board(TOKEN)
    qs = "&".join(f"{quote(k, safe='')}={quote(v, safe='')}" for k, v in query)
    url = f"http://127.0.0.1:{server.port}{path}?{qs}"
    headers = {
        "Authorization": f"Bearer {TOKEN}",
        "Content-Type": "application/x-www-form-urlencoded",
    }
    body = urlencode(form).encode()
    async with (
        aiohttp.ClientSession() as http,
        http.request(method, url, data=body, headers=headers, allow_redirects=False) as response,
    ):
        await response.read()
        assert response.status < 500, (method, path, query, form)
