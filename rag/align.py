"""Recognise the two language versions of the same passage (stage 3, after chunking).

Chunk boundaries differ between an article and its translation, so parallel passages
are found by meaning and order: the chunk texts (without the title prefix that makes
every chunk of an article look alike) are embedded, and a monotone alignment - the
translation follows the original's order - pairs each translated chunk with the
original chunk it matches best. Pairs below ``min_similarity`` are left unlinked.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from rag.types import Chunk

Embed = Callable[[list[str]], list[list[float]]]


def memoized(embed: Embed) -> Embed:
    """``embed`` that computes each distinct text once (within one ingest run)."""
    seen: dict[str, list[float]] = {}

    def cached(texts: list[str]) -> list[list[float]]:
        new = list(dict.fromkeys(t for t in texts if t not in seen))
        if new:
            seen.update(zip(new, embed(new)))
        return [seen[t] for t in texts]

    return cached


def monotone_path(sim: np.ndarray) -> list[int]:
    """For each row i the column j(i), non-decreasing in i, maximising the summed similarity."""
    rows, cols = sim.shape
    score = np.empty_like(sim)
    score[0] = sim[0]
    for i in range(1, rows):
        score[i] = sim[i] + np.maximum.accumulate(score[i - 1])
    path = [int(score[-1].argmax())]
    for i in range(rows - 2, -1, -1):
        path.append(int(score[i, : path[-1] + 1].argmax()))
    return path[::-1]


def align(translation: Sequence[Chunk], original: Sequence[Chunk], embed: Embed,
          min_similarity: float = 0.8) -> dict[str, str]:
    """chunk id -> counterpart chunk id, in both directions (original side: best match)."""
    if not translation or not original:
        return {}
    vectors = np.asarray(embed([c.text for c in [*translation, *original]]), dtype=np.float32)
    sim = vectors[: len(translation)] @ vectors[len(translation):].T
    pairs: dict[str, str] = {}
    best_row: dict[int, int] = {}
    for i, j in enumerate(monotone_path(sim)):
        if sim[i, j] < min_similarity:
            continue
        pairs[translation[i].id] = original[j].id
        if j not in best_row or sim[i, j] > sim[best_row[j], j]:
            best_row[j] = i
    pairs.update({original[j].id: translation[i].id for j, i in best_row.items()})
    return pairs
