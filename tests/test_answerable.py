"""The answer decision (retrieval/answerable.py) and the question-aware quote (retrieval/answer.py): pure."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from itertools import pairwise

import pytest

from retrieval.answer import SentenceInfo, asks_for_name, context_line, kind_match, select_quote
from retrieval.answerable import (
    Reason,
    Support,
    coverage_decision,
    dated_decline,
    kind_decision,
    measure,
    name_decision,
    names_decision,
    offered_heading,
    suggestion,
    support_decision,
    unknown_terms,
)
from retrieval.answering import bare_name_passages
from retrieval.config import DEFAULT_CONFIG
from retrieval.names import folded, required_names, written_in
from retrieval.query import TermEvidence, asked_years, parse_query, question_kind
from retrieval.rank import Candidate

TODAY = date(2026, 7, 7)
FIRST, LAST = date(2013, 6, 24), date(2026, 7, 7)
FIRM = "Which shipping firm did the navy blacklist?"


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("How many Ukrainian refugees had fled to Poland by mid-March 2022?", "amount"),
        ("how much did the bridge cost", "amount"),
        ("What was the death toll of the strike?", "amount"),
        ("Where was the Belgorod submarine handed over?", "place"),
        ("Which city hosted the talks?", "place"),
        ("When was Brittney Griner arrested?", "time"),
        ("What year did Crimea vote?", "time"),
        ("who is Mao Ning", "who-is"),
        ("Who's Kaja Kallas?", "who-is"),
        ("Who called Putin a war criminal?", "person"),
        ("what did China say on May 27?", ""),
        ("Why did the UK sanction Abramovich?", ""),
        ("Which shipping firm did the navy blacklist?", "named"),
        # A quiz question sets a scene, then asks: the asking sentence says what kind of fact it wants.
        ("The singer died this week at age 90. Which music genre was she best known for?", "named"),
        ("A storm hit the coast on Monday. How many people were evacuated?", "amount"),
        ("Talks resumed in Geneva. Where will the next round be held?", "place"),
        # "which" inside the sentence still asks; "U.S." does not end a sentence.
        ("The hurricane made landfall in which country this week?", "place"),
        ("How many U.S. troops did Biden send to Poland?", "amount"),
        ("What did the U.S. State Department say?", ""),
    ],
)
def test_question_kind(question: str, kind: str) -> None:
    assert question_kind(question) == kind


@pytest.mark.parametrize(
    ("question", "wants_a_name"),
    [
        # A bare name asks to describe its person, however the question is capitalised.
        ("who is Mao Ning", False),
        ("Who is Max Blain?", False),
        ("WHO IS Mao Ning?", False),
        ("Who’s Max Blain?", False),
        ("Who was Montenegro's prime minister?", True),
        # A title, in a possessive or in title case, asks who holds it.
        ("Who is Ukraine's Prime Minister?", True),
        ("Who Is The Head Of Wagner?", True),
        ("Who called Putin a war criminal?", True),
    ],
)
def test_who_asks_for_a_name_or_a_description(question: str, wants_a_name: bool) -> None:
    assert asks_for_name(parse_query(question, TODAY)) is wants_a_name


def _passage(chunk_id: int, text: str, lexical_rank: int | None, dense: float = 0.1) -> Candidate:
    return Candidate(chunk_id, f"a{chunk_id}", text, None, dense=dense, lexical_rank=lexical_rank)


@pytest.mark.parametrize(
    ("question", "passages", "cited"),
    [
        # The lexical search's first passage writes the whole name: cited, though the model finds it far.
        ("Who is Max Blain?", [_passage(1, "Sunak's spokesman, Max Blain, said", 0)], [1]),
        ("Who is Guy-Laurent Epstein?", [_passage(1, "Guy-Laurent Epstein, UEFA's director", 0)], [1]),
        # Not the whole name, not the lexical search's first, or not a bare name: the cosine decides.
        ("Who is Max Blain?", [_passage(1, "Blaine Bookey says she represents", 0)], []),
        ("Who is Max Blain?", [_passage(2, "Sunak's spokesman, Max Blain, said", 1)], []),
        ("Who is Max Blain?", [_passage(1, "Max Blaine, a lawyer for the family, said", 0)], []),
        ("Who is Ukraine's Prime Minister?", [_passage(1, "Ukraine's Prime Minister said", 0)], []),
        ("Who is Max Blain's boss?", [_passage(1, "Sunak's spokesman, Max Blain, said", 0)], []),
        # A passage close enough to the question writes the name: the ranking stands.
        (
            "Who is James Nixey?",
            [
                _passage(1, "Russia has come to terms, said James Nixey", 0),
                _passage(2, "James Nixey is the director of the Russia-Eurasia Programme", 3, dense=0.5),
            ],
            [],
        ),
    ],
)
def test_a_bare_name_is_cited_from_the_passage_that_writes_it(
    question: str, passages: list[Candidate], cited: list[int]
) -> None:
    assert [c.chunk_id for c in bare_name_passages(question, passages, DEFAULT_CONFIG.min_score)] == cited


@pytest.mark.parametrize(
    ("label", "start", "end", "mentioned", "reason"),
    [
        ("2030", date(2030, 1, 1), date(2030, 12, 31), False, Reason.OUT_OF_RANGE),
        # A plan for 2030 mentioned in an article is still not news of 2030.
        ("2030", date(2030, 1, 1), date(2030, 12, 31), True, Reason.OUT_OF_RANGE),
        ("1990", date(1990, 1, 1), date(1990, 12, 31), False, Reason.OUT_OF_RANGE),
        # History the articles recount is in range.
        ("1991", date(1991, 1, 1), date(1991, 12, 31), True, Reason.ANSWERED),
        ("24 February 2022", date(2022, 2, 24), date(2022, 2, 24), False, Reason.ANSWERED),
    ],
)
def test_coverage_decision(label: str, start: date, end: date, mentioned: bool, reason: Reason) -> None:
    decision = coverage_decision(label, start, end, FIRST, LAST, mentioned)
    assert decision.reason is reason
    if reason is Reason.OUT_OF_RANGE:
        assert decision.message == (
            f"The archive runs from 24 June 2013 to 7 July 2026; nothing in it is dated {label}."
        )


def test_coverage_of_an_empty_archive_declines_nothing() -> None:
    assert coverage_decision("2030", date(2030, 1, 1), date(2030, 12, 31), None, None, False).answered


@pytest.mark.parametrize(
    ("evidence", "passages", "missing"),
    [
        # An unknown name declines in any archive.
        ([TermEvidence("kovalchuk-dorosh", "Kovalchuk-Dorosh", 0, True)], 10, ["Kovalchuk-Dorosh"]),
        # A misspelling with a near spelling is rescued, not declined.
        ([TermEvidence("mariupl", "Mariupl", 0, True, nearest="Mariupol")], 20_000, []),
        # A common word missing from two articles means nothing; from a newsroom archive it means
        # the archive never covered it.
        ([TermEvidence("tsunami", "tsunami", 0, False)], 10, []),
        ([TermEvidence("tsunami", "tsunami", 0, False)], 20_000, ["tsunami"]),
        # Short words and numbers are too easily mistyped or too generic to decline on.
        ([TermEvidence("abc", "ABC", 0, True), TermEvidence("1234", "1234", 0, False)], 20_000, []),
        # Names come first in the message.
        (
            [TermEvidence("tsunami", "tsunami", 0, False), TermEvidence("odessk", "Odessk", 0, True)],
            20_000,
            ["Odessk", "tsunami"],
        ),
    ],
)
def test_unknown_terms(evidence: list[TermEvidence], passages: int, missing: list[str]) -> None:
    assert unknown_terms(evidence, passages, DEFAULT_CONFIG) == missing
    decision = names_decision(evidence, passages, DEFAULT_CONFIG)
    assert decision.answered == (not missing)
    if missing:
        assert decision.message == f"Nothing in the archive mentions {missing[0]}."


@pytest.mark.parametrize(
    ("question", "evidence", "required"),
    [
        # Every name the archive has, rarest first.
        (
            "How many medals did Volodymyr Bondarenko win in Paris?",
            [
                TermEvidence("volodymyr", "Volodymyr", 900, True),
                TermEvidence("bondarenko", "Bondarenko", 7, True),
                TermEvidence("paris", "Paris", 800, True),
                TermEvidence("medals", "medals", 3, False),
            ],
            ["Bondarenko", "Paris", "Volodymyr"],
        ),
        # A country that sends nothing in the archive is still a name the answer must have.
        (
            "How many Leopard 2 tanks did Portugal send?",
            [TermEvidence("leopard", "Leopard", 40, True), TermEvidence("portugal", "Portugal", 23, True)],
            ["Portugal", "Leopard"],
        ),
        # A nationality may be written as its country; a describing compound is no name; a compound of
        # names is.
        (
            "On which Spanish island did the Russian-owned yacht sink after the Trump-Putin summit?",
            [
                TermEvidence("spanish", "Spanish", 30, True),
                TermEvidence("russian-owned", "Russian-owned", 12, True),
                TermEvidence("british-belgian", "British-Belgian", 5, True),
                TermEvidence("americans", "Americans", 2000, True),
                TermEvidence("trump-putin", "Trump-Putin", 6, True),
            ],
            ["Trump-Putin"],
        ),
        # A sentence's first word and quoted words are not names.
        (
            'Layoffs hit Meta. Approximately how many lost jobs? Who said "Don\'t give in"?',
            [
                TermEvidence("approximately", "Approximately", 1500, True),
                TermEvidence("don't", "Don't", 700, True),
                TermEvidence("meta", "Meta", 90, True),
            ],
            ["Meta"],
        ),
        # Honorifics, numerals and initials are written each article's own way; "Mr." ends no sentence.
        (
            "What did Mr. Zelensky say about World War II?",
            [
                TermEvidence("mr", "Mr", 300, True),
                TermEvidence("zelensky", "Zelensky", 900, True),
                TermEvidence("world", "World", 1500, True),
                TermEvidence("war", "War", 2000, True),
                TermEvidence("ii", "II", 400, True),
            ],
            ["Zelensky", "World", "War"],
        ),
        # An unknown word is the unknown-name decision's; a respelt one counts.
        (
            "Who is Kovalchuk from Mariupl?",
            [
                TermEvidence("kovalchuk", "Kovalchuk", 0, True),
                TermEvidence("mariupl", "Mariupl", 0, True, nearest="Mariupol"),
            ],
            ["Mariupl"],
        ),
    ],
)
def test_required_names(question: str, evidence: list[TermEvidence], required: list[str]) -> None:
    assert [e.surface for e in required_names(evidence, question)] == required


@pytest.mark.parametrize(
    ("article", "name", "held"),
    [
        ("The city's Deputy Mayor, Volodymyr Bondarenko, said four were injured.", "Bondarenko", True),
        ("Ukraine won 12 medals at the Paris Olympics.", "Bondarenko", False),
        ("Bondarenko’s friend lives in Irpin.", "Bondarenko", True),  # a possessive still names him
        ("The Trump-Putin summit in Alaska", "Trump-Putin", True),
        ("Trump flew to Alaska to meet Putin.", "Trump-Putin", True),  # every part of the compound
        ("Trump flew to Alaska.", "Trump-Putin", False),
        ("Ukraine at the Olympic Games", "Olympics", True),  # an inflection of the name
        ("The COVID rules were scrapped.", "Covid-19", True),  # the part with letters
        ("Germany sent 14 tanks.", "Portugal", False),
        ("Shelling hit Odesa overnight.", "Odessa", True),  # a near spelling
        ("The fighting in Luhansk province", "Lugansk", True),
        ("A concert in Kraków", "Krakow", True),  # without the accent
        ("Running mate J.D. Vance said", "JD", True),  # without the periods
        ("Polish troops crossed the border.", "Portugal", False),
        # one letter of five is another word, not a spelling of the name, unless it keeps the ends
        ("It was plain that Tony Blair agreed.", "Blain", False),
        ("Shelling hit Odessa overnight.", "Odesa", True),
        ("Troops left Irpen.", "Irpin", True),
        ("Sunak's spokesman, Max Blain, said", "Blain", True),
    ],
)
def test_an_article_mentions_a_name(article: str, name: str, held: bool) -> None:
    evidence = TermEvidence(name.lower(), name, 5, True)
    assert written_in(folded(article), evidence) == held
    decision = name_decision(evidence, held)
    assert decision.answered == held
    if not held:
        assert decision.message == f"None of the passages closest to this question mentions {name}."


@pytest.mark.parametrize(
    ("kind", "quote", "passage", "answered"),
    [
        ("amount", "Border Guard said 1.2 million had crossed.", "", True),
        ("amount", "A bill would make Russia pay for invading Ukraine.", "Lawmakers met on June 3.", False),
        (
            "amount",
            "Russia must pay, Kyiv said.",
            "It owes three times what it spent.",
            True,
        ),  # in the passage
        ("amount", "The summit ended in 2024.", "", False),  # a year is no figure
        ("place", "Russia must pay, Kyiv said.", "", True),  # only figures are required
    ],
)
def test_a_how_many_question_needs_a_figure(kind: str, quote: str, passage: str, answered: bool) -> None:
    decision = kind_decision(kind, quote, passage)
    assert decision.answered == answered
    if not answered:
        assert decision.reason is Reason.NO_SUPPORT and "no figure" in decision.message


def test_suggestion_names_the_respelt_word() -> None:
    evidence = [TermEvidence("mariupl", "Mariupl", 0, True, nearest="Mariupol")]
    assert suggestion(evidence) == "Did you mean Mariupol?"
    assert suggestion([TermEvidence("kyiv", "Kyiv", 40, True)]) == ""


def test_asked_years() -> None:
    assert asked_years(("nato", "2030", "summit", "123")) == [2030]


def _support(
    coverage: float, names: float = 1.0, similarity: float = 0.5, predicate: float = 1.0, rarest: float = 1.0
) -> Support:
    return Support(coverage, names, predicate, rarest, coverage, similarity, 0.5)


# The rule, with thresholds of its own (the calibrated values are data: docs/evaluation.md).
RULE = replace(
    DEFAULT_CONFIG,
    answer_min_names=0.99,
    answer_min_coverage=0.5,
    answer_min_predicate=0.3,
    answer_min_sentence=0.35,
    answer_strong_coverage=0.75,
)


@pytest.mark.parametrize(
    ("support", "answered"),
    [
        (_support(0.9), True),
        (_support(0.2), False),  # the passage holds little of the question
        (_support(0.9, names=0.0), False),  # it lacks the name asked about
        (_support(0.6, similarity=0.1), False),  # a quote unlike the question needs strong coverage
        (_support(0.95, similarity=0.1), True),
        (_support(0.9, predicate=0.1), False),  # the names are there, not what is asked about them
    ],
)
def test_support_decision(support: Support, answered: bool) -> None:
    assert support_decision(support, RULE).answered is answered


@pytest.mark.parametrize(
    ("support", "answered"),
    [
        # without the question's rarest word ("earthquake"), a passage holding little of it is about
        # something else; with it, or holding more of the question, it may answer
        (_support(0.3, rarest=0.0, similarity=0.7, predicate=0.5), False),
        (_support(0.3, rarest=1.0, similarity=0.7, predicate=0.5), True),
        (_support(0.5, rarest=0.0, similarity=0.7, predicate=0.5), True),
    ],
)
def test_a_passage_missing_the_rarest_word_needs_more_of_the_question(
    support: Support, answered: bool
) -> None:
    rule = replace(DEFAULT_CONFIG, answer_rare_missing_coverage=0.4, answer_min_sentence=0.4)
    assert support_decision(support, rule).answered is answered


def test_a_name_that_is_also_a_past_form_is_looked_up_as_written() -> None:
    # "Drew" stems like the verb ("draw") for word matching, but the article must hold "Drew" itself
    evidence = [
        TermEvidence("drew", "Drew", 5, True, capitalised=True),
        TermEvidence("coach", "coach", 50, False),
    ]
    named = measure(evidence, 1000, "Title\nThe coach resigned.", "Coach Nancy Drew resigned.", "", None, 0.5)
    unnamed = measure(evidence, 1000, "Title\nThe coach resigned.", "A drawing of the coach.", "", None, 0.5)
    assert (named.names, unnamed.names) == (1.0, 0.0)


def test_measure_weights_rare_words_over_common_ones() -> None:
    evidence = [
        TermEvidence("ukraine", "Ukraine", 5000, False),
        TermEvidence("belgorod", "Belgorod", 3, True),
    ]
    rare = measure(evidence, 10_000, "The Belgorod was handed over.", "", "The Belgorod", 0.5, 0.5)
    common = measure(evidence, 10_000, "Ukraine said so.", "", "Ukraine said so.", 0.5, 0.5)
    assert rare.coverage > 0.8 > 0.2 > common.coverage
    assert rare.names == 1.0 and common.names == 0.0
    # Names count anywhere in the article, not only the passage.
    assert measure(evidence, 10_000, "Ukraine said so.", "Belgorod", "", 0.5, 0.5).names == 1.0


def test_a_decline_never_says_nothing_is_dated_when_dated_passages_exist() -> None:
    exist = dated_decline("24 February 2022", True)
    assert exist.reason is Reason.DATED_NO_SUPPORT and "Nothing dated" not in exist.message
    assert dated_decline("24 February 2022", False).message.startswith("Nothing dated 24 February 2022")
    assert "24 February 2022" in offered_heading(exist.reason, "24 February 2022")
    assert "do not answer" in offered_heading(Reason.NO_SUPPORT, "")


@pytest.mark.parametrize(
    ("line", "context"),
    [
        ("Ukrainian refugees flee to Moldova amid harrowing Russian attacks", True),  # a subheading
        ("Read more: Russia's war in Ukraine", True),
        ("Lavrov speaks in Antalya, Turkey, March 10, 2022. (Photo by Ozan Kose/AFP via Getty Images)", True),
        ("Poland's Border Guard said at least 1.2 million people had crossed.", False),
        ('"We will not give up," he said.', False),
    ],
)
def test_context_lines_are_not_quotes(line: str, context: bool) -> None:
    assert context_line(line) is context


@pytest.mark.parametrize(
    ("question", "sentence", "match"),
    [
        ("How many refugees fled to Poland?", "More than 1.2 million people have fled to Poland.", True),
        ("How many refugees fled to Poland?", "Refugees fled to Poland.", False),
        ("Where was the submarine handed over?", "It was handed over in Severodvinsk.", True),
        ("Where will the weapons be stationed?", "They will be stationed in neighbouring Belarus.", True),
        ("Where did the missile hit?", "It hit a hotel in the central city of Kryvyi Rih.", True),
        ("Where did the missile hit?", "Officials said it was time to rebuild.", False),
        ("Where did the missile hit?", "He declined to comment on Trump's remarks.", False),
        ("What percent of voters backed him?", "He won 58% of the vote.", True),
        ("When was Griner arrested?", "She was arrested in February at the airport.", True),
        ("who is Mao Ning", "Chinese Foreign Ministry spokesperson Mao Ning said so.", True),
    ],
)
def test_kind_match(question: str, sentence: str, match: bool) -> None:
    q = parse_query(question, TODAY)
    assert kind_match(sentence, SentenceInfo(0, len(sentence), ()), q) is match


def _sentences(passage: str, *starts: str) -> list[SentenceInfo]:
    """The passage's sentences, each after the first opening with one of `starts` (one separator between)."""
    cuts = [0, *(passage.index(s) for s in starts), len(passage) + 1]
    return [SentenceInfo(a, b - 1, ()) for a, b in pairwise(cuts)]


