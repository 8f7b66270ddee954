"""Does the archive answer the question? One pure decision from evidence, with its reason.

Evidence is checked cheapest first, and the first that declines wins:
- coverage: the question's date (or a bare year in it) lies after the archive's last publication day
  (nothing can have been reported yet), or before its first with no passage mentioning it;
- names and rare terms: a distinctive word of the question occurs in no passage, and no near spelling
  rescues it;
- support: how much of the question the best passage (with its title) and its quote hold, content words
  weighted by rarity, names required, and the quote's own similarity to the question; the question's
  rarest name named by the cited article; a figure in the passage for "how many".

The engine gathers the evidence (SQLite, the model); this module only weighs it. The thresholds are
RankingConfig's answer_* fields, calibrated on the calibration half of tests/data/eval_ukraine.jsonl
(docs/evaluation.md, "Answerability").
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from corpus.date_words import format_date
from retrieval.answer import has_quantity
from retrieval.config import DEFAULT_CONFIG, RankingConfig
from retrieval.query import TermEvidence, stem, suffix_stem, tokenize


class Reason(StrEnum):
    ANSWERED = "answered"
    OUT_OF_RANGE = "out-of-range date"
    UNKNOWN_NAME = "unknown name"
    NOTHING_DATED = "nothing dated"  # no passage of the archive is dated as asked
    DATED_NO_SUPPORT = "dated passages do not answer"  # some are, and none answers
    NO_SUPPORT = "no support"
    NO_STATEMENT = "no statement on that date"  # the asked speaker said nothing dated as asked
    NO_SUCH_ROLE = "role not in archive"  # the question names someone in an office no article gives them


@dataclass(frozen=True)
class Decision:
    reason: Reason
    message: str  # for people; "" when answered

    @property
    def answered(self) -> bool:
        return self.reason is Reason.ANSWERED


ANSWERED = Decision(Reason.ANSWERED, "")
NO_SUPPORT = Decision(Reason.NO_SUPPORT, "Nothing in the archive answers this closely enough.")


@dataclass(frozen=True)
class Support:
    """How well one citation backs the question (shares are rarity-weighted, 0..1)."""

    coverage: float  # the question's words held by the passage and its title
    names: float  # the question's names (capitalised words) held by its article
    predicate: float  # the question's other words (what it asks about the names) held by the passage
    rarest: float  # 1.0 when the passage holds the question's rarest uncapitalised word ("opera")
    sentence_coverage: float  # the question's words held by the quote
    # Cosine of the quote to the question; None when the decision did not need it (the words decided).
    sentence_similarity: float | None
    dense: float  # cosine of the passage to the question


def coverage_decision(
    label: str, start: date, end: date, first: date | None, last: date | None, mentioned: bool
) -> Decision:
    """Decline a period the archive cannot hold. After its last article nothing can have been reported
    (a mention of "2030" is a plan, not news); before its first, only if no passage mentions it."""
    if first is None or last is None:
        return ANSWERED
    if start > last or (end < first and not mentioned):
        return Decision(
            Reason.OUT_OF_RANGE,
            f"The archive runs from {format_date(first)} to {format_date(last)}; "
            f"nothing in it is dated {label}.",
        )
    return ANSWERED


def unknown_terms(
    evidence: Sequence[TermEvidence], passages: int, config: RankingConfig = DEFAULT_CONFIG
) -> list[str]:
    """Words of the question no passage holds and no near spelling rescues, names first. A name missing
    from any archive means it is not covered; a common word missing from a small archive ("share" from
    two articles) means nothing, so other words count only in an archive of `rare_term_passages`."""
    missing = [
        e
        for e in evidence
        if e.passages == 0
        and not e.nearest
        and len(e.term) >= config.min_name_length
        and not e.term.isdigit()
        and (e.name or passages >= config.rare_term_passages)
    ]
    return [e.surface for e in sorted(missing, key=lambda e: not e.name)]


def names_decision(
    evidence: Sequence[TermEvidence], passages: int, config: RankingConfig = DEFAULT_CONFIG
) -> Decision:
    missing = unknown_terms(evidence, passages, config)
    if not missing:
        return ANSWERED
    # Name words missing side by side are one name: "Vasyl Kovalchuk-Dorosh", not "Vasyl".
    runs: list[list[str]] = []
    previous = -2
    for i, e in enumerate(evidence):
        if e.surface in missing and e.name:
            if i == previous + 1 and runs:
                runs[-1].append(e.surface)
            else:
                runs.append([e.surface])
            previous = i
    longest = max(range(len(runs)), key=lambda i: len(runs[i]), default=-1)
    named = " ".join(runs[longest]) if longest >= 0 else missing[0]
    return Decision(Reason.UNKNOWN_NAME, f"Nothing in the archive mentions {named}.")


def role_decision(name: str, office: str, found: bool) -> Decision:
    """A person asked about in an office ("Navalny … president of Russia") the archive never writes
    them with: the question's premise is not the archive's, and no passage about them answers it."""
    if found:
        return ANSWERED
    return Decision(Reason.NO_SUCH_ROLE, f"Nothing in the archive calls {name} {office}.")


def name_decision(name: TermEvidence, held: bool) -> Decision:
    """None of the closest articles names all the question's names: they are about something else
    ("Volodymyr Bondarenko at the Paris Olympics" answered with a passage about other medallists)."""
    if held:
        return ANSWERED
    return Decision(
        Reason.NO_SUPPORT, f"None of the passages closest to this question mentions {name.surface}."
    )


def suggestion(evidence: Sequence[TermEvidence]) -> str:
    """ "Did you mean Mariupol?" when a word of the question was respelt to one the archive has."""
    fixed = [e for e in evidence if e.passages == 0 and e.nearest]
    return ("Did you mean " + ", ".join(e.nearest for e in fixed) + "?") if fixed else ""


def term_weights(evidence: Sequence[TermEvidence], passages: int) -> dict[str, float]:
    """Inverse document frequency per stemmed term: a rare word of the question matters more than
    "Ukraine". A respelt word counts under its new spelling."""
    n = max(passages, 1)
    out: dict[str, float] = {}
    for e in evidence:
        key = stem((e.nearest or e.term).lower())
        out[key] = max(math.log(1.0 + n / max(e.passages, 1)), out.get(key, 0.0))
    return out


def _held(term: str, present: set[str]) -> bool:
    """A stemmed term is in a text's stems; a hyphenated one ("trump-putin") when all its parts are."""
    return term in present or ("-" in term and all(stem(p) in present for p in term.split("-") if p))


