"""Cost of verification: what the deterministic checks add to a 4-sentence answer, and the warm
extractive p95 with verification in place. The checks are timed three times: with every parse forgotten,
on every evidence candidate (the most they can cost) and as the checker runs them (it stops at the
candidate that decides); and as run with the evidence sentences parsed before and only the drafted claims
new (a server that has answered questions on these passages before). `python -m bench.verification`
(run once; the figures are quoted in bench/RESULTS.md and docs/verification.md)."""

from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path

import numpy as np

from bench.common import brief_index, load, machine, questions, summary

SENTENCES = 4
PRIMER = "Nothing of the kind was said."
"""A claim checked against each evidence sentence first, so that only the drafted claims are parsed afresh."""


def _draft(answer) -> list[str]:  # noqa: ANN001 (assistant.types.Answer)
    """Four passage sentences, each reworded at its end so none is verbatim (the checks run on all)."""
    pool = [p.chunk.text[s:e] for p in answer.passages for s, e in p.chunk.sentences]
    return [sentence.rstrip(".") + ", the brief says." for sentence in pool[:SENTENCES]]


def _cold(names) -> None:  # noqa: ANN001 (CorpusNames)
    """Forget every parsed sentence, so each answer pays for parsing its claims and their evidence."""
    from assistant import text
    from assistant.answering.verification import alignment, cases, numbers, pairs, reading, relation_words, relations, sides, tokens
    from assistant.answering.verification import names as naming

    parsed = (numbers.quantities, reading.Reading.of, alignment.substitutions, tokens.tokenize, naming._words, naming._context)
    for cached in (*parsed, cases.claim_case):
        cached.cache_clear()
    for cached in (relation_words.name_owners, pairs._parties, relation_words.token_starts, relations._Frames.of, sides._Sides.of):
        cached.cache_clear()
    text._content_terms.cache_clear()
    names.forget()


def measure(count: int = 100) -> dict:
    from assistant.answering.verification.checker import verdict, vetoes
    from assistant.answering.verification.claims import Claim
    from assistant.answering.verification.evidence import find_evidence
    from assistant.facade import Assistant

    with tempfile.TemporaryDirectory() as tmp:
        assistant = Assistant(brief_index(Path(tmp)))
        index, names, scenarios = assistant.index, assistant.corpus_names, assistant.index.overview.scenarios
        embed = lambda texts: np.asarray(index.embeddings.embed_documents(texts), dtype=np.float32)  # noqa: E731
        asked = questions(count)
        first = assistant.ask(asked[0])  # warm-up: the model, the lexicons
        for claim in _draft(first):
            vetoes(claim, find_evidence([Claim(claim, ())], first.passages, embed, index.chunk_sentence_vectors)[0][0], names, scenarios)
        before = load()
        totals, evidence_ms, checks_ms, checks_cpu_ms, as_run_ms, parsed_ms = [], [], [], [], [], []
        for question in asked:
            answer = assistant.ask(question)
            totals.append(answer.timings_ms["total"])
            if answer.declined:
                continue
            claims = [Claim(text, ()) for text in _draft(answer)]
            started = time.perf_counter()
            found = find_evidence(claims, answer.passages, embed, index.chunk_sentence_vectors)
            evidence_ms.append((time.perf_counter() - started) * 1000)
            _cold(names)
            started, cpu = time.perf_counter(), time.process_time()
            for claim, candidates in zip(claims, found):
                for evidence in candidates:  # every candidate: the most the checks can cost
                    vetoes(claim.text, evidence, names, scenarios)
            checks_ms.append((time.perf_counter() - started) * 1000)
            checks_cpu_ms.append((time.process_time() - cpu) * 1000)
            _cold(names)
            started = time.perf_counter()
            for claim, candidates in zip(claims, found):  # as the checker runs: it stops at the deciding evidence
                verdict(claim, candidates, names, None, scenarios)
            as_run_ms.append((time.perf_counter() - started) * 1000)
            _cold(names)
            for candidates in found:  # a server that has answered before has parsed the corpus sentences: only the claims are new
                for evidence in candidates:
                    vetoes(PRIMER, evidence, names)
            started = time.perf_counter()
            for claim, candidates in zip(claims, found):
                verdict(claim, candidates, names, None, scenarios)
            parsed_ms.append((time.perf_counter() - started) * 1000)
    return {
        "questions": count,
        "extractive_total_ms": summary(totals),
        "evidence_4_sentences_ms": summary(evidence_ms),
        "deterministic_checks_4_sentences_ms": summary(checks_ms),
        "deterministic_checks_4_sentences_cpu_ms": summary(checks_cpu_ms),
        "deterministic_checks_4_sentences_as_run_ms": summary(as_run_ms),
        "deterministic_checks_4_sentences_as_run_evidence_parsed_ms": summary(parsed_ms),
        "load_avg_before": before,
        "load_avg_after": load(),
        "machine": machine(),
    }


if __name__ == "__main__":
    print(json.dumps(measure(), indent=2))
