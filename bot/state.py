"""The heavy objects, created once in post_init and kept in `bot_data["services"]` (see bot/context.py)."""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from typing import Any, Protocol, TypeVar

from bot.access import Access, RateLimiter
from bot.feedback import FeedbackStore
from newsdesk.settings import Settings
from retrieval.types import Answer, ArchiveStats, IngestSummary

SERVICES_KEY = "services"
SEARCH_THREADS = 2  # the engine encodes one query at a time: more threads only contend for the GIL
T = TypeVar("T")


class Engine(Protocol):
    """What the bot needs from retrieval.service.Newsdesk (see its docstring)."""

    def ask(self, question: str, max_citations: int = 3) -> Answer: ...

    def ingest(self, paths: Any, on_progress: Callable[[int, int], None] | None = None) -> IngestSummary: ...

    def reload(self) -> None: ...

    def stats(self) -> ArchiveStats: ...

    def close(self) -> None: ...


@dataclass(frozen=True)
class Entry:
    """An answer the bot showed, under the key its buttons carry."""

    key: str
    answer: Answer
    per_page: int
    inline: bool = False  # sent through inline mode: the message shows the question on top


class _Lru(OrderedDict[str, Entry]):
    def __init__(self, capacity: int) -> None:
        super().__init__()
        self.capacity = capacity

    def get_fresh(self, key: str) -> Entry | None:
        entry = self.get(key)
        if entry is not None:
            self.move_to_end(key)
        return entry

    def put(self, key: str, entry: Entry) -> None:
        self[key] = entry
        self.move_to_end(key)
        while len(self) > self.capacity:
            self.popitem(last=False)


@dataclass
class Services:
    settings: Settings
    engine: Engine
    store: FeedbackStore
    owns_engine: bool = True
    access: Access = field(init=False)
    limiter: RateLimiter = field(init=False)
    _answers: _Lru = field(init=False)
    _inline: _Lru = field(init=False)
    _searches: ThreadPoolExecutor = field(init=False)
    _db: ThreadPoolExecutor = field(init=False)

    def __post_init__(self) -> None:
        self.access = Access(self.settings.allowed_chats, self.settings.admins)
        self.limiter = RateLimiter(self.settings.rate_limit_per_minute)
        self._answers = _Lru(4096)
        self._inline = _Lru(1024)
        # Searches and the feedback database get their own threads: a quick SQLite write must not
        # queue behind a burst of searches (or an ingest) in asyncio's default executor.
        self._searches = ThreadPoolExecutor(SEARCH_THREADS, thread_name_prefix="newsdesk-search")
        self._db = ThreadPoolExecutor(1, thread_name_prefix="newsdesk-feedback")

    async def in_db(self, func: Callable[..., T], *args: Any) -> T:
        """Run a FeedbackStore method on the store's own thread."""
        return await asyncio.get_running_loop().run_in_executor(self._db, partial(func, *args))

    @property
    def per_page(self) -> int:
        return self.settings.max_citations

    @property
    def pool(self) -> int:
        """Citations asked for: the first page plus two more pages for 'More sources'."""
        return self.settings.max_citations * 3

    async def ask(self, question: str) -> Answer:
        """The search, run off the event loop (the engine is thread-safe and blocking)."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._searches, self.engine.ask, question, self.pool)

    async def remember(
        self, answer: Answer, per_page: int, user_id: int | None, chat_id: int | None, kind: str = "chat"
    ) -> Entry:
        cited = [c.article_id for c in answer.citations or answer.nearest]
        key = await self.in_db(
            self.store.record_answer, answer.question, cited, per_page, user_id, chat_id, kind
        )
        entry = Entry(key, answer, per_page, kind == "inline")
        self._answers.put(key, entry)
        return entry

    async def recall(self, key: str) -> Entry | None:
        """The answer behind a button; asked again when it is no longer in memory (e.g. a restart)."""
        entry = self._answers.get_fresh(key)
        if entry is not None:
            return entry
        record = await self.in_db(self.store.answer, key)
        if record is None:
            return None
        entry = Entry(key, await self.ask(record.question), record.per_page, record.kind == "inline")
        self._answers.put(key, entry)
        return entry

    async def inline_entry(self, question: str, user_id: int) -> Entry:
        """Inline queries page through one answer: asked once per distinct question."""
        norm = " ".join(question.lower().split())
        entry = self._inline.get_fresh(norm)
        if entry is None:
            entry = await self.remember(await self.ask(question), 1, user_id, None, "inline")
            self._inline.put(norm, entry)
        return entry

    def forget_answers(self) -> None:
        """After an ingest or reload: answers are asked afresh (keys still work, via the store)."""
        self._answers.clear()
        self._inline.clear()

    def close(self) -> None:
        self._searches.shutdown(wait=True)
        self._db.shutdown(wait=True)
        self.store.close()
        if self.owns_engine:
            self.engine.close()


def open_engine(settings: Settings) -> Engine:
    """Load the model and the index, building it from the bundled corpus when empty (blocking)."""
    from newsdesk.wiring import open_engine as open_configured

    return open_configured(settings, build=True)
