"""Inline keyboards, and the callback data their buttons carry: built and parsed here only.

Callback data is `<action>:<answer key>:<number>` (well under Telegram's 64 bytes):
a / p: the answer / passage view at page N · n: the N-th nearest dated passage · v: a vote (1 / -1)
x:N (no key): the N-th example question under the greeting · s: a /quote or /timeline list at page N.
Each action has its own pattern and bot/app.py registers one handler per pattern, so no callback data
can reach two handlers; a handler parses the data its pattern matched with the parse_* function here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.format import is_web_url
from bot.messages import EXAMPLES, nearest_label, page_bounds, page_count
from bot.state import Entry
from bot.statements import Listing
from retrieval.types import Citation

View = Literal["answer", "passage"]
_KEY = r"[A-Za-z0-9_-]{1,16}"  # bot.feedback.new_key makes 10 URL-safe characters
VIEW_PATTERN = re.compile(rf"^([ap]):({_KEY}):(\d{{1,3}})$")
NEAREST_PATTERN = re.compile(rf"^n:({_KEY}):(\d{{1,3}})$")
VOTE_PATTERN = re.compile(rf"^v:({_KEY}):(-1|1)$")
EXAMPLE_PATTERN = re.compile(r"^x:(\d)$")
STATEMENTS_PATTERN = re.compile(rf"^s:({_KEY}):(\d{{1,3}})$")
_VIEW_ACTIONS: dict[View, str] = {"answer": "a", "passage": "p"}
_ACTION_VIEWS: dict[str, View] = {a: v for v, a in _VIEW_ACTIONS.items()}


@dataclass(frozen=True)
class ViewPress:
    """Full passage / Short answer / More sources: show `view` of the answer at `page`."""

    key: str
    view: View
    page: int


@dataclass(frozen=True)
class NearestPress:
    """A nearest dated passage (after 'not found'): show the one at `index`."""

    key: str
    index: int


@dataclass(frozen=True)
class StatementsPress:
    """A /quote or /timeline page button: show the list under `key` at `page`."""

    key: str
    page: int


@dataclass(frozen=True)
class VotePress:
    key: str
    vote: int  # 1 or -1


def view_data(key: str, view: View, page: int) -> str:
    return f"{_VIEW_ACTIONS[view]}:{key}:{page}"


def nearest_data(key: str, index: int) -> str:
    return f"n:{key}:{index}"


def vote_data(key: str, vote: int) -> str:
    return f"v:{key}:{vote}"


def example_data(index: int) -> str:
    return f"x:{index}"


def statements_data(key: str, page: int) -> str:
    return f"s:{key}:{page}"


def _groups(pattern: re.Pattern[str], data: str) -> tuple[str, ...]:
    match = pattern.match(data)
    if match is None:  # the handler's pattern matched, so this is a wiring mistake
        raise ValueError(f"callback data {data!r} does not match {pattern.pattern}")
    return match.groups()


def parse_view(data: str) -> ViewPress:
    """'p:AbC12:0' -> ViewPress('AbC12', 'passage', 0)."""
    action, key, page = _groups(VIEW_PATTERN, data)
    return ViewPress(key, _ACTION_VIEWS[action], int(page))


def parse_nearest(data: str) -> NearestPress:
    key, index = _groups(NEAREST_PATTERN, data)
    return NearestPress(key, int(index))


def parse_vote(data: str) -> VotePress:
    key, vote = _groups(VOTE_PATTERN, data)
    return VotePress(key, int(vote))


def parse_example(data: str) -> int:
    (index,) = _groups(EXAMPLE_PATTERN, data)
    return int(index)


def parse_statements(data: str) -> StatementsPress:
    key, page = _groups(STATEMENTS_PATTERN, data)
    return StatementsPress(key, int(page))


def _open_button(citations: tuple[Citation, ...]) -> list[InlineKeyboardButton]:
    url = next((c.url for c in citations if is_web_url(c.url)), "")
    return [InlineKeyboardButton("Open article", url=url)] if url else []


def _votes(key: str) -> list[InlineKeyboardButton]:
    return [
        InlineKeyboardButton("👍", callback_data=vote_data(key, 1)),
        InlineKeyboardButton("👎", callback_data=vote_data(key, -1)),
    ]


def answer_keyboard(entry: Entry, page: int = 0, view: View = "answer") -> InlineKeyboardMarkup:
    """Full passage / Short answer, More sources (or back to the first ones), Open article, 👍 / 👎."""
    answer, key = entry.answer, entry.key
    if not answer.answered:
        return nearest_keyboard(entry)
    other: View = "passage" if view == "answer" else "answer"
    toggle = "Full passage" if view == "answer" else "Short answer"
    row = [InlineKeyboardButton(toggle, callback_data=view_data(key, other, page))]
    pages = page_count(len(answer.citations), entry.per_page)
    if page + 1 < pages:
        row.append(InlineKeyboardButton("More sources", callback_data=view_data(key, view, page + 1)))
    elif page > 0:
        row.append(InlineKeyboardButton("First sources", callback_data=view_data(key, view, 0)))
    start, end = page_bounds(len(answer.citations), page, entry.per_page)
    rows = [row, _open_button(answer.citations[start:end]), _votes(key)]
    return InlineKeyboardMarkup([r for r in rows if r])


def nearest_keyboard(entry: Entry, current: int | None = None) -> InlineKeyboardMarkup:
    """'Not found': one button per nearest dated passage (the one shown is left out), 👍 / 👎."""
    nearest = entry.answer.nearest
    rows = [
        [InlineKeyboardButton(nearest_label(c), callback_data=nearest_data(entry.key, i))]
        for i, c in enumerate(nearest)
        if i != current
    ]
    if current is not None:
        rows.append(_open_button(nearest[current : current + 1]))
    rows.append(_votes(entry.key))
    return InlineKeyboardMarkup([r for r in rows if r])


def statements_keyboard(listing: Listing, page: int = 0) -> InlineKeyboardMarkup | None:
    """A list's page buttons: ◀ Previous, More articles / More statements (or back to the first ones on
    the last page); None when the list fits one page (it was not stored: nothing to page)."""
    if not listing.key or listing.pages < 2:
        return None
    noun = "articles" if listing.kind == "quote" else "statements"
    row = []
    if page > 0:
        row.append(InlineKeyboardButton("◀ Previous", callback_data=statements_data(listing.key, page - 1)))
    if page + 1 < listing.pages:
        row.append(InlineKeyboardButton(f"More {noun}", callback_data=statements_data(listing.key, page + 1)))
    elif page > 1:
        row.append(InlineKeyboardButton(f"First {noun}", callback_data=statements_data(listing.key, 0)))
    return InlineKeyboardMarkup([row])


def examples_keyboard() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(q, callback_data=example_data(i))] for i, q in enumerate(EXAMPLES)]
    )
