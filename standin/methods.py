"""The stand-in's Bot API methods that send and edit things, validated the way Telegram validates them."""

from __future__ import annotations

import re
import time
from typing import TYPE_CHECKING, Any

from standin.parse_mode import EntityError, parse_html, utf16_len

JSON = dict[str, Any]
MAX_TEXT = 4096
NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup are exactly "
    "the same as a current content and reply markup of the message"
)
_COMMAND_NAME = re.compile(r"^[a-z0-9_]{1,32}$")


class BadRequest(Exception):
    def __init__(self, description: str, code: int = 400, parameters: JSON | None = None) -> None:
        super().__init__(description)
        self.description, self.code, self.parameters = description, code, parameters


def check_text(text: Any, parse_mode: Any) -> tuple[str, list[JSON]]:
    """Telegram's checks on a message text: parse entities, not empty, at most 4096 UTF-16 units."""
    if not isinstance(text, str):
        raise BadRequest("Bad Request: message text is empty")
    if parse_mode == "HTML":
        try:
            plain, entities = parse_html(text)
        except EntityError as exc:
            raise BadRequest(f"Bad Request: {exc}") from None
        found = [e.as_dict() for e in entities]
    elif parse_mode in (None, ""):
        plain, found = text, []
    else:
        raise BadRequest(f"Bad Request: unsupported parse_mode {parse_mode!r} in the stand-in")
    if not plain.strip():
        raise BadRequest("Bad Request: message text is empty")
    if utf16_len(plain) > MAX_TEXT:
        raise BadRequest("Bad Request: message is too long")
    return plain, found


def check_markup(markup: Any) -> JSON | None:
    if markup is None:
        return None
    for row in markup.get("inline_keyboard", []):
        for button in row:
            if not button.get("text"):
                raise BadRequest("Bad Request: text buttons are unallowed in the inline keyboard")
            data = button.get("callback_data")
            if data is not None and not 1 <= len(data.encode()) <= 64:
                raise BadRequest("Bad Request: BUTTON_DATA_INVALID")
            url = button.get("url")
            if url is not None and not re.match(r"^(https?|tg)://\S+$", url):
                raise BadRequest("Bad Request: inline keyboard button URL is invalid")
            if data is None and url is None and "switch_inline_query" not in button:
                raise BadRequest("Bad Request: can't parse inline keyboard button")
    return dict(markup)


