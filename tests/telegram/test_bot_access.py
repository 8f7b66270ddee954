"""Access control, the rate limiter and the feedback store: plain objects, no Telegram."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.access import Access, RateLimiter
from bot.feedback import FeedbackStore


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_rate_limiter_allows_n_a_minute_and_says_so_once() -> None:
    clock = Clock()
    limiter = RateLimiter(3, clock)
    assert [limiter.hit(1).allowed for _ in range(3)] == [True, True, True]
    first, second = limiter.hit(1), limiter.hit(1)
    assert not first.allowed and first.notify and first.retry_after == pytest.approx(60)
    assert not second.allowed and not second.notify
    assert limiter.hit(2).allowed  # per user
    clock.now += 60
    assert limiter.hit(1).allowed


def test_rate_limiter_window_slides() -> None:
    clock = Clock()
    limiter = RateLimiter(2, clock)
    limiter.hit(1)
    clock.now += 30
    limiter.hit(1)
    clock.now += 31  # the first question left the window
    assert limiter.hit(1).allowed
    refused = limiter.hit(1)
    assert not refused.allowed and refused.retry_after == pytest.approx(29)


@pytest.mark.parametrize(
    ("allowed", "admins", "chat", "user", "ok"),
    [
        ((), (), 5, 5, True),
        ((-100,), (), -100, 7, True),
        ((-100,), (), -200, 7, False),
        ((-100,), (9,), -200, 9, True),
    ],
)
def test_allowlist(allowed: tuple[int, ...], admins: tuple[int, ...], chat: int, user: int, ok: bool) -> None:
    assert Access(allowed, admins).chat_allowed(chat, user) is ok


def test_one_refusal_per_chat() -> None:
    access = Access([1], [])
    assert access.first_refusal(2) and not access.first_refusal(2) and access.first_refusal(3)


def test_feedback_store_records_votes_with_the_answer(tmp_path: Path) -> None:
    store = FeedbackStore(tmp_path / "f.sqlite3")
    key = store.record_answer("What did China say?", ["000_a", "003_b"], 3, user_id=5, chat_id=-100)
    assert store.vote(key, 5, -100, 1) and store.vote(key, 6, -100, -1)
    assert store.vote(key, 5, -100, -1)  # a user's new vote replaces the old one
    assert not store.vote("unknown", 5, -100, 1)
    votes = store.votes()
    assert [(v.user_id, v.vote, v.question, v.cited) for v in votes] == [
        (6, -1, "What did China say?", ("000_a", "003_b")),
        (5, -1, "What did China say?", ("000_a", "003_b")),
    ]
    counts = store.counts()
    assert (counts.answers, counts.users, counts.up, counts.down) == (1, 1, 0, 2)
    store.close()
    reopened = FeedbackStore(tmp_path / "f.sqlite3")  # survives a restart
    record = reopened.answer(key)
    assert record is not None and record.question == "What did China say?" and record.per_page == 3
    reopened.close()
