"""Picking the answering sentences inside a passage. Pure: text, spans and dates in, a span out."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from index.types import spans_overlap
from retrieval.config import DEFAULT_CONFIG, RankingConfig
from retrieval.query import SPEECH_VERBS, YEAR, Query, asked_years, stem, tokenize

# A sentence that only makes sense after the one before it: a continued quote or a pronoun speaker.
CONTINUATION = re.compile(
    r"^(?:[\"“]|(?:[\"“].*[\"”],?\s+)?(?:he|she|they|it|the (?:ministry|spokesperson|spokesman|statement))\s+"
    r"(?:said|added|told|stressed|noted|continued|emphasized|wrote))|(?:[,\"”]\s*(?:she|he|they)\s+"
    r"(?:added|said|continued)\b)",
    re.IGNORECASE,
)


NUMBER_WORDS = re.compile(
    r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|"
    r"fifty|hundreds?|thousands?|millions?|billions?|trillions?|dozens?|percent|half|third|quarter|"
    r"second|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\b",
    re.IGNORECASE,
)
DIGITS = re.compile(r"(?<![\w.,])\d[\d,.]*\d|(?<![\w.,])\d")
MONTH = re.compile(r"^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?$", re.IGNORECASE)


def has_quantity(text: str) -> bool:
    """A number that is not a year or the day of a date ("1.2 million", "300", "fifth"; not "2024",
    "June 14" or "14 June")."""
    if NUMBER_WORDS.search(text):
        return True
    for m in DIGITS.finditer(text):
        if YEAR.match(m.group(0)):
            continue
        before = text[: m.start()].split()[-1:]
        after = text[m.end() :].split()[:1]
        if any(MONTH.match(w.strip(",")) for w in before + after):
            continue
        return True
    return False


def counts_thing(text: str, query: Query) -> bool:
    """ "How many doses …?": a number with the counted noun a few words after it ("two million doses",
    "37 national drug-testing agencies"), not a number about something else ("9,496 deaths")."""
    counted = {stem(t) for t in query.things}
    if not counted:
        return False
    words = tokenize(text)
    return any(
        (NUMBER_WORDS.fullmatch(w) or (DIGITS.fullmatch(w) and not YEAR.match(w)))
        and any(stem(x) in counted for x in words[i + 1 : i + 5])
        for i, w in enumerate(words)
    )


_MONTHS = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)"
)
TIME_WORDS = re.compile(
    r"\b(?:(?:19|20)\d\d|"
    + _MONTHS
    + r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|ago|"
    r"last (?:week|month|year))\b",
    re.IGNORECASE,
)
# A year or a calendar day answers "when" more precisely than "on Thursday" or "last week".
PRECISE_TIME = re.compile(
    r"\b(?:(?:19|20)\d\d\b(?!\s*(?:people|troops|soldiers|tanks|km|miles|tons|tonnes))|"
    + _MONTHS
    + r"\.?\s+\d{1,2}(?:st|nd|rd|th)?\b|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?"
    + _MONTHS
    + r"(?!\w))",
    re.IGNORECASE,
)


def unasked_times(text: str, query: Query) -> str:
    """The text without the years the question itself states: "2018" does not answer "When was the first
    primary of the 2018 congressional elections?", "March 6" does. (Not month words: "the March for Our
    Lives rally", "Jan Egeland" are names.)"""
    asked = asked_years(query.terms)
    if not asked:
        return text
    return re.sub(r"\b(?:" + "|".join(map(str, asked)) + r")\b", " ", text)


def _asked_year(start: date, end: date, query: Query) -> bool:
    """A date mention that is a whole year the question states."""
    return (
        start.year == end.year
        and (start.month, start.day, end.month, end.day) == (1, 1, 12, 31)
        and start.year in asked_years(query.terms)
    )


