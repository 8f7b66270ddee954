"""Bot test helpers: settings for the stand-in, starting/stopping the Application, reading replies."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta
from pathlib import Path
from typing import Any, Protocol

from bot import keyboards
from bot.app import App
from bot.feedback import AnswerRecord
from bot.state import SERVICES_KEY, Engine, Services
from newsdesk.settings import Settings
from standin import Call, StandIn
from standin.parse_mode import Entity, parse_html

CARD_QUESTION = "What did China say on May 27?"
CARD_ARTICLE = "000_ae7840efd1dddaa5"


class StartBot(Protocol):
    """The `start_bot` fixture: a running Application with these settings (and this engine)."""

    def __call__(self, engine: Engine | None = None, **overrides: Any) -> Awaitable[App]: ...


def bot_settings(standin: StandIn, tmp_path: Path, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "TELEGRAM_BOT_TOKEN": standin.token,
        "telegram_base_url": standin.base_url,
        "telegram_base_file_url": standin.base_file_url,
        "index_dir": tmp_path / "index",
        "feedback_db": tmp_path / "feedback.sqlite3",
    }
    return Settings(_env_file=None, **(values | overrides))


async def start_polling(application: App) -> App:
    """What run_polling does, minus the loop handling (it can't run inside a running loop)."""
    await application.initialize()
    if application.post_init:
        await application.post_init(application)
    assert application.updater is not None
    await application.updater.start_polling(poll_interval=0.0, timeout=timedelta(seconds=1))
    await application.start()
    return application


async def stop_polling(application: App) -> None:
    if application.updater and application.updater.running:
        await application.updater.stop()
    if application.running:
        await application.stop()
    if application.post_shutdown:
        await application.post_shutdown(application)
    await application.shutdown()


def services_of(application: App) -> Services:
    services: Services = application.bot_data[SERVICES_KEY]
    return services


def parsed(call: Call) -> tuple[str, list[Entity]]:
    """The text of a sent/edited message as a user sees it, and its entities (validated HTML)."""
    return (
        parse_html(call.params["text"])
        if call.params.get("parse_mode") == "HTML"
        else (call.params["text"], [])
    )


def buttons(call: Call) -> dict[str, dict[str, Any]]:
    """The inline keyboard of a sent/edited message: button text -> button."""
    markup = call.params.get("reply_markup") or {}
    return {b["text"]: b for row in markup.get("inline_keyboard", []) for b in row}


def to_chat(chat_id: int) -> Callable[[Call], bool]:
    return lambda call: call.params.get("chat_id") == chat_id


def replying_to(message: dict[str, Any]) -> Callable[[Call], bool]:
    """A sendMessage answering `message` (it replies to it)."""

    def match(call: Call) -> bool:
        reply = call.params.get("reply_parameters") or {}
        return (
            call.params.get("chat_id") == message["chat"]["id"]
            and reply.get("message_id") == message["message_id"]
        )

    return match


def answer_key(call: Call) -> str:
    """The answer key carried by the 👍 button's callback data."""
    return keyboards.parse_vote(buttons(call)["👍"]["callback_data"]).key


def recorded(application: App, call: Call) -> AnswerRecord:
    """The feedback store's record of the answer `call` sent (by its 👍 button's key)."""
    record = services_of(application).store.answer(answer_key(call))
    assert record is not None, f"no answer recorded under {answer_key(call)}"
    return record
