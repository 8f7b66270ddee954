"""Load benchmark for the Telegram bot (a benchmark, not a test).

Pushes QUESTIONS questions from USERS users (each in a private chat) at once through the stand-in Bot API
server (the standin package) to the running bot, and prints how many were answered and the
latency from the update being queued at the stand-in to the answer's sendMessage (p50, p95, max).

    .venv/bin/python benchmarks/bot_load.py                   # `newsdesk serve` in a child process
    .venv/bin/python benchmarks/bot_load.py --in-process      # the Application in this process
    .venv/bin/python benchmarks/bot_load.py --in-process --flood-limit 0   # without the 30/s limiter
    .venv/bin/python benchmarks/bot_load.py --index /work/rtqa-index \
        --from ../shared/corpora/realtimeqa/questions.jsonl   # an existing index, its own quiz questions

By default the bot is the production path: `newsdesk serve` (run_polling, the real engine over the
bundled corpus in a temporary index, FloodLimiter), so the stand-in's own work is not charged to the
bot. Telegram's limit of 30 messages a second caps 200 answers at about 6.7 s in any case.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from standin import Call, StandIn

os.environ.setdefault("PTB_TIMEDELTA", "1")  # before telegram is imported (by --in-process)

QUESTIONS = (
    "What did China say on May 27?",
    "What did Wang Yi tell Blinken on July 27?",
    "Did China deny supplying Russia?",
    "Who is Mao Ning?",
    "What did Ukraine's intelligence chief say about Chinese components?",
    "How much of the drone electronics came from China?",
    "Where did Wang Yi and Blinken meet?",
    "What does China say about dual-use goods?",
)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def env_for(standin: StandIn, index_dir: Path) -> dict[str, str]:
    # The caller's NEWSDESK_LEXICAL_ENGINE passes through, to compare tantivy with FTS5.
    kept = ("NEWSDESK_LEXICAL_ENGINE",)
    env = {k: v for k, v in os.environ.items() if k in kept or not k.startswith(("NEWSDESK_", "TELEGRAM_"))}
    return env | {
        "TELEGRAM_BOT_TOKEN": standin.token,
        "NEWSDESK_TELEGRAM_BASE_URL": standin.base_url,
        "NEWSDESK_TELEGRAM_BASE_FILE_URL": standin.base_file_url,
        "NEWSDESK_INDEX_DIR": str(index_dir),
        "NEWSDESK_LOG_LEVEL": "WARNING",
        "PTB_TIMEDELTA": "1",
    }


@contextlib.asynccontextmanager
async def child_bot(standin: StandIn, folder: Path, index_dir: Path) -> Any:
    """`newsdesk serve` against the stand-in, stopped with SIGTERM afterwards."""
    script = Path(sys.executable).parent / "newsdesk"
    command = [str(script), "serve"] if script.exists() else [sys.executable, "-m", "newsdesk.cli", "serve"]
    child = await asyncio.create_subprocess_exec(*command, env=env_for(standin, index_dir), cwd=folder)
    try:
        await standin.wait_for("getUpdates", timeout=300)
        yield
    finally:
        child.send_signal(signal.SIGTERM)
        await asyncio.wait_for(child.wait(), timeout=30)


@contextlib.asynccontextmanager
async def in_process_bot(standin: StandIn, index_dir: Path, flood_limit: float) -> Any:
    """The Application in this process, started the way the tests start it.

    No engine is passed in: post_init opens it as `newsdesk serve` does (building the bundled corpus into
    the empty index) and post_shutdown closes it.
    """
    from bot.app import build_application
    from bot.flood import FloodLimiter
    from newsdesk.settings import Settings

    settings = Settings(
        _env_file=None,
        TELEGRAM_BOT_TOKEN=standin.token,
        telegram_base_url=standin.base_url,
        telegram_base_file_url=standin.base_file_url,
        index_dir=index_dir,
    )
    application = build_application(settings, rate_limiter=FloodLimiter(flood_limit))
    await application.initialize()
    assert application.post_init and application.post_shutdown and application.updater
    await application.post_init(application)
    await application.updater.start_polling(poll_interval=0.0)
    await application.start()
    try:
        yield
    finally:
        await application.updater.stop()
        await application.stop()
        await application.post_shutdown(application)
        await application.shutdown()


async def ask_all(
    standin: StandIn, users: int, questions: int, texts: tuple[str, ...] = QUESTIONS
) -> tuple[list[float], float]:
    """One warm-up question, then the burst; the latencies of the answers and the burst's duration."""
    warm = standin.user(9_999)
    first = standin.send_text(standin.private_chat(warm), warm, texts[0])
    await standin.wait_for("sendMessage", lambda c: c.params.get("chat_id") == warm["id"], timeout=120)

    people = [standin.user(10_000 + i, f"Reporter{i}") for i in range(users)]
    asked: dict[tuple[int, int], float] = {}
    started = time.monotonic()
    for n in range(questions):
        person = people[n % users]
        message = standin.message(standin.private_chat(person), person, texts[n % len(texts)])
        update = standin.push({"message": message})
        asked[(person["id"], message["message_id"])] = standin.pushed_at[update["update_id"]]
    assert first

    def answered(call: Call) -> bool:
        reply = call.params.get("reply_parameters") or {}
        return (call.params.get("chat_id"), reply.get("message_id")) in asked

    with contextlib.suppress(TimeoutError):
        await standin.wait_for("sendMessage", answered, count=questions, timeout=300)
    elapsed = time.monotonic() - started
    latencies: dict[tuple[int, int], float] = {}
    for call in standin.calls_of("sendMessage", answered):
        key = (call.params["chat_id"], call.params["reply_parameters"]["message_id"])
        latencies.setdefault(key, call.at - asked[key])
    return list(latencies.values()), elapsed


