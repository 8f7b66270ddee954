"""The evaluation: pure metric functions by hand-computed cases, then the bundled eval set end to end."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from newsdesk.eval_html import score, shingle_counts
from newsdesk.eval_metrics import QuestionResult, answer_hit, breakout, hit_at_k, reciprocal_rank, summarize

if TYPE_CHECKING:
    from retrieval.service import Newsdesk

EVAL = Path(__file__).parent / "data" / "eval_bundled.jsonl"
TODAY = date(2026, 11, 24)
G = frozenset({"g1", "g2"})


@pytest.mark.parametrize(
    ("ranked", "k", "expected"),
    [
        (("g1", "x", "y"), 1, True),
        (("x", "g2", "y"), 1, False),
        (("x", "g2", "y"), 3, True),
        (("x", "y", "z"), 10, False),
        ((), 1, False),
        ((*(f"x{i}" for i in range(10)), "g1"), 10, False),  # 11th place is not in the top 10
    ],
)
def test_hit_at_k(ranked: tuple[str, ...], k: int, expected: bool) -> None:
    assert hit_at_k(ranked, G, k) is expected


@pytest.mark.parametrize(
    ("ranked", "expected"),
    [(("g2",), 1.0), (("x", "g1"), 0.5), (("x", "y", "z", "g1", "g2"), 0.25), (("x",), 0.0), ((), 0.0)],
)
def test_reciprocal_rank_uses_the_first_gold(ranked: tuple[str, ...], expected: float) -> None:
    assert reciprocal_rank(ranked, G) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("text", "answer", "expected"),
    [
        ("Beijing DENIED Ukraine's accusations", "denied ukraine's accusations", True),
        ("never  provided\nlethal weapons", "never provided lethal weapons", True),
        ("about 80 % of parts", "80%", False),
        ("anything", "", False),
        ("", "Sudan", False),
    ],
)
def test_answer_hit(text: str, answer: str, expected: bool) -> None:
    assert answer_hit(text, answer) is expected


def _r(
    gold: set[str],
    ranked: tuple[str, ...],
    answered: bool = True,
    text: str = "",
    answer: str = "",
    dated: bool = False,
) -> QuestionResult:
    return QuestionResult("q", frozenset(gold), ranked, answered, text, answer, dated)


SAMPLE = [
    _r({"a"}, ("a", "b", "c"), text="the answer is Sudan", answer="Sudan", dated=True),  # rank 1, hit
    _r({"a"}, ("b", "a"), text="nothing here", answer="Sudan"),  # rank 2, miss
    _r({"a"}, ("b", "c", "d", "e"), answered=False, answer="Kenya"),  # not found, declined: miss
    _r(set(), ("x",), answered=False, dated=True),  # unanswerable, declined
    _r(set(), ("x",), answered=True),  # unanswerable, answered anyway
]


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        ("questions", 5),
        ("answerable", 3),
        ("unanswerable", 2),
        ("r1", 1 / 3),
        ("r3", 2 / 3),
        ("r10", 2 / 3),
        ("mrr", (1 + 0.5 + 0) / 3),
        ("answer_hit1", 1 / 3),
        ("with_answer", 3),
        ("declined", 0.5),
    ],
)
def test_summarize(field: str, expected: float) -> None:
    assert getattr(summarize(SAMPLE), field) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("subset", "questions", "r1", "declined"),
    [("all", 5, 1 / 3, 0.5), ("dated", 2, 1.0, 1.0), ("undated", 3, 0.0, 0.0)],
)
def test_date_breakout(subset: str, questions: int, r1: float, declined: float) -> None:
    m = breakout(SAMPLE)[subset]
    assert (m.questions, m.r1, m.declined) == (questions, pytest.approx(r1), pytest.approx(declined))


def test_empty_subsets_have_no_rates() -> None:
    m = summarize([_r(set(), ())])
    assert m.r1 is None and m.mrr is None and m.answer_hit1 is None and m.declined == 0.0


@pytest.mark.parametrize(
    ("gold", "pred", "expected"),
    [
        ("a b c d e", "a b c d e", (1.0, 0.0, 0.0)),  # 2 shingles, both found
        ("a b c d e", "a b c d", (0.5, 0.0, 0.5)),  # (a b c d) found, (b c d e) missed
        ("a b c d", "a b c d x y", (1 / 3, 2 / 3, 0.0)),  # 1 gold shingle; 3 predicted, 2 extra
        ("a b c d", "", (0.0, 0.0, 1.0)),
    ],
)
def test_shingle_counts(gold: str, pred: str, expected: tuple[float, float, float]) -> None:
    assert shingle_counts(gold, pred) == pytest.approx(expected)


def test_html_score_averages_per_page_then_takes_f1() -> None:
    s = score([("a b c d e", "a b c d"), ("a b c d", "a b c d x y"), ("a b c d", "")])
    # precision over pages with predictions: (1 + 1/3) / 2; recall over all three: (0.5 + 1 + 0) / 3
    assert s.precision == pytest.approx(2 / 3) and s.recall == pytest.approx(0.5)
    assert s.f1 == pytest.approx(2 * (2 / 3) * 0.5 / (2 / 3 + 0.5)) and s.failed == 1


def test_load_questions_reads_gold_ids_union_and_dates(tmp_path: Path) -> None:
    from newsdesk.evaluate import load_questions

    f = tmp_path / "q.jsonl"
    f.write_text(
        '{"question": "q1", "gold_ids_union": ["a"], "answer": "x", "question_date": "2022-01-07"}\n\n'
        '{"question": "q2", "gold_ids": []}\n',
        encoding="utf-8",
    )
    q1, q2 = load_questions(f)
    assert q1.gold == {"a"} and q1.today == date(2022, 1, 7) and q1.answer == "x"
    assert q2.gold == frozenset() and q2.today is None and q2.answer == ""


def test_bundled_eval_set_full_ranker(bundled_engine: Newsdesk) -> None:
    from newsdesk.evaluate import evaluate, load_questions, report

    questions = load_questions(EVAL)
    results = evaluate(bundled_engine, questions, TODAY)
    m = report(results)
    full = m["newsdesk"]["all"]
    assert full.unanswerable >= 1 and full.declined == 1.0, "every unanswerable question must be declined"
    assert full.r1 == 1.0
    # The evaluation replays ask(): same decision and same first citation.
    for q, r in zip(questions, results["newsdesk"], strict=True):
        a = bundled_engine.ask(q.question, today=TODAY)
        assert a.answered == r.answered
        if a.answered:
            assert r.first_text.startswith(a.citations[0].quote)
    # The baselines run over the same index and never decline.
    assert m["dense"]["all"].declined == 0.0 and m["dense"]["all"].r10 is not None
