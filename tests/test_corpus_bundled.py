"""The bundled corpus: two scraped Kyiv Independent pages that must load as clean, cited articles."""

from __future__ import annotations

from datetime import date

import pytest

from corpus.article import Article, LoadProblem
from corpus.bundled import BUNDLED_DIR, bundled_paths
from corpus.load import iter_articles

FIRST = "000_ae7840efd1dddaa5"
SECOND = "003_b34fa6a59ba2dcd6"

# Page furniture of the scraped pages: none of it may reach an article's text.
FURNITURE = [
    "Subscribe",
    "indicates required",
    "News Feed",
    "Become a member",
    "Skip to content",
    "AI assistance",
    "Muslimova",  # a News Feed item after the second article
    "von der Leyen",  # a News Feed item after the first article
    "Editors' Picks",
    "Getty Images",
    "Gift membership",
    "MORE NEWS",
    "Exclusive: Ukraine eyes new sanctions",  # a related-article teaser
    "Blinken warns China",  # a related-article teaser
    "Three years of reporting",
    "visa masterCard",
    "(Sergei Ilnitskii / POOL / AFP)",
]

# The first and last body paragraphs of each page, and sentences in between, verbatim.
BODY_SENTENCES = {
    FIRST: [
        "The Chinese Foreign Ministry on May 27 denied Ukraine's accusations that it supplies Russia "
        "with special chemical products, gunpowder, and components for the defense manufacturing industry.",
        "China has never provided lethal weapons to any party to the conflict, "
        "and strictly controls dual-use items",
        'NATO has labeled China a "decisive enabler" of Russia\'s aggression.',
        "Kyiv on April 22 presented Beijing with evidence that Chinese citizens and companies have "
        "participated in Russia's full-scale war against Ukraine, which China dismissed as "
        '"groundless accusations and political manipulations."',
    ],
    SECOND: [
        "China's Foreign Minister Wang Yi told U.S. Secretary of State Antony Blinken on July 27 that "
        "Beijing denies allegations of helping Russia's war effort in Ukraine.",
        "The two diplomats met on the sidelines of a meeting of the Association of Southeast Asian "
        "Nations (ASEAN).",
        "However, last year, official Beijing emphasized the need to respect the territorial integrity "
        "of all countries, including Ukraine.",
        '"China’s position on the Ukrainian issue is candid, and we will continue to promote peace '
        'talks between Russia and Ukraine," said Wang.',
    ],
}


@pytest.fixture(scope="module")
def loaded() -> list[Article | LoadProblem]:
    return list(iter_articles(bundled_paths()))


@pytest.fixture(scope="module")
def articles(loaded: list[Article | LoadProblem]) -> dict[str, Article]:
    return {item.id: item for item in loaded if isinstance(item, Article)}


def test_bundled_files_are_the_two_seed_pages() -> None:
    assert [p.name for p in bundled_paths()] == [f"{FIRST}.txt", f"{SECOND}.txt"]
    assert all(p.parent == BUNDLED_DIR for p in bundled_paths())


def test_bundled_files_hold_the_raw_scrape_so_the_cleaner_does_the_work() -> None:
    for path in bundled_paths():
        raw = path.read_text(encoding="utf-8")
        assert raw.startswith("---\n")
        assert "Skip to content" in raw and "News Feed" in raw


def test_bundled_corpus_loads_without_problems(loaded: list[Article | LoadProblem]) -> None:
    assert [item for item in loaded if isinstance(item, LoadProblem)] == []
    assert len(loaded) == 2


@pytest.mark.parametrize("article_id", [FIRST, SECOND])
@pytest.mark.parametrize("furniture", FURNITURE)
def test_no_page_furniture_in_text(articles: dict[str, Article], article_id: str, furniture: str) -> None:
    assert furniture not in articles[article_id].text


@pytest.mark.parametrize(
    ("article_id", "sentence"),
    [(article_id, sentence) for article_id, sentences in BODY_SENTENCES.items() for sentence in sentences],
)
def test_body_sentences_kept_verbatim(articles: dict[str, Article], article_id: str, sentence: str) -> None:
    assert sentence in articles[article_id].text


@pytest.mark.parametrize("article_id", [FIRST, SECOND])
def test_text_starts_and_ends_with_the_body(articles: dict[str, Article], article_id: str) -> None:
    paragraphs = articles[article_id].text.split("\n\n")
    assert paragraphs[0] == BODY_SENTENCES[article_id][0]
    assert paragraphs[-1].endswith(BODY_SENTENCES[article_id][-1])
    assert all(p and p == p.strip() and "\n" not in p for p in paragraphs)


@pytest.mark.parametrize(
    ("article_id", "published", "title_word"),
    [(FIRST, date(2025, 5, 27), "gunpowder"), (SECOND, date(2024, 7, 27), "Blinken")],
)
def test_bundled_metadata(
    articles: dict[str, Article], article_id: str, published: date, title_word: str
) -> None:
    article = articles[article_id]
    assert article.published == published
    assert article.source == "Kyiv Independent"
    assert article.url == ""
    assert title_word in article.title
    assert article.inferred == frozenset()
    assert article.origin.endswith(f"{article_id}.txt")
