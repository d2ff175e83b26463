"""Bot Framework tokens, checked for real against local OpenID metadata and signing keys."""

from __future__ import annotations

import logging

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from bot.errors import ConfigError
from kaizen.teams import TeamsCredentials
from tests.teams.conftest import APP_ID
from tests.teams.conversation import TeamsChat


async def test_without_a_valid_token_the_answer_is_401(secured: TeamsChat) -> None:
    authority, service = secured.authority, secured.connector.service_url
    assert authority is not None
    stranger = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    refused = {
        "no token": "",
        "not a JWT": "not-a-jwt",
        "signed by someone else": authority.token(APP_ID, service, key=stranger),
        "expired": authority.token(APP_ID, service, lifetime=-3600),
        "for another bot": authority.token("another-app-id", service),
        "from another issuer": authority.token(APP_ID, service, issuer="https://evil.example"),
        "for another service": authority.token(APP_ID, "https://smba.example/other/"),
    }
    for why, token in refused.items():
        status = await secured.send(secured.in_channel("kaizen help"), token=token)
        assert status == 401, why
    assert secured.connector.calls == []


async def test_a_valid_token_is_accepted(secured: TeamsChat) -> None:
    assert await secured.send(secured.in_channel("kaizen help")) in (200, 201)


def test_unauthenticated_traffic_needs_an_explicit_yes_and_no_app_id() -> None:
    assert TeamsCredentials.from_env({}) is None
    local = TeamsCredentials.from_env({"TEAMS_ALLOW_UNAUTHENTICATED": "1"})
    assert local is not None and local.app_id == ""
    with_id = TeamsCredentials.from_env(
        {
            "TEAMS_ALLOW_UNAUTHENTICATED": "1",
            "MICROSOFT_APP_ID": APP_ID,
            "MICROSOFT_APP_PASSWORD": "secret",
        }
    )
    assert with_id is not None and with_id.app_id == APP_ID  # an app id always means checks
    with pytest.raises(ConfigError, match="without MICROSOFT_APP_PASSWORD"):
        TeamsCredentials.from_env({"MICROSOFT_APP_ID": APP_ID})
    with pytest.raises(ConfigError, match="SingleTenant app needs MICROSOFT_APP_TENANT_ID"):
        TeamsCredentials.from_env(
            {
                "MICROSOFT_APP_ID": APP_ID,
                "MICROSOFT_APP_PASSWORD": "s",
                "MICROSOFT_APP_TYPE": "SingleTenant",
            }
        )


async def test_the_local_mode_warns_at_start(
    database_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    from bot.settings import Settings
    from kaizen.app import open_app
    from kaizen.teams import TeamsSurface

    app = await open_app(Settings(), database_url, migrate=False)
    with caplog.at_level(logging.WARNING):
        TeamsSurface(app, TeamsCredentials("", "", "", "MultiTenant"))
    assert "Teams accepts UNAUTHENTICATED requests" in caplog.text
    await app.close()


async def test_without_a_valid_token_even_a_broken_body_gets_401(secured: TeamsChat) -> None:
    """The token is checked before the body's shape: a caller without one learns nothing."""
    authority, service = secured.authority, secured.connector.service_url
    assert authority is not None
    forged = authority.token(APP_ID, service, issuer="https://evil.example")
    nested = "[" * 100_000 + "]" * 100_000
    broken = [
        (b'{"type": "message", "from": "nobody"}', "application/json"),
        (nested.encode(), "application/json"),
        (b"\xff\xfe not text", "application/json"),
        (b"type=message", "application/x-www-form-urlencoded"),
    ]
    for token in ("", forged):
        for body, kind in broken:
            headers = {
                "Content-Type": kind,
                **({"Authorization": f"Bearer {token}"} if token else {}),
            }
            async with secured.http.post(
                f"{secured.bot_url}/api/messages", data=body, headers=headers
            ) as response:
                assert response.status == 401, (token[:10], body[:30])
    valid = {"Content-Type": "application/json", "Authorization": f"Bearer {secured._token()}"}
    async with secured.http.post(
        f"{secured.bot_url}/api/messages", data=nested.encode(), headers=valid
    ) as response:
        assert response.status == 400
    assert secured.connector.calls == []
