"""Who is who within one article: "Peskov" is the Dmitry Peskov named earlier, "she" the speaker in force.

Rules, kept simple on purpose (and tested in tests/test_statements.py):

* A name is the person of the most recent earlier name that contains it or is contained in it, word
  for word ("Peskov", "Dmitry Peskov"; "Mao", "Mao Ning"). The person's canonical name is the fullest
  one the article gives, wherever it comes.
* "the spokesman", "the minister", "the ministry": the most recent speaker whose phrase or title holds
  that word; failing that an institution is looked up in the text before ("Russia's Defense Ministry");
  failing that the title stands alone ("spokesman"), never a guessed name.
* "he"/"she", first match wins: (1) a person opening the pronoun's own sentence, outside quotes ("Sen.
  Jane Roe took the floor, and she said"); (2) a person opening the sentence before ("Foreign Minister
  Sergei Lavrov arrived. He said"); (3) the speaker in force: the most recent person who spoke or whose
  speech was mentioned ("a speech by Lavrov"); (4) the last person named with a title, or known from
  the alias table, in the sentence before. "Opening a sentence" means titled, in full, or already known
  as a person. A person of the other gender is skipped when the gender is known (from "spokeswoman",
  "Mr.", or an earlier pronoun). "it": the institution that made the previous statement. Otherwise
  the pronoun is unresolved and the statement dropped.
* "a Kremlin spokesman", "another diplomat", groups: a speaker of their own, with no name.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from index.quotes import QUOTE_MARKS
from index.speakers import Speaker, affiliations, is_title, person_aliases, personal_name
from index.speech_lexicon import MONTHS, NAME_PARTICLES, ROLE_WORDS, SENTENCE_OPENERS, WEEKDAYS

_QUOTE_SET = frozenset(QUOTE_MARKS)
_NOT_FIRST_NAMES = SENTENCE_OPENERS | WEEKDAYS | MONTHS  # "But Peskov", "Thursday Peskov"
_LOOKBACK = 400  # characters: a pronoun's antecedent is in its sentence or the one before
_CAPITAL_RUN = re.compile(r"[A-Z][\w.'’\-]*(?:\s+[A-Z][\w.'’\-]*)*")
# Institutions named by a common noun, which "the ministry" can point back to.
_GENERIC_HEADS = frozenset(
    "ministry department office council commission agency service committee embassy command army navy "
    "government parliament company firm bank court".split()
)


@dataclass(eq=False)
class Entity:
    """One speaker of the article, however it is written ("Dmitry Peskov", "Peskov", "he")."""

    kind: str  # "person", "role", "institution", "group"
    # Sets kept in insertion order (dicts): an article repeats the same names and titles many times.
    names: dict[tuple[str, ...], None] = field(default_factory=dict)
    label: str = ""
    roles: dict[str, None] = field(default_factory=dict)  # phrases and titles it was introduced with
    gender: str = ""
    last_day: tuple[date | None, bool] | None = None  # (day, inferred) of its latest statement
    said_on: date | None = None  # the day its latest statement dated in the text's own words was made

    @property
    def canonical(self) -> str:
        if self.names:
            fullest: tuple[str, ...] = max(self.names, key=_fullness)  # wherever in the article
            return " ".join(fullest)
        return self.label

    def affiliations(self) -> tuple[str, ...]:
        return affiliations(self.canonical, *self.roles)

    def holds(self, words: str) -> bool:
        pattern = _word_pattern(words)
        return any(pattern.search(r) for r in (*self.roles, self.label))


class Cast:
    """The speakers of one article, resolved in reading order."""

    def __init__(self, text: str, sentence_of: Callable[[int], tuple[int, int]]) -> None:
        self.text = text
        self.sentence_of = sentence_of
        self.entities: list[Entity] = []
        self.history: list[tuple[int, Entity]] = []  # (offset, entity): who spoke or was quoted, in order

    def resolve(self, speaker: Speaker, at: int) -> Entity | None:
        if speaker.kind == "pronoun":
            return self._pronoun(speaker.head, at)
        if speaker.kind == "person":
            entity = self._person(speaker.name)
        elif speaker.definite:
            entity = self._definite(speaker, at)
        elif speaker.kind == "institution":
            entity = self._by_label(speaker.label) or self._new("institution", speaker.label)
        else:
            entity = self._new(speaker.kind, speaker.label)
        entity.roles[speaker.written] = None
        if speaker.role:
            entity.roles[speaker.role] = None
        entity.gender = entity.gender or speaker.gender
        return entity

    def spoke(self, entity: Entity, at: int) -> None:
        self.history.append((at, entity))

    def mentioned(self, speaker: Speaker, at: int) -> None:
        """A person whose speech the text mentions without quoting it ("a speech by Lavrov")."""
        if speaker.kind == "person":
            self.spoke(self._person(speaker.name), at)

    def _person(self, name: tuple[str, ...]) -> Entity:
        for entity in reversed(self.entities):
            if entity.kind == "person" and any(_within(name, n) or _within(n, name) for n in entity.names):
                entity.names[name] = None
                return entity
        entity = self._new("person")
        entity.names[name] = None
        return entity

    def _definite(self, speaker: Speaker, at: int) -> Entity:
        for _, entity in reversed(self.history):
            person_like = entity.kind in ("person", "role")
            if person_like == (speaker.kind == "role") and entity.holds(speaker.label):
                return entity
        if speaker.kind == "institution":
            named = self._named_before(speaker.head, at)
            if named:
                return self._by_label(named) or self._new("institution", named)
        return self._by_label(speaker.label) or self._new(speaker.kind, speaker.label)

    def _pronoun(self, pronoun: str, at: int) -> Entity | None:
        if pronoun == "it":
            if self.history and self.history[-1][1].kind == "institution":
                return self.history[-1][1]
            return None
        gender = "f" if pronoun == "she" else "m"
        begin = self.sentence_of(at)[0]
        for lo, hi in ((begin, at), (self.sentence_of(max(begin - 1, 0))[0], begin)):
            if hi - lo > _LOOKBACK:
                continue
            subject = self._opening_person(lo, hi) if lo < hi else None
            if subject is not None and subject.gender in ("", gender):
                subject.gender = gender
                return subject
        for _, entity in reversed(self.history):
            if entity.kind in ("person", "role") and entity.gender in ("", gender):
                entity.gender = gender
                return entity
        named = self._titled_before(at)
        if named is None:
            return None
        entity = self._person(named)
        entity.gender = entity.gender or gender
        return entity

    def _opening_person(self, lo: int, hi: int) -> Entity | None:
        """The person opening the sentence at ``lo`` (after a short opening phrase ending in a comma),
        outside quotes, with a title, in full, or already known: "Rep. Ayanna Pressley addressed the
        crowd when she said …", "Writing in the Moscow Times, Mark Galeotti was scornful."."""
        text = self.text
        if set(text[lo:hi]) & _QUOTE_SET:
            return None
        comma = text.find(", ", lo, min(hi, lo + 40))
        for start in (lo, comma + 2) if comma > 0 else (lo,):
            words = _leading_words(text, start, hi)
            name = personal_name(words)
            titled = len(name) < len(words) and is_title(words[len(words) - len(name) - 1])
            if len(name) >= 2 or (name and (titled or self._known_person(name))):
                return self._person(name)
        return None

    def _known_person(self, name: tuple[str, ...]) -> bool:
        """Named before in the article, or a person in the alias table ("Lavrov")."""
        if all(w in person_aliases() for w in name):
            return True
        return any(e.kind == "person" and any(_within(name, n) for n in e.names) for e in self.entities)

    def _titled_before(self, at: int) -> tuple[str, ...] | None:
        """The last person named in the sentence before ``at``'s with a title or known as an alias:
        "Foreign Minister Sergei Lavrov arrived in New Delhi. He said …" → Lavrov."""
        begin, _ = self.sentence_of(at)
        prev_begin = max(self.sentence_of(max(begin - 1, 0))[0], at - _LOOKBACK)
        found = None
        for m in _CAPITAL_RUN.finditer(self.text, prev_begin, at):
            words = m.group().split()
            name = personal_name(words)
            titled = len(name) < len(words) and is_title(words[len(words) - len(name) - 1])
            if name and (titled or all(w in person_aliases() for w in name)):
                found = name
        return found

    def _named_before(self, head: str, at: int) -> str | None:
        """The last "<Capitalized words> <Head>" before ``at``: "the ministry" → "Russia's Defense
        Ministry"."""
        if head not in _GENERIC_HEADS:
            return None
        found = None
        for m in _head_pattern(head).finditer(self.text, max(0, at - 20 * _LOOKBACK), at):
            found = m.group(1)
        return found

    def _by_label(self, label: str) -> Entity | None:
        for entity in reversed(self.entities):
            if entity.kind == "institution" and entity.label.lower() == label.lower():
                return entity
        return None

    def complete_names(self) -> None:
        """Give a person known by one word the full name the article writes elsewhere, spoken or not:
        "Putin" → "Vladimir Putin" from "President Vladimir Putin cast aside …", when the article pairs
        the surname with one first name only; a title ("President Putin") is not a first name."""
        for entity in self.entities:
            if entity.kind != "person" or max(map(len, entity.names), default=0) != 1:
                continue
            surname = next(iter(entity.names))[0]
            firsts = {
                m.group(1)
                for m in _first_name_pattern(surname).finditer(self.text)
                if m.group(1) not in _NOT_FIRST_NAMES
                and personal_name([m.group(1), surname]) == (m.group(1), surname)
            }
            if len(firsts) == 1:  # "Joe Biden" and "Hunter Biden" in one article: leave "Biden" alone
                entity.names[(next(iter(firsts)), surname)] = None

    def _new(self, kind: str, label: str = "") -> Entity:
        entity = Entity(kind, label=label)
        self.entities.append(entity)
        return entity