def test_how_many_quotes_the_sentence_with_the_number_not_the_subheading() -> None:
    passage = (
        "Ukrainian refugees flee to Poland amid Russian attacks\n"
        "Refugees from Ukraine continued to cross into Poland on Tuesday.\n"
        "Poland's Border Guard said at least 1.2 million refugees had crossed into Poland so far."
    )
    infos = _sentences(passage, "Refugees from", "Poland's Border")
    q = parse_query("How many Ukrainian refugees had fled to Poland?", TODAY)
    start, end, _ = select_quote(passage, infos, q, DEFAULT_CONFIG)
    assert "1.2 million" in passage[start:end]
    assert "flee to Poland amid" not in passage[start:end]


@pytest.mark.parametrize(
    ("question", "sentence", "match"),
    [
        # Asked for a name: only a name the question lacks answers it.
        ("Which judge postponed Jack Teixeira's hearing?", "Magistrate Judge David Hennessy agreed.", True),
        (
            "Which judge postponed Jack Teixeira's hearing?",
            "On Monday Jack Teixeira appeared in court.",
            False,
        ),
        ("Who was Montenegro's prime minister?", "Prime Minister Milo Djukanovic spoke.", True),
        ("Who was Montenegro's prime minister?", "The Montenegro Prime Minister spoke.", False),
        # Asked to describe a named person: the sentence naming them is the one.
        ("Who is Wendy Sherman?", "Deputy Secretary of State Wendy Sherman led the talks.", True),
        # Asked which thing: a name the question lacks, right beside the noun; not a name further off.
        (FIRM, "The navy blacklisted the shipping firm Nordic Star Lines on Friday.", True),
        (FIRM, "The Hamburg firm denied any wrongdoing.", True),
        (FIRM, "The navy blacklisted a firm in Hamburg on Friday.", False),
        (FIRM, "Nordic Star Lines was mentioned; the navy also named a firm.", False),
    ],
)
def test_a_question_asking_for_a_name_wants_a_new_name(question: str, sentence: str, match: bool) -> None:
    q = parse_query(question, TODAY)
    assert kind_match(sentence, SentenceInfo(0, len(sentence), ()), q) is match


