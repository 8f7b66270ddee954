"""Long answers split into valid messages, HTML injection, a 429 retried, the error handler, webhook mode."""

from __future__ import annotations

import logging
import socket
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from bot_helpers import (
    CARD_QUESTION,
    App,
    StartBot,
    bot_settings,
    buttons,
    parsed,
    replying_to,
    stop_polling,
    to_chat,
)

from bot.app import build_application, webhook_options
from bot.messages import APOLOGY
from retrieval.service import Newsdesk
from standin import StandIn
from standin.methods import check_text
from standin.parse_mode import utf16_len

HOSTILE_QUESTION = "What did the Odesa mayor write about the <b>harbour</b> & </a> decree?"


async def test_a_long_answer_is_split_into_valid_messages(
    standin: StandIn, start_bot: StartBot, synthetic_engine: Newsdesk
) -> None:
    await start_bot(engine=synthetic_engine, max_citations=10)
    user = standin.user(901)
    chat = standin.private_chat(user)
    question = standin.send_text(chat, user, "What happened to the ships in the grain corridor convoy?")
    await standin.wait_for("sendMessage", lambda c: replying_to(question)(c) and bool(buttons(c)))
    parts = standin.calls_of("sendMessage", replying_to(question))
    assert len(parts) >= 2 and all(part.status == 200 for part in parts)
    texts = [parsed(part)[0] for part in parts]
    assert all(utf16_len(text) <= 4096 for text in texts)
    assert [bool(buttons(part)) for part in parts] == [False] * (len(parts) - 1) + [True]
    joined = "\n".join(texts)
    assert all(f"[{n}]" in joined for n in range(1, 11))


async def test_html_in_questions_and_articles_comes_out_as_text(
    standin: StandIn, start_bot: StartBot, synthetic_engine: Newsdesk
) -> None:
    await start_bot(engine=synthetic_engine)
    user = standin.user(902)
    question = standin.send_text(standin.private_chat(user), user, HOSTILE_QUESTION)
    (reply,) = await standin.wait_for("sendMessage", replying_to(question))
    text, entities = parsed(reply)
    assert "<b>never again</b> & signed </a>" in text  # the article's markup, shown as text
    assert 'Harbour <b>decree</b> & "</a>" tags' in text  # the title too
    bold = [text[e.offset : e.offset + e.length] for e in entities if e.type == "bold"]  # (all BMP text)
    assert not [b for b in bold if "never again" in b or "decree" in b]  # no markup leaked into formatting
    assert buttons(reply)["Open article"]["url"] == "https://example.org/odesa?harbour=1&decree=2"
    assert any(
        e.type == "text_link" and e.url == "https://example.org/odesa?harbour=1&decree=2" for e in entities
    )
    standin.press(user, reply.result, buttons(reply)["Full passage"]["callback_data"])
    (edit,) = await standin.wait_for("editMessageText")
    assert "<b>never again</b>" in parsed(edit)[0]

    query_id = standin.inline_query(user, HOSTILE_QUESTION)
    (inline,) = await standin.wait_for("answerInlineQuery", lambda c: c.params["inline_query_id"] == query_id)
    content = inline.params["results"][0]["input_message_content"]
    shown, _ = check_text(content["message_text"], content["parse_mode"])
    assert shown.startswith(f"Q: {HOSTILE_QUESTION}")


async def test_a_429_is_retried_after_retry_after(standin: StandIn, bot: App) -> None:
    user = standin.user(903)
    standin.fail_next("sendMessage", 429, retry_after=1)
    question = standin.send_text(standin.private_chat(user), user, CARD_QUESTION)
    await standin.wait_for("sendMessage", replying_to(question))
    refused, sent = standin.calls_of("sendMessage", to_chat(903))
    assert refused.status == 429 and sent.status == 200
    assert sent.at - refused.at >= 1.0


async def test_errors_are_logged_with_context_and_apologised_for(
    standin: StandIn, bot: App, caplog: pytest.LogCaptureFixture
) -> None:
    user = standin.user(904)
    standin.fail_next("sendMessage", 400, "Bad Request: something unexpected", retry_after=None)
    with caplog.at_level(logging.ERROR, logger="bot.app"):
        standin.send_text(standin.private_chat(user), user, CARD_QUESTION)
        failed, apology = await standin.wait_for("sendMessage", to_chat(904), count=2, ok=False)
    assert failed.status == 400 and apology.status == 200
    assert apology.params["text"] == APOLOGY
    (record,) = [r for r in caplog.records if r.name == "bot.app"]
    assert "(message, chat 904 private, user 904" in record.getMessage() and record.exc_info
    assert standin.token not in caplog.text


async def test_webhook_mode_with_secret_token(
    standin: StandIn, bundled_engine: Newsdesk, tmp_path: Path
) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/telegram/hook"
    settings = bot_settings(
        standin, tmp_path, webhook_url=url, webhook_port=port, webhook_secret="s3cret-Token_1"
    )
    application = build_application(settings, engine=bundled_engine)
    await application.initialize()
    assert application.post_init and application.updater
    await application.post_init(application)
    await application.updater.start_webhook(**webhook_options(settings, "s3cret-Token_1"))
    await application.start()
    try:
        assert (standin.webhook_url, standin.webhook_secret) == (url, "s3cret-Token_1")
        user = standin.user(905)
        question = standin.send_text(standin.private_chat(user), user, CARD_QUESTION)  # delivered by POST
        (reply,) = await standin.wait_for("sendMessage", replying_to(question))
        assert reply.status == 200 and not standin.calls_of("getUpdates")
        async with aiohttp.ClientSession() as session:
            update: dict[str, Any] = {
                "update_id": 999,
                "message": standin.message(standin.private_chat(user), user, "x"),
            }
            wrong = {"X-Telegram-Bot-Api-Secret-Token": "guess"}
            async with session.post(url, json=update, headers=wrong) as response:
                assert response.status == 403
    finally:
        await stop_polling(application)