async def run(args: argparse.Namespace) -> int:
    standin = await StandIn().start()
    with tempfile.TemporaryDirectory(prefix="newsdesk-bot-load-") as name:
        folder = Path(name)
        index_dir = args.index or folder / "index"
        texts = QUESTIONS
        if args.source:
            rows = [json.loads(line) for line in args.source.read_text(encoding="utf-8").splitlines()]
            texts = tuple(r["question"] for r in rows if r.get("question"))[: args.questions]
        bot = (
            in_process_bot(standin, index_dir, args.flood_limit)
            if args.in_process
            else child_bot(standin, folder, index_dir)
        )
        async with bot:
            values, elapsed = await ask_all(standin, args.users, args.questions, texts)
    await standin.stop()

    where = "in process" if args.in_process else "`newsdesk serve` child process"
    limit = f"{args.flood_limit:g}/s" if args.in_process and args.flood_limit else "30/s"
    limit = "off" if args.in_process and not args.flood_limit else limit
    print(f"bot: {where}; users {args.users}, questions {args.questions}, flood limit {limit}")
    print(
        f"answered: {len(values)}/{args.questions} in {elapsed:.1f} s ({len(values) / elapsed:.1f} answers/s)"
    )
    if values:
        print(
            f"update -> sendMessage: p50 {1000 * statistics.median(values):.0f} ms, "
            f"p95 {1000 * percentile(values, 0.95):.0f} ms, max {1000 * max(values):.0f} ms"
        )
    return 0 if len(values) == args.questions else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--questions", type=int, default=200)
    parser.add_argument("--in-process", action="store_true", help="run the Application in this process")
    parser.add_argument("--index", type=Path, help="an existing index (default: the bundled corpus, built)")
    parser.add_argument("--from", dest="source", type=Path, help="JSONL of questions (a 'question' each)")
    parser.add_argument(
        "--flood-limit", type=float, default=30, help="with --in-process: requests/s, 0 = off"
    )
    return asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    sys.exit(main())
