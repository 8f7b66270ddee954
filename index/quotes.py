"""Quotation spans in news prose: which characters are inside a quotation, across paragraphs.

News copy marks quotations with double quotes, curly or straight, often mixed in one article and
sometimes unbalanced. A mark's side is read from its neighbours (a space before an opener, a space or
punctuation after a closer) and only when that is ambiguous from its glyph. Single quotes are left
alone: they are apostrophes far more often than quotation marks.

A quotation may run over several paragraphs: the convention is that a paragraph ending inside a
quotation has no closing mark and the next paragraph opens with a quote mark again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

QUOTE_MARKS = '"“”„«»'
_MARK = re.compile(r"[\"“”„«»]")
_LINE = re.compile(r"[^\n\r\u2028\u2029]+")
_OPENING_GLYPHS = "“„«"
_CLOSING_GLYPHS = "”»"
_BEFORE_OPENER = "([{—–-/"
_AFTER_CLOSER = ",.;:!?)]}—–-…"


@dataclass(frozen=True)
class Quotes:
    """Quotation spans (`regions`, outermost only, [begin, end) from the opening mark to just after the
    closing one) and the positions of every mark read as a closer, paired or not."""

    regions: list[tuple[int, int]]
    closers: frozenset[int]


def find_quotes(text: str) -> Quotes:
    regions: list[tuple[int, int]] = []
    closers: list[int] = []
    open_at: int | None = None  # start of the quotation still open, possibly from an earlier line
    lines = [(m.start(), m.end()) for m in _LINE.finditer(text)]
    for index, (lo, hi) in enumerate(lines):
        first = _first_char(text, lo, hi)
        depth = 1 if open_at is not None else 0
        marks = list(_MARK.finditer(text, lo, hi))
        if depth and marks and marks[0].start() == first:
            marks = marks[1:]  # the re-opening mark of a continued quotation
        for m in marks:
            p = m.start()
            if _is_opener(text, p, depth):
                if depth == 0:
                    open_at = p
                depth = min(depth + 1, 2)  # sloppy copy nests double quotes one level, never more
                continue
            closers.append(p)
            if depth:
                depth -= 1
                if depth == 0 and open_at is not None:
                    regions.append((open_at, p + 1))
                    open_at = None
        if depth and open_at is not None:
            nxt = lines[index + 1] if index + 1 < len(lines) else None
            if nxt is not None and text[_first_char(text, *nxt)] in QUOTE_MARKS:
                continue  # the quotation goes on in the next paragraph
            if open_at == first or open_at < lo:
                regions.append((open_at, _rstrip(text, lo, hi)))  # unclosed at the paragraph's end
            open_at = None
    return Quotes(regions, frozenset(closers))


def _is_opener(text: str, p: int, depth: int) -> bool:
    before = text[p - 1] if p > 0 else " "
    after = text[p + 1] if p + 1 < len(text) else " "
    open_side = (before.isspace() or before in _BEFORE_OPENER) and not after.isspace()
    close_side = not before.isspace() and (after.isspace() or after in _AFTER_CLOSER)
    if open_side != close_side:
        return open_side
    glyph = text[p]
    if glyph in _OPENING_GLYPHS:
        return True
    if glyph in _CLOSING_GLYPHS:
        return False
    return depth == 0


def _first_char(text: str, lo: int, hi: int) -> int:
    while lo < hi and text[lo].isspace():
        lo += 1
    return lo


def _rstrip(text: str, lo: int, hi: int) -> int:
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    return hi
