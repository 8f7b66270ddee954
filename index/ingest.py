"""Ingest: articles → sentences, dates, chunks → vectors (batched across articles) → store."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from tqdm import tqdm

from corpus.article import Article, LoadProblem
from index.chunking import chunk_text
from index.dates import find_dates
from index.embed import Embedder
from index.sentences import split_sentences
from index.store import PreparedArticle, Store
from index.types import Chunk, DateMention

# Chunks gathered before one model.encode call: big batches keep the encoder at full speed, and
# each flush is one SQLite transaction, so a kill -9 loses at most the batch in flight.
FLUSH_CHUNKS = 512

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


def ingest(
    store: Store,
    embedder: Embedder,
    items: Iterable[Article | LoadProblem],
    *,
    max_tokens: int = 200,
    overlap: int = 1,
    batch_size: int = 64,
    progress_bar: bool = True,
    on_progress: Progress | None = None,
) -> IngestCounts:
    counts = IngestCounts()
    started = time.perf_counter()
    pending: list[tuple[Article, list[Chunk], list[DateMention], bool]] = []
    pending_ids: set[str] = set()
    seen = 0

    def flush() -> None:
        if not pending:
            return
        texts = [c.text for _, chunks, _, _ in pending for c in chunks]
        vectors = embedder.encode(texts, batch_size=batch_size)
        batch, at = [], 0
        for article, chunks, mentions, _ in pending:
            batch.append(PreparedArticle(article, chunks, vectors[at : at + len(chunks)], mentions))
            at += len(chunks)
        store.write(batch)
        for _, chunks, _, is_update in pending:
            counts.chunks += len(chunks)
            if is_update:
                counts.updated += 1
            else:
                counts.added += 1
        pending.clear()
        pending_ids.clear()

    bar = tqdm(desc="ingest", unit=" articles", disable=not progress_bar, leave=False)
    try:
        for item in items:
            seen += 1
            bar.update(1)
            if isinstance(item, LoadProblem):
                if item.skipped:
                    counts.skipped += 1
                else:
                    counts.failed += 1
                counts.problems.append(f"{item.origin}: {item.message}")
                continue
            if item.id in pending_ids:
                flush()  # the same id twice in one input: the later version wins
            old = store.hashes([item.id]).get(item.id)
            if old == item.content_hash():
                counts.unchanged += 1
                continue
            chunks, mentions = split_article(item, embedder, max_tokens, overlap)
            if not chunks:
                counts.failed += 1
                counts.problems.append(
                    f"{item.origin or item.id}: no text left after cleaning; nothing to index"
                )
                continue
            pending.append((item, chunks, mentions, old is not None))
            pending_ids.add(item.id)
            if sum(len(p[1]) for p in pending) >= FLUSH_CHUNKS:
                flush()
            if on_progress:
                on_progress(seen, 0)
        flush()
    finally:
        bar.close()
        store.save()
    counts.seconds = time.perf_counter() - started
    return counts
