"""What every backend receives (a :class:`Job`) and how any of them finishes an answer."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from rag.answers import Draft, compose
from rag.answers.decline import decline
from rag.cite import citations
from rag.config import Settings
from rag.evidence import Selection
from rag.gate import Verdict
from rag.intent import Intent
from rag.types import Answer


@dataclass
class Job:
    """One question on its way to an answer, with everything the backend needs."""

    question: str
    intent: Intent
    selection: Selection
    verdict: Verdict
    settings: Settings
    backend: str
    model: str
    started: float
    retrieved: list[str]
    chat: Any | None = None
    timings: dict[str, float] = field(default_factory=dict)


def extracted(job: Job) -> Draft:
    """The answer built from the units alone: a decline, or the shape's draft."""
    if not job.verdict.answerable:
        return decline(job.intent, job.verdict.near_miss)
    return compose(job.intent, job.selection)


def finish(job: Job, draft: Draft, *, fallback: str | None = None,
           notice: str | None = None, dropped: list[dict[str, Any]] | None = None) -> Answer:
    """The public :class:`Answer` for ``draft``."""
    job.timings["total"] = time.perf_counter() - job.started
    job.timings.setdefault("first_token", job.timings["total"])
    return Answer(text=draft.text, citations=citations(draft.cited),
                  language=job.intent.language, answerable=draft.answerable,
                  question=job.question, backend=job.backend, model=job.model,
                  notice=notice, timings=job.timings, retrieved=job.retrieved,
                  fallback=fallback, dropped=dropped or [])
