"""The stand-in rejects what Telegram rejects (so a passing bot test means Telegram would accept it)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from telegram import Bot
from telegram.error import BadRequest, RetryAfter

from standin import StandIn


@pytest.fixture
async def client(standin: StandIn) -> Bot:
    bot = Bot(standin.token, base_url=standin.base_url, base_file_url=standin.base_file_url)
    await bot.initialize()
    standin.private_chat(standin.user(1))
    return bot


@pytest.mark.parametrize(
    ("text", "parse_mode", "error"),
    [
        ("x" * 4097, None, "Message is too long"),
        ("👍" * 2049, None, "Message is too long"),  # 4098 UTF-16 units
        ("<b>bold", "HTML", "Can't parse entities"),
        ("a < b", "HTML", "Can't parse entities"),
        ("Tom & Jerry", "HTML", "Can't parse entities"),
        ("<script>x</script>", "HTML", "Can't parse entities"),
        ("<b><i>x</b></i>", "HTML", "Can't parse entities"),
        ("   ", None, "Message text is empty"),
    ],
)
async def test_rejects_what_telegram_rejects(
    client: Bot, text: str, parse_mode: str | None, error: str
) -> None:
    with pytest.raises(BadRequest, match=error):
        await client.send_message(1, text, parse_mode=parse_mode)


async def test_accepts_valid_html_and_counts_after_parsing(client: Bot) -> None:
    message = await client.send_message(1, "<b>" + "&amp;" * 4096 + "</b>", parse_mode="HTML")
    assert message.text == "&" * 4096


async def test_not_modified_and_429(standin: StandIn, client: Bot) -> None:
    message = await client.send_message(1, "same")
    with pytest.raises(BadRequest, match="not modified"):
        await client.edit_message_text("same", 1, message.message_id)
    standin.fail_next("sendMessage", 429, retry_after=3)
    with pytest.raises(RetryAfter) as caught:
        await client.send_message(1, "hi")
    retry_after = caught.value.retry_after  # a timedelta: conftest sets PTB_TIMEDELTA
    assert isinstance(retry_after, timedelta) and retry_after.total_seconds() == 3
    await client.shutdown()
