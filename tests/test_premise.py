"""A question's premise about someone's office (retrieval/premise.py): what it asserts, and whether a
passage writes the person with that title."""

from __future__ import annotations

import pytest

from retrieval.answerable import Reason, role_decision
from retrieval.premise import AskedRole, asked_roles, attached


@pytest.mark.parametrize(
    ("question", "roles"),
    [
        ("When did Alexei Navalny become president of Russia?", [("Alexei Navalny", "president")]),
        (
            "When was Sergio Mattarella elected prime minister of Ukraine?",
            [("Sergio Mattarella", "prime minister")],
        ),
        ("What did Mark Rutte say as Russia's defense minister?", [("Mark Rutte", "defense minister")]),
        ("When did Boris Johnson resign as prime minister?", [("Boris Johnson", "prime minister")]),
        ("What did Russian President Vladimir Putin say on May 9?", [("Vladimir Putin", "president")]),
        (
            "The FBI searched former President Donald Trump’s Mar-a-Lago estate",
            [("Donald Trump", "president")],
        ),
        # The office after the person's possessive, or after "his time as".
        (
            "What was Ursula von der Leyen's first decision as NATO secretary general?",
            [("Leyen", "secretary general")],
        ),
        (
            "What did Rafael Grossi get done in his time as UN secretary-general?",
            [("Rafael Grossi", "secretary-general")],
        ),
        # Not the office of a word before the person's title, nor of someone the subject talks about,
        # nor one a decree names someone to.
        ("Where was Russian President Vladimir Putin on Victory Day?", [("Vladimir Putin", "president")]),
        ("What did Merkel say about Putin in her time as chancellor?", []),
        ("Who did Putin's decree name as defense minister in May 2024?", []),
        # Whose office it is, not who holds it; and "head" qualifying another title is no office.
        ("Who was Montenegro's prime minister in 2015?", []),
        ("Who was UK prime minister when Russia invaded Ukraine?", []),
        ("Who replaced Jon DeFoe as head football coach in 2020?", []),
        ("Why did Yermak step down as head of the SBU?", [("Yermak", "head")]),
        ("How many goals did Wendy Sherman score at the World Cup?", []),
        ("Who is the NATO secretary general?", []),
    ],
)
def test_asked_roles(question: str, roles: list[tuple[str, str]]) -> None:
    assert asked_roles(question) == [AskedRole(name, office) for name, office in roles]


@pytest.mark.parametrize(
    ("text", "role", "holds"),
    [
        ("Russian President Vladimir Putin said", ("Vladimir Putin", "president"), True),
        ("Boris Johnson, the British prime minister, said", ("Boris Johnson", "prime minister"), True),
        (
            "Andrei Belousov , who was named Russia's new defense minister",
            ("Andrei Belousov", "defense minister"),
            True,
        ),
        ("Liz Truss became prime minister in September", ("Liz Truss", "prime minister"), True),
        # Another person's title nearby is not theirs.
        (
            "Alexei Navalny, a critic of Russian President Vladimir Putin, died",
            ("Alexei Navalny", "president"),
            False,
        ),
        ("Navalny said President Putin lied", ("Alexei Navalny", "president"), False),
        (
            "Italy’s President Sergio Mattarella accepted Prime Minister Mario Draghi’s resignation",
            ("Sergio Mattarella", "prime minister"),
            False,
        ),
        ("NATO Secretary General Mark Rutte said", ("Mark Rutte", "defense minister"), False),
    ],
)
def test_attached(text: str, role: tuple[str, str], holds: bool) -> None:
    assert attached(text, AskedRole(*role)) is holds


def test_a_role_no_passage_gives_declines_with_the_name_and_office() -> None:
    decision = role_decision("Sergey Lavrov", "defense minister", found=False)
    assert decision.reason is Reason.NO_SUCH_ROLE
    assert decision.message == "Nothing in the archive calls Sergey Lavrov defense minister."
    assert role_decision("Sergey Lavrov", "foreign minister", found=True).answered
