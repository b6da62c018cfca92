"""The data that crosses stage boundaries: chunks, retrieved passages, answers.

These are plain dataclasses so every caller (UI, CLI, eval, other code) can rely on
the same fields, and ``to_dict`` gives JSON for logs and reports.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Chunk:
    """A passage of one article, with where it sits in the article's text."""

    id: str
    doc_id: str
    text: str
    start: int
    end: int
    paragraph: int
    language: str
    title: str
    published: str | None = None
    source: str | None = None
    translation_of: str | None = None
    byline: str | None = None


@dataclass(frozen=True)
class Passage:
    """A retrieved chunk with the scores that ranked it."""

    chunk: Chunk
    score: float
    dense_score: float | None = None
    lexical_score: float | None = None
    counterpart: Chunk | None = None


@dataclass
class Citation:
    """One ``[n]`` marker of an answer and the passage it points at."""

    index: int
    doc_id: str
    title: str
    language: str
    text: str
    quote: str
    start: int
    end: int
    published: str | None = None
    source: str | None = None
    chunk_id: str = ""
    quote_start: int = 0
    quote_end: int = 0
    counterpart: dict[str, Any] | None = None


@dataclass
class Answer:
    """What ``rag.answer`` returns: text with inline ``[n]`` and the citations behind it."""

    text: str
    citations: list[Citation]
    language: str
    answerable: bool
    question: str = ""
    backend: str = ""
    model: str = ""
    notice: str | None = None
    error: str | None = None
    timings: dict[str, float] = field(default_factory=dict)
    retrieved: list[str] = field(default_factory=list)
    fallback: str | None = None
    """None when the chosen backend answered itself; else why the extractive answer was
    given instead: "failed", "not_loaded", "model_declined" or "unverified"."""
    dropped: list[dict[str, Any]] = field(default_factory=list)
    """Sentences the model wrote that the citation check removed, each with the text of
    the unit it cited: nothing the model says is shown unchecked, nor hidden."""

    def to_dict(self) -> dict[str, Any]:
        """JSON-serialisable form of the answer, citations included."""
        return asdict(self)