# "in Kherson", "in neighbouring Belarus", "in the southern city of Kherson"
PLACE = re.compile(
    r"\b(?:in|at|near|from|to|outside|inside)\s+(?:the\s+)?"
    r"(?:(?!(?:on|in|at|to|from|with|by|for|about|over|and|or|but|that|which)\b)[a-z-]+\s+){0,2}?"
    r"(?:of\s+)?[A-Z][a-z]"
)
PERSON = re.compile(r"(?<!^)(?<![.!?]\s)\b[A-Z][a-z]+(?:\s+[A-Z][a-z'’-]+)+")
# Lines that frame a story rather than tell it: photo captions and credits, "Read more" links, promos.
CONTEXT_LINE = re.compile(
    r"^(?:read more|related|watch|listen|photos?|video|more:|see also|sign up|subscribe)\b|"
    r"\((?:photo|image|credit)|\b(?:getty images|ap photo|afp via|reuters/|/afp|/ap\b|photo:|credit:)",
    re.IGNORECASE,
)
SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*$")


def kind_match(text: str, info: SentenceInfo, query: Query) -> bool:
    """Does the sentence hold the kind of fact the question asks for (a number for "how many"…)?"""
    kind = query.kind
    if kind == "amount":
        return has_quantity(text)
    if kind == "time":
        own = unasked_times(text, query)
        return bool(TIME_WORDS.search(own)) or any(not _asked_year(s, e, query) for s, e in info.dates)
    if kind == "place":
        return bool(PLACE.search(text))
    if kind == "named":
        return names_the_thing(text, query)
    if kind in ("who-is", "person"):
        if not asks_for_name(query):
            return bool(PERSON.search(text))
        # "Which judge …", "Who was Montenegro's prime minister?": a name the question lacks answers it.
        asked = set(query.terms)
        return any(
            any(w.lower().strip("'’") not in asked and w not in TITLE_WORDS for w in m.group(0).split())
            for m in PERSON.finditer(text)
        )
    return False


# "Who is Mao Ning?" asks to describe a named person; "Who was Montenegro's prime minister?" for a name.
# Words are split by spaces only, so a capitalised run cannot be split in many ways ("WHO IS NATO …?!").
WHO_NAMED = re.compile(
    r"^\s*(?i:who\s+(?:is|was|are|were)|who['’]s)\s+"
    r"(?P<name>[A-ZÀ-ÖØ-Þ][\w'’.-]*(?:\s+[A-ZÀ-ÖØ-Þ][\w'’.-]*)*)\s*\??\s*$"
)
TITLE_WORDS = frozenset(
    "Prime Minister President Foreign Defense Defence Deputy Chancellor Secretary General Gov Governor "
    "Judge Justice Sen Senator Rep King Queen Prince Mr Mrs Ms Dr The On In At Monday Tuesday Wednesday "
    "Thursday Friday Saturday Sunday January February March April May June July August September October "
    "November December".split()
)


NAME_WORD = re.compile(r"[\w'’.&-]+")
# Capitalised words that open a sentence or a clause without naming anything.
OPENERS = frozenset(
    "A An But And It Its He She They This That These Those There Their His Her We Our I However "
    "Meanwhile Shares Last First Next Officials Experts Analysts Investors Sales Prices Some Many Most "
    "Several Others Both Each Even Still Yet Instead Earlier Later Now Today Yesterday Asked".split()
)


def _new_name_word(word: str, asked: set[str]) -> bool:
    """A capitalised word the question lacks that is not a title, a month or a sentence opener."""
    bare = re.sub(r"['’]s$", "", word).strip(".'’-,")
    return (
        bare[:1].isupper()
        and bare.lower() not in asked
        and bare not in TITLE_WORDS
        and bare not in OPENERS
        and not bare.lower().endswith("ly")  # "Separately, …"
    )


def names_the_thing(text: str, query: Query) -> bool:
    """ "Which Kamchatka volcano …?": a name the question lacks, written right beside what it asks for
    ("the Shiveluch volcano", "gas company PGNiG"); not a name further off ("a volcano erupted in
    Russia")."""
    things = {stem(t) for t in query.things}
    asked = set(query.terms)
    words = NAME_WORD.findall(text)
    return any(
        stem(w.lower().strip(".'’-")) in things
        and any(_new_name_word(o, asked) for o in words[max(0, i - 1) : i] + words[i + 1 : i + 2])
        for i, w in enumerate(words)
    )


