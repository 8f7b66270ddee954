"""The one ranking configuration: a file changes weights, a changed weight changes a ranking, and
`newsdesk eval --config` measures it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from retrieval.config import DEFAULT_CONFIG, RankingConfig, load_config
from retrieval.errors import NewsdeskError
from retrieval.query import parse_query
from retrieval.rank import Candidate, distinct_articles, rank

ROOT = Path(__file__).resolve().parents[1]
TODAY = date(2022, 6, 10)


def _first(config: RankingConfig) -> str:
    # "strong-text" is the closer passage by cosine; "headline" has the question's words in its title.
    candidates = [
        Candidate(1, "strong-text", "Some text.", None, 0.62, dense_rank=0, title="Unrelated page"),
        Candidate(2, "headline", "Some text.", None, 0.60, dense_rank=1, title="Kyiv grain exports resume"),
    ]
    query = parse_query("when did grain exports from Kyiv resume?", TODAY)
    return distinct_articles(rank(candidates, query, config), 1)[0].article_id


def test_a_changed_weight_changes_the_ranking() -> None:
    assert _first(DEFAULT_CONFIG) == "headline"
    assert _first(replace(DEFAULT_CONFIG, title_weight=0.0)) == "strong-text"


@pytest.mark.parametrize(
    ("name", "body"),
    [
        ("w.toml", "title_weight = 0.0\ncandidates = 80\n"),
        ("w.json", '{"title_weight": 0, "candidates": 80}'),
    ],
)
def test_a_file_replaces_only_the_fields_it_names(tmp_path: Path, name: str, body: str) -> None:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    config = load_config(path)
    assert config.title_weight == 0.0 and config.candidates == 80
    assert replace(config, title_weight=DEFAULT_CONFIG.title_weight, candidates=60) == DEFAULT_CONFIG


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('{"title_wieght": 0.1}', r"unknown field\(s\) title_wieght; valid: .*title_weight"),
        ('{"candidates": 1.5}', "candidates must be a whole number"),
        ('{"lede_weight": "high"}', "lede_weight must be a number"),
        ("[1, 2]", "one object of field = value pairs"),
        ("{not json", "is not valid json"),
    ],
)
def test_a_bad_file_is_refused_with_what_to_fix(tmp_path: Path, body: str, message: str) -> None:
    path = tmp_path / "w.json"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(NewsdeskError, match=message):
        load_config(path)


def test_eval_config_changes_what_eval_measures(tmp_path: Path) -> None:
    """The bundled eval with the defaults quotes the answer; with the not-found threshold raised to
    0.99 and no statements read (a config file), every question is declined, so no first citation
    holds an answer."""
    strict = tmp_path / "strict.toml"
    strict.write_text("min_score = 0.99\nsaid_limit = 0\nsaid_articles = 0\n", encoding="utf-8")
    env = os.environ | {"NEWSDESK_INDEX_DIR": str(tmp_path / "index"), "NEWSDESK_LOG_LEVEL": "WARNING"}
    hit = {}
    for label, extra in (("defaults", []), ("strict", ["--config", str(strict)])):
        r = subprocess.run(
            [sys.executable, "-m", "newsdesk.cli", "eval", "tests/data/eval_bundled.jsonl", "--json", *extra],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert r.returncode == 0, r.stderr
        out = json.loads(r.stdout)
        hit[label] = out["metrics"]["newsdesk"]["all"]["answer_hit1"]
    assert hit["defaults"] > 0.5
    assert hit["strict"] == 0.0
