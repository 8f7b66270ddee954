"""Compiled regular expressions of the date grammar, one set for article text and one for questions.

Speed matters: every article of the archive is scanned at ingest. Each rule is therefore split into a
*forward* pattern that starts at a cheap, mandatory anchor (a digit, a month or weekday name, a
relative word) and an optional *backward* pattern, matched only at the few anchor hits against the
text just before them, for the optional lead-ins ("Wednesday, " May 27, "in early " March, "three "
days ago). Article text is matched case-sensitively with the spellings news copy uses (Title case,
lower case for common words, UPPER in headlines): Python's case-insensitive matching is several
times slower, and case is what tells "May 27" from "may say". Questions are short and typed
casually, so their set ignores case.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from corpus.date_words import (
    MONTH_ABBREVIATIONS,
    MONTH_NAMES,
    NUMBER_WORDS,
    ORDINAL_SUFFIX,
    WEEKDAY_ABBREVIATIONS,
    WEEKDAY_NAMES,
)

_FULL_MONTHS = " ".join(MONTH_NAMES)
_SHORT_MONTHS = " ".join(MONTH_ABBREVIATIONS)
_WEEKDAYS = " ".join(WEEKDAY_NAMES)
_SHORT_WEEKDAYS = " ".join(WEEKDAY_ABBREVIATIONS)
_NUMBER_WORDS = " ".join(word for word, n in NUMBER_WORDS.items() if n)  # "zero days ago" is no date
_NAMED_DAYS = "black cyber good super ash holy maundy easter bloody blue giving fat palm shrove manic man"
# Back-look windows: long enough for "Wednesday, " / "at the beginning of " / "the day before ".
BACK_CHARS = 32


@dataclass(frozen=True)
class Rule:
    name: str
    forward: re.Pattern[str]
    backward: re.Pattern[str] | None  # matched against text[start - BACK_CHARS:start], ends with $
    digit: bool  # anchored at a digit (else at a letter): decides which preceding characters block it


def _alt(words: str, *, question: bool, upper: bool = True) -> str:
    """An alternation of ``words`` in the spellings article text uses: as given (Title or lower case),
    Title case, and UPPER case for headlines; questions compile with IGNORECASE instead."""
    forms: list[str] = []
    for word in words.split():
        variants = (
            [word] if question else [word, word[:1].upper() + word[1:]] + ([word.upper()] if upper else [])
        )
        forms += [v for v in variants if v not in forms]
    forms.sort(key=len, reverse=True)  # "Sept" before "Sep", "Tues" before "Tue"
    return "(?:" + "|".join(forms) + ")"


def build(question: bool) -> list[Rule]:
    """The rules, in priority order for equally long matches."""

    def alt(words: str, upper: bool = True) -> str:
        return _alt(words, question=question, upper=upper)

    flags = re.VERBOSE | (re.IGNORECASE if question else 0)
    # One flat alternation per anchor: Python's regex engine can then skip ahead by first character.
    # The optional period belongs to abbreviations; handlers reject it after full names ("in May. 5").
    month = rf"{alt(_FULL_MONTHS + ' ' + _SHORT_MONTHS)}(?![A-Za-z])\.?"
    # Where the month is not the anchor, full names never take the period ("on the 27th of May.").
    inner_month = rf"(?:{alt(_FULL_MONTHS)}(?![A-Za-z])|{alt(_SHORT_MONTHS)}(?![A-Za-z])\.?)"
    weekday = rf"{alt(_WEEKDAYS)}(?![A-Za-z])"
    any_weekday = rf"{alt(_WEEKDAYS + ' ' + _SHORT_WEEKDAYS)}(?![A-Za-z])\.?"
    year = r"(?:1\d|20)\d\d(?!\d)"  # 1000-2099; a bare year before 1900 needs a preposition
    ordinal = ORDINAL_SUFFIX
    # After a day or a year: no more digits, decimal, time or percentage ("May 5:30", "2,022", "27.5").
    not_number = r"(?![\d%]|[.:,/]\d|\s*percent\b)"
    qualifier = rf"""(?:(?P<q>{alt("early mid late")})[-\s]+
        |{alt("the")}\s+(?P<q2>{alt("beginning start middle end")})\s+of\s+)"""
    end_word = r"(?![A-Za-z])"
    # The word before a qualifier or modifier, which must not itself be one ("in early March").
    prep = r"(?P<prep>(?!(?:early|mid|late|the|last|next|this|past|coming)\b)[A-Za-z]+)"
    weekday_lead = rf"(?P<pre>(?P<wd>{any_weekday}),?\s+)$"
    day_range = rf"""(?:(?:[-–]|\s+(?:to|through|thru)\s+)(?:(?P<mon2>{inner_month})\s*)?
        (?P<d2>\d{{1,2}}){ordinal}(?!\w))?"""

    def rule(name: str, forward: str, backward: str | None = None) -> Rule:
        back = re.compile(backward, flags | re.IGNORECASE) if backward else None
        digit = forward.startswith(("(?P<y>", "(?P<d>", "(?P<a>"))
        return Rule(name, re.compile(forward, flags), back, digit)

    rules = [
        rule("iso", rf"(?P<y>{year})-(?P<a>\d{{1,2}})-(?P<b>\d{{1,2}})(?![\w%]|[-.]\d)"),
        rule(
            "numeric",
            rf"(?P<a>\d{{1,2}})(?P<sep>[./-])(?P<b>\d{{1,2}})(?P=sep)(?P<y>{year})"
            r"(?![\w%]|[-./]\d)",
        ),
        rule(
            "month_day",
            rf"""(?P<mon>{month})(?:(?<=\.)\s*|\s+)(?P<d>\d{{1,2}}){ordinal}(?!\w)
            {day_range} (?:(?:,\s*|\s+)(?:of\s+)?(?P<y>{year}))? {not_number}""",
            weekday_lead,
        ),
        rule(
            "day_month",
            rf"""(?P<d>\d{{1,2}}){ordinal}
            (?:(?:[-–]|\s+(?:to|through)\s+)(?P<d2>\d{{1,2}}){ordinal})?
            \s+(?:of\s+)?(?P<mon>{inner_month}) (?:,?\s+(?P<y>{year}))? {not_number}""",
            weekday_lead,
        ),
        rule(
            "month_year",
            rf"(?P<mon>{month})(?:,?\s+|\s+of\s+)(?P<y>{year}){not_number}",
            rf"(?P<pre>{qualifier})$",
        ),
        rule(
            "bare_month",
            rf"(?P<mon>{alt(_FULL_MONTHS)}){end_word}(?!['’]s\b)",
            rf"""(?:\b{prep}\s+(?:the\s+month\s+of\s+)?)?
             (?P<pre>{qualifier}|(?P<mod>last|next|this|past|coming)\s+)?$""",
        ),
        rule(
            "year",
            rf"""(?P<y>{year})(?:(?:[-–]|\s+to\s+)(?P<y2>{year}|\d\d(?!\d)))?
             (?![\w%]|[.,/:-]\d|\s*percent\b)""",
            rf"(?:\b{prep}\s+(?:the\s+year\s+)?)?(?P<pre>{qualifier})?$",
        ),
        rule(
            "relative_day",
            rf"""(?P<word>{alt("yesterday today tonight tomorrow last this", upper=False)}
             (?:\s+(?P<part>night|morning|afternoon|evening))?){end_word}""",
            r"(?P<pre>(?:the\s+)?day\s+(?P<ba>before|after)\s+)$",
        ),
        rule(
            "period",
            rf"(?P<unit>weekend|week|month|year){end_word}(?!\s+(?:of|and|or|before|after)\b)",
            r"""(?P<the>\bthe\s+)?(?P<pre>\b(?P<when>(?:earlier|later)\s+this|this|last|next|past|coming)\s+)$""",
        ),
        rule(
            "weekday",
            rf"(?P<wd>{weekday})",
            rf"(?:\b(?P<named>{'|'.join(_NAMED_DAYS.split())})\s+|(?P<pre>\b(?P<mod>last|next|this|past|coming)\s+))$",
        ),
        rule(
            "ago",
            rf"(?P<unit>day|week|month|year)s?\s+ago{end_word}",
            rf"(?P<pre>(?<![\w.,])(?P<n>\d{{1,2}}|{'|'.join(_NUMBER_WORDS.split())})\s+)$",
        ),
    ]
    if question:
        # "27.05" (day.month) and "27/05" or "5/27": in article text these are numbers, not dates.
        # "24/7" is the idiom.
        rules.append(
            rule(
                "short_numeric",
                r"""(?P<a>\d{1,2})(?:(?P<sep>\.)(?P<b>\d\d)
            |(?P<slash>/)(?P<b2>\d{1,2}))(?![\w%]|[./,]\d)(?<!24/7)""",
            )
        )
    return rules


TEXT_RULES = build(question=False)
QUESTION_RULES = build(question=True)
