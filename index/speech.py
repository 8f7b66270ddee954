"""Attributions in news prose: a speech verb, the phrase naming its speaker, and the quote it attaches to.

Parsing is local and rule based: from each speech verb ("said", "told", "according to") the speaker is
read backwards ("Kremlin spokesman Dmitry Peskov [also] said") or, after a quote or a comma, forwards
('"…," said Peskov'), one token at a time, with a closed vocabulary (`index.speech_lexicon`). Each verb
costs a few dozen token checks over a window of at most `_WINDOW` characters, so the scan is linear in
the article's length and has no regex that can backtrack across a sentence.

What the phrase denotes (a person, an institution, "he") is decided later, in `index.speakers`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from index.quotes import QUOTE_MARKS, Quotes
from index.speech_lexicon import (
    BLOCKERS,
    GAP_WORDS,
    GROUP_NOUNS,
    INSTITUTION_HEADS,
    INVERTING_VERBS,
    MONTHS,
    NAME_PARTICLES,
    PERSON_NOUNS,
    QUANTIFIERS,
    ROLE_WORDS,
    SPEECH_VERBS,
    TAIL_WORDS,
    TITLE_WORDS,
    WEEKDAYS,
)


def _trie(words: frozenset[str]) -> str:
    """An alternation of ``words`` as a prefix tree ("s(?:a(?:id|ys?)|…)"): Python's regex engine tries
    alternatives one by one, and a flat list of sixty verbs at every letter costs twice as much."""
    tree: dict[str, dict] = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        branches = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = "|".join(branches)
        if "" in node:
            return f"(?:{body})?"
        return body if len(branches) == 1 else f"(?:{body})"

    return emit(tree)


_VERB = re.compile(
    r"(?<![\w'’\-])(?:(?P<according>[Aa]ccording to)|" + _trie(SPEECH_VERBS) + r")\b"
    r"(?! to (?:be|have)\b)"  # "is said to be" reports a rumour, not a speaker
)
# Words with a trailing period are kept whole ("Gen.", "U.S."); `_bare` trims a sentence's final one.
_TOKEN = re.compile(r"[^\W\d_](?:[\w'’\-]|\.(?=[^\W\d_]))*\.?|\d[\d,.:]*\d|\d|\S")
# Verbs that are speech only when speech follows them: "added that …", not "added 467,000 jobs".
_NEEDS_SPEECH = frozenset(("added", "adds", "posted"))
_SPEECH_FOLLOWERS = frozenset(
    ("that", ",", ".", ":", ";", "in", "on", "during", "at", "later", "also", "in", "“", '"', "—", "–")
)
_MAX_INTRO = 80  # characters: "Speaking to reporters in Brussels on Monday, "
_PARAGRAPH = 3000  # characters looked back for a paragraph's start; longer lines are not prose
_WINDOW = 120  # characters read on either side of a verb: enough for the longest titles
_MAX_PHRASE = 12  # tokens
_MAX_APPOSITIVE = 16  # tokens: ", chief of the Southern Regional Center of the Emergencies Ministry,"
_CONNECTORS = frozenset("of for to the and".split())
_APPOSITIVE_OPENERS = frozenset("the a an".split())
# Openers of an aside that tells nothing about who the speaker is: skipped, not kept as a title.
_ASIDE_OPENERS = frozenset(
    "who which whose in at during speaking responding writing asked also however too though".split()
)
_PARTY = re.compile(r"[DRI]-[A-Z]")  # "Rep. Mike Quigley, D-Ill., said"
_PRONOUNS = frozenset("he she it He She It".split())


@dataclass(frozen=True)
class Phrase:
    """A phrase naming a speaker: ``text[begin:end]``, its words, and the apposition beside it
    (", the Kremlin spokesman,") that tells who the speaker is without being the speaker's name."""

    begin: int
    end: int
    words: tuple[str, ...]
    appositive: str = ""
    lead: int | None = None  # where a title before the name starts: "the head of the service, Oleh …"

    @property
    def outer(self) -> int:
        return self.begin if self.lead is None else self.lead


