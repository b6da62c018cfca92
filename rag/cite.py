"""Stage 6: check every sentence of an answer against the passages it cites.

Nothing the model says about its sources is trusted. Each sentence keeps only markers
that point at passages it was shown; its numbers, dates and names must appear in the
cited passages (or their parallel versions); a sentence without support is dropped;
the surviving markers are renumbered [1], [2], ... in order of first use, and each
citation gets the passage sentence that best supports it as its highlighted quote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rag.textnorm import clause_spans, fold, split_sentences, words
from rag.types import Chunk, Citation, Passage

QUOTE_CHARS = 200
"""A quote is a sentence, or a clause of a sentence longer than this."""
_LEAD_IN = re.compile(r"(?:\b(?:such as|including|include|namely|as follows|gom|nhu|la|bao gom"
                      r"|sau day|nhu sau)|[:;,])$")
_META = re.compile(r"\b(?:passages?|excerpts?|the context|doan trich|trich doan|ngu canh)\b")
_MARKER = re.compile(r"\s*\[(\d{1,2})\]")
_NUMBER = re.compile(r"\d+")
_MONTHS = {m: str(n) for n, m in enumerate(
    "january february march april may june july august september october november december"
    .split(), start=1)}
# Capitalised in English but not names of anything an article must contain.
_NOT_NAMES = frozenset("vietnamese english vietnam viet tieng anh".split())
_STOPWORDS = frozenset(
    """
    the a an of and or to in on at for by with from as is are was were be been being it its this
    that these those which who whom what when where why how there their they them he she his her
    has have had do does did not no will would can could should may might also into than then so
    such about over under more most other some any all each both same very
    la va cua cac nhung mot duoc trong cho voi nay do khi de da se dang thi ma nen neu vao ra
    tai tu den ve nhu cung con co khong nao gi sao the nhieu rat
    """.split()
)


@dataclass(frozen=True)
class Source:
    """A passage as shown to the model under number ``number``, in the reader's language."""

    number: int
    chunk: Chunk
    counterpart: Chunk | None
    score: float


def build_sources(passages: list[Passage], language: str) -> list[Source]:
    """Number the passages, showing each in the reader's language when a version exists."""
    sources = []
    for n, p in enumerate(passages, start=1):
        shown, other = p.chunk, p.counterpart
        if other is not None and shown.language != language and other.language == language:
            shown, other = other, shown
        sources.append(Source(n, shown, other, p.score))
    return sources


def numbers(text: str) -> set[str]:
    """Numbers in a text, leading zeros dropped and English month names as numbers."""
    found = {str(int(n)) for n in _NUMBER.findall(text)}
    found.update(_MONTHS[w] for w in words(text) if w in _MONTHS)
    return found


def content_words(text: str, keep_accents: bool = False) -> set[str]:
    """Words that carry meaning (no stopwords, no one-letter tokens), accent-folded
    unless ``keep_accents``: folded, "Hà Nội" would match "hạ tầng" and "nội bộ"."""
    return {w if keep_accents else fold(w) for w in words(text)
            if len(w) > 1 and fold(w) not in _STOPWORDS}


def names(sentence: str, keep_accents: bool = False) -> set[str]:
    """Capitalised words after the first: the proper names a sentence asserts."""
    tokens = re.findall(r"[^\W\d_]+", sentence)
    return {t.lower() if keep_accents else fold(t) for t in tokens[1:]
            if t[0].isupper() and fold(t) not in _STOPWORDS and fold(t) not in _NOT_NAMES}


@dataclass(frozen=True)
class Support:
    ok: bool
    overlap: float
    missing: frozenset[str]


def support(sentence: str, evidence: str, min_overlap: float) -> Support:
    """Does ``evidence`` state ``sentence``? Numbers and names must all be there."""
    ev_words = content_words(evidence)
    ev_letters = set(re.findall(r"[^\W\d_]+", fold(evidence)))
    missing = (numbers(sentence) - numbers(evidence)) | (names(sentence) - ev_letters)
    body = content_words(sentence)
    overlap = len(body & ev_words) / len(body) if body else 0.0
    return Support(not missing and overlap >= min_overlap, overlap, frozenset(missing))


