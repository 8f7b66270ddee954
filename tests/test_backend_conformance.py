"""The conformance suite of index.backend.SearchBackend: what retrieval relies on from any index.

It runs against every backend the project has: the SQLite + FAISS store with its tantivy lexical index,
and with SQLite FTS5 alone. A new backend (OpenSearch, Qdrant…) joins the `backend` fixture's params and
must pass the same tests. The vectors come from the FakeEmbedder (bag of words): which passage a
question finds is decided here by words, so every expectation below follows from the texts.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from index.backend import SearchBackend
from newsdesk.settings import Settings
from newsdesk.wiring import open_engine
from retrieval.query import fts_expression
from retrieval.service import Newsdesk
from tests.fakes import FakeEmbedder

WEIGHTS = (1.0, 0.5)
ARTICLES = {
    "harbour": (
        "Odesa port news",
        "2024-03-04",
        "The harbour of Odesa reopened on March 3, 2024 after repairs.",
    ),
    "lighthouse": ("Coastal notes", "2024-05-20", "Volunteers repainted the lighthouse of Chornomorsk blue."),
    "budget": ("Kyiv budget vote", "2023-11-02", "The city council approved the budget on November 1, 2023."),
    "grain": ("Grain corridor", "2024-03-10", "Grain ships left the harbour under escort on March 9, 2024."),
}


def _write(folder: Path, aid: str, title: str, published: str, body: str) -> Path:
    path = folder / f"{aid}.md"
    path.write_text(
        f"---\nid: {aid}\ntitle: {title}\nsource: Test Wire\npublished: {published}\n---\n{body}\n"
    )
    return path


@pytest.fixture(params=["tantivy", "fts5"])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Newsdesk]:
    settings = Settings(_env_file=None, index_dir=tmp_path / "index", lexical_engine=request.param)
    eng = open_engine(settings, embedder=FakeEmbedder(), allow_empty=True)
    folder = tmp_path / "archive"
    folder.mkdir()
    eng.ingest([_write(folder, aid, *fields) for aid, fields in ARTICLES.items()])
    yield eng
    eng.close()


def _article_of(eng: Newsdesk, chunk_id: int) -> str:
    return eng.store.chunks([chunk_id])[chunk_id].article_id


def test_the_store_is_a_search_backend(engine: Newsdesk) -> None:
    assert isinstance(engine.store, SearchBackend)


def test_dense_search_finds_the_passage_with_the_words_best_first(engine: Newsdesk) -> None:
    ids, scores = engine.store.search_dense(engine.encode(["lighthouse repainted blue"])[0], 3)
    assert _article_of(engine, int(ids[0])) == "lighthouse"
    assert len(ids) == len(scores) <= 3 and list(scores) == sorted(scores, reverse=True)


@pytest.mark.parametrize(
    ("words", "first"),
    [(("chornomorsk",), "lighthouse"), (("council", "budget"), "budget"), (("reopened",), "harbour")],
)
def test_lexical_search_finds_the_passage_with_the_words(
    engine: Newsdesk, words: tuple[str, ...], first: str
) -> None:
    hits = engine.store.search_lexical(fts_expression(words), 10, WEIGHTS)
    assert hits and _article_of(engine, hits[0][0]) == first
    scores = [s for _, s in hits]
    assert scores == sorted(scores, reverse=True) and all(s > 0 for s in scores)


def test_lexical_search_matches_inflections_and_titles(engine: Newsdesk) -> None:
    found = {_article_of(engine, cid) for cid, _ in engine.store.search_lexical('"repaint"', 10, WEIGHTS)}
    assert found == {"lighthouse"}  # "repainted" in the text
    found = {_article_of(engine, cid) for cid, _ in engine.store.search_lexical('"corridor"', 10, WEIGHTS)}
    assert found == {"grain"}  # only in the title


def test_lexical_search_keeps_to_k_and_finds_nothing_for_unknown_words(engine: Newsdesk) -> None:
    assert len(engine.store.search_lexical(fts_expression(("the", "of")), 2, WEIGHTS)) == 2
    assert engine.store.search_lexical('"zanzibar"', 10, WEIGHTS) == []
    assert engine.store.search_lexical("", 10, WEIGHTS) == []


def test_date_pools(engine: Newsdesk) -> None:
    store = engine.store
    march = {
        _article_of(engine, c) for c in store.chunks_dated_between(date(2024, 3, 1), date(2024, 3, 31), 50)
    }
    assert march == {"harbour", "grain"}
    published = store.chunks_published_between(date(2024, 5, 1), date(2024, 5, 31), 50)
    assert {_article_of(engine, c) for c in published} == {"lighthouse"}
    assert len(store.chunks_dated_between(date(2023, 1, 1), date(2024, 12, 31), 1)) == 1


def test_vectors_and_passages_by_id(engine: Newsdesk) -> None:
    store = engine.store
    ids = [cid for cid, _ in store.search_lexical(fts_expression(("harbour", "lighthouse")), 10, WEIGHTS)]
    vectors = store.chunk_vectors(ids)
    expected = engine.encode([store.chunks([i])[i].text for i in ids])
    assert vectors.shape == (len(ids), engine.embedder.dim)
    np.testing.assert_allclose(vectors, expected, atol=1e-6)
    assert set(store.chunks([*ids, 10**9])) == set(ids)


def test_a_replaced_article_is_found_by_its_new_words_only(engine: Newsdesk, tmp_path: Path) -> None:
    path = _write(
        tmp_path, "lighthouse", "Coastal notes", "2024-05-20", "The pier of Yuzhne was rebuilt in stone."
    )
    assert engine.ingest([path]).updated == 1
    store = engine.store
    assert store.search_lexical('"chornomorsk"', 10, WEIGHTS) == []
    hits = store.search_lexical('"yuzhne"', 10, WEIGHTS)
    assert [_article_of(engine, c) for c, _ in hits] == ["lighthouse"]
    ids, _ = store.search_dense(engine.encode(["pier of Yuzhne rebuilt in stone"])[0], 1)
    assert _article_of(engine, int(ids[0])) == "lighthouse"
