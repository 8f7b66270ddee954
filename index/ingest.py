"""Ingest: articles → sentences, dates, chunks → vectors (batched across articles) → store.

Two stages run side by side: a worker thread loads, cleans, splits, dates and chunks articles into
batches, while the calling thread encodes one batch and writes it. The encoder (ONNX Runtime or torch)
releases the GIL while it computes, so the text work costs little wall time on top of the encoding.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from tqdm import tqdm

from corpus.article import Article, LoadProblem
from index.chunking import chunk_text
from index.dates import find_dates
from index.embed import Embedder
from index.sentences import split_sentences
from index.statements import Statement, extract_statements
from index.store import PreparedArticle, Store
from index.types import Chunk, DateMention

# Chunks gathered before one encode call: big batches keep the encoder at full speed, and each flush is
# one SQLite transaction, so a kill -9 loses at most the batch in flight.
FLUSH_CHUNKS = 512
# Prepared batches waiting for the encoder: one being encoded, one ready, one being filled.
QUEUE_BATCHES = 2

Progress = Callable[[int, int], None]


@dataclass
class IngestCounts:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    skipped: int = 0
    chunks: int = 0
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0


@dataclass
class _Pending:
    article: Article
    chunks: list[Chunk]
    mentions: list[DateMention]
    statements: list[Statement]
    is_update: bool
    digest: str  # the article's content hash, computed once


@dataclass
class _Batch:
    """What the preparing thread hands over: articles to encode and write, and how many input items
    (articles, unchanged ones, problems) it consumed, for the progress bar."""

    items: list[_Pending] = field(default_factory=list)
    consumed: int = 0

    @property
    def chunk_count(self) -> int:
        return sum(len(p.chunks) for p in self.items)


def split_article(
    article: Article, embedder: Embedder, max_tokens: int, overlap: int
) -> tuple[list[Chunk], list[DateMention]]:
    spans = split_sentences(article.text)
    counts = embedder.count_tokens([article.text[s:e] for s, e in spans])
    chunks = chunk_text(
        article.id,
        article.text,
        spans,
        lambda t: embedder.count_tokens([t])[0],
        max_tokens=max_tokens,
        overlap_sentences=overlap,
        sentence_tokens=counts,
    )
    return chunks, find_dates(article.text, article.published)


class _Preparer:
    """Turns input items into batches; counts unchanged articles and problems as it goes."""

    def __init__(
        self, store: Store, embedder: Embedder, counts: IngestCounts, max_tokens: int, overlap: int
    ) -> None:
        self.store, self.embedder, self.counts = store, embedder, counts
        self.max_tokens, self.overlap = max_tokens, overlap
        # Articles handed over but maybe not yet written, by id → content hash: the same id later in
        # the input is compared with these, since the store does not have them yet.
        self.in_flight: dict[str, str] = {}
        self.lock = threading.Lock()

    def written(self, batch: _Batch) -> None:
        with self.lock:
            for p in batch.items:
                if self.in_flight.get(p.article.id) == p.digest:
                    del self.in_flight[p.article.id]

    def batches(self, items: Iterable[Article | LoadProblem]) -> Iterator[_Batch]:
        batch = _Batch()
        for item in items:
            batch.consumed += 1
            if isinstance(item, LoadProblem):
                with self.lock:
                    self.counts.skipped += item.skipped
                    self.counts.failed += not item.skipped
                    self.counts.problems.append(f"{item.origin}: {item.message}")
                continue
            digest = item.content_hash()
            with self.lock:
                old = self.in_flight.get(item.id)
            if old is None:
                old = self.store.hashes([item.id]).get(item.id)
            if old == digest:
                with self.lock:
                    self.counts.unchanged += 1
                continue
            if any(p.article.id == item.id for p in batch.items):
                yield batch  # the same id twice in one batch: the later version is written after it
                batch = _Batch()
            chunks, mentions = split_article(item, self.embedder, self.max_tokens, self.overlap)
            if not chunks:
                with self.lock:
                    self.counts.failed += 1
                    self.counts.problems.append(
                        f"{item.origin or item.id}: no text left after cleaning; nothing to index"
                    )
                continue
            with self.lock:
                self.in_flight[item.id] = digest
            statements = extract_statements(item.text, item.published, mentions)
            batch.items.append(_Pending(item, chunks, mentions, statements, old is not None, digest))
            if batch.chunk_count >= FLUSH_CHUNKS:
                yield batch
                batch = _Batch()
        if batch.items or batch.consumed:
            yield batch


_DONE = object()


def _put(out: queue.Queue[object], item: object, stop: threading.Event) -> bool:
    # A bounded wait, so that a writer that stopped (an error, Ctrl-C) never leaves this thread stuck.
    while not stop.is_set():
        try:
            out.put(item, timeout=0.2)
            return True
        except queue.Full:
            continue
    return False


def _produce(source: Iterator[_Batch], out: queue.Queue[object], stop: threading.Event) -> None:
    try:
        for batch in source:
            if not _put(out, batch, stop):
                return
        _put(out, _DONE, stop)
    except BaseException as exc:  # handed to the writing thread, which raises it
        _put(out, exc, stop)


def ingest(
    store: Store,
    embedder: Embedder,
    items: Iterable[Article | LoadProblem],
    *,
    max_tokens: int,
    overlap: int,
    batch_size: int = 0,
    progress_bar: bool = True,
    on_progress: Progress | None = None,
    total: int | None = None,
) -> IngestCounts:
    """Ingest `items` (`total`: how many to expect, for the progress bar's ETA; None if unknown).
    `max_tokens` and `overlap` come from retrieval.config.IngestConfig, where their defaults live."""
    counts = IngestCounts()
    started = time.perf_counter()
    preparer = _Preparer(store, embedder, counts, max_tokens, overlap)
    handoff: queue.Queue[object] = queue.Queue(maxsize=QUEUE_BATCHES)
    stop = threading.Event()
    worker = threading.Thread(
        target=_produce, args=(preparer.batches(items), handoff, stop), name="ingest-prepare", daemon=True
    )
    bar = tqdm(desc="ingest", unit=" articles", total=total, disable=not progress_bar, leave=False)
    seen = 0
    worker.start()
    try:
        while True:
            got = handoff.get()
            if got is _DONE:
                break
            if isinstance(got, BaseException):
                raise got
            assert isinstance(got, _Batch)
            _write(store, embedder, got, batch_size, counts)
            preparer.written(got)
            seen += got.consumed
            bar.update(got.consumed)
            if on_progress:
                on_progress(seen, total or 0)
    finally:
        stop.set()
        worker.join()
        bar.close()
        store.save()
    counts.seconds = time.perf_counter() - started
    return counts


def _write(store: Store, embedder: Embedder, batch: _Batch, batch_size: int, counts: IngestCounts) -> None:
    if not batch.items:
        return
    vectors = embedder.encode([c.text for p in batch.items for c in p.chunks], batch_size=batch_size)
    prepared, at = [], 0
    for p in batch.items:
        prepared.append(
            PreparedArticle(p.article, p.chunks, vectors[at : at + len(p.chunks)], p.mentions, p.statements)
        )
        at += len(p.chunks)
    store.write(prepared)
    counts.chunks += batch.chunk_count
    counts.updated += sum(p.is_update for p in batch.items)
    counts.added += sum(not p.is_update for p in batch.items)