def _evidence(sources: list[Source]) -> str:
    return "\n".join(s.chunk.text + ("\n" + s.counterpart.text if s.counterpart else "")
                     for s in sources)


@dataclass
class Checked:
    """The verified answer text and the sources its markers now point at, in order."""

    text: str
    cited: list[tuple[Source, str]]  # (source, the answer sentence it supports first)
    dropped: list[str]


def check_answer(answer: str, sources: list[Source], min_overlap: float = 0.5) -> Checked:
    """Keep supported sentences, repair or drop markers, renumber by first use."""
    by_number = {s.number: s for s in sources}
    order: dict[int, int] = {}
    cited: list[tuple[Source, str]] = []
    kept, dropped = [], []
    for s, e in split_sentences(answer.strip()):
        sentence = answer.strip()[s:e]
        body = _MARKER.sub("", sentence).strip()
        if not is_claim(body):
            dropped.append(sentence)
            continue
        marks = [by_number[n] for n in _marks(sentence) if n in by_number]
        marks = _supported_marks(body, marks, sources, min_overlap)
        if not body or not marks:
            dropped.append(sentence)
            continue
        for src in marks:
            if src.number not in order:
                order[src.number] = len(order) + 1
                cited.append((src, body))
        kept.append(_with_markers(body, [order[m.number] for m in marks]))
    return Checked(" ".join(kept), cited, dropped)


def is_claim(body: str) -> bool:
    """False for what states nothing: a lead-in cut off before its list ("advantages
    such as [1]."), or talk about the passages instead of the news ("the passages...")."""
    text = fold(body.rstrip(" .!?…"))
    return bool(text) and not (_LEAD_IN.search(text) or _META.search(text) or ",," in text)


def _marks(sentence: str) -> list[int]:
    seen: list[int] = []
    for n in (int(m) for m in _MARKER.findall(sentence)):
        if n not in seen:
            seen.append(n)
    return seen


def _supported_marks(body: str, marks: list[Source], sources: list[Source],
                     min_overlap: float) -> list[Source]:
    """The cited sources if together they support ``body``; else the one source that does."""
    if marks and support(body, _evidence(marks), min_overlap).ok:
        return [m for m in marks if support(body, _evidence([m]), 0.0).overlap > 0] or marks
    scored = [(support(body, _evidence([s]), min_overlap), s) for s in sources]
    best = [(sup.overlap, s) for sup, s in scored if sup.ok]
    return [max(best, key=lambda item: item[0])[1]] if best else []


def _with_markers(body: str, numbers_: list[int]) -> str:
    end = len(body.rstrip(".!?…"))
    return body[:end] + " " + "".join(f"[{n}]" for n in sorted(set(numbers_))) + body[end:]


def best_quote(chunk: Chunk, claim: str) -> tuple[int, int]:
    """Offsets (within ``chunk.text``) of the passage sentence that best supports ``claim``."""
    spans = clause_spans(chunk.text, QUOTE_CHARS) or [(0, len(chunk.text))]
    claim_words, claim_numbers = content_words(claim), numbers(claim)

    def score(span: tuple[int, int]) -> tuple[int, int]:
        text = chunk.text[span[0]:span[1]]
        return len(claim_numbers & numbers(text)), len(claim_words & content_words(text))

    return max(spans, key=score)


def to_citation(index: int, source: Source, claim: str) -> Citation:
    """The public :class:`Citation` for a source cited under marker ``index``."""
    chunk = source.chunk
    q_start, q_end = best_quote(chunk, claim)
    other = source.counterpart
    return Citation(
        index=index, doc_id=chunk.doc_id, title=chunk.title, language=chunk.language,
        text=chunk.text, quote=chunk.text[q_start:q_end], start=chunk.start, end=chunk.end,
        published=chunk.published, source=chunk.source, chunk_id=chunk.id,
        quote_start=q_start, quote_end=q_end,
        counterpart=None if other is None else {
            "doc_id": other.doc_id, "title": other.title, "language": other.language,
            "text": other.text, "start": other.start, "end": other.end, "chunk_id": other.id,
        },
    )


def citations(checked: Checked) -> list[Citation]:
    return [to_citation(n, src, claim) for n, (src, claim) in enumerate(checked.cited, start=1)]
