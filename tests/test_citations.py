"""Choosing the passage and the quote of a citation (retrieval/citations.py): pure, no model."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from index.store_read import StoredChunk
from index.types import DateMention
from retrieval.citations import choose_quote, passage_options
from retrieval.config import DEFAULT_CONFIG
from retrieval.query import parse_query
from retrieval.rank import Candidate

TODAY = date(2025, 6, 1)
LEDE = "Kyiv and Warsaw met on Monday. The talks covered grain transit and energy."
LATER = (
    "Officials gave more detail. Poland said on May 27 that it would reopen the border crossing. "
    "Traffic resumed the next day."
)
ARTICLE = LEDE + " " + LATER
CHUNKS = {
    1: StoredChunk(1, "a", 0, 0, len(LEDE), LEDE),
    2: StoredChunk(2, "a", 1, len(LEDE) + 1, len(ARTICLE), LATER),
}
MAY_27 = ARTICLE.index("on May 27")
MENTIONS = [DateMention(MAY_27, MAY_27 + 9, "on May 27", date(2025, 5, 27), date(2025, 5, 27), "day")]


def _cand(cid: int, score: float, ordinal: int) -> Candidate:
    return Candidate(cid, "a", CHUNKS[cid].text, TODAY, 0.6, ordinal=ordinal, score=score)


@pytest.mark.parametrize(
    ("question", "lede_score", "later_score", "quote"),
    [
        # The passage that holds the answering sentence wins over a slightly stronger one without it.
        ("when did Poland say it would reopen the border crossing?", 0.70, 0.66, "Poland said on May 27"),
        # Far behind the best passage (beyond passage_margin), a passage is not considered at all.
        ("when did Poland say it would reopen the border crossing?", 0.90, 0.50, "Kyiv and Warsaw met"),
        ("what did the talks cover?", 0.70, 0.66, "The talks covered grain transit"),
    ],
)
def test_the_best_answering_sentence_decides_between_close_passages(
    question: str, lede_score: float, later_score: float, quote: str
) -> None:
    top, other = _cand(1, lede_score, 0), _cand(2, later_score, 1)
    q = parse_query(question, TODAY)
    chosen = choose_quote(q, top, [top, other], CHUNKS, MENTIONS)
    assert chosen.text.startswith(quote) or quote in chosen.text, chosen.text
    assert chosen.text == chosen.chunk.text[chosen.start : chosen.end]


def test_a_wider_margin_lets_a_weaker_passage_with_the_answer_win() -> None:
    top, other = _cand(1, 0.90, 0), _cand(2, 0.50, 1)
    q = parse_query("when did Poland say it would reopen the border crossing?", TODAY)
    wide = replace(DEFAULT_CONFIG, passage_margin=1.0)
    assert "May 27" in choose_quote(q, top, [top, other], CHUNKS, MENTIONS, wide).text


def test_nearest_quotes_the_sentence_dated_nearest_the_asked_day() -> None:
    top = _cand(2, 0.6, 1)
    q = parse_query("what did Poland say on May 29?", TODAY)
    chosen = choose_quote(q, top, [top], CHUNKS, MENTIONS, nearest=True)
    assert chosen.text == "Poland said on May 27 that it would reopen the border crossing."


def test_passage_options_are_the_articles_best_few() -> None:
    eligible = [_cand(1, 0.7, 0), Candidate(9, "b", "x", None, 0.6), _cand(2, 0.6, 1)]
    few = replace(DEFAULT_CONFIG, passages_per_article=1)
    assert [c.chunk_id for c in passage_options(eligible[0], eligible)] == [1, 2]
    assert [c.chunk_id for c in passage_options(eligible[0], eligible, few)] == [1]
