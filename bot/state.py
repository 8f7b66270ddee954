"""The heavy objects, created once in post_init and kept in `bot_data["services"]` (see bot/context.py)."""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import date
from functools import partial
from typing import Any, Generic, Protocol, TypeVar

from bot.access import Access, RateLimiter
from bot.feedback import FeedbackStore
from bot.statements import Listing, ListKind, timeline_args
from newsdesk.settings import Settings
from retrieval.said_views import StatementView
from retrieval.types import Answer, ArchiveStats, IngestSummary

SERVICES_KEY = "services"
SEARCH_THREADS = 2  # the engine encodes one query at a time: more threads only contend for the GIL
ANSWER_KINDS = ("chat", "inline")  # feedback-store kinds of answers (the others are lists: quote, timeline)
T = TypeVar("T")
V = TypeVar("V")


class Engine(Protocol):
    """What the bot needs from retrieval.service.Newsdesk (see its docstring)."""

    def ask(self, question: str, max_citations: int = 3) -> Answer: ...

    def ingest(self, paths: Any, on_progress: Callable[[int, int], None] | None = None) -> IngestSummary: ...

    def reload(self) -> None: ...

    def stats(self) -> ArchiveStats: ...

    def quote(self, phrase: str) -> list[StatementView]: ...

    def timeline(
        self, speaker: str, about: str = "", start: date | None = None, end: date | None = None
    ) -> tuple[str, list[StatementView]]: ...

    def close(self) -> None: ...


@dataclass(frozen=True)
class Entry:
    """An answer the bot showed, under the key its buttons carry."""

    key: str
    answer: Answer
    per_page: int
    inline: bool = False  # sent through inline mode: the message shows the question on top


class _Lru(OrderedDict[str, V], Generic[V]):
    def __init__(self, capacity: int) -> None:
        super().__init__()
        self.capacity = capacity

    def get_fresh(self, key: str) -> V | None:
        entry = self.get(key)
        if entry is not None:
            self.move_to_end(key)
        return entry

    def put(self, key: str, entry: V) -> None:
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
    _answers: _Lru[Entry] = field(init=False)
    _inline: _Lru[Entry] = field(init=False)
    _listings: _Lru[Listing] = field(init=False)
    _searches: ThreadPoolExecutor = field(init=False)
    _db: ThreadPoolExecutor = field(init=False)

    def __post_init__(self) -> None:
        self.access = Access(self.settings.allowed_chats, self.settings.admins)
        self.limiter = RateLimiter(self.settings.rate_limit_per_minute)
        self._answers = _Lru(4096)
        self._inline = _Lru(1024)
        self._listings = _Lru(1024)
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
        if record is None or record.kind not in ANSWER_KINDS:
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

    async def statements(self, kind: ListKind, asked: str) -> Listing:
        """/quote or /timeline (`asked`: what followed the command), run off the event loop; not stored."""
        loop = asyncio.get_running_loop()
        if kind == "quote":
            views = await loop.run_in_executor(self._searches, self.engine.quote, asked)
            return Listing("", kind, asked, asked, "", tuple(views))
        speaker, about = timeline_args(asked)
        name, found = await loop.run_in_executor(self._searches, self.engine.timeline, speaker, about)
        return Listing("", kind, asked, name, about, tuple(found))

    async def remember_listing(self, listing: Listing, user_id: int | None, chat_id: int | None) -> Listing:
        """Store a list under a key for its page buttons (its kind tells it from an answer)."""
        cited = [v.article_id for v in listing.views]
        key = await self.in_db(
            self.store.record_answer, listing.asked, cited, listing.per_page, user_id, chat_id, listing.kind
        )
        listing = replace(listing, key=key)
        self._listings.put(key, listing)
        return listing

    async def recall_listing(self, key: str) -> Listing | None:
        """The list behind a page button; made again when it is no longer in memory."""
        listing = self._listings.get_fresh(key)
        if listing is not None:
            return listing
        record = await self.in_db(self.store.answer, key)
        if record is None or record.kind not in ("quote", "timeline"):
            return None
        kind: ListKind = "quote" if record.kind == "quote" else "timeline"
        fresh = await self.statements(kind, record.question)
        listing = replace(fresh, key=key, per_page=record.per_page)
        self._listings.put(key, listing)
        return listing

    def forget_answers(self) -> None:
        """After an ingest or reload: answers are asked afresh (keys still work, via the store)."""
        self._answers.clear()
        self._inline.clear()
        self._listings.clear()

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
