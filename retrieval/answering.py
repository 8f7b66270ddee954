"""The answer step: a ranked question becomes a cited answer, or a decline with its reason and the
nearest material. The decisions themselves are pure (retrieval/answerable.py); this reads what they
weigh from the store.

    AnswerStep(store, config, similarity).answer(query, ranked, max_citations) -> Answer
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date

from index.store import Store
from retrieval.answer import bare_name, nearness
from retrieval.answerable import (
    ANSWERED,
    NO_SUPPORT,
    Decision,
    Reason,
    Support,
    coverage_decision,
    dated_decline,
    kind_decision,
    measure,
    name_decision,
    names_decision,
    needs_similarity,
    role_decision,
    suggestion,
    support_decision,
)
from retrieval.citations import article_citation, choose_quote, passage_options
from retrieval.config import RankingConfig
from retrieval.names import folded, required_names, written_in
from retrieval.premise import asked_roles, attached, near_query
from retrieval.query import Query, TermEvidence, asked_years
from retrieval.rank import TIER_NONE, Candidate, distinct_articles
from retrieval.said import asked_speaker, asks_who_said
from retrieval.said_answer import said_answer, who_said_answer
from retrieval.types import Answer, Citation

QUOTE_CHARS_ENCODED = 300


def bare_name_passages(question: str, ranked: list[Candidate], min_score: float) -> list[Candidate]:
    """ "Who is Max Blain?" is a name and nothing else, so the model's cosine says little about a
    passage that merely names him ("Sunak's spokesman, Max Blain, said …" in a story about jets). When
    no passage close enough (`min_score`) writes the whole name, the lexical search's first passage
    that does is cited first, whatever its cosine."""
    bare = bare_name(question)
    if not bare:
        return []
    # The whole name as a whole word: not "Max Blaine" for "Max Blain", nor "market" for "Mark".
    name = re.compile(r"\b" + re.escape(folded(bare)) + r"(?!\w)")
    writes = [c for c in ranked if name.search(folded(f"{c.title}\n{c.text}"))]
    if any(c.dense >= min_score for c in writes):
        return []
    return [c for c in writes if c.lexical_rank == 0]


class AnswerStep:
    """One question's answer over the store as it is now. `similarity(question, text)` is the cosine
    of the two under the engine's model (the quote's closeness, for the support decision)."""

    def __init__(self, store: Store, config: RankingConfig, similarity: Callable[[str, str], float]) -> None:
        self.store = store
        self.config = config
        self.similarity = similarity

    def answer(self, query: Query, ranked: list[Candidate], max_citations: int) -> Answer:
        """The cited answer, or a decline with its reason (retrieval/answerable.py weighs the evidence)."""
        config = self.config
        hint = suggestion(query.evidence)
        early = self._coverage(query)
        if early.answered:
            early = names_decision(query.evidence, query.passages, config)
        for role in asked_roles(query.text) if early.answered else ():
            texts = self.store.texts_matching(
                near_query(role, config.premise_near_tokens), config.premise_passages
            )
            found = any(attached(t, role) for t in texts)
            early = role_decision(role.name, role.office, found)
            if not early.answered:
                break
        if not early.answered:
            related = [] if early.reason is Reason.OUT_OF_RANGE else self._related(query, ranked)
            return self._decline(query, early, related, hint)
        if asks_who_said(query):
            who = who_said_answer(self.store, query, ranked, config, max_citations)
            if who is not None:
                return replace(who, suggestion=hint)
        asked = asked_speaker(query)
        if asked is not None:
            said = said_answer(self.store, query, ranked, asked, config, max_citations)
            if said is not None:
                return replace(said, suggestion=hint)
        named = bare_name_passages(query.content, ranked, config.min_score)
        eligible = named + [c for c in ranked if c.dense >= config.min_score and c not in named]
        if query.date is not None:
            eligible = [c for c in eligible if c.tier > TIER_NONE]
        if not eligible:
            if query.date is None:
                return self._decline(query, NO_SUPPORT, [], hint)
            label = query.date.label
            dated = [c for c in ranked if c.tier > TIER_NONE]
            if dated:  # passages dated as asked exist: show them, and don't say there are none
                shown = distinct_articles(dated, config.nearest_citations)
                cited = self._cite(
                    query, shown, {c.article_id: passage_options(c, dated, config) for c in shown}
                )
                return self._decline(query, dated_decline(label, True), cited, hint)
            return self._decline(query, dated_decline(label, False), self._nearest(query, ranked), hint)
        names = required_names(query.evidence, query.text)
        if names:
            eligible, missing = self._naming_first(eligible, names)
            if missing is not None:
                return self._decline(
                    query, name_decision(missing, False), self._offered(query, eligible), hint
                )
        top = distinct_articles(eligible, max_citations)
        options = {c.article_id: passage_options(c, eligible, config) for c in top}
        citations = self._cite(query, top, options)
        support, decision = self._decide(query, citations[0], top[0])
        if not decision.answered:
            rescued = self._other_passage(query, top[0], options[top[0].article_id], citations[0])
            if rescued is not None:
                citations[0], support, decision = rescued
        if not decision.answered:
            if query.date is not None:  # every eligible passage is dated as asked
                decision = dated_decline(query.date.label, True)
            declined = self._decline(query, decision, citations[: config.nearest_citations], hint)
            return replace(declined, support=support)
        return Answer(
            query.text,
            True,
            tuple(citations),
            date_label=query.date.label if query.date else "",
            reason=Reason.ANSWERED.value,
            suggestion=hint,
            support=support,
        )

    def _decline(self, query: Query, decision: Decision, nearest: list[Citation], hint: str) -> Answer:
        return Answer(
            query.text,
            False,
            message=decision.message,
            date_label=query.date.label if query.date else "",
            nearest=tuple(nearest),
            reason=decision.reason.value,
            suggestion=hint,
        )

    def _coverage(self, query: Query) -> Decision:
        """A date or bare year the archive cannot hold (retrieval/answerable.py: coverage_decision)."""
        first, last = self.store.date_span()
        periods = []
        c = query.date
        if c is not None and c.start is not None and c.end is not None:
            periods.append((c.label, c.start, c.end))
        periods += [(str(y), date(y, 1, 1), date(y, 12, 31)) for y in asked_years(query.terms)]
        for label, start, end in periods:
            mentioned = bool(self.store.chunks_dated_between(start, end, 1))
            decision = coverage_decision(label, start, end, first, last, mentioned)
            if not decision.answered:
                return decision
        return ANSWERED

    def _related(self, query: Query, ranked: list[Candidate]) -> list[Citation]:
        """The closest passages, offered beside a decline (never as the answer)."""
        config = self.config
        return self._offered(query, [c for c in ranked[: config.nearest_pool] if c.dense >= config.min_score])

    def _offered(self, query: Query, candidates: list[Candidate]) -> list[Citation]:
        """The best passage of each of the first few articles among `candidates`, offered beside a decline."""
        top = distinct_articles(candidates, self.config.nearest_citations)
        return self._cite(query, top, {c.article_id: [c] for c in top}) if top else []

    def _naming_first(
        self, eligible: list[Candidate], names: list[TermEvidence]
    ) -> tuple[list[Candidate], TermEvidence | None]:
        """The closest articles that write every one of the question's names, ahead of those that don't;
        and, when none of the closest does, the rarest name the closest article lacks."""
        close = distinct_articles(eligible, self.config.rare_name_articles)
        texts = {
            c.article_id: folded(f"{c.title}\n{self.store.article_text(c.article_id) or ''}") for c in close
        }
        naming = {a for a, text in texts.items() if all(written_in(text, n, self.config) for n in names)}
        if close and not naming:
            first = texts[close[0].article_id]
            return eligible, next(n for n in names if not written_in(first, n, self.config))
        # sorted() is stable: within each group the ranker's order stands.
        return sorted(eligible, key=lambda c: c.article_id not in naming), None

    def _support(self, query: Query, first: Citation, top: Candidate) -> Support:
        config = self.config
        support = measure(
            query.evidence,
            query.passages,
            f"{first.title}\n{first.passage}",
            # Names are looked up in the whole article only when the decision weighs them.
            (self.store.article_text(first.article_id) or "") if config.answer_min_names else "",
            first.quote,
            None,
            top.dense,
        )
        if not needs_similarity(support, config):
            return support
        # The quote's opening (its first sentence or so) is what a reader checks against the question,
        # and encoding a whole three-sentence quote costs as much as the question's whole search.
        similarity = self.similarity(query.content, first.quote[:QUOTE_CHARS_ENCODED])
        return replace(support, sentence_similarity=similarity)

    def _other_passage(
        self, query: Query, top: Candidate, options: list[Candidate], cited: Citation
    ) -> tuple[Citation, Support, Decision] | None:
        """Another of the cited article's strong passages that itself holds most of the question (at least
        answer_strong_coverage of its weighted words) and passes the decision: the lede is cited for "When
        was the Russian Tea Room opened?", and the year is two paragraphs down."""
        for o in options:
            if o.chunk_id == cited.chunk_id:
                continue
            citation = self._cite(query, [o], {o.article_id: [o]})[0]
            # The passage itself, not its title: a title holding half the question ("… make Russia pay
            # for Putin's war") would lift any passage of the article.
            own = measure(query.evidence, query.passages, citation.passage, "", citation.quote, None, o.dense)
            if own.coverage < self.config.answer_strong_coverage:
                continue
            support, decision = self._decide(query, citation, o)
            if decision.answered:
                return citation, support, decision
        return None

    def _decide(self, query: Query, citation: Citation, candidate: Candidate) -> tuple[Support, Decision]:
        """Does this citation answer: its support, then a figure for "how many"."""
        support = self._support(query, citation, candidate)
        decision = support_decision(support, self.config)
        if decision.answered:
            decision = kind_decision(query.kind, citation.quote, citation.passage)
        return support, decision

    def _nearest(self, query: Query, ranked: list[Candidate]) -> list[Citation]:
        assert query.date is not None
        config = self.config
        floor = config.min_score * config.nearest_min_factor
        relevant = [c for c in ranked[: config.nearest_pool] if c.dates and c.dense >= floor]
        constraint = query.date
        relevant.sort(
            key=lambda c: (min(nearness(constraint.distance_days, s, e) for s, e in c.dates), -c.score)
        )
        top = distinct_articles(relevant, config.nearest_citations)
        return self._cite(query, top, {c.article_id: [c] for c in top}, nearest=True)

    def _cite(
        self,
        query: Query,
        top: list[Candidate],
        options: dict[str, list[Candidate]],
        *,
        nearest: bool = False,
    ) -> list[Citation]:
        articles = self.store.articles(c.article_id for c in top)
        mentions = self.store.mentions(c.article_id for c in top)
        chunks = self.store.chunks(o.chunk_id for c in top for o in options[c.article_id])
        out = []
        for rank_no, c in enumerate(top, start=1):
            art = articles[c.article_id]
            quote = choose_quote(
                query,
                c,
                options[c.article_id],
                chunks,
                mentions[c.article_id],
                self.config,
                nearest=nearest,
            )
            out.append(
                article_citation(
                    rank_no, art, quote.text, quote.chunk.text, round(c.score, 4), quote.chunk.id
                )
            )
        return out
