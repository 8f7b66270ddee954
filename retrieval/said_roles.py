"""Speakers asked about by their office: "Putin's spokesman", "the Russian president", "Ukraine's
foreign minister", "the NATO chief".

An office names one person at a time, so the question means whoever the archive writes with that title,
for that country or body, around the asked date: the person most often introduced that way in
statements within `RankingConfig.said_office_days` of it. Pure: statements in, a name out; the engine
(retrieval/said_answer.py) fetches the statements and then answers as for that person.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from index.speakers import personal_name
from index.store_statements import StoredStatement

# Offices, each with the words a speaker's title may use for it.
OFFICES: dict[str, tuple[str, ...]] = {
    "spokesman": ("spokesman", "spokeswoman", "spokesperson", "press secretary", "spokespeople"),
    "spokeswoman": ("spokesman", "spokeswoman", "spokesperson", "press secretary"),
    "spokesperson": ("spokesman", "spokeswoman", "spokesperson", "press secretary"),
    "president": ("president",),
    "prime minister": ("prime minister", "premier"),
    "foreign minister": ("foreign minister", "minister of foreign affairs", "foreign secretary"),
    "defense minister": ("defense minister", "defence minister", "minister of defense", "defense secretary"),
    "defence minister": ("defense minister", "defence minister", "minister of defence", "defence secretary"),
    "secretary of state": ("secretary of state",),
    "secretary general": ("secretary general", "secretary-general"),
    "secretary-general": ("secretary general", "secretary-general"),
    "chancellor": ("chancellor",),
    "ambassador": ("ambassador", "envoy"),
    "chief": ("chief", "head", "secretary general", "secretary-general", "director", "leader"),
    "head": ("chief", "head", "secretary general", "secretary-general", "director", "leader"),
    "leader": ("leader", "president", "chief", "head"),
    "mayor": ("mayor",),
    "governor": ("governor",),
}
_OFFICE_AT_END = re.compile(
    r"(?:^|\s)(?P<office>" + "|".join(sorted(map(re.escape, OFFICES), key=len, reverse=True)) + r")$",
    re.IGNORECASE,
)


def asked_office(x: str) -> str:
    """The office an asked speaker ends with ("Putin's spokesman" → "spokesman"), or "" when the
    words end with a name ("Russian President Vladimir Putin")."""
    m = _OFFICE_AT_END.search(x.strip())
    return m.group("office").lower() if m else ""


def holds_office(written: str, office: str) -> bool:
    """Whether a speaker as written carries a title of the office ("Kremlin spokesman Dmitry Peskov")."""
    low = " " + " ".join(written.lower().replace("’", "'").split())
    return any(f" {title}" in low for title in OFFICES.get(office, (office,)))


def office_words(office: str) -> list[str]:
    """A word of each title of the office, to fetch the statements whose speaker may hold it."""
    return sorted({t.split()[0] for t in OFFICES.get(office, (office,))})


def office_holder(office: str, keys: Sequence[str], statements: Sequence[StoredStatement]) -> str:
    """The full name most often written with the office, for the country or body `keys` name (any
    when none), among `statements` (the caller keeps those near the asked date); "" when none is."""
    counts: Counter[str] = Counter()
    for s in statements:
        if not holds_office(s.speaker, office):
            continue
        if keys and not any(k in s.affiliations for k in keys):
            continue
        name = personal_name(s.canonical.split())
        if len(name) >= 2:
            counts[" ".join(name)] += 1
    if not counts:
        return ""
    return max(counts, key=lambda n: (counts[n], n))
