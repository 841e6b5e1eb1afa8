"""Unit tests of the eval metrics and gold loading: plain values, no model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eval import metrics
from eval.gold import GOLD_PATH, GoldError, load_gold, parse_case

BRIEF = Path(__file__).resolve().parent.parent / "corpus" / "osw-trump-russia-ukraine-brief.md"


def test_overlap_is_half_open() -> None:
    assert metrics.overlaps((0, 10), (9, 20))
    assert not metrics.overlaps((0, 10), (10, 20))


def test_recall_mrr_and_ndcg() -> None:
    gold = [(100, 150), (400, 450)]
    passages = [(0, 90), (120, 300), None, (420, 500)]
    assert metrics.recall_at_k(passages, gold, 1) == 0.0
    assert metrics.recall_at_k(passages, gold, 3) == 0.5
    assert metrics.recall_at_k(passages, gold, 5) == 1.0
    assert metrics.reciprocal_rank(passages, gold) == 0.5
    ideal = 1 + 1 / 1.5849625007211563
    assert metrics.ndcg_at_k(passages, gold, 5) == pytest.approx((1 / 1.5849625007211563 + 1 / 2.321928094887362) / ideal)
    assert metrics.ndcg_at_k([(100, 150), (400, 450)], gold, 5) == pytest.approx(1.0)


def test_ndcg_does_not_credit_one_span_twice() -> None:
    gold = [(100, 200)]
    assert metrics.ndcg_at_k([(90, 150), (150, 210)], gold) == pytest.approx(1.0)
    assert metrics.ndcg_at_k([(0, 10), (90, 150)], gold) == pytest.approx(1 / 1.5849625007211563)


def test_fact_coverage_accepts_alternatives_and_curly_quotes() -> None:
    answer = "Witkoff and Jared Kushner, Trump’s son-in-law, drafted it. [1]"
    assert metrics.fact_coverage(answer, [["Witkoff"], ["Kushner"]]) == 1.0
    assert metrics.fact_coverage(answer, [["Dmitriev", "Trump's son-in-law"], ["Rubio"]]) == 0.5


def test_answer_sentences_and_citation_support() -> None:
    sentences = metrics.answer_sentences("Vance is sceptical of support. [1] He has a protégé, Driscoll. [2]")
    assert sentences == [("Vance is sceptical of support.", [1]), ("He has a protégé, Driscoll.", [2])]
    assert metrics.citation_support("Vance is sceptical of support.", "J.D. Vance, who is sceptical of providing support to Ukraine")
    assert not metrics.citation_support("Rubio favours sanctions on oil.", "J.D. Vance, who is sceptical of providing support")


def test_quote_validity_needs_both_exact_spans() -> None:
    document = "Intro. The quote is here. Outro."
    chunk_text = document[7:26]
    assert metrics.quote_valid(chunk_text, 4, 9, "quote", document, 7, 26)
    assert not metrics.quote_valid(chunk_text, 4, 9, "quotes", document, 7, 26)
    assert not metrics.quote_valid(chunk_text, 4, 9, "quote", document, 6, 25)


def test_standalone_check_and_percentiles() -> None:
    assert metrics.standalone_ok("When did Steve Witkoff visit Russia?", [["Witkoff"]])
    assert not metrics.standalone_ok("When did he visit Russia?", [["Witkoff"]])
    assert metrics.percentile([1, 2, 3, 4], 50) == 2.5
    assert metrics.percentile([], 95) == 0.0


def test_gold_file_is_valid_and_covers_the_categories() -> None:
    gold = load_gold(GOLD_PATH, BRIEF.read_text(encoding="utf-8"))
    categories = {case.category for case in gold.cases}
    assert len(gold.cases) >= 60
    assert {"actors", "phases", "scenarios", "motives", "sources", "follow-ups", "out-of-scope"} <= categories
    assert sum(case.is_follow_up for case in gold.cases) >= 8
    assert sum(not case.answerable for case in gold.cases) >= 10
    brief = BRIEF.read_text(encoding="utf-8")
    for case in gold.cases:
        for text, (start, end) in zip(case.evidence, case.spans):
            assert brief[start:end] == text


def test_gold_rejects_evidence_not_in_the_brief(tmp_path: Path) -> None:
    record = {"id": "x", "category": "actors", "question": "Who?", "evidence": ["not in the brief"], "facts": [["a"]]}
    with pytest.raises(GoldError, match="not found verbatim"):
        parse_case(record, "some brief text")
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps({**record, "evidence": ["brief"]}) + "\n" + json.dumps({**record, "evidence": ["brief"]}) + "\n")
    with pytest.raises(GoldError, match="duplicate id"):
        load_gold(path, "some brief text")


def test_follow_up_needs_expected_standalone() -> None:
    record = {"id": "f", "category": "follow-ups", "turns": ["Who is A?", "And B?"], "evidence": ["brief"], "facts": [["a"]]}
    with pytest.raises(GoldError, match="expected_standalone"):
        parse_case(record, "brief")
