"""Readers: one module per file format, each turning a file's bytes into an article.

A reader returns an :class:`Extracted`: the article's own lines (title and dateline
first, as the reader sees them, so a citation of the header points into the body) and
whatever metadata it could find. ``rag.formats`` maps file suffixes to readers, and
``rag.documents`` merges what a reader found with the file's front matter.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Extracted:
    """An article as a reader found it; None means "not found"."""

    lines: tuple[str, ...]
    title: str | None = None
    published: str | None = None
    byline: str | None = None
    source: str | None = None
    url: str | None = None
