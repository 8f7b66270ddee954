"""The layout the README promises, checked: data flows corpus → index → retrieval → fronts; only bot/
imports telegram; no module reaches into the store's connection or the model; no import circles."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("corpus", "index", "retrieval", "bot", "newsdesk", "standin")
# What each package may import from the project (fronts: bot and the CLI in newsdesk).
ALLOWED = {
    "corpus": {"corpus"},
    "index": {"corpus", "index"},
    "retrieval": {"corpus", "index", "retrieval"},
    "newsdesk": {"corpus", "index", "retrieval", "newsdesk", "bot"},
    "bot": {"corpus", "index", "retrieval", "newsdesk", "bot"},
    "standin": {"standin"},
}


def _modules() -> dict[str, Path]:
    out = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            out[name] = path
    return out


MODULES = _modules()


def _imports(path: Path) -> set[str]:
    """Every module imported anywhere in the file, at the top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names)
    return found


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_flow_one_way(module: str) -> None:
    package = module.split(".")[0]
    project = {i.split(".")[0] for i in _imports(MODULES[module])} & set(PACKAGES)
    assert project <= ALLOWED[package], f"{module} imports {sorted(project - ALLOWED[package])}"


def test_only_bot_imports_telegram() -> None:
    offenders = [
        m
        for m, path in MODULES.items()
        if not m.startswith(("bot", "standin")) and any(i.split(".")[0] == "telegram" for i in _imports(path))
    ]
    assert offenders == []


def test_nothing_outside_index_touches_the_connection_or_the_model() -> None:
    reach = re.compile(r"\bstore\.(db|vectors)\b|\bembedder\.model\b|\.embedder\.")
    files = [p for d in ("newsdesk", "bot", "benchmarks") for p in (ROOT / d).rglob("*.py")]
    offenders = [
        f"{p.relative_to(ROOT)}:{n}"
        for p in files
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), start=1)
        if reach.search(line)
    ]
    assert offenders == []


def test_no_import_circles() -> None:
    graph = {m: {i for i in _imports(path) if i in MODULES and i != m} for m, path in MODULES.items()}
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(m: str, path: list[str]) -> list[str] | None:
        state[m] = 1
        for nxt in sorted(graph[m]):
            if state.get(nxt) == 1:
                return [*path, m, nxt]
            if nxt not in state and (cycle := visit(nxt, [*path, m])):
                return cycle
        state[m] = 2
        return None

    for m in sorted(graph):
        if m not in state:
            cycle = visit(m, [])
            assert cycle is None, " → ".join(cycle[cycle.index(cycle[-1]) :])
