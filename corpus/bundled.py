"""The small corpus shipped with the package: two Kyiv Independent articles, as scraped, with front matter.

They are loaded like any user file (`iter_articles(bundled_paths())`), so they exercise the cleaner.
"""

from __future__ import annotations

from pathlib import Path

BUNDLED_DIR: Path = Path(__file__).resolve().parent / "data"
_FORMATS = (".txt", ".md")


def bundled_paths() -> list[Path]:
    """The bundled article files, sorted by name (empty if the data folder was not installed)."""
    if not BUNDLED_DIR.is_dir():
        return []
    return sorted(p for p in BUNDLED_DIR.iterdir() if p.suffix in _FORMATS and not p.name.startswith("."))