class BotMethods:
    if TYPE_CHECKING:
        chats: dict[int, JSON]
        messages: dict[tuple[int, int], JSON]
        inline_messages: dict[str, JSON]
        files: dict[str, tuple[str, bytes]]
        _answered_queries: set[str]
        commands: dict[str, list[JSON]]

        @property
        def bot_user(self) -> JSON: ...

        def _next_message_id(self, chat_id: int) -> int: ...

    def _chat_of(self, params: JSON) -> JSON:
        chat = self.chats.get(int(params.get("chat_id", 0)))
        if chat is None:
            raise BadRequest("Bad Request: chat not found")
        return chat

    async def _m_sendmessage(self, params: JSON) -> JSON:
        chat = self._chat_of(params)
        plain, entities = check_text(params.get("text"), params.get("parse_mode"))
        markup = check_markup(params.get("reply_markup"))
        message: JSON = {
            "message_id": self._next_message_id(chat["id"]),
            "date": int(time.time()),
            "chat": chat,
            "from": self.bot_user,
            "text": plain,
            "html": params.get("text"),  # not a Bot API field: what the bot sent, for assertions
        }
        if entities:
            message["entities"] = entities
        if markup:
            message["reply_markup"] = markup
        reply = params.get("reply_parameters")
        if reply:
            original = self.messages.get((chat["id"], reply["message_id"]))
            if original is None and not reply.get("allow_sending_without_reply"):
                raise BadRequest("Bad Request: message to be replied not found")
            if original is not None:
                message["reply_to_message"] = {k: v for k, v in original.items() if k != "reply_to_message"}
        self.messages[(chat["id"], message["message_id"])] = message
        return message

    def _target(self, params: JSON) -> JSON:
        if params.get("inline_message_id"):
            return self.inline_messages.setdefault(params["inline_message_id"], {"text": None, "html": None})
        chat = self._chat_of(params)
        message = self.messages.get((chat["id"], int(params.get("message_id", 0))))
        if message is None:
            raise BadRequest("Bad Request: message to edit not found")
        if message.get("from", {}).get("id") != self.bot_user["id"]:
            raise BadRequest("Bad Request: message can't be edited")
        return message

    async def _m_editmessagetext(self, params: JSON) -> JSON | bool:
        message = self._target(params)
        plain, entities = check_text(params.get("text"), params.get("parse_mode"))
        markup = check_markup(params.get("reply_markup"))
        if (
            message.get("text") == plain
            and message.get("entities", []) == entities
            and (message.get("reply_markup") == markup)
        ):
            raise BadRequest(NOT_MODIFIED)
        message.update(text=plain, entities=entities, html=params.get("text"), edit_date=int(time.time()))
        message.pop("reply_markup", None)
        if markup:
            message["reply_markup"] = markup
        return True if params.get("inline_message_id") else message

    async def _m_editmessagereplymarkup(self, params: JSON) -> JSON | bool:
        message = self._target(params)
        markup = check_markup(params.get("reply_markup"))
        if message.get("reply_markup") == markup:
            raise BadRequest(NOT_MODIFIED)
        message["reply_markup"] = markup
        return True if params.get("inline_message_id") else message

    async def _m_sendchataction(self, params: JSON) -> bool:
        self._chat_of(params)
        if params.get("action") not in ("typing", "upload_document", "upload_photo", "record_voice"):
            raise BadRequest("Bad Request: wrong parameter action in request")
        return True

    async def _m_answercallbackquery(self, params: JSON) -> bool:
        query_id = params["callback_query_id"]
        if query_id in self._answered_queries:
            raise BadRequest(
                "Bad Request: query is too old and response timeout expired or query ID is invalid"
            )
        self._answered_queries.add(query_id)
        if len(params.get("text") or "") > 200:
            raise BadRequest("Bad Request: MESSAGE_TOO_LONG")
        return True

    async def _m_answerinlinequery(self, params: JSON) -> bool:
        query_id = params["inline_query_id"]
        if query_id in self._answered_queries:
            raise BadRequest(
                "Bad Request: query is too old and response timeout expired or query ID is invalid"
            )
        self._answered_queries.add(query_id)
        results = params.get("results") or []
        if len(results) > 50:
            raise BadRequest("Bad Request: RESULTS_TOO_MUCH")
        ids = [r.get("id", "") for r in results]
        if len(set(ids)) != len(ids) or any(not 1 <= len(i.encode()) <= 64 for i in ids):
            raise BadRequest("Bad Request: RESULT_ID_INVALID")
        for result in results:
            if not result.get("title"):
                raise BadRequest("Bad Request: RESULT_TITLE_EMPTY")
            content = result.get("input_message_content") or {}
            check_text(content.get("message_text"), content.get("parse_mode"))
            check_markup(result.get("reply_markup"))
        if len((params.get("next_offset") or "").encode()) > 64:
            raise BadRequest("Bad Request: NEXT_OFFSET_INVALID")
        return True

    async def _m_setmycommands(self, params: JSON) -> bool:
        commands = params.get("commands") or []
        for command in commands:
            if not _COMMAND_NAME.match(command.get("command", "")):
                raise BadRequest("Bad Request: BOT_COMMAND_INVALID")
            if not 1 <= len(command.get("description", "")) <= 256:
                raise BadRequest("Bad Request: BOT_COMMAND_DESCRIPTION_INVALID")
        scope = params.get("scope") or {"type": "default"}
        key = scope["type"] + (f":{scope['chat_id']}" if "chat_id" in scope else "")
        self.commands[key] = commands
        return True

    async def _m_getwebhookinfo(self, params: JSON) -> JSON:
        url = getattr(self, "webhook_url", "")
        return {"url": url, "has_custom_certificate": False, "pending_update_count": 0}

    async def _m_getfile(self, params: JSON) -> JSON:
        file_id = params.get("file_id", "")
        if file_id not in self.files:
            raise BadRequest("Bad Request: invalid file_id")
        path, content = self.files[file_id]
        return {
            "file_id": file_id,
            "file_unique_id": f"u{file_id}",
            "file_size": len(content),
            "file_path": path,
        }
