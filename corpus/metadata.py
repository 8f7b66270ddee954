"""Article metadata: YAML front matter, dates in the formats news pages use, and guesses for what is missing.

Pure functions over strings; `corpus.load` decides what to do when something is missing or wrong.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path, PurePath

import yaml

from corpus.clean import is_boilerplate_line, is_prose
from corpus.date_words import MONTHS, ORDINAL_SUFFIX, month_number, numeric_day_month

# Suffixes that belong to the format, not the name: "gazette-2024.jsonl.gz" has the stem "gazette-2024".
COMPOUND_SUFFIXES = (".jsonl.gz", ".html.gz", ".htm.gz")

# A published date is looked for at the top: up to a few lines into the body (datelines), and never
# further than this many lines (a page dump can open with a long menu).
DATE_SEARCH_LINES = 150
DATE_SEARCH_INTO_BODY = 3
# A date in a line this short is that line's subject ("Published May 27, 2025", "27/02/2026 09:20").
DATE_LINE_MAX_WORDS = 12
# A date this close to the start of a longer line is a dateline ("KYIV, May 27, 2025 — ...").
DATELINE_MAX_OFFSET = 40

# A title is a short line: longer first lines are the article's first paragraph.
TITLE_MAX_CHARS = 200
TITLE_MAX_WORDS = 30
TITLE_MIN_WORDS = 3
TITLE_SEARCH_LINES = 10
# "Title | Carnegie Endowment for International Peace": a site name after "|" has at most this many words.
SITE_NAME_MAX_WORDS = 6
SITE_SUFFIX_MIN_TITLE_WORDS = 3

_MONTH = rf"(?P<month>{'|'.join(sorted(MONTHS, key=len, reverse=True))})\.?"
_DATE_PATTERNS = [
    # ISO, with or without a time: "2022-03-16", "2022-03-16T10:00:00Z".
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mon>\d\d)-(?P<day>\d\d)(?=$|[T \s,.;)\]])"),
    re.compile(rf"\b{_MONTH} (?P<day>\d{{1,2}}){ORDINAL_SUFFIX},? (?P<year>(?:19|20)\d\d)\b", re.I),
    re.compile(rf"\b(?P<day>\d{{1,2}}){ORDINAL_SUFFIX} (?:of )?{_MONTH},? (?P<year>(?:19|20)\d\d)\b", re.I),
    re.compile(r"\b(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<year>(?:19|20)\d\d)\b"),
]
_FRONT_MATTER_FENCE = re.compile(r"^---[ \t]*$")
_FRONT_MATTER_END = re.compile(r"^(?:---|\.\.\.)[ \t]*$")
_MARKDOWN_HEADING = re.compile(r"^#{1,6}[ \t]+(.+?)[ \t#]*$")
# "Title | Section | Site" and "Title - Site": page titles carry the site's name at the end.
_SITE_SUFFIX = re.compile(r"^(?P<title>.+?)\s+(?:\||-|–|—)\s+(?P<site>[^|–—]{1,60})$")


class FrontMatterError(ValueError):
    """The YAML front matter at the top of a text file cannot be read."""


def split_front_matter(text: str) -> tuple[dict[str, object], str]:
    """({fields}, body) for text that starts with a '---' YAML block; ({}, text) when there is none."""
    lines = text.split("\n")
    if not lines or not _FRONT_MATTER_FENCE.match(lines[0]):
        return {}, text
    end = next((i for i in range(1, len(lines)) if _FRONT_MATTER_END.match(lines[i])), None)
    if end is None:
        raise FrontMatterError(
            "front matter opened with '---' on line 1 is never closed: add a line '---' after the fields"
        )
    try:
        fields = yaml.safe_load("\n".join(lines[1:end]))
    except yaml.YAMLError as exc:
        where = getattr(exc, "problem_mark", None)
        at = f" on line {where.line + 2}" if where is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise FrontMatterError(
            f"front matter is not valid YAML{at} ({problem}): quote values that contain ':' or '#'"
        ) from exc
    if fields is None:
        fields = {}
    if not isinstance(fields, dict):
        raise FrontMatterError("front matter must be 'key: value' lines (id, title, source, published, url)")
    return {str(k): v for k, v in fields.items()}, "\n".join(lines[end + 1 :])


def parse_date(value: object) -> date | None:
    """A date from a YAML/JSON value: date, datetime, "2022-03-16", "2022-03-16T10:00:00Z", "May 27, 2025".

    None or "" give None; anything else that is not a date raises ValueError.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        found = find_date(value)
        if found is not None:
            return found
    raise ValueError(f"{value!r} is not a date: write it as YYYY-MM-DD")


