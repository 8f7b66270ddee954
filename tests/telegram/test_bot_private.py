"""Private chat end to end: the real Application and engine, the stand-in Bot API over HTTP."""

from __future__ import annotations

import asyncio

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
    stop_polling,
    to_chat,
)

from retrieval.service import Newsdesk
from standin import StandIn


async def test_card_question_is_answered_with_the_cited_passage(
    standin: StandIn, bot: App, bundled_engine: Newsdesk
) -> None:
    user = standin.user(501)
    chat = standin.private_chat(user)
    question = standin.send_text(chat, user, CARD_QUESTION)
    (reply,) = await standin.wait_for("sendMessage", replying_to(question))

    typing = standin.calls_of("sendChatAction", to_chat(chat["id"]))
    assert typing and typing[0].params["action"] == "typing" and typing[0].at < reply.at
    assert reply.status == 200 and reply.params["parse_mode"] == "HTML"  # the stand-in parsed the HTML
    text, entities = parsed(reply)
    speaker_line, quote_line = text.split("\n")[:2]  # who said it and when, over the quoted statement
    assert speaker_line.endswith(", 27 May 2025:") and entities[0].type == "bold" and entities[0].offset == 0
    assert "May 27" in quote_line and "Chin" in quote_line and quote_line.endswith("[1]")
    assert entities[1].type == "blockquote" and entities[1].offset == len(speaker_line) + 1

    record = services_of(bot).store.answer(answer_key(reply))
    assert record is not None and record.cited[0] == CARD_ARTICLE and record.question == CARD_QUESTION
    article = bundled_engine.store.articles([CARD_ARTICLE])[CARD_ARTICLE]  # the engine `bot` answers from
    assert f"[1] {article.title} — " in text and "27 May 2025" in text
    keyboard = buttons(reply)
    assert {"Full passage", "👍", "👎"} <= set(keyboard)
    if article.url:
        assert keyboard["Open article"]["url"] == article.url
        assert any(e.type == "text_link" and e.url == article.url for e in entities)


async def test_buttons_passage_more_sources_and_back(standin: StandIn, start_bot: StartBot) -> None:
    await start_bot(max_citations=1)  # one citation a page, so "More sources" has a next page
    user = standin.user(502)
    chat = standin.private_chat(user)
    question = standin.send_text(chat, user, "Did China deny supplying Russia?")
    (reply,) = await standin.wait_for("sendMessage", replying_to(question))
    first_text, _ = parsed(reply)
    assert "[1]" in first_text and "[2]" not in first_text

    standin.press(user, reply.result, buttons(reply)["Full passage"]["callback_data"])
    (edit,) = await standin.wait_for("editMessageText")
    passage_text, entities = parsed(edit)
    assert any(e.type == "expandable_blockquote" for e in entities)
    assert any(e.type == "bold" for e in entities)  # the quote, inside its passage
    assert len(passage_text) > len(first_text) - 10
    assert "Short answer" in buttons(edit)

    standin.press(user, reply.result, buttons(edit)["More sources"]["callback_data"])
    edits = await standin.wait_for("editMessageText", count=2)
    more_text, _ = parsed(edits[1])
    assert "[2]" in more_text and "[1] " not in more_text
    assert "First sources" in buttons(edits[1])

    standin.press(user, reply.result, buttons(edits[1])["Short answer"]["callback_data"])
    edits = await standin.wait_for("editMessageText", count=3)
    assert "Sources 2–2 of 2" in parsed(edits[2])[0]
    await standin.wait_for("answerCallbackQuery", count=3)
    assert all(call.status == 200 for call in standin.calls)


async def test_feedback_is_stored_and_counted_in_stats(standin: StandIn, start_bot: StartBot) -> None:
    application = await start_bot(admins=[503])
    user = standin.user(503)
    chat = standin.private_chat(user)
    question = standin.send_text(chat, user, CARD_QUESTION)
    (reply,) = await standin.wait_for("sendMessage", replying_to(question))
    query_id = standin.press(user, reply.result, buttons(reply)["👍"]["callback_data"])
    (ack,) = await standin.wait_for(
        "answerCallbackQuery", lambda c: c.params["callback_query_id"] == query_id
    )
    assert "Thanks" in ack.params["text"]

    (vote,) = services_of(application).store.votes()
    assert (vote.question, vote.cited[0], vote.user_id, vote.chat_id, vote.vote) == (
        CARD_QUESTION, CARD_ARTICLE, 503, 503, 1,
    )  # fmt: skip
    assert vote.time > 0
    standin.press(standin.user(599), reply.result, buttons(reply)["👎"]["callback_data"])  # a second reader
    await standin.wait_for("answerCallbackQuery", count=2)

    standin.send_text(chat, user, "/stats")
    replies = await standin.wait_for("sendMessage", to_chat(503), count=2)
    text, _ = parsed(replies[-1])
    assert "👍 1" in text and "👎 1" in text and "Answers in chats: 1" in text


