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
from dataclasses import dataclass, field, replace
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
from retrieval.answer import nearness
from retrieval.answerable import (
    ANSWERED,
    NO_SUPPORT,
    Decision,
    Reason,
    Support,
    coverage_decision,
    dated_decline,
    distinctive_name,
    kind_decision,
    measure,
    mentions,
    name_decision,
    names_decision,
    needs_similarity,
    role_decision,
    suggestion,
    support_decision,
)
from retrieval.citations import choose_quote, passage_options
from retrieval.config import DEFAULT_CONFIG, IngestConfig, RankingConfig
from retrieval.errors import EmptyQuestionError
from retrieval.premise import asked_roles, attached, near_query
from retrieval.query import Query, TermEvidence, asked_years, content_terms, fts_expression, parse_query
from retrieval.rank import TIER_NONE, Candidate, distinct_articles, rank
from retrieval.said import asked_speaker, asks_who_said
from retrieval.said_answer import said_answer, who_said_answer
from retrieval.said_views import StatementView, quote_occurrences, timeline
from retrieval.search import gather, text_pools
from retrieval.types import Answer, ArchiveStats, ArticleView, Citation, IngestSummary
from retrieval.vocab import TermCache, term_evidence

QUERY_VECTORS_KEPT = 256
QUOTE_CHARS_ENCODED = 300


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
        """The cited answer, or a decline with its reason (retrieval/answerable.py weighs the evidence)."""
        config = self.tuning.ranking
        hint = suggestion(query.evidence)
        early = self._coverage(query)
        if early.answered:
            early = names_decision(query.evidence, query.passages, config)
        for role in asked_roles(query.text) if early.answered else ():
            texts = self.store.texts_matching(
                near_query(role, config.premise_near_tokens), config.premise_passages
            )
            found = any(attached(t, role) for t in texts)
            early = role_decision(role.name, role.office, found)
            if not early.answered:
                break
        if not early.answered:
            related = [] if early.reason is Reason.OUT_OF_RANGE else self._related(query, ranked)
            return self._decline(query, early, related, hint)
        if asks_who_said(query):
            who = who_said_answer(self.store, query, ranked, config, max_citations)
            if who is not None:
                return replace(who, suggestion=hint)
        asked = asked_speaker(query)
        if asked is not None:
            said = said_answer(self.store, query, ranked, asked, config, max_citations)
            if said is not None:
                return replace(said, suggestion=hint)
        eligible = [c for c in ranked if c.dense >= config.min_score]
        if query.date is not None:
            eligible = [c for c in eligible if c.tier > TIER_NONE]
        if not eligible:
            if query.date is None:
                return self._decline(query, NO_SUPPORT, [], hint)
            label = query.date.label
            dated = [c for c in ranked if c.tier > TIER_NONE]
            if dated:  # passages dated as asked exist: show them, and don't say there are none
                shown = distinct_articles(dated, config.nearest_citations)
                cited = self._cite(
                    query, shown, {c.article_id: passage_options(c, dated, config) for c in shown}
                )
                return self._decline(query, dated_decline(label, True), cited, hint)
            return self._decline(query, dated_decline(label, False), self._nearest(query, ranked), hint)
        rare = distinctive_name(query.evidence, config)
        if rare is not None:
            eligible, named = self._naming_first(eligible, rare)
            if not named:
                return self._decline(query, name_decision(rare, False), self._offered(query, eligible), hint)
        top = distinct_articles(eligible, max_citations)
        options = {c.article_id: passage_options(c, eligible, config) for c in top}
        citations = self._cite(query, top, options)
        support = self._support(query, citations[0], top[0])
        decision = support_decision(support, config)
        if decision.answered:
            decision = kind_decision(query.kind, citations[0].quote, citations[0].passage)
        if not decision.answered:
            if query.date is not None:  # every eligible passage is dated as asked
                decision = dated_decline(query.date.label, True)
            declined = self._decline(query, decision, citations[: config.nearest_citations], hint)
            return replace(declined, support=support)
        return Answer(
            query.text,
            True,
            tuple(citations),
            date_label=query.date.label if query.date else "",
            reason=Reason.ANSWERED.value,
            suggestion=hint,
            support=support,
        )

    def _decline(self, query: Query, decision: Decision, nearest: list[Citation], hint: str) -> Answer:
        return Answer(
            query.text,
            False,
            message=decision.message,
            date_label=query.date.label if query.date else "",
            nearest=tuple(nearest),
            reason=decision.reason.value,
            suggestion=hint,
        )

    def _coverage(self, query: Query) -> Decision:
        """A date or bare year the archive cannot hold (retrieval/answerable.py: coverage_decision)."""
        first, last = self.store.date_span()
        periods = []
        c = query.date
        if c is not None and c.start is not None and c.end is not None:
            periods.append((c.label, c.start, c.end))
        periods += [(str(y), date(y, 1, 1), date(y, 12, 31)) for y in asked_years(query.terms)]
        for label, start, end in periods:
            mentioned = bool(self.store.chunks_dated_between(start, end, 1))
            decision = coverage_decision(label, start, end, first, last, mentioned)
            if not decision.answered:
                return decision
        return ANSWERED

    def _related(self, query: Query, ranked: list[Candidate]) -> list[Citation]:
        """The closest passages, offered beside a decline (never as the answer)."""
        config = self.tuning.ranking
        return self._offered(query, [c for c in ranked[: config.nearest_pool] if c.dense >= config.min_score])

    def _offered(self, query: Query, candidates: list[Candidate]) -> list[Citation]:
        """The best passage of each of the first few articles among `candidates`, offered beside a decline."""
        top = distinct_articles(candidates, self.tuning.ranking.nearest_citations)
        return self._cite(query, top, {c.article_id: [c] for c in top}) if top else []

    def _naming_first(self, eligible: list[Candidate], name: TermEvidence) -> tuple[list[Candidate], bool]:
        """The closest articles that name the question's distinctive name, ahead of those that don't;
        and whether any does."""
        close = distinct_articles(eligible, self.tuning.ranking.rare_name_articles)
        naming = {c.article_id for c in close if mentions(self.store.article_text(c.article_id) or "", name)}
        # sorted() is stable: within each group the ranker's order stands.
        return sorted(eligible, key=lambda c: c.article_id not in naming), bool(naming)

    def _support(self, query: Query, first: Citation, top: Candidate) -> Support:
        config = self.tuning.ranking
        support = measure(
            query.evidence,
            query.passages,
            f"{first.title}\n{first.passage}",
            # Names are looked up in the whole article only when the decision weighs them.
            (self.store.article_text(first.article_id) or "") if config.answer_min_names else "",
            first.quote,
            None,
            top.dense,
        )
        if not needs_similarity(support, config):
            return support
        qvec = self._query_vector(query.content).reshape(-1)
        # The quote's opening (its first sentence or so) is what a reader checks against the question,
        # and encoding a whole three-sentence quote costs as much as the question's whole search.
        with self._encode_lock:
            quote = self.embedder.encode([first.quote[:QUOTE_CHARS_ENCODED]])[0]
        return replace(support, sentence_similarity=float(qvec @ quote))

    def _nearest(self, query: Query, ranked: list[Candidate]) -> list[Citation]:
        assert query.date is not None
        config = self.tuning.ranking
        floor = config.min_score * config.nearest_min_factor
        relevant = [c for c in ranked[: config.nearest_pool] if c.dates and c.dense >= floor]
        constraint = query.date
        relevant.sort(
            key=lambda c: (min(nearness(constraint.distance_days, s, e) for s, e in c.dates), -c.score)
        )
        top = distinct_articles(relevant, config.nearest_citations)
        return self._cite(query, top, {c.article_id: [c] for c in top}, nearest=True)

    def _cite(
        self,
        query: Query,
        top: list[Candidate],
        options: dict[str, list[Candidate]],
        *,
        nearest: bool = False,
    ) -> list[Citation]:
        articles = self.store.articles(c.article_id for c in top)
        mentions = self.store.mentions(c.article_id for c in top)
        chunks = self.store.chunks(o.chunk_id for c in top for o in options[c.article_id])
        out = []
        for rank_no, c in enumerate(top, start=1):
            art = articles[c.article_id]
            quote = choose_quote(
                query,
                c,
                options[c.article_id],
                chunks,
                mentions[c.article_id],
                self.tuning.ranking,
                nearest=nearest,
            )
            out.append(
                Citation(
                    rank=rank_no,
                    article_id=art.id,
                    title=art.title,
                    source=art.source,
                    published=art.published,
                    url=art.url,
                    quote=quote.text,
                    passage=quote.chunk.text,
                    score=round(c.score, 4),
                    chunk_id=quote.chunk.id,
                )
            )
        return out

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