def refers_to_thing(text: str, query: Query) -> bool:
    """ "The company …", "the ice cream company …": the sentence names the asked thing only by what
    it is."""
    things = {stem(t) for t in query.things}
    words = [w.lower() for w in NAME_WORD.findall(text)]
    return any(
        w in ("the", "this", "that") and any(stem(x.strip(".'’-")) in things for x in words[i + 1 : i + 4])
        for i, w in enumerate(words)
    )


def new_name(text: str, query: Query) -> bool:
    """Does the text hold a name the question lacks?"""
    asked = set(query.terms)
    return any(_new_name_word(w, asked) for w in NAME_WORD.findall(text))


# Small words a name writes in lowercase: capitalised, the question is in title case ("Who Is The Head Of
# Wagner?"), not a name.
_TITLE_CASE = frozenset("The Of A An And For In On At To".split())


def bare_name(question: str) -> str:
    """The name a "Who is NAME?" question is made of ("Mao Ning"), or "" when it asks about a title or
    an office ("Who is Ukraine's Prime Minister?", "Who is President Biden?" still name him by office)."""
    m = WHO_NAMED.match(question)
    if m is None:
        return ""
    words = m.group("name").split()
    if any(re.search(r"['’]s$", w) or w in _TITLE_CASE for w in words) or all(
        w.strip(".") in TITLE_WORDS for w in words
    ):
        return ""
    return " ".join(words)


def asks_for_name(query: Query) -> bool:
    return query.kind == "person" or (query.kind == "who-is" and not bare_name(query.content))


def context_line(text: str) -> bool:
    """A headline, subheading, caption or link line: context for a quote, never the quote itself."""
    words = text.split()
    return bool(CONTEXT_LINE.search(text)) or (len(words) < 16 and not SENTENCE_END.search(text.strip()))


@dataclass(frozen=True)
class SentenceInfo:
    start: int  # offsets into the passage text
    end: int
    dates: tuple[tuple[date, date], ...]


def sentence_score(
    text: str, info: SentenceInfo, query: Query, config: RankingConfig = DEFAULT_CONFIG
) -> float:
    """How well one sentence answers (weights and their order: RankingConfig's quote_* fields)."""
    words = {stem(w) for w in tokenize(text)}
    terms = [stem(t) for t in query.terms]
    overlap = sum(1 for t in terms if t in words) / len(terms) if terms else 0.0
    score = config.quote_overlap_weight * overlap
    if query.date is not None and info.dates:
        if any(query.date.contains(s, e) for s, e in info.dates):
            # An asked day picks out the sentence; a month or year hardly does: every "Thursday" of an
            # article published that March lies inside "March 2022".
            precise = query.date.granularity == "day"
            score += config.quote_date_match if precise else config.quote_period_match
        elif query.date.granularity == "day" and not any(query.date.matches(s, e) for s, e in info.dates):
            # Only a day contradicts: "by mid-March" does not make "since the Feb. 24 invasion" wrong.
            score -= config.quote_date_conflict
    if query.speakers:
        named = any(s.pattern.search(text) for s in query.speakers)
        speaks = bool(SPEECH_VERBS.search(text))
        score += (config.quote_speaker_named if named else 0.0) + (
            config.quote_speaker_speaks if named and speaks else 0.0
        )
        if query.asks_speech and speaks:
            score += config.quote_speech
    if query.kind and kind_match(text, info, query):
        score += config.quote_kind_match
        if query.kind == "amount" and config.quote_counted_match and counts_thing(text, query):
            score += config.quote_counted_match
        if (
            query.kind == "time"
            and config.quote_precise_time
            and PRECISE_TIME.search(unasked_times(text, query))
        ):
            score += config.quote_precise_time
    if context_line(text):
        score -= config.quote_context_penalty
    return score


