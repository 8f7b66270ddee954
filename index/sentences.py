"""Sentence spans for news prose.

Rule based on purpose: the splitter runs over every article at ingest, must be deterministic, and only
needs to be good where it matters for retrieval (chunk cut points and quoted answer sentences). The
rules are the ones news copy actually exercises: AP-style abbreviations ("Gen.", "Calif.", "Nov. 21"),
dotted acronyms ("U.S.", "a.m."), initials, quotes closing after the period, ellipses, and line breaks,
which in cleaned articles always separate paragraphs, headings, captions or list items.
"""

from __future__ import annotations

import re

# A line is a paragraph, heading, caption or list item: a line break always ends a sentence.
_LINE = re.compile(r"[^\n\r\u2028\u2029]+")
# A possible end: terminal punctuation, then closing quotes/brackets, then whitespace or the line's end.
# A period followed directly by a non-space ("3.5%", "cnn.com", "U.S.-led") is never a candidate.
_END = re.compile(r"""[.!?…]+["'”’»)\]]*(?=\s|$)""")
_OPENERS = "\"'“‘«([¿¡"
_DOTTED = re.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]$")  # U.S / a.m / D.C / e.g (final period stripped)
_INITIAL = re.compile(r"^[A-Z]$")  # "John F. Kennedy"
_LIST_MARKER = re.compile(r"^(?:\d{1,3}|[A-Za-z]|[ivxIVX]{1,4})$")  # "1. First" at the start of a line

# Words that keep their period mid-sentence. They end a sentence only when a typical sentence opener
# follows ("... at Apple Inc. The company said"), never before a name or a number ("Gen. Milley",
# "Nov. 21", "No. 10").
_ABBREVIATIONS = frozenset(
    """
    Mr Mrs Ms Mx Dr Prof Gen Gens Lt Col Maj Capt Cmdr Cdr Sgt Cpl Pvt Adm Brig Sen Sens Rep Reps Gov
    Amb Atty Supt Insp Det Rev Fr Hon Pres Sec Messrs Mme Mlle Sr Jr St Ste Mt Ft
    Inc Corp Co Cos Ltd Bros Plc Dept Univ Assn Ave Blvd Rd Hwy No Nos Vol Vols Fig Figs Art Ch
    Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec
    Ala Ariz Ark Calif Colo Conn Del Fla Ga Ill Ind Kan Ky La Md Mass Mich Minn Miss Mo Mont Neb Nev
    Okla Ore Pa Tenn Tex Va Vt Wash Wis Wyo
    """.split()
)
_LOWER_ABBREVIATIONS = frozenset(
    "v vs etc approx est al cf ca p pp no nos vol fig ch".split()
)  # "Roe v. Wade"

# Capitalized words that commonly open an English sentence; used only to decide whether a known
# abbreviation / acronym / initial also closes its sentence. Words that also start names or titles
# after an abbreviation are left out: "Rep. Will Hurd", "U.S. Under Secretary", "Theresa May".
_OPENER_WORDS = frozenset(
    """
    A An The This That These Those There Their They Them He She His Her It Its We Our You Your I My
    But And Or Nor So Yet For In On At As By To Of From With Without After Before During Since Until
    While When Where Why How What Who Whom Whose Which If Although Though Because Still Also Meanwhile
    However Then Now Later Earlier Today Yesterday Tomorrow Last Next Some Many Most Much More Few
    Several All Both Each Every Either Neither No Not None One Such Other Others Another According
    Asked Instead Despite Among Here
    """.split()
)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Character spans ``(start, end)`` of the sentences of ``text``, in order.

    Spans never include surrounding whitespace and ``text[start:end]`` is the sentence verbatim.
    Every line break ends a sentence, so a heading without final punctuation is a sentence of its own.
    """
    spans: list[tuple[int, int]] = []
    for line in _LINE.finditer(text):
        _split_line(text, line.start(), line.end(), spans)
    return spans


def _split_line(text: str, begin: int, end: int, out: list[tuple[int, int]]) -> None:
    start = _skip_space(text, begin, end)
    if start >= end:
        return
    for m in _END.finditer(text, start, end):
        if m.start() < start:
            continue
        if _is_boundary(text, start, m.start(), m.end(), end):
            out.append((start, m.end()))
            start = _skip_space(text, m.end(), end)
            if start >= end:
                return
    stop = end
    while stop > start and text[stop - 1].isspace():
        stop -= 1
    if stop > start:
        out.append((start, stop))


def _skip_space(text: str, i: int, end: int) -> int:
    while i < end and text[i].isspace():
        i += 1
    return i


def _is_boundary(text: str, sent_start: int, punct_start: int, punct_end: int, line_end: int) -> bool:
    """Does the punctuation at ``text[punct_start:punct_end]`` end the sentence begun at ``sent_start``?"""
    nxt = _skip_space(text, punct_end, line_end)
    if nxt >= line_end:
        return True  # the line's end ends the sentence anyway
    follower = text[nxt:line_end].split(None, 1)[0]
    first = follower.lstrip(_OPENERS)[:1]
    if first.islower():
        return False  # '"Why?" she asked.' / "Mr. and Mrs. Smith" / "... and then"
    punct = text[punct_start:punct_end].rstrip("\"'”’»)]")
    if punct != ".":
        return True  # "?", "!", "...", "…" before a capital, a digit or a quote
    word_start = punct_start
    while word_start > sent_start and not text[word_start - 1].isspace():
        word_start -= 1
    word = text[word_start:punct_start].lstrip(_OPENERS)
    if word_start == sent_start and _LIST_MARKER.match(word):
        return False  # "1. First, ..." at the start of a list item
    if not _is_abbreviation(word):
        return True
    return follower.strip(_OPENERS + ",;:") in _OPENER_WORDS


def _is_abbreviation(word: str) -> bool:
    return bool(
        word in _ABBREVIATIONS
        or word.lower() in _LOWER_ABBREVIATIONS
        or _DOTTED.match(word)
        or _INITIAL.match(word)
    )
