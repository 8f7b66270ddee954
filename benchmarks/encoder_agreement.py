"""How often the int8 encoder picks the same passages as torch fp32 (dense retrieval alone).

Quiz questions against the first passages of the Ukraine/Russia corpus, chunked as ingest chunks them;
each backend ranks the passages by cosine; prints top-1 agreement and top-10 overlap:

    .venv/bin/python benchmarks/encoder_agreement.py [N_PASSAGES] [N_QUESTIONS]
"""

from __future__ import annotations

import sys

import numpy as np

from index.embed import load_embedder, use_threads
from newsdesk.bench import QUIZ, UKRAINE, quiz_questions
from newsdesk.bench_encode import passage_texts


def main(n_passages: int, n_questions: int) -> None:
    use_threads(2)
    backends = {"torch": load_embedder("torch"), "onnx-int8": load_embedder("onnx-int8")}
    texts = passage_texts(UKRAINE, n_passages, backends["torch"])
    questions = [q for q, _ in quiz_questions(QUIZ, n_questions)]
    order = {}
    for name, emb in backends.items():
        passages = emb.encode(texts)
        queries = np.vstack([emb.encode_query(q) for q in questions])
        order[name] = np.argsort(-(queries @ passages.T), axis=1)
    ref, got = order["torch"], order["onnx-int8"]
    top1 = float(np.mean(ref[:, 0] == got[:, 0]))
    top10 = float(np.mean([len(set(a[:10]) & set(b[:10])) / 10 for a, b in zip(ref, got, strict=True)]))
    print(
        f"{len(questions)} questions x {len(texts)} passages: "
        f"top-1 agreement {top1:.3f}, top-10 overlap {top10:.3f}"
    )


if __name__ == "__main__":
    args = [int(a) for a in sys.argv[1:3]]
    main(*(args + [2048, 250][len(args) :]))
