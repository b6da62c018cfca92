"""Bilingual (Vietnamese/English) question answering over news articles, with citations.

Public interface::

    from rag import answer, answer_stream
    res = answer("Bài viết đăng ngày nào?", history=None)
    res.text, res.citations, res.language, res.answerable, res.to_dict()

    for piece in answer_stream(question, history):
        # str pieces while the model writes, then one final Answer whose text is
        # authoritative (unsupported sentences may have been removed).
        ...
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from rag.types import Answer, Citation

if TYPE_CHECKING:
    from rag.config import Backend

History = list[tuple[str, str]]

__all__ = ["Answer", "Citation", "History", "answer", "answer_stream"]


def answer_stream(
    question: str,
    history: History | None = None,
    *,
    backend: Backend | None = None,
    language: str | None = None,
    documents: list[str] | None = None,
    since: str | None = None,
    until: str | None = None,
) -> Iterator[str | Answer]:
    """Yield text pieces as they are generated, then the final :class:`Answer`.

    ``backend`` overrides the configured one ("local", "openai", "extractive");
    ``language`` ("vi" or "en") forces the answer's language instead of detecting it.
    ``documents`` (article ids) and ``since``/``until`` (publication dates, YYYY-MM-DD)
    restrict the articles searched; a period named in the question narrows them too
    (``rag.scope``). The first call loads the models and the index; later calls reuse them.
    """
    from rag.pipeline import get_pipeline

    return get_pipeline().stream(question, history or [], backend=backend, language=language,
                                 documents=documents, since=since, until=until)


def answer(
    question: str,
    history: History | None = None,
    *,
    backend: Backend | None = None,
    language: str | None = None,
    documents: list[str] | None = None,
    since: str | None = None,
    until: str | None = None,
) -> Answer:
    """Answer ``question`` from the indexed articles; see :func:`answer_stream`."""
    final: Answer | None = None
    for item in answer_stream(question, history, backend=backend, language=language,
                              documents=documents, since=since, until=until):
        if isinstance(item, Answer):
            final = item
    assert final is not None, "answer_stream always ends with an Answer"
    return final