@pytest.mark.parametrize(
    ("question", "things"),
    [
        ("Which shipping firm did the navy blacklist?", ("firm",)),
        ("Which two generals were dismissed in May?", ("generals",)),
        ("Which Baltic gas company stopped deliveries?", ("company",)),
        ("Which of the following tech companies banned the ads?", ("companies",)),
        ("What did China say on May 27?", ()),
        ("How many refugees fled to Poland?", ("refugees",)),  # what "how many" counts
        ("How many were killed in the strike?", ()),
        ("What popular ice cream company is getting a makeover?", ("company",)),
        ("Which of these firms won the contract?", ("firms",)),
        # "what kind of" asks for a description; "what" followed by a verb or a filler word for no thing
        ("What kind of costs did the administration warn of?", ()),
        ("What caused the crash?", ()),
        ("What happens next?", ()),
        ("What else did the report find?", ()),
        ("What the hell happened?", ()),
    ],
)
def test_a_which_question_names_the_thing_it_asks_for(question: str, things: tuple[str, ...]) -> None:
    assert parse_query(question, TODAY).things == things


@pytest.mark.parametrize(
    ("weight", "quoted", "left_out"),
    [(DEFAULT_CONFIG.quote_precise_time, "1927", "Thursday"), (0.0, "Thursday", "1927")],
)
def test_when_quotes_the_year_not_the_weekday(weight: float, quoted: str, left_out: str) -> None:
    # Two sentences with the same words of the question: the year answers "when", the weekday hardly.
    passage = (
        "The Russian Tea Room was opened to reporters on Thursday. Protesters gathered outside. "
        "The Russian Tea Room was opened by expatriates in 1927."
    )
    infos = _sentences(passage, "Protesters", "The Russian Tea Room was opened by")
    q = parse_query("When was New York's Russian Tea Room opened?", TODAY)
    start, end, _ = select_quote(passage, infos, q, replace(DEFAULT_CONFIG, quote_precise_time=weight))
    assert quoted in passage[start:end] and left_out not in passage[start:end]


