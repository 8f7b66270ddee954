"""Telegram's flood limits for the bot's requests, with "typing…" kept out of the answers' way."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from telegram.ext import AIORateLimiter

RETRIES = 3  # AIORateLimiter's default is 0: a 429 would surface as an error instead of a retry
JSONValue = bool | dict[str, Any] | list[dict[str, Any]]


class FloodLimiter(AIORateLimiter):
    """AIORateLimiter (30 requests/s overall, 20 a minute per group, RETRIES retries after a 429),
    except for chat actions: "typing…" is cosmetic, so it bypasses the limiter instead of queueing in
    front of the answers (a burst of 200 questions would otherwise send 200 chat actions before the
    first answer). The bot ignores a failed chat action, so one hit by a 429 is simply dropped.
    """

    def __init__(self, overall_max_rate: float = 30, max_retries: int = RETRIES) -> None:
        super().__init__(overall_max_rate=overall_max_rate, max_retries=max_retries)

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, JSONValue]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> JSONValue:
        if endpoint == "sendChatAction":
            return await callback(*args, **kwargs)
        return await super().process_request(callback, args, kwargs, endpoint, data, rate_limit_args)
