"""Attributions in news prose: a speech verb, the phrase naming its speaker, and the quote it attaches to.

Parsing is local and rule based: from each speech verb ("said", "told", "according to") the speaker is
read backwards ("Kremlin spokesman Dmitry Peskov [also] said") or, after a quote or a comma, forwards
('"…," said Peskov'), one token at a time (`index.phrases`). Each verb costs a few dozen token checks
over a window of at most `_WINDOW` characters, so the scan is linear in the article's length and no
regex can backtrack across a sentence. A quote mark right before the speaker or a colon and an opening
mark right after the verb make the statement "direct" and stretch it over the whole quotation.

Characterizing verbs ("described", "called", "likened", "praised", …: `CHARACTERIZING_VERBS`) report
speech only with a speech-like complement: a quotation in their clause ('described the move as
"deeply unfortunate"'), or the construction that makes them a verdict ("described … as", "likened …
to", "called for", "called on … to"); never in a relative clause ("in what Moscow called …").

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
from index.speech_lexicon import (
    BLOCKERS,
    CHARACTERIZING_VERBS,
    COMPLEMENT_ONLY_VERBS,
    GAP_WORDS,
    INVERTING_VERBS,
    NAMING_VERBS,
    SPEECH_VERBS,
    TAIL_WORDS,
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
    r"(?<![\w'’\-])(?:(?P<according>[Aa]ccording to)|"
    + _trie(SPEECH_VERBS | frozenset(CHARACTERIZING_VERBS))
    + r")\b"
    r"(?! to (?:be|have)\b)"  # "is said to be" reports a rumour, not a speaker
)
# Verbs that are speech only when speech follows them: "added that …", not "added 467,000 jobs".
_NEEDS_SPEECH = frozenset(("added", "adds", "posted"))
_SPEECH_FOLLOWERS = frozenset(
    ("that", ",", ".", ":", ";", "in", "on", "during", "at", "later", "also", "“", '"', "—", "–")
)
_MAX_INTRO = 80  # characters: "Speaking in the western city of Lviv on Thursday, "
_CLAUSE_START = re.compile(r"(?:,\s+|;\s+|\s)(?:and|but|while|as)\s+|;\s+")
_PARAGRAPH = 3000  # characters looked back for a paragraph's start; longer lines are not prose
_WINDOW = 120  # characters read on either side of a verb: enough for the longest titles
_MAX_OBJECT = 10  # tokens between a characterizing verb and what licenses it: "described [the …] as"
# Words before a speaker that make its clause relative: "in what Moscow called a “special operation”"
# describes the invasion; Moscow's words are not the sentence's statement.
_RELATIVE = frozenset("what which whom as that".split())


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
        licence: int | None = None  # the quotation licensing a characterizing verb, if one does
        if verb in CHARACTERIZING_VERBS:
            licensed = self._licence(verb, ve, s_end)
            if licensed is False:
                return None  # "called the police", "praised the troops"
            licence = None if licensed is True else licensed
        before = list(TOKEN.finditer(text, max(s_begin, vb - _WINDOW), vb))
        # A quotation before a characterizing verb is never its object: '“…” Zelensky also called for …'
        closer = None if verb in CHARACTERIZING_VERBS else self._closer_before(vb, s_begin, ve, s_end)
        phrase: Phrase | None = None
        frames: list[tuple[int, int]] = []
        kind = "according" if according else "reported"
        back = None if according else backward_phrase(before, text)
        if back is not None:
            phrase, gap_begin = back
            frames.append((gap_begin, vb))
            closer = (
                None
                if verb in CHARACTERIZING_VERBS
                else self._closer_before(phrase.outer, s_begin, ve, s_end)
            )
            if closer is None:
                frames.append(self._intro(s_begin, phrase.outer))
        elif not according and verb not in COMPLEMENT_ONLY_VERBS and after_and(before):
            # "Zelenskyy appealed for a cease-fire and warned …": the subject opening the sentence (but
            # "… looms and calls for talks go unheeded": "calls" after "and" is a noun)
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
        if verb in CHARACTERIZING_VERBS:
            word_before = _word_before(text, max(s_begin, phrase.outer - 12), phrase.outer)
            if word_before in _RELATIVE or word_before in SPEECH_VERBS:
                return None  # "Zakharova said Kyiv called for the riots": what she said, not Kyiv
        if verb in _NEEDS_SPEECH and closer is None and not self._speech_follows(ve, s_end):
            return None  # "The economy added 467,000 jobs"
        tail_from = max(ve, phrase.end)
        tail_to = _tail_end(text, tail_from, min(s_end, tail_from + _WINDOW), verb in _TELLING)
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
        elif licence is not None and licence not in regions:
            # 'described the move as “deeply unfortunate. We will be watching.”': the quotation is the
            # verb's object. Quoted words inside the sentence ('slammed it as a “hoax.”') are reported
            # speech, as after "said"; a quotation going on past the sentence is the speaker's own.
            regions.append(licence)
            q_end = self.quotes.regions[licence][1]
            end = max(end, self.sentence_of(q_end - 1)[1])
            if q_end > s_end:
                kind = "direct"
        # A quotation opened in the statement's sentence is said to its end, past any full stop in it:
        # 'Putin said the IOC depended on sponsors "and in turn clear signals … bodies. We aren't …"'
        i = bisect_right(self.region_begins, s_end - 1) - 1
        if i >= 0 and self.region_begins[i] >= s_begin and self.quotes.regions[i][1] > end:
            end = max(end, self.sentence_of(self.quotes.regions[i][1] - 1)[1])
        return Attribution(phrase, verb, vb, kind, begin, end, tuple(frames), tuple(regions))

    def _licence(self, verb: str, ve: int, s_end: int) -> bool | int:
        """What makes a characterizing verb report speech: the index of a quotation in its clause, True
        for its complement ("described … as", "likened … to", "called for", "called on … to"), or
        False."""
        tokens = list(TOKEN.finditer(self.text, ve, min(s_end, ve + _WINDOW)))[: _MAX_OBJECT + 2]
        words = [t.group() for t in tokens]
        if verb not in COMPLEMENT_ONLY_VERBS:
            i = bisect_right(self.region_begins, ve)
            rb = self.region_begins[i] if i < len(self.region_begins) else s_end
            if rb < s_end:
                between = [w for t, w in zip(tokens, words, strict=False) if t.start() < rb]
                close = len(between) < _MAX_OBJECT and not set(between) & _CLAUSE_BREAKS
                if close and (between or verb not in NAMING_VERBS):
                    return i
        allowed = CHARACTERIZING_VERBS[verb]
        if "for" in allowed:
            return _calls_for(words)
        if not words or words[0] in allowed:
            return False  # "…, described as a hawk, said": the object is missing
        for k, word in enumerate(words[1:], 1):  # after an object of one word at least
            if word in _CLAUSE_BREAKS or word in _CLAUSE_WORDS or (word in BLOCKERS and word != "to"):
                return False
            if word in allowed:  # "as well as", "as he left": not a complement
                return k + 1 < len(words) and words[k + 1].lower() not in _NOT_COMPLEMENT
        return False

    def _speech_follows(self, ve: int, s_end: int) -> bool:
        """Does what follows "added" read as speech ("added that", "added:", "added, “")?"""
        m = TOKEN.search(self.text, ve, s_end)
        return m is None or m.group() in _SPEECH_FOLLOWERS

    def _closer_before(self, at: int, s_begin: int, ve: int, s_end: int) -> int | None:
        """The closing quote mark right before ``at``, with only spaces and a comma between. A quotation
        whose full stop ends the sentence before is the speaker's only if the verb says nothing of its
        own ('“… at about 9-10 pm.” Klitschko said on Telegram, adding: …'), not when it does ('… “real
        change.” Outgoing President Ivan Duque said he called Petro'). One ending in a question or an
        exclamation is the speaker's though the sentences split there ('“Where were you?” Haley asked.')."""
        i = at - 1
        text = self.text
        while i >= 0 and text[i] in " \t,\u00a0":  # never across a paragraph
            i -= 1
        if i < 0 or i not in self.quotes.closers:
            return None
        if i < s_begin and text[i - 1 : i] == ".":
            end = _tail_end(text, ve, min(s_end, ve + _WINDOW))
            while end < s_end and text[end].isspace():
                end += 1
            if end < s_end and text[end] not in ",.:;!?—–":
                return None
        return i

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
        """An opening phrase before a speaker at the start of a sentence ("On Thursday, ", "Speaking in
        the western city of Lviv on Thursday, ", "In his May 9 speech, ") dates the speech only if it is
        all occasion: attribution words, and phrases naming when and where (`_occasion_end`)."""
        # Or a clause's opening phrase: "…, and on Tuesday Foreign Minister Dmytro Kuleba accused …".
        at = max(s_begin, phrase_begin - _MAX_INTRO - 8)  # bounded: sentences may be endless
        clause = _CLAUSE_START.search(self.text, at, phrase_begin)
        while clause is not None:
            s_begin = clause.end()
            clause = _CLAUSE_START.search(self.text, s_begin, phrase_begin)
        if phrase_begin - s_begin > _MAX_INTRO:
            return (s_begin, s_begin)
        if _occasion_end(self.text, s_begin, phrase_begin, intro=True) is None:
            return (s_begin, s_begin)
        return (s_begin, phrase_begin)


_CLAUSE_BREAKS = frozenset(",;:—–()")
# Words opening a clause inside the object: "criticized Russia for what he described as …" has no
# "criticized … as".
_CLAUSE_WORDS = frozenset("what which who whom whose that when where while because".split())
_NOT_COMPLEMENT = frozenset("well soon long much far part usual if though he she it they we i you".split())


def _calls_for(words: list[str]) -> bool:
    """ "called for a ceasefire", "called on Monday for talks", "called on the West to act" — not
    "called the police", "called on Monday"."""
    k = 0
    while k < len(words) and (words[k] in GAP_WORDS or words[k] in WEEKDAYS):
        k += 1  # "called again for", "called on Monday for"
    if k < len(words) and words[k] == "for":
        return True
    if len(words) < 2 or words[0] != "on" or words[1] in GAP_WORDS or words[1] in WEEKDAYS:
        return False
    for word in words[2 : _MAX_OBJECT + 2]:  # "called on [the West] to"
        if word == "to":
            return True
        if word in _CLAUSE_BREAKS:
            return False
    return False


def _word_before(text: str, lo: int, hi: int) -> str:
    """The last word in ``text[lo:hi]``, lowercased: what stands right before a speaker."""
    words = text[lo:hi].split()
    return words[-1].lower() if words else ""


_INTRO_WORDS = frozenset("speaking but and meanwhile separately asked also then".split())
_MARK = re.compile("[" + QUOTE_MARKS + "]")


def _tail_word(word: str) -> bool:
    # Capitalized words are the occasion's names: "told CNN", "wrote on Telegram", "told Putin".
    return word.lower() in TAIL_WORDS or word[0].isdigit() or word == "," or word[0].isupper()


# Prepositions opening an adverbial of the speech's occasion, "in an exclusive interview", "from the
# presidential palace", "at an impromptu briefing", and those going on with one ("the city of
# Lviv", "in a call with his counterpart"). Not "on", "to", "about", "of" first: "commented on the
# strikes on Monday", "warned of an attack on Monday" put the date in what was said.
_OCCASION_PREPOSITIONS = frozenset("in at from during by".split())
_CHAIN_PREPOSITIONS = frozenset("of with".split())
_DETERMINERS = frozenset("a an the his her its their".split())
_MAX_FREE = 3  # words in one such phrase outside `TAIL_WORDS`: "the western city", "an exclusive interview"
_NOT_FREE = BLOCKERS | frozenset(
    """
    that which who whom whose what this these those there here it he she they we i you his her its their
    our my your as and or but if than so because while when where after before since until about against
    """.split()
)


def _free_word(word: str) -> bool:
    """A word that may stand in a phrase naming the occasion though no list knows it: an adjective or a
    noun ("presidential palace", "western city"), never a verb form we can tell ("began", "shelling")."""
    return (
        word.isalpha()
        and word.islower()
        and word not in _NOT_FREE
        and word not in SPEECH_VERBS
        and not word.endswith(("ed", "ing", "ly"))
    )


def _occasion_end(text: str, lo: int, hi: int, intro: bool = False, recipient: bool = False) -> int | None:
    """Where the words describing the occasion of a speech end, reading from ``lo``: 'told CNN on
    Thursday| that …', 'said in a statement on March 9|', 'told reporters from the presidential palace
    on Monday|.' A date up to there dates the speech. Words of `TAIL_WORDS`, names and numbers go
    anywhere; other words only inside a prepositional phrase of place or occasion, three at most, with
    one determiner (a second one starts a new noun phrase: "said in a statement| the invasion began
    on …").

    With ``intro``, the opening phrase before a speaker: None unless every word up to ``hi`` is read,
    and, unless a participle opens it ("Speaking in the western city of Lviv on Thursday, "), words
    outside the lists only before a known head or a name ("In an exclusive interview on Monday, ", "In
    the city of Lviv on Monday, "): "In a strike on Monday, the ministry said, …" dates the strike.

    With ``recipient`` (after "told"), a possessive name opens the listener's noun phrase, read like an
    occasion's: "told CNN’s partner network CNN Portugal on Monday|". Not after "said": "said Russia's
    attacks on Monday …" puts the date in what was said."""
    end = lo
    phrase = False  # inside a prepositional phrase of occasion
    content = free = 0  # its words after the preposition, and those of them outside the lists
    after_name = pending = False  # after a name; after a word outside the lists with no head yet
    participle = False
    for m in TOKEN.finditer(text, lo, hi):
        word = m.group()
        low = word.lower()
        if end == lo and intro and low in _PARTICIPLES:
            participle = True
        if phrase and low in _CHAIN_PREPOSITIONS:
            content = free = 0  # "the western city| of Lviv": the head may still come
        elif low in _OCCASION_PREPOSITIONS:
            if intro and pending and not participle:
                return None
            phrase, content, free, pending = True, 0, 0, False
        elif low in _DETERMINERS:
            if content:
                phrase = False  # "in a statement the …": a new noun phrase, not the occasion's
            if low not in TAIL_WORDS and not phrase:
                break
        elif _tail_word(word) or (intro and low in _INTRO_WORDS):
            content += 1
            if word == "," or low in _PREPOSITIONS_IN_TAIL:
                if intro and pending and not participle:
                    return None
                phrase = False  # "on the strikes", "to the troops": a complement, not an occasion
            pending = False
        elif phrase and free < _MAX_FREE and not after_name and _free_word(word):
            content += 1
            free += 1
            pending = True
        else:
            break
        possessive = word.endswith(("'s", "’s"))
        if recipient and possessive and word[0].isupper() and not phrase and content <= 1:
            phrase, content, free = True, 0, 0
        after_name = word[0].isupper() and not possessive
        if word != ",":  # a comma may go on to a date ("said Thursday, March 3"), never end the tail
            end = m.end()
    else:
        return None if intro and pending and not participle else end
    return None if intro else end


_PARTICIPLES = frozenset("speaking writing talking".split())
_TELLING = frozenset("told tell tells telling".split())
_PREPOSITIONS_IN_TAIL = frozenset("on to via with".split())


def _tail_end(text: str, lo: int, hi: int, recipient: bool = False) -> int:
    """Where the words describing the occasion of a speech after its verb end (`_occasion_end`)."""
    found = _occasion_end(text, lo, hi, recipient=recipient)
    return lo if found is None else found
