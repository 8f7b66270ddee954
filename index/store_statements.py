"""Statements in the index: who said what, and when (extracted at ingest, index/statements.py).

Mixed into `index.store.Store`. Statements are derived from an article's stored text and publication
date, so when the extraction rules change (`STATEMENTS_VERSION`) they are re-extracted from SQLite,
without re-encoding anything (`refresh_statements`).
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from index.statements import STATEMENTS_VERSION, Statement, extract_statements

COLUMNS = "article_id, begin, end, speaker, canonical, affiliations, kind, day, day_inferred"


@dataclass(frozen=True)
class StoredStatement:
    article_id: str
    begin: int  # offsets into the article's text
    end: int
    speaker: str  # as written
    canonical: str  # the fullest name the article gives
    affiliations: tuple[str, ...]
    kind: str
    day: date | None
    day_inferred: bool


def _row(article_id: str, s: Statement) -> tuple[Any, ...]:
    return (
        article_id,
        s.begin,
        s.end,
        s.speaker,
        s.canonical,
        json.dumps(list(s.affiliations)),
        s.kind,
        s.day.isoformat() if s.day else None,
        int(s.day_inferred),
    )


def _stored(r: Sequence[Any]) -> StoredStatement:
    return StoredStatement(
        r[0],
        r[1],
        r[2],
        r[3],
        r[4],
        tuple(json.loads(r[5])),
        r[6],
        date.fromisoformat(r[7]) if r[7] else None,
        bool(r[8]),
    )


class StoreStatements:
    db: sqlite3.Connection
    lock: threading.RLock

    def _insert_statements(self, article_id: str, statements: Iterable[Statement]) -> None:
        self.db.executemany(
            f"INSERT INTO statements({COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [_row(article_id, s) for s in statements],
        )

    def statements_stale(self) -> bool:
        with self.lock:
            row = self.db.execute("SELECT value FROM meta WHERE key = 'statements_version'").fetchone()
            empty = self.db.execute("SELECT 1 FROM articles LIMIT 1").fetchone() is None
        return not empty and (row is None or row[0] != str(STATEMENTS_VERSION))

    def mark_statements_current(self) -> None:
        with self.lock:
            self.db.execute(
                "INSERT OR REPLACE INTO meta(key, value) VALUES ('statements_version', ?)",
                (str(STATEMENTS_VERSION),),
            )

    def refresh_statements(self, on_progress: Callable[[int, int], None] | None = None) -> int:
        """Re-extract every article's statements from its stored text; returns how many were found.
        One transaction per few hundred articles: a kill leaves the version stale, so it runs again."""
        with self.lock:
            ids = [r[0] for r in self.db.execute("SELECT id FROM articles ORDER BY id")]
        found = 0
        for i in range(0, len(ids), 200):
            part = ids[i : i + 200]
            marks = ",".join("?" * len(part))
            with self.lock:
                rows = self.db.execute(
                    f"SELECT id, text, published FROM articles WHERE id IN ({marks})", part
                ).fetchall()
                extracted = [
                    (aid, extract_statements(text, date.fromisoformat(pub) if pub else None))
                    for aid, text, pub in rows
                ]
                self.db.execute("BEGIN IMMEDIATE")
                try:
                    self.db.execute(f"DELETE FROM statements WHERE article_id IN ({marks})", part)
                    for aid, statements in extracted:
                        self._insert_statements(aid, statements)
                        found += len(statements)
                    self.db.execute("COMMIT")
                except BaseException:
                    self.db.execute("ROLLBACK")
                    raise
            if on_progress:
                on_progress(min(i + 200, len(ids)), len(ids))
        self.mark_statements_current()
        return found

    def statements_between(self, start: date, end: date, limit: int) -> list[StoredStatement]:
        """Statements made on a day in [start, end]."""
        with self.lock:
            rows = self.db.execute(
                f"SELECT {COLUMNS} FROM statements WHERE day BETWEEN ? AND ? LIMIT ?",
                (start.isoformat(), end.isoformat(), limit),
            ).fetchall()
        return [_stored(r) for r in rows]

    def statements_matching(
        self,
        words: Sequence[str],
        limit: int,
        between: tuple[date, date] | None = None,
        any_word: bool = False,
    ) -> list[StoredStatement]:
        """Statements whose speaker (as written or canonical) holds every one of `words` (lowercase;
        any one of them with `any_word`), made on a day in `between` (inclusive) when given."""
        if not words:
            return []
        where = (" OR " if any_word else " AND ").join(
            "(lower(canonical) LIKE ? OR lower(speaker) LIKE ?)" for _ in words
        )
        where = f"({where})"
        args: list[Any] = [a for w in words for a in (f"%{w}%", f"%{w}%")]
        if between is not None:
            where += " AND day BETWEEN ? AND ?"
            args += [between[0].isoformat(), between[1].isoformat()]
        with self.lock:
            rows = self.db.execute(
                f"SELECT {COLUMNS} FROM statements WHERE {where} ORDER BY day LIMIT ?", [*args, limit]
            ).fetchall()
        return [_stored(r) for r in rows]

    def statements_of(self, article_ids: Iterable[str]) -> dict[str, list[StoredStatement]]:
        ids = list(set(article_ids))
        out: dict[str, list[StoredStatement]] = {i: [] for i in ids}
        if not ids:
            return out
        with self.lock:
            rows = self.db.execute(
                f"SELECT {COLUMNS} FROM statements WHERE article_id IN ({','.join('?' * len(ids))}) "
                "ORDER BY article_id, begin",
                ids,
            ).fetchall()
        for r in rows:
            out[r[0]].append(_stored(r))
        return out
