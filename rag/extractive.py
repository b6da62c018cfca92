"""The ``extractive`` backend: an answer made of the best-supported source sentences.

No model writes anything, so nothing can be invented: every sentence is copied from a
retrieved passage (in the reader's language where a version in it exists) and cited.
It is the fallback whenever a generator is down or its answer fails the checks.
"""

from __future__ import annotations

from rag.cite import Source, content_words, numbers
from rag.lexical import tokens
from rag.textnorm import clause_spans

CLAUSE_CHARS = 200
"""Sentences longer than this are answered clause by clause (see ``clause_spans``)."""

_INTRO = {
    "en": "The Vietnamese original says: ",
    "vi": "Bản tiếng Anh viết: ",
}


def _sentence_score(question: str, sentence: str, rank_weight: float) -> float:
    """Overlap of folded unigrams and bigrams with the question, plus numbers, weighted by rank."""
    q_tokens, s_tokens = set(tokens(question, folded=True)), set(tokens(sentence, folded=True))
    overlap = len(q_tokens & s_tokens) + 2 * len(numbers(question) & numbers(sentence))
    return overlap * rank_weight + rank_weight * 0.5


def pick_sentences(question: str, sources: list[Source], max_sentences: int = 2
                   ) -> list[tuple[Source, str]]:
    """The best sentences across the sources: the top one, plus close runners-up."""
    candidates = []
    for rank, source in enumerate(sources):
        weight = 1.0 / (1 + 0.5 * rank)
        text = source.chunk.text
        for s, e in clause_spans(text, CLAUSE_CHARS):
            sentence = text[s:e]
            if content_words(sentence):
                candidates.append((_sentence_score(question, sentence, weight), rank, s, source, sentence))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    if not candidates:
        return []
    best = candidates[0][0]
    chosen = [c for c in candidates[:max_sentences] if c[0] >= 0.6 * best]
    chosen.sort(key=lambda c: (c[1], c[2]))  # reading order within the ranking
    return [(c[3], c[4]) for c in chosen]


def extractive_answer(question: str, sources: list[Source], language: str
                      ) -> tuple[str, list[tuple[Source, str]]]:
    """Answer text with [n] markers, and the cited (source, sentence) pairs in marker order."""
    picked = pick_sentences(question, sources)
    cited: list[tuple[Source, str]] = []
    parts = []
    for source, sentence in picked:
        if source not in [c[0] for c in cited]:
            cited.append((source, sentence))
        n = [c[0] for c in cited].index(source) + 1
        intro = _INTRO[language] if source.chunk.language != language else ""
        parts.append(f"{intro}{sentence.rstrip()} [{n}]")
    return " ".join(parts), cited
