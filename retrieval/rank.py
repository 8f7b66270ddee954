"""Ranking candidate passages: fused dense + lexical relevance, then date tiers and speaker evidence.

Pure: arrays and plain values in, ordered candidates out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from index.dates import DateConstraint
from retrieval.config import DEFAULT_CONFIG, RankingConfig
from retrieval.query import SPEECH_VERBS, Query, asked_years, stem, tokenize

# Date tiers (weights and their rationale: retrieval/config.py). A day is a hard constraint.
TIER_MENTION = 2  # the passage itself mentions a matching date
TIER_PUBLISHED = 1  # the article was published on a matching date
TIER_NONE = 0
HARD_GRANULARITIES = frozenset({"day"})


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
    title: str = ""  # the article's title
    ordinal: int | None = None  # the passage's place in its article, 0 for the lede; None when unknown
    tier: int = TIER_NONE
    speaker: float = 0.0
    score: float = 0.0


def hard_tiers(query: Query) -> bool:
    """Does the question's date order passages before any score (a day), or only weigh in (a period)?"""
    return query.date is not None and query.date.granularity in HARD_GRANULARITIES


def wants_recent(query: Query, config: RankingConfig = DEFAULT_CONFIG) -> bool:
    """Freshness applies to an undated question, and to one whose period reaches the last few days."""
    if query.today is None:
        return False
    if query.date is None:
        return True
    end = query.date.end
    return end is not None and end >= query.today - timedelta(days=config.recent_days)


def recency(
    published: date | None, today: date | None, half_life: float = DEFAULT_CONFIG.recency_half_life
) -> float:
    """1.0 for an article published `today`, halving every `half_life` days; 0 after `today`."""
    if published is None or today is None or published > today:
        return 0.0
    return float(0.5 ** ((today - published).days / half_life))


def rrf(rank: int | None, k: int = DEFAULT_CONFIG.rrf_k) -> float:
    return 0.0 if rank is None else 1.0 / (k + rank)


def date_tier(c: Candidate, constraint: DateConstraint | None) -> int:
    if constraint is None:
        return TIER_NONE
    if any(constraint.contains(s, e) for s, e in c.dates):
        return TIER_MENTION
    if c.published is not None and constraint.contains(c.published, c.published):
        return TIER_PUBLISHED
    return TIER_NONE


def speaker_evidence(text: str, query: Query) -> float:
    """1.0 when the passage has the asked-about speaker saying something, 0.5 when it names them; 0.0 for
    a question that does not ask what was said (see RankingConfig.speaker_weight)."""
    if not query.asks_speech or not query.speakers or not any(s.pattern.search(text) for s in query.speakers):
        return 0.0
    best = 0.0
    for sentence in re.split(r"(?<=[.!?\"”])\s+", text):
        named = any(s.pattern.search(sentence) for s in query.speakers)
        if named and SPEECH_VERBS.search(sentence):
            return 1.0
        if named:
            best = 0.5
    return best


def title_match(title: str, stems: Sequence[str]) -> float:
    """Share of the question's content words (stemmed) that the title holds."""
    if not stems or not title:
        return 0.0
    words = {stem(w) for w in tokenize(title)}
    return sum(1 for t in stems if t in words) / len(stems)


def relevance(c: Candidate, max_lexical: float, config: RankingConfig = DEFAULT_CONFIG) -> float:
    """How well the passage matches: cosine, normalized BM25, both lists' ranks fused, and the lede."""
    lexical = c.lexical / max_lexical if max_lexical > 0 else 0.0
    fused = config.fusion_scale * (rrf(c.dense_rank, config.rrf_k) + rrf(c.lexical_rank, config.rrf_k))
    return c.dense + config.lexical_weight * lexical + config.fusion_weight * fused + lede_bonus(c, config)


def lede_bonus(c: Candidate, config: RankingConfig = DEFAULT_CONFIG) -> float:
    return config.lede_weight if c.ordinal == 0 else 0.0


def year_match(c: Candidate, years: Sequence[int]) -> bool:
    """Is the passage dated in, or its article published in, a year the question names as a word ("the
    2026 Winter Olympics"), which the date parser leaves alone?"""
    if c.published is not None and c.published.year in years:
        return True
    return any(s.year <= y <= e.year for s, e in c.dates for y in years)


def evidence(
    tier: int,
    speaker: float,
    published: date | None,
    title: float,
    query: Query,
    config: RankingConfig = DEFAULT_CONFIG,
) -> float:
    """What backs a passage beyond its text: speaker, date period, freshness, title (see the config)."""
    total = config.speaker_weight * speaker + config.title_weight * title
    if query.date is not None and not hard_tiers(query):
        total += config.soft_tier_weight * tier
    if wants_recent(query, config):
        total += config.recency_weight * recency(published, query.today, config.recency_half_life)
    return total


def rank(
    candidates: Sequence[Candidate], query: Query, config: RankingConfig = DEFAULT_CONFIG
) -> list[Candidate]:
    """Candidates best first: date tier (when the question names a day), then score."""
    max_lexical = max((c.lexical for c in candidates), default=0.0)
    stems = [stem(t) for t in query.terms]
    titles: dict[str, float] = {}
    support: dict[str, list[float]] = {}
    years = asked_years(query.terms) if query.date is None and config.year_weight else []
    staged = []
    for c in candidates:
        tier = date_tier(c, query.date)
        speaker = speaker_evidence(c.text, query)
        if c.article_id not in titles:
            titles[c.article_id] = title_match(c.title, stems)
        rel = relevance(c, max_lexical, config)
        support.setdefault(c.article_id, []).append(rel)
        extra = evidence(tier, speaker, c.published, titles[c.article_id], query, config)
        if years and year_match(c, years):
            extra += config.year_weight
        staged.append((c, tier, speaker, rel + extra))
    second = {a: sorted(v, reverse=True)[1] if len(v) > 1 else 0.0 for a, v in support.items()}
    # Built field by field: dataclasses.replace re-validates every field, and this runs for each of a
    # question's few hundred candidates (it was a tenth of a question's cost).
    scored = [
        Candidate(
            c.chunk_id,
            c.article_id,
            c.text,
            c.published,
            c.dense,
            c.lexical,
            c.dense_rank,
            c.lexical_rank,
            c.dates,
            c.title,
            c.ordinal,
            tier,
            speaker,
            total + config.aggregate_weight * second[c.article_id],
        )
        for c, tier, speaker, total in staged
    ]
    hard = hard_tiers(query)
    scored.sort(key=lambda c: (c.tier if hard else TIER_NONE, c.score), reverse=True)
    return scored


def within_article(c: Candidate, config: RankingConfig = DEFAULT_CONFIG) -> float:
    """The score that compares passages of one article: the lede bonus ranks stories, not passages."""
    return c.score - lede_bonus(c, config)


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