@dataclass(frozen=True)
class Attribution:
    """A statement before its speaker is resolved: ``text[begin:end]`` is the statement, ``verb_at`` the
    speech verb's offset (dates nearest it win), ``frames`` the spans where a date dates the speech
    rather than its subject ("said Thursday", "On Monday, the ministry said")."""

    phrase: Phrase
    verb: str
    verb_at: int
    kind: str  # "direct", "reported" or "according"
    begin: int
    end: int
    frames: tuple[tuple[int, int], ...]
    regions: tuple[int, ...] = ()  # indices of the quotations it attributes


class Scanner:
    """One article's sentences and quotations, and the attributions found in them."""

    def __init__(self, text: str, sentences: list[tuple[int, int]], quotes: Quotes) -> None:
        self.text = text
        self.sentences = sentences
        self.starts = [s for s, _ in sentences]
        self.quotes = quotes
        self.region_begins = [b for b, _ in quotes.regions]
        self.region_by_end = {e - 1: i for i, (_, e) in enumerate(quotes.regions)}
        self.region_by_begin = {b: i for i, (b, _) in enumerate(quotes.regions)}

    def attributions(self) -> list[Attribution]:
        found = []
        for m in _VERB.finditer(self.text):
            if self.in_quote(m.start()):
                continue
            found_one = self._attribution(m.start(), m.end(), m.group(), bool(m.group("according")))
            if found_one is not None:
                found.append(found_one)
        return found

    def in_quote(self, at: int) -> bool:
        i = bisect_right(self.region_begins, at) - 1
        return i >= 0 and at < self.quotes.regions[i][1]

    def sentence_of(self, at: int) -> tuple[int, int]:
        i = max(bisect_right(self.starts, at) - 1, 0)
        return self.sentences[i] if self.sentences else (0, len(self.text))

    def _attribution(self, vb: int, ve: int, verb: str, according: bool) -> Attribution | None:
        text = self.text
        s_begin, s_end = self.sentence_of(vb)
        before = list(_TOKEN.finditer(text, max(s_begin, vb - _WINDOW), vb))
        closer = self._closer_before(vb)
        phrase: Phrase | None = None
        frames: list[tuple[int, int]] = []
        kind = "according" if according else "reported"
        back = None if according else _backward_phrase(before, text)
        if back is not None:
            phrase, gap_begin = back
            frames.append((gap_begin, vb))
            closer = self._closer_before(phrase.outer)
            if closer is None:
                frames.append(self._intro(s_begin, phrase.outer))
        elif not according and _after_and(before):
            phrase = self._subject(s_begin, vb)  # "Zelenskyy appealed for a cease-fire and warned …"
            if phrase is not None:
                frames.append(self._intro(s_begin, phrase.begin))
        elif according or (
            verb in INVERTING_VERBS and (closer is not None or (before and before[-1].group() == ","))
        ):
            after = list(_TOKEN.finditer(text, ve, min(s_end, ve + _WINDOW)))
            if according:
                after = _skip_source(after)
            phrase = _forward_phrase(after, text)
        if phrase is None:
            return None
        if verb in _NEEDS_SPEECH and closer is None and not self._speech_follows(ve, s_end):
            return None  # "The economy added 467,000 jobs"
        tail_from = max(ve, phrase.end)
        tail_to = _tail_end(text, tail_from, min(s_end, tail_from + _WINDOW))
        frames.append((tail_from, tail_to))
        begin, end = s_begin, s_end
        regions: list[int] = []
        if closer is not None:
            kind = "according" if according else "direct"
            begin = self._attach_closed(closer, begin, regions)
        opener = self._opener_after(tail_to, s_end)
        if opener is not None and not according:
            kind = "direct"
            regions.append(opener)
            end = max(end, self.sentence_of(self.quotes.regions[opener][1] - 1)[1])
        return Attribution(phrase, verb, vb, kind, begin, end, tuple(frames), tuple(regions))

    def _speech_follows(self, ve: int, s_end: int) -> bool:
        """Does what follows "added" read as speech ("added that", "added:", "added, “")?"""
        m = _TOKEN.search(self.text, ve, s_end)
        return m is None or m.group() in _SPEECH_FOLLOWERS

    def _subject(self, s_begin: int, limit: int) -> Phrase | None:
        """The phrase opening the sentence (after a short opening phrase ending in a comma) when a verb
        follows it: the subject that a later "and warned" shares."""
        tokens = list(_TOKEN.finditer(self.text, s_begin, min(limit, s_begin + _WINDOW)))
        starts = [0]
        commas = [k for k, t in enumerate(tokens[:10]) if t.group() == ","]
        if commas:
            starts.append(commas[0] + 1)
        for start in starts:
            k = start
            while k < len(tokens) and k - start < _MAX_PHRASE and _is_phrase_word(tokens[k].group()):
                k += 1
            while k > start and tokens[k - 1].group().lower() in _CONNECTORS:
                k -= 1
            if k == start or k >= len(tokens) or self.in_quote(tokens[start].start()):
                continue
            nxt = tokens[k].group()
            if nxt.isalpha() and nxt.islower() and nxt not in _FOLLOWERS and nxt not in _CONNECTORS:
                words = tuple(t.group() for t in tokens[start:k])
                return Phrase(tokens[start].start(), tokens[k - 1].end(), words)
        return None

    def _closer_before(self, at: int) -> int | None:
        """The closing quote mark right before ``at``, with only spaces and a comma between."""
        i = at - 1
        text = self.text
        while i >= 0 and text[i] in " \t,\u00a0":  # never across a paragraph
            i -= 1
        if i >= 0 and i in self.quotes.closers:
            return i
        return None

    def _attach_closed(self, closer: int, begin: int, regions: list[int]) -> int:
        """The statement's start for a quote closed at ``closer``: its opening sentence, or for an
        unpaired closer the paragraph's start (the quote opened in an earlier, mis-marked line)."""
        region = self.region_by_end.get(closer)
        if region is not None:
            regions.append(region)
            return min(begin, self.sentence_of(self.quotes.regions[region][0])[0])
        line_start = self.text.rfind("\n", max(0, closer - _PARAGRAPH), closer) + 1
        if line_start > 0 and _MARK.search(self.text, line_start, closer) is None:
            return min(begin, self.sentence_of(line_start)[0])
        return begin

    def _opener_after(self, at: int, limit: int) -> int | None:
        """The quotation opening right after a lead-in ('Peskov said: "…', 'he said, "…')."""
        text = self.text
        i = at
        while i < limit and text[i].isspace():
            i += 1
        if i < limit and text[i] in ",:":
            i += 1
            while i < limit and text[i].isspace():
                i += 1
            return self.region_by_begin.get(i)
        return None

    def _intro(self, s_begin: int, phrase_begin: int) -> tuple[int, int]:
        """An opening phrase before a speaker at the start of a sentence ("On Thursday, ", "Speaking on
        Monday, ") dates the speech only if every word in it is a date or attribution word."""
        if phrase_begin - s_begin > _MAX_INTRO:
            return (s_begin, s_begin)
        for m in _TOKEN.finditer(self.text, s_begin, phrase_begin):
            if not _tail_word(m.group()) and m.group().lower() not in _INTRO_WORDS:
                return (s_begin, s_begin)
        return (s_begin, phrase_begin)


