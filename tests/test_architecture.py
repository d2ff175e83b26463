"""The house keeps its shape.

- The engine stays platform-neutral: bot/ imports no adapter, platform SDK, web, SQL or
  scheduling library.
- Inside bot/, each module or package counted as one room, imports only point down: no
  cycle, so the rooms stack into floors with every import going to a lower one.
- The floors everything stands on, bot/model/ (records and their stores) and
  bot/language/ (reading and phrasing words), import no feature.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

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
        "apscheduler",
    }
)
FEATURES = frozenset({"ideas", "kudos", "metrics", "standup", "help", "housekeeping", "features"})
"""The rooms of bot/ that are features: what people can do. The floors below never import them."""
FLOORS = ("model", "language")


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


def rooms_imported(path: Path) -> set[str]:
    """The rooms of bot/ (a top-level module or package) that the file at `path` imports."""
    here = path.relative_to(REPO / "bot").parts[0].removesuffix(".py")
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        modules = (
            [alias.name for alias in node.names]
            if isinstance(node, ast.Import)
            else [node.module]
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module
            else []
        )
        for module in modules:
            parts = module.split(".")
            if parts[0] == "bot" and len(parts) > 1 and parts[1] != here:
                found.add(parts[1])
    return found


def room_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for path in sorted((REPO / "bot").rglob("*.py")):
        room = path.relative_to(REPO / "bot").parts[0].removesuffix(".py")
        graph.setdefault(room, set()).update(rooms_imported(path))
    return graph


def floors(graph: dict[str, set[str]]) -> list[set[str]]:
    """The rooms floor by floor from the ground up; raises on a cycle, naming its rooms."""
    placed: set[str] = set()
    stacked: list[set[str]] = []
    while len(placed) < len(graph):
        floor = {room for room, below in graph.items() if room not in placed and below <= placed}
        if not floor:
            raise AssertionError(f"imports run in a cycle among {sorted(set(graph) - placed)}")
        stacked.append(floor)
        placed |= floor
    return stacked


def test_inside_the_engine_every_import_points_down() -> None:
    graph = room_graph()
    stacked = floors(graph)
    level = {room: n for n, floor in enumerate(stacked) for room in floor}
    upward = [(a, b) for a, below in graph.items() for b in below if level[b] >= level[a]]
    assert upward == []
    assert len(stacked) <= 12, stacked


def test_the_model_and_the_language_import_no_feature() -> None:
    graph = room_graph()
    for floor in FLOORS:
        assert graph[floor] & FEATURES == set(), f"bot/{floor}/ imports {graph[floor] & FEATURES}"


def test_the_cycle_check_catches_a_ring() -> None:
    ring = {"ideas": {"kudos"}, "kudos": {"ideas"}, "model": set()}
    with pytest.raises(AssertionError, match=r"\['ideas', 'kudos'\]"):
        floors(ring)
