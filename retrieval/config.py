"""Every tuning constant of retrieval and answering, in one frozen, typed configuration.

A weight change is a data change: `newsdesk eval --config FILE` (a JSON or TOML file naming the fields
to change) measures it against the same questions. The defaults are the measured ones (docs/evaluation.md).

    config = RankingConfig()                       # the defaults
    config = load_config(Path("weights.toml"))     # the defaults, with the file's fields replaced
    rank(candidates, query, config); gather(..., config); choose_quote(..., config)
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from corpus.formats import MAX_FILE_BYTES
from retrieval.errors import NewsdeskError


@dataclass(frozen=True)
class IngestConfig:
    """How articles become passages (changing these needs `newsdesk ingest --rebuild`)."""

    # Word pieces per chunk: the model reads 256 with [CLS] and [SEP]; 200 leaves room for sentence
    # boundaries, so chunks end on a full stop.
    max_tokens: int = 200
    # Sentences shared by neighbouring chunks, so an answer split across a boundary is whole in one.
    overlap: int = 1
    # Chunks per encoder call; 0 = the backend's own best (index/embed*.py).
    batch_size: int = 0
    max_file_bytes: int = MAX_FILE_BYTES


@dataclass(frozen=True)
class RankingConfig:
    # --- candidates (retrieval/search.py) ---
    # Passages each retriever (dense, lexical) hands to the ranker.
    candidates: int = 60
    # Dated passages fetched for a dated question, on top of the relevance pools; passages published in
    # the `recent_days` up to `today`, fetched for a question that wants fresh news. Of both, only the
    # `extra_keep` most similar to the question (by vector, before any text is read) are ranked, which
    # keeps a question's cost bounded.
    dated_limit: int = 2000
    recent_limit: int = 3000
    extra_keep: int = 300
    # A recurring date ("May 27", no year) is looked for in every year of the archive, and this many
    # days beyond its first and last article (a story may mention a date just outside them).
    date_window_days: int = 400
    # BM25 weights of passage text and article title (FTS5 column weights; tantivy field boosts).
    bm25_text_weight: float = 1.0
    bm25_title_weight: float = 0.5

    # --- relevance (retrieval/rank.py: relevance) ---
    # score = cosine + lexical_weight × BM25/max BM25 + fusion_weight × fusion_scale × RRF(dense, lexical);
    # fusion_scale makes the fused term ≈ 1.0 for a passage first in both lists.
    rrf_k: int = 60
    lexical_weight: float = 0.15
    fusion_weight: float = 0.1
    fusion_scale: float = 30.0

    # --- evidence (retrieval/rank.py) ---
    # Date tiers. A day ("on May 27") is a hard constraint: matching passages order before any score. A
    # coarser period ("this week", "in March 2022") is evidence, not a filter: a week or a year holds
    # many passages about other things, so a matching passage gains soft_tier_weight per tier instead.
    soft_tier_weight: float = 0.1
    # Freshness: a news question without a date means the latest news. A passage whose article was
    # published in the days up to the question's `today` gains up to recency_weight, halving every
    # recency_half_life days; an article dated after `today` gains nothing. Also applied to a question
    # whose period reaches into the last recent_days ("this week"). Chosen on one half of RealTime QA
    # and checked on the other (docs/evaluation.md, "Ranking weights, cross-validated").
    recency_weight: float = 0.4
    recency_half_life: float = 8.0
    recent_days: int = 7
    # Headlines name what a story is about: a passage gains title_weight times the share of the
    # question's content words its article's title holds. A story told over several passages beats one
    # passing mention: each passage gains aggregate_weight times its article's second-best relevance.
    title_weight: float = 0.1
    aggregate_weight: float = 0.1
    # News is written as an inverted pyramid: a story's lede that matches a question beats a later
    # passage of a story (or a news digest) that mentions the same words in passing, by lede_weight.
    lede_weight: float = 0.1
    # A year the question names as a word ("the 2026 Winter Olympics"; the date parser takes only "in
    # 2026") names an edition of a recurring event: passages dated in that year, or of articles
    # published in it, gain year_weight. Set on the calibration half (0.1 moved nothing, 0.2 cited
    # the 2026 Games' article before the 2024 Games' ones); RealTime QA's 18 such questions gain
    # one gold article in the top ten at any value from 0.05 to 0.3.
    year_weight: float = 0.2
    # A question asking what someone said ("what did China say?") prefers passages with that speaker
    # saying something (speaker_weight) over ones that only name them (half). Other questions get no
    # speaker evidence: on RealTime QA it moved R@1 by one question in 346, and its regexes were the
    # slowest step of answering (docs/benchmarks.md).
    speaker_weight: float = 0.15

    # --- the quote (retrieval/answer.py: sentence_score, select_quote) ---
    # A sentence scores quote_overlap_weight × the share of the question's words it holds; the asked
    # day in it adds quote_date_match (more than overlap and speaker together, so the day comes first);
    # a date that contradicts the asked one subtracts quote_date_conflict. For a speaker question: named
    # quote_speaker_named, named and speaking + quote_speaker_speaks, any speech verb for a "what did X
    # say" question + quote_speech.
    quote_overlap_weight: float = 2.0
    quote_date_match: float = 3.0
    quote_date_conflict: float = 3.0
    # A sentence dated inside an asked week, month or year (not a day) gains only quote_period_match:
    # the article is dated in that period already, so its weekdays say little about the sentence.
    quote_period_match: float = 0.5
    quote_speaker_named: float = 0.5
    quote_speaker_speaks: float = 0.3
    quote_speech: float = 0.2
    quote_max_sentences: int = 3
    # A sentence holding the kind of fact the question asks for (a number for "how many", a place for
    # "where", a date for "when", a name for "who") gains quote_kind_match; a headline, subheading,
    # caption or "Read more" line loses quote_context_penalty (context, never the quote if anything
    # else answers).
    quote_kind_match: float = 0.6
    quote_context_penalty: float = 1.5
    # For "how many NOUN", a number followed within four words by that noun ("two million doses") gains
    # quote_counted_match more: the number is about the asked thing.
    quote_counted_match: float = 1.2
    # For "when", a sentence with a year or a calendar day ("opened in 1927", "set for March 6") gains
    # quote_precise_time more than one with only "on Thursday" (0.0: no such rule; 0.3 to 1.0 give the
    # same quotes on the calibration half, RealTime QA and the statements set).
    quote_precise_time: float = 0.6

    # --- citations (retrieval/citations.py) ---
    # Cosine similarity below which the best passage is not an answer. Calibrated on questions the
    # bundled corpus cannot answer (tests/data/eval_bundled.jsonl, gold_ids empty): docs/evaluation.md.
    min_score: float = 0.2
    # Passages of one article considered for its citation: those within passage_margin of its best,
    # re-ordered by passage score + sentence_weight × the score of their best-answering sentence.
    passages_per_article: int = 4
    passage_margin: float = 0.25
    sentence_weight: float = 0.3
    # When nothing is dated as asked: the nearest dated passages come from the top nearest_pool
    # candidates whose cosine is at least nearest_min_factor × min_score; nearest_citations of them.
    nearest_pool: int = 30
    nearest_min_factor: float = 0.8
    nearest_citations: int = 3

    # --- statements (retrieval/said_answer.py) ---
    # Statements read for a "what did X say" question: those dated in the asked period (at most
    # said_limit), or, without a date, those in the said_articles articles the ranker puts first.
    said_limit: int = 5000
    said_articles: int = 30
    # When a country or an institution made no statement on the asked day, its statements this many
    # days either side are offered as the nearest.
    said_nearest_days: int = 30
    # A speaker asked by office ("Putin's spokesman", "the Russian president") is the person the
    # archive most often writes with that title within this many days of the asked date.
    said_office_days: int = 365
    # A reported statement chosen as the answer is followed by the speaker's first quotation of that
    # day starting at most this many characters after it in the article.
    said_join_chars: int = 1500
    # "What did X say about Y": Y's names must be in X's statement's paragraphs (this many characters
    # either side) or its article's opening (retrieval/said_answer.py): a live blog names everything
    # somewhere ("Stoltenberg" and "Eurovision" a day's updates apart).
    said_topic_around_chars: int = 1500
    said_topic_lede_chars: int = 600
    # A "who said …" question is answered from the statement holding its quoted words, or at least
    # who_said_min_share of its words; else like any question.
    who_said_min_share: float = 0.6
    # `newsdesk quote`: passages read for a phrase (each article is listed once).
    quote_limit: int = 500

    # --- answerability (retrieval/answerable.py) ---
    # A person the question puts in an office ("When did X become foreign minister?") must be written
    # with a title of that office in one of the first premise_passages passages where their surname
    # stands within premise_near_tokens tokens of the title (retrieval/premise.py).
    premise_near_tokens: int = 10
    premise_passages: int = 200
    # A question word in no passage, with no near spelling (difflib ratio ≥ near_spelling_cutoff on
    # words of the same first letter) is a name the archive lacks: decline. Words shorter than
    # min_name_length are too easily misspelt into another word; passages per word are counted up to
    # term_count_cap (enough to tell rare from common at a bounded cost).
    near_spelling_cutoff: float = 0.8
    min_name_length: int = 4
    term_count_cap: int = 2000
    # A missing common (uncapitalised) word declines only in an archive of at least this many passages:
    # two articles lack most words of any question, a newsroom archive lacks only what it never covered.
    rare_term_passages: int = 5000
    # Support of the first citation (rarity-weighted shares of the question's words): its passage and
    # title must hold answer_min_names of the question's names, answer_min_coverage of its words and
    # answer_min_predicate of its uncapitalised words (what it asks about the names); a
    # quote less similar to the question than answer_min_sentence needs answer_strong_coverage.
    # Calibrated on the calibration half of tests/data/eval_ukraine.jsonl (docs/evaluation.md).
    answer_min_names: float = 0.0
    answer_min_coverage: float = 0.0
    answer_min_predicate: float = 0.2
    # 1.0: the passage must hold the question's rarest uncapitalised word (0.0: no such rule).
    answer_min_rarest: float = 0.0
    # A passage without that rarest word ("earthquake", "materials") and holding less than this share
    # of the question's weighted words is about something else. Set on the calibration half (docs/
    # evaluation.md); 0.0: no such rule.
    answer_rare_missing_coverage: float = 0.4
    answer_min_sentence: float = 0.4
    # The cited article must write every name of the question (retrieval/names.py, required_names):
    # of the rare_name_articles closest articles, those that do are cited first; when none does, the
    # question is declined.
    rare_name_articles: int = 5
    answer_strong_coverage: float = 0.6

    @property
    def bm25_weights(self) -> tuple[float, float]:
        """FTS5 bm25() column weights, in the table's column order (text, title)."""
        return (self.bm25_text_weight, self.bm25_title_weight)


