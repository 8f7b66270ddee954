"""Ranking candidate passages: fused dense + lexical relevance, then date tiers and speaker evidence.

Pure: arrays and plain values in, ordered candidates out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from index.dates import DateConstraint
from retrieval.query import SPEECH_VERBS, Query

RRF_K = 60

# Date tiers: a question's date is a hard constraint, so tiers order before any score.
TIER_MENTION = 2  # the passage itself mentions a matching date
TIER_PUBLISHED = 1  # the article was published on a matching date
TIER_NONE = 0


@dataclass(frozen=True)
class Candidate:
    chunk_id: int
    article_id: str
    text: str
    published: date | None
    dense: float  # cosine similarity to the question
    lexical: float = 0.0  # BM25, higher is better; 0 when the lexical search did not return it
    dense_rank: int | None = None
    lexical_rank: int | None = None
    dates: tuple[tuple[date, date], ...] = ()
    tier: int = TIER_NONE
    speaker: float = 0.0
    score: float = 0.0


def rrf(rank: int | None) -> float:
    return 0.0 if rank is None else 1.0 / (RRF_K + rank)


def date_tier(c: Candidate, constraint: DateConstraint | None) -> int:
    if constraint is None:
        return TIER_NONE
    if any(constraint.contains(s, e) for s, e in c.dates):
        return TIER_MENTION
    if c.published is not None and constraint.contains(c.published, c.published):
        return TIER_PUBLISHED
    return TIER_NONE


def speaker_evidence(text: str, query: Query) -> float:
    """1.0 when the passage has the asked-about speaker saying something, 0.5 when it names them."""
    if not query.speakers:
        return 0.0
    best = 0.0
    for sentence in re.split(r"(?<=[.!?\"”])\s+", text):
        named = any(s.pattern.search(sentence) for s in query.speakers)
        if named and SPEECH_VERBS.search(sentence):
            return 1.0
        if named:
            best = 0.5
    return best


def score(c: Candidate, query: Query, max_lexical: float) -> float:
    lexical = c.lexical / max_lexical if max_lexical > 0 else 0.0
    fused = 30.0 * (rrf(c.dense_rank) + rrf(c.lexical_rank))  # ≈ 1.0 when first in both lists
    speaker_weight = 0.15 if query.asks_speech else 0.06
    return c.dense + 0.15 * lexical + 0.1 * fused + speaker_weight * c.speaker


def rank(candidates: Sequence[Candidate], query: Query) -> list[Candidate]:
    """Candidates best first: date tier (when the question has a date), then score."""
    max_lexical = max((c.lexical for c in candidates), default=0.0)
    scored = []
    for c in candidates:
        c = replace(c, tier=date_tier(c, query.date), speaker=speaker_evidence(c.text, query))
        scored.append(replace(c, score=score(c, query, max_lexical)))
    scored.sort(key=lambda c: (c.tier, c.score), reverse=True)
    return scored


def distinct_articles(ranked: Sequence[Candidate], limit: int) -> list[Candidate]:
    out: list[Candidate] = []
    seen: set[str] = set()
    for c in ranked:
        if c.article_id not in seen:
            seen.add(c.article_id)
            out.append(c)
            if len(out) == limit:
                break
    return out