def test_when_quotes_a_time_the_question_does_not_state() -> None:
    # "2018" is the question's own year: the sentence repeating it does not say when; "March 6" does.
    passage = (
        "Officials warned on Tuesday that hackers will target the 2018 congressional elections. "
        "Nothing has been done. "
        "The first primary is set for March 6 in Texas."
    )
    infos = _sentences(passage, "Nothing", "The first primary")
    q = parse_query("When was the first primary of the 2018 congressional elections, in Texas?", TODAY)
    start, end, _ = select_quote(passage, infos, q)
    assert "March 6" in passage[start:end] and "2018" not in passage[start:end]


@pytest.mark.parametrize(
    ("sentence", "match"),
    [
        ("The 2018 elections are coming.", False),  # only the question's own year
        ("The 2018 elections begin on March 6.", True),
        ("Primaries were held last year.", True),
    ],
)
def test_a_year_the_question_states_is_no_answer_to_when(sentence: str, match: bool) -> None:
    q = parse_query("When were the 2018 primaries?", TODAY)
    assert kind_match(sentence, SentenceInfo(0, len(sentence), ()), q) is match


@pytest.mark.parametrize(
    ("dates", "match"),
    [
        (((date(2018, 1, 1), date(2018, 12, 31)),), False),  # the year the question states
        (((date(2018, 3, 6), date(2018, 3, 6)),), True),
        (((date(2017, 1, 1), date(2017, 12, 31)),), True),
    ],
)
def test_a_date_mention_of_the_questions_own_year_is_no_answer_to_when(
    dates: tuple[tuple[date, date], ...], match: bool
) -> None:
    q = parse_query("When were the 2018 primaries?", TODAY)
    sentence = "The primaries were held."
    assert kind_match(sentence, SentenceInfo(0, len(sentence), dates), q) is match


