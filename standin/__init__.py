"""A stand-in for the Telegram Bot API server, for the bot's tests and benchmarks/bot_load.py.

`StandIn` serves the Bot API over HTTP on 127.0.0.1 (the real python-telegram-bot Application talks to it
through `base_url`), plays the users, and records every call the bot makes (`Call`).
"""

from standin.server import TOKEN, Call, StandIn

__all__ = ["TOKEN", "Call", "StandIn"]
