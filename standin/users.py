"""The stand-in's users: the chats, messages, button presses and uploads a test or benchmark sends the bot."""

from __future__ import annotations

import itertools
import re
import time
from typing import TYPE_CHECKING, Any

from standin.parse_mode import utf16_len

JSON = dict[str, Any]
_MENTION = re.compile(r"@\w+")
_COMMAND = re.compile(r"^/\w+(@\w+)?")


class Users:
    """Builds what a Telegram client would send and queues it as updates (mixed into StandIn)."""

    if TYPE_CHECKING:
        chats: dict[int, JSON]
        messages: dict[tuple[int, int], JSON]
        files: dict[str, tuple[str, bytes]]
        _message_ids: dict[int, itertools.count[int]]
        _ids: itertools.count[int]

        def push(self, update: JSON) -> JSON: ...

    @staticmethod
    def user(user_id: int, first_name: str = "Ann", username: str | None = None) -> JSON:
        out: JSON = {"id": user_id, "is_bot": False, "first_name": first_name}
        if username:
            out["username"] = username
        return out

    def private_chat(self, user: JSON) -> JSON:
        return self._chat({"id": user["id"], "type": "private", "first_name": user["first_name"]})

    def group_chat(self, chat_id: int, title: str = "Newsroom", kind: str = "supergroup") -> JSON:
        return self._chat({"id": chat_id, "type": kind, "title": title})

    def _chat(self, chat: JSON) -> JSON:
        self.chats[chat["id"]] = chat
        return chat

    def _next_message_id(self, chat_id: int) -> int:
        return next(self._message_ids.setdefault(chat_id, itertools.count(1)))

    @staticmethod
    def entities_for(text: str) -> list[JSON]:
        """The entities Telegram's clients attach: a leading command, @mentions."""
        found: list[JSON] = []
        command = _COMMAND.match(text)
        if command:
            found.append({"type": "bot_command", "offset": 0, "length": utf16_len(command.group(0))})
        for match in _MENTION.finditer(text):
            if command and match.start() < command.end():
                continue
            offset = utf16_len(text[: match.start()])
            found.append({"type": "mention", "offset": offset, "length": utf16_len(match.group(0))})
        return found

    def message(self, chat: JSON, user: JSON, text: str | None = None, *, reply_to: JSON | None = None,
                document: JSON | None = None, caption: str | None = None) -> JSON:  # fmt: skip
        message: JSON = {
            "message_id": self._next_message_id(chat["id"]),
            "date": int(time.time()),
            "chat": chat,
            "from": user,
        }
        if text is not None:
            message["text"] = text
            if entities := self.entities_for(text):
                message["entities"] = entities
        if document is not None:
            message["document"] = document
        if caption is not None:
            message["caption"] = caption
            if entities := self.entities_for(caption):
                message["caption_entities"] = entities
        if reply_to is not None:
            message["reply_to_message"] = reply_to
        self.messages[(chat["id"], message["message_id"])] = message
        return message

    def send_text(self, chat: JSON, user: JSON, text: str, *, reply_to: JSON | None = None) -> JSON:
        """A user sends `text`: queue the update, return the message."""
        message = self.message(chat, user, text, reply_to=reply_to)
        self.push({"message": message})
        return message

    def edit_text(self, message: JSON, text: str) -> JSON:
        edited = {**message, "text": text, "edit_date": int(time.time()), "entities": self.entities_for(text)}
        self.push({"edited_message": edited})
        return edited

    def press(self, user: JSON, message: JSON | None, data: str, inline_message_id: str = "") -> str:
        """A user presses an inline button of a bot message (or of a message sent inline)."""
        query: JSON = {"id": str(next(self._ids)), "from": user, "chat_instance": "ci-1", "data": data}
        if inline_message_id:
            query["inline_message_id"] = inline_message_id
        else:
            assert message is not None
            query["message"] = self.messages[(message["chat"]["id"], message["message_id"])]
        self.push({"callback_query": query})
        return str(query["id"])

    def inline_query(self, user: JSON, query: str, offset: str = "") -> str:
        query_id = str(next(self._ids))
        self.push({"inline_query": {"id": query_id, "from": user, "query": query, "offset": offset,
                                    "chat_type": "sender"}})  # fmt: skip
        return query_id

    def add_file(self, file_name: str, content: bytes, mime_type: str = "text/plain") -> JSON:
        """A document a user uploaded: its getFile/download are served from memory."""
        file_id = f"file-{next(self._ids)}"
        self.files[file_id] = (f"documents/{file_name}", content)
        return {"file_id": file_id, "file_unique_id": f"u{file_id}", "file_name": file_name,
                "mime_type": mime_type, "file_size": len(content)}  # fmt: skip
