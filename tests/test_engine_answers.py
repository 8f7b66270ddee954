"""Answers over the bundled corpus: the right article, the right sentence, verbatim, date-true."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import NotRequired, TypedDict

import pytest

from index.dates import find_dates
from retrieval.service import Newsdesk

MAY = "000_ae7840efd1dddaa5"
JULY = "003_b34fa6a59ba2dcd6"
EVAL = Path(__file__).parent / "data" / "eval_bundled.jsonl"
TODAY = date(2026, 11, 24)


def test_card_question_cites_the_may_27_denial(bundled_engine: Newsdesk) -> None:
    a = bundled_engine.ask("what did China say on May 27?", today=TODAY)
    assert a.answered
    first = a.citations[0]
    assert first.article_id == MAY
    assert "denied Ukraine's accusations" in first.quote or "Mao" in first.quote
    assert first.published == date(2025, 5, 27) and first.source == "Kyiv Independent"
    assert a.date_label


def test_july_27_gets_the_july_article(bundled_engine: Newsdesk) -> None:
    a = bundled_engine.ask("what did China say on July 27?", today=TODAY)
    assert a.answered and a.citations[0].article_id == JULY
    assert "July 27" in a.citations[0].quote


def test_a_speaker_silent_on_the_asked_day_is_said_so_with_their_nearest_statements(
    bundled_engine: Newsdesk,
) -> None:
    a = bundled_engine.ask("What did China say on March 3?", today=TODAY)
    assert not a.answered
    assert a.message == "No statement by China dated 3 March in the archive."
    assert a.nearest and all(c.speaker and c.statement_date is not None for c in a.nearest)


@pytest.mark.parametrize(
    "question",
    ["What did China say on 27 May?", "what did china say on May 27th", "What did Beijing say on 27.05?"],
)
def test_date_forms_all_pick_may(bundled_engine: Newsdesk, question: str) -> None:
    a = bundled_engine.ask(question, today=TODAY)
    assert a.answered and a.citations[0].article_id == MAY


def test_a_date_with_nothing_on_it_is_not_answered_but_offers_nearest(bundled_engine: Newsdesk) -> None:
    a = bundled_engine.ask("What happened in Beijing on March 3?", today=TODAY)
    assert not a.answered
    assert "Nothing dated" in a.message and "3 March" in a.message
    assert a.nearest, "a dated question with no match should offer the nearest dated passages"
    for c in a.nearest:  # each offered quote is the sentence carrying a (day- or month-precise) date
        assert any(m.granularity in ("day", "month") for m in find_dates(c.quote, c.published)), c.quote


def test_quote_and_passage_are_verbatim(bundled_engine: Newsdesk) -> None:
    a = bundled_engine.ask("What did Wang Yi tell Blinken about sanctions?", today=TODAY)
    assert a.answered
    for c in a.citations:
        assert c.quote and c.quote in c.passage
        text = bundled_engine.store.article_text(c.article_id)
        assert text is not None and c.passage in text
    assert len({c.article_id for c in a.citations}) == len(a.citations)


class EvalRow(TypedDict):
    question: str
    gold_ids: list[str]  # empty: the archive does not answer it, so the question must be declined
    answer: NotRequired[str]


def _eval_rows() -> list[EvalRow]:
    return [json.loads(line) for line in EVAL.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("row", _eval_rows(), ids=lambda r: str(r["question"])[:50])
def test_bundled_eval_set(bundled_engine: Newsdesk, row: EvalRow) -> None:
    a = bundled_engine.ask(str(row["question"]), today=TODAY)
    gold = list(row["gold_ids"])
    if not gold:
        assert not a.answered, (
            f"should decline, but cited {a.citations[0].article_id}: {a.citations[0].quote!r}"
        )
        return
    assert a.answered, a.message
    first = a.citations[0]
    assert first.article_id in gold
    answer = str(row["answer"]).lower()
    assert answer in first.quote.lower() or answer in first.passage.lower()


@pytest.mark.parametrize(
    "question", ["what did China say on May 27?", "Who met in Laos last summer?", "what happened this week?"]
)
def test_overlapping_the_text_searches_with_encoding_changes_nothing(
    bundled_engine: Newsdesk, question: str
) -> None:
    from retrieval.query import parse_query

    query = parse_query(question, TODAY)
    both = [bundled_engine.ranked(query, overlap=o) for o in (True, False)]
    assert [(c.chunk_id, c.score) for c in both[0]] == [(c.chunk_id, c.score) for c in both[1]]
    assert both[0], "the bundled corpus has candidates for every question"
