"""Stage 3b: the lexical (BM25) index, persisted next to the vector store.

Dense retrieval misses exact codes ("415-BC/HU"), numbers and Vietnamese typed
without diacritics. Two BM25 indexes cover that: one over accented tokens (used when
the question has diacritics, so "thể" and "thế" stay different words) and one over
accent-folded tokens (used when it has none). Both also index adjacent-syllable
bigrams, which stand in for Vietnamese word segmentation ("ngân_sách", "quốc_lộ").
The index is built at ingest and loaded at start, never rebuilt per question.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Sequence
from pathlib import Path

import bm25s
import numpy as np

from rag.folders import replacing
from rag.textnorm import fold, has_diacritics, words

_FIELDS = ("accented", "folded")


def tokens(text: str, folded: bool) -> list[str]:
    """Unigrams plus bigrams of adjacent words (both lower-case)."""
    unigrams = [fold(w) for w in words(text)] if folded else words(text)
    return unigrams + [f"{a}_{b}" for a, b in zip(unigrams, unigrams[1:])]


def fingerprint(ids: Sequence[str]) -> str:
    """Identifies the exact chunk set an index was built from."""
    return hashlib.sha1("\n".join(sorted(ids)).encode()).hexdigest()


class LexicalIndex:
    """BM25 over the chunks' search texts, in accented and folded forms."""

    def __init__(self, ids: list[str], indexes: dict[str, bm25s.BM25], df: dict[str, int]) -> None:
        self.ids = ids
        self.indexes = indexes
        self.df = df
        self.fingerprint = fingerprint(ids)
        self._docs: np.ndarray | None = None

    @classmethod
    def build(cls, ids: list[str], texts: list[str]) -> LexicalIndex:
        indexes = {}
        df: dict[str, int] = {}
        for field in _FIELDS:
            corpus = [tokens(t, field == "folded") for t in texts]
            index = bm25s.BM25()
            if ids:
                index.index(corpus, show_progress=False)
            indexes[field] = index
        for doc_tokens in corpus:  # the folded field: document frequencies for idf()
            for token in set(doc_tokens):
                df[token] = df.get(token, 0) + 1
        return cls(list(ids), indexes, df)

    def idf(self, term: str) -> float:
        """Inverse document frequency of a folded token: how much a match on it says."""
        n = max(1, len(self.ids))
        return math.log(1 + n / (self.df.get(term, 0) + 0.5))

    def search(self, query: str, k: int, doc_ids: frozenset[str] | None = None
               ) -> list[tuple[str, float]]:
        """(chunk id, BM25 score > 0) for the best ``k`` chunks, of the articles
        ``doc_ids`` only when given (a chunk id starts with its article's id)."""
        if not self.ids:
            return []
        mask = None
        if doc_ids is not None:
            mask = np.isin(self._doc_ids(), list(doc_ids)).astype(np.float32)
        field = "accented" if has_diacritics(query) else "folded"
        index = self.indexes[field]
        vocab = index.vocab_dict
        query_tokens = [t for t in tokens(query, field == "folded") if t in vocab]
        if not query_tokens:
            return []
        docs, scores = index.retrieve([query_tokens], k=min(k, len(self.ids)), show_progress=False,
                                      weight_mask=mask)
        return [(self.ids[int(d)], float(s)) for d, s in zip(docs[0], scores[0]) if s > 0]

    def _doc_ids(self) -> np.ndarray:
        """The article id of every indexed chunk, in index order (computed once)."""
        if self._docs is None:
            self._docs = np.array([cid.split(":", 1)[0] for cid in self.ids])
        return self._docs

    def save(self, directory: Path) -> None:
        """Write to a temp folder, then swap it in: a crash never leaves half an index."""
        with replacing(directory) as tmp:
            for field, index in self.indexes.items():
                if self.ids:
                    index.save(str(tmp / field))
            (tmp / "ids.json").write_text(json.dumps(self.ids), encoding="utf-8")
            (tmp / "df.json").write_text(json.dumps(self.df, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, directory: Path) -> LexicalIndex | None:
        """The saved index, or None when there is none (or it is unreadable)."""
        try:
            ids = json.loads((directory / "ids.json").read_text(encoding="utf-8"))
            if not ids:
                return cls.build([], [])
            df = json.loads((directory / "df.json").read_text(encoding="utf-8"))
            indexes = {f: bm25s.BM25.load(str(directory / f), mmap=True) for f in _FIELDS}
        except (OSError, ValueError):
            return None
        return cls(ids, indexes, df)