def select_quote(
    passage: str, sentences: Sequence[SentenceInfo], query: Query, config: RankingConfig = DEFAULT_CONFIG
) -> tuple[int, int, float]:
    """Offsets (start, end) in `passage` of 1 to `quote_max_sentences` consecutive sentences that best
    answer the query, and the score of the best of them."""
    if not sentences:
        return 0, len(passage), 0.0
    scores = [sentence_score(passage[s.start : s.end], s, query, config) for s in sentences]
    best = max(range(len(sentences)), key=lambda i: (scores[i], -i))
    first = last = best
    # A sentence opening with a pronoun or a quote needs the one before it to say who is speaking.
    if first > 0 and CONTINUATION.search(passage[sentences[first].start : sentences[first].end]):
        first -= 1
    # The sentence holding most of the question's words often sets up the fact asked for, and the next
    # one states it ("A magnitude 8.8 earthquake struck…" / "With a depth of about 12 miles…"): a
    # neighbour adding words of the question the best one lacks, and of the kind asked for, joins it.
    # Likewise a best sentence without the kind of fact asked ("A volcano erupted in Russia …") is
    # joined by a neighbour that holds it and shares a word of the question ("the Shiveluch volcano …").
    best_text = passage[sentences[best].start : sentences[best].end]
    held = {stem(w) for w in tokenize(best_text)}
    asked = {stem(t) for t in query.terms}
    wanted = asked - held
    lacks_kind = bool(query.kind) and not kind_match(best_text, sentences[best], query)
    # A best sentence with the number about the asked thing wants no other number beside it.
    counted = query.kind == "amount" and counts_thing(best_text, query)
    # "The company announced a 20-for-1 stock split": the sentence before names "the company".
    if (
        lacks_kind
        and query.kind == "named"
        and best > 0
        and first == best
        and refers_to_thing(best_text, query)
    ):
        before = passage[sentences[best - 1].start : sentences[best - 1].end]
        if not context_line(before) and new_name(before, query):
            first = best - 1
    for other in (best + 1, best - 1):
        if not (wanted or lacks_kind) or not 0 <= other < len(sentences):
            continue
        text = passage[sentences[other].start : sentences[other].end]
        if context_line(text):
            continue
        words = {stem(w) for w in tokenize(text)}
        holds = bool(query.kind) and kind_match(text, sentences[other], query)
        if holds and counted:
            holds = counts_thing(text, query)
        # A thing's name is evidence, not a must: the next sentence may name it only as "the battalion".
        if (wanted & words and (holds or query.kind in ("", "named"))) or (
            lacks_kind and holds and asked & words
        ):
            first, last = min(first, other), max(last, other)
            break
    while last + 1 < len(sentences) and last - first + 1 < config.quote_max_sentences:
        nxt = sentences[last + 1]
        text = passage[nxt.start : nxt.end]
        conflicting = (
            query.date is not None and nxt.dates and not any(query.date.matches(s, e) for s, e in nxt.dates)
        )
        if CONTINUATION.search(text) and not conflicting:
            last += 1
        else:
            break
    return sentences[first].start, sentences[last].end, scores[best]


def select_dated_quote(
    passage: str, sentences: Sequence[SentenceInfo], distance: Callable[[date, date], int]
) -> tuple[int, int, float]:
    """The sentence whose date is nearest the asked-for one: shown when nothing matches that date."""
    dated = [s for s in sentences if s.dates]
    if not dated:
        return (sentences[0].start, sentences[0].end, 0.0) if sentences else (0, len(passage), 0.0)
    best = min(dated, key=lambda s: min(nearness(distance, a, b) for a, b in s.dates))
    return best.start, best.end, 0.0


def nearness(distance: Callable[[date, date], int], start: date, end: date) -> int:
    """Days from the asked-for date, plus half the mention's own span: "on April 17" beats "last year"
    even though the year overlaps the question's day, because only the precise date helps the reader."""
    return distance(start, end) + (end - start).days // 2


def sentence_infos(
    spans: Sequence[tuple[int, int]], mentions: Sequence[tuple[int, int, date, date]]
) -> list[SentenceInfo]:
    """Attach to each sentence span the resolved dates of the mentions inside it (same offset base)."""
    out = []
    for s, e in spans:
        dates = tuple((ms, me) for b, en, ms, me in mentions if spans_overlap(b, en, s, e))
        out.append(SentenceInfo(s, e, dates))
    return out
