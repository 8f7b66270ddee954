"""A small stand-in for the Telegram Bot API server (aiohttp on 127.0.0.1), for tests and the benchmark.

The real python-telegram-bot Application talks to it over HTTP via `base_url`. It implements the URL
layout `/bot<token>/<method>` and `/file/bot<token>/<path>`, the `{"ok": ...}` envelope, long-polling
getUpdates with offsets, webhook delivery (retried until the bot's server answers), and rejects what
Telegram rejects: too-long messages, bad HTML, unchanged edits, oversized callback data. Every call is
recorded; `fail_next` injects errors such as a 429 with `retry_after`.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import aiohttp
from aiohttp import web

from standin.methods import BadRequest, BotMethods
from standin.users import Users

TOKEN = "123456789:AAH-standin-token-for-tests_0123456789"
JSON = dict[str, Any]
# Parameters PTB sends as raw strings; every other value arrives JSON-encoded.
_STRING_PARAMS = {
    "text", "parse_mode", "callback_query_id", "inline_query_id", "next_offset", "url", "secret_token",
    "action", "file_id", "caption", "inline_message_id", "language_code", "description", "short_description",
    "name", "business_connection_id", "message_effect_id", "emoji", "title",
}  # fmt: skip
MAX_WAIT = 2.0  # longest getUpdates long poll we hold (PTB asks for 10 s; tests want quick shutdowns)


@dataclass
class Call:
    method: str
    params: JSON
    at: float
    status: int = 200
    result: Any = None


@dataclass
class StandIn(Users, BotMethods):
    token: str = TOKEN
    bot_id: int = 7000001
    username: str = "newsdesk_test_bot"
    calls: list[Call] = field(default_factory=list)
    pushed_at: dict[int, float] = field(default_factory=dict)  # update_id -> when it was queued
    webhook_url: str = ""
    webhook_secret: str = ""

    def __post_init__(self) -> None:
        self.port = 0
        self._updates: list[JSON] = []
        self._update_ids = itertools.count(1)
        self._message_ids: dict[int, itertools.count[int]] = {}
        self._ids = itertools.count(1)
        self.chats: dict[int, JSON] = {}
        self.messages: dict[tuple[int, int], JSON] = {}
        self.inline_messages: dict[str, JSON] = {}
        self.files: dict[str, tuple[str, bytes]] = {}
        self._failures: dict[str, list[tuple[int, str, JSON | None]]] = {}
        self._answered_queries: set[str] = set()
        self.commands: dict[str, list[JSON]] = {}
        self._changed = asyncio.Condition()
        self._closing = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self._webhook_task: asyncio.Task[None] | None = None

    # --- life cycle ---
    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/file/bot"

    @property
    def bot_user(self) -> JSON:
        return {"id": self.bot_id, "is_bot": True, "first_name": "Newsdesk", "username": self.username}

    async def start(self) -> StandIn:
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._api)
        app.router.add_get("/file/bot{token}/{path:.+}", self._file)
        self._runner = web.AppRunner(app, shutdown_timeout=0.5, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]
        return self

    async def stop(self) -> None:
        self._closing.set()  # pending long polls return at once
        async with self._changed:
            self._changed.notify_all()
        if self._webhook_task:
            self._webhook_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._webhook_task
        if self._runner:
            await self._runner.cleanup()

    # --- queueing updates (built by standin.users) and failures ---
    def push(self, update: JSON) -> JSON:
        update = {"update_id": next(self._update_ids), **update}
        self.pushed_at[update["update_id"]] = time.monotonic()
        self._updates.append(update)
        asyncio.get_running_loop().create_task(self._notify())
        return update

    def fail_next(
        self, method: str, code: int = 429, description: str = "", retry_after: int | None = 1
    ) -> None:
        """The next call of `method` fails (default: 429 Too Many Requests with retry_after)."""
        parameters = {"retry_after": retry_after} if retry_after is not None else None
        text = description or f"Too Many Requests: retry after {retry_after}"
        self._failures.setdefault(method, []).append((code, text, parameters))

    # --- observing ---
    def calls_of(self, method: str, predicate: Callable[[Call], bool] | None = None) -> list[Call]:
        return [c for c in self.calls if c.method == method and (predicate is None or predicate(c))]

    async def wait_for(self, method: str, predicate: Callable[[Call], bool] | None = None, count: int = 1,
                       timeout: float = 15.0, ok: bool = True) -> list[Call]:  # fmt: skip
        """Wait until `count` successful (or, ok=False, any) calls of `method` match; return them.

        Calls are recorded once answered, so each is looked at once (no quadratic rescans under load).
        """
        matched: list[Call] = []
        checked = 0

        def enough() -> bool:
            nonlocal checked
            fresh, checked = self.calls[checked:], len(self.calls)
            matched.extend(
                c for c in fresh
                if c.method == method and (c.status == 200 or not ok) and (predicate is None or predicate(c))
            )  # fmt: skip
            return len(matched) >= count

        async with asyncio.timeout(timeout):
            async with self._changed:
                await self._changed.wait_for(enough)
        return matched

    async def settle(self, quiet: float = 0.3) -> None:
        """Wait until no call has arrived for `quiet` seconds (for asserting that nothing was sent)."""
        while True:
            seen = len(self.calls)
            await asyncio.sleep(quiet)
            if len(self.calls) == seen:
                return

    async def _record(self, call: Call) -> None:
        self.calls.append(call)  # once answered: `at` is when it arrived
        await self._notify()

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    # --- HTTP ---
    async def _file(self, request: web.Request) -> web.StreamResponse:
        if request.match_info["token"] != self.token:
            return web.Response(status=401)
        wanted = request.match_info["path"]
        for path, content in self.files.values():
            if path == wanted:
                return web.Response(body=content)
        return web.Response(status=404)

    @staticmethod
    def _decode(name: str, value: str) -> Any:
        if name in _STRING_PARAMS:
            return value
        try:
            return json.loads(value)
        except ValueError:
            return value

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        raw: dict[str, str] = dict(request.query)
        try:
            if request.method == "POST" and request.content_type == "application/json":
                payload = await request.json()
                raw.update({k: v if isinstance(v, str) else json.dumps(v) for k, v in payload.items()})
            elif request.method == "POST":
                form = await request.post()
                raw.update({k: v for k, v in form.items() if isinstance(v, str)})
        except ConnectionResetError:  # the client cancelled the request (e.g. a "typing…" no longer needed)
            return web.Response(status=499)
        params = {name: self._decode(name, value) for name, value in raw.items()}
        call = Call(method, params, time.monotonic())
        try:
            if request.match_info["token"] != self.token:
                raise BadRequest("Unauthorized", 401)
            if self._failures.get(method):
                code, text, parameters = self._failures[method].pop(0)
                raise BadRequest(text, code, parameters)
            handler = getattr(self, f"_m_{method.lower()}", None)
            if handler is None:
                raise BadRequest("Not Found: method not found", 404)
            result = await handler(params)
        except BadRequest as exc:
            call.status = exc.code
            body: JSON = {"ok": False, "error_code": exc.code, "description": exc.description}
            if exc.code == 400 and not exc.description.startswith("Bad Request"):
                body["description"] = f"Bad Request: {exc.description}"
            if exc.parameters:
                body["parameters"] = exc.parameters
            call.result = body["description"]
            await self._record(call)
            return web.json_response(body, status=exc.code)
        call.result = result
        await self._record(call)
        return web.json_response({"ok": True, "result": result})

    # --- methods ---
    async def _m_getme(self, params: JSON) -> JSON:
        return {**self.bot_user, "can_join_groups": True, "can_read_all_group_messages": False,
                "supports_inline_queries": True}  # fmt: skip

    async def _m_getupdates(self, params: JSON) -> list[JSON]:
        if self.webhook_url:
            raise BadRequest("Conflict: can't use getUpdates method while webhook is active", 409)
        offset = int(params.get("offset") or 0)
        self._updates = [u for u in self._updates if u["update_id"] >= offset]
        wait = min(float(params.get("timeout") or 0), MAX_WAIT)
        if not self._updates and wait > 0 and not self._closing.is_set():
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(wait), self._changed:
                    await self._changed.wait_for(lambda: bool(self._updates) or self._closing.is_set())
        return self._updates[: int(params.get("limit") or 100)]

    async def _m_deletewebhook(self, params: JSON) -> bool:
        self.webhook_url, self.webhook_secret = "", ""
        if self._webhook_task:
            self._webhook_task.cancel()
            self._webhook_task = None
        if params.get("drop_pending_updates"):
            self._updates.clear()
        return True

    async def _m_setwebhook(self, params: JSON) -> bool:
        self.webhook_url = params["url"]
        self.webhook_secret = params.get("secret_token", "")
        if self._webhook_task is None:
            self._webhook_task = asyncio.get_running_loop().create_task(self._deliver())
        return True

    async def _deliver(self) -> None:
        """Webhook mode: POST each queued update, retrying until the bot's server accepts it."""
        async with aiohttp.ClientSession() as session:
            while self.webhook_url:
                if not self._updates:
                    async with self._changed:
                        await self._changed.wait_for(lambda: bool(self._updates) or not self.webhook_url)
                    continue
                update = self._updates[0]
                headers = (
                    {"X-Telegram-Bot-Api-Secret-Token": self.webhook_secret} if self.webhook_secret else {}
                )
                try:
                    async with session.post(self.webhook_url, json=update, headers=headers) as response:
                        delivered = response.status == 200
                except aiohttp.ClientError:
                    delivered = False
                if delivered:
                    self._updates.pop(0)
                else:
                    await asyncio.sleep(0.1)