def test_a_sentence_without_the_asked_kind_is_joined_by_the_next_that_holds_it() -> None:
    passage = (
        "A tanker caught fire off the coast near Odesa on Monday after a drone strike. "
        "The Eagle Dawn tanker was carrying 80,000 tonnes of fuel. "
        "Officials gave no further details."
    )
    infos = _sentences(passage, "The Eagle", "Officials")
    q = parse_query("Which tanker caught fire off Odesa?", TODAY)
    start, end, _ = select_quote(passage, infos, q, DEFAULT_CONFIG)
    assert "Eagle Dawn" in passage[start:end]
    assert "Officials" not in passage[start:end]


def test_a_sentence_naming_the_thing_only_by_what_it_is_brings_the_one_before() -> None:
    passage = (
        "Nordwind's chief executive rang the opening bell in Oslo on Thursday. "
        "The company announced a 10-for-1 stock split, its first in two decades."
    )
    infos = _sentences(passage, "The company")
    q = parse_query("What company announced a 10-for-1 stock split?", TODAY)
    assert q.kind == "named" and q.things == ("company",)
    start, end, _ = select_quote(passage, infos, q, DEFAULT_CONFIG)
    assert passage[start:end].startswith("Nordwind's chief executive")
    assert "stock split" in passage[start:end]


def test_a_sentence_opener_is_not_a_name_for_the_thing() -> None:
    passage = "Shares rose 5% in after-hours trading. The company announced a 10-for-1 stock split."
    infos = _sentences(passage, "The company")
    q = parse_query("What company announced a 10-for-1 stock split?", TODAY)
    start, end, _ = select_quote(passage, infos, q, DEFAULT_CONFIG)
    assert passage[start:end] == "The company announced a 10-for-1 stock split."