def _share(present: set[str], weights: dict[str, float]) -> float:
    total = sum(weights.values())
    return sum(w for t, w in weights.items() if _held(t, present)) / total if total else 1.0


def stems_of(text: str) -> set[str]:
    """Stems of a text's words, and of the parts of its hyphenated words."""
    words = tokenize(text)
    return {stem(w) for w in words} | {stem(p) for w in words if "-" in w for p in w.split("-") if p}


def measure(
    evidence: Sequence[TermEvidence],
    passages: int,
    passage: str,
    article: str,
    quote: str,
    sentence_similarity: float | None,
    dense: float,
) -> Support:
    """Support of one citation: `passage` should include its article's title; names count anywhere in
    the article (a story about the Laos meeting need not name Laos in every passage)."""
    weights = term_weights(evidence, passages)
    names = {k: w for k, w in weights.items() if any(e.name and stem(e.term) == k for e in evidence)}
    capital = {stem(e.term) for e in evidence if e.capitalised}
    held = stems_of(passage)
    # Tokenizing a whole article costs more than the rest of the decision: look the few names up instead.
    lowered = article.lower()
    # By the word as written ("Drew" is not "draw"): a suffix strip leaves a prefix of it.
    written = {stem(e.term): suffix_stem(e.term) for e in evidence if e.name}
    in_article = {k for k in names if re.search(r"\b" + re.escape(written.get(k, k)), lowered)}
    return Support(
        coverage=_share(held, weights),
        names=_share(in_article | held, names),
        predicate=_share(held, {k: w for k, w in weights.items() if k not in capital}),
        rarest=_share(
            held,
            dict(sorted(((k, w) for k, w in weights.items() if k not in capital), key=lambda kw: -kw[1])[:1]),
        ),
        sentence_coverage=_share(stems_of(quote), weights),
        sentence_similarity=sentence_similarity,
        dense=dense,
    )


def words_decline(support: Support, config: RankingConfig = DEFAULT_CONFIG) -> bool:
    """The passage lacks the question's names, or too many of its words: no similarity can rescue it."""
    return (
        support.names < config.answer_min_names
        or support.coverage < config.answer_min_coverage
        or support.predicate < config.answer_min_predicate
        or support.rarest < config.answer_min_rarest
        or (support.rarest < 1.0 and support.coverage < config.answer_rare_missing_coverage)
    )


def needs_similarity(support: Support, config: RankingConfig = DEFAULT_CONFIG) -> bool:
    """Only a passage whose words pass but do not cover the question strongly is judged by how close
    its quote is to the question (encoding the quote is the decision's one costly step)."""
    return not words_decline(support, config) and support.coverage < config.answer_strong_coverage


def support_decision(support: Support, config: RankingConfig = DEFAULT_CONFIG) -> Decision:
    """Answer when the passage holds the question's names and enough of its words, and the quote is
    close to the question (or the passage holds nearly all of it)."""
    if words_decline(support, config):
        return NO_SUPPORT
    if needs_similarity(support, config) and (
        support.sentence_similarity is None or support.sentence_similarity < config.answer_min_sentence
    ):
        return NO_SUPPORT
    return ANSWERED


def kind_decision(kind: str, quote: str, passage: str) -> Decision:
    """A "how many / how much" question is not answered by a passage that holds no figure at all, however
    much of the question's wording it shares (Russia's "war reparations" answered with a bill that would
    "make Russia pay")."""
    if kind == "amount" and not has_quantity(f"{quote}\n{passage}"):
        return Decision(Reason.NO_SUPPORT, "The closest passages give no figure for this.")
    return ANSWERED


def dated_decline(label: str, dated_exist: bool) -> Decision:
    """Nothing dated as asked answers. Never say "nothing dated D" when passages dated D exist: say they
    don't answer, and the fronts show them."""
    if dated_exist:
        return Decision(
            Reason.DATED_NO_SUPPORT, f"The archive has passages dated {label}, but none of them answers this."
        )
    return Decision(Reason.NOTHING_DATED, f"Nothing dated {label} in the archive answers this.")


def offered_heading(reason: str, date_label: str) -> str:
    """What the passages offered beside a decline are, for the fronts' heading over them."""
    if reason == Reason.DATED_NO_SUPPORT:
        return f"Passages dated {date_label} (none answers the question)"
    if reason == Reason.NOTHING_DATED or (not reason and date_label):
        return "Nearest dated passages"
    if reason == Reason.NO_STATEMENT:
        return "Their statements nearest in date"
    return "Closest passages (they do not answer the question)"
