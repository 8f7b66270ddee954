"""The engine the fronts talk to: one object, created once, holding the model and the index.

    engine = Newsdesk.open(index_dir, embedder=load_embedder(...), build_from=[paths], progress=False)
    engine.ask(question, max_citations=3, today=None) -> Answer     # thread-safe, blocking
    engine.ingest(paths, on_progress=None) -> IngestSummary          # answerable as soon as it returns
    engine.reload(); engine.stats() -> ArchiveStats; engine.close()

Errors are `retrieval.errors.NewsdeskError` subclasses with a one-line, actionable message.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from corpus.load import iter_articles
from index.embed import Embedder
from index.ingest import ingest as run_ingest
from index.sentences import split_sentences
from index.store import Store
from index.store_read import StoredArticle
from retrieval.answer import nearness, select_dated_quote, select_quote, sentence_infos
from retrieval.errors import EmptyQuestionError, IndexMissingError
from retrieval.query import Query, parse_query
from retrieval.rank import TIER_NONE, Candidate, distinct_articles, rank, within_article
from retrieval.search import gather, text_pools
from retrieval.types import Answer, ArchiveStats, Citation, IngestSummary

# Cosine similarity below which the best passage is not an answer. Calibrated on questions the bundled
# corpus cannot answer (tests/data/eval_bundled.jsonl, gold_ids empty): see docs/evaluation.md.
DEFAULT_MIN_SCORE = 0.38
# Passages of one article considered for its citation: those within PASSAGE_MARGIN of its best score,
# re-ordered by passage score + SENTENCE_WEIGHT × the score of their best-answering sentence.
PASSAGES_PER_ARTICLE = 3
PASSAGE_MARGIN = 0.15
SENTENCE_WEIGHT = 0.3


@dataclass(frozen=True)
class Tuning:
    max_tokens: int = 200
    overlap: int = 1
    batch_size: int = 64
    candidates: int = 60
    min_score: float = DEFAULT_MIN_SCORE
    max_file_bytes: int = 200_000_000


class Newsdesk:
    def __init__(self, store: Store, embedder: Embedder, tuning: Tuning) -> None:
        self.store = store
        self.embedder = embedder
        self.tuning = tuning
        self._encode_lock = threading.Lock()
        self._ingest_lock = threading.Lock()
        self._text_search = ThreadPoolExecutor(max_workers=2, thread_name_prefix="newsdesk-text")

    @classmethod
    def open(
        cls,
        index_dir: Path,
        *,
        embedder: Embedder,
        build_from: Sequence[Path] | None = None,
        progress: bool = False,
        faiss_factory: str = "",
        tuning: Tuning | None = None,
        allow_empty: bool = False,
    ) -> Newsdesk:
        store = Store(Path(index_dir), embedder.name, embedder.dim, faiss_factory, backend=embedder.backend)
        engine = cls(store, embedder, tuning or Tuning())
        if store.count_articles() == 0 and not allow_empty:
            if not build_from:
                raise IndexMissingError(
                    f"the index at {index_dir} is empty: run `newsdesk ingest PATH...` with your archive"
                )
            engine.ingest(build_from, progress=progress)
        return engine

    # --- writing ---
    def ingest(
        self,
        paths: Sequence[Path],
        on_progress: Callable[[int, int], None] | None = None,
        *,
        progress: bool = False,
    ) -> IngestSummary:
        with self._ingest_lock:
            counts = run_ingest(
                self.store,
                self.embedder,
                iter_articles([Path(p) for p in paths], max_file_bytes=self.tuning.max_file_bytes),
                max_tokens=self.tuning.max_tokens,
                overlap=self.tuning.overlap,
                batch_size=self.tuning.batch_size,
                progress_bar=progress,
                on_progress=on_progress,
            )
        return IngestSummary(
            added=counts.added,
            updated=counts.updated,
            unchanged=counts.unchanged,
            failed=counts.failed,
            skipped=counts.skipped,
            chunks=counts.chunks,
            seconds=counts.seconds,
            problems=tuple(counts.problems),
        )

    def reload(self) -> None:
        with self._ingest_lock:
            old = self.store
            self.store = Store(old.dir, old.model, old.dim, old.factory_override, backend=old.backend)
            old.close()

    def close(self) -> None:
        self._text_search.shutdown(wait=True)
        self.store.close()

    # --- reading ---
    def ask(self, question: str, max_citations: int = 3, today: date | None = None) -> Answer:
        query = parse_query(question, today or date.today())
        if not query.terms and query.date is None:
            raise EmptyQuestionError(
                "the question has no words to search for: ask e.g. 'what did China say?'"
            )
        return self.answer(query, self.ranked(query), max_citations)

    def ranked(self, query: Query, *, overlap: bool = True) -> list[Candidate]:
        """Every candidate passage for the question, best first (before the not-found threshold)."""
        store, k = self.store, self.tuning.candidates
        # The lexical and dated searches need no vector: they run in SQLite (which releases the GIL)
        # while torch encodes the question, so a question costs about the longer of the two, not the sum.
        pools = self._text_search.submit(text_pools, store, query, k) if overlap else None
        with self._encode_lock:
            qvec = self.embedder.encode_query(query.content)
        return rank(gather(store, query, qvec, k, pools.result() if pools else None), query)

    def answer(self, query: Query, ranked: list[Candidate], max_citations: int) -> Answer:
        label = query.date.label if query.date else ""
        eligible = [c for c in ranked if c.dense >= self.tuning.min_score]
        if query.date is not None:
            eligible = [c for c in eligible if c.tier > TIER_NONE]
        if not eligible:
            nearest = self._nearest(query, ranked) if query.date is not None else []
            message = (
                f"Nothing dated {label} in the archive answers this."
                if query.date is not None
                else "Nothing in the archive answers this closely enough."
            )
            return Answer(query.text, False, message=message, date_label=label, nearest=tuple(nearest))
        top = distinct_articles(eligible, max_citations)
        runners_up = {
            c.article_id: [o for o in eligible if o.article_id == c.article_id][:PASSAGES_PER_ARTICLE]
            for c in top
        }
        return Answer(query.text, True, tuple(self._cite(query, top, runners_up)), date_label=label)

    def _nearest(self, query: Query, ranked: list[Candidate]) -> list[Citation]:
        assert query.date is not None
        relevant = [c for c in ranked[:30] if c.dates and c.dense >= self.tuning.min_score * 0.8]
        constraint = query.date
        relevant.sort(
            key=lambda c: (min(nearness(constraint.distance_days, s, e) for s, e in c.dates), -c.score)
        )
        return self._cite(query, distinct_articles(relevant, 3), nearest=True)

    def _cite(
        self,
        query: Query,
        top: list[Candidate],
        alternatives: dict[str, list[Candidate]] | None = None,
        *,
        nearest: bool = False,
    ) -> list[Citation]:
        """Citations for the top passage of each article. Where an article has several strong passages,
        the one holding the best-answering sentence wins: chunk relevance alone blurs within an article."""
        alternatives = alternatives or {}
        every = [o for c in top for o in alternatives.get(c.article_id, [c])]
        articles: dict[str, StoredArticle] = self.store.articles(c.article_id for c in top)
        mentions = self.store.mentions(c.article_id for c in top)
        chunks = self.store.chunks(o.chunk_id for o in every)
        out = []
        for rank_no, c in enumerate(top, start=1):
            art = articles[c.article_id]
            alts = alternatives.get(c.article_id, [c])
            options = [o for o in alts if within_article(o) >= within_article(c) - PASSAGE_MARGIN]
            picks = []
            for o in options:
                ch = chunks[o.chunk_id]
                local = [
                    (m.begin - ch.start, m.end_offset - ch.start, m.start, m.end)
                    for m in mentions[c.article_id]
                    if m.begin < ch.end and m.end_offset > ch.start
                ]
                infos = sentence_infos(split_sentences(ch.text), local)
                if nearest and query.date is not None:
                    qs, qe, sentence = select_dated_quote(ch.text, infos, query.date.distance_days)
                else:
                    qs, qe, sentence = select_quote(ch.text, infos, query)
                picks.append((within_article(o) + SENTENCE_WEIGHT * sentence, ch, qs, qe))
            _, ch, qs, qe = max(picks, key=lambda p: p[0])
            out.append(
                Citation(
                    rank=rank_no,
                    article_id=art.id,
                    title=art.title,
                    source=art.source,
                    published=art.published,
                    url=art.url,
                    quote=ch.text[qs:qe],
                    passage=ch.text,
                    score=round(c.score, 4),
                    chunk_id=ch.id,
                )
            )
        return out

    def stats(self) -> ArchiveStats:
        arts, chunks, sources, lo, hi, size = self.store.stats_row()
        return ArchiveStats(arts, chunks, tuple(sources), lo, hi, self.embedder.name, size)