_INTRO_WORDS = frozenset("speaking but and meanwhile separately asked also then".split())
_MARK = re.compile("[" + QUOTE_MARKS + "]")


_SOURCE = re.compile(
    r"(?:(?:a|an|the)\s+)?(?:\w+\s+)?(?:statement|readout|post|transcript|report|video|message|"
    r"announcement|tweet|letter)s?\s+(?:from|by|of|issued\s+by|released\s+by)$"
)


def _skip_source(tokens: list[re.Match[str]]) -> list[re.Match[str]]:
    """ "according to a statement from the Kremlin" → the Kremlin: a document passes on its author's
    words."""
    words: list[str] = []
    for k, t in enumerate(tokens[:6]):
        words.append(t.group())
        if _SOURCE.match(" ".join(words)):
            return tokens[k + 1 :]
    return tokens


def _after_and(tokens: list[re.Match[str]]) -> bool:
    i = len(tokens) - 1
    while i >= 0 and _is_gap(tokens, i):
        i -= 1
    return i >= 0 and tokens[i].group() == "and"


def _backward_phrase(tokens: list[re.Match[str]], text: str) -> tuple[Phrase, int] | None:
    """The speaker phrase ending before a verb, and where the words between them begin: "Peskov",
    "the ministry on Thursday", "Zakharova, the ministry's spokeswoman,"."""
    i = len(tokens) - 1
    while i >= 0 and _is_gap(tokens, i):
        i -= 1
    gap_begin = tokens[i + 1].start() if i + 1 < len(tokens) else (tokens[-1].end() if tokens else 0)
    if i < 0 or any(t.group() in BLOCKERS or t.group().endswith(("n't", "n’t")) for t in tokens[i:]):
        return None
    word = tokens[i].group()
    if word in ("who", "which") and i > 0 and tokens[i - 1].group() == ",":
        i -= 2
    elif word == ")":  # "Hitachi (HTHIY) said", "Rep. Mike Quigley (D-Ill.) said"
        j = i - 1
        while j >= 0 and i - j <= 8 and tokens[j].group() not in "()":
            j -= 1
        if j < 0 or tokens[j].group() != "(":
            return None
        i = j - 1
    appositive = ""
    if i >= 0 and tokens[i].group() == ",":
        comma = i
        j = i - 1
        while j >= 0 and comma - j <= _MAX_APPOSITIVE and tokens[j].group() not in ',"“”':
            j -= 1
        if j < 0 or tokens[j].group() != ",":
            return None
        inner = tokens[j + 1 : comma]
        if inner and inner[0].group().lower() in _ASIDE_OPENERS:
            i = j - 1
        elif _is_appositive(inner):
            appositive = text[inner[0].start() : inner[-1].end()]
            i = j - 1
        else:  # "the head of the service, Oleh Ivashchenko, said": the name between the commas
            phrase = _collect_backward(inner, len(inner) - 1, text)
            if phrase is None or phrase.begin != inner[0].start():
                return None
            lead = _collect_backward(tokens, j - 1, text)
            if lead is None:
                return phrase, gap_begin
            role = text[lead.begin : lead.end]
            return Phrase(phrase.begin, phrase.end, phrase.words, role, lead.begin), gap_begin
    phrase = _collect_backward(tokens, i, text)
    if phrase is None:
        return None
    return Phrase(phrase.begin, phrase.end, phrase.words, appositive), gap_begin


