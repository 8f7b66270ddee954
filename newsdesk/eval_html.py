"""Scoring the HTML loader against the article-extraction benchmark's hand-made gold body text.

The metric is the one scrapinghub/article-extraction-benchmark defines (evaluate.py): texts become
`\\w+` tokens, tokens become 4-token shingles, and per page TP/FP/FN count shingle multiplicities
(normalized so long pages weigh no more than short ones). Precision is averaged over pages with
TP+FP > 0, recall over pages with TP+FN > 0, and F1 is the harmonic mean of those two averages.
Accuracy is the share of pages whose token sequence equals the gold's.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

TOKEN = re.compile(r"\w+", re.UNICODE)
SHINGLE = 4

Counts = tuple[float, float, float]  # (tp, fp, fn), normalized to sum to 1


def tokens(text: str) -> list[str]:
    return TOKEN.findall(text or "")


def shingles(text: str, n: int = SHINGLE) -> Counter[tuple[str, ...]]:
    toks = tokens(text)
    # A text shorter than n tokens is one (short) shingle, as in the benchmark.
    grams = [tuple(toks[i : i + n]) for i in range(max(1, len(toks) - n + 1))]
    return Counter(g for g in grams if g)


def shingle_counts(gold: str, pred: str, n: int = SHINGLE) -> Counts:
    g, p = shingles(gold, n), shingles(pred, n)
    tp = float(sum((g & p).values()))
    fp = float(sum((p - g).values()))
    fn = float(sum((g - p).values()))
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


@dataclass(frozen=True)
class HtmlScore:
    pages: int
    precision: float
    recall: float
    f1: float
    accuracy: float
    failed: int  # pages the loader produced no article for


def score(pairs: Sequence[tuple[str, str]]) -> HtmlScore:
    """(gold, predicted) texts per page → the benchmark's precision, recall, F1 and accuracy."""
    counts = [shingle_counts(g, p) for g, p in pairs]
    ps = [precision(*c) for c in counts if c[0] + c[1] > 0]
    rs = [recall(*c) for c in counts if c[0] + c[2] > 0]
    p = sum(ps) / len(ps) if ps else 0.0
    r = sum(rs) / len(rs) if rs else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    acc = sum(tokens(g) == tokens(t) for g, t in pairs) / len(pairs) if pairs else 0.0
    return HtmlScore(len(pairs), p, r, f1, acc, sum(1 for _, t in pairs if not t))


def load_pages(bench_dir: Path) -> list[dict[str, str]]:
    rows = []
    with (bench_dir / "pages.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rows.append(json.loads(line))
    return rows


def extract_with_loader(path: Path) -> str:
    """The body text the project's HTML loader produces for this page ("" when it gives up)."""
    from corpus.article import Article
    from corpus.load import iter_articles

    return "\n\n".join(item.text for item in iter_articles([path]) if isinstance(item, Article))


def run(
    bench_dir: Path,
    extract: Callable[[Path], str] = extract_with_loader,
    on_progress: Callable[[int, int], None] | None = None,
) -> tuple[HtmlScore, list[dict[str, object]]]:
    """Score every page; also return per-page rows (id, precision, recall) for finding the worst."""
    pages = load_pages(bench_dir)
    pairs, rows = [], []
    for i, page in enumerate(pages, start=1):
        pred = extract(bench_dir / page["html_file"])
        gold = page["gold_text"]
        pairs.append((gold, pred))
        c = shingle_counts(gold, pred)
        rows.append({"id": page["id"], "url": page["url"], "precision": precision(*c), "recall": recall(*c)})
        if on_progress:
            on_progress(i, len(pages))
    return score(pairs), rows


def table(s: HtmlScore) -> str:
    return (
        "| pages | precision | recall | F1 | accuracy (exact) | no text |\n|---:|---:|---:|---:|---:|---:|\n"
        f"| {s.pages} | {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} | {s.accuracy:.3f} | {s.failed} |"
    )
