"""Attributions in news prose: a speech verb, the phrase naming its speaker, and the quote it attaches to.

Parsing is local and rule based: from each speech verb ("said", "told", "according to") the speaker is
read backwards ("Kremlin spokesman Dmitry Peskov [also] said") or, after a quote or a comma, forwards
('"…," said Peskov'), one token at a time (`index.phrases`). Each verb costs a few dozen token checks
over a window of at most `_WINDOW` characters, so the scan is linear in the article's length and no
regex can backtrack across a sentence. A quote mark right before the speaker or a colon and an opening
mark right after the verb make the statement "direct" and stretch it over the whole quotation.

What the phrase denotes (a person, an institution, "he") is decided later, in `index.speakers`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from index.phrases import (
    TOKEN,
    Phrase,
    after_and,
    backward_phrase,
    forward_phrase,
    skip_source,
    subject_phrase,
)
from index.quotes import QUOTE_MARKS, Quotes
from index.speech_lexicon import INVERTING_VERBS, SPEECH_VERBS, TAIL_WORDS


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
# Verbs that are speech only when speech follows them: "added that …", not "added 467,000 jobs".
_NEEDS_SPEECH = frozenset(("added", "adds", "posted"))
_SPEECH_FOLLOWERS = frozenset(
    ("that", ",", ".", ":", ";", "in", "on", "during", "at", "later", "also", "“", '"', "—", "–")
)
_MAX_INTRO = 80  # characters: "Speaking to reporters in Brussels on Monday, "
_PARAGRAPH = 3000  # characters looked back for a paragraph's start; longer lines are not prose
_WINDOW = 120  # characters read on either side of a verb: enough for the longest titles


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
        before = list(TOKEN.finditer(text, max(s_begin, vb - _WINDOW), vb))
        closer = self._closer_before(vb)
        phrase: Phrase | None = None
        frames: list[tuple[int, int]] = []
        kind = "according" if according else "reported"
        back = None if according else backward_phrase(before, text)
        if back is not None:
            phrase, gap_begin = back
            frames.append((gap_begin, vb))
            closer = self._closer_before(phrase.outer)
            if closer is None:
                frames.append(self._intro(s_begin, phrase.outer))
        elif not according and after_and(before):
            # "Zelenskyy appealed for a cease-fire and warned …": the subject opening the sentence
            opening = list(TOKEN.finditer(text, s_begin, min(vb, s_begin + _WINDOW)))
            phrase = subject_phrase(opening, self.in_quote)
            if phrase is not None:
                frames.append(self._intro(s_begin, phrase.begin))
        elif according or (
            verb in INVERTING_VERBS and (closer is not None or (before and before[-1].group() == ","))
        ):
            after = list(TOKEN.finditer(text, ve, min(s_end, ve + _WINDOW)))
            if according:
                after = skip_source(after)
            phrase = forward_phrase(after, text)
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
        m = TOKEN.search(self.text, ve, s_end)
        return m is None or m.group() in _SPEECH_FOLLOWERS

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
        for m in TOKEN.finditer(self.text, s_begin, phrase_begin):
            if not _tail_word(m.group()) and m.group().lower() not in _INTRO_WORDS:
                return (s_begin, s_begin)
        return (s_begin, phrase_begin)


_INTRO_WORDS = frozenset("speaking but and meanwhile separately asked also then".split())
_MARK = re.compile("[" + QUOTE_MARKS + "]")


def _tail_word(word: str) -> bool:
    # Capitalized words are the occasion's names: "told CNN", "wrote on Telegram", "told Putin".
    return word.lower() in TAIL_WORDS or word[0].isdigit() or word == "," or word[0].isupper()


def _tail_end(text: str, lo: int, hi: int) -> int:
    """Where the words describing the occasion of a speech end: 'told CNN on Thursday| that …',
    'said in a statement on March 9|'. A date up to there dates the speech."""
    end = lo
    for m in TOKEN.finditer(text, lo, hi):
        word = m.group()
        if not _tail_word(word):
            break
        if word != ",":  # a comma may go on to a date ("said Thursday, March 3"), never end the tail
            end = m.end()
    return end