def _collect_backward(tokens: list[re.Match[str]], i: int, text: str) -> Phrase | None:
    last = i
    if i < 0:
        return None
    if tokens[i].group() in _PRONOUNS:
        first = i
    else:
        while i >= 0 and last - i < _MAX_PHRASE and _is_phrase_word(tokens[i].group()):
            i -= 1
        first = i + 1
        if first <= last and tokens[first].group().lower() in ("of", "for", "to", "and"):
            return None  # "criticism of Russia said": the phrase is an object
        if i >= 0 and tokens[i].group().lower() in _PREPOSITIONS:
            return None  # "Authorities in Vancouver said"
    if first > last:
        return None
    words = tuple(t.group() for t in tokens[first : last + 1])
    return Phrase(tokens[first].start(), tokens[last].end(), words)


def _forward_phrase(tokens: list[re.Match[str]], text: str) -> Phrase | None:
    """The speaker phrase after "said" or "according to": "Peskov", "the Kremlin spokesman"."""
    i = 0
    sentence_end = False
    while i < len(tokens) and i < _MAX_PHRASE and _is_phrase_word(tokens[i].group()):
        i += 1
        word = tokens[i - 1].group()
        if word.endswith(".") and not _is_abbreviation(word):
            sentence_end = True
            break
    last = i - 1
    while last >= 0 and tokens[last].group().lower() in _CONNECTORS:
        last -= 1
    if last < 0:
        return None
    nxt = tokens[last + 1].group() if last + 1 < len(tokens) and not sentence_end else "."
    if nxt.lower() not in _FOLLOWERS and nxt not in _END_PUNCTUATION:
        return None  # the phrase goes on in words we do not know: not a speaker we can name
    end = tokens[last].end()
    words = tuple(t.group() for t in tokens[: last + 1])
    if sentence_end:
        end -= 1
        words = (*words[:-1], words[-1][:-1])
    appositive = ""
    if last + 1 < len(tokens) and tokens[last + 1].group() == ",":
        j = last + 2
        while j < len(tokens) and j - last <= _MAX_APPOSITIVE and tokens[j].group() not in ',.;:"“”':
            j += 1
        inner = tokens[last + 2 : j]
        if inner and _is_appositive(inner):
            appositive = text[inner[0].start() : inner[-1].end()]
    return Phrase(tokens[0].start(), end, words, appositive)


