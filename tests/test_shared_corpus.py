"""Opt-in: the card's questions still pick the right article with 1,122 real Ukraine/Russia articles beside
the seeds (runs where ../shared/corpora exists, as in CI)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import UKRAINE_JSONL

pytestmark = [
    pytest.mark.shared,
    pytest.mark.skipif(not UKRAINE_JSONL.exists(), reason=f"{UKRAINE_JSONL} not present"),
]
TODAY = date(2026, 11, 24)


@pytest.fixture(scope="module")
def big_engine(tmp_path_factory: pytest.TempPathFactory, embedder) -> Iterator[object]:  # type: ignore[no-untyped-def]
    from corpus.bundled import bundled_paths
    from index.store import Store
    from retrieval.service import Newsdesk, Tuning

    engine = Newsdesk(
        Store(tmp_path_factory.mktemp("ukraine"), embedder.name, embedder.dim), embedder, Tuning()
    )
    summary = engine.ingest([*bundled_paths(), UKRAINE_JSONL])
    assert summary.added == 1124 and summary.failed == 0, summary.problems[:5]
    yield engine
    engine.close()


@pytest.mark.parametrize(
    ("question", "article", "needles"),
    [
        ("what did China say on May 27?", "000_ae7840efd1dddaa5", ("denied Ukraine's accusations", "Mao")),
        ("what did China say on July 27?", "003_b34fa6a59ba2dcd6", ("July 27",)),
    ],
)
def test_card_questions_hold_in_a_real_archive(
    big_engine, question: str, article: str, needles: tuple[str, ...]
) -> None:  # type: ignore[no-untyped-def]
    a = big_engine.ask(question, today=TODAY)
    assert a.answered
    assert a.citations[0].article_id == article, [(c.article_id, c.quote) for c in a.citations]
    assert any(n in a.citations[0].quote for n in needles)


def test_no_citation_is_dated_another_day(big_engine) -> None:  # type: ignore[no-untyped-def]
    a = big_engine.ask("What did Russia say on March 16, 2022?", today=TODAY)
    for c in a.citations:
        text = big_engine.store.article_text(c.article_id)
        assert text is not None
        assert c.published == date(2022, 3, 16) or any(
            m.start <= date(2022, 3, 16) <= m.end
            for m in big_engine.store.mentions([c.article_id])[c.article_id]
        ), (c.article_id, c.published, c.quote)


def test_ingesting_the_archive_again_changes_nothing(big_engine) -> None:  # type: ignore[no-untyped-def]
    before = big_engine.store.count_chunks()
    s = big_engine.ingest([Path(UKRAINE_JSONL)])
    assert (s.added, s.updated, s.unchanged) == (0, 0, 1122)
    assert big_engine.store.count_chunks() == before
