"""Groups (mention, /ask, /ask@bot, reply to the bot; chatter ignored) and inline mode."""

from __future__ import annotations

import re

from bot_helpers import (
    CARD_ARTICLE,
    CARD_QUESTION,
    App,
    StartBot,
    answer_key,
    buttons,
    parsed,
    recorded,
    replying_to,
    services_of,
)

from standin import StandIn
from standin.methods import check_text

BOT = "@newsdesk_test_bot"
BROAD_QUESTION = "Did China deny supplying Russia?"  # no date: both bundled articles answer it


async def test_group_mention_is_answered_and_chatter_ignored(standin: StandIn, bot: App) -> None:
    group = standin.group_chat(-100201)
    ann, bo = standin.user(701, "Ann"), standin.user(702, "Bo")
    standin.send_text(group, ann, "Morning all, anyone seen the China story?")
    standin.send_text(group, bo, "/ask@some_other_bot what did China say?")
    mention = standin.send_text(group, bo, f"{BOT} {CARD_QUESTION}")
    (reply,) = await standin.wait_for("sendMessage", replying_to(mention))
    record = services_of(bot).store.answer(answer_key(reply))
    assert record is not None and record.question == CARD_QUESTION and record.cited[0] == CARD_ARTICLE
    await standin.settle()
    assert len(standin.calls_of("sendMessage")) == 1  # the chatter and the other bot's command got nothing


async def test_ask_command_with_bot_name_and_reply_to_bot(standin: StandIn, bot: App) -> None:
    group = standin.group_chat(-100202, kind="group")
    ann = standin.user(703)
    command = standin.send_text(group, ann, f"/ask{BOT} {CARD_QUESTION}")
    (reply,) = await standin.wait_for("sendMessage", replying_to(command))
    assert recorded(bot, reply).cited[0] == CARD_ARTICLE

    follow_up = standin.send_text(
        group, ann, "What did Wang Yi tell Blinken on July 27?", reply_to=reply.result
    )
    (second,) = await standin.wait_for("sendMessage", replying_to(follow_up))
    text, _ = parsed(second)
    assert "Wang Yi" in text or "Blinken" in text

    plain = standin.send_text(group, ann, f"/ask {CARD_QUESTION}")
    await standin.wait_for("sendMessage", replying_to(plain))

    empty = standin.send_text(group, ann, "/ask")
    (usage,) = await standin.wait_for("sendMessage", replying_to(empty))
    assert usage.params["text"].startswith("Usage: /ask")


async def test_inline_query_cards_paging_and_help(standin: StandIn, start_bot: StartBot) -> None:
    await start_bot(max_citations=1, inline_cache_time=123)
    user = standin.user(704)
    empty_id = standin.inline_query(user, "")
    (help_answer,) = await standin.wait_for(
        "answerInlineQuery", lambda c: c.params["inline_query_id"] == empty_id
    )
    (card,) = help_answer.params["results"]
    assert card["title"] == "Ask the news archive" and BOT in card["description"]

    query_id = standin.inline_query(user, BROAD_QUESTION)
    (first,) = await standin.wait_for("answerInlineQuery", lambda c: c.params["inline_query_id"] == query_id)
    assert first.params["cache_time"] == 123
    (card,) = first.params["results"]
    assert card["type"] == "article" and re.search(r" · \d{1,2} [A-Z][a-z]+ 20\d\d$", card["title"])
    assert card["description"]
    message = card["input_message_content"]
    text, entities = check_text(message["message_text"], message["parse_mode"])
    assert text.startswith(f"Q: {BROAD_QUESTION}") and any(e["type"] == "blockquote" for e in entities)
    assert "👍" in {b["text"] for row in card["reply_markup"]["inline_keyboard"] for b in row}
    assert first.params["next_offset"] == "1"

    next_id = standin.inline_query(user, BROAD_QUESTION, offset="1")
    (second,) = await standin.wait_for("answerInlineQuery", lambda c: c.params["inline_query_id"] == next_id)
    assert [r["title"] for r in second.params["results"]] != [card["title"]]
    assert "next_offset" not in second.params  # no more (an empty string would reach Telegram as "[]")


async def test_inline_message_buttons_edit_the_inline_message(standin: StandIn, bot: App) -> None:
    user = standin.user(705)
    query_id = standin.inline_query(user, CARD_QUESTION)
    (answer,) = await standin.wait_for("answerInlineQuery", lambda c: c.params["inline_query_id"] == query_id)
    card = answer.params["results"][0]
    data = {b["text"]: b for row in card["reply_markup"]["inline_keyboard"] for b in row}["Full passage"]
    standin.press(user, None, data["callback_data"], inline_message_id="inline-1")
    (edit,) = await standin.wait_for("editMessageText")
    assert edit.params["inline_message_id"] == "inline-1"
    assert any(e.type == "expandable_blockquote" for e in parsed(edit)[1])


async def test_not_found_is_honest_with_nearest_dated_buttons(standin: StandIn, bot: App) -> None:
    user = standin.user(706)
    chat = standin.private_chat(user)
    question = standin.send_text(chat, user, "What happened in Kyiv on May 29?")
    (reply,) = await standin.wait_for("sendMessage", replying_to(question))
    text, _ = parsed(reply)
    assert text.startswith("Nothing dated 29 May")
    nearest = [b for label, b in buttons(reply).items() if "·" in label]
    assert nearest, text
    standin.press(user, reply.result, nearest[0]["callback_data"])
    (edit,) = await standin.wait_for("editMessageText")
    shown, _ = parsed(edit)
    assert shown.startswith("Closest dated passage:") and "you asked about 29 May" in shown
