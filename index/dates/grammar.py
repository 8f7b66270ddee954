"""The date grammar shared by article text and questions: finds date expressions, resolves nothing.

`scan` returns what each expression *says* (an absolute range, a year-less calendar window, or a
period relative to "now"); `index.dates.resolve` places them against a publication day or today.
Both sides use the same patterns so that a question's "May 27" and an article's "May 27" mean the
same thing.

Precision over recall where words are ambiguous: in article text month and weekday names must be
capitalized ("China may say", "a march on Kyiv"), a month without a day or year needs a preposition
or qualifier ("in March", "early March"), and numbers glued to units, times or other digits
("Su-27", "1:35", "80%", "3.5") are not dates. Questions are typed casually, so case is ignored there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from corpus.date_words import MONTH_NAMES, NUMBER_WORDS, month_number, numeric_day_month, weekday_number
from index.dates.calendar import MonthDay, month_end, safe_date
from index.dates.patterns import BACK_CHARS, QUESTION_RULES, TEXT_RULES
from index.types import Granularity

_FULL_MONTHS = frozenset(name.lower() for name in MONTH_NAMES)
_PARTS = {"beginning": "early", "start": "early", "middle": "mid", "end": "late"}
# Prepositions that make a bare month or year a date in article text; questions accept only those
# that mean "within" ("since 2020" asks for a range a constraint cannot express).
_TEXT_PREPS = frozenset("in during since until till through throughout by from before after".split())
_QUESTION_PREPS = {"in", "during", "throughout"}  # not "of": "the host of 2032 Olympics"
_MAY_PREPS = {"in", "during", "since", "until", "till", "through", "throughout"}  # not "by May" (Theresa)


@dataclass(frozen=True)
class Absolute:
    """A calendar range fixed by the text itself ("May 27, 2025", "March 2022", "2022-03-16")."""

    start: date
    end: date
    granularity: Granularity


@dataclass(frozen=True)
class Annual:
    """A window without a year: (month, day) .. (month, day), inclusive ("May 27", "March 16-17").

    ``which`` says how to place it in time: "nearest" (no hint), or "last"/"next"/"this" ("last March").
    ``weekday`` comes from "Wednesday, May 27" and can decide the year."""

    first: MonthDay
    last: MonthDay
    granularity: Granularity
    which: str = "nearest"
    weekday: int | None = None


@dataclass(frozen=True)
class Relative:
    """A date relative to "now": kind "day" (offset days), "weekday" (``weekday`` placed by ``which``),
    "period" (``unit`` week/weekend/month/year, ``offset``, ``part``), "ago" (``offset`` units back),
    "window" (the ``offset`` days up to now: "the past week")."""

    kind: str
    unit: str = ""
    offset: int = 0
    part: str = "all"
    weekday: int = 0
    which: str = "recent"


Value = Absolute | Annual | Relative


@dataclass(frozen=True)
class Expr:
    """One date expression: ``text[begin:end]`` (prepositions excluded) and what it says."""

    begin: int
    end: int
    value: Value


Groups = dict[str, str | None]
Handler = Callable[[Groups, str, int, bool], Value | None]


def scan(text: str, *, question: bool) -> list[Expr]:
    """Every date expression in ``text``, in order, without overlaps (the longest match wins)."""
    found: list[tuple[int, int, int, Value]] = []
    for rank, rule in enumerate(QUESTION_RULES if question else TEXT_RULES):
        handler = _HANDLERS[rule.name]
        for m in rule.forward.finditer(text):
            begin = m.start()
            prev = text[begin - 1] if begin else " "
            groups: Groups = m.groupdict()
            if rule.backward is not None:
                back = rule.backward.search(text, max(0, begin - BACK_CHARS), begin)
                if back is not None:
                    groups = {**back.groupdict(), **groups}
                    if "pre" in back.re.groupindex and back.group("pre") is not None:
                        begin = back.start("pre")
            if _glued(prev, rule.digit, groups):
                continue
            value = handler(groups, text, begin, question)
            if value is not None:
                found.append((begin, -m.end(), rank, value))
    found.sort(key=lambda f: (f[0], f[1], f[2]))
    out: list[Expr] = []
    last_end = -1
    for begin, neg_end, _rank, value in found:
        if begin >= last_end:
            out.append(Expr(begin, -neg_end, value))
            last_end = -neg_end
    return out


def _glued(prev: str, digit: bool, groups: Groups) -> bool:
    """Does the anchor continue the preceding word? A number must not continue a word, a number, an
    amount or a model name ("Su-27", "$20", "1,000", "3.5"), except a qualifier's "mid-2023"."""
    if not digit:
        return prev.isalpha()
    return (prev.isalnum() or prev in "_.,:/$€£#+-") and not (prev == "-" and groups.get("q"))


