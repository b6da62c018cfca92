"""The ``extractive`` backend: an answer made of the best-supported source sentences.

No model writes anything, so nothing can be invented: every sentence is copied from a
retrieved passage (in the reader's language where a version in it exists) and cited.
It is the fallback whenever a generator is down or its answer fails the checks.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from rag.cite import Source, content_words, numbers
from rag.lexical import tokens
from rag.retrieve import asks_about_article
from rag.textnorm import clause_spans, fold

CLAUSE_CHARS = 200
"""Sentences longer than this are answered clause by clause (see ``clause_spans``)."""

_INTRO = {
    "en": "The Vietnamese original says: ",
    "vi": "Bản tiếng Anh viết: ",
}


Idf = Callable[[str], float]


def _terms(text: str) -> set[str]:
    """Content words, adjacent-word pairs and numbers of a text (accent-folded)."""
    pairs = {t for t in tokens(text, folded=True) if "_" in t}
    return content_words(text) | pairs | numbers(text)


class Relevance:
    """Scores a clause by the question terms it contains, each weighted by its corpus
    idf: "ngân sách" (in two chunks) outweighs "Hàm Tân" (in every chunk's title)."""

    def __init__(self, question: str, idf: Idf) -> None:
        self.asked = _terms(question)
        self.idf = idf

    def __call__(self, clause: str) -> float:
        return sum(self.idf(t) for t in _terms(clause) & self.asked)


def condense(question: str, text: str, budget: int, idf: Idf) -> str:
    """The clauses of ``text`` most relevant to ``question``, in reading order, within
    ``budget`` characters: the local model reads ~50 tokens/s, so every clause costs."""
    spans = clause_spans(text, CLAUSE_CHARS)
    if len(text) <= budget or len(spans) < 2:
        return text
    score = Relevance(question, idf)
    ranked = sorted(spans, key=lambda sp: -score(text[sp[0]:sp[1]]))
    keep, used = [], 0
    for start, end in ranked:
        if not keep or used + end - start <= budget:
            keep.append((start, end))
            used += end - start
    return " … ".join(text[s:e] for s, e in sorted(keep))


# "Nêu các hạn chế...", "What tasks...": the answer is several clauses, not one.
_ASKS_FOR_LIST = re.compile(
    r"\b(list|what are|which are|name the|recommendations|tasks|advantages|shortcomings|"
    r"limitations|weaknesses|measures|achievements|results|nhung gi|gom nhung|liet ke|ke ra|"
    r"neu cac|nhung .{1,40} nao|cac .{1,40} nao|nhung han che|nhung ket qua)\b")


def asks_for_list(question: str) -> bool:
    return bool(_ASKS_FOR_LIST.search(fold(question)))


def pick_sentences(question: str, sources: list[Source], idf: Idf
                   ) -> list[tuple[Source, str]]:
    """The best sentences across the sources: the top one, plus close runners-up
    (more of them, less close, when the question asks for a list)."""
    max_sentences, min_share = (5, 0.4) if asks_for_list(question) else (2, 0.6)
    clauses = [(rank, s, source, source.chunk.text[s:e]) for rank, source in enumerate(sources)
               for s, e in clause_spans(source.chunk.text, CLAUSE_CHARS)]
    clauses = [c for c in clauses if content_words(c[3])]
    score = Relevance(question, idf)
    # the passage's rank breaks near-ties: retrieval saw the whole passage, not one clause
    candidates = [((score(text) + 0.5) / (1 + 0.2 * rank), rank, s, source, text)
                  for rank, s, source, text in clauses]
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    if not candidates:
        return []
    best = candidates[0][0]
    chosen = [c for c in candidates[:max_sentences] if c[0] >= min_share * best]
    chosen.sort(key=lambda c: (c[1], c[2]))  # reading order within the ranking
    return [(c[3], c[4]) for c in chosen]


def _header(sources: list[Source]) -> list[tuple[Source, str]]:
    """The title-and-dateline passage, when retrieval put one first (see asks_about_article)."""
    if sources and sources[0].chunk.start == 0 and "\n" in sources[0].chunk.text:
        return [(sources[0], sources[0].chunk.text)]
    return []


def extractive_answer(question: str, sources: list[Source], language: str, idf: Idf
                      ) -> tuple[str, list[tuple[Source, str]]]:
    """Answer text with [n] markers, and the cited (source, sentence) pairs in marker order."""
    picked = (asks_about_article(question) and _header(sources)) or pick_sentences(
        question, sources, idf)
    cited: list[tuple[Source, str]] = []
    parts = []
    for source, sentence in picked:
        if source not in [c[0] for c in cited]:
            cited.append((source, sentence))
        n = [c[0] for c in cited].index(source) + 1
        intro = _INTRO[language] if source.chunk.language != language else ""
        lines = [line.strip() for line in sentence.splitlines() if line.strip()]
        parts.append(f"{intro}{' — '.join(lines)} [{n}]")
    return " ".join(parts), cited
