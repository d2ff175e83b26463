"""The deployment files say what production needs, checked without building or starting
anything: an image that runs unprivileged and reports readiness, a compose file with its
database and a git-ignored secrets file, and a hardened systemd unit."""

import json
import re
import subprocess
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent


def instructions(dockerfile: str) -> list[tuple[str, str]]:
    """Each instruction and its arguments, continuation lines joined, comments left out."""
    lines = [ln for ln in dockerfile.splitlines() if not ln.lstrip().startswith("#")]
    joined = re.sub(r"\\\n", " ", "\n".join(lines))
    found = []
    for line in joined.splitlines():
        if line.strip():
            word, _, rest = line.strip().partition(" ")
            found.append((word.upper(), rest.strip()))
    return found


def unit_keys(text: str) -> dict[str, list[tuple[str, str]]]:
    """A systemd unit's sections and their keys, in order; a key may repeat (Environment=)."""
    sections: dict[str, list[tuple[str, str]]] = {}
    current: list[tuple[str, str]] = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("["):
            current = sections.setdefault(line.strip("[]"), [])
        else:
            key, _, value = line.partition("=")
            current.append((key.strip(), value.strip()))
    return sections


def test_the_image_is_multi_stage_on_a_base_given_by_argument() -> None:
    steps = instructions((ROOT / "Dockerfile").read_text(encoding="utf-8"))
    assert steps[0][0] == "ARG"
    assert steps[0][1].startswith("BASE=")
    bases = [rest for word, rest in steps if word == "FROM"]
    assert len(bases) >= 2
    assert all(rest.startswith("${BASE}") for rest in bases)


def test_the_image_runs_unprivileged_and_reports_readiness() -> None:
    steps = instructions((ROOT / "Dockerfile").read_text(encoding="utf-8"))
    users = [rest for word, rest in steps if word == "USER"]
    assert users
    assert users[-1].split(":")[0] not in ("root", "0")
    assert ("EXPOSE", "3000") in steps
    (healthcheck,) = [rest for word, rest in steps if word == "HEALTHCHECK"]
    assert "/readyz" in healthcheck
    started = [(word, rest) for word, rest in steps if word in ("CMD", "ENTRYPOINT")]
    assert started
    for _word, rest in started:  # exec form: the bot is PID 1 and gets SIGTERM itself
        assert isinstance(json.loads(rest), list)


def test_the_image_carries_no_secret() -> None:
    steps = instructions((ROOT / "Dockerfile").read_text(encoding="utf-8"))
    for word, rest in steps:
        if word in ("ENV", "ARG"):
            assert not re.search(r"TOKEN|SECRET|PASSWORD|CLIENTID", rest), rest
    ignored = (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
    assert "*" in ignored  # everything is left out unless named
    assert not any(line.startswith("!.env") for line in ignored)


def compose() -> dict[str, Any]:
    loaded = yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def test_compose_runs_the_bot_on_a_healthy_postgresql() -> None:
    spec = compose()
    services = spec["services"]
    (db_name,) = [n for n, s in services.items() if str(s.get("image", "")).startswith("postgres")]
    db = services[db_name]
    assert db["healthcheck"]["test"]
    named = [v.split(":")[0] for v in db["volumes"]]
    assert any(name in spec["volumes"] for name in named)
    (bot,) = [s for n, s in services.items() if n != db_name]
    assert bot["depends_on"][db_name]["condition"] == "service_healthy"
    assert bot["environment"]["DATABASE_URL"].startswith("postgresql+asyncpg://")
    env_files = bot["env_file"] if isinstance(bot["env_file"], list) else [bot["env_file"]]
    assert ".env" in env_files


def test_the_env_file_is_ignored_and_its_example_holds_no_value() -> None:
    ignored = subprocess.run(
        ["git", "check-ignore", "--quiet", ".env"], cwd=ROOT, check=False
    ).returncode
    assert ignored == 0
    lines = (ROOT / ".env.example").read_text(encoding="utf-8").splitlines()
    variables = 0
    for number, line in enumerate(lines):
        setting = re.fullmatch(r"(?:# )?([A-Z][A-Z0-9_]*)=(.*)", line)
        if setting:
            variables += 1
            assert setting[2] == "", line
            assert lines[number - 1].startswith("#"), f"{setting[1]} is not explained"
    assert variables >= 10


def test_the_systemd_unit_migrates_restarts_and_is_hardened() -> None:
    unit = unit_keys((ROOT / "deploy" / "kaizen-bot.service").read_text(encoding="utf-8"))
    service = dict(unit["Service"])
    assert service["User"] not in ("", "root")
    assert service["EnvironmentFile"]
    assert service["ExecStartPre"].endswith("kaizen db upgrade")
    assert service["ExecStart"].endswith("kaizen run")
    assert service["Restart"] == "on-failure"
    assert service["NoNewPrivileges"] == "true"
    assert service["ProtectSystem"] == "strict"
    urls = [v for k, v in unit["Service"] if k == "Environment" and "DATABASE_URL" in v]
    (url,) = urls
    sqlite = re.search(r"sqlite\+aiosqlite:///(/\S+)/[^/]+$", url)
    assert sqlite
    assert sqlite[1] in service["ReadWritePaths"].split()
    assert unit["Install"] == [("WantedBy", "multi-user.target")]
