"""The on-disk index: SQLite (articles, chunks, dates, FTS5, vectors) + derived FAISS and tantivy + manifest.

Crash safety: every batch of articles is written in one SQLite transaction (WAL), so a kill -9 leaves
each article fully in or fully out. The FAISS file is only a cache of the vectors held in SQLite; it is
stamped with the SQLite generation it was written at, and rebuilt from SQLite when they disagree; the
lexical folder (index/lexical.py) likewise.
"""

from __future__ import annotations

import json
import logging
import shutil
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from corpus.article import Article
from index.embed import DEFAULT_BACKEND
from index.errors import IndexBusyError
from index.lexical import LEXICAL_DIR, LexicalIndex, LexicalIndexError, Row
from index.lock import writer_lock
from index.manifest import MANIFEST, Manifest, read_manifest, write_manifest
from index.schema import FORMAT_VERSION, SCHEMA
from index.statements import Statement
from index.store_read import StoreReads
from index.store_statements import StoreStatements
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
    statements: Sequence[Statement] = ()


class Store(StoreReads, StoreStatements):
    """One index folder. Thread-safe: one lock guards the connection and the FAISS index."""

    def __init__(
        self,
        index_dir: Path,
        model: str,
        dim: int,
        faiss_factory: str = "",
        *,
        backend: str = DEFAULT_BACKEND,
        lexical: str = "tantivy",
    ) -> None:
        self.dir = index_dir
        self.model = model
        self.dim = dim
        self.backend = backend
        self.factory_override = faiss_factory
        self.lock = threading.RLock()
        self._kept_articles = (-1, {})
        index_dir.mkdir(parents=True, exist_ok=True)
        manifest = read_manifest(index_dir)
        if manifest is not None:
            manifest.check(model, dim, index_dir, backend)
        self.db = self._connect()
        if manifest is None:
            self._set_meta("format_version", str(FORMAT_VERSION))
            self._set_meta("model", model)
            self._set_meta("dimension", str(dim))
            write_manifest(index_dir, Manifest(FORMAT_VERSION, model, dim, backend=backend))
            self.mark_statements_current()  # a new index: ingest extracts them
        self.vectors = self._load_vectors(manifest)
        # "fts5": no derived lexical index; SQLite FTS5 answers lexical searches (slower at scale).
        self.lexical_engine = lexical
        self.lexical = self._load_lexical(manifest) if lexical == "tantivy" else None

    def reopened(self) -> Store:
        """A new Store over the same folder with the same settings (to see another process's writes)."""
        return Store(
            self.dir,
            self.model,
            self.dim,
            self.factory_override,
            backend=self.backend,
            lexical=self.lexical_engine,
        )

    # --- opening ---
    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.dir / DB_FILE, check_same_thread=False, isolation_level=None, timeout=30)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")  # with WAL: durable against a killed process
        db.executescript(SCHEMA)
        return db

    def _set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))

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

    def _load_lexical(self, manifest: Manifest | None) -> LexicalIndex:
        path = self.dir / LEXICAL_DIR
        n = self.count_chunks()
        if manifest is not None and manifest.lexical_generation == self.generation and path.exists():
            try:
                lexical = LexicalIndex.open(path)
                if lexical.count == n:
                    return lexical
            except LexicalIndexError as exc:  # damaged: a cache miss, like the FAISS file
                log.warning("lexical index %s unreadable (%s); rebuilding it from the store", path, exc)
        if n:
            log.info("rebuilding the lexical index from %d stored chunks", n)
        # Written to disk at once when no ingest is writing the folder, so the next open is quick (and an
        # empty index's first ingest adds to the folder instead of building it again at the end).
        try:
            with writer_lock(self.dir):
                lexical = LexicalIndex.build_on_disk(path, self._lexical_rows())
                current = read_manifest(self.dir)
                if current is not None:
                    write_manifest(self.dir, replace(current, lexical_generation=self.generation))
                return lexical
        except IndexBusyError:
            return LexicalIndex.in_memory(self._lexical_rows())

    def _lexical_rows(self) -> Iterator[Row]:
        """Every passage with its title, streamed (the whole archive's text at once would be ~0.5 GB)."""
        with self.lock:
            cursor = self.db.execute(
                "SELECT c.id, c.text, a.title FROM chunks c JOIN articles a ON a.id = c.article_id"
            )
            for r in cursor:
                yield int(r[0]), str(r[1]), str(r[2] or "")

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
            added_rows: list[Row] = []
            try:
                self.db.execute("BEGIN IMMEDIATE")
                for item in batch:
                    removed.extend(self._delete_article(item.article.id))
                    ids = self._insert_article(item)
                    added_ids.extend(ids)
                    added_vecs.append(item.vectors)
                    title = item.article.title or ""
                    added_rows.extend((i, c.text, title) for i, c in zip(ids, item.chunks, strict=True))
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
            else:
                self.vectors.remove(np.array(removed, dtype=np.int64))
                if added_ids:
                    self.vectors.add(np.concatenate(added_vecs), np.array(added_ids, dtype=np.int64))
            if self.lexical is not None:
                self.lexical.apply(removed, added_rows)

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
        self._insert_statements(a.id, item.statements)
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
                if m.overlaps(chunk.start, chunk.end)
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
            lexical_generation = -1
            if self.lexical is not None:
                if self.lexical.path is None:  # rebuilt in memory on open: write the folder afresh
                    self.lexical = LexicalIndex.build_on_disk(self.dir / LEXICAL_DIR, self._lexical_rows())
                lexical_generation = self.generation
            write_manifest(
                self.dir,
                Manifest(
                    FORMAT_VERSION,
                    self.model,
                    self.dim,
                    self.count_articles(),
                    n,
                    factory,
                    self.generation,
                    self.backend,
                    lexical_generation,
                ),
            )


def delete_index(index_dir: Path) -> None:
    """Remove an index's files (not the folder, nor files that are not the index's), for a rebuild."""
    with writer_lock(index_dir):
        for name in (DB_FILE, f"{DB_FILE}-wal", f"{DB_FILE}-shm", FAISS_FILE, MANIFEST):
            (index_dir / name).unlink(missing_ok=True)
        shutil.rmtree(index_dir / LEXICAL_DIR, ignore_errors=True)