DEFAULT_CONFIG = RankingConfig()


def load_config(path: Path, base: RankingConfig = DEFAULT_CONFIG) -> RankingConfig:
    """`base` with the fields a JSON or TOML file names replaced; an unknown field or a wrong type is
    refused with the list of valid names."""
    try:
        text = path.read_text(encoding="utf-8")
        data: Any = tomllib.loads(text) if path.suffix.lower() == ".toml" else json.loads(text)
    except OSError as exc:
        raise NewsdeskError(f"cannot read {path} ({exc.strerror or exc}): check the path") from exc
    except (ValueError, tomllib.TOMLDecodeError) as exc:
        raise NewsdeskError(f"{path} is not valid {path.suffix.lstrip('.') or 'JSON'} ({exc})") from exc
    if not isinstance(data, dict):
        raise NewsdeskError(f"{path} must hold one object of field = value pairs")
    return with_overrides(base, data, str(path))


def with_overrides(base: RankingConfig, data: dict[str, Any], origin: str = "overrides") -> RankingConfig:
    types = {f.name: type(getattr(base, f.name)) for f in fields(RankingConfig)}
    unknown = sorted(set(data) - set(types))
    if unknown:
        raise NewsdeskError(
            f"{origin}: unknown field(s) {', '.join(unknown)}; valid: {', '.join(sorted(types))}"
        )
    clean: dict[str, Any] = {}
    for name, value in data.items():
        kind = types[name]
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or (kind is int and value != int(value))
        ):
            raise NewsdeskError(f"{origin}: {name} must be a {'whole number' if kind is int else 'number'}")
        clean[name] = kind(value)
    return replace(base, **clean)
