"""Inline keyboards. Callback data is `<action>:<answer key>:<argument>` (well under 64 bytes):

a: the answer view at page N · p: the passage view at page N · v: a vote (1 / -1)
n: the N-th nearest dated passage · x: the N-th example question (no key)
"""

from __future__ import annotations

from typing import Literal

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.format import is_web_url
from bot.messages import EXAMPLES, nearest_label, page_bounds, page_count
from bot.state import Entry
from retrieval.types import Citation

View = Literal["answer", "passage"]
PATTERN = r"^[apvn]:[A-Za-z0-9_-]{1,16}:-?\d{1,3}$"
EXAMPLE_PATTERN = r"^x:\d$"


def parse(data: str) -> tuple[str, str, int]:
    """'p:AbC12:0' -> ('p', 'AbC12', 0)."""
    action, key, arg = data.split(":")
    return action, key, int(arg)


def _open_button(citations: tuple[Citation, ...]) -> list[InlineKeyboardButton]:
    url = next((c.url for c in citations if is_web_url(c.url)), "")
    return [InlineKeyboardButton("Open article", url=url)] if url else []


def _votes(key: str) -> list[InlineKeyboardButton]:
    return [
        InlineKeyboardButton("👍", callback_data=f"v:{key}:1"),
        InlineKeyboardButton("👎", callback_data=f"v:{key}:-1"),
    ]


def answer_keyboard(entry: Entry, page: int = 0, view: View = "answer") -> InlineKeyboardMarkup:
    """Full passage / Short answer, More sources (or back to the first ones), Open article, 👍 / 👎."""
    answer, key = entry.answer, entry.key
    if not answer.answered:
        return nearest_keyboard(entry)
    here, other = ("a", "p") if view == "answer" else ("p", "a")
    toggle = "Full passage" if view == "answer" else "Short answer"
    row = [InlineKeyboardButton(toggle, callback_data=f"{other}:{key}:{page}")]
    pages = page_count(len(answer.citations), entry.per_page)
    if page + 1 < pages:
        row.append(InlineKeyboardButton("More sources", callback_data=f"{here}:{key}:{page + 1}"))
    elif page > 0:
        row.append(InlineKeyboardButton("First sources", callback_data=f"{here}:{key}:0"))
    start, end = page_bounds(len(answer.citations), page, entry.per_page)
    rows = [row, _open_button(answer.citations[start:end]), _votes(key)]
    return InlineKeyboardMarkup([r for r in rows if r])


def nearest_keyboard(entry: Entry, current: int | None = None) -> InlineKeyboardMarkup:
    """'Not found': one button per nearest dated passage (the one shown is left out), 👍 / 👎."""
    nearest = entry.answer.nearest
    rows = [
        [InlineKeyboardButton(nearest_label(c), callback_data=f"n:{entry.key}:{i}")]
        for i, c in enumerate(nearest)
        if i != current
    ]
    if current is not None:
        rows.append(_open_button(nearest[current : current + 1]))
    rows.append(_votes(entry.key))
    return InlineKeyboardMarkup([r for r in rows if r])


def examples_keyboard() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(q, callback_data=f"x:{i}")] for i, q in enumerate(EXAMPLES)]
    )
