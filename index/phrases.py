"""Speaker phrases around a speech verb, read token by token: "Kremlin spokesman Dmitry Peskov [also]
said", '"…," said Peskov', "according to a statement from the Kremlin".

A phrase is a run of capitalized words and title words (`index.speech_lexicon`), with the appositions
and asides news copy puts between a name and its verb (", the ministry's spokeswoman,", ", who …,").
Every loop is bounded by a token count, so a phrase costs the same however long the sentence.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from index.speech_lexicon import (
    BLOCKERS,
    GAP_WORDS,
    GROUP_NOUNS,
    INSTITUTION_HEADS,
    MONTHS,
    NAME_PARTICLES,
    PERSON_NOUNS,
    QUANTIFIERS,
    ROLE_WORDS,
    TITLE_WORDS,
    WEEKDAYS,
)

# Words with a trailing period are kept whole ("Gen.", "U.S."); a sentence's final one is trimmed.
TOKEN = re.compile(r"[^\W\d_](?:[\w'’\-]|\.(?=[^\W\d_]))*\.?|\d[\d,.:]*\d|\d|\S")
_MAX_PHRASE = 12  # tokens
_MAX_APPOSITIVE = 16  # tokens: ", chief of the Southern Regional Center of the Emergencies Ministry,"
_CONNECTORS = frozenset("of for to the and".split())
_APPOSITIVE_OPENERS = frozenset("the a an".split())
# Openers of an aside that tells nothing about who the speaker is: skipped, not kept as a title.
_ASIDE_OPENERS = frozenset(
    "who which whose in at during speaking responding writing asked also however too though".split()
)
PARTY = re.compile(r"[DRI]-[A-Z]")  # "Rep. Mike Quigley, D-Ill., said"
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


_SUBORDINATORS = frozenset(
    "when while after before as if although though since because once until unless whereas".split()
)
# Verbs that may follow a sentence's subject besides "-ed"/"-s" forms ("Zelenskyy met …, and warned").
_IRREGULAR_PAST = frozenset("met spoke made gave took went sent held told said wrote became began".split())


def subject_phrase(tokens: list[re.Match[str]], in_quote: Callable[[int], bool]) -> Phrase | None:
    """The phrase opening the sentence (after a short opening phrase ending in a comma) when a verb
    follows it: the subject that a later "and warned" shares."""
    # "When Harris unveiled her plan, Sanders praised it and called it …": a subordinate clause's
    # subject is not the sentence's.
    subordinate = bool(tokens) and tokens[0].group().lower() in _SUBORDINATORS
    starts = [] if subordinate else [0]
    commas = [k for k, t in enumerate(tokens[: 20 if subordinate else 10]) if t.group() == ","]
    if commas:
        starts.append(commas[0] + 1)
    for start in starts:
        k = start
        if k < len(tokens) and tokens[k].group() in _PRONOUNS:
            k += 1  # "While Biden was in New York, he took time … and told …"
        while k < len(tokens) and k - start < _MAX_PHRASE and _is_phrase_word(tokens[k].group()):
            k += 1
        while k > start and tokens[k - 1].group().lower() in _CONNECTORS:
            k -= 1
        if k == start or k >= len(tokens) or in_quote(tokens[start].start()):
            continue
        verb = k
        while verb < len(tokens) and tokens[verb].group() in GAP_WORDS:
            verb += 1  # "Winfrey also praised …"
        nxt = tokens[verb].group() if verb < len(tokens) else ""
        if nxt.isalpha() and nxt.islower() and (nxt.endswith(("ed", "s")) or nxt in _IRREGULAR_PAST):
            words = tuple(t.group() for t in tokens[start:k])
            return Phrase(tokens[start].start(), tokens[k - 1].end(), words)
    return None


_SOURCE = re.compile(
    r"(?:(?:a|an|the)\s+)?(?:\w+\s+)?(?:statement|readout|post|transcript|report|video|message|"
    r"announcement|tweet|letter)s?\s+(?:from|by|of|issued\s+by|released\s+by)$"
)


def skip_source(tokens: list[re.Match[str]]) -> list[re.Match[str]]:
    """ "according to a statement from the Kremlin" → the Kremlin: a document passes on its author's
    words."""
    words: list[str] = []
    for k, t in enumerate(tokens[:6]):
        words.append(t.group())
        if _SOURCE.match(" ".join(words)):
            return tokens[k + 1 :]
    return tokens


def after_and(tokens: list[re.Match[str]]) -> bool:
    """Is the verb the second of two sharing a subject ("… appealed for calm and warned …")?"""
    i = len(tokens) - 1
    while i >= 0 and _is_gap(tokens, i):
        i -= 1
    return i >= 0 and tokens[i].group() == "and"


def backward_phrase(tokens: list[re.Match[str]], text: str) -> tuple[Phrase, int] | None:
    """The speaker phrase ending before a verb, and where the words between them begin: "Peskov",
    "the ministry on Thursday", "Zakharova, the ministry's spokeswoman,"."""
    i = len(tokens) - 1
    while i >= 0 and _is_gap(tokens, i):
        i -= 1
    gap_begin = tokens[i + 1].start() if i + 1 < len(tokens) else (tokens[-1].end() if tokens else 0)
    if i < 0 or any(t.group() in BLOCKERS or t.group().endswith(("n't", "n’t")) for t in tokens[i:]):
        return None
    word = tokens[i].group()
    relative = False
    if word in _CONNECTORS:
        return None  # "Peskov blamed Kyiv and called for talks": a second verb, not a speaker
    appositives: list[str] = []
    if word in ("who", "which") and i > 0 and tokens[i - 1].group() == ",":
        # "Elena Petukhova of Molfar, a Kyiv-based business intelligence firm, who called it …": the
        # relative's antecedent is the name before the apposition.
        j, kept = _strip_appositives(tokens, i - 1, text)
        named = _collect_backward(tokens, j - 1, text, True) if j != i - 1 else None
        if named is not None:
            return Phrase(named.begin, named.end, named.words, ", ".join(kept)), gap_begin
        i -= 2
        relative = True
    elif word == ")":  # "Hitachi (HTHIY) said", "Rep. Mike Quigley (D-Ill.) said"
        j = i - 1
        while j >= 0 and i - j <= 8 and tokens[j].group() not in "()":
            j -= 1
        if j < 0 or tokens[j].group() != "(":
            return None
        i = j - 1
    if i >= 0 and tokens[i].group() == ",":
        first_comma = i
        i, appositives = _strip_appositives(tokens, i, text)
        if i == first_comma:  # "the head of the service, Oleh Ivashchenko, said": a name between commas
            return _name_between_commas(tokens, i, text, gap_begin)
        i -= 1
    appositive = ", ".join(appositives)
    phrase = _collect_backward(tokens, i, text, relative)
    if phrase is None:
        return None
    return Phrase(phrase.begin, phrase.end, phrase.words, appositive), gap_begin


def _strip_appositives(tokens: list[re.Match[str]], i: int, text: str) -> tuple[int, list[str]]:
    """From the comma at ``i`` before a verb, skip back over asides and appositions ("Jim Linn,
    executive director of DNG-ISAC, a threat-sharing center, said"): the comma before the name, and
    the appositions that describe the speaker."""
    kept: list[str] = []
    while True:
        j = i - 1
        while j >= 0 and i - j <= _MAX_APPOSITIVE and tokens[j].group() not in ',"“”':
            j -= 1
        if j < 0 or tokens[j].group() != ",":
            return i, kept
        inner = tokens[j + 1 : i]
        if not (inner and inner[0].group().lower() in _ASIDE_OPENERS):
            if not _is_appositive(inner):
                return i, kept
            kept.insert(0, text[inner[0].start() : inner[-1].end()])
        i = j


def _name_between_commas(
    tokens: list[re.Match[str]], comma: int, text: str, gap_begin: int
) -> tuple[Phrase, int] | None:
    j = comma - 1
    while j >= 0 and comma - j <= _MAX_APPOSITIVE and tokens[j].group() not in ',"“”':
        j -= 1
    if j < 0 or tokens[j].group() != ",":
        return None
    inner = tokens[j + 1 : comma]
    phrase = _collect_backward(inner, len(inner) - 1, text)
    if phrase is None or phrase.begin != inner[0].start():
        return None
    lead = _collect_backward(tokens, j - 1, text)
    if lead is None:
        return phrase, gap_begin
    role = text[lead.begin : lead.end]
    return Phrase(phrase.begin, phrase.end, phrase.words, role, lead.begin), gap_begin


def _collect_backward(
    tokens: list[re.Match[str]], i: int, text: str, relative: bool = False
) -> Phrase | None:
    """The phrase ending at token ``i``. With ``relative``, the antecedent of ", who said", which may
    stand anywhere in its clause: "responding to Gen. Sergei Rudskoi, who said", "comments from Alex
    Vershinin, a retired colonel, who has warned"."""
    last = i
    if i < 0:
        return None
    if tokens[i].group() in _PRONOUNS:
        first = i
    else:
        while i >= 0 and last - i < _MAX_PHRASE and _is_phrase_word(tokens[i].group()):
            i -= 1
        first = i + 1
        while relative and first <= last and tokens[first].group().lower() in _OBJECT_MARKS:
            first += 1
        if first <= last and tokens[first].group().lower() in _OBJECT_MARKS:
            return None  # "criticism of Russia said": the phrase is an object
        if not relative and i >= 0 and tokens[i].group().lower() in _PREPOSITIONS:
            return None  # "Authorities in Vancouver said"
    if first > last:
        return None
    words = tuple(t.group() for t in tokens[first : last + 1])
    return Phrase(tokens[first].start(), tokens[last].end(), words)


_OBJECT_MARKS = frozenset(("of", "for", "to", "and"))


def forward_phrase(tokens: list[re.Match[str]], text: str) -> Phrase | None:
    """The speaker phrase after "said" or "according to": "Peskov", "the Kremlin spokesman"."""
    i = 0
    sentence_end = False
    while i < len(tokens) and i < _MAX_PHRASE and _is_phrase_word(tokens[i].group()):
        i += 1
        word = tokens[i - 1].group()
        if word.endswith(".") and not is_abbreviation(word):
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
    low = word.lower() if is_abbreviation(word) else word.lower().rstrip(".")
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
    if PARTY.match(first):
        return True
    # It must name an office or a body: "the force deployed into Belarus" after "according to Janes,"
    # is what was said, not who said it.
    words = [t.group() for t in inner]
    if not any(_office(w) for w in words) or any(w in _FINITE for w in words):
        return False
    if first.lower() in _APPOSITIVE_OPENERS or first.endswith(("'s", "’s")):
        return True
    if first[0].isupper() and words[-1][0].isupper() and not _office(words[-1]):
        return False  # "President Sauli Niinistö of Finland": a titled name, not an apposition
    if first.lower() in ROLE_WORDS or first.lower() in TITLE_WORDS:
        return True
    return len(inner) > 1 and inner[1].group().lower() in ROLE_WORDS


_FINITE = frozenset("is are was were has have had will would".split())


def _office(word: str) -> bool:
    low = word.lower().rstrip(".,")
    return low in PERSON_NOUNS or low in INSTITUTION_HEADS or low in TITLE_WORDS


def is_abbreviation(word: str) -> bool:
    return word.lower() in TITLE_WORDS or "." in word[:-1] or len(word) == 2


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
        phrase = forward_phrase(list(TOKEN.finditer(text, by.end(), stop)), text)
        if phrase is not None:
            found.append(phrase)
    return found
