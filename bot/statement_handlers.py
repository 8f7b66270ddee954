"""/quote PHRASE and /timeline SPEAKER [about WORDS], and their page buttons (texts: bot/statements.py)."""

from __future__ import annotations

from telegram import Message, Update

from bot import keyboards, messages
from bot.context import Context
from bot.format import fit_message, split_messages
from bot.handlers import admitted, edit, pressed, typing, user_id_of
from bot.statements import QUOTE_USAGE, TIMELINE_USAGE, ListKind, listing_blocks, timeline_args
from retrieval.errors import NewsdeskError


async def quote_command(update: Update, context: Context) -> None:
    """/quote PHRASE: every article carrying the phrase, earliest first, with the speaker each credits."""
    message = update.effective_message
    if message is None:
        return
    phrase = " ".join(context.args or [])
    if not phrase:
        await message.reply_text(QUOTE_USAGE, do_quote=True)
        return
    await send_listing(message, context, "quote", phrase, user_id_of(update))


async def timeline_command(update: Update, context: Context) -> None:
    """/timeline SPEAKER, or /timeline SPEAKER about WORDS: the speaker's statements in date order."""
    message = update.effective_message
    if message is None:
        return
    asked = " ".join(context.args or [])
    if not timeline_args(asked)[0]:
        await message.reply_text(TIMELINE_USAGE, do_quote=True)
        return
    await send_listing(message, context, "timeline", asked, user_id_of(update))


async def send_listing(message: Message, context: Context, kind: ListKind, asked: str, user_id: int) -> None:
    """Check length and rate, search off the loop while typing, reply with the list's first page
    (stored under a key for its page buttons when it has more than one)."""
    svc = context.services
    if not await admitted(message, context, asked, user_id):
        return
    try:
        async with typing(context.bot, message.chat_id, message.message_thread_id):
            listing = await svc.statements(kind, asked)
    except NewsdeskError as exc:
        await message.reply_text(str(exc), do_quote=True)
        return
    if listing.pages > 1:
        listing = await svc.remember_listing(listing, user_id, message.chat_id)
    parts = split_messages(listing_blocks(listing))
    for i, text in enumerate(parts):
        markup = keyboards.statements_keyboard(listing) if i == len(parts) - 1 else None
        await message.reply_html(text, reply_markup=markup, do_quote=True)


async def show_page(update: Update, context: Context) -> None:
    """A list's ◀ Previous / More / First button: edit the message to that page."""
    query, data = pressed(update)
    press = keyboards.parse_statements(data)
    listing = await context.services.recall_listing(press.key)
    if listing is None:
        await query.answer(messages.EXPIRED, show_alert=True)
        return
    await query.answer()
    page = min(press.page, listing.pages - 1)
    text = fit_message(listing_blocks(listing, page))
    await edit(query, text, keyboards.statements_keyboard(listing, page))
