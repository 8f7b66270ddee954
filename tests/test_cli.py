"""The command line as a user runs it: real subprocesses, real index folders."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# The fields citations always had, and the speaker and statement date statements added.
KEYS = {"rank", "article_id", "title", "source", "published", "url", "quote", "passage", "score"} | {
    "speaker",
    "statement_date",
}


def run(index_dir: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = os.environ | {"NEWSDESK_INDEX_DIR": str(index_dir), "NEWSDESK_LOG_LEVEL": "WARNING"}
    env.pop("TELEGRAM_BOT_TOKEN", None)
    return subprocess.run(
        [sys.executable, "-m", "newsdesk.cli", *args],
        env=env,
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cli-index")


def test_ask_json_builds_the_index_from_the_bundled_corpus_and_answers(index_dir: Path) -> None:
    r = run(index_dir, "ask", "--json", "what did China say on May 27?")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert set(out) == {
        "question",
        "answered",
        "citations",
        "reason",
        "message",
        "nearest",
        "suggestion",
        "support",
    }
    assert out["answered"] is True and out["reason"] == "answered" and out["nearest"] == []
    assert out["message"] == out["citations"][0]["quote"]
    assert set(out["citations"][0]) == KEYS
    assert out["citations"][0]["article_id"] == "000_ae7840efd1dddaa5"
    assert out["citations"][0]["published"] == "2025-05-27"


@pytest.mark.parametrize(
    ("question", "reason", "message"),
    [
        ("What did NATO decide at its 2030 summit?", "out-of-range date", "nothing in it is dated 2030"),
        (
            "Who is Vasyl Kovalchuk-Dorosh?",
            "unknown name",
            "Kovalchuk-Dorosh.",
        ),
    ],
)
def test_ask_json_says_why_it_declines(index_dir: Path, question: str, reason: str, message: str) -> None:
    out = json.loads(run(index_dir, "ask", "--json", question).stdout)
    assert out["answered"] is False and out["citations"] == []
    assert out["reason"] == reason
    assert message in out["message"]


def test_ask_reads_questions_from_stdin_one_object_a_line(index_dir: Path) -> None:
    r = run(
        index_dir,
        "ask",
        "--json",
        "-",
        stdin="what did China say on May 27?\n\nwhat did China say on July 27?\n",
    )
    assert r.returncode == 0, r.stderr
    lines = [json.loads(x) for x in r.stdout.splitlines()]
    assert [x["citations"][0]["article_id"] for x in lines] == [
        "000_ae7840efd1dddaa5",
        "003_b34fa6a59ba2dcd6",
    ]


def test_readable_answer_shows_quote_and_numbered_citation(index_dir: Path) -> None:
    r = run(index_dir, "ask", "What did Wang Yi tell Blinken about sanctions?")
    assert r.returncode == 0, r.stderr
    assert "[1] " in r.stdout and "Kyiv Independent, 27 July 2024" in r.stdout
    assert "“" in r.stdout


def test_stats_and_inspect(index_dir: Path) -> None:
    r = run(index_dir, "stats", "--json")
    assert r.returncode == 0, r.stderr
    stats = json.loads(r.stdout)
    assert stats["articles"] == 2 and stats["chunks"] >= 4 and stats["model"] == "all-MiniLM-L6-v2"
    r = run(index_dir, "inspect", "--json", "000_ae7840efd1dddaa5")
    assert r.returncode == 0, r.stderr
    art = json.loads(r.stdout)
    assert art["published"] == "2025-05-27"
    assert any(d["start"] == "2025-05-27" for c in art["chunks"] for d in c["dates"])
    # Its statements: who spoke (the pronoun resolved), for whom, and when.
    mao = [s for s in art["statements"] if s["canonical"] == "Mao Ning"]
    assert mao and all(s["affiliations"] == ["china"] for s in mao)
    assert any(s["speaker"] == "she" for s in mao)
    zelensky = next(s for s in art["statements"] if "Zelensky" in s["canonical"])
    assert zelensky["statement_date"] == "2025-04-17" and not zelensky["date_inferred"]


def test_quote_and_timeline_json(index_dir: Path) -> None:
    r = run(index_dir, "quote", "--json", "groundless accusations")
    assert r.returncode == 0, r.stderr
    rows = [json.loads(line) for line in r.stdout.splitlines()]
    assert rows and {
        "article_id",
        "published",
        "statement_date",
        "speaker",
        "quote",
        "title",
        "source",
        "url",
    } <= set(rows[0])
    assert all("groundless accusations" in row["quote"].lower() for row in rows)
    r = run(index_dir, "timeline", "--json", "Mao Ning")
    assert r.returncode == 0, r.stderr
    rows = [json.loads(line) for line in r.stdout.splitlines()]
    assert rows and all(row["speaker"] == "Mao Ning" for row in rows)
    assert [row["statement_date"] for row in rows] == sorted(row["statement_date"] for row in rows)
    r = run(index_dir, "timeline", "Nobody Atall")
    assert r.returncode == 0 and "No statements by" in r.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("ask", "   "), "empty question"),
        (("inspect", "no-such-id"), "no article with id"),
        (("ingest", "/no/such/folder"), "no such file"),
    ],
)
def test_errors_are_one_clear_line_without_traceback(
    index_dir: Path, args: tuple[str, ...], message: str
) -> None:
    r = run(index_dir, *args)
    assert r.returncode != 0
    assert message in r.stderr
    assert "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_model_mismatch_is_one_line_with_the_fix(tmp_path: Path, index_dir: Path) -> None:
    run(index_dir, "stats")  # the module index exists by now
    bad = tmp_path / "idx"
    bad.mkdir()
    manifest = json.loads((index_dir / "manifest.json").read_text())
    (bad / "manifest.json").write_text(json.dumps(manifest | {"model": "other-model", "dimension": 768}))
    r = run(bad, "ask", "what did China say?")
    assert r.returncode != 0
    assert "other-model" in r.stderr and "newsdesk ingest --rebuild" in r.stderr
    assert "Traceback" not in r.stderr


def test_ingest_reports_bad_lines_and_keeps_the_rest(tmp_path: Path) -> None:
    f = tmp_path / "a.jsonl"
    good = {"id": "x1", "title": "Grain", "date": "2024-02-02", "text": "Grain exports rose through Odesa."}
    f.write_text(json.dumps(good) + "\nnot json at all\n")
    r = run(tmp_path / "idx", "ingest", str(f))
    assert r.returncode == 1  # something failed: say so in the exit code
    assert "1 added" in r.stdout and "1 failed" in r.stdout and "a.jsonl:2" in r.stdout
