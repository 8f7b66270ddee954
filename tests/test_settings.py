"""Configuration: .env.example documents every field; values parse the way operators write them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsdesk.settings import DEFAULT_INDEX_DIR, Settings

ROOT = Path(__file__).resolve().parents[1]


def test_env_example_lists_every_field() -> None:
    text = (ROOT / ".env.example").read_text(encoding="utf-8")
    names = set(re.findall(r"^([A-Z_]+)=", text, flags=re.MULTILINE))
    for field in Settings.model_fields:
        env = "TELEGRAM_BOT_TOKEN" if field == "telegram_bot_token" else f"NEWSDESK_{field.upper()}"
        assert env in names, f"{env} missing from .env.example"


def test_env_example_as_env_file_gives_defaults(tmp_path: Path) -> None:
    env = tmp_path / ".env"
    env.write_text((ROOT / ".env.example").read_text(encoding="utf-8"), encoding="utf-8")
    s = Settings(_env_file=env)
    assert s.index_dir == DEFAULT_INDEX_DIR
    assert s.telegram_bot_token is None
    assert s.admins == []


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("123", [123]), ("1, -1002, 3", [1, -1002, 3]), ("[4,5]", [4, 5]), ("", [])],
)
def test_id_lists_parse_comma_separated(
    raw: str, expected: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSDESK_ADMINS", raw)
    assert Settings(_env_file=None).admins == expected


def test_token_is_secret_and_read_from_plain_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123:SECRET")
    s = Settings(_env_file=None)
    assert s.telegram_bot_token is not None
    assert s.telegram_bot_token.get_secret_value() == "123:SECRET"
    assert "SECRET" not in repr(s) and "SECRET" not in str(s.model_dump())