def find_date(text: str) -> date | None:
    """The first unambiguous calendar date written in `text`, or None."""
    hits: list[tuple[int, date]] = []
    for pattern in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            found = _to_date(m)
            if found is not None:
                hits.append((m.start(), found))
                break
    return min(hits)[1] if hits else None


def infer_published(text: str) -> date | None:
    """A publication date near the top: a date line ("Updated Feb. 23, 2026") or a dateline."""
    lines = [line.strip() for line in text.split("\n") if line.strip()][:DATE_SEARCH_LINES]
    body = next((i for i, line in enumerate(lines) if is_prose(line)), len(lines))
    for line in lines[: body + DATE_SEARCH_INTO_BODY]:
        if is_boilerplate_line(line) and not _looks_like_date_line(line):
            continue  # photo captions carry the date the photo was taken
        for pattern in _DATE_PATTERNS:
            m = pattern.search(line)
            if m is None:
                continue
            short = len(line.split()) <= DATE_LINE_MAX_WORDS
            if short or m.start() <= DATELINE_MAX_OFFSET:
                found = _to_date(m)
                if found is not None:
                    return found
    return None


def infer_title(text: str) -> str | None:
    """A title from the top of the text: a Markdown heading, else a short first line that is not furniture."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    for line in lines[:TITLE_SEARCH_LINES]:
        heading = _MARKDOWN_HEADING.match(line)
        if heading:
            return _strip_site_name(heading.group(1))
    for line in lines[:TITLE_SEARCH_LINES]:
        if is_boilerplate_line(line) or len(line.split()) < TITLE_MIN_WORDS:
            continue
        if len(line) <= TITLE_MAX_CHARS and len(line.split()) <= TITLE_MAX_WORDS and not line.endswith("."):
            return _strip_site_name(line)
        return None  # the first real line is a paragraph: there is no title line
    return None


def title_from_name(path: PurePath) -> str:
    """A readable title from a file name: "china-denies_supplies.txt" → "China denies supplies"."""
    words = re.sub(r"[-_]+", " ", article_stem(path)).strip()
    return words[:1].upper() + words[1:] if words else path.name


def article_stem(path: PurePath) -> str:
    """The file name without its format suffixes ("a.jsonl.gz" → "a")."""
    name = path.name
    for suffix in COMPOUND_SUFFIXES:
        if name.lower().endswith(suffix):
            return name[: -len(suffix)]
    return Path(name).stem


def _strip_site_name(title: str) -> str:
    # Drop " | Al Jazeera", " - Euromaidan Press" while what is left still reads as a title.
    while (m := _SITE_SUFFIX.match(title)) and len(m["title"].split()) >= SITE_SUFFIX_MIN_TITLE_WORDS:
        if len(m["site"].split()) > (SITE_NAME_MAX_WORDS if "|" in m.group(0)[len(m["title"]) :] else 4):
            break
        title = m["title"]
    return title.strip()


def _looks_like_date_line(line: str) -> bool:
    return len(line.split()) <= DATE_LINE_MAX_WORDS and any(p.search(line) for p in _DATE_PATTERNS)


def _to_date(m: re.Match[str]) -> date | None:
    groups = m.groupdict()
    year = int(groups["year"])
    if groups.get("month"):
        month, day = month_number(groups["month"]), int(groups["day"])
    elif groups.get("mon"):
        month, day = int(groups["mon"]), int(groups["day"])
    else:
        order = numeric_day_month(int(groups["a"]), int(groups["b"]))
        if order is None:
            return None  # 03/04/2025: March 4 or 3 April? Better no date than a wrong one.
        day, month = order
    try:
        return date(year, month, day)
    except ValueError:
        return None
