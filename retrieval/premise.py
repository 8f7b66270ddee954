"""A question's premise about someone's office: "When did Alexei Navalny become president of Russia?",
"What did Mark Rutte say as Russia's defense minister?", "Prime Minister Sergio Mattarella …".

When a question ties a person to an office, the archive should somewhere write that person with that
title ("President Vladimir Putin", "Belousov, Russia's new defense minister"). If it never does, the
archive cannot answer the question as asked, whatever passages share its words: a real name in a wrong
role is a false premise, and answering it with a passage about the real person misleads.

Pure: the question in, the asked (name, office) pairs and the FTS5 expression that looks for them out;
the engine runs the expression (retrieval/service.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from retrieval.said_roles import OFFICES

_NAME = r"(?P<name>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,2})"
_OFFICE = r"(?P<office>" + "|".join(sorted(map(re.escape, OFFICES), key=len, reverse=True)) + r")"
# What may stand between a verb and the office: "the", "Russia's new", "the first Ukrainian".
_QUALIFIER = (
    r"(?:(?:the|a|an)\s+)?(?:(?:new|next|first|former|acting|interim)\s+)?(?:[A-Z][\w'’.-]*\s+){0,3}?"
)
_BECOMING = (
    r"(?i:become|became|becomes|was\s+elected|were\s+elected|elected|was\s+appointed|appointed|"
    r"was\s+named|named|sworn\s+in\s+as|serve\s+as|served\s+as|serving\s+as|resign\s+as|resigned\s+as|"
    r"step\s+down\s+as|stepped\s+down\s+as|as)"
)
_PATTERNS = (
    # "Navalny become president", "Belousov become Russia's foreign minister", "Rutte say as …"
    re.compile(
        _NAME
        + r"\s+(?:(?i:say|said|speak|spoke|do|did|act|acted)\s+)?"
        + _BECOMING
        + r"\s+"
        + _QUALIFIER
        + r"(?i:"
        + _OFFICE
        + r")\b"
    ),
    # "Prime Minister Sergio Mattarella": the title right before the name
    re.compile(r"\b(?i:" + _OFFICE + r")\s+" + _NAME + r"\b"),
    # "von der Leyen's first decision as NATO secretary general" (a noun of office after the possessive:
    # not "Putin's decree name as defense minister")
    re.compile(
        _NAME
        + r"['’]s\s+(?:(?:first|last|final|early|main|biggest)\s+)?"
        + r"(?:decision|act|move|speech|visit|trip|day|days|year|years|term|tenure|time|stint|job|role|task)"
        + r"\s+as\s+"
        + _QUALIFIER
        + r"(?i:"
        + _OFFICE
        + r")\b"
    ),
    # "What did Grossi get done in his time as UN secretary-general?": the subject, right after "did"
    # (not Putin in "What did Merkel say about Putin in her time as chancellor?")
    re.compile(
        r"\b(?:did|does|do|was|is|has|had)\s+"
        + _NAME
        + r"(?:\s+[a-z]+){1,5}\s+(?:in\s+)?(?:his|her|their)\s+(?:time|tenure|term|days|years|stint)"
        + r"\s+as\s+"
        + _QUALIFIER
        + r"(?i:"
        + _OFFICE
        + r")\b"
    ),
)
# "head coach", "chief executive": the word qualifies another title, not an office of its own.
_MODIFIER = re.compile(r"\s+(?!of\b)[a-z]")
# Capitalised words that open a question or a clause, never a name's first word.
_NOT_NAMES = frozenset(
    "When What Who Whom Whose Which Where Why How Did Does Do Is Was Were Has Have Had".split()
)


@dataclass(frozen=True)
class AskedRole:
    name: str  # as the question writes it: "Alexei Navalny"
    office: str  # a key of said_roles.OFFICES: "president"


def asked_roles(question: str) -> list[AskedRole]:
    """The (person, office) pairs a question states as fact."""
    out: list[AskedRole] = []
    for pattern in _PATTERNS:
        for m in pattern.finditer(question):
            words = []
            for w in m.group("name").split():
                if w in _NOT_NAMES:
                    continue
                bare = re.sub(r"['’]s$", "", w)
                words.append(bare)
                if bare != w:  # "Donald Trump’s Mar-a-Lago": the name ends at its possessive
                    break
            if not words:
                continue
            office = m.group("office").lower()
            if office in ("head", "chief") and _MODIFIER.match(question, m.end("office")):
                continue
            role = AskedRole(" ".join(words), office)
            if role not in out:
                out.append(role)
    return out


_BETWEEN = r"(?:(?!(?:of|and|with|to|for|against|by|from)\b)[\w'’.-]+,?\s+)"


_BECOMES = r"(?:is|was|became|becomes|has\s+been|had\s+been|as|named|appointed|elected|remains)"


def attached(text: str, role: AskedRole) -> bool:
    """Whether a passage writes the person with a title of the office: before the name ("Russian
    President Vladimir Putin"), or after it, in apposition or as what they became ("Belousov, who was
    named Russia's new defense minister"), never across "of", "and", "by" … ("Navalny, a critic of
    President Putin" does not make Navalny president)."""
    surname = re.escape(role.name.split()[-1].strip(".'’"))
    for title in OFFICES[role.office]:
        t = r"\s+".join(re.escape(w) for w in title.split())
        before = rf"(?i:\b{t})\s+(?:[A-Z][\w'’.-]*\s+){{0,2}}{surname}\b"
        after = rf"\b{surname}(?:\s*,\s+{_BETWEEN}{{0,5}}|\s+{_BECOMES}\s+{_BETWEEN}{{0,3}})(?i:{t})\b"
        if re.search(before, text) or re.search(after, text):
            return True
    return False


def near_query(role: AskedRole, distance: int) -> str:
    """FTS5: a passage where the person's surname stands within `distance` tokens of a title of the
    office ("Russian Foreign Minister Sergey Lavrov", "Belousov, who was named Russia's new defense
    minister")."""
    surname = '"' + role.name.split()[-1].strip(".'’").replace('"', '""') + '"'
    titles = ['"' + t.replace('"', '""') + '"' for t in OFFICES[role.office]]
    return " OR ".join(f"NEAR({surname} {t}, {distance})" for t in titles)
