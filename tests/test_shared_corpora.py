"""Opt-in: the real archives in ../shared/corpora (skipped when absent, run in CI).

The loaders at realistic scale and noise, then the card's questions still picking the right article with
1,122 real Ukraine/Russia articles beside the seeds (one index, built once for this module)."""

from __future__ import annotations

import gzip
import json
import re
import statistics
from collections import Counter
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from corpus.article import Article, LoadProblem
from corpus.formats_html import load_html
from corpus.load import iter_articles
from tests.conftest import SHARED as CORPORA
from tests.conftest import UKRAINE_JSONL

if TYPE_CHECKING:
    from retrieval.service import Newsdesk

pytestmark = [
    pytest.mark.shared,
    pytest.mark.skipif(not CORPORA.is_dir(), reason=f"{CORPORA} not present"),
]
needs_ukraine = pytest.mark.skipif(not UKRAINE_JSONL.exists(), reason=f"{UKRAINE_JSONL} not present")
TODAY = date(2026, 11, 24)

# Banner and form lines that should not survive cleaning of a scraped page.
BANNER = re.compile(
    r"^(?:subscribe|sign up)\b.{0,40}$|we use cookies|this (?:web)?site uses cookies"
    r"|cookie (?:policy|settings)|indicates required|enter your e-?mail",
    re.IGNORECASE | re.MULTILINE,
)


# --- the loaders ---------------------------------------------------------------------------------------


def test_ukraine_russia_jsonl_loads_every_article() -> None:
    items = list(iter_articles([CORPORA / "realtimeqa" / "articles_ukraine_russia.jsonl"]))
    problems = [item for item in items if isinstance(item, LoadProblem)]
    articles = [item for item in items if isinstance(item, Article)]
    assert problems == []
    assert len(articles) == 1122
    assert len({a.id for a in articles}) == 1122
    assert all(a.id.startswith("rtqa-") and a.published is not None and a.text for a in articles)
    assert all("\n\n\n" not in a.text and "%2C" not in a.text for a in articles)
    assert not any("Need a news break?" in a.text for a in articles)
    assert Counter(a.source for a in articles)["cnn.com"] == 650


@pytest.fixture(scope="module")
def noisy_pages(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[str], list[Article | LoadProblem]]:
    """Each scraped page written to its own .txt file, as a user would save it, then loaded as a folder."""
    folder = tmp_path_factory.mktemp("noisy")
    raws = []
    with (CORPORA / "noisy-scraped-pages" / "pages.jsonl").open(encoding="utf-8") as lines:
        for number, line in enumerate(lines):
            raw = json.loads(line)["raw_text"]
            (folder / f"page_{number:03d}.txt").write_text(raw, encoding="utf-8")
            raws.append(raw)
    return raws, list(iter_articles([folder]))


def test_noisy_pages_load_without_crashing(
    noisy_pages: tuple[list[str], list[Article | LoadProblem]],
) -> None:
    raws, items = noisy_pages
    assert len(items) == len(raws) == 55
    articles = [item for item in items if isinstance(item, Article)]
    assert len(articles) >= 50
    assert all(a.title and a.text for a in articles)


def test_noisy_pages_lose_most_banners(noisy_pages: tuple[list[str], list[Article | LoadProblem]]) -> None:
    raws, items = noisy_pages
    before = sum(bool(BANNER.search(raw)) for raw in raws)
    after = [a.origin for a in items if isinstance(a, Article) and BANNER.search(a.text)]
    assert before >= 25
    assert len(after) <= 3, after


def test_noisy_pages_shrink_to_their_body(noisy_pages: tuple[list[str], list[Article | LoadProblem]]) -> None:
    raws, items = noisy_pages
    raw_size = sum(len(raw) for raw in raws)
    kept = sum(len(a.text) for a in items if isinstance(a, Article))
    assert 0.1 < kept / raw_size < 0.6


def _token_f1(predicted: str, gold: str) -> float:
    p = Counter(re.findall(r"\w+", predicted.lower()))
    g = Counter(re.findall(r"\w+", gold.lower()))
    overlap = sum((p & g).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(p.values()), overlap / sum(g.values())
    return 2 * precision * recall / (precision + recall)


def test_html_extraction_token_f1_on_the_benchmark() -> None:
    # Every third page keeps the test at a few seconds; the whole set scores 0.967 (see the report).
    root = CORPORA / "html-extraction-benchmark"
    scores = []
    with (root / "pages.jsonl").open(encoding="utf-8") as lines:
        for number, line in enumerate(lines):
            if number % 3:
                continue
            page = json.loads(line)
            html = gzip.decompress((root / page["html_file"]).read_bytes())
            item = load_html(Path(f"{page['id']}.html"), html)
            scores.append(_token_f1(item.text if isinstance(item, Article) else "", page["gold_text"]))
    assert len(scores) == 61
    assert statistics.mean(scores) >= 0.93


# --- answering over the Ukraine/Russia archive (tests/conftest.py: ukraine_engine, built once) ----------


@needs_ukraine
@pytest.mark.parametrize(
    ("question", "article", "needles"),
    [
        ("what did China say on May 27?", "000_ae7840efd1dddaa5", ("denied Ukraine's accusations", "Mao")),
        ("what did China say on July 27?", "003_b34fa6a59ba2dcd6", ("July 27",)),
    ],
)
def test_card_questions_hold_in_a_real_archive(
    ukraine_engine: Newsdesk, question: str, article: str, needles: tuple[str, ...]
) -> None:
    a = ukraine_engine.ask(question, today=TODAY)
    assert a.answered
    assert a.citations[0].article_id == article, [(c.article_id, c.quote) for c in a.citations]
    assert any(n in a.citations[0].quote for n in needles)


@needs_ukraine
def test_no_citation_is_dated_another_day(ukraine_engine: Newsdesk) -> None:
    a = ukraine_engine.ask("What did Russia say on March 16, 2022?", today=TODAY)
    for c in a.citations:
        text = ukraine_engine.store.article_text(c.article_id)
        assert text is not None
        assert c.published == date(2022, 3, 16) or any(
            m.start <= date(2022, 3, 16) <= m.end
            for m in ukraine_engine.store.mentions([c.article_id])[c.article_id]
        ), (c.article_id, c.published, c.quote)


@needs_ukraine
def test_ingesting_the_archive_again_changes_nothing(ukraine_engine: Newsdesk) -> None:
    before = ukraine_engine.store.count_chunks()
    s = ukraine_engine.ingest([Path(UKRAINE_JSONL)])
    assert (s.added, s.updated, s.unchanged) == (0, 0, 1122)
    assert ukraine_engine.store.count_chunks() == before
