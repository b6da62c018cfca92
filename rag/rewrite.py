"""Turn a follow-up ("Which province does it connect to?") into a standalone question.

With a chat model the model rewrites it from the last turns (``RAG_FOLLOWUPS=model``);
without one (the default, the extractive backend, or when the model fails) the previous
question is prepended, which gives retrieval the subject the follow-up leaves out. On
dev and devgen the packaged 1.5B model's rewrites lost the subject more often than
prepending did, hence the default.
"""

from __future__ import annotations

import logging
from typing import Any

from langchain_core.output_parsers import StrOutputParser

from rag.prompts import REWRITE_PROMPT

log = logging.getLogger(__name__)

History = list[tuple[str, str]]
_TURNS = 2


def standalone_question(question: str, history: History, chat: Any | None) -> str:
    """A question that can be retrieved on without the conversation."""
    if not history:
        return question
    if chat is not None:
        rewritten = _model_rewrite(question, history, chat)
        if rewritten:
            return rewritten
    return f"{history[-1][0]} {question}"


def _model_rewrite(question: str, history: History, chat: Any) -> str | None:
    transcript = "\n".join(f"User: {u}\nAssistant: {a[:300]}" for u, a in history[-_TURNS:])
    try:
        text = (REWRITE_PROMPT | chat | StrOutputParser()).invoke(
            {"history": transcript, "question": question})
    except Exception:  # a rewrite is an optimisation: any model failure falls back
        log.exception("follow-up rewrite failed")
        return None
    text = text.strip().splitlines()[0].strip() if text.strip() else ""
    if not text or len(text) > 3 * len(question) + 200:
        return None
    return text
