"""Resolving date expressions against a reference day: article mentions and question constraints."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, timedelta

from corpus.date_words import MONTH_NAMES, WEEKDAY_NAMES
from index.dates.calendar import (
    MonthDay,
    Range,
    ago,
    annual_window,
    format_range,
    nearest_annual,
    period,
    recent_weekday,
    shift_annual,
)
from index.dates.grammar import Absolute, Annual, Expr, Relative, Value, scan
from index.types import DateMention, Granularity

# A future verb shortly before a date in the same clause ("will meet on June 2", "is set for Monday")
# places a year-less date or weekday ahead of publication rather than behind it.
_FUTURE = re.compile(
    r"\b(?:will|won['’]t|shall|is\s+to|are\s+to|scheduled|slated|set\s+(?:to|for)|expected\s+(?:to|on|in)"
    r"|due\s+(?:to|on|in)|plans?\s+to|planned|upcoming)\b|['’]ll\b",
    re.IGNORECASE,
)
_CLAUSE_END = re.compile(r"[.!?;:,\n\"“”()]")
_FUTURE_LOOKBACK = 60
_GRANULARITY_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}
# Labels repeat relative phrases in lower case ("last week (…)"), except for names ("last Monday").
_PROPER_NAMES = re.compile(rf"\b(?:{'|'.join(n.lower() for n in WEEKDAY_NAMES + MONTH_NAMES)})\b")


def find_dates(text: str, published: date | None) -> list[DateMention]:
    """Every date mention in an article's text, resolved against its publication day.

    Without a publication day only expressions carrying their year are resolved ("May 27, 2025",
    "March 2022", "2022-03-16"); "Monday", "May 27" and "last week" need a reference point.
    """
    mentions: list[DateMention] = []
    for expr in scan(text, question=False):
        resolved = _resolve(expr.value, published, future=_future_hint(text, expr.begin), question=False)
        if resolved is not None:
            start, end, granularity = resolved
            mentions.append(
                DateMention(expr.begin, expr.end, text[expr.begin : expr.end], start, end, granularity)
            )
    return mentions


@dataclass(frozen=True)
class DateConstraint:
    """The date a question asks about.

    Either absolute (``start``..``end``, inclusive) or year-less (``annual_first``..``annual_last`` as
    (month, day), inclusive, in any year: "May 27" with no year = 27 May of every year; "in March" =
    every March). ``text`` is the expression as typed, at ``question[begin:end_offset]``; ``label`` is
    how a person reads it ("27 May", "March 2022", "last week (16–22 Nov 2026)").
    """

    text: str
    begin: int
    end_offset: int
    label: str
    granularity: Granularity
    start: date | None = None
    end: date | None = None
    annual_first: MonthDay | None = None
    annual_last: MonthDay | None = None

    @property
    def yearless(self) -> bool:
        return self.annual_first is not None

    def windows(self, lo: date, hi: date) -> list[tuple[date, date]]:
        """The concrete date ranges the constraint stands for that overlap ``lo``..``hi`` (for a
        year-less constraint, one per year), e.g. to turn it into SQL ``BETWEEN`` clauses."""
        if self.annual_first is None or self.annual_last is None:
            assert self.start is not None and self.end is not None
            return [(self.start, self.end)] if self.start <= hi and self.end >= lo else []
        found = (
            annual_window(y, self.annual_first, self.annual_last) for y in range(lo.year - 1, hi.year + 1)
        )
        return [w for w in found if w is not None and w[0] <= hi and w[1] >= lo]

    def matches(self, start: date, end: date) -> bool:
        """Does the range ``start``..``end`` (a mention's or a passage's) overlap the constraint?
        Overlap only: a "2025" mention overlaps "May 27"; use `contains` to require precision."""
        return bool(self.windows(start, end))

    def contains(self, start: date, end: date) -> bool:
        """Does the constraint cover all of ``start``..``end`` ("16 March 2022" within "March 2022")?"""
        return any(lo <= start and end <= hi for lo, hi in self.windows(start, end))

    def distance_days(self, start: date, end: date) -> int:
        """0 when matching, else the days from ``start``..``end`` to the nearest matching day (for a
        year-less constraint, in the nearest year). Used to offer the nearest dated passages."""
        # ±4 years: enough to meet a leap year for "29 February" and both neighbours of a window.
        near = self.windows(start - timedelta(days=4 * 366), end + timedelta(days=4 * 366))
        if not near:
            return 10**6
        return min(max((lo - end).days, (start - hi).days, 0) for lo, hi in near)


def parse_question_date(question: str, today: date) -> DateConstraint | None:
    """The date a question asks about, or None. With several, the most precise one wins (then the
    first): "in 2022, what happened on May 27?" asks about May 27."""
    best: tuple[int, int, DateConstraint] | None = None
    for expr in scan(question, question=True):
        constraint = _constraint(question, expr, today)
        if constraint is None:
            continue
        key = (_GRANULARITY_RANK[constraint.granularity], expr.begin)
        if best is None or key < best[:2]:
            best = (*key, constraint)
    return best[2] if best else None


_LEADING_PREPOSITIONS = re.compile(
    r"(?:\b(?:on|in|during|throughout|of|from|since|at|by|for|the|between|around)\s+)+$", re.IGNORECASE
)


def strip_date(question: str, c: DateConstraint) -> str:
    """The question without its date expression (and the preposition introducing it), for lexical
    search: "What did China say on May 27?" → "What did China say?"."""
    before = _LEADING_PREPOSITIONS.sub("", question[: c.begin])
    text = before + " " + question[c.end_offset :]
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"\s+([?.!,;:])", r"\1", text)
    text = re.sub(r"([,;:])(?=[,;:?.!])", "", text)
    return text.strip(" ,;:")


def _constraint(question: str, expr: Expr, today: date) -> DateConstraint | None:
    text = question[expr.begin : expr.end]
    value = expr.value
    if isinstance(value, Annual) and value.which == "nearest":
        first, last = value.first, value.last
        dummy = annual_window(2000, first, last)  # a leap year, so "29 February" has a label
        assert dummy is not None
        label = format_range(*dummy, with_year=False)
        return DateConstraint(
            text, expr.begin, expr.end, label, value.granularity, annual_first=first, annual_last=last
        )
    resolved = _resolve(value, today, future=False, question=True)
    if resolved is None:
        return None
    start, end, granularity = resolved
    label = format_range(start, end)
    if isinstance(value, Relative | Annual):
        phrase = _PROPER_NAMES.sub(lambda m: m.group(0).capitalize(), " ".join(text.lower().split()))
        label = f"{phrase} ({format_range(start, end, short=True)})"
    return DateConstraint(text, expr.begin, expr.end, label, granularity, start=start, end=end)


def _resolve(value: Value, ref: date | None, *, future: bool, question: bool) -> Range | None:
    """Place an expression in time relative to ``ref`` (publication day, or today for questions)."""
    if isinstance(value, Absolute):
        return value.start, value.end, value.granularity
    if ref is None:
        return None
    if isinstance(value, Annual):
        if value.which == "nearest" and value.granularity == "month" and value.first[0] == ref.month:
            window = annual_window(ref.year, value.first, value.last)  # "mid-January" on 4 January
        elif value.which == "nearest":
            # A month named alone ("in March") is the latest such month unless a future verb points
            # ahead; a day may be a little ahead even without one ("the June 2 talks").
            lean = 2.0 if value.granularity == "day" else math.inf
            window = nearest_annual(
                value.first, value.last, ref, future=future, weekday=value.weekday, lean=lean
            )
        else:
            window = shift_annual(value.first, value.last, ref, value.which)
        return (*window, value.granularity) if window else None
    return _resolve_relative(value, ref, future=future, question=question)


def _resolve_relative(value: Relative, ref: date, *, future: bool, question: bool) -> Range:
    if value.kind == "day":
        day = ref + timedelta(days=value.offset)
        return day, day, "day"
    if value.kind == "weekday":
        which = value.which
        if which == "recent":
            # In an article "Monday" is the latest Monday up to publication (the same day included);
            # in a question "on Monday" means a day already past.
            which = "before" if question else ("upcoming" if future else "recent")
        day = recent_weekday(ref, value.weekday, which)
        return day, day, "day"
    if value.kind == "period":
        return period(value.unit, ref, value.offset, value.part)
    if value.kind == "ago":
        return ago(value.unit, value.offset, ref)
    return ref - timedelta(days=value.offset), ref, "week"  # "window": the past week


def _future_hint(text: str, begin: int) -> bool:
    """Is there a future verb in the same clause shortly before ``begin``?"""
    lo = max(0, begin - _FUTURE_LOOKBACK)
    window = text[lo:begin]
    cut = max((m.end() for m in _CLAUSE_END.finditer(window)), default=0)
    return _FUTURE.search(window, cut) is not None
