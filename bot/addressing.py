"""Is a message meant for the bot? (groups: a mention or a reply to the bot; privacy mode friendly)."""

from __future__ import annotations

import re

from telegram import Message, MessageEntity, Update
from telegram.ext import filters


def mentions_bot(message: Message, username: str, bot_id: int) -> bool:
    """The message @-mentions the bot (by username, or a text mention of its user)."""
    entities = message.parse_entities([MessageEntity.MENTION, MessageEntity.TEXT_MENTION])
    for entity, text in entities.items():
        if entity.type == MessageEntity.MENTION and text[1:].lower() == username.lower():
            return True
        if entity.type == MessageEntity.TEXT_MENTION and entity.user and entity.user.id == bot_id:
            return True
    return False


def replies_to_bot(message: Message, bot_id: int) -> bool:
    original = message.reply_to_message
    return bool(original and original.from_user and original.from_user.id == bot_id)


def is_command(message: Message) -> bool:
    return bool(message.entities and message.entities[0].type == MessageEntity.BOT_COMMAND)


def strip_mention(text: str, username: str) -> str:
    """The question without the bot's @username."""
    return " ".join(re.sub(rf"@{re.escape(username)}\b", " ", text, flags=re.IGNORECASE).split())


def addressed(update: Update) -> bool:
    """Did someone speak to the bot (so a refusal is owed), rather than chat among themselves?"""
    if update.callback_query or update.inline_query:
        return True
    if update.my_chat_member:  # the bot was added to a chat
        return update.my_chat_member.new_chat_member.status in ("member", "administrator")
    message = update.message
    if message is None:
        return False
    if message.chat.type == "private" or is_command(message):
        return True
    bot = message.get_bot()
    return mentions_bot(message, bot.username, bot.id) or replies_to_bot(message, bot.id)


class _AddressedInGroup(filters.MessageFilter):
    """A group message that mentions the bot or replies to one of its messages."""

    def filter(self, message: Message) -> bool:
        bot = message.get_bot()
        return replies_to_bot(message, bot.id) or mentions_bot(message, bot.username, bot.id)


ADDRESSED_IN_GROUP = _AddressedInGroup(name="AddressedInGroup")
