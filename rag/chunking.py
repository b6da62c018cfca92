"""Stage 2: documents -> chunks along paragraphs and sentences, with source offsets.

Chunks are small (about ``max_chars``) because the local model reads ~50 prompt
tokens per second: short, precise passages make both the prompt and the citations
better. Every chunk keeps its paragraph number and character span in the body so a
citation can show and highlight the exact text.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass

from rag.documents import Document
from rag.textnorm import clause_spans
from rag.types import Chunk

_SHORT_PARAGRAPH = 80


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    paragraph: int


def paragraphs(body: str) -> Iterator[_Span]:
    """Spans of the blank-line separated paragraphs of ``body``."""
    for number, match in enumerate(re.finditer(r"\S(?:.*?\S)?(?=\n\s*\n|\s*\Z)", body, re.DOTALL)):
        yield _Span(match.start(), match.end(), number)


def _units(body: str, para: _Span, max_chars: int) -> Iterator[_Span]:
    """Sentences of a paragraph, with over-long sentences cut at clause breaks."""
    for s, e in clause_spans(body[para.start:para.end], max_chars):
        yield _Span(para.start + s, para.start + e, para.paragraph)


def _pack(units: list[_Span], max_chars: int) -> Iterator[_Span]:
    """Greedily join consecutive units while the joined span stays under ``max_chars``."""
    current: _Span | None = None
    for unit in units:
        if current and unit.end - current.start <= max_chars:
            current = _Span(current.start, unit.end, current.paragraph)
            continue
        if current:
            yield current
        current = unit
    if current:
        yield current


def _merge_short_paragraphs(spans: list[_Span], max_chars: int) -> list[_Span]:
    """Keep a title, a dateline or a byline with its neighbour instead of alone."""
    merged: list[_Span] = []
    for span in spans:
        prev = merged[-1] if merged else None
        short = span.end - span.start < _SHORT_PARAGRAPH
        prev_short = prev is not None and prev.end - prev.start < _SHORT_PARAGRAPH
        if prev and (short or prev_short) and span.end - prev.start <= max_chars:
            merged[-1] = _Span(prev.start, span.end, prev.paragraph)
        else:
            merged.append(span)
    return merged


def chunk_spans(body: str, max_chars: int) -> list[_Span]:
    """All chunk spans of a body, in reading order."""
    spans: list[_Span] = []
    for para in paragraphs(body):
        spans.extend(_pack(list(_units(body, para, max_chars)), max_chars))
    return _merge_short_paragraphs(spans, max_chars)


def chunk_id(doc_id: str, start: int, end: int, text: str, context: str = "") -> str:
    """Deterministic: the same text at the same place, with the same metadata
    (``context``), always gets the same id; an edit anywhere gives a new one."""
    digest = hashlib.sha1(f"{doc_id}|{start}|{end}|{text}|{context}".encode()).hexdigest()[:16]
    return f"{doc_id}:{digest}"


def chunk_document(doc: Document, max_chars: int, title: str) -> list[Chunk]:
    """Chunks of one document; ``title`` is its display title (a translation borrows one)."""
    chunks = []
    # metadata a chunk shows or is searched by: editing it must re-index the chunk
    context = "|".join(str(v) for v in (title, doc.language, doc.published, doc.source,
                                         doc.byline, doc.translation_of))
    for span in chunk_spans(doc.body, max_chars):
        text = doc.body[span.start:span.end]
        chunks.append(Chunk(
            id=chunk_id(doc.id, span.start, span.end, text, context),
            doc_id=doc.id,
            text=text,
            start=span.start,
            end=span.end,
            paragraph=span.paragraph,
            language=doc.language,
            title=title,
            published=doc.published,
            source=doc.source,
            translation_of=doc.translation_of,
            byline=doc.byline,
        ))
    return chunks


def search_text(chunk: Chunk, doc: Document, first: bool) -> str:
    """The text that is embedded and lexically indexed for a chunk.

    The title goes in front of every chunk, so a question naming the article's subject
    finds passages that only imply it. The first chunk also carries the labelled
    metadata (in both languages), so "when was it published?" or "who wrote it?" can
    find the passage that shows the dateline.
    """
    parts = [chunk.title, chunk.text]
    if first:
        labels = [("Ngày đăng / Published / Date", doc.published),
                  ("Tác giả / Author / Byline", doc.byline), ("Nguồn / Source", doc.source)]
        parts.extend(f"{label}: {value}" for label, value in labels if value)
    return "\n".join(p for p in parts if p)
