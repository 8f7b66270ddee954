"""Export the bundled sentence-transformers model to ONNX (fp32 and int8), once, on this machine.

This is the only module besides the torch backend that imports torch. It writes into a cache folder
named after the source weights' checksum, so a changed model gets a new folder and an unchanged one is
never exported twice. Nothing is downloaded: the weights come from the installed model package.

Why torch.onnx + onnxruntime's own tools rather than optimum: torch is already a dependency (the torch
backend and this export), onnxruntime ships the BERT graph optimizer and dynamic quantizer, and optimum
pins transformers versions that lag the ones sentence-transformers needs; two fewer packages to keep in
step.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from index.errors import NewsdeskError
from index.onnx_files import (
    EXPORT_RECIPE,
    FP32_FILE,
    INFO_FILE,
    INT8_FILE,
    SOURCE_FILES,
    TOKENIZER_FILE,
    ExportInfo,
    export_dir,
    export_lock,
    file_sha256,
    read_export,
)


def cpu_int8_kind() -> str:
    """'avx512_vnni' where the CPU has VNNI dot products, else 'avx2' (no VNNI on this kind of CPU,
    where u8×s8 pair sums can saturate: the quantizer then reduces weight range to 7 bits)."""
    try:
        flags = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return "avx2"
    return "avx512_vnni" if "avx512_vnni" in flags or "avx_vnni" in flags else "avx2"


def source_checksum(model_dir: Path) -> str:
    """Checksum of the weights, tokenizer and pooling config that the export reads."""
    h = hashlib.sha256(EXPORT_RECIPE.encode())
    for name in (*SOURCE_FILES, "1_Pooling/config.json"):
        path = model_dir / name
        if path.exists():
            h.update(name.encode())
            h.update(file_sha256(path).encode())
    return h.hexdigest()[:16]


def check_pooling(model_dir: Path) -> None:
    # The ONNX backend pools in numpy: mean over the attention mask, then L2. Refuse anything else
    # rather than silently produce vectors the torch model would not.
    cfg = json.loads((model_dir / "1_Pooling" / "config.json").read_text(encoding="utf-8"))
    if not cfg.get("pooling_mode_mean_tokens") or any(
        cfg.get(k) for k in ("pooling_mode_cls_token", "pooling_mode_max_tokens")
    ):
        raise NewsdeskError(
            f"{model_dir} does not use mean pooling; only mean-pooled models export to ONNX here: "
            "set NEWSDESK_BACKEND=torch"
        )


def _export_fp32(model_dir: Path, out: Path) -> None:
    import torch
    from transformers import AutoModel

    # Eager attention exports the classic BERT attention pattern, which onnxruntime's optimizer fuses
    # into one Attention op (and the quantizer into QAttention); the SDPA export leaves masking ops
    # (Where, IsNaN) that are 10% of the run time and fuse into nothing.
    model = AutoModel.from_pretrained(str(model_dir), attn_implementation="eager").eval()

    class TokenEmbeddings(torch.nn.Module):
        def __init__(self, inner: torch.nn.Module) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            return self.inner(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state

    ids = torch.ones((2, 16), dtype=torch.int64)
    with torch.no_grad():
        torch.onnx.export(
            TokenEmbeddings(model),
            (ids, torch.ones_like(ids)),
            str(out),
            input_names=["input_ids", "attention_mask"],
            output_names=["token_embeddings"],
            dynamic_axes={
                "input_ids": {0: "batch", 1: "seq"},
                "attention_mask": {0: "batch", 1: "seq"},
                "token_embeddings": {0: "batch", 1: "seq"},
            },
            opset_version=17,
            dynamo=False,
        )


def _optimize(src: Path, out: Path, heads: int, hidden: int) -> None:
    # Fused attention, LayerNorm and GELU: fewer, larger kernels, and the quantizer then sees the
    # fused MatMuls it knows how to quantize.
    from onnxruntime.transformers.optimizer import optimize_model

    opt = optimize_model(str(src), model_type="bert", num_heads=heads, hidden_size=hidden, opt_level=1)
    opt.save_model_to_file(str(out))


@contextmanager
def _quiet_root_logger() -> Iterator[None]:
    # The quantizer logs every tensor at INFO on the root logger, which the CLI sets to INFO.
    root = logging.getLogger()
    level = root.level
    root.setLevel(max(level, logging.WARNING))
    try:
        yield
    finally:
        root.setLevel(level)


def _quantize(src: Path, out: Path, kind: str) -> None:
    from onnx import TensorProto
    from onnxruntime.quantization import QuantType, quantize_dynamic

    with _quiet_root_logger():
        quantize_dynamic(
            str(src),
            str(out),
            weight_type=QuantType.QInt8,
            per_channel=True,
            # Without VNNI, u8×s8 pair sums can saturate 16 bits: 7-bit weights avoid that.
            reduce_range=kind != "avx512_vnni",
            # The fused attention/GELU ops come from onnxruntime's contrib domain, where shape inference
            # gives no output type; their outputs are float.
            extra_options={"DefaultTensorType": TensorProto.FLOAT},
        )


def export_model(model_dir: Path, cache_dir: Path, *, force: bool = False) -> ExportInfo:
    """Export (or find) the ONNX files for the model in `model_dir`; returns what is in the cache."""
    check_pooling(model_dir)
    target = export_dir(cache_dir, model_dir)
    existing = read_export(target)
    if existing is not None and not force:
        return existing
    with export_lock(cache_dir):  # a second exporter waits, then finds the first one's export
        existing = read_export(target)
        if existing is not None and not force:
            return existing
        return _export(model_dir, target)


def _export(model_dir: Path, target: Path) -> ExportInfo:
    checksum = source_checksum(model_dir)
    cfg = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
    kind = cpu_int8_kind()
    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".export-", dir=target.parent))
    try:
        raw = work / "raw.onnx"
        _export_fp32(model_dir, raw)
        _optimize(raw, work / FP32_FILE, int(cfg["num_attention_heads"]), int(cfg["hidden_size"]))
        raw.unlink()
        for leftover in work.glob("raw.onnx*"):
            leftover.unlink()
        _quantize(work / FP32_FILE, work / INT8_FILE, kind)
        shutil.copy2(model_dir / TOKENIZER_FILE, work / TOKENIZER_FILE)
        info = ExportInfo(
            source=str(model_dir),
            source_checksum=checksum,
            recipe=EXPORT_RECIPE,
            int8_kind=kind,
            max_seq_length=_max_seq_length(model_dir),
            dimension=int(cfg["hidden_size"]),
            sha256={name: file_sha256(work / name) for name in (FP32_FILE, INT8_FILE, TOKENIZER_FILE)},
        )
        (work / INFO_FILE).write_text(json.dumps(info.__dict__, indent=2) + "\n", encoding="utf-8")
        if target.exists():
            shutil.rmtree(target)
        work.chmod(0o755)  # mkdtemp makes it private; the export is for every user of the machine
        # One rename: a reader sees no folder or a whole one, never half an export.
        os.replace(work, target)
    finally:
        if work.exists():
            shutil.rmtree(work, ignore_errors=True)
    return info


def _max_seq_length(model_dir: Path) -> int:
    path = model_dir / "sentence_bert_config.json"
    if path.exists():
        return int(json.loads(path.read_text(encoding="utf-8")).get("max_seq_length", 256))
    return 256
