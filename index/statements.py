"""Statements in an article: who said what, where in the text, and on which day.

`extract_statements` runs at ingest over every article. It finds attributions (`index.speech`), tells
what their speaker phrases denote (`index.speakers`), resolves them within the article (`index.cast`),
and dates each statement:

* Only a day-precise date (not after publication) in the attribution's own frame counts: the words
  between speaker and verb ("the ministry on Thursday said"), a short opening phrase naming the
  occasion ("On Monday, …", "Speaking in the western city of Lviv on Thursday, …", "In his May 9
  speech, …"), and the verb's adverbials of occasion right after it or the inverted speaker ("said
  Thursday", "told CNN in an exclusive interview on Friday", "told reporters from the presidential
  palace on Monday"; `index.speech._occasion_end` has the grammar). A date inside what was said ("said
  the invasion began on Feb. 24", "warned of an attack on Monday") is its subject, not its date. Of
  several, the one nearest the verb wins.
* "added" and an unattributed quote continuing a statement take that statement's date.
* Otherwise the statement is dated to publication, with ``day_inferred`` set.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from index.cast import Cast, Entity
from index.dates import find_dates
from index.phrases import speech_mentions
from index.quotes import QUOTE_MARKS, find_quotes
from index.sentences import split_sentences
from index.speakers import KnownName, Speaker, classify
from index.speech import Attribution, Scanner
from index.speech_lexicon import CONTINUING_VERBS
from index.types import DateMention

# Bump when the extraction changes: indexes re-extract their statements from stored text (no re-encoding).
STATEMENTS_VERSION = 4


@dataclass(frozen=True)
class Statement:
    """One attributed statement. ``text[begin:end]`` holds the statement's sentence(s), including the
    lead-in naming the speaker when it is in the same sentence."""

    begin: int
    end: int
    speaker: str  # as written where the speech is attributed: "Kremlin spokesman Dmitry Peskov", "he"
    canonical: str  # the fullest name the article gives ("Dmitry Peskov"), an institution's name
    affiliations: tuple[str, ...]  # alias-table keys the speaker speaks for: ("russia",)
    kind: str  # "direct" (a quotation), "reported" (X said that …) or "according" (according to X)
    day: date | None  # the day it was said
    day_inferred: bool  # no date found: ``day`` is the publication date


@dataclass
class _Draft:
    begin: int
    end: int
    at: int
    speaker: str
    entity: Entity
    kind: str
    day: date | None
    inferred: bool
    regions: tuple[int, ...] = ()


def extract_statements(
    text: str,
    published: date | None,
    mentions: Sequence[DateMention] | None = None,
    *,
    sentences: Sequence[tuple[int, int]] | None = None,
) -> list[Statement]:
    """The attributed statements of an article, in text order. ``mentions`` are the article's date
    mentions (`index.dates.find_dates`) and ``sentences`` its sentence spans (`split_sentences`) when
    the caller has them (ingest does: a third of the time here is splitting); else they are found."""
    sentences = split_sentences(text) if sentences is None else list(sentences)
    quotes = find_quotes(text)
    scanner = Scanner(text, sentences, quotes)
    cast = Cast(text, scanner.sentence_of)
    known = KnownName(text)
    dates = _Dates(text, published, mentions, scanner.sentence_of)
    events: list[tuple[int, Speaker, Attribution | None]] = []
    for phrase in speech_mentions(text):
        speaker = classify(phrase, text, False, known)
        if speaker is not None:
            events.append((phrase.begin, speaker, None))
    for att in scanner.attributions():
        s_begin = scanner.sentence_of(att.verb_at)[0]
        lead = text[max(s_begin, att.phrase.begin - 20) : att.phrase.begin].strip(QUOTE_MARKS + " ")
        lead = lead if att.phrase.begin - s_begin <= 20 else "…"
        opening = not lead or lead.endswith((":", "—", "–", "("))  # "More: What Biden said"
        speaker = classify(att.phrase, text, opening, known)
        if speaker is not None:
            events.append((min(att.phrase.begin, att.verb_at), speaker, att))
    events.sort(key=lambda e: e[0])
    drafts: list[_Draft] = []
    for at, speaker, found in events:
        if found is None:
            cast.mentioned(speaker, at)
            continue
        entity = cast.resolve(speaker, at)
        if entity is None:
            continue
        cast.spoke(entity, at)
        day, inferred = dates.day_of(found)
        if inferred and found.verb in CONTINUING_VERBS and entity.last_day is not None:
            day, inferred = entity.last_day
        elif inferred and entity.said_on is not None and not _own_time(text, found, dates):
            # A story tells one occasion: "In televised comments on Thursday, Putin said …" dates the
            # quotes of his that follow, unless they carry a time of their own ("had said last week").
            day, inferred = entity.said_on, False
        entity.last_day = (day, inferred)
        if not inferred:
            entity.said_on = day
        drafts.append(
            _Draft(
                found.begin, found.end, at, speaker.written, entity, found.kind, day, inferred, found.regions
            )
        )
    drafts = _continue_quotes(text, drafts, quotes.regions, scanner)
    cast.complete_names()
    return _finish(drafts)


_PARAGRAPH = 3000  # characters looked at around a quotation for its paragraph's ends


class _Dates:
    """Date mentions by position; found sentence by sentence when the caller has none (equivalent, as
    no date expression crosses a sentence, and much cheaper: few sentences hold a statement)."""

    def __init__(
        self,
        text: str,
        published: date | None,
        mentions: Sequence[DateMention] | None,
        sentence_of: Callable[[int], tuple[int, int]],
    ) -> None:
        self.text = text
        self.published = published
        self.sentence_of = sentence_of
        self.given = sorted(mentions, key=lambda m: m.begin) if mentions is not None else None
        self.found: dict[int, list[DateMention]] = {}

    def within(self, lo: int, hi: int) -> list[DateMention]:
        """Mentions starting in [lo, hi), which lies in one sentence."""
        found = self.given
        if found is None:
            s_lo, s_hi = self.sentence_of(lo)
            found = self.found.get(s_lo)
            if found is None:
                found = self.found[s_lo] = [
                    DateMention(m.begin + s_lo, m.end_offset + s_lo, m.text, m.start, m.end, m.granularity)
                    for m in find_dates(self.text[s_lo:s_hi], self.published)
                ]
        return found[bisect_left(found, lo, key=_begin) : bisect_left(found, hi, key=_begin)]

    def day_of(self, att: Attribution) -> tuple[date | None, bool]:
        best: tuple[int, date] | None = None
        for lo, hi in att.frames:
            for m in self.within(lo, hi) if lo < hi else ():
                if m.granularity != "day" or (self.published is not None and m.start > self.published):
                    continue
                distance = min(abs(m.begin - att.verb_at), abs(m.end_offset - att.verb_at))
                if best is None or distance < best[0]:
                    best = (distance, m.start)
        if best is not None:
            return best[1], False
        return self.published, self.published is not None


# Words placing a statement at another time than the story's occasion: "had said", "earlier", "last year".
_OTHER_TIME = re.compile(
    r"\b(?:earlier|previously|ago|last|once|repeatedly|recently|has|have|had|since|past|before|then|"
    r"later|former|formerly|yesterday|tomorrow)\b",
    re.IGNORECASE,
)


def _own_time(text: str, att: Attribution, dates: _Dates) -> bool:
    """Whether the attribution's own frame (its opening phrase, the words between speaker and verb, the
    verb's adverbials) places the speech in time; what was said has tenses and dates of its own."""
    return any(
        lo < hi and bool(dates.within(lo, hi) or _OTHER_TIME.search(text[lo:hi])) for lo, hi in att.frames
    )


