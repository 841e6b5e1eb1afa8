"""Load: 500 questions from 8 threads against one Assistant, all answered, memory reported."""

from __future__ import annotations

import resource
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from corpus_checks import assert_quotes_in_corpus

from assistant.facade import Assistant

QUESTIONS = [
    "Who is Steve Witkoff?",
    "Why was Keith Kellogg marginalised?",
    "What role did Jared Kushner play?",
    "What happens in the negative scenario?",
    "What did the Harvard CAPS Harris poll show?",
    "What sanctions were imposed on Rosneft and Lukoil?",
    "What is the 28-point peace plan?",
    "What is the recipe for Neapolitan pizza?",
]


def _peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _rss_mib() -> float:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * resource.getpagesize() / 2**20


@pytest.mark.slow
def test_500_questions_from_8_threads(assistant: Assistant) -> None:
    assistant.ask("warm up")
    before_peak, before = _peak_rss_mib(), _rss_mib()
    started = time.perf_counter()

    def one(i: int) -> tuple[bool, bool]:
        answer = assistant.ask(QUESTIONS[i % len(QUESTIONS)], f"load-{i % 40}")
        assert_quotes_in_corpus(answer.citations, assistant.settings)
        return answer.declined, bool(answer.citations)

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(one, range(500)))
    seconds = time.perf_counter() - started
    after_peak, after = _peak_rss_mib(), _rss_mib()
    print(f"\nload: 500 questions in {seconds:.1f} s ({500 / seconds:.1f}/s); RSS {before:.0f} -> {after:.0f} MiB, "
          f"peak RSS {before_peak:.0f} -> {after_peak:.0f} MiB")
    assert len(results) == 500
    assert sum(1 for declined, cited in results if cited and not declined) >= 500 * 6 // 8
    assert after - before < 300, "memory stays bounded under load"
