"""`newsdesk eval`: three retrievers over the same index, the same questions, the same metrics.

    dense     plain FAISS over chunks with the raw question's vector (the naive RAG pipeline)
    lexical   BM25 (tantivy, or FTS5) over chunks with the raw question's content words
    hybrid    reciprocal-rank fusion of those two lists (k = 60), declining when the best passage's
              cosine is under a fixed cut-off: what LangChain's EnsembleRetriever and most RAG bots ship
    newsdesk  the full engine: date tiers, fused dense + BM25, speaker evidence, the answer decision

Each ranks article ids (first occurrence of an article's chunk), 10 distinct articles deep.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from index.sentences import split_sentences
from index.speakers import affiliations, person_aliases
from newsdesk.eval_metrics import Metrics, QuestionResult, breakout
from retrieval.errors import EmptyQuestionError, NewsdeskError
from retrieval.query import (
    SPEECH_VERBS,
    content_terms,
    find_speakers,
    load_speakers,
    parse_query,
    stem,
    tokenize,
)
from retrieval.rank import rrf
from retrieval.said import name_words, same_name
from retrieval.service import Newsdesk

RETRIEVERS = ("dense", "lexical", "hybrid", "newsdesk")
# The hybrid baseline's cosine cut-off: the single threshold Newsdesk itself used before its answer
# decision (calibrated on the bundled corpus), a typical value for this model.
HYBRID_CUTOFF = 0.38
DEPTH = 10  # distinct articles ranked per question
CHUNK_POOL = 100  # chunks the baselines fetch to fill DEPTH distinct articles


class EvalFileError(NewsdeskError):
    """The questions file is missing or malformed."""


@dataclass(frozen=True)
class EvalQuestion:
    question: str
    gold: frozenset[str]
    answer: str = ""
    today: date | None = None  # the day the question was asked (RealTime QA's question_date)
    kind: str = ""  # optional: the question's kind, reported separately
    speaker: str = ""  # optional: the speaker a "what did X say" or "who said" row is about
    split: str = ""  # optional: "calibration" or "held-out"


def load_questions(path: Path) -> list[EvalQuestion]:
    """JSONL rows: question, gold_ids or gold_ids_union ([] = unanswerable), optional answer and
    question_date (YYYY-MM-DD)."""
    if not path.is_file():
        raise EvalFileError(f"no questions file at {path}: give a JSONL file with question and gold_ids")
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            gold = row["gold_ids"] if "gold_ids" in row else row["gold_ids_union"]
            asked = row.get("question_date")
            out.append(
                EvalQuestion(
                    question=str(row["question"]),
                    gold=frozenset(str(g) for g in gold),
                    answer=str(row.get("answer") or ""),
                    today=date.fromisoformat(asked) if asked else None,
                    kind=str(row.get("kind") or ""),
                    speaker=str(row.get("speaker") or ""),
                    split=str(row.get("split") or ""),
                )
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise EvalFileError(
                f"{path}:{n}: expected JSON with 'question' and 'gold_ids' (or 'gold_ids_union'): {exc}"
            ) from exc
    if not out:
        raise EvalFileError(f"{path} holds no questions")
    return out


def _articles_in_order(engine: Newsdesk, chunk_ids: Iterable[int]) -> tuple[tuple[str, ...], str]:
    """Distinct article ids in the chunks' order, DEPTH deep, and the first chunk's text."""
    ids = [int(i) for i in chunk_ids]
    chunks = engine.passages(ids)
    ranked: dict[str, None] = {}
    for cid in ids:
        ch = chunks.get(cid)
        if ch is not None:
            ranked.setdefault(ch.article_id, None)
            if len(ranked) == DEPTH:
                break
    first = chunks[ids[0]].text if ids and ids[0] in chunks else ""
    return tuple(ranked), first


def naive_quote(passage: str, question: str) -> str:
    """A baseline's quote: the passage's sentence holding most of the question's words (the usual
    highlight of a RAG bot without a quote step)."""
    words = {stem(t) for t in content_terms(question)}
    sentences = [passage[s:e] for s, e in split_sentences(passage)] or [passage]
    return max(sentences, key=lambda s: len(words & {stem(w) for w in tokenize(s)}))


def run_dense(engine: Newsdesk, q: EvalQuestion, today: date) -> QuestionResult:
    hits = engine.search(q.question, "dense", CHUNK_POOL)
    ranked, first = _articles_in_order(engine, (cid for cid, _ in hits))
    return _baseline(q, today, ranked, bool(ranked), first)


def _baseline(
    q: EvalQuestion, today: date, ranked: tuple[str, ...], answered: bool, first: str
) -> QuestionResult:
    quote = naive_quote(first, q.question)
    result = _result(q, today, ranked, answered, first if answered else "", quote)
    if not q.speaker:
        return result
    return replace(result, speaker_ok=speaker_matches(q.speaker, quote) and bool(SPEECH_VERBS.search(quote)))


def run_lexical(engine: Newsdesk, q: EvalQuestion, today: date) -> QuestionResult:
    hits = engine.search(q.question, "lexical", CHUNK_POOL)
    ranked, first = _articles_in_order(engine, (cid for cid, _ in hits))
    return _baseline(q, today, ranked, bool(ranked), first)


def run_hybrid(engine: Newsdesk, q: EvalQuestion, today: date) -> QuestionResult:
    dense = engine.search(q.question, "dense", CHUNK_POOL)
    lexical = engine.search(q.question, "lexical", CHUNK_POOL)
    fused: dict[int, float] = {}
    for hits in (dense, lexical):
        for r, (cid, _) in enumerate(hits):
            fused[cid] = fused.get(cid, 0.0) + rrf(r)
    order = sorted(fused, key=lambda cid: -fused[cid])
    ranked, first = _articles_in_order(engine, order)
    return _baseline(q, today, ranked, bool(dense) and dense[0][1] >= HYBRID_CUTOFF, first)


def run_newsdesk(engine: Newsdesk, q: EvalQuestion, today: date) -> QuestionResult:
    """What ask() does, keeping the ranked list that ask() cuts at the not-found threshold."""
    try:
        query = engine.question(q.question, today)
    except EmptyQuestionError:  # ask() refuses these: a decline
        return _result(q, today, (), False, "")
    ranked = engine.ranked(query)
    answer = engine.answer(query, ranked, 3)
    # The articles a reader sees first (the citations), then the ranker's others.
    top = tuple(dict.fromkeys([c.article_id for c in answer.citations] + [c.article_id for c in ranked]))[
        :DEPTH
    ]
    cited = answer.citations[0] if answer.answered else None
    first = f"{cited.quote}\n{cited.passage}" if cited else ""
    shown = f"{cited.speaker}: {cited.quote}" if cited and cited.speaker else (cited.quote if cited else "")
    result = _result(q, today, top, answer.answered, first, shown, answer.reason)
    if not q.speaker:
        return result
    ok = cited is not None and speaker_matches(q.speaker, cited.speaker)
    said = cited.statement_date if cited else None
    wrong = ok and said is not None and query.date is not None and not query.date.contains(said, said)
    return replace(result, speaker_ok=ok, wrong_day=wrong)


def speaker_matches(asked: str, written: str) -> bool:
    """Is `written` (a citation's speaker, or a quote) the asked speaker: the same surname, or for a
    country or an institution, a speaker who speaks for it ("Dmitry Peskov" for "the Kremlin")?"""
    words = name_words(written)
    wanted = name_words(asked)
    if wanted and any(same_name(wanted[-1], w) for w in words):
        return True
    keys = {s.key for s in find_speakers(asked, load_speakers())}
    return (
        bool(keys) and not (set(wanted) & set(person_aliases())) and bool(keys & set(affiliations(written)))
    )


def _result(
    q: EvalQuestion,
    today: date,
    ranked: tuple[str, ...],
    answered: bool,
    first: str,
    quote: str = "",
    reason: str = "",
) -> QuestionResult:
    dated = parse_query(q.question, today).date is not None
    return QuestionResult(
        q.question,
        q.gold,
        ranked,
        answered,
        first,
        q.answer,
        dated,
        quote if answered else "",
        reason,
        q.kind,
    )


RUNNERS: dict[str, Callable[[Newsdesk, EvalQuestion, date], QuestionResult]] = {
    "dense": run_dense,
    "lexical": run_lexical,
    "hybrid": run_hybrid,
    "newsdesk": run_newsdesk,
}


def evaluate(
    engine: Newsdesk,
    questions: Sequence[EvalQuestion],
    today: date,
    retrievers: Sequence[str] = RETRIEVERS,
    on_progress: Callable[[int, int], None] | None = None,
) -> dict[str, list[QuestionResult]]:
    """Per retriever, one result per question (in order). `today` is used where a row has no date."""
    out: dict[str, list[QuestionResult]] = {name: [] for name in retrievers}
    for i, q in enumerate(questions, start=1):
        for name in retrievers:
            out[name].append(RUNNERS[name](engine, q, q.today or today))
        if on_progress:
            on_progress(i, len(questions))
    return out


def report(results: dict[str, list[QuestionResult]]) -> dict[str, dict[str, Metrics]]:
    return {name: breakout(rows) for name, rows in results.items()}


def _f(v: float | None) -> str:
    return "–" if v is None else f"{v:.2f}"


def table(metrics: dict[str, dict[str, Metrics]]) -> str:
    """Markdown tables (one per subset: all, dated, undated), a row per retriever."""
    blocks = []
    for subset in next(iter(metrics.values())):
        any_m = next(iter(metrics.values()))[subset]
        if any_m.questions == 0:
            continue
        speakers = any(by[subset].speaker_correct is not None for by in metrics.values())
        head = (
            f"{subset}: {any_m.questions} questions ({any_m.answerable} answerable, "
            f"{any_m.unanswerable} unanswerable, {any_m.with_answer} with an answer string)\n\n"
            "| retriever | R@1 | R@3 | R@10 | MRR | answer-hit@1 | quote-hit@1 | declined | "
            "wrongly declined |"
            + (" speaker-correct | wrong-day |" if speakers else "")
            + "\n|---|---:|---:|---:|---:|---:|---:|---:|---:|"
            + ("---:|---:|" if speakers else "")
        )
        rows = [
            f"| {name} | {_f(m.r1)} | {_f(m.r3)} | {_f(m.r10)} | {_f(m.mrr)} | {_f(m.answer_hit1)} | "
            f"{_f(m.quote_hit1)} | {_f(m.declined)} | {_f(m.wrongly_declined)} |"
            + (
                f" {_f(m.speaker_correct)} | {'–' if m.wrong_day is None else m.wrong_day} |"
                if speakers
                else ""
            )
            for name, by_subset in metrics.items()
            for m in [by_subset[subset]]
        ]
        reasons = metrics.get("newsdesk", {}).get(subset)
        tail = [""]
        if reasons is not None and reasons.reasons:
            tail.append(
                "newsdesk reasons: " + ", ".join(f"{k} {v}" for k, v in sorted(reasons.reasons.items()))
            )
        blocks.append("\n".join([head, *rows, *tail]).rstrip())
    return "\n\n".join(blocks)


def details(results: dict[str, list[QuestionResult]]) -> list[dict[str, Any]]:
    """Per question: gold, whether it is dated, and each retriever's ranked ids, rank of gold, answer."""
    names = list(results)
    out = []
    for i, first in enumerate(results[names[0]]):
        row: dict[str, Any] = {"question": first.question, "gold": sorted(first.gold), "dated": first.dated}
        for name in names:
            r = results[name][i]
            gold_rank = next((n for n, a in enumerate(r.ranked, start=1) if a in r.gold), None)
            row[name] = {
                "ranked": list(r.ranked),
                "gold_rank": gold_rank,
                "answered": r.answered,
                "reason": r.reason,
                "quote": r.first_quote,
            }
        out.append(row)
    return out


def details_text(rows: Sequence[dict[str, Any]]) -> str:
    lines = []
    for row in rows:
        gold = ",".join(row["gold"]) or "(unanswerable)"
        lines.append(f"? {row['question']}\n  gold {gold}{'  [dated]' if row['dated'] else ''}")
        for name in RETRIEVERS:
            if name in row:
                r = row[name]
                mark = "declined" if not r["answered"] else f"gold@{r['gold_rank'] or '-'}"
                lines.append(f"  {name:<9} {mark:<9} {' '.join(r['ranked'])}")
    return "\n".join(lines)


def progress_printer(every: int = 25) -> Callable[[int, int], None]:
    def show(done: int, total: int) -> None:
        if done % every == 0 or done == total:
            print(f"eval: {done}/{total} questions", file=sys.stderr, flush=True)

    return show
