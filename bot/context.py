"""The context every handler gets: typed access to what the Application keeps in `bot_data`."""

from __future__ import annotations

from typing import Any

from telegram.ext import CallbackContext, ContextTypes, ExtBot

from bot.state import SERVICES_KEY, Services


class Context(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], dict[Any, Any]]):
    """python-telegram-bot builds one per update (CONTEXT_TYPES is given to the ApplicationBuilder)."""

    @property
    def services(self) -> Services:
        """The heavy objects of the running application, set up by bot.app.post_init."""
        services: Services = self.bot_data[SERVICES_KEY]
        return services


CONTEXT_TYPES = ContextTypes(context=Context)
