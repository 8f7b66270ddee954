"""Calendar arithmetic and labels for date expressions (pure; the reference day is always a parameter).

Weeks run Monday to Sunday (ISO), the convention of the archive's European and US sources alike when
they say "last week".
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from corpus.date_words import MONTH_NAMES
from index.types import Granularity

Range = tuple[date, date, Granularity]
MonthDay = tuple[int, int]
# How far ahead a future verb may place a year-less date: "will begin July 4" in an article dated
# 16 July is more likely a stale date line than a plan for next year.
FUTURE_REACH_DAYS = 200

# Labels abbreviate to three letters ("28 Oct–3 Nov"); "Sept" is for reading, not writing.
_SHORT_MONTHS = tuple(name[:3] for name in MONTH_NAMES)


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def month_range(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), month_end(year, month)


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def safe_date(year: int, month: int, day: int) -> date | None:
    """The date, or None where it does not exist (31 April, 29 February of a common year)."""
    if not 1 <= month <= 12 or day < 1 or day > calendar.monthrange(year, month)[1]:
        return None
    return date(year, month, day)


def annual_window(year: int, first: MonthDay, last: MonthDay) -> tuple[date, date] | None:
    """The window (month, day)..(month, day) that starts in ``year``; it wraps into the next year when
    ``last`` comes before ``first`` ("Dec. 30-Jan. 2"). None when the first day does not exist that year
    (29 February); a missing last day is clamped to its month's end ("February" = 1..28 or 29)."""
    start = safe_date(year, *first)
    if start is None:
        return None
    end_year = year + 1 if last < first else year
    end = safe_date(end_year, *last) or month_end(end_year, last[0])
    return start, end


def nearest_annual(
    first: MonthDay,
    last: MonthDay,
    ref: date,
    *,
    future: bool,
    weekday: int | None = None,
    lean: float = 2.0,
) -> tuple[date, date] | None:
    """Place a year-less window near the publication day ``ref``.

    Writers drop the year for dates close to "now", mostly recent past ones: the window nearest to
    ``ref`` wins, a future one only when ``lean`` times its distance is still smaller ("Dec. 30" on
    3 Jan → last December; "June 2" on 27 May → this June; ``lean`` = inf: never ahead). With a
    future verb ("will meet on June 2") the next window wins if it is within ``FUTURE_REACH_DAYS``.
    A weekday given with the date ("Wednesday, May 27") picks the year outright.
    """
    windows = [w for y in (ref.year - 1, ref.year, ref.year + 1) if (w := annual_window(y, first, last))]
    if weekday is not None:
        fitting = [w for w in windows if w[0].weekday() == weekday]
        if len(fitting) == 1:
            return fitting[0]
    past = [w for w in windows if w[0] <= ref]
    ahead = [w for w in windows if w[0] > ref]
    best_past = past[-1] if past else None
    best_ahead = ahead[0] if ahead else None
    if best_past is None or best_past[1] >= ref or best_ahead is None:
        return best_past or best_ahead  # ref lies inside the window, or there is only one side
    if future and (best_ahead[0] - ref).days <= FUTURE_REACH_DAYS:
        return best_ahead
    return best_ahead if lean * (best_ahead[0] - ref).days < (ref - best_past[1]).days else best_past


def shift_annual(first: MonthDay, last: MonthDay, ref: date, which: str) -> tuple[date, date] | None:
    """ "last March" (the latest March that ended before ``ref``'s month), "next March", "this March"."""
    years = range(ref.year - 2, ref.year + 3)
    windows = [w for y in years if (w := annual_window(y, first, last))]
    if which == "this":
        return next((w for w in windows if w[0].year == ref.year), None)
    if which == "last":
        before = [w for w in windows if w[1] < ref and (w[1].year, w[1].month) < (ref.year, ref.month)]
        return before[-1] if before else None
    after = [w for w in windows if w[0] > ref and (w[0].year, w[0].month) > (ref.year, ref.month)]
    return after[0] if after else None


def recent_weekday(ref: date, weekday: int, which: str) -> date:
    """The weekday relative to ``ref``: "recent" = latest on or before, "before" = latest strictly
    before, "after" = first strictly after, "upcoming" = first on or after, "this" = in ref's week."""
    back = (ref.weekday() - weekday) % 7
    if which == "recent":
        return ref - timedelta(days=back)
    if which == "before":
        return ref - timedelta(days=back or 7)
    ahead = (weekday - ref.weekday()) % 7
    if which == "upcoming":
        return ref + timedelta(days=ahead)
    if which == "after":
        return ref + timedelta(days=ahead or 7)
    return week_start(ref) + timedelta(days=weekday)


def period(unit: str, ref: date, offset: int, part: str) -> Range:
    """A calendar period around ``ref``: ``unit`` week/weekend/month/year, ``offset`` -1 = last,
    0 = this, 1 = next; ``part`` "earlier"/"later" cuts the current period at ``ref``, "news" starts a
    week at the weekend before it."""
    if unit in ("week", "weekend"):
        monday = week_start(ref) + timedelta(weeks=offset)
        if unit == "weekend":
            return monday + timedelta(days=5), monday + timedelta(days=6), "week"
        start, end = monday, monday + timedelta(days=6)
        granularity: Granularity = "week"
    elif unit == "month":
        start, end = month_range(*add_months(ref.year, ref.month, offset))
        granularity = "month"
    else:
        start, end = date(ref.year + offset, 1, 1), date(ref.year + offset, 12, 31)
        granularity = "year"
    if part == "news" and granularity == "week":
        start -= timedelta(days=2)
    if part == "earlier":
        end = min(end, ref)
    elif part == "later":
        start = max(start, ref)
    return start, end, granularity


def ago(unit: str, n: int, ref: date) -> Range:
    """ "three days ago" = that day; "two weeks ago" = that day's week; "a year ago" = that year."""
    if unit == "day":
        day = ref - timedelta(days=n)
        return day, day, "day"
    if unit == "week":
        monday = week_start(ref - timedelta(weeks=n))
        return monday, monday + timedelta(days=6), "week"
    if unit == "month":
        start, end = month_range(*add_months(ref.year, ref.month, -n))
        return start, end, "month"
    return date(ref.year - n, 1, 1), date(ref.year - n, 12, 31), "year"


def format_range(start: date, end: date, *, short: bool = False, with_year: bool = True) -> str:
    """How a person reads a range: "27 May 2025", "16–17 March 2022", "March 2022", "2022",
    "January–April 2025"; ``short`` abbreviates month names next to days ("28 Oct–3 Nov 2026")."""
    names = MONTH_NAMES  # whole months are always spelled out
    day_names = _SHORT_MONTHS if short else MONTH_NAMES

    def md(d: date) -> str:
        return f"{d.day} {day_names[d.month - 1]}"

    def yr(y: int) -> str:
        return f" {y}" if with_year else ""

    whole_months = start.day == 1 and end == month_end(end.year, end.month)
    if whole_months and (start.month, end.month) == (1, 12) and with_year:
        return str(start.year) if start.year == end.year else f"{start.year}–{end.year}"
    if whole_months and start.year == end.year:
        if start.month == end.month:
            return f"{names[start.month - 1]}{yr(start.year)}"
        return f"{names[start.month - 1]}–{names[end.month - 1]}{yr(start.year)}"
    if start == end:
        return f"{md(start)}{yr(start.year)}"
    if start.year != end.year:
        return f"{md(start)}{yr(start.year)}–{md(end)}{yr(end.year)}"
    if start.month == end.month:
        return f"{start.day}–{md(end)}{yr(end.year)}"
    return f"{md(start)}–{md(end)}{yr(end.year)}"
