"""SQLite store of the answers the bot gave and the 👍 / 👎 they got.

Each answer gets a short key (carried in its buttons' callback data); the row keeps the question, so
buttons still work after a restart (the question is asked again). A vote copies the question and the
cited article ids, with the user, chat and time; one vote per user per answer (a new one replaces it).
"""

from __future__ import annotations

import json
import secrets
import sqlite3
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

_ANSWER_COLUMNS = "key, question, cited, per_page, user_id, chat_id, created, kind"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS answers (
    key TEXT PRIMARY KEY,
    question TEXT NOT NULL,
    cited TEXT NOT NULL,          -- JSON list of article ids, in citation order
    per_page INTEGER NOT NULL,
    user_id INTEGER,
    chat_id INTEGER,
    created REAL NOT NULL,
    kind TEXT NOT NULL DEFAULT 'chat'   -- 'chat' (a reply in a chat), 'inline' (an inline query), or a
                                        -- /quote or /timeline list: 'quote', 'timeline' (question: its words)
);
CREATE TABLE IF NOT EXISTS votes (
    key TEXT NOT NULL,
    user_id INTEGER NOT NULL,
    chat_id INTEGER,
    question TEXT NOT NULL,
    cited TEXT NOT NULL,
    vote INTEGER NOT NULL CHECK (vote IN (-1, 1)),
    time REAL NOT NULL,
    PRIMARY KEY (key, user_id)
);
"""


@dataclass(frozen=True)
class AnswerRecord:
    key: str
    question: str
    cited: tuple[str, ...]
    per_page: int
    user_id: int | None
    chat_id: int | None
    created: float
    kind: str


@dataclass(frozen=True)
class Vote:
    key: str
    user_id: int
    chat_id: int | None
    question: str
    cited: tuple[str, ...]
    vote: int
    time: float


@dataclass(frozen=True)
class FeedbackCounts:
    answers: int  # in chats (inline answers are counted apart)
    users: int
    inline: int
    up: int
    down: int


def new_key() -> str:
    """10 URL-safe characters: short enough for callback data, unguessable enough for a chat."""
    return secrets.token_urlsafe(8)[:10]


class FeedbackStore:
    """Thread-safe (one connection behind a lock); every method is quick and may run on the loop."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._lock = threading.Lock()
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA)

    def record_answer(
        self,
        question: str,
        cited: Sequence[str],
        per_page: int,
        user_id: int | None,
        chat_id: int | None,
        kind: str = "chat",
    ) -> str:
        key = new_key()
        with self._lock:
            self._db.execute(
                "INSERT INTO answers VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (key, question, json.dumps(list(cited)), per_page, user_id, chat_id, time.time(), kind),
            )
        return key

    def answer(self, key: str) -> AnswerRecord | None:
        with self._lock:
            row = self._db.execute(f"SELECT {_ANSWER_COLUMNS} FROM answers WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        return AnswerRecord(row[0], row[1], tuple(json.loads(row[2])), row[3], row[4], row[5], row[6], row[7])

    def vote(self, key: str, user_id: int, chat_id: int | None, vote: int) -> bool:
        """Store a 👍 (1) or 👎 (-1); False when the answer is unknown."""
        if vote not in (-1, 1):
            raise ValueError(f"a vote is 1 or -1, not {vote}")
        with self._lock:
            row = self._db.execute("SELECT question, cited FROM answers WHERE key = ?", (key,)).fetchone()
            if row is None:
                return False
            self._db.execute(
                "INSERT OR REPLACE INTO votes VALUES (?, ?, ?, ?, ?, ?, ?)",
                (key, user_id, chat_id, row[0], row[1], vote, time.time()),
            )
        return True

    def votes(self) -> list[Vote]:
        with self._lock:
            rows = self._db.execute(
                "SELECT key, user_id, chat_id, question, cited, vote, time FROM votes ORDER BY time"
            ).fetchall()
        return [Vote(r[0], r[1], r[2], r[3], tuple(json.loads(r[4])), r[5], r[6]) for r in rows]

    def counts(self) -> FeedbackCounts:
        with self._lock:
            answers, users = self._db.execute(
                "SELECT COUNT(*), COUNT(DISTINCT user_id) FROM answers WHERE kind = 'chat'"
            ).fetchone()
            (inline,) = self._db.execute("SELECT COUNT(*) FROM answers WHERE kind = 'inline'").fetchone()
            up, down = self._db.execute(
                "SELECT COALESCE(SUM(vote = 1), 0), COALESCE(SUM(vote = -1), 0) FROM votes"
            ).fetchone()
        return FeedbackCounts(answers, users, inline, up, down)

    def close(self) -> None:
        with self._lock:
            self._db.close()
