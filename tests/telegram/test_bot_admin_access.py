"""Admin /ingest, /reload, /stats; the allowlist, the rate limit and the question length cap."""

from __future__ import annotations

import json
from typing import Any

from bot_helpers import CARD_QUESTION, StartBot, answer_key, parsed, replying_to, services_of, to_chat

from retrieval.service import Newsdesk
from standin import StandIn

ADMIN = 801
NEW_ARTICLE = {
    "id": "bot-upload-0001",
    "title": "Lviv opens a floating library on the river Poltva",
    "url": "https://example.org/lviv-floating-library",
    "source": "Example Gazette",
    "date": "2025-06-03",
    "text": (
        "Lviv opened a floating library on June 3, the city council said. "
        "The barge holds 4,000 books and a reading room for forty people, librarian Oksana Hrytsenko said. "
        "It will moor near the opera house until October."
    ),
}


def upload(
    standin: StandIn, chat: dict[str, Any], user: dict[str, Any], caption: str | None
) -> dict[str, Any]:
    document = standin.add_file(
        "new-story.jsonl", (json.dumps(NEW_ARTICLE) + "\n").encode(), "application/jsonl"
    )
    message = standin.message(chat, user, document=document, caption=caption)
    standin.push({"message": message})
    return message


async def test_admin_ingest_then_the_new_article_answers(
    standin: StandIn, start_bot: StartBot, writable_engine: Newsdesk
) -> None:
    application = await start_bot(engine=writable_engine, admins=[ADMIN])
    admin = standin.user(ADMIN)
    chat = standin.private_chat(admin)
    upload(standin, chat, admin, "/ingest")
    (status,) = await standin.wait_for("sendMessage", to_chat(ADMIN))
    assert status.params["text"].startswith("Receiving new-story.jsonl")
    await standin.wait_for("getFile")
    summary = await standin.wait_for(
        "editMessageText", lambda c: "Ingested new-story.jsonl" in c.params["text"]
    )
    text, _ = parsed(summary[0])
    assert "Added 1" in text and "can be asked about now" in text

    question = standin.send_text(chat, admin, "What did Lviv open on June 3?")
    (reply,) = await standin.wait_for("sendMessage", replying_to(question))
    answer_text, _ = parsed(reply)
    assert "floating library" in answer_text
    record = services_of(application).store.answer(answer_key(reply))
    assert record is not None and record.cited[0] == NEW_ARTICLE["id"]


async def test_ingest_as_a_reply_and_refusals(
    standin: StandIn, start_bot: StartBot, writable_engine: Newsdesk
) -> None:
    await start_bot(engine=writable_engine, admins=[ADMIN])
    group = standin.group_chat(-100301)
    admin, reporter = standin.user(ADMIN), standin.user(802)
    document = upload(standin, group, reporter, None)  # a file posted without a command: ignored
    refused = standin.send_text(group, reporter, "/ingest", reply_to=document)
    (no,) = await standin.wait_for("sendMessage", replying_to(refused))
    assert no.params["text"] == "Only the archive's admins can do that."
    assert not standin.calls_of("getFile")

    bad = standin.message(
        group, admin, document=standin.add_file("notes.pdf", b"%PDF-1.4"), caption="/ingest"
    )
    standin.push({"message": bad})
    (refusal,) = await standin.wait_for("sendMessage", replying_to(bad))
    assert "notes.pdf is none of those" in refusal.params["text"]

    accepted = standin.send_text(group, admin, "/ingest", reply_to=document)
    await standin.wait_for("sendMessage", replying_to(accepted))
    await standin.wait_for("editMessageText", lambda c: "Ingested new-story.jsonl" in c.params["text"])


async def test_reload_and_stats_are_admin_only(standin: StandIn, start_bot: StartBot) -> None:
    await start_bot(admins=[ADMIN])
    admin, other = standin.user(ADMIN), standin.user(803)
    for user in (admin, other):
        for command in ("/reload", "/stats"):
            standin.send_text(standin.private_chat(user), user, command)
    admin_replies = await standin.wait_for("sendMessage", to_chat(ADMIN), count=2)
    other_replies = await standin.wait_for("sendMessage", to_chat(803), count=2)
    assert {c.params["text"] for c in other_replies} == {"Only the archive's admins can do that."}
    texts = sorted(parsed(c)[0] for c in admin_replies)
    assert texts[0].startswith("Reloaded the index:") and texts[1].startswith("The archive")
    assert "ingest" in [c["command"] for c in standin.commands[f"chat:{ADMIN}"]]


async def test_allowlist_refuses_once_and_searches_nothing(standin: StandIn, start_bot: StartBot) -> None:
    application = await start_bot(allowed_chats=[-100400])
    stranger = standin.user(804)
    chat = standin.private_chat(stranger)
    standin.send_text(chat, stranger, CARD_QUESTION)
    standin.send_text(chat, stranger, "Hello?")
    group = standin.group_chat(-100401)
    standin.send_text(group, stranger, "just chatting")
    standin.send_text(group, stranger, f"@newsdesk_test_bot {CARD_QUESTION}")
    standin.send_text(group, stranger, f"@newsdesk_test_bot {CARD_QUESTION}")
    await standin.settle(0.5)
    private = standin.calls_of("sendMessage", to_chat(804))
    in_group = standin.calls_of("sendMessage", to_chat(-100401))
    assert len(private) == 1 and private[0].params["text"].startswith("Sorry, this bot only serves")
    assert len(in_group) == 1 and "this group isn't one of them" in in_group[0].params["text"]
    assert not standin.calls_of("sendChatAction")
    assert services_of(application).store.counts().answers == 0  # nothing was searched

    allowed = standin.group_chat(-100400)
    question = standin.send_text(allowed, stranger, f"/ask {CARD_QUESTION}")
    await standin.wait_for("sendMessage", replying_to(question))

    query_id = standin.inline_query(stranger, CARD_QUESTION)
    (inline,) = await standin.wait_for("answerInlineQuery", lambda c: c.params["inline_query_id"] == query_id)
    assert [r["id"] for r in inline.params["results"]] == ["refused"]


async def test_rate_limit_and_length_cap(standin: StandIn, start_bot: StartBot) -> None:
    await start_bot(rate_limit_per_minute=2, max_question_chars=60)
    user = standin.user(805)
    chat = standin.private_chat(user)
    too_long = standin.send_text(chat, user, "Why " * 30)
    (cap,) = await standin.wait_for("sendMessage", to_chat(805))
    assert too_long["text"].startswith("Why Why")
    assert cap.params["text"] == "That question is 119 characters long; please keep it under 60."
    for _ in range(4):
        standin.send_text(chat, user, CARD_QUESTION)
    await standin.settle(0.5)
    texts = [c.params["text"] for c in standin.calls_of("sendMessage", to_chat(805))][1:]
    assert len(texts) == 3  # two answers, then one clear message; the fourth question gets nothing
    assert sum(t.startswith("You're asking faster than I can answer: the limit is 2") for t in texts) == 1
