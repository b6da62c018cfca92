"""Stage 5: retrieved passages -> an answer, streamed, then checked (stage 6) and cited.

Declines before any model runs when retrieval does not support the question. With a
chat model the answer streams token by token through a LangChain runnable
(prompt | chat model | string parser); the finished text is then checked sentence by
sentence against the cited passages, and if nothing survives (or the model fails)
the extractive answer is given instead, with a notice saying so.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from langchain_core.output_parsers import StrOutputParser

from rag.cite import Checked, Source, build_sources, check_answer, citations
from rag.extractive import extractive_answer
from rag.gate import answers_what_was_asked, assess
from rag.prompts import ANSWER_IN, ANSWER_PROMPT, NOT_FOUND
from rag.questions import decline_text
from rag.retrieve import Retrieval
from rag.types import Answer

if TYPE_CHECKING:
    from rag.pipeline import Pipeline

log = logging.getLogger(__name__)

_NOTICES = {
    "failed": {
        "en": "The language model did not answer ({reason}); this answer was extracted from the "
              "articles instead.",
        "vi": "Mô hình ngôn ngữ không trả lời được ({reason}); câu trả lời này được trích trực tiếp "
              "từ bài viết.",
    },
    "unverified": {
        "en": "The model's answer could not be verified against the articles; this answer was "
              "extracted from them instead.",
        "vi": "Không kiểm chứng được câu trả lời của mô hình với bài viết; câu trả lời này được "
              "trích trực tiếp từ bài viết.",
    },
}


def render_passages(sources: list[Source]) -> str:
    """The numbered context block, one passage per line group."""
    return "\n\n".join(f"[{s.number}] {s.chunk.text}" for s in sources)


def generate(pipe: Pipeline, *, question: str, query: str, language: str, retrieval: Retrieval,
             backend: str, chat: Any | None, started: float) -> Iterator[str | Answer]:
    """Yield the streamed pieces and the final :class:`Answer`."""
    settings = pipe.settings
    sources = build_sources(retrieval.passages, language)
    timings = {**retrieval.timings, "retrieval": sum(retrieval.timings.values())}
    base: dict[str, Any] = {"question": question, "backend": backend, "model": pipe.label(backend),
                            "retrieved": [p.chunk.id for p in retrieval.passages]}
    verdict = assess(query, sources, retrieval.top_dense, settings.min_dense, settings.min_coverage)
    if not verdict.answerable:
        yield _final(decline_text(language), None, language, False, timings, started, base)
        return
    if chat is None:
        notice = None if backend == "extractive" else _notice("failed", language, "not loaded")
        yield _extractive(question, sources, language, timings, started, base, notice)
        return
    yield from _generated(question, sources, language, chat, timings, started, base)


def _generated(question: str, sources: list[Source], language: str, chat: Any,
               timings: dict[str, float], started: float, base: dict[str, Any]
               ) -> Iterator[str | Answer]:
    chain = ANSWER_PROMPT | chat | StrOutputParser()
    inputs = {"passages": render_passages(sources), "question": question,
              "answer_in": ANSWER_IN[language]}
    pieces: list[str] = []
    generation_start = time.perf_counter()
    try:
        for piece in chain.stream(inputs):
            if not pieces:
                timings["first_token"] = time.perf_counter() - started
            pieces.append(piece)
            yield piece
    except Exception as exc:  # any backend failure (down, timeout, bad reply) falls back
        log.warning("generation failed: %s", exc)
        notice = _notice("failed", language, type(exc).__name__)
        yield _extractive(question, sources, language, timings, started, base, notice)
        return
    timings["generation"] = time.perf_counter() - generation_start
    raw = "".join(pieces).strip()
    if NOT_FOUND in raw or not raw:
        yield _final(decline_text(language), None, language, False, timings, started, base)
        return
    checked = check_answer(raw, sources)
    if checked.cited and not answers_what_was_asked(question, checked.text):
        yield _final(decline_text(language), None, language, False, timings, started, base)
        return
    if not checked.cited:
        yield _extractive(question, sources, language, timings, started, base,
                          _notice("unverified", language))
        return
    yield _final(checked.text, checked, language, True, timings, started, base)


def _extractive(question: str, sources: list[Source], language: str, timings: dict[str, float],
                started: float, base: dict[str, Any], notice: str | None) -> Answer:
    text, cited = extractive_answer(question, sources, language)
    if not cited or not answers_what_was_asked(question, text):
        return _final(decline_text(language), None, language, False, timings, started, base)
    answer = _final(text, Checked(text, cited, []), language, True, timings, started, base)
    answer.notice = notice
    return answer


def _final(text: str, checked: Checked | None, language: str, answerable: bool,
           timings: dict[str, float], started: float, base: dict[str, Any]) -> Answer:
    timings["total"] = time.perf_counter() - started
    timings.setdefault("first_token", timings["total"])
    cites = citations(checked) if checked else []
    return Answer(text=text, citations=cites, language=language, answerable=answerable,
                  timings=timings, **base)


def _notice(kind: str, language: str, reason: str = "") -> str:
    return _NOTICES[kind][language].format(reason=reason)
