"""The engine stays platform-neutral: bot/ imports no adapter, platform SDK, web or SQL library."""

from __future__ import annotations

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FORBIDDEN = frozenset(
    {
        "adapters",
        "storage",
        "kaizen",
        "slack_bolt",
        "slack_sdk",
        "botbuilder",
        "botframework",
        "microsoft_agents",
        "aiohttp",
        "starlette",
        "fastapi",
        "httpx",
        "requests",
        "sqlalchemy",
        "sqlmodel",
        "alembic",
        "aiosqlite",
        "asyncpg",
    }
)


def forbidden_imports(source: str) -> list[str]:
    """Top-level package names imported by the source that the engine must not use."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        found += [name for name in names if name.split(".")[0] in FORBIDDEN]
    return found


def test_the_engine_imports_nothing_platform_specific() -> None:
    offenders = {
        str(path.relative_to(REPO)): hits
        for path in sorted((REPO / "bot").rglob("*.py"))
        if (hits := forbidden_imports(path.read_text(encoding="utf-8")))
    }
    assert offenders == {}


def test_the_check_catches_every_way_of_importing() -> None:
    source = (
        "import aiohttp\n"
        "from slack_bolt.async_app import AsyncApp\n"
        "import botbuilder.core as core\n"
        "from adapters.terminal import chat\n"
        "def late():\n    import sqlalchemy\n"
        "from bot.events import Command\n"
    )
    assert forbidden_imports(source) == [
        "aiohttp",
        "slack_bolt.async_app",
        "botbuilder.core",
        "adapters.terminal",
        "sqlalchemy",
    ]


def test_storage_and_adapters_do_not_import_each_other() -> None:
    for package, other in (("storage", "adapters"), ("adapters", "storage")):
        for path in (REPO / package).rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if isinstance(node, ast.ImportFrom) and node.module:
                    assert not node.module.startswith(other), f"{path} imports {node.module}"
