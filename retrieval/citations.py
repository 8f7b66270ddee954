"""Which passage of an article to cite, and which of its sentences to quote. Pure: candidates, passage
texts and date mentions in; the chosen passage and quote offsets out."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from index.sentences import split_sentences
from index.store_read import StoredArticle, StoredChunk
from index.types import DateMention
from retrieval.answer import select_dated_quote, select_quote, sentence_infos
from retrieval.config import DEFAULT_CONFIG, RankingConfig
from retrieval.query import Query
from retrieval.rank import Candidate, within_article
from retrieval.types import Citation


@dataclass(frozen=True)
class Quote:
    chunk: StoredChunk
    start: int  # offsets into chunk.text
    end: int

    @property
    def text(self) -> str:
        return self.chunk.text[self.start : self.end]


def passage_options(
    top: Candidate, eligible: Sequence[Candidate], config: RankingConfig = DEFAULT_CONFIG
) -> list[Candidate]:
    """The passages of `top`'s article worth comparing for its citation: its best few."""
    return [o for o in eligible if o.article_id == top.article_id][: config.passages_per_article]


def choose_quote(
    query: Query,
    top: Candidate,
    options: Sequence[Candidate],
    chunks: Mapping[int, StoredChunk],
    mentions: Sequence[DateMention],
    config: RankingConfig = DEFAULT_CONFIG,
    *,
    nearest: bool = False,
) -> Quote:
    """The citation of one article. Where it has several strong passages (within `passage_margin` of
    `top`), the one holding the best-answering sentence wins: chunk relevance alone blurs within an
    article. `nearest`: nothing is dated as asked, so quote the sentence whose date is nearest."""
    floor = within_article(top, config) - config.passage_margin
    best: tuple[float, Quote] | None = None
    for o in [c for c in options if within_article(c, config) >= floor] or [top]:
        ch = chunks[o.chunk_id]
        local = [
            (m.begin - ch.start, m.end_offset - ch.start, m.start, m.end)
            for m in mentions
            if m.overlaps(ch.start, ch.end)
        ]
        infos = sentence_infos(split_sentences(ch.text), local)
        if nearest and query.date is not None:
            qs, qe, sentence = select_dated_quote(ch.text, infos, query.date.distance_days)
        else:
            qs, qe, sentence = select_quote(ch.text, infos, query, config)
        score = within_article(o, config) + config.sentence_weight * sentence
        if best is None or score > best[0]:
            best = (score, Quote(ch, qs, qe))
    assert best is not None
    return best[1]


def article_citation(
    rank: int,
    article: StoredArticle,
    quote: str,
    passage: str,
    score: float,
    chunk_id: int,
    speaker: str = "",
    statement_date: date | None = None,
) -> Citation:
    """A citation of `article`: its title, source, date and link beside the quote and its passage (and,
    for a quote that is a statement, its speaker and day)."""
    return Citation(
        rank=rank,
        article_id=article.id,
        title=article.title,
        source=article.source,
        published=article.published,
        url=article.url,
        quote=quote,
        passage=passage,
        score=score,
        chunk_id=chunk_id,
        speaker=speaker,
        statement_date=statement_date,
    )
