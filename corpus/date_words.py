"""The English date vocabulary: month and weekday names, number words, how numeric dates are read and
how a day is written.

Both date readers share it: `corpus.metadata` (an article's publication date) and `index.dates`
(every date an article or a question mentions), so that "Sept. 3" and "3.4." mean the same to both.
It lives in `corpus`, the first stage, because corpus may import nothing from the stages after it.
"""

from __future__ import annotations

from datetime import date

MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
# The abbreviations news copy uses, with or without a period; "May" is too short to have one.
MONTH_ABBREVIATIONS = {
    "Jan": 1,
    "Feb": 2,
    "Mar": 3,
    "Apr": 4,
    "Jun": 6,
    "Jul": 7,
    "Aug": 8,
    "Sept": 9,
    "Sep": 9,
    "Oct": 10,
    "Nov": 11,
    "Dec": 12,
}
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
WEEKDAY_ABBREVIATIONS = {
    "Mon": 0,
    "Tues": 1,
    "Tue": 1,
    "Wed": 2,
    "Thurs": 3,
    "Thur": 3,
    "Thu": 3,
    "Fri": 4,
    "Sat": 5,
    "Sun": 6,
}
# Counts written as words, as in "three days ago" or "a week ago".
NUMBER_WORDS = {
    **{
        w: i
        for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve".split())
    },
    "a": 1,
    "an": 1,
}

# Every spelling in lower case → month 1-12 / weekday 0-6 (Monday first, as `date.weekday()`).
MONTHS = {name.lower(): i for i, name in enumerate(MONTH_NAMES, 1)} | {
    abbr.lower(): i for abbr, i in MONTH_ABBREVIATIONS.items()
}
WEEKDAYS = {name.lower(): i for i, name in enumerate(WEEKDAY_NAMES)} | {
    abbr.lower(): i for abbr, i in WEEKDAY_ABBREVIATIONS.items()
}
ORDINAL_SUFFIX = r"(?:st|nd|rd|th)?"


def month_number(word: str) -> int:
    """1-12 for any spelling of a month, in any case, with or without a period ("Sept." → 9)."""
    return MONTHS[word.rstrip(".").lower()]


def weekday_number(word: str) -> int:
    """0-6 (Monday = 0) for any spelling of a weekday ("Tues." → 1)."""
    return WEEKDAYS[word.rstrip(".").lower()]


def numeric_day_month(a: int, b: int, *, dotted: bool = False) -> tuple[int, int] | None:
    """(day, month) of a numeric date written "a/b" or "a.b". A dotted date is day.month (European) when
    the caller trusts that convention; otherwise the order is trusted only when one reading is impossible
    ("13/4" and "4/13" are 13 April; "5/6" could be either, and a wrong date is worse than none)."""
    if dotted or a > 12 >= b:
        return a, b
    if b > 12 >= a or a == b:
        return b, a
    return None


def format_date(value: date | None) -> str:
    """'27 May 2025' (no leading zero, English month, independent of the locale); '' for None."""
    if value is None:
        return ""
    return f"{value.day} {MONTH_NAMES[value.month - 1]} {value.year}"
