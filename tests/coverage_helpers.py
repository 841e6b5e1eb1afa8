"""One-chunk passages read with a hand-made catalogue for the coverage tests: every sentence as close to the
question as the next (no embedding model), so only what a sentence says decides."""

from __future__ import annotations

from collections.abc import Callable

from assistant.index.catalogue import Entity, EntityCatalogue


def covering(*others: Entity) -> Callable[[str, str], bool]:
    """Whether a one-chunk passage covers a question, with Anna Berg, Tomas Lind and `others` in the catalogue."""
    berg = Entity("berg", "Anna Berg", "person", ("Anna Berg", "Berg"), (), ())
    lind = Entity("lind", "Tomas Lind", "person", ("Tomas Lind", "Lind"), (), ())
    catalogue = EntityCatalogue((berg, lind, *others))
    return lambda question, text: covered_by(question, text, catalogue)


def covered_by(question: str, text: str, catalogue: EntityCatalogue) -> bool:
    """Whether the one-chunk passage `text` covers `question`, every sentence as close to it as the other."""
    import numpy as np

    from assistant.answering.refusal import assess_coverage
    from assistant.retrieval.query import understand
    from assistant.text import split_sentences
    from assistant.types import Chunk, Passage

    query = np.ones(4, dtype=np.float32) / 2
    chunk = Chunk("c1", "doc", "Doc", "Lead", 0, 0, len(text), text, sentences=tuple(split_sentences(text)))
    sentences = np.tile(query, (len(chunk.sentences), 1))
    return assess_coverage(understand(question, catalogue), [Passage(chunk, 1, 1.0)], query, lambda c: sentences).covered