def _month(word: str | None) -> int:
    assert word is not None
    return month_number(word)


def _part(g: Groups) -> str | None:
    """ "early"/"mid"/"late" from "early March", "mid-2023", "the end of March"."""
    if g.get("q"):
        return str(g["q"]).lower()
    q2 = g.get("q2")
    return _PARTS[q2.lower()] if q2 else None


def _narrow_month(month: int, part: str | None) -> tuple[MonthDay, MonthDay]:
    # "early March" = 1-10, "mid-March" = 11-20, "late March" = 21-end; 29 February is clamped later.
    last_day = month_end(2000, month).day
    first_day, final_day = {"early": (1, 10), "mid": (11, 20), "late": (21, last_day)}.get(
        part or "", (1, last_day)
    )
    return (month, first_day), (month, final_day)


def _dotted_full_name(word: str | None) -> bool:
    """ "May." / "March." ends a sentence; only abbreviations take a period ("Nov. 21")."""
    return bool(word and word.endswith(".") and word[:-1].lower() in _FULL_MONTHS)


def _days(g: Groups, text: str, begin: int, question: bool) -> Value | None:
    """ "May 27", "Wednesday, May 27", "March 16-17, 2022", "March 30-April 2", "27th of May"."""
    if _dotted_full_name(g["mon"]) or _dotted_full_name(g.get("mon2")):
        return None
    month = _month(g["mon"])
    month2 = _month(g["mon2"]) if g.get("mon2") else month
    day = int(g["d"] or 0)
    day2 = int(g.get("d2") or day)
    first, last = (month, day), (month2, day2)
    if safe_date(2000, *first) is None or safe_date(2000, *last) is None:
        return None
    if last < first and month2 == month:
        return None  # "May 27-20" is not a range
    wd = g.get("wd")
    weekday = weekday_number(wd) if wd else None
    if not g.get("y"):
        return Annual(first, last, "day", weekday=weekday)
    year = int(g["y"] or 0)
    start = safe_date(year, *first)
    end = safe_date(year + (1 if last < first else 0), *last)
    return Absolute(start, end, "day") if start and end else None


def _numeric(g: Groups, text: str, begin: int, question: bool) -> Value | None:
    """ "2022-03-16", "16.03.2022", and in questions "27.05" / "27/05" / "5/27". Dotted dates are
    day.month (European); with slashes or dashes the order is trusted only when one reading is
    impossible ("5/6" could be either; "24/7" is no date at all)."""
    a = int(g["a"] or 0)
    b = int(g.get("b") or g.get("b2") or 0)
    if "sep" not in g:  # the ISO rule: year-month-day
        month, day = a, b
    elif order := numeric_day_month(a, b, dotted=g.get("sep") == "."):
        day, month = order
    else:
        return None
    if not g.get("y"):
        return Annual((month, day), (month, day), "day") if safe_date(2000, month, day) else None
    found = safe_date(int(g["y"] or 0), month, day)
    return Absolute(found, found, "day") if found else None


def _month_year(g: Groups, text: str, begin: int, question: bool) -> Value | None:
    if _dotted_full_name(g["mon"]):
        return None
    year = int(g["y"] or 0)
    first, last = _narrow_month(_month(g["mon"]), _part(g))
    return Absolute(date(year, *first), safe_date(year, *last) or month_end(year, last[0]), "month")


def _bare_month(g: Groups, text: str, begin: int, question: bool) -> Value | None:
    """ "in March", "early March", "last March"; a month name alone is too often another word."""
    name = str(g["mon"]).lower()
    prep = (g.get("prep") or "").lower()
    which = (g.get("mod") or "").lower()
    part = _part(g)
    preps = _QUESTION_PREPS if question else (_MAY_PREPS if name == "may" else _TEXT_PREPS)
    if not (part or which or prep in preps):
        return None
    first, last = _narrow_month(_month(name), part)
    placed = {"last": "last", "past": "last", "next": "next", "coming": "next", "this": "this"}
    return Annual(first, last, "month", which=placed.get(which, "nearest"))


