"""Cleaning article text: scraped pages down to the article body, feed texts lightly. Pure functions.

Both cleaners return paragraphs separated by a blank line ("\\n\\n"). They decide which lines stay and
never rewrite a kept line, so every sentence of the body stays verbatim. Two exceptions, both repairs:
`clean_scraped_text` joins a sentence that the page split over lines (around an ad or a link), and
`clean_feed_text` decodes "%2C"-style escapes. The patterns live in `corpus.clean_patterns`.

- `clean_scraped_text`: a whole page copied as text (menus, captions, membership and newsletter prompts,
  related-story teasers, "News Feed" and everything after it).
- `clean_feed_text`: text that is already an article body (JSONL archives, extracted HTML) with a little
  boilerplate left in; it never cuts anything that is followed by body text.
"""

from __future__ import annotations

import itertools
import re

from corpus import clean_lines as cl
from corpus import clean_patterns as pat
from corpus.clean_lines import (
    is_boilerplate_line,
    is_photo_caption,
    is_prose,
    looks_like_headline,
    strip_photo_credit,
)

__all__ = [
    "clean_feed_text",
    "clean_scraped_text",
    "is_boilerplate_line",
    "is_photo_caption",
    "is_prose",
    "looks_like_headline",
    "strip_photo_credit",
]

# A box of links inside an article is followed by at least this many prose paragraphs in a row.
BODY_AFTER_INLINE_BOX = 2
# The body starts at a prose line followed by another within this many lines (after boilerplate is gone).
BODY_START_WINDOW = 12
# A capitalised line this short that completes a cut-off sentence is the text of a link.
LINK_TEXT_MAX_WORDS = 6
# A line continued by a lowercase line is a cut-off sentence only with this many words (not a label).
JOIN_MIN_WORDS = 5


def clean_scraped_text(raw: str) -> str:
    """The article body of a page copied or scraped as text, paragraphs separated by a blank line."""
    lines = [line for line in _drop_consent_dialogs(_lines(raw)) if not is_boilerplate_line(line)]
    lines = _rejoin_split_sentences(lines)
    start = _body_start(lines)
    if start is None:  # no prose at all: keep what reads like text, not stray labels ("World")
        return _join([line for line in _drop_menu_runs(lines) if cl.is_text_like(line)])
    # Before the body: menus, headline repeats, bylines. Short statements may be a lede.
    lead = [line for line in lines[:start] if cl.is_short_sentence(line) or cl.lost_its_period(line)]
    # End sections go before menu runs: a "Comments" heading followed by a menu must still end the body.
    body = _drop_teasers(_drop_menu_runs(_cut_end_sections(lines[start:])))
    return _join(lead + _trim_tail(body))


def clean_feed_text(raw: str) -> str:
    """A light clean for article bodies from feeds and archives: one paragraph per line, no cuts."""
    # Captions stay in feed texts (CNN galleries are nothing but captions, and they carry facts);
    # only their credits go.
    lines = [strip_photo_credit(_decode_percent_escapes(line)) for line in _lines(raw)]
    lines = [line for line in lines if line and not cl.is_page_furniture(line)]
    kept: list[str] = []
    for i, line in enumerate(lines):
        if cl.is_end_heading(line):
            if _skip_headlines(lines, i + 1) == len(lines):
                break  # a trailing "Read more" list: the heading and its links go
            continue  # mid-text the lines after the heading may be the next section's title: keep them
        kept.append(line)
    return _join(kept)


def _lines(raw: str) -> list[str]:
    text = pat.INVISIBLE.sub("", raw.replace("\r\n", "\n").replace("\r", "\n"))
    return [line.strip() for line in text.split("\n") if line.strip()]


def _join(lines: list[str]) -> str:
    out: list[str] = []
    for line in lines:
        if not out or line != out[-1]:  # scraped pages repeat headlines and widgets back to back
            out.append(line)
    return "\n\n".join(out)