_WORD = re.compile(r"[^\W\d_][\w.'’\-]*")


def _leading_words(text: str, lo: int, hi: int) -> list[str]:
    """The capitalized words and titles opening ``text[lo:hi]``, past one opening conjunction: "When
    White House press secretary Jen Psaki was asked" → White House press secretary Jen Psaki."""
    words: list[str] = []
    at = lo
    for m in _WORD.finditer(text, lo, min(hi, lo + 120)):
        if text[at : m.start()].strip():
            break  # punctuation between words ends the phrase
        w = m.group()
        if not words and w in SENTENCE_OPENERS:
            at = m.end()
            continue
        if not (w[0].isupper() or w in ROLE_WORDS or w in NAME_PARTICLES):
            break
        words.append(w)
        at = m.end()
    return words


def _fullness(name: tuple[str, ...]) -> tuple[int, int]:
    return len(name), sum(len(w) for w in name)


@lru_cache(maxsize=256)
def _word_pattern(words: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w\-])" + re.escape(words) + r"(?![\w\-])", re.IGNORECASE)  # not "open-source"


@lru_cache(maxsize=256)
def _first_name_pattern(surname: str) -> re.Pattern[str]:
    return re.compile(r"\b([A-Z][a-z][\w'’\-]*) " + re.escape(surname) + r"\b")


@lru_cache(maxsize=64)
def _head_pattern(head: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:The\s+|the\s+)?((?:[A-Z][\w'’.\-]*\s+){1,4}" + head.capitalize() + r")\b")


def _within(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    n = len(short)
    return any(long[i : i + n] == short for i in range(len(long) - n + 1))