def _year(g: Groups, text: str, begin: int, question: bool) -> Value | None:
    prep = (g.get("prep") or "").lower()
    part = _part(g)
    if question and not (part or prep in _QUESTION_PREPS):
        return None  # in a question "the 2020 election" is a topic, not a date to filter on
    year = int(g["y"] or 0)
    if year < 1900 and prep not in _TEXT_PREPS:
        return None  # "1500 troops"; but "in 1777"
    last_year = year
    if y2 := g.get("y2"):
        last_year = int(y2) if len(y2) == 4 else year // 100 * 100 + int(y2)
        if last_year <= year:
            return None
    months = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}.get(part or "", (1, 12))
    return Absolute(date(year, months[0], 1), month_end(last_year, months[1]), "year")


def _relative_day(g: Groups, text: str, begin: int, question: bool) -> Value | None:
    word = " ".join(str(g["word"]).lower().split())
    part = (g.get("part") or "").lower()
    head = word.split()[0]
    if (head == "last" and part != "night") or (head == "this" and part in ("", "night")):
        return None  # "last night", "this morning"; "yesterday morning" is yesterday
    if str(g["word"])[0].isupper() and not g.get("pre"):
        # Capitalized mid-sentence it is a name: "USA Today", NBC's "Today" show (in questions too).
        before = text[:begin].rstrip()
        quoted = text[begin + len(str(g["word"])) : begin + len(str(g["word"])) + 1] in ("”", '"', "’")
        if quoted or (before and before[-1] not in '.!?:;"“”‘’(—–-'):
            return None
    if g.get("pre"):
        if (g.get("ba") or "").lower() == "before" and word == "yesterday":
            return Relative("day", offset=-2)
        if (g.get("ba") or "").lower() == "after" and word == "tomorrow":
            return Relative("day", offset=2)
    return Relative("day", offset={"yesterday": -1, "last": -1, "tomorrow": 1}.get(head, 0))


def _period(g: Groups, text: str, begin: int, question: bool) -> Value | None:
    if not g.get("when"):
        return None  # a bare "week" or "year"
    when = " ".join(str(g["when"]).lower().split())
    unit = str(g["unit"]).lower()
    if when == "past" or (when == "last" and g.get("the")):
        # "the past week" = the seven days up to now; "the past year" is a duration, not a date.
        return Relative("window", offset=7) if unit == "week" else None
    if question and when == "this" and unit == "week":
        # A news week starts with the weekend before it: "who won the election this week?", asked on a
        # Friday, includes Sunday's runoff. In an article "this week" is the calendar week.
        return Relative("period", unit="week", offset=0, part="news")
    offset = {"last": -1, "next": 1, "coming": 1}.get(when, 0)
    part = when.split()[0] if when.startswith(("earlier", "later")) else "all"
    return Relative("period", unit=unit, offset=offset, part=part)


def _weekday(g: Groups, text: str, begin: int, question: bool) -> Value | None:
    if g.get("named"):
        return None  # "Black Friday", "Super Tuesday", "Bloody Sunday": named days
    mod = (g.get("mod") or "").lower()
    which = {"last": "before", "past": "before", "next": "after", "coming": "after", "this": "this"}
    return Relative("weekday", weekday=weekday_number(str(g["wd"])), which=which.get(mod, "recent"))


def _ago(g: Groups, text: str, begin: int, question: bool) -> Value | None:
    n = (g.get("n") or "").lower()
    count = int(n) if n.isdigit() else NUMBER_WORDS.get(n, 0)
    return Relative("ago", unit=str(g["unit"]).lower(), offset=count) if count > 0 else None


_HANDLERS: dict[str, Handler] = {
    "iso": _numeric,
    "numeric": _numeric,
    "short_numeric": _numeric,
    "month_day": _days,
    "day_month": _days,
    "month_year": _month_year,
    "bare_month": _bare_month,
    "year": _year,
    "relative_day": _relative_day,
    "period": _period,
    "weekday": _weekday,
    "ago": _ago,
}