_PREPOSITIONS = frozenset(
    "in of for from with by to at on about against than like between among over under after before into "
    "across toward towards".split()
)
_END_PUNCTUATION = frozenset(',.;:!?—–-"“”')
_FOLLOWERS = frozenset(
    "on in at during who which that and as after before to via familiar with briefed speaking".split()
)


def _is_phrase_word(word: str) -> bool:
    if word[0].isupper():
        return word not in WEEKDAYS and word.rstrip(".") not in ("I",)
    low = word.lower() if _is_abbreviation(word) else word.lower().rstrip(".")
    return (
        low in ROLE_WORDS
        or low in INSTITUTION_HEADS
        or low in GROUP_NOUNS
        or low in QUANTIFIERS
        or low in NAME_PARTICLES
        or low in _CONNECTORS
    )


def _is_gap(tokens: list[re.Match[str]], i: int) -> bool:
    word = tokens[i].group()
    if word.lower() in GAP_WORDS or word in WEEKDAYS or word[0].isdigit():
        return True
    return word in MONTHS and i + 1 < len(tokens) and tokens[i + 1].group()[0].isdigit()


def _is_appositive(inner: list[re.Match[str]]) -> bool:
    """Does ", <inner>," describe the speaker? "the Kremlin spokesman", "Putin's spokesman", "D-Ill.",
    "a former diplomat", "Kremlin spokesman" — not a list ("Eastern Europe, the Caucasus, and …")."""
    if not inner:
        return False
    first = inner[0].group()
    if _PARTY.match(first):
        return True
    # It must name an office or a body: "the force deployed into Belarus" after "according to Janes,"
    # is what was said, not who said it.
    words = [t.group() for t in inner]
    if not any(_office(w) for w in words) or any(w in _FINITE for w in words):
        return False
    if first.lower() in _APPOSITIVE_OPENERS or first.endswith(("'s", "’s")):
        return True
    if first.lower() in ROLE_WORDS or first.lower() in TITLE_WORDS:
        return True
    return len(inner) > 1 and inner[1].group().lower() in ROLE_WORDS


_FINITE = frozenset("is are was were has have had will would".split())


def _office(word: str) -> bool:
    low = word.lower().rstrip(".,")
    return low in PERSON_NOUNS or low in INSTITUTION_HEADS or low in TITLE_WORDS


def _is_abbreviation(word: str) -> bool:
    return word.lower() in TITLE_WORDS or "." in word[:-1] or len(word) == 2


def _tail_word(word: str) -> bool:
    return (
        word.lower() in TAIL_WORDS
        or word[0].isdigit()
        or word in ","
        or word in MONTHS
        or (word[0].isupper() and word not in ("That",))
    )


def _tail_end(text: str, lo: int, hi: int) -> int:
    """Where the words describing the occasion of a speech end: 'told CNN on Thursday| that …',
    'said in a statement on March 9|'. A date up to there dates the speech."""
    end = lo
    for m in _TOKEN.finditer(text, lo, hi):
        word = m.group()
        if not _tail_word(word):
            break
        if word != ",":  # a comma may go on to a date ("said Thursday, March 3"), never end the tail
            end = m.end()
    return end


_SPEECH_NOUN = re.compile(r"\b(?:speech|remarks|comments|address|interview|statement|briefing|testimony)\b")
_BY = re.compile(r"\s+(?:by|from)\s+(?=[A-Z])")
_OWNER = re.compile(r"([A-Z][\w\-]+)['’]s\s+$")


def speech_mentions(text: str) -> list[Phrase]:
    """Speakers whose speech is mentioned but not quoted: "a speech by Lavrov", "Lavrov's remarks".
    They are the "he" of a following "He accused the West …"."""
    found = []
    for m in _SPEECH_NOUN.finditer(text):
        owner = _OWNER.search(text, max(0, m.start() - 40), m.start())
        if owner is not None:
            found.append(Phrase(owner.start(1), owner.end(1), (owner.group(1),)))
            continue
        by = _BY.match(text, m.end())
        if by is None:
            continue
        line_end = text.find("\n", by.end())
        stop = min(by.end() + 120, len(text) if line_end < 0 else line_end)
        phrase = _forward_phrase(list(_TOKEN.finditer(text, by.end(), stop)), text)
        if phrase is not None:
            found.append(phrase)
    return found
