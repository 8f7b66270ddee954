"""Who said what: /quote, /timeline and their page buttons, and the speaker line over quoted statements.

The real Application and engine, the stand-in Bot API over HTTP; assertions are on what a user sees.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from bot_helpers import CARD_QUESTION, App, StartBot, buttons, parsed, replying_to, stop_polling

from retrieval.service import Newsdesk
from standin import StandIn
from standin.methods import check_text
from standin.parse_mode import Entity

MAO_PHRASE = "strictly controls dual-use items"  # corpus/data/000_ae7840efd1dddaa5.txt, Mao Ning, 27 May 2025
CARD_TITLE = "China denies supplying Russia's defense industry with chemicals and gunpowder"
# Five more Wang Yi statements (the bundled corpus has five, all of 27 July 2024), one carried twice.
WANG_YI = (
    ("2024-09-03", "Trade with Europe must stay open, and tariffs help nobody in the long run"),
    ("2024-10-15", "The Mekong dam project will be built with the consent of every riverside country"),
    ("2024-11-20", "Grain shipments to Africa are a humanitarian duty that no war should interrupt"),
    (
        "2025-01-08",
        "Export rules on semiconductors are a weapon aimed at the development of the whole region",
    ),
    ("2025-02-14", "Rich countries promised climate money in Baku and have to pay it now"),
)
HARBOUR = "The harbour will reopen before the summer storms arrive"


def styled(text: str, entities: list[Entity], kind: str) -> list[str]:
    """The text of each entity of `kind` (offsets are UTF-16 units, as Telegram counts)."""
    units = text.encode("utf-16-le")
    return [
        units[2 * e.offset : 2 * (e.offset + e.length)].decode("utf-16-le")
        for e in entities
        if e.type == kind
    ]


def statement_articles() -> list[dict[str, str]]:
    articles = [
        {"id": f"wang-{i}", "title": f"Wang Yi interview {i + 1}", "url": f"https://example.org/wang/{i}",
         "source": "Asia Wire", "date": day, "text": f'"{quote}," Chinese Foreign Minister Wang Yi said.'}
        for i, (day, quote) in enumerate(WANG_YI)
    ]  # fmt: skip
    articles.append(
        {"id": "wang-repeat", "title": "Mekong dam row", "url": "https://example.org/wang/r",
         "source": "Mekong Post", "date": "2024-10-16",
         "text": f'"{WANG_YI[1][1]}," Wang Yi said on October 15.'}
    )  # fmt: skip
    for id_, speaker, source, day in (
        ("harbour-a", "Oleksandr Kubrakov", "Sea News", "2025-03-01"),
        ("harbour-b", "Yulia Svyrydenko", "River Times", "2025-03-02"),
    ):
        articles.append(
            {"id": id_, "title": f"Port talks ({source})", "url": f"https://example.org/{id_}",
             "source": source, "date": day, "text": f'"{HARBOUR}," {speaker} said.'}
        )  # fmt: skip
    return articles


@pytest.fixture
def statements_engine(fresh_engine: Newsdesk, tmp_path: Path) -> Iterator[Newsdesk]:
    """The bundled corpus plus more statements: a timeline longer than a page, a phrase two speakers get."""
    from corpus.bundled import bundled_paths

    extra = tmp_path / "statements.jsonl"
    extra.write_text("".join(json.dumps(a) + "\n" for a in statement_articles()), encoding="utf-8")
    summary = fresh_engine.ingest([*bundled_paths(), extra])
    assert summary.failed == 0, summary
    yield fresh_engine


async def test_quote_shows_who_each_article_credits(standin: StandIn, bot: App) -> None:
    user = standin.user(1101)
    chat = standin.private_chat(user)
    command = standin.send_text(chat, user, f"/quote {MAO_PHRASE}")
    (reply,) = await standin.wait_for("sendMessage", replying_to(command))
    text, entities = parsed(reply)
    lines = text.split("\n")
    assert lines[0] == f"1 article carries “{MAO_PHRASE}”, earliest first."
    assert "[1] Mao Ning, 27 May 2025" in lines
    assert MAO_PHRASE in styled(text, entities, "bold")  # the phrase, inside the quoted statement
    (quoted,) = styled(text, entities, "blockquote")
    assert quoted.startswith("\"We've been committed") and "Mao said during a press conference" in quoted
    assert f"{CARD_TITLE} — Kyiv Independent, 27 May 2025" in lines
    assert "reply_markup" not in reply.params  # one page: nothing to page through

    uncredited = standin.send_text(chat, user, "/quote China firmly opposes groundless accusations")
    (reply,) = await standin.wait_for("sendMessage", replying_to(uncredited))
    assert "[1] no speaker credited" in parsed(reply)[0].split("\n")


async def test_quote_not_found_and_usage(standin: StandIn, bot: App) -> None:
    user = standin.user(1102)
    chat = standin.private_chat(user)
    missing = standin.send_text(chat, user, "/quote the zebra crossing at midnight")
    (reply,) = await standin.wait_for("sendMessage", replying_to(missing))
    assert parsed(reply)[0] == "No article in the archive carries “the zebra crossing at midnight”."
    empty = standin.send_text(chat, user, "/quote")
    (usage,) = await standin.wait_for("sendMessage", replying_to(empty))
    assert usage.params["text"].startswith("Usage: /quote a phrase")


async def test_timeline_lists_a_speakers_statements_with_dates(standin: StandIn, bot: App) -> None:
    user = standin.user(1103)
    chat = standin.private_chat(user)
    command = standin.send_text(chat, user, "/timeline Mao Ning")
    (reply,) = await standin.wait_for("sendMessage", replying_to(command))
    text, entities = parsed(reply)
    lines = text.split("\n")
    assert lines[0] == "Mao Ning: 3 statements, in date order."
    assert [line for line in lines if line.startswith("[")] == [f"[{n}] 27 May 2025" for n in (1, 2, 3)]
    quotes = styled(text, entities, "blockquote")
    assert len(quotes) == 3 and "consistent and clear" in quotes[0]
    assert lines.count(f"{CARD_TITLE} — Kyiv Independent, 27 May 2025") == 3
    assert "reply_markup" not in reply.params

    for asked, expected in (
        ("/timeline Sergey Lavrov", "No statements by Sergey Lavrov in the archive."),
        ("/timeline Wang Yi about xylophones", "No statements by Wang Yi in the archive about “xylophones”."),
    ):
        command = standin.send_text(chat, user, asked)
        (reply,) = await standin.wait_for("sendMessage", replying_to(command))
        assert parsed(reply)[0] == expected
    empty = standin.send_text(chat, user, "/timeline")
    (usage,) = await standin.wait_for("sendMessage", replying_to(empty))
    assert usage.params["text"].startswith("Usage: /timeline a speaker")


async def test_timeline_pages_with_buttons_even_after_a_restart(
    standin: StandIn, start_bot: StartBot, statements_engine: Newsdesk
) -> None:
    first_bot = await start_bot(engine=statements_engine)
    user = standin.user(1104)
    chat = standin.private_chat(user)
    command = standin.send_text(chat, user, "/timeline Wang Yi")
    (reply,) = await standin.wait_for("sendMessage", replying_to(command))
    text, _ = parsed(reply)
    assert text.startswith("Wang Yi: 10 statements, in date order.\nStatements 1–5 of 10")
    numbered = [line for line in text.split("\n") if line.startswith("[")]
    assert numbered == [f"[{n}] 27 July 2024" for n in range(1, 6)]
    assert set(buttons(reply)) == {"More statements"}

    await stop_polling(first_bot)
    await start_bot(engine=statements_engine)  # only the feedback database remembers the list
    standin.press(user, reply.result, buttons(reply)["More statements"]["callback_data"])
    (page_two,) = await standin.wait_for("editMessageText")
    text, _ = parsed(page_two)
    lines = text.split("\n")
    assert "Statements 6–10 of 10" in lines and "[5] 27 July 2024" not in lines
    dates = [line.split("] ")[1] for line in lines if line.startswith("[")]
    assert dates == [
        "3 September 2024",
        "15 October 2024",
        "20 November 2024",
        "8 January 2025",
        "14 February 2025",
    ]
    assert "Wang Yi interview 2 — Asia Wire, 15 October 2024 · and 1 more article" in lines
    assert set(buttons(page_two)) == {"◀ Previous"}

    standin.press(user, reply.result, buttons(page_two)["◀ Previous"]["callback_data"])
    edits = await standin.wait_for("editMessageText", count=2)
    assert "[1] 27 July 2024" in parsed(edits[1])[0] and set(buttons(edits[1])) == {"More statements"}

    about = standin.send_text(chat, user, "/timeline Wang Yi about Mekong")
    (reply,) = await standin.wait_for("sendMessage", replying_to(about))
    text, _ = parsed(reply)
    assert text.startswith("Wang Yi: 1 statement about “Mekong”, in date order.\n\n[1] 15 October 2024\n")


async def test_quote_credited_to_different_speakers_says_so(
    standin: StandIn, start_bot: StartBot, statements_engine: Newsdesk
) -> None:
    await start_bot(engine=statements_engine)
    user = standin.user(1105)
    chat = standin.private_chat(user)
    command = standin.send_text(chat, user, "/quote will reopen before the summer storms")
    (reply,) = await standin.wait_for("sendMessage", replying_to(command))
    text, entities = parsed(reply)
    lines = text.split("\n")
    assert lines[:2] == [
        "2 articles carry “will reopen before the summer storms”, earliest first.",
        "Articles credit different speakers: Oleksandr Kubrakov (1), Yulia Svyrydenko (1).",
    ]
    assert "[1] Oleksandr Kubrakov, 1 March 2025" in lines and "[2] Yulia Svyrydenko, 2 March 2025" in lines
    links = [e.url for e in entities if e.type == "text_link"]
    assert links == ["https://example.org/harbour-a", "https://example.org/harbour-b"]  # earliest first


async def test_answers_show_who_is_speaking_and_when(standin: StandIn, bot: App) -> None:
    user = standin.user(1106)
    chat = standin.private_chat(user)
    question = standin.send_text(chat, user, CARD_QUESTION)
    (reply,) = await standin.wait_for("sendMessage", replying_to(question))
    text, entities = parsed(reply)
    speaker_line, quote_line = text.split("\n")[:2]
    match = re.fullmatch(r"(.+), 27 May 2025:", speaker_line)
    assert match and styled(text, entities, "bold")[0] == match.group(1)
    assert styled(text, entities, "blockquote")[0] == quote_line and quote_line.endswith("[1]")

    declined = standin.send_text(chat, user, "What did Mao Ning say on May 29?")
    (reply,) = await standin.wait_for("sendMessage", replying_to(declined))
    text, _ = parsed(reply)
    assert text.startswith("No statement by Mao Ning dated 29 May in the archive.")
    assert "Their statements nearest in date, tap one to read it:" in text
    assert f"• 27 May 2025 — Mao Ning · {CARD_TITLE}" in text.split("\n")
    nearest = [b for label, b in buttons(reply).items() if label.startswith("27 May 2025 · Mao Ning · ")]
    assert nearest, buttons(reply)
    standin.press(user, reply.result, nearest[0]["callback_data"])
    (shown,) = await standin.wait_for("editMessageText")
    lines = parsed(shown)[0].split("\n")
    assert lines[:2] == [
        "Statement nearest in date: 27 May 2025 (you asked about 29 May)",
        "Mao Ning, 27 May 2025:",
    ]
    assert lines[2].endswith("[1]")


async def test_inline_cards_name_the_speaker(standin: StandIn, bot: App) -> None:
    question = "What did Wang Yi tell Blinken on July 27?"
    query_id = standin.inline_query(standin.user(1107), question)
    (answer,) = await standin.wait_for("answerInlineQuery", lambda c: c.params["inline_query_id"] == query_id)
    card = answer.params["results"][0]
    assert card["description"].startswith("Wang Yi: ")
    content = card["input_message_content"]
    text, _ = check_text(content["message_text"], content["parse_mode"])
    assert text.split("\n")[:3] == [f"Q: {question}", "", "Wang Yi, 27 July 2024:"]
