"""Bot fixtures: the stand-in Bot API server and the real Application polling it over HTTP.

Everything runs in the session event loop (pyproject sets it for fixtures and tests), so the server,
the Application and the test share one loop. The engine is the real one, built once per session from
the bundled corpus (`bundled_engine` in tests/conftest.py); tests that write get their own.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

os.environ.setdefault("PTB_TIMEDELTA", "1")  # before telegram is imported: no RetryAfter deprecation warning

import pytest
from bot_helpers import StartBot, bot_settings, start_polling, stop_polling

from bot.app import App, build_application
from bot.state import Engine
from standin import StandIn

if TYPE_CHECKING:  # the engine's modules load the model's libraries: imported by the fixtures that need them
    from index.embed import Embedder
    from retrieval.service import Newsdesk


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """The developer's NEWSDESK_* / TELEGRAM_* variables must not leak into the bot under test."""
    for name in list(os.environ):
        if name.startswith(("NEWSDESK_", "TELEGRAM_")):
            monkeypatch.delenv(name)


@pytest.fixture
async def standin() -> AsyncIterator[StandIn]:
    server = await StandIn().start()
    yield server
    await server.stop()


@pytest.fixture
async def start_bot(standin: StandIn, bundled_engine: Newsdesk, tmp_path: Path) -> AsyncIterator[StartBot]:
    """start_bot(**settings) -> a running Application (shared bundled engine unless engine= is given)."""
    running: list[App] = []

    async def start(engine: Engine | None = None, **overrides: Any) -> App:
        settings = bot_settings(standin, tmp_path, **overrides)
        application = await start_polling(build_application(settings, engine=engine or bundled_engine))
        running.append(application)
        return application

    yield start
    for application in reversed(running):
        await stop_polling(application)


@pytest.fixture
async def bot(start_bot: StartBot) -> App:
    """The bot with default settings: everyone allowed, no admins."""
    return await start_bot()


@pytest.fixture
def writable_engine(fresh_engine: Newsdesk) -> Newsdesk:
    """An engine of its own (the bundled corpus in a fresh index folder), for tests that ingest."""
    from corpus.bundled import bundled_paths

    fresh_engine.ingest(bundled_paths())
    return fresh_engine


PORTS = ("Odesa", "Chornomorsk", "Pivdennyi", "Izmail", "Reni", "Constanta")


def synthetic_articles() -> list[dict[str, str]]:
    """Twelve long-sentenced reports on one story (a long answer) and one article full of HTML."""
    articles = []
    for i in range(12):
        port = PORTS[i % len(PORTS)]
        long_sentence = (
            f"The ships in the grain corridor convoy number {i + 1} left {port} at dawn carrying "
            f"{30 + i} thousand tonnes of wheat, sailed past the mined coastal waters under naval escort, "
            "reported drone sightings twice during the crossing, slowed to wait for the weather to clear, "
            f"and reached the Bosphorus inspection point {i + 2} days later with every crew member unhurt, "
            "the port authority said in a statement that also thanked the insurers and the escort crews."
        )
        articles.append(
            {
                "id": f"grain-{i + 1:02d}",
                "title": f"Grain corridor convoy report {i + 1}",
                "url": f"https://example.org/grain/{i + 1}",
                "source": "Black Sea Monitor",
                "date": f"2025-04-{i + 1:02d}",
                "text": f"{long_sentence}\n\nThe corridor has stayed open since last summer.",
            }
        )
    articles.append(
        {
            "id": "hostile-01",
            "title": 'Harbour <b>decree</b> & "</a>" tags',
            "url": "https://example.org/odesa?harbour=1&decree=2",
            "source": "Odesa <Herald> & Co",
            "date": "2025-03-03",
            "text": (
                "The Odesa mayor wrote <b>never again</b> & signed </a> the harbour decree on March 3, "
                "city hall said.\n\nThe decree closes the old harbour to cargo ships."
            ),
        }
    )
    return articles


@pytest.fixture(scope="session")
def synthetic_engine(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> Iterator[Newsdesk]:
    """A read-only engine over the synthetic articles (long answers, HTML in titles and text)."""
    import json

    from tests.conftest import open_test_engine

    folder = tmp_path_factory.mktemp("bot-synthetic")
    archive = folder / "synthetic.jsonl"
    archive.write_text("".join(json.dumps(a) + "\n" for a in synthetic_articles()), encoding="utf-8")
    engine = open_test_engine(folder / "index", embedder)
    summary = engine.ingest([archive])
    assert summary.added == 13 and summary.failed == 0, summary
    yield engine
    engine.close()
