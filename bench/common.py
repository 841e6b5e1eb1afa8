"""Helpers shared by the benchmarks: load average, percentiles, seeded settings, questions, corpora."""

from __future__ import annotations

import json
import os
import platform
import random
import re
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
BRIEF = ROOT / "corpus" / "osw-trump-russia-ukraine-brief.md"
DEV_GOLD = ROOT / "eval" / "gold.jsonl"
ENV = {**os.environ, "HF_HUB_OFFLINE": "1", "ANONYMIZED_TELEMETRY": "False", "PYTHONPATH": str(ROOT)}
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

QUESTIONS = [
    "What does the brief say about sanctions?",
    "What is Trump's approach to Russia?",
    "Who is Lindsey Graham and what legislation did he sponsor?",
    "What are the possible scenarios for the war?",
    "How did Europe respond to the US peace plan?",
    "What concessions did the Kremlin offer?",
    "What role does Steve Witkoff play?",
    "What happened at the Alaska summit?",
    "How does the brief describe Ukraine's position on territory?",
    "What are the hawkish voices in Trump's inner circle pushing for?",
    "Does the US still supply weapons to Ukraine?",
    "What does Moscow want from an agreement?",
    "What is the role of secondary sanctions on buyers of Russian oil?",
    "How does the brief assess the chances of a ceasefire?",
    "What did Trump say about Putin?",
    "What is the European reaction to US policy?",
    "Who wrote the brief?",
    "What are the security guarantees for Ukraine?",
    "How does the administration view NATO?",
    "What economic deals with Russia are mentioned?",
    "What is the recipe for sourdough bread?",  # off-topic: declined
    "Who won the 1998 World Cup?",  # off-topic: declined
]


def questions(count: int, seed: int = 1) -> list[str]:
    """`count` different questions: the list above, then a seeded draw of the dev split's single questions.
    No two are identical, so none is answered from the query embedder's cache of recent texts."""
    dev = sorted({case["question"] for case in map(json.loads, DEV_GOLD.read_text(encoding="utf-8").splitlines()) if case.get("question")})
    random.Random(seed).shuffle(dev)
    distinct = list(dict.fromkeys(QUESTIONS + dev))
    if count > len(distinct):
        raise ValueError(f"at most {len(distinct)} different questions; asked for {count}")
    return distinct[:count]


def load() -> str:
    """The 1/5/15-minute load average: the host is shared, so every figure carries it."""
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def summary(values: list[float]) -> dict[str, float]:
    return {
        "n": len(values),
        "p50": round(percentile(values, 50), 2),
        "p95": round(percentile(values, 95), 2),
        "mean": round(statistics.fmean(values), 2) if values else float("nan"),
        "max": round(max(values), 2) if values else float("nan"),
    }


def machine() -> dict[str, object]:
    cpu = ""
    try:
        cpu = next(
            line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")
        )
    except (OSError, StopIteration):
        cpu = platform.processor()
    memory = ""
    try:
        memory = Path("/proc/meminfo").read_text().splitlines()[0].split(":", 1)[1].strip()
    except OSError:
        pass
    return {"cpu": cpu, "cores": os.cpu_count(), "memory": memory, "python": sys.version.split()[0], "platform": platform.platform()}


def brief_index(tmp: Path):  # noqa: ANN201 (assistant.settings.Settings)
    """Isolated settings under `tmp` with the shipped brief indexed; the index starts with the
    project's embedding cache, so nothing is embedded when `make index` has been run."""
    from assistant.index.build import build_index
    from assistant.index.cache import seed_cache
    from assistant.settings import isolated_settings

    settings = isolated_settings(tmp)
    seed_cache(settings.index_dir, ROOT / "index")
    build_index(settings)
    return settings


def sentences_of_brief() -> list[str]:
    text = re.sub(r"[#*>\[\]]", " ", BRIEF.read_text(encoding="utf-8"))
    return [re.sub(r"\s+", " ", s).strip() for s in re.split(r"(?<=[.!?])\s+", text) if len(s.split()) >= 6]


def recombined_markdown(paragraphs: int, seed: int = 3, sentences_per_paragraph: int = 5, novel: bool = False) -> str:
    """A Markdown document of `paragraphs` paragraphs recombined from the brief's own sentences.

    `novel` swaps about a third of each sentence's words for others from the brief's vocabulary,
    so every sentence is new text (nothing comes from the embedding cache) of realistic length.
    """
    rng = random.Random(seed)
    pool = sentences_of_brief()
    vocabulary = sorted({word for sentence in pool for word in sentence.split()})

    def sentence() -> str:
        words = rng.choice(pool).split()
        return " ".join(rng.choice(vocabulary) if novel and rng.random() < 0.35 else word for word in words)

    lines = ["# Recombined brief text (benchmark corpus)", ""]
    for i in range(paragraphs):
        if i % 20 == 0:
            lines += [f"## Section {i // 20 + 1}", ""]
        lines += [" ".join(sentence() for _ in range(sentences_per_paragraph)), ""]
    return "\n".join(lines)


def run_child(module: str, *args: str, timeout: float = 600) -> str:
    """Run `python -m module args` in a fresh process (cold caches, own peak RSS); its stdout."""
    done = subprocess.run([sys.executable, "-m", module, *args], cwd=ROOT, env=ENV, capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:
        raise RuntimeError(f"{module} {' '.join(args)} failed ({done.returncode}): {done.stderr.strip()[-2000:]}")
    return done.stdout


def peak_rss_mb() -> float:
    import resource

    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
