"""Callback data: what bot/keyboards.py builds it parses back, and exactly one handler pattern matches it."""

from __future__ import annotations

import pytest

from bot import keyboards
from bot.keyboards import NearestPress, StatementsPress, ViewPress, VotePress

KEY = "AbC-12_xyz"  # bot.feedback.new_key's shape
PATTERNS = (
    keyboards.VIEW_PATTERN,
    keyboards.NEAREST_PATTERN,
    keyboards.VOTE_PATTERN,
    keyboards.EXAMPLE_PATTERN,
    keyboards.STATEMENTS_PATTERN,
)


def test_callback_data_round_trips() -> None:
    assert keyboards.parse_view(keyboards.view_data(KEY, "passage", 2)) == ViewPress(KEY, "passage", 2)
    assert keyboards.parse_view(keyboards.view_data(KEY, "answer", 0)) == ViewPress(KEY, "answer", 0)
    assert keyboards.parse_nearest(keyboards.nearest_data(KEY, 4)) == NearestPress(KEY, 4)
    assert keyboards.parse_vote(keyboards.vote_data(KEY, -1)) == VotePress(KEY, -1)
    assert keyboards.parse_example(keyboards.example_data(2)) == 2
    assert keyboards.parse_statements(keyboards.statements_data(KEY, 7)) == StatementsPress(KEY, 7)


@pytest.mark.parametrize(
    "data",
    [
        keyboards.view_data(KEY, "answer", 1),
        keyboards.view_data(KEY, "passage", 999),
        keyboards.nearest_data(KEY, 0),
        keyboards.vote_data(KEY, 1),
        keyboards.vote_data(KEY, -1),
        keyboards.example_data(0),
        keyboards.statements_data(KEY, 0),
        keyboards.statements_data(KEY, 999),
    ],
)
def test_each_callback_data_matches_one_pattern(data: str) -> None:
    assert sum(bool(p.match(data)) for p in PATTERNS) == 1
    assert len(data.encode()) <= 64


@pytest.mark.parametrize(
    "data", ["v:AbC:5", "n:AbC:x", "q:AbC:1", "x:12", f"a:{KEY}:1:2", "p::1", "s:AbC:", "s:AbC:1000"]
)
def test_malformed_callback_data_matches_no_pattern(data: str) -> None:
    assert not any(p.match(data) for p in PATTERNS)
    with pytest.raises(ValueError):
        keyboards.parse_vote(data)
