"""Shared fixtures: the real model, a real index built from the bundled corpus, the shared corpora."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpora"
UKRAINE_JSONL = SHARED / "realtimeqa" / "articles_ukraine_russia.jsonl"


@pytest.fixture(scope="session")
def embedder():  # type: ignore[no-untyped-def]
    from index.embed import load_embedder

    return load_embedder()


@pytest.fixture(scope="session")
def bundled_engine(tmp_path_factory: pytest.TempPathFactory, embedder) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """A Newsdesk over the bundled corpus in a temporary index folder (read-only for tests)."""
    from corpus.bundled import bundled_paths
    from index.store import Store
    from retrieval.service import Newsdesk, Tuning

    index_dir = tmp_path_factory.mktemp("bundled-index")
    engine = Newsdesk(
        Store(index_dir, embedder.name, embedder.dim, backend=embedder.backend), embedder, Tuning()
    )
    summary = engine.ingest(bundled_paths())
    assert summary.added == 2 and summary.failed == 0, summary
    yield engine
    engine.close()


@pytest.fixture()
def fresh_engine(tmp_path: Path, embedder):  # type: ignore[no-untyped-def]
    """An empty Newsdesk in its own folder, for tests that write."""
    from index.store import Store
    from retrieval.service import Newsdesk, Tuning

    engine = Newsdesk(
        Store(tmp_path / "index", embedder.name, embedder.dim, backend=embedder.backend), embedder, Tuning()
    )
    yield engine
    engine.close()
