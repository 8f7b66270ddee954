"""Retrieval-quality metrics. Pure: ranked article ids, gold ids and texts in, numbers out.

Conventions (docs/evaluation.md):
- R@k is the share of answerable questions with at least one gold article among the first k distinct
  articles (hit rate; a question with several gold ids counts once).
- MRR is the mean over answerable questions of 1/rank of the first gold article in the ranked list
  (the list holds 10 articles, so this is MRR@10; 0 when no gold article is in it).
- answer-hit@1: the expected answer string, case-insensitive and whitespace-normalized, occurs in the
  first citation's quote or passage. Counted over answerable questions that carry an answer string; a
  declined question has no first citation and counts as a miss.
- quote-hit@1: the same, in the first citation's quote alone (the sentence shown first). The baselines
  have no quote step: theirs is the first passage's sentence holding most of the question's words.
- speaker-correct: over answerable rows naming a speaker, the share whose first citation is a statement
  by that speaker (the baselines: whose first quote names them and has a speech verb); wrong-day: how
  many first citations are that speaker's statements dated another day than asked.
- declined: over unanswerable questions (empty gold), the share where the retriever gave no answer;
  wrongly-declined: over answerable ones, the share it declined.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class QuestionResult:
    """What one retriever did with one question."""

    question: str
    gold: frozenset[str]  # empty: the archive cannot answer it
    ranked: tuple[str, ...]  # distinct article ids, best first
    answered: bool  # False: the retriever declined (said "not found")
    first_text: str  # the first citation's quote and passage ("" when declined)
    answer: str = ""  # the string the cited text should contain ("" when the row has none)
    dated: bool = False  # the question carries a date expression
    first_quote: str = ""  # the first citation's quote alone ("" when declined)
    reason: str = ""  # why it answered or declined (Answer.reason; "" for the baselines)
    kind: str = ""  # the row's question kind, when the file gives one
    # For a row naming the speaker asked about: is the first citation a statement by them (None: the row
    # names none), and is it theirs but dated another day than asked (None: not known, for baselines)?
    speaker_ok: bool | None = None
    wrong_day: bool | None = None

    @property
    def answerable(self) -> bool:
        return bool(self.gold)


@dataclass(frozen=True)
class Metrics:
    questions: int
    answerable: int
    unanswerable: int
    r1: float | None
    r3: float | None
    r10: float | None
    mrr: float | None
    answer_hit1: float | None
    with_answer: int
    declined: float | None  # share of unanswerable questions declined
    quote_hit1: float | None = None
    wrongly_declined: float | None = None  # share of answerable questions declined
    reasons: dict[str, int] | None = None  # how many questions got each Answer.reason
    speaker_correct: float | None = None  # share of answerable speaker rows whose first quote is theirs
    wrong_day: int | None = None  # speaker rows whose first citation is theirs, dated another day

    def as_dict(self) -> dict[str, float | int | None]:
        return asdict(self)


def hit_at_k(ranked: Sequence[str], gold: frozenset[str] | set[str], k: int) -> bool:
    return any(a in gold for a in ranked[:k])


def reciprocal_rank(ranked: Sequence[str], gold: frozenset[str] | set[str]) -> float:
    for i, a in enumerate(ranked, start=1):
        if a in gold:
            return 1.0 / i
    return 0.0


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def answer_hit(text: str, answer: str) -> bool:
    """The answer string occurs in the text, ignoring case and runs of whitespace."""
    needle = _norm(answer)
    return bool(needle) and needle in _norm(text)


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def summarize(results: Sequence[QuestionResult]) -> Metrics:
    answerable = [r for r in results if r.answerable]
    unanswerable = [r for r in results if not r.answerable]
    with_answer = [r for r in answerable if r.answer]

    def recall(k: int) -> float | None:
        return _mean([float(hit_at_k(r.ranked, r.gold, k)) for r in answerable])

    return Metrics(
        questions=len(results),
        answerable=len(answerable),
        unanswerable=len(unanswerable),
        r1=recall(1),
        r3=recall(3),
        r10=recall(10),
        mrr=_mean([reciprocal_rank(r.ranked, r.gold) for r in answerable]),
        answer_hit1=_mean([float(r.answered and answer_hit(r.first_text, r.answer)) for r in with_answer]),
        with_answer=len(with_answer),
        declined=_mean([float(not r.answered) for r in unanswerable]),
        quote_hit1=_mean([float(r.answered and answer_hit(r.first_quote, r.answer)) for r in with_answer]),
        wrongly_declined=_mean([float(not r.answered) for r in answerable]),
        reasons=dict(Counter(r.reason for r in results if r.reason)) or None,
        speaker_correct=_mean(
            [float(r.answered and bool(r.speaker_ok)) for r in answerable if r.speaker_ok is not None]
        ),
        wrong_day=(
            sum(1 for r in results if r.answered and r.wrong_day)
            if any(r.wrong_day is not None for r in results)
            else None
        ),
    )


SUBSET_FILTERS: dict[str, Callable[[QuestionResult], bool]] = {
    "all": lambda r: True,
    "dated": lambda r: r.dated,
    "undated": lambda r: not r.dated,
}


def breakout(results: Sequence[QuestionResult]) -> dict[str, Metrics]:
    """Metrics for all questions, for those with a date expression, for those without, and per question
    kind when the file gives kinds ("kind: where")."""
    out = {name: summarize([r for r in results if keep(r)]) for name, keep in SUBSET_FILTERS.items()}
    for kind in sorted({r.kind for r in results if r.kind}):
        out[f"kind: {kind}"] = summarize([r for r in results if r.kind == kind])
    return out
