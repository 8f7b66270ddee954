"""The Application: handlers, the one error handler, start-up and shut-down, and `serve` for the CLI."""

from __future__ import annotations

import asyncio
import logging
import secrets
import signal
from typing import Any
from urllib.parse import urlsplit

from telegram import BotCommand, BotCommandScopeChat, LinkPreviewOptions, Update
from telegram.error import InvalidToken, NetworkError, TelegramError
from telegram.ext import (
    Application,
    ApplicationBuilder,
    ApplicationHandlerStop,
    BaseRateLimiter,
    CallbackQueryHandler,
    CommandHandler,
    Defaults,
    InlineQueryHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot import admin, handlers, inline, keyboards, messages, statement_handlers
from bot.addressing import ADDRESSED_IN_GROUP, addressed
from bot.context import CONTEXT_TYPES, Context
from bot.feedback import FeedbackStore
from bot.flood import FloodLimiter
from bot.logs import setup_logging
from bot.state import SERVICES_KEY, Engine, Services, open_engine
from newsdesk.settings import Settings
from retrieval.errors import NewsdeskError

log = logging.getLogger(__name__)
App = Application[Any, Any, Any, Any, Any, Any]

PUBLIC_COMMANDS = (
    ("start", "Greeting and example questions"),
    ("ask", "Ask the archive a question"),
    ("quote", "Every article carrying a phrase, and who it credits"),
    ("timeline", "A speaker's statements in date order"),
    ("about", "What the archive holds"),
    ("help", "How to ask"),
)
ADMIN_COMMANDS = (
    ("ingest", "Add an uploaded file to the archive"),
    ("reload", "Re-read the index from disk"),
    ("stats", "Archive, use and feedback counts"),
)
CONNECTIONS = 32
POOL_TIMEOUT = 10.0
_NO_PREVIEW = LinkPreviewOptions(is_disabled=True)  # answers link articles: no preview cards
NEW_MESSAGES = filters.UpdateType.MESSAGE  # edited messages are deliberately ignored (see docs/bot.md)


async def gate(update: Update, context: Context) -> None:
    """Runs before every handler: chats off the allowlist get one polite refusal and nothing else."""
    svc = context.services
    user = update.effective_user
    if update.inline_query and user:
        if not svc.access.chat_allowed(user.id, user.id):
            card = inline.refusal_card(messages.refusal("private"))
            await update.inline_query.answer([card], cache_time=0, is_personal=True)
            raise ApplicationHandlerStop
        return
    chat = update.effective_chat
    if chat is None or svc.access.chat_allowed(chat.id, user.id if user else None):
        return
    if update.callback_query:
        await update.callback_query.answer(messages.refusal(chat.type), show_alert=True)
    elif addressed(update) and svc.access.first_refusal(chat.id):
        await context.bot.send_message(chat.id, messages.refusal(chat.type))
    raise ApplicationHandlerStop


def describe(update: object) -> str:
    """The update's context for a log line (no message text beyond a short excerpt)."""
    if not isinstance(update, Update):
        return repr(update)[:200]
    kind = next(
        (k for k in ("message", "callback_query", "inline_query", "edited_message") if getattr(update, k)),
        "?",
    )
    chat = update.effective_chat
    user = update.effective_user
    message = update.effective_message
    text = (message.text or message.caption or "") if message else ""
    if update.inline_query:
        text = update.inline_query.query
    return (
        f"update {update.update_id} ({kind}, chat {chat.id if chat else '-'} {chat.type if chat else ''}, "
        f"user {user.id if user else '-'}, text {text[:80]!r})"
    )


async def on_error(update: object, context: Context) -> None:
    """The one error handler: log with the update's context, tell the user briefly (no traceback)."""
    log.error("Error while handling %s", describe(update), exc_info=context.error)
    if not isinstance(update, Update):
        return
    try:
        if update.callback_query:
            try:
                await update.callback_query.answer(messages.APOLOGY, show_alert=True)
                return
            except TelegramError:  # already answered before the error: say it in the chat instead
                pass
        if update.effective_message:
            await update.effective_message.reply_text(messages.APOLOGY)
    except TelegramError:
        log.warning("Could not send the apology for update %s", update.update_id)


async def register_commands(application: App, admins: list[int]) -> None:
    """setMyCommands: the public commands for everyone, plus the admin ones in each admin's chat."""
    public = [BotCommand(name, text) for name, text in PUBLIC_COMMANDS]
    await application.bot.set_my_commands(public)
    everything = public + [BotCommand(name, text) for name, text in ADMIN_COMMANDS]
    for admin_id in admins:
        try:
            await application.bot.set_my_commands(everything, scope=BotCommandScopeChat(admin_id))
        except TelegramError as exc:  # the admin hasn't started a chat with the bot yet
            log.info("Admin commands not registered for %s: %s", admin_id, exc)


async def post_init(application: App) -> None:
    """Create the heavy objects once: the engine (unless one was given), the feedback store."""
    settings: Settings = application.bot_data["settings"]
    engine: Engine | None = application.bot_data.pop("engine", None)
    owns_engine = engine is None
    if engine is None:
        log.info("Loading the model and the index from %s…", settings.index_dir)
        engine = await asyncio.to_thread(open_engine, settings)
    store = FeedbackStore(settings.feedback_path)
    application.bot_data[SERVICES_KEY] = Services(settings, engine, store, owns_engine)
    await register_commands(application, settings.admins)
    log.info("Bot @%s ready", application.bot.username)


async def post_shutdown(application: App) -> None:
    svc = application.bot_data.pop(SERVICES_KEY, None)
    if svc is not None:
        await asyncio.to_thread(svc.close)


def add_handlers(application: App) -> None:
    private = filters.ChatType.PRIVATE
    groups = filters.ChatType.GROUPS
    application.add_handler(TypeHandler(Update, gate), group=-1)
    application.add_handlers(
        [
            CommandHandler("start", handlers.start, filters=NEW_MESSAGES),
            CommandHandler("help", handlers.help_command, filters=NEW_MESSAGES),
            CommandHandler("about", handlers.about, filters=NEW_MESSAGES),
            CommandHandler("ask", handlers.ask_command, filters=NEW_MESSAGES),
            CommandHandler("quote", statement_handlers.quote_command, filters=NEW_MESSAGES),
            CommandHandler("timeline", statement_handlers.timeline_command, filters=NEW_MESSAGES),
            CommandHandler("ingest", admin.ingest, filters=NEW_MESSAGES),
            CommandHandler("reload", admin.reload_index, filters=NEW_MESSAGES),
            CommandHandler("stats", admin.show_stats, filters=NEW_MESSAGES),
            MessageHandler(
                NEW_MESSAGES & filters.Document.ALL & filters.CaptionRegex(r"(?i)^/ingest\b"), admin.ingest
            ),
            MessageHandler(NEW_MESSAGES & private & filters.TEXT & ~filters.COMMAND, handlers.ask_private),
            MessageHandler(
                NEW_MESSAGES & groups & filters.TEXT & ~filters.COMMAND & ADDRESSED_IN_GROUP,
                handlers.ask_mentioned,
            ),
            MessageHandler(NEW_MESSAGES & private & filters.COMMAND, handlers.unknown_command),
            MessageHandler(NEW_MESSAGES & private & ~filters.TEXT, handlers.hint_non_text),
            CallbackQueryHandler(handlers.show_view, pattern=keyboards.VIEW_PATTERN),
            CallbackQueryHandler(handlers.show_nearest, pattern=keyboards.NEAREST_PATTERN),
            CallbackQueryHandler(handlers.record_vote, pattern=keyboards.VOTE_PATTERN),
            CallbackQueryHandler(handlers.ask_example, pattern=keyboards.EXAMPLE_PATTERN),
            CallbackQueryHandler(statement_handlers.show_page, pattern=keyboards.STATEMENTS_PATTERN),
            CallbackQueryHandler(handlers.unknown_button),  # last: whatever the patterns above refuse
            InlineQueryHandler(inline.answer_inline),
        ]
    )
    application.add_error_handler(on_error)


def build_application(
    settings: Settings, *, engine: Engine | None = None, rate_limiter: BaseRateLimiter[Any] | None = None
) -> App:
    """The configured Application.

    `engine`: an already open engine to share (else post_init opens one and closes it at shutdown).
    `rate_limiter`: replaces the default FloodLimiter (AIORateLimiter with retries; see bot/flood.py).
    """
    if settings.telegram_bot_token is None:
        raise ValueError("no bot token: set TELEGRAM_BOT_TOKEN (environment or .env)")
    application = (
        ApplicationBuilder()
        .token(settings.telegram_bot_token.get_secret_value())
        .base_url(settings.telegram_base_url)
        .base_file_url(settings.telegram_base_file_url)
        .defaults(Defaults(allow_sending_without_reply=True, link_preview_options=_NO_PREVIEW))
        .context_types(CONTEXT_TYPES)
        .rate_limiter(rate_limiter or FloodLimiter())
        # httpcore's pool scans every connection for each request (encode/httpcore#1035): PTB's default
        # of 256 connections makes a burst quadratic. The flood limiter allows ~30 requests a second,
        # so 32 connections are plenty; a request may wait up to POOL_TIMEOUT s for one.
        .connection_pool_size(CONNECTIONS)
        .pool_timeout(POOL_TIMEOUT)
        .concurrent_updates(True)
        .post_init(post_init)
        .post_shutdown(post_shutdown)
        .build()
    )
    application.bot_data["settings"] = settings
    if engine is not None:
        application.bot_data["engine"] = engine
    add_handlers(application)
    return application


def webhook_path(url: str) -> str:
    """The path part of the public webhook URL, which the local server must listen on."""
    return urlsplit(url).path.strip("/")


def webhook_options(settings: Settings, secret: str) -> dict[str, Any]:
    """Arguments for run_webhook / Updater.start_webhook from the settings."""
    return {
        "listen": settings.webhook_listen,
        "port": settings.webhook_port,
        "url_path": webhook_path(settings.webhook_url),
        "webhook_url": settings.webhook_url,
        "secret_token": secret,
        "allowed_updates": Update.ALL_TYPES,
    }


def serve(settings: Settings) -> int:
    """`newsdesk serve`: polling, or a webhook when NEWSDESK_WEBHOOK_URL is set. SIGINT/SIGTERM stop it."""
    token = settings.telegram_bot_token.get_secret_value() if settings.telegram_bot_token else ""
    webhook_secret = settings.webhook_secret.get_secret_value() if settings.webhook_secret else ""
    redactor = setup_logging(settings.log_level, [token, webhook_secret])
    if not token:
        log.error("No bot token: set TELEGRAM_BOT_TOKEN in the environment or in .env (from @BotFather).")
        return 2
    application = build_application(settings)
    stop_signals = (signal.SIGINT, signal.SIGTERM)
    try:
        if settings.webhook_url:
            if not webhook_secret:
                webhook_secret = secrets.token_urlsafe(32)
                redactor.secrets += (webhook_secret,)
                log.info("NEWSDESK_WEBHOOK_SECRET is not set: using a random secret token for this run")
            log.info(
                "Webhook mode: %s (listening on %s:%s)",
                settings.webhook_url,
                settings.webhook_listen,
                settings.webhook_port,
            )
            application.run_webhook(**webhook_options(settings, webhook_secret), stop_signals=stop_signals)
        else:
            log.info("Polling %s for updates", settings.telegram_base_url)
            application.run_polling(allowed_updates=Update.ALL_TYPES, stop_signals=stop_signals)
    except NewsdeskError as exc:
        log.error("Can't open the archive: %s", exc)
        return 1
    except InvalidToken:
        log.error("Telegram rejected the bot token: check TELEGRAM_BOT_TOKEN.")
        return 1
    except (NetworkError, OSError) as exc:
        log.error("Can't reach the Bot API at %s: %s", settings.telegram_base_url, redactor.redact(str(exc)))
        return 1
    log.info("Stopped")
    return 0
