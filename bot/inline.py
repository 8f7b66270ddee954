"""Inline mode (`@botname question` in any chat, channels included): one result card per citation."""

from __future__ import annotations

from telegram import (
    InlineQueryResultArticle,
    InputTextMessageContent,
    LinkPreviewOptions,
    Update,
)
from telegram.constants import ParseMode

from bot import keyboards, messages
from bot.context import Context
from bot.format import Block, fit_message, line
from bot.state import Entry
from retrieval.errors import NewsdeskError

_NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


def card(
    result_id: str,
    title: str,
    description: str,
    blocks: list[Block],
    entry: Entry | None = None,
    page: int = 0,
) -> InlineQueryResultArticle:
    markup = None
    if entry is not None:
        markup = keyboards.answer_keyboard(entry, page) if entry.answer.answered else None
    content = InputTextMessageContent(
        fit_message(blocks), parse_mode=ParseMode.HTML, link_preview_options=_NO_PREVIEW
    )
    return InlineQueryResultArticle(
        id=result_id[:64],
        title=title,
        description=description,
        input_message_content=content,
        reply_markup=markup,
    )


def help_card(bot_username: str) -> InlineQueryResultArticle:
    text = f"Type a question after @{bot_username}, e.g. @{bot_username} {messages.EXAMPLES[0]}"
    return card("help", "Ask the news archive", text, messages.help_blocks(bot_username, False))


def note_card(result_id: str, title: str, text: str) -> InlineQueryResultArticle:
    return card(result_id, title, text, [line(text)])


def answer_cards(entry: Entry, offset: int, page: int) -> tuple[list[InlineQueryResultArticle], str | None]:
    """`page` cards from `offset` on, and the next offset (None when there are no more).

    None, not "": python-telegram-bot 22.8's ExtBot with Defaults turns an empty-string parameter into
    "[]" (its InputPollOption defaults branch matches any empty sequence), so Telegram would send the
    next query with offset "[]" (python-telegram-bot issue #4295). Omitting next_offset means the same.
    """
    answer, key = entry.answer, entry.key
    if not answer.answered:
        if offset:
            return [], None
        cards = [
            card(
                f"{key}:none",
                "Not found",
                answer.message,
                messages.not_found_blocks(answer, show_question=True),
            )
        ]
        for i, near in enumerate(answer.nearest):
            cards.append(
                card(
                    f"{key}:n{i}",
                    messages.inline_title(near),
                    messages.inline_description(near),
                    messages.nearest_blocks(answer, i),
                )
            )
        return cards, None
    shown = range(offset, min(offset + page, len(answer.citations)))
    cards = [
        card(
            f"{key}:{i}",
            messages.inline_title(answer.citations[i]),
            messages.inline_description(answer.citations[i]),
            messages.answer_blocks(answer, i, 1, show_question=True),
            entry,
            i,
        )
        for i in shown
    ]
    more = offset + page < len(answer.citations)
    return cards, str(offset + page) if more else None


async def answer_inline(update: Update, context: Context) -> None:
    """An empty query gets a help card; a question gets result cards (max_citations a page, paged with
    next_offset through the answer's citations). Not rate limited: Telegram sends one per pause in
    typing, and each distinct question is searched once (cached)."""
    query = update.inline_query
    if query is None:
        return
    svc = context.services
    cache_time = svc.settings.inline_cache_time
    question = " ".join(query.query.split())
    if not question:
        await query.answer([help_card(context.bot.username)], cache_time=cache_time)
        return
    if len(question) > svc.settings.max_question_chars:
        text = messages.too_long(len(question), svc.settings.max_question_chars)
        await query.answer([note_card("long", "Question too long", text)], cache_time=cache_time)
        return
    try:
        entry = await svc.inline_entry(question, query.from_user.id)
    except NewsdeskError as exc:
        await query.answer([note_card("error", "No answer", str(exc))], cache_time=cache_time)
        return
    offset = int(query.offset) if query.offset.isdigit() else 0
    cards, next_offset = answer_cards(entry, offset, svc.per_page)
    await query.answer(cards, cache_time=cache_time, next_offset=next_offset)


def refusal_card(text: str) -> InlineQueryResultArticle:
    return card("refused", "Not available here", text, [line(text)])
