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
from dataclasses import dataclass, field
from typing import Any

from langchain_core.output_parsers import StrOutputParser

from rag.cite import Checked, Source, build_sources, check_answer, citations
from rag.config import Settings
from rag.extractive import Idf, condense, extractive_answer
from rag.gate import answers_what_was_asked, assess
from rag.prompts import ANSWER_IN, ANSWER_PROMPT, NOT_FOUND
from rag.questions import decline_text
from rag.retrieve import Retrieval
from rag.types import Answer

log = logging.getLogger(__name__)

_NOTICES = {
    "failed": {
        "en": "The language model did not answer ({reason}); this answer was extracted from the "
              "articles instead.",
        "vi": "Mô hình ngôn ngữ không trả lời được ({reason}); câu trả lời này được trích trực tiếp "
              "từ bài viết.",
    },
    "model_declined": {
        "en": "The language model found no answer in the passages; these are the sentences of "
              "the articles closest to the question.",
        "vi": "Mô hình ngôn ngữ không tìm thấy câu trả lời trong các đoạn trích; đây là những câu "
              "trong bài viết gần nhất với câu hỏi.",
    },
    "unverified": {
        "en": "The model's answer could not be verified against the articles; this answer was "
              "extracted from them instead.",
        "vi": "Không kiểm chứng được câu trả lời của mô hình với bài viết; câu trả lời này được "
              "trích trực tiếp từ bài viết.",
    },
}


@dataclass
class Request:
    """One question on its way to an answer, with everything the later steps need."""

    question: str
    query: str
    language: str
    backend: str
    model: str
    settings: Settings
    idf: Idf
    started: float
    timings: dict[str, float] = field(default_factory=dict)


def render_passages(sources: list[Source], question: str, budget: int, idf: Idf) -> str:
    """The numbered context block; each passage cut to its most relevant clauses."""
    return "\n\n".join(f"[{s.number}] {condense(question, s.chunk.text, budget, idf)}"
                       for s in sources)


def generate(req: Request, retrieval: Retrieval, chat: Any | None) -> Iterator[str | Answer]:
    """Yield the streamed pieces and the final :class:`Answer`."""
    req.timings.update(retrieval.timings, retrieval=sum(retrieval.timings.values()))
    sources = build_sources(retrieval.passages, req.language)
    retrieved = [p.chunk.id for p in retrieval.passages]
    verdict = assess(req.query, sources, retrieval.top_dense, req.settings.min_dense,
                     req.settings.min_coverage)
    if not verdict.answerable:
        yield _decline(req, retrieved)
    elif chat is None:
        notice = None if req.backend == "extractive" else _notice("failed", req.language, "not loaded")
        yield _extractive(req, sources, retrieved, notice)
    else:
        yield from _generated(req, sources, retrieved, chat)


def _generated(req: Request, sources: list[Source], retrieved: list[str], chat: Any
               ) -> Iterator[str | Answer]:
    shown = sources[:req.settings.llm_passages]
    inputs = {"passages": render_passages(shown, req.question, req.settings.llm_passage_chars,
                                          req.idf),
              "question": req.question, "answer_in": ANSWER_IN[req.language]}
    pieces: list[str] = []
    start = time.perf_counter()
    try:
        for piece in (ANSWER_PROMPT | chat | StrOutputParser()).stream(inputs):
            if not pieces:
                req.timings["first_token"] = time.perf_counter() - req.started
            pieces.append(piece)
            yield piece
    except Exception as exc:  # any backend failure (down, timeout, bad reply) falls back
        log.warning("generation failed: %s", type(exc).__name__)
        yield _extractive(req, sources, retrieved, _notice("failed", req.language, type(exc).__name__))
        return
    req.timings["generation"] = time.perf_counter() - start
    yield _checked(req, "".join(pieces).strip(), shown, sources, retrieved)


def _checked(req: Request, raw: str, shown: list[Source], sources: list[Source],
             retrieved: list[str]) -> Answer:
    """The model's answer if it survives the checks; else the extractive one (or a decline).

    The gate has already judged the passages relevant, and the small model misses answers
    that are there (14 % false declines on the eval); so when it says "not in the
    articles", the extractive answer - which declines on its own when it finds nothing
    of the asked kind - is given instead, with a notice.
    """
    if NOT_FOUND in raw or not raw:
        return _extractive(req, sources, retrieved, _notice("model_declined", req.language))
    checked = check_answer(raw, shown)
    if not checked.cited:
        return _extractive(req, sources, retrieved, _notice("unverified", req.language))
    if not answers_what_was_asked(req.question, checked.text):
        return _decline(req, retrieved)
    return _final(req, checked.text, checked, True, retrieved)


def _extractive(req: Request, sources: list[Source], retrieved: list[str], notice: str | None
                ) -> Answer:
    text, cited = extractive_answer(req.question, sources, req.language, req.idf)
    if not cited or not answers_what_was_asked(req.question, text):
        return _decline(req, retrieved)
    answer = _final(req, text, Checked(text, cited, []), True, retrieved)
    answer.notice = notice
    return answer


def _decline(req: Request, retrieved: list[str]) -> Answer:
    return _final(req, decline_text(req.language), None, False, retrieved)


def _final(req: Request, text: str, checked: Checked | None, answerable: bool,
           retrieved: list[str]) -> Answer:
    req.timings["total"] = time.perf_counter() - req.started
    req.timings.setdefault("first_token", req.timings["total"])
    return Answer(text=text, citations=citations(checked) if checked else [],
                  language=req.language, answerable=answerable, question=req.question,
                  backend=req.backend, model=req.model, timings=req.timings, retrieved=retrieved)


def _notice(kind: str, language: str, reason: str = "") -> str:
    return _NOTICES[kind][language].format(reason=reason)
