"""Handlers for questions (private chats, groups, /start, /ask), buttons, and the plain commands."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

from telegram import Bot, CallbackQuery, InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatAction, ParseMode
from telegram.error import BadRequest, TelegramError

from bot import keyboards, messages
from bot.addressing import strip_mention
from bot.context import Context
from bot.format import fit_message, render, split_messages
from bot.state import Entry
from retrieval.errors import NewsdeskError

TYPING_EVERY = 4.5  # seconds; Telegram shows "typing…" for about 5 s per chat action
FIRST_TYPING_WAIT = 2.0


@contextlib.asynccontextmanager
async def typing(bot: Bot, chat_id: int, thread_id: int | None = None) -> AsyncIterator[None]:
    """Show "typing…" while the block runs (sent at once, then repeated for long searches)."""

    first_sent = asyncio.Event()

    async def keep_typing() -> None:
        while True:
            try:
                await bot.send_chat_action(chat_id, ChatAction.TYPING, message_thread_id=thread_id)
            except TelegramError:
                pass
            finally:
                first_sent.set()
            await asyncio.sleep(TYPING_EVERY)

    task = asyncio.create_task(keep_typing())
    try:
        yield
    finally:
        with contextlib.suppress(TimeoutError):  # the answer must not overtake "typing…"
            await asyncio.wait_for(first_sent.wait(), FIRST_TYPING_WAIT)
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


async def admitted(message: Message, context: Context, text: str, user_id: int) -> bool:
    """The checks before any search (a question, /quote, /timeline): its length and the user's rate.
    False when refused, the user told why (or, past the first refusal of a burst, nothing)."""
    svc = context.services
    if len(text) > svc.settings.max_question_chars:
        await message.reply_text(messages.too_long(len(text), svc.settings.max_question_chars))
        return False
    decision = svc.limiter.hit(user_id)
    if not decision.allowed:
        if decision.notify:
            await message.reply_text(messages.slow_down(decision.retry_after, svc.limiter.per_minute))
        return False
    return True


async def answer_question(
    message: Message, context: Context, question: str, user_id: int, *, quote: bool = True
) -> None:
    """Check length and rate, search off the loop while typing, reply with the cited answer.

    `quote`: reply to `message` (the asker's question) rather than just send to its chat.
    """
    svc = context.services
    question = " ".join(question.split())
    if not question:
        await message.reply_text(f"Ask me a question, e.g. /ask {messages.EXAMPLES[0]}")
        return
    if not await admitted(message, context, question, user_id):
        return
    try:
        async with typing(context.bot, message.chat_id, message.message_thread_id):
            answer = await svc.ask(question)
    except NewsdeskError as exc:
        await message.reply_text(str(exc))
        return
    entry = await svc.remember(answer, svc.per_page, user_id, message.chat_id)
    await send_answer(message, entry, quote)


async def send_answer(message: Message, entry: Entry, quote: bool = True) -> None:
    """The answer as one or more messages (split between whole elements); buttons on the last."""
    parts = split_messages(messages.answer_blocks(entry.answer, 0, entry.per_page))
    for i, text in enumerate(parts):
        markup = keyboards.answer_keyboard(entry) if i == len(parts) - 1 else None
        await message.reply_html(text, reply_markup=markup, do_quote=quote)


def user_id_of(update: Update) -> int:
    user = update.effective_user
    return user.id if user else update.effective_chat.id if update.effective_chat else 0


async def ask_private(update: Update, context: Context) -> None:
    """Private chat: any text is a question."""
    message = update.effective_message
    if message and message.text:
        await answer_question(message, context, message.text, user_id_of(update))


async def ask_mentioned(update: Update, context: Context) -> None:
    """Group: a message that mentions the bot or replies to one of its messages."""
    message = update.effective_message
    if message and message.text:
        question = strip_mention(message.text, context.bot.username)
        await answer_question(message, context, question, user_id_of(update))


async def ask_command(update: Update, context: Context) -> None:
    """/ask question (also /ask@botname); /ask as a reply asks the replied-to message."""
    message = update.effective_message
    if message is None:
        return
    question = " ".join(context.args or [])
    original = message.reply_to_message
    if not question and original and original.from_user and original.from_user.id != context.bot.id:
        question = original.text or original.caption or ""
    if not question:
        await message.reply_text(f"Usage: /ask {messages.EXAMPLES[0]}")
        return
    await answer_question(message, context, question, user_id_of(update))


async def start(update: Update, context: Context) -> None:
    """/start greets with three examples; a deep-link payload (t.me/bot?start=what_did_China_say) is asked."""
    message = update.effective_message
    if message is None:
        return
    if context.args:
        await answer_question(message, context, " ".join(context.args).replace("_", " "), user_id_of(update))
        return
    name = update.effective_user.first_name if update.effective_user else ""
    await message.reply_html(
        render(messages.greeting_blocks(name)), reply_markup=keyboards.examples_keyboard()
    )


async def help_command(update: Update, context: Context) -> None:
    if update.effective_message:
        admin = context.services.access.is_admin(user_id_of(update))
        await update.effective_message.reply_html(render(messages.help_blocks(context.bot.username, admin)))


async def about(update: Update, context: Context) -> None:
    """/about: what the archive holds."""
    stats = await asyncio.to_thread(context.services.engine.stats)
    if update.effective_message:
        await update.effective_message.reply_html(render(messages.archive_blocks(stats)))


async def hint_non_text(update: Update, context: Context) -> None:
    """Private chat, anything but text: a one-line hint (admins get the /ingest one for files)."""
    message = update.effective_message
    if message is None:
        return
    if message.document and context.services.access.is_admin(user_id_of(update)):
        await message.reply_text("To add this file to the archive, reply /ingest to it.")
    else:
        await message.reply_text(messages.NON_TEXT_HINT)


async def unknown_command(update: Update, context: Context) -> None:
    if update.effective_message:
        await update.effective_message.reply_text("I don't know that command. See /help.")


# --- buttons (their callback data is built and parsed in bot/keyboards.py) ---


async def edit(
    target: Message | CallbackQuery,
    text: str,
    markup: InlineKeyboardMarkup | None = None,
    parse_mode: str | None = ParseMode.HTML,
) -> None:
    """Edit a message's text, through the button's query when pressed (inline messages have no Message).

    Telegram refuses an edit that changes nothing (a button pressed twice): not an error here.
    """
    try:
        if isinstance(target, CallbackQuery):
            await target.edit_message_text(text, parse_mode=parse_mode, reply_markup=markup)
        else:
            await target.edit_text(text, parse_mode=parse_mode, reply_markup=markup)
    except BadRequest as exc:
        if "not modified" not in exc.message.lower():
            raise


def pressed(update: Update) -> tuple[CallbackQuery, str]:
    query = update.callback_query
    assert query is not None and query.data is not None  # the CallbackQueryHandler's pattern matched it
    return query, query.data


async def _recall(query: CallbackQuery, context: Context, key: str) -> Entry | None:
    """The answer behind a button, or None (the user told so) when the store no longer has it."""
    entry = await context.services.recall(key)
    if entry is None:
        await query.answer(messages.EXPIRED, show_alert=True)
    return entry


async def show_view(update: Update, context: Context) -> None:
    """'Full passage' / 'Short answer' / 'More sources': edit the message to that view and page."""
    query, data = pressed(update)
    press = keyboards.parse_view(data)
    entry = await _recall(query, context, press.key)
    if entry is None:
        return
    await query.answer()
    view_blocks = messages.passage_blocks if press.view == "passage" else messages.answer_blocks
    blocks = view_blocks(entry.answer, press.page, entry.per_page, show_question=entry.inline)
    await edit(query, fit_message(blocks), keyboards.answer_keyboard(entry, press.page, press.view))


async def show_nearest(update: Update, context: Context) -> None:
    """A nearest dated passage button (after 'not found'): show that passage, cited."""
    query, data = pressed(update)
    press = keyboards.parse_nearest(data)
    entry = await _recall(query, context, press.key)
    if entry is None:
        return
    await query.answer()
    if 0 <= press.index < len(entry.answer.nearest):
        text = fit_message(messages.nearest_blocks(entry.answer, press.index))
        await edit(query, text, keyboards.nearest_keyboard(entry, press.index))


async def record_vote(update: Update, context: Context) -> None:
    """👍 / 👎: stored with the question, cited ids, user, chat and time."""
    query, data = pressed(update)
    press = keyboards.parse_vote(data)
    chat_id = update.effective_chat.id if update.effective_chat else None
    svc = context.services
    stored = await svc.in_db(svc.store.vote, press.key, query.from_user.id, chat_id, press.vote)
    await query.answer("Thanks for the feedback!" if stored else messages.EXPIRED)


async def ask_example(update: Update, context: Context) -> None:
    """An example question button under the /start greeting."""
    query, data = pressed(update)
    await query.answer()
    index = keyboards.parse_example(data)
    if isinstance(query.message, Message) and 0 <= index < len(messages.EXAMPLES):
        example = messages.EXAMPLES[index]
        await answer_question(query.message, context, example, query.from_user.id, quote=False)


async def unknown_button(update: Update, context: Context) -> None:
    """A button whose data no handler knows (from an older version of the bot, or forged): say so, or
    the client shows its spinner until it times out."""
    if update.callback_query is not None:
        await update.callback_query.answer(messages.EXPIRED, show_alert=True)
