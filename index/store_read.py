"""Reading the index: searches and lookups. Mixed into `index.store.Store`, which owns the connection."""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from index.lexical import LexicalIndex
from index.types import DateMention
from index.vectors import VectorIndex


@dataclass(frozen=True)
class StoredChunk:
    id: int
    article_id: str
    ordinal: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class StoredArticle:
    id: str
    title: str
    source: str
    url: str
    published: date | None
    inferred: frozenset[str]
    origin: str


def parse_date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


# Article metadata read for candidates is kept in memory until the index changes: each question reads
# that of a hundred or more articles, and the same ones come back question after question.
ARTICLES_KEPT = 50_000
ARTICLE_ROWS = (
    "SELECT id, title, source, url, published, inferred, origin FROM articles WHERE id IN ({marks})"
)


class StoreReads:
    db: sqlite3.Connection
    lock: threading.RLock
    vectors: VectorIndex
    lexical: LexicalIndex | None
    dim: int
    dir: Path
    _kept_articles: tuple[int, dict[str, StoredArticle]]  # (generation, id → metadata)

    def _meta(self, key: str, default: str = "") -> str:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else default

    @property
    def generation(self) -> int:
        return int(self._meta("generation", "0"))

    def _rows_in(self, sql: str, ids: Sequence[object]) -> list[tuple[Any, ...]]:
        """Rows of `sql`, whose `{marks}` is the IN list for `ids` (empty: no query)."""
        if not ids:
            return []
        with self.lock:
            return self.db.execute(sql.format(marks=",".join("?" * len(ids))), list(ids)).fetchall()

    def count_chunks(self) -> int:
        with self.lock:
            return int(self.db.execute("SELECT COUNT(*) FROM chunks").fetchone()[0])

    def count_articles(self) -> int:
        with self.lock:
            return int(self.db.execute("SELECT COUNT(*) FROM articles").fetchone()[0])

    def search_dense(self, query: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        with self.lock:
            return self.vectors.search(query, k)

    def search_lexical(self, fts_query: str, k: int, weights: tuple[float, float]) -> list[tuple[int, float]]:
        """(chunk id, BM25 score; higher is better) for an FTS5 MATCH expression; `weights`: the BM25
        weights of the passage text and the article title (retrieval/config.py). The derived tantivy
        index answers when the store has one (top-k pruning), else SQLite FTS5 (scores every match)."""
        lexical = self.lexical
        if lexical is not None:
            return lexical.search(fts_query, k, weights)
        return self.search_fts5(fts_query, k, weights)

    def search_fts5(self, fts_query: str, k: int, weights: tuple[float, float]) -> list[tuple[int, float]]:
        """search_lexical by SQLite FTS5 alone (the fallback, and the baseline benchmarks compare)."""
        if not fts_query:
            return []
        with self.lock:
            rows = self.db.execute(
                "SELECT rowid, bm25(chunks_fts, ?, ?) AS s FROM chunks_fts WHERE chunks_fts MATCH ? "
                "ORDER BY s LIMIT ?",
                (float(weights[0]), float(weights[1]), fts_query, k),
            ).fetchall()
        return [(int(r[0]), -float(r[1])) for r in rows]

    def passages_matching(self, fts_query: str, cap: int) -> int:
        """How many passages an FTS5 expression matches, counting at most `cap` (rarity, not a census)."""
        if not fts_query:
            return 0
        with self.lock:
            row = self.db.execute(
                "SELECT COUNT(*) FROM (SELECT 1 FROM chunks_fts WHERE chunks_fts MATCH ? LIMIT ?)",
                (fts_query, cap),
            ).fetchone()
        return int(row[0])

    def texts_matching(self, fts_query: str, limit: int) -> list[str]:
        """The texts of up to `limit` passages an FTS5 expression matches, in no particular order."""
        if not fts_query:
            return []
        with self.lock:
            rows = self.db.execute(
                "SELECT text FROM chunks_fts WHERE chunks_fts MATCH ? LIMIT ?", (fts_query, limit)
            ).fetchall()
        return [str(r[0]) for r in rows]

    def first_matching_text(self, fts_query: str) -> str:
        """The text of one passage an FTS5 expression matches ("" if none)."""
        found = self.texts_matching(fts_query, 1)
        return found[0] if found else ""

    def vocabulary_between(self, lo: str, hi: str) -> list[str]:
        """Indexed terms in [lo, hi), as FTS5 stores them: lowercased, without diacritics, Porter-stemmed.
        The fts5vocab view lives in the connection's temp schema: reading it writes nothing to the index."""
        with self.lock:
            self.db.execute(
                "CREATE VIRTUAL TABLE IF NOT EXISTS temp.chunks_vocab USING fts5vocab(main, chunks_fts, row)"
            )
            rows = self.db.execute(
                "SELECT term FROM temp.chunks_vocab WHERE term >= ? AND term < ?", (lo, hi)
            ).fetchall()
        return [str(r[0]) for r in rows]

    def all_chunk_texts(self) -> list[str]:
        with self.lock:
            return [str(r[0]) for r in self.db.execute("SELECT text FROM chunks ORDER BY id")]

    def chunks(self, ids: Iterable[int]) -> dict[int, StoredChunk]:
        rows = self._rows_in(
            "SELECT id, article_id, ordinal, start, end, text FROM chunks WHERE id IN ({marks})", list(ids)
        )
        return {r[0]: StoredChunk(*r) for r in rows}

    def chunk_vectors(self, ids: Sequence[int]) -> np.ndarray:
        if not ids:
            return np.zeros((0, self.dim), dtype=np.float32)
        # FAISS holds the same vectors in memory: ten times faster than reading them from SQLite.
        with self.lock:
            held = self.vectors.reconstruct(ids)
        if held is not None:
            return held
        rows = dict(self._rows_in("SELECT id, vector FROM chunks WHERE id IN ({marks})", ids))
        # A passage deleted since a derived index listed it reads as a zero vector (it ranks last, and
        # its text is no longer there to be cited).
        missing = bytes(4 * self.dim)
        data = b"".join(rows.get(i, missing) for i in ids)
        return np.frombuffer(data, dtype=np.float32).reshape(len(ids), self.dim)

    def articles(self, ids: Iterable[str]) -> dict[str, StoredArticle]:
        wanted = set(ids)
        with self.lock:
            generation = self.generation
            if self._kept_articles[0] != generation or len(self._kept_articles[1]) > ARTICLES_KEPT:
                self._kept_articles = (generation, {})
            kept = self._kept_articles[1]
            found = {i: kept[i] for i in wanted if i in kept}
            rows = self._rows_in(ARTICLE_ROWS, [i for i in wanted if i not in found])
            for r in rows:
                found[r[0]] = StoredArticle(
                    r[0], r[1], r[2], r[3], parse_date(r[4]), frozenset(json.loads(r[5])), r[6]
                )
            # Rows read inside an open write are not kept: that write may still roll back.
            if not self.db.in_transaction:
                kept.update((r[0], found[r[0]]) for r in rows)
        return found

    def article_text(self, article_id: str) -> str | None:
        with self.lock:
            row = self.db.execute("SELECT text FROM articles WHERE id = ?", (article_id,)).fetchone()
        return str(row[0]) if row else None

    def article_chunks(self, article_id: str) -> list[StoredChunk]:
        with self.lock:
            rows = self.db.execute(
                "SELECT id, article_id, ordinal, start, end, text FROM chunks "
                "WHERE article_id = ? ORDER BY ordinal",
                (article_id,),
            ).fetchall()
        return [StoredChunk(*r) for r in rows]

    def mentions(self, article_ids: Iterable[str]) -> dict[str, list[DateMention]]:
        ids = list(set(article_ids))
        out: dict[str, list[DateMention]] = {i: [] for i in ids}
        rows = self._rows_in(
            "SELECT article_id, begin, end_offset, text, start, end, granularity FROM mentions "
            "WHERE article_id IN ({marks}) ORDER BY article_id, begin",
            ids,
        )
        for r in rows:
            out[r[0]].append(
                DateMention(r[1], r[2], r[3], date.fromisoformat(r[4]), date.fromisoformat(r[5]), r[6])
            )
        return out

    def chunks_dated_between(self, start: date, end: date, limit: int) -> list[int]:
        """Chunks with a date mention inside [start, end]."""
        # `start <= end` is implied (a mention starts before it ends) but bounds the index range scan:
        # without it, a window early in the archive read every mention after it (36 ms vs 1 ms).
        with self.lock:
            rows = self.db.execute(
                "SELECT DISTINCT chunk_id FROM chunk_dates WHERE start BETWEEN ? AND ? AND end <= ? LIMIT ?",
                (start.isoformat(), end.isoformat(), end.isoformat(), limit),
            ).fetchall()
        return [int(r[0]) for r in rows]

    def chunks_published_between(self, start: date, end: date, limit: int) -> list[int]:
        with self.lock:
            rows = self.db.execute(
                "SELECT c.id FROM chunks c JOIN articles a ON a.id = c.article_id "
                "WHERE a.published BETWEEN ? AND ? LIMIT ?",
                (start.isoformat(), end.isoformat(), limit),
            ).fetchall()
        return [int(r[0]) for r in rows]

    def date_span(self) -> tuple[date | None, date | None]:
        """Earliest and latest publication dates in the archive."""
        with self.lock:
            # Two subqueries: SQLite answers a lone MIN or MAX from the index, both together by a scan.
            lo, hi = self.db.execute(
                "SELECT (SELECT MIN(published) FROM articles), (SELECT MAX(published) FROM articles)"
            ).fetchone()
        return parse_date(lo), parse_date(hi)

    def chunk_dates(self, ids: Iterable[int]) -> dict[int, list[tuple[date, date]]]:
        ids = list(ids)
        out: dict[int, list[tuple[date, date]]] = {i: [] for i in ids}
        rows = self._rows_in("SELECT chunk_id, start, end FROM chunk_dates WHERE chunk_id IN ({marks})", ids)
        for cid, s, e in rows:
            out[cid].append((date.fromisoformat(s), date.fromisoformat(e)))
        return out

    def stats_row(self) -> tuple[int, int, list[str], date | None, date | None, int]:
        with self.lock:
            arts = self.count_articles()
            chunks = self.count_chunks()
            sources = [r[0] for r in self.db.execute("SELECT DISTINCT source FROM articles ORDER BY source")]
            lo, hi = self.date_span()
        size = sum(p.stat().st_size for p in self.dir.iterdir() if p.is_file())
        return arts, chunks, [s for s in sources if s], lo, hi, size