def _begin(m: DateMention) -> int:
    return m.begin


def _continue_quotes(
    text: str, drafts: list[_Draft], regions: list[tuple[int, int]], scanner: Scanner
) -> list[_Draft]:
    """Quotations no attribution claims, given to the statement right before them: a quote sentence
    after the attribution in the same paragraph extends it; a paragraph that is all quotation right
    after a paragraph holding a statement is a new statement by the same speaker."""
    attached = {r for d in drafts for r in d.regions}
    ordered = sorted(drafts, key=lambda d: d.end)
    added: list[_Draft] = []
    k = -1
    for index, (rb, re_) in enumerate(regions):
        while k + 1 < len(ordered) and ordered[k + 1].end <= rb:
            k += 1
        prev = ordered[k] if k >= 0 else None
        if added and added[-1].end <= rb and (prev is None or added[-1].end >= prev.end):
            prev = added[-1]
        if index in attached or prev is None:
            continue
        between = text[prev.end : rb]
        if between.strip():
            continue
        quote_end = scanner.sentence_of(re_ - 1)[1]
        if "\n" not in between:
            # Every statement of that sentence goes on ('“…,” said X, who called it “…”. “…”')
            j = k - 1 if k >= 0 and prev is ordered[k] else -1
            while j >= 0 and ordered[j].end == prev.end:
                ordered[j].end = max(ordered[j].end, quote_end)
                j -= 1
            prev.end = max(prev.end, quote_end)
            continue
        line_start = text.rfind("\n", max(0, rb - _PARAGRAPH), rb) + 1
        line_end = text.find("\n", re_ - 1, re_ + _PARAGRAPH)
        rest = text[re_ : len(text) if line_end < 0 else line_end]
        if not text[line_start:rb].strip() and not rest.strip():
            begin = scanner.sentence_of(rb)[0]
            added.append(
                _Draft(begin, quote_end, rb, prev.speaker, prev.entity, "direct", prev.day, prev.inferred)
            )
    return ordered + added


def _finish(drafts: list[_Draft]) -> list[Statement]:
    """One statement per span and speaker: the first attribution's, and "direct" if any of them quotes
    ('described the call as "a good conversation," and added: "…"')."""
    out: list[Statement] = []
    seen: dict[tuple[int, int, str], int] = {}
    resolved: dict[int, tuple[str, tuple[str, ...]]] = {}
    for d in sorted(drafts, key=lambda d: (d.begin, d.at)):
        found = resolved.get(id(d.entity))
        if found is None:
            found = resolved[id(d.entity)] = (d.entity.canonical, d.entity.affiliations())
        canonical, keys = found
        if not canonical:
            continue
        index = seen.get((d.begin, d.end, canonical))
        if index is not None:
            if d.kind == "direct" and out[index].kind != "direct":
                out[index] = replace(out[index], kind="direct")
            continue
        seen[(d.begin, d.end, canonical)] = len(out)
        out.append(Statement(d.begin, d.end, d.speaker, canonical, keys, d.kind, d.day, d.inferred))
    return out
