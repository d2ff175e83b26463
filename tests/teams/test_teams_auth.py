"""Bot Framework tokens, checked for real against local OpenID metadata and signing keys:
issuer, audience, expiry, signature, tenant and service URL; alg "none", an HMAC token keyed
with the public key and a foreign key are refused."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import subprocess
import sys
from pathlib import Path

import aiohttp
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from bot.errors import ConfigError
from kaizen.teams import PREFIX, TeamsCredentials
from tests.processes import free_port, run_env
from tests.teams.conftest import APP_ID
from tests.teams.conversation import TENANT, TeamsChat

OTHER_TENANT = "0b1e2d3c-4a5b-4c6d-8e7f-9a0b1c2d3e4f"


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
        "from another tenant": authority.token(APP_ID, service, tenant=OTHER_TENANT),
        "unsigned (alg none)": authority.token(APP_ID, service, algorithm="none"),
        "HMAC with our public key": authority.token(APP_ID, service, algorithm="HS256"),
        "with a key id nobody published": authority.token(APP_ID, service, kid="made-up"),
    }
    for why, token in refused.items():
        status = await secured.send(secured.in_channel("kaizen help"), token=token)
        assert status == 401, why
    assert secured.connector.calls == []


async def test_a_valid_token_for_an_activity_of_another_tenant_is_refused(
    secured: TeamsChat,
) -> None:
    """A single-tenant bot: the activity's own tenant must be ours too."""
    activity = secured.in_channel("kaizen help")
    activity["channelData"]["tenant"]["id"] = OTHER_TENANT
    activity["conversation"]["tenantId"] = OTHER_TENANT
    assert await secured.send(activity) == 401
    assert await secured.send(secured.in_channel("kaizen help")) in (200, 201)


async def test_a_valid_token_is_accepted(secured: TeamsChat) -> None:
    assert await secured.send(secured.in_channel("kaizen help")) in (200, 201)
    authority = secured.authority
    assert authority is not None
    ours = authority.token(APP_ID, secured.connector.service_url, tenant=TENANT)
    assert await secured.send(secured.in_channel("kaizen help"), token=ours) in (200, 201)


def test_unauthenticated_traffic_needs_an_explicit_yes_and_no_app_id() -> None:
    assert TeamsCredentials.from_env({}) is None
    local = TeamsCredentials.from_env({"TEAMS_ALLOW_UNAUTHENTICATED": "1"})
    assert local is not None and local.app_id == ""
    with_id = TeamsCredentials.from_env(
        {
            "TEAMS_ALLOW_UNAUTHENTICATED": "1",
            "MICROSOFT_APP_ID": APP_ID,
            "MICROSOFT_APP_PASSWORD": "secret",
            "MICROSOFT_APP_TENANT_ID": TENANT,
        }
    )
    assert with_id is not None and with_id.app_id == APP_ID  # an app id always means checks


def test_the_older_variables_map_onto_the_sdk_connection_single_tenant_by_default() -> None:
    legacy = TeamsCredentials.from_env(
        {
            "MICROSOFT_APP_ID": APP_ID,
            "MICROSOFT_APP_PASSWORD": "secret",
            "MICROSOFT_APP_TENANT_ID": TENANT,
        }
    )
    assert legacy is not None and legacy.single_tenant and legacy.tenant_id == TENANT
    assert dict(legacy.settings) == {
        "CLIENTID": APP_ID,
        "CLIENTSECRET": "secret",
        "TENANTID": TENANT,
    }
    assert "secret" not in repr(legacy)
    sdk = TeamsCredentials.from_env(
        {
            f"{PREFIX}CLIENTID": APP_ID,
            f"{PREFIX}CLIENTSECRET": "secret",
            f"{PREFIX}TENANTID": TENANT,
        }
    )
    assert sdk is not None and sdk.settings == legacy.settings
    managed = TeamsCredentials.from_env(
        {
            "MICROSOFT_APP_ID": APP_ID,
            "MICROSOFT_APP_TENANT_ID": TENANT,
            "MICROSOFT_APP_TYPE": "UserAssignedMSI",
        }
    )
    assert managed is not None and managed.settings["AUTHTYPE"] == "UserManagedIdentity"


@pytest.mark.parametrize(
    ("env", "says"),
    [
        (
            {"MICROSOFT_APP_ID": APP_ID, "MICROSOFT_APP_TENANT_ID": TENANT},
            "without MICROSOFT_APP_PASSWORD",
        ),
        ({"MICROSOFT_APP_ID": APP_ID, "MICROSOFT_APP_PASSWORD": "s"}, "needs its tenant"),
        ({"MICROSOFT_APP_ID": "kaizen-bot", "MICROSOFT_APP_PASSWORD": "s"}, "is not a GUID"),
        ({"MICROSOFT_APP_PASSWORD": "s"}, "half configured"),
        ({"MICROSOFT_APP_ID": APP_ID, "MICROSOFT_APP_TYPE": "Global"}, "MICROSOFT_APP_TYPE"),
    ],
)
def test_a_half_or_wrong_teams_configuration_is_one_clear_line(
    env: dict[str, str], says: str
) -> None:
    with pytest.raises(ConfigError, match=says) as raised:
        TeamsCredentials.from_env(env)
    assert "\n" not in str(raised.value)


async def test_the_local_mode_warns_at_start(
    database_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    from bot.settings import Settings
    from kaizen.app import open_app
    from kaizen.teams import TeamsSurface

    app = await open_app(Settings(), database_url, migrate=False)
    with caplog.at_level(logging.WARNING):
        TeamsSurface(app, TeamsCredentials(""))
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


async def test_entra_out_of_reach_at_start_is_a_warning_and_teams_starts(
    tmp_path: Path,
) -> None:
    """At start, with an app id, the bot fetches its token once: Entra cannot be reached
    from here, which is a warning and start goes on (a refused secret would be one line)."""
    port = free_port()
    env = run_env("http://127.0.0.1:9/api/", port, f"sqlite+aiosqlite:///{tmp_path}/k.db")
    for name in ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_API_URL"):
        env.pop(name, None)
    env.update(
        MICROSOFT_APP_ID=APP_ID, MICROSOFT_APP_PASSWORD="secret", MICROSOFT_APP_TENANT_ID=TENANT
    )
    process = await asyncio.create_subprocess_exec(
        str(Path(sys.executable).with_name("kaizen")),
        "run",
        env=env,
        cwd=tmp_path,
        stderr=subprocess.PIPE,
    )
    try:
        async with aiohttp.ClientSession() as http:
            for _ in range(300):
                with contextlib.suppress(aiohttp.ClientConnectionError):
                    async with http.get(f"http://127.0.0.1:{port}/healthz") as response:
                        if response.status == 200:
                            break
                await asyncio.sleep(0.1)
            else:
                raise AssertionError("kaizen run did not come up")
    finally:
        process.send_signal(signal.SIGTERM)
        _, err = await asyncio.wait_for(process.communicate(), 30)
    stderr = err.decode()
    assert process.returncode == 0, stderr
    assert "kaizen: warning: could not fetch the Teams bot's token from Microsoft Entra" in stderr
    assert "secret" not in stderr.replace("secret's", "")
