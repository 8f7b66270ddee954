"""The engine the fronts talk to: one object, created once, holding the model and the index.

    engine = newsdesk.wiring.open_engine(settings)                  # the one place an engine is opened
    engine.ask(question, max_citations=3, today=None) -> Answer     # thread-safe, blocking
    engine.ingest(paths, on_progress=None) -> IngestSummary          # answerable as soon as it returns
    engine.reload(); engine.stats() -> ArchiveStats; engine.close()
    engine.article(id) -> ArticleView | None                         # what the index holds for one article
    engine.search(question, "dense" | "lexical", k) -> [(chunk id, score)]; engine.passages(ids)
    engine.encode(texts); engine.passage_texts()                     # for benchmarks

Errors are `retrieval.errors.NewsdeskError` subclasses with a one-line, actionable message.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Literal

import numpy as np

from index.embed import Embedder
from index.errors import IndexBusyError
from index.ingest import ingest as run_ingest
from index.lock import writer_lock
from index.store import Store
from index.store_read import StoredChunk
from retrieval.answering import AnswerStep
from retrieval.config import DEFAULT_CONFIG, IngestConfig, RankingConfig
from retrieval.errors import EmptyQuestionError
from retrieval.query import Query, content_terms, fts_expression, parse_query
from retrieval.rank import Candidate, rank
from retrieval.said_views import StatementView, quote_occurrences, timeline
from retrieval.search import gather, text_pools
from retrieval.types import Answer, ArchiveStats, ArticleView, IngestSummary
from retrieval.vocab import TermCache, term_evidence

QUERY_VECTORS_KEPT = 256


@dataclass(frozen=True)
class Tuning:
    ingest: IngestConfig = field(default_factory=IngestConfig)
    ranking: RankingConfig = DEFAULT_CONFIG


class Newsdesk:
    def __init__(self, store: Store, embedder: Embedder, tuning: Tuning) -> None:
        self.store = store
        self.embedder = embedder
        self.tuning = tuning
        self._encode_lock = threading.Lock()
        self._ingest_lock = threading.Lock()
        self._text_search = ThreadPoolExecutor(max_workers=2, thread_name_prefix="newsdesk-text")
        self._passages: tuple[int, int] | None = None
        self._query_vectors: dict[str, np.ndarray] = {}
        self._terms = TermCache()  # (index generation, passages in it)

    # --- writing ---
    def ingest(
        self,
        paths: Sequence[Path],
        on_progress: Callable[[int, int], None] | None = None,
        *,
        progress: bool = False,
    ) -> IngestSummary:
        # Loading pulls in the HTML parser (0.3 s to import): only ingesting needs it, not answering.
        from corpus.load import count_items, iter_articles

        files = [Path(p) for p in paths]
        with self._ingest_lock, writer_lock(self.store.dir):
            if self.store.statements_stale():
                self.store.refresh_statements()
            counts = run_ingest(
                self.store,
                self.embedder,
                iter_articles(files, max_file_bytes=self.tuning.ingest.max_file_bytes),
                total=count_items(files) if progress or on_progress else None,
                max_tokens=self.tuning.ingest.max_tokens,
                overlap=self.tuning.ingest.overlap,
                batch_size=self.tuning.ingest.batch_size,
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

    def refresh_statements(self, on_progress: Callable[[int, int], None] | None = None) -> int:
        """Re-extract the statements of an index built before the current extraction rules (from its
        stored text; nothing is re-encoded). A no-op when they are current, or while another process
        writes the index (its ingest refreshes them)."""
        if not self.store.statements_stale():
            return 0
        try:
            with self._ingest_lock, writer_lock(self.store.dir):
                return self.store.refresh_statements(on_progress) if self.store.statements_stale() else 0
        except IndexBusyError:
            return 0

    def reload(self) -> None:
        with self._ingest_lock:
            old = self.store
            self.store = old.reopened()
            old.close()

    def close(self) -> None:
        self._text_search.shutdown(wait=True)
        self.store.close()

    # --- reading ---
    def question(self, question: str, today: date | None = None) -> Query:
        """The parsed question; one with nothing to search for is refused."""
        query = parse_query(question, today or date.today())
        if not query.terms and query.date is None:
            raise EmptyQuestionError(
                "the question has no words to search for: ask e.g. 'what did China say?'"
            )
        passages = self._passage_count()
        self._terms.fresh(self.store.generation)
        return term_evidence(self.store, query, passages, self._terms, self.tuning.ranking)

    def _passage_count(self) -> int:
        """Passages in the index, counted once per index generation (term rarity needs it)."""
        generation = self.store.generation
        if self._passages is None or self._passages[0] != generation:
            self._passages = (generation, self.store.count_chunks())
        return self._passages[1]

    def ask(self, question: str, max_citations: int = 3, today: date | None = None) -> Answer:
        query = self.question(question, today)
        return self.answer(query, self.ranked(query), max_citations)

    def ranked(self, query: Query, *, overlap: bool = True) -> list[Candidate]:
        """Every candidate passage for the question, best first (before the not-found threshold)."""
        store, config = self.store, self.tuning.ranking
        # The lexical and dated searches need no vector: they run in SQLite (which releases the GIL)
        # while the question is encoded, so a question costs about the longer of the two, not the sum.
        pools = self._text_search.submit(text_pools, store, query, config) if overlap else None
        qvec = self._query_vector(query.content)
        return rank(gather(store, query, qvec, config, pools.result() if pools else None), query, config)

    def _query_vector(self, text: str) -> np.ndarray:
        """The question's vector, kept for the answer decision that follows (a few hundred recent ones)."""
        with self._encode_lock:
            vector = self._query_vectors.get(text)
            if vector is None:
                vector = self.embedder.encode_query(text)
                self._query_vectors[text] = vector
                while len(self._query_vectors) > QUERY_VECTORS_KEPT:
                    self._query_vectors.pop(next(iter(self._query_vectors)))
            return vector

    def answer(self, query: Query, ranked: list[Candidate], max_citations: int) -> Answer:
        """The cited answer, or a decline with its reason (retrieval/answering.py)."""
        return AnswerStep(self.store, self.tuning.ranking, self._similarity).answer(
            query, ranked, max_citations
        )

    def _similarity(self, question: str, text: str) -> float:
        qvec = self._query_vector(question).reshape(-1)
        with self._encode_lock:
            vector = self.embedder.encode([text])[0]
        return float(qvec @ vector)

    def stats(self) -> ArchiveStats:
        arts, chunks, sources, lo, hi, size = self.store.stats_row()
        return ArchiveStats(
            arts, chunks, tuple(sources), lo, hi, self.embedder.name, size, self.embedder.backend
        )

    def article(self, article_id: str) -> ArticleView | None:
        """What the index holds for one article: metadata, cleaned text, passages with their dates."""
        meta = self.store.articles([article_id]).get(article_id)
        text = self.store.article_text(article_id)
        if meta is None or text is None:
            return None
        mentions = self.store.mentions([article_id])[article_id]
        passages = tuple(
            (ch, tuple(m for m in mentions if m.overlaps(ch.start, ch.end)))
            for ch in self.store.article_chunks(article_id)
        )
        return ArticleView(meta, text, passages, tuple(self.store.statements_of([article_id])[article_id]))

    # --- statements ---
    def quote(self, phrase: str) -> list[StatementView]:
        """Every article carrying the phrase, earliest first, with the speaker each credits."""
        return quote_occurrences(self.store, phrase, self.tuning.ranking)

    def timeline(
        self, speaker: str, about: str = "", start: date | None = None, end: date | None = None
    ) -> tuple[str, list[StatementView]]:
        """The speaker's name as the archive gives it, and their statements in date order."""
        return timeline(self.store, speaker, self.tuning.ranking, about, start, end)

    # --- single retrievers and raw access, for the measuring tools (evaluate, bench) ---
    def search(
        self, question: str, retriever: Literal["dense", "lexical"], k: int
    ) -> list[tuple[int, float]]:
        """(chunk id, score) best first from one retriever alone: the dense (FAISS cosine) or the
        lexical (BM25 over the question's content words: tantivy, or FTS5) baseline."""
        if retriever == "dense":
            with self._encode_lock:
                qvec = self.embedder.encode_query(question)
            ids, scores = self.store.search_dense(qvec, k)
            return [(int(i), float(s)) for i, s in zip(ids, scores, strict=True)]
        weights = self.tuning.ranking.bm25_weights
        return self.store.search_lexical(fts_expression(content_terms(question)), k, weights)

    def passages(self, chunk_ids: Iterable[int]) -> dict[int, StoredChunk]:
        return self.store.chunks(chunk_ids)

    def passage_texts(self) -> list[str]:
        """Every passage's text, in index order (what ingest encoded)."""
        return self.store.all_chunk_texts()

    def encode(self, texts: Sequence[str], batch_size: int = 0) -> np.ndarray:
        with self._encode_lock:
            return self.embedder.encode(texts, batch_size=batch_size)