def _drop_consent_dialogs(lines: list[str]) -> list[str]:
    """Drop a cookie-consent dialog: its cookie descriptions read like prose, so they go as one block."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        if pat.CONSENT_DIALOG_START.match(lines[i]):
            end = _consent_dialog_end(lines, i)
            if end is not None:
                i = end + 1
                continue
        out.append(lines[i])
        i += 1
    return out


def _consent_dialog_end(lines: list[str], start: int) -> int | None:
    limit = min(len(lines), start + pat.CONSENT_DIALOG_MAX_LINES)
    end = next((j for j in range(start + 1, limit) if pat.CONSENT_DIALOG_END.match(lines[j])), None)
    if end is None:
        return None
    while end + 1 < len(lines) and pat.CONSENT_DIALOG_END.match(lines[end + 1]):
        end += 1  # the buttons come in a row: "Deny", "Allow selection", "Allow all"
    return end


def _rejoin_split_sentences(lines: list[str]) -> list[str]:
    """Join a sentence that the page split over lines (around an ad or a link) back into one line."""
    out: list[str] = []
    joined_link = False  # one capitalised link per line: more would be a menu being swallowed
    for line in lines:
        if out and _continues_lowercase(out[-1], line):
            out[-1] = f"{out[-1]} {line}"
        elif out and not joined_link and _continues_with_link(out[-1], line):
            out[-1] = f"{out[-1]} {line}"
            joined_link = True
        else:
            out.append(line)
            joined_link = False
    return out


def _continues_lowercase(previous: str, line: str) -> bool:
    # "... in recent weeks," + "but the campaign took two years ...": a sentence around an ad.
    return line[:1].islower() and _is_cut_off_sentence(previous, JOIN_MIN_WORDS)


def _continues_with_link(previous: str, line: str) -> bool:
    # "... the first harrowing days after" + "Russia's full scale invasion": a link's capitalised text.
    return (
        _is_cut_off_sentence(previous, cl.PROSE_MIN_WORDS)
        and previous[-1:].isalpha()
        and cl.word_count(line) <= LINK_TEXT_MAX_WORDS
        and not cl.ends_sentence(line)
        and not cl.is_end_heading(line)
    )


def _is_cut_off_sentence(text: str, min_words: int) -> bool:
    return (
        bool(re.search(r"[a-z0-9,;:–—-]$", text))
        and cl.word_count(text) >= min_words
        and not cl.is_title_case(text)
        and not cl.is_end_heading(text)
    )


def _drop_menu_runs(lines: list[str]) -> list[str]:
    keep = [True] * len(lines)
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and cl.is_menu_item(lines[j]):
            j += 1
        if j - i >= cl.MENU_MIN_RUN:
            keep[i:j] = [False] * (j - i)
        i = max(j, i + 1)
    return [line for line, k in zip(lines, keep, strict=True) if k]


def _body_start(lines: list[str]) -> int | None:
    """The first prose line that has company: a lone paragraph before the menus is a banner or a blurb."""
    prose = [i for i, line in enumerate(lines) if is_prose(line)]
    for i, j in itertools.pairwise(prose):
        if j - i <= BODY_START_WINDOW:
            return i
    return prose[0] if prose else None


def _cut_end_sections(body: list[str]) -> list[str]:
    """Drop everything from the first furniture heading ("News Feed", "Related") after the body."""
    for i, line in enumerate(body):
        if not cl.is_end_heading(line):
            continue
        if cl.is_box_heading(line):
            after = _skip_headlines(body, i + 1)
            if _leading_prose(body[after:]) >= BODY_AFTER_INLINE_BOX:
                # A box of links inside the article: drop the box, keep reading the body.
                return body[:i] + _cut_end_sections(body[after:])
        return body[:i]
    return body


def _drop_teasers(body: list[str]) -> list[str]:
    """Drop related-story teasers: a headline line followed by a blurb that is cut off mid-sentence."""
    keep = [True] * len(body)
    for i in range(len(body) - 1):
        headline, blurb = body[i], body[i + 1]
        if looks_like_headline(headline) and headline[:1].isupper() and cl.is_cut_off_blurb(blurb):
            keep[i] = keep[i + 1] = False
    return [line for line, k in zip(body, keep, strict=True) if k]


def _trim_tail(body: list[str]) -> list[str]:
    """An article ends on a sentence: trailing tag lists, share labels and widget titles go."""
    end = len(body)
    while end > 0 and not (is_prose(body[end - 1]) or cl.is_short_sentence(body[end - 1])):
        end -= 1
    return body[:end]


def _skip_headlines(lines: list[str], i: int) -> int:
    while i < len(lines) and looks_like_headline(lines[i]):
        i += 1
    return i


def _leading_prose(lines: list[str]) -> int:
    # Body text after a box runs on paragraph after paragraph; a trailing list alternates headline, blurb.
    return next((i for i, line in enumerate(lines) if not is_prose(line)), len(lines))


def _decode_percent_escapes(line: str) -> str:
    def decode(m: re.Match[str]) -> str:
        token = m.group(0)
        if "://" in token or token.lower().startswith("www."):
            return token  # inside a URL the escape is meant
        for escape, char in pat.PERCENT_ESCAPES.items():
            token = re.sub(escape, char, token, flags=re.IGNORECASE)
        return token

    return pat.PERCENT_TOKEN.sub(decode, line) if "%" in line else line