async def test_buttons_still_work_after_a_restart(standin: StandIn, start_bot: StartBot) -> None:
    first = await start_bot()
    user = standin.user(504)
    chat = standin.private_chat(user)
    question = standin.send_text(chat, user, CARD_QUESTION)
    (reply,) = await standin.wait_for("sendMessage", replying_to(question))
    await stop_polling(first)
    await start_bot()  # a new process would start like this: only the feedback database remembers
    standin.press(user, reply.result, buttons(reply)["Full passage"]["callback_data"])
    (edit,) = await standin.wait_for("editMessageText")
    assert any(e.type == "expandable_blockquote" for e in parsed(edit)[1])


async def test_start_greets_with_examples_and_a_deep_link_asks(standin: StandIn, bot: App) -> None:
    user = standin.user(505, "Olena")
    chat = standin.private_chat(user)
    standin.send_text(chat, user, "/start")
    (greeting,) = await standin.wait_for("sendMessage", to_chat(505))
    text, _ = parsed(greeting)
    assert text.startswith("Hello, Olena!") and text.count("\n• ") == 3
    assert len(buttons(greeting)) == 3

    deep_link = standin.send_text(chat, user, "/start What_did_China_say_on_May_27")
    (reply,) = await standin.wait_for("sendMessage", replying_to(deep_link))
    assert recorded(bot, reply).cited[0] == CARD_ARTICLE

    example = next(iter(buttons(greeting).values()))
    standin.press(user, greeting.result, example["callback_data"])
    answers = await standin.wait_for("sendMessage", to_chat(505), count=3)
    assert "👍" in buttons(answers[-1])


async def test_help_about_and_commands_registered(standin: StandIn, bot: App) -> None:
    assert [c["command"] for c in standin.commands["default"]] == [
        "start", "ask", "quote", "timeline", "about", "help",
    ]  # fmt: skip
    user = standin.user(506)
    chat = standin.private_chat(user)
    standin.send_text(chat, user, "/about")
    (about,) = await standin.wait_for("sendMessage", to_chat(506))
    text, _ = parsed(about)
    stats = services_of(bot).engine.stats()
    assert f"Articles: {stats.articles}" in text and "Sources (" in text and " – " in text
    standin.send_text(chat, user, "/help")
    replies = await standin.wait_for("sendMessage", to_chat(506), count=2)
    help_text = parsed(replies[1])[0]
    assert "/ask" in help_text and "@newsdesk_test_bot" in help_text
    assert "/quote a phrase" in help_text and "/timeline Lavrov about sanctions" in help_text


async def test_non_text_gets_a_hint_and_edits_are_ignored(standin: StandIn, bot: App) -> None:
    user = standin.user(507)
    chat = standin.private_chat(user)
    sticker = standin.message(chat, user)
    sticker["sticker"] = {"file_id": "s1", "file_unique_id": "us1", "width": 512, "height": 512,
                          "is_animated": False, "is_video": False, "type": "regular"}  # fmt: skip
    standin.push({"message": sticker})
    (hint,) = await standin.wait_for("sendMessage", to_chat(507))
    assert hint.params["text"].startswith("I answer text questions")

    question = standin.send_text(chat, user, CARD_QUESTION)
    await standin.wait_for("sendMessage", replying_to(question))
    standin.edit_text(question, "What did China say on July 27?")
    await standin.settle()
    assert len(standin.calls_of("sendMessage", to_chat(507))) == 2  # the edit got no second answer


async def test_questions_are_searched_concurrently(standin: StandIn, bot: App) -> None:
    users = [standin.user(600 + i) for i in range(8)]
    questions = [standin.send_text(standin.private_chat(u), u, CARD_QUESTION) for u in users]
    await asyncio.gather(*(standin.wait_for("sendMessage", replying_to(q)) for q in questions))


async def test_pressing_a_button_twice_is_harmless(standin: StandIn, bot: App) -> None:
    user = standin.user(508)
    chat = standin.private_chat(user)
    question = standin.send_text(chat, user, CARD_QUESTION)
    (reply,) = await standin.wait_for("sendMessage", replying_to(question))
    data = buttons(reply)["Full passage"]["callback_data"]
    standin.press(user, reply.result, data)
    await standin.wait_for("editMessageText")
    standin.press(user, reply.result, data)  # the message already shows the passage
    (unchanged,) = await standin.wait_for("editMessageText", lambda c: c.status == 400, ok=False)
    assert "message is not modified" in unchanged.result
    await standin.wait_for("answerCallbackQuery", count=2)
    await standin.settle()
    assert len(standin.calls_of("sendMessage", to_chat(508))) == 1  # no apology


async def test_a_button_no_handler_knows_is_answered_not_left_spinning(standin: StandIn, bot: App) -> None:
    user = standin.user(611)
    chat = standin.private_chat(user)
    question = standin.send_text(chat, user, CARD_QUESTION)
    (reply,) = await standin.wait_for("sendMessage", replying_to(question))
    query_id = standin.press(user, reply.result, "v:stale-key:5")  # e.g. from an older version of the bot
    (ack,) = await standin.wait_for(
        "answerCallbackQuery", lambda c: c.params["callback_query_id"] == query_id
    )
    assert "no longer available" in ack.params["text"]
