"""Errors a reader or operator can act on, each with a message in both languages.

Every stage raises a subclass of :class:`RagError`; callers (UI, CLI, eval) show
``message(lang)`` instead of a traceback.
"""

from __future__ import annotations


class RagError(RuntimeError):
    """Base error: ``en`` and ``vi`` are complete, actionable sentences."""

    def __init__(self, en: str, vi: str | None = None) -> None:
        super().__init__(en)
        self.en = en
        self.vi = vi or en

    def message(self, lang: str = "en") -> str:
        """The message in the reader's language ("vi" or anything else for English)."""
        return self.vi if lang == "vi" else self.en


class DocumentError(RagError):
    """An article file that cannot be read or has unusable metadata."""


class IndexError_(RagError):
    """The vector or lexical index is missing, unreadable or built by another embedder."""


class ModelError(RagError):
    """A model (embedder or LLM) could not be loaded or did not answer."""


class QuestionError(RagError):
    """A question that cannot be answered as typed (empty, too long, unreadable)."""
