"""`newsdesk serve` as a child process against the stand-in: polling and webhook, stopped by SIGTERM."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
import time
from pathlib import Path

import pytest
from bot_helpers import CARD_QUESTION, replying_to

from standin import StandIn

STARTUP = 120.0  # seconds: the child loads the model and builds its index from the bundled corpus


def serve_command() -> list[str]:
    script = Path(sys.executable).parent / "newsdesk"
    return [str(script), "serve"] if script.exists() else [sys.executable, "-m", "newsdesk.cli", "serve"]


@pytest.mark.parametrize("mode", ["polling", "webhook"])
async def test_serve_answers_and_stops_cleanly_on_sigterm(
    standin: StandIn, tmp_path: Path, mode: str
) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEWSDESK_", "TELEGRAM_"))}
    env |= {
        "TELEGRAM_BOT_TOKEN": standin.token,
        "NEWSDESK_TELEGRAM_BASE_URL": standin.base_url,
        "NEWSDESK_TELEGRAM_BASE_FILE_URL": standin.base_file_url,
        "NEWSDESK_INDEX_DIR": str(tmp_path / "index"),
        "NEWSDESK_LOG_LEVEL": "DEBUG",
        "PTB_TIMEDELTA": "1",
    }
    if mode == "webhook":
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        env |= {
            "NEWSDESK_WEBHOOK_URL": f"http://127.0.0.1:{port}/hook",
            "NEWSDESK_WEBHOOK_PORT": str(port),
            "NEWSDESK_WEBHOOK_SECRET": "child-secret-123",
        }
    child = await asyncio.create_subprocess_exec(
        *serve_command(),
        env=env,
        cwd=tmp_path,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    assert child.stdout and child.stderr
    drains = (
        asyncio.create_task(child.stdout.read()),
        asyncio.create_task(child.stderr.read()),
    )  # never block it
    try:
        await standin.wait_for("getUpdates" if mode == "polling" else "setWebhook", timeout=STARTUP)
        user = standin.user(1001)
        question = standin.send_text(standin.private_chat(user), user, CARD_QUESTION)
        (reply,) = await standin.wait_for("sendMessage", replying_to(question), timeout=30)
        assert "[1]" in reply.params["text"]
        if mode == "webhook":
            assert standin.webhook_secret == "child-secret-123"

        stopping = time.monotonic()
        child.send_signal(signal.SIGTERM)
        await asyncio.wait_for(child.wait(), timeout=5)
        assert time.monotonic() - stopping < 5
    finally:
        if child.returncode is None:
            child.kill()
            await child.wait()
    log = (await drains[1]).decode(errors="replace") + (await drains[0]).decode(errors="replace")
    assert child.returncode == 0, log[-3000:]
    assert standin.token not in log and "child-secret-123" not in log
    assert "Stopped" in log
