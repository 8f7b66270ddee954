"""Who may use the bot: the chat allowlist, admins, the per-user question rate limit."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Decision:
    allowed: bool
    retry_after: float = 0.0  # seconds until the next question is accepted (when refused)
    notify: bool = False  # True only for the first refusal of a burst: tell the user once, not each time


class RateLimiter:
    """At most `per_minute` questions per user in any sliding 60-second window."""

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic, window: float = 60.0):
        self.per_minute = per_minute
        self.window = window
        self._clock = clock
        self._hits: dict[int, deque[float]] = {}
        self._notified: dict[int, float] = {}  # user -> end of the refusal period already announced

    def hit(self, user_id: int) -> Decision:
        now = self._clock()
        hits = self._hits.setdefault(user_id, deque())
        while hits and now - hits[0] >= self.window:
            hits.popleft()
        if len(hits) < self.per_minute:
            hits.append(now)
            self._notified.pop(user_id, None)
            return Decision(True)
        free_at = hits[0] + self.window
        notify = self._notified.get(user_id) != free_at
        self._notified[user_id] = free_at
        if len(self._hits) > 10_000:
            self._forget_idle(now)
        return Decision(False, free_at - now, notify)

    def _forget_idle(self, now: float) -> None:
        for user, hits in list(self._hits.items()):
            if not hits or now - hits[-1] >= self.window:
                del self._hits[user]
                self._notified.pop(user, None)


class Access:
    """The allowlist (empty = everyone) and the admins; remembers which chats were refused already."""

    def __init__(self, allowed_chats: Iterable[int], admins: Iterable[int]) -> None:
        self.allowed_chats = frozenset(allowed_chats)
        self.admins = frozenset(admins)
        self._refused: set[int] = set()

    def is_admin(self, user_id: int | None) -> bool:
        return user_id is not None and user_id in self.admins

    def chat_allowed(self, chat_id: int, user_id: int | None = None) -> bool:
        """Allowed chats, and admins anywhere (so an admin can always reach /ingest and /stats)."""
        return not self.allowed_chats or chat_id in self.allowed_chats or self.is_admin(user_id)

    def first_refusal(self, chat_id: int) -> bool:
        """True the first time a chat is refused, False afterwards: one polite refusal per chat."""
        if chat_id in self._refused:
            return False
        self._refused.add(chat_id)
        return True
