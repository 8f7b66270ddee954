"""The on-disk index: SQLite (articles, chunks, dates, FTS5, vectors) + a derived FAISS file + manifest.

Crash safety: every batch of articles is written in one SQLite transaction (WAL), so a kill -9 leaves
each article fully in or fully out. The FAISS file is only a cache of the vectors held in SQLite; it is
stamped with the SQLite generation it was written at, and rebuilt from SQLite when they disagree.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np

from corpus.article import Article
from index.errors import IndexBusyError
from index.manifest import Manifest, read_manifest, write_manifest
from index.schema import FORMAT_VERSION, SCHEMA
from index.types import Chunk, DateMention
from index.vectors import VectorIndex, choose_factory

log = logging.getLogger(__name__)

DB_FILE = "newsdesk.sqlite3"
FAISS_FILE = "vectors.faiss"


@dataclass(frozen=True)
class PreparedArticle:
    """An article ready to write: its chunks, their vectors, its date mentions."""

    article: Article
    chunks: list[Chunk]
    vectors: np.ndarray
    mentions: list[DateMention]


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


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


class Store:
    """One index folder. Thread-safe: one lock guards the connection and the FAISS index."""

    def __init__(self, index_dir: Path, model: str, dim: int, faiss_factory: str = "") -> None:
        self.dir = index_dir
        self.model = model
        self.dim = dim
        self.factory_override = faiss_factory
        self.lock = threading.RLock()
        index_dir.mkdir(parents=True, exist_ok=True)
        manifest = read_manifest(index_dir)
        if manifest is not None:
            manifest.check(model, dim, index_dir)
        self.db = self._connect()
        if manifest is None:
            self._set_meta("format_version", str(FORMAT_VERSION))
            self._set_meta("model", model)
            self._set_meta("dimension", str(dim))
            write_manifest(index_dir, Manifest(FORMAT_VERSION, model, dim))
        self.vectors = self._load_vectors(manifest)

    # --- opening ---
    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.dir / DB_FILE, check_same_thread=False, isolation_level=None, timeout=30)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")  # with WAL: durable against a killed process
        db.executescript(SCHEMA)
        return db

    def _set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))

    def _meta(self, key: str, default: str = "") -> str:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else default

    @property
    def generation(self) -> int:
        return int(self._meta("generation", "0"))

    def _load_vectors(self, manifest: Manifest | None) -> VectorIndex:
        path = self.dir / FAISS_FILE
        n = self.count_chunks()
        factory = choose_factory(n, self.factory_override)
        if (
            manifest is not None
            and path.exists()
            and manifest.generation == self.generation
            and manifest.faiss_factory == factory
        ):
            try:
                vi = VectorIndex.load(path, self.dim, factory)
                if vi.ntotal == n:
                    return vi
            except RuntimeError as exc:  # a damaged file is a cache miss, not a failure
                log.warning("vector file %s unreadable (%s); rebuilding it from the store", path, exc)
        if n:
            log.info("rebuilding the vector index from %d stored chunks", n)
        return self._rebuild_vectors(factory)

    def _rebuild_vectors(self, factory: str) -> VectorIndex:
        ids, vecs = self._all_vectors()
        vi = VectorIndex(self.dim, factory)
        vi.build(vecs, ids)
        return vi

    def _all_vectors(self) -> tuple[np.ndarray, np.ndarray]:
        rows = self.db.execute("SELECT id, vector FROM chunks ORDER BY id").fetchall()
        ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
        vecs = np.frombuffer(b"".join(r[1] for r in rows), dtype=np.float32).reshape(len(rows), self.dim)
        return ids, np.ascontiguousarray(vecs)

    def close(self) -> None:
        with self.lock:
            self.db.close()

    # --- writing ---
    def hashes(self, article_ids: Sequence[str]) -> dict[str, str]:
        out: dict[str, str] = {}
        with self.lock:
            for i in range(0, len(article_ids), 500):
                part = list(article_ids[i : i + 500])
                marks = ",".join("?" * len(part))
                rows = self.db.execute(f"SELECT id, hash FROM articles WHERE id IN ({marks})", part)
                out.update({r[0]: r[1] for r in rows})
        return out

    def write(self, batch: Sequence[PreparedArticle]) -> None:
        """Replace or add these articles in one transaction, then mirror the change in FAISS."""
        with self.lock:
            removed: list[int] = []
            added_ids: list[int] = []
            added_vecs: list[np.ndarray] = []
            try:
                self.db.execute("BEGIN IMMEDIATE")
                for item in batch:
                    removed.extend(self._delete_article(item.article.id))
                    added_ids.extend(self._insert_article(item))
                    added_vecs.append(item.vectors)
                self._set_meta("generation", str(self.generation + 1))
                self.db.execute("COMMIT")
            except sqlite3.OperationalError as exc:
                self.db.execute("ROLLBACK")
                if "locked" in str(exc):
                    raise IndexBusyError(
                        f"the index at {self.dir} is being written by another process: wait for it to finish"
                    ) from exc
                raise
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
            if removed and not self.vectors.supports_remove:
                self.vectors = self._rebuild_vectors(self.vectors.factory)
                return
            self.vectors.remove(np.array(removed, dtype=np.int64))
            if added_ids:
                self.vectors.add(np.concatenate(added_vecs), np.array(added_ids, dtype=np.int64))

    def _delete_article(self, article_id: str) -> list[int]:
        ids = [r[0] for r in self.db.execute("SELECT id FROM chunks WHERE article_id = ?", (article_id,))]
        if ids:
            marks = ",".join("?" * len(ids))
            self.db.execute(f"DELETE FROM chunks_fts WHERE rowid IN ({marks})", ids)
        self.db.execute("DELETE FROM articles WHERE id = ?", (article_id,))  # cascades to the rest
        return ids

    def _insert_article(self, item: PreparedArticle) -> list[int]:
        a = item.article
        self.db.execute(
            "INSERT INTO articles(id, title, source, url, published, inferred, origin, text, hash) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                a.id,
                a.title,
                a.source,
                a.url,
                a.published.isoformat() if a.published else None,
                json.dumps(sorted(a.inferred)),
                a.origin,
                a.text,
                a.content_hash(),
            ),
        )
        self.db.executemany(
            "INSERT INTO mentions(article_id, begin, end_offset, text, start, end, granularity) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (a.id, m.begin, m.end_offset, m.text, m.start.isoformat(), m.end.isoformat(), m.granularity)
                for m in item.mentions
            ],
        )
        ids: list[int] = []
        for chunk, vec in zip(item.chunks, item.vectors, strict=True):
            cur = self.db.execute(
                "INSERT INTO chunks(article_id, ordinal, start, end, text, vector) VALUES (?, ?, ?, ?, ?, ?)",
                (a.id, chunk.ordinal, chunk.start, chunk.end, chunk.text, vec.astype(np.float32).tobytes()),
            )
            cid = int(cur.lastrowid or 0)
            ids.append(cid)
            self.db.execute(
                "INSERT INTO chunks_fts(rowid, text, title) VALUES (?, ?, ?)", (cid, chunk.text, a.title)
            )
            dates = {
                (m.start.isoformat(), m.end.isoformat())
                for m in item.mentions
                if m.begin < chunk.end and m.end_offset > chunk.start
            }
            self.db.executemany(
                "INSERT INTO chunk_dates(chunk_id, start, end) VALUES (?, ?, ?)",
                [(cid, s, e) for s, e in dates],
            )
        return ids

    def save(self) -> None:
        """Persist the FAISS file and the manifest; re-choose the index type if the size calls for it."""
        with self.lock:
            n = self.count_chunks()
            factory = choose_factory(n, self.factory_override)
            if factory != self.vectors.factory:
                self.vectors = self._rebuild_vectors(factory)
            self.vectors.save(self.dir / FAISS_FILE)
            write_manifest(
                self.dir,
                Manifest(
                    FORMAT_VERSION, self.model, self.dim, self.count_articles(), n, factory, self.generation
                ),
            )

    # --- reading ---
    def count_chunks(self) -> int:
        with self.lock:
            return int(self.db.execute("SELECT COUNT(*) FROM chunks").fetchone()[0])

    def count_articles(self) -> int:
        with self.lock:
            return int(self.db.execute("SELECT COUNT(*) FROM articles").fetchone()[0])

    def search_dense(self, query: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        with self.lock:
            return self.vectors.search(query, k)

    def search_lexical(self, fts_query: str, k: int) -> list[tuple[int, float]]:
        """(chunk id, BM25 score; higher is better) for an FTS5 MATCH expression."""
        if not fts_query:
            return []
        with self.lock:
            rows = self.db.execute(
                "SELECT rowid, bm25(chunks_fts, 1.0, 0.5) AS s FROM chunks_fts WHERE chunks_fts MATCH ? "
                "ORDER BY s LIMIT ?",
                (fts_query, k),
            ).fetchall()
        return [(int(r[0]), -float(r[1])) for r in rows]

    def chunks(self, ids: Iterable[int]) -> dict[int, StoredChunk]:
        ids = list(ids)
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        with self.lock:
            rows = self.db.execute(
                f"SELECT id, article_id, ordinal, start, end, text FROM chunks WHERE id IN ({marks})", ids
            ).fetchall()
        return {r[0]: StoredChunk(*r) for r in rows}

    def chunk_vectors(self, ids: Sequence[int]) -> np.ndarray:
        if not ids:
            return np.zeros((0, self.dim), dtype=np.float32)
        marks = ",".join("?" * len(ids))
        with self.lock:
            rows = dict(self.db.execute(f"SELECT id, vector FROM chunks WHERE id IN ({marks})", list(ids)))
        return np.frombuffer(b"".join(rows[i] for i in ids), dtype=np.float32).reshape(len(ids), self.dim)

    def articles(self, ids: Iterable[str]) -> dict[str, StoredArticle]:
        ids = list(set(ids))
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        with self.lock:
            rows = self.db.execute(
                "SELECT id, title, source, url, published, inferred, origin FROM articles "
                f"WHERE id IN ({marks})",
                ids,
            ).fetchall()
        return {
            r[0]: StoredArticle(r[0], r[1], r[2], r[3], _date(r[4]), frozenset(json.loads(r[5])), r[6])
            for r in rows
        }

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
        if not ids:
            return out
        marks = ",".join("?" * len(ids))
        with self.lock:
            rows = self.db.execute(
                "SELECT article_id, begin, end_offset, text, start, end, granularity FROM mentions "
                f"WHERE article_id IN ({marks}) ORDER BY article_id, begin",
                ids,
            ).fetchall()
        for r in rows:
            out[r[0]].append(
                DateMention(r[1], r[2], r[3], date.fromisoformat(r[4]), date.fromisoformat(r[5]), r[6])
            )
        return out

    def chunks_dated_between(self, start: date, end: date, limit: int) -> list[int]:
        """Chunks with a date mention inside [start, end]."""
        with self.lock:
            rows = self.db.execute(
                "SELECT DISTINCT chunk_id FROM chunk_dates WHERE start >= ? AND end <= ? LIMIT ?",
                (start.isoformat(), end.isoformat(), limit),
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
            lo, hi = self.db.execute("SELECT MIN(published), MAX(published) FROM articles").fetchone()
        return _date(lo), _date(hi)

    def chunk_dates(self, ids: Iterable[int]) -> dict[int, list[tuple[date, date]]]:
        ids = list(ids)
        out: dict[int, list[tuple[date, date]]] = {i: [] for i in ids}
        if not ids:
            return out
        marks = ",".join("?" * len(ids))
        with self.lock:
            rows = self.db.execute(
                f"SELECT chunk_id, start, end FROM chunk_dates WHERE chunk_id IN ({marks})", ids
            ).fetchall()
        for cid, s, e in rows:
            out[cid].append((date.fromisoformat(s), date.fromisoformat(e)))
        return out

    def stats_row(self) -> tuple[int, int, list[str], date | None, date | None, int]:
        with self.lock:
            arts = self.count_articles()
            chunks = self.count_chunks()
            sources = [r[0] for r in self.db.execute("SELECT DISTINCT source FROM articles ORDER BY source")]
            lo, hi = self.db.execute("SELECT MIN(published), MAX(published) FROM articles").fetchone()
        size = sum(p.stat().st_size for p in self.dir.iterdir() if p.is_file())
        return arts, chunks, [s for s in sources if s], _date(lo), _date(hi), size


def check_lockable(index_dir: Path) -> None:
    """Fail early with a clear message when the folder cannot be written."""
    try:
        index_dir.mkdir(parents=True, exist_ok=True)
        probe = index_dir / ".write-test"
        probe.write_text("")
        probe.unlink()
    except OSError as exc:
        raise IndexBusyError(
            f"cannot write the index folder {index_dir} ({exc.strerror}): "
            "set NEWSDESK_INDEX_DIR to a writable folder"
        ) from exc
