"""Shared fixtures: the real model, a real index built from the bundled corpus, the shared corpora."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.fakes import FakeEmbedder

if TYPE_CHECKING:
    from index.embed import Embedder
    from retrieval.service import Newsdesk

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpora"
UKRAINE_JSONL = SHARED / "realtimeqa" / "articles_ukraine_russia.jsonl"


@pytest.fixture(scope="session")
def embedder() -> Embedder:
    from index.embed import load_embedder

    return load_embedder()


def open_test_engine(index_dir: Path, embedder: Embedder) -> Newsdesk:
    """An engine over `index_dir` opened the way the fronts open one (newsdesk.wiring.open_engine),
    with the default settings (no .env) and an already loaded model."""
    from newsdesk.settings import Settings
    from newsdesk.wiring import open_engine

    return open_engine(Settings(_env_file=None, index_dir=index_dir), embedder=embedder, allow_empty=True)


@pytest.fixture(scope="session")
def bundled_engine(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> Iterator[Newsdesk]:
    """A Newsdesk over the bundled corpus in a temporary index folder (read-only for tests)."""
    from corpus.bundled import bundled_paths

    engine = open_test_engine(tmp_path_factory.mktemp("bundled-index"), embedder)
    summary = engine.ingest(bundled_paths())
    assert summary.added == 2 and summary.failed == 0, summary
    yield engine
    engine.close()


@pytest.fixture()
def fresh_engine(tmp_path: Path, embedder: Embedder) -> Iterator[Newsdesk]:
    """An empty Newsdesk in its own folder, for tests that write."""
    engine = open_test_engine(tmp_path / "index", embedder)
    yield engine
    engine.close()


@pytest.fixture()
def fake_engine(tmp_path: Path) -> Iterator[Newsdesk]:
    """An empty Newsdesk on the FakeEmbedder, for tests of index bookkeeping that no answer depends on."""
    engine = open_test_engine(tmp_path / "index", FakeEmbedder())
    yield engine
    engine.close()


@pytest.fixture(scope="session")
def ukraine_engine(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> Iterator[Newsdesk]:
    """The seeds and the 1,122 Ukraine/Russia articles of ../shared: one index for every real-archive
    test of the session (minutes to build). Tests using it skip when ../shared is absent."""
    if not UKRAINE_JSONL.exists():
        pytest.skip(f"{UKRAINE_JSONL} not present")
    from corpus.bundled import bundled_paths

    folder = tmp_path_factory.mktemp("ukraine")
    prebuilt = os.environ.get("NEWSDESK_TEST_UKRAINE_INDEX")
    if prebuilt:  # a developer's index of the same files, copied (minutes saved per run; CI builds it)
        shutil.copytree(prebuilt, folder, dirs_exist_ok=True, ignore=shutil.ignore_patterns(".lock"))
    engine = open_test_engine(folder, embedder)
    if not prebuilt:
        summary = engine.ingest([*bundled_paths(), UKRAINE_JSONL])
        assert summary.added == 1124 and summary.failed == 0, summary.problems[:5]
    assert engine.stats().articles == 1124
    yield engine
    engine.close()
