"""Load benchmark for the Telegram bot (a benchmark, not a test).

Pushes QUESTIONS questions from USERS users (private chats) at once through the stand-in Bot API server
(tests/bot/telegram_standin.py) to the real, running bot (real Application, real engine over the bundled
corpus), then prints how many were answered and the latency from the update being queued to the
answer's sendMessage (p50, p95, max).

    .venv/bin/python benchmarks/bot_load.py                      # 200 questions, 50 users
    .venv/bin/python benchmarks/bot_load.py --flood-limit 0      # without the 30 requests/s limiter

By default the bot runs exactly as in production: AIORateLimiter holds every request that names a chat
to Telegram's 30 per second, and each question costs two (the "typing…" action and the answer), so
200 questions need at least ~13 s of requests. `--flood-limit 0` removes that limiter to show the
bot's own capacity (search off the event loop, concurrent updates).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("PTB_TIMEDELTA", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "bot")]

from telegram.ext import AIORateLimiter  # noqa: E402
from telegram_standin import Call, StandIn  # noqa: E402

from bot.app import build_application  # noqa: E402
from newsdesk.settings import Settings  # noqa: E402

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


def open_engine(index_dir: Path) -> Any:
    from corpus.bundled import bundled_paths
    from retrieval.service import Newsdesk

    return Newsdesk.open(index_dir, build_from=bundled_paths())


async def run(users: int, questions: int, flood_limit: float, index_dir: Path, scratch: Path) -> int:
    standin = await StandIn().start()
    engine = await asyncio.to_thread(open_engine, index_dir)
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        TELEGRAM_BOT_TOKEN=standin.token,
        telegram_base_url=standin.base_url,
        telegram_base_file_url=standin.base_file_url,
        index_dir=index_dir,
        feedback_db=scratch / "feedback.sqlite3",
        rate_limit_per_minute=max(10, questions // users + 1),
    )
    limiter = AIORateLimiter(overall_max_rate=flood_limit, max_retries=3)  # 0 = no overall limit
    application = build_application(settings, engine=engine, rate_limiter=limiter)
    await application.initialize()
    assert application.post_init and application.updater
    await application.post_init(application)
    await application.updater.start_polling(poll_interval=0.0)
    await application.start()
    engine.ask(QUESTIONS[0])  # warm the model up, as a running bot would be

    people = [standin.user(10_000 + i, f"Reporter{i}") for i in range(users)]
    started = time.monotonic()
    asked: dict[tuple[int, int], float] = {}
    for n in range(questions):
        person = people[n % users]
        message = standin.message(standin.private_chat(person), person, QUESTIONS[n % len(QUESTIONS)])
        update = standin.push({"message": message})
        asked[(person["id"], message["message_id"])] = standin.pushed_at[update["update_id"]]

    def answered(call: Call) -> tuple[int, int] | None:
        reply = call.params.get("reply_parameters") or {}
        key = (call.params.get("chat_id"), reply.get("message_id"))
        return key if key in asked and call.status == 200 else None  # type: ignore[return-value]

    try:
        await standin.wait_for("sendMessage", lambda c: answered(c) is not None, count=questions, timeout=300)
    except TimeoutError:
        pass
    elapsed = time.monotonic() - started
    latencies = {}
    for call in standin.calls_of("sendMessage"):
        key = answered(call)
        if key is not None and key not in latencies:
            latencies[key] = call.at - asked[key]
    await application.updater.stop()
    await application.stop()
    assert application.post_shutdown
    await application.post_shutdown(application)
    await application.shutdown()
    engine.close()
    await standin.stop()

    values = list(latencies.values())
    limit = f"{flood_limit:g} requests/s (AIORateLimiter)" if flood_limit else "off"
    print(f"users {users}, questions {questions}, flood limit {limit}")
    print(f"answered: {len(values)}/{questions} in {elapsed:.1f} s ({len(values) / elapsed:.1f} answers/s)")
    if values:
        print(
            f"update -> sendMessage: p50 {1000 * statistics.median(values):.0f} ms, "
            f"p95 {1000 * percentile(values, 0.95):.0f} ms, max {1000 * max(values):.0f} ms"
        )
    return 0 if len(values) == questions else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--questions", type=int, default=200)
    parser.add_argument(
        "--flood-limit", type=float, default=30, help="requests/s for AIORateLimiter; 0 = off"
    )
    parser.add_argument("--index-dir", type=Path, help="an index folder to use (default: a temporary one)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="newsdesk-bot-load-") as folder:
        index_dir = args.index_dir or Path(folder) / "index"
        return asyncio.run(run(args.users, args.questions, args.flood_limit, index_dir, Path(folder)))


if __name__ == "__main__":
    sys.exit(main())
