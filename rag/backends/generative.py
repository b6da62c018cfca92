"""The ``local`` and ``openai`` backends: a language model puts facts into the reader's
language.

When the article has no version in the reader's language (an English question about a
Vietnamese-only article), the model gets only the few units code selected, numbered,
and writes one or two short sentences in the reader's language (streamed): translating
and phrasing is what a small model does well, deciding what is true is not. Each
sentence is then checked against the one unit it cites (:mod:`rag.cite`); what no unit
states is dropped. When the units are already in the reader's language, they are the
answer as they stand: measured on the devgen set, the packaged 1.5B model's rewording
only lost facts and sometimes meaning ("thống nhất về chủ trương" -> "thống nhất đã chủ
trương"). Lists and metadata are assembled by code in every backend - a small model
drops items and misreads dates - and declines are decided by code before the model is
called; the model's only part in a list is to translate, one item at a time, the items
the reader cannot read, each kept beside its original only if it checks against it.
When the model is down, declines to answer, or nothing it wrote survives the checks,
the extractive answer is given with a notice, and ``Answer.fallback`` says why.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from typing import Any

from langchain_core.output_parsers import StrOutputParser

from rag.answers import Draft, listing
from rag.answers.quoting import in_language, quoted, swapped
from rag.backends import register
from rag.backends.base import Job, extracted, finish
from rag.cite import check_answer
from rag.cite import in_language as cited_language
from rag.evidence import Evidence, holds_wanted
from rag.prompts import ANSWER_IN, ANSWER_PROMPT, LANGUAGE_NAMES, NOT_FOUND, TRANSLATE_PROMPT
from rag.replies import reply
from rag.types import Answer
from rag.verify import translation_problem

log = logging.getLogger(__name__)

_WRITTEN_BY_CODE = ("list", "metadata")


@register("local", "openai")
class Generative:
    def run(self, job: Job) -> Iterator[str | Answer]:
        if job.verdict.answerable and _foreign_list(job) and job.chat is not None:
            yield from self._translated_list(job)
        elif job.verdict.answerable and _foreign_list(job):
            yield self._fallback(job, "not_loaded")  # the quoted list, with a notice
        elif (not job.verdict.answerable or job.intent.shape in _WRITTEN_BY_CODE
                or (job.settings.llm_words == "translations" and _readable_as_is(job))):
            yield finish(job, extracted(job))
        elif job.chat is None:
            yield self._fallback(job, "not_loaded")
        else:
            yield from self._generated(job)

    def _translated_list(self, job: Job) -> Iterator[str | Answer]:
        """A list the article has only in the other language: code chooses and orders
        the items (``rag.answers.listing``), the model translates them one at a time,
        and each translation is kept only if it checks against its item
        (``rag.verify.translation_problem``); an item that does not is quoted alone.
        Each line is streamed as it comes, so the reader is not kept waiting for all."""
        selection, language = job.selection, job.intent.language
        # the lead-in stays quoted: the answer's own first line already says what follows
        foreign = [e for e in selection.units if in_language(e, language) is None]
        translated: dict[str, str] = {}
        dropped: list[dict[str, Any]] = []
        start = time.perf_counter()
        for evidence in foreign[:job.settings.llm_list_items]:
            try:
                text = _translation(job, evidence.unit.text)
            except Exception as exc:  # any backend failure falls back to the quoted list
                log.warning("translation failed: %s", type(exc).__name__)
                yield self._fallback(job, "failed", type(exc).__name__)
                return
            job.timings.setdefault("first_token", time.perf_counter() - job.started)
            problem = translation_problem(text, evidence.unit.text) if text else "empty"
            if not problem and cited_language(text, language):
                translated[evidence.unit.id] = text
                yield f"- {text}\n"
            else:
                dropped.append({"statement": text, "evidence": [evidence.unit.text],
                                "reason": problem or "not in the reader's language"})
        job.timings["generation"] = time.perf_counter() - start
        yield finish(job, listing.compose(job.intent, selection, translated), dropped=dropped)

    def _generated(self, job: Job) -> Iterator[str | Answer]:
        shown = [_in_reader_language(e, job.intent.language)
                 for e in job.selection.units[:job.settings.llm_passages]]
        inputs = {"facts": render(shown), "question": job.intent.question,
                  "answer_in": ANSWER_IN[job.intent.language]}
        pieces: list[str] = []
        start = time.perf_counter()
        try:
            for piece in (ANSWER_PROMPT | job.chat | StrOutputParser()).stream(inputs):
                if not pieces:
                    job.timings["first_token"] = time.perf_counter() - job.started
                pieces.append(piece)
                yield piece
        except Exception as exc:  # any backend failure (down, timeout, bad reply) falls back
            log.warning("generation failed: %s", type(exc).__name__)
            yield self._fallback(job, "failed", type(exc).__name__)
            return
        job.timings["generation"] = time.perf_counter() - start
        yield self._checked(job, "".join(pieces).strip(), shown)

    def _checked(self, job: Job, raw: str, shown: list[Evidence]) -> Answer:
        if not raw or NOT_FOUND in raw:
            return self._fallback(job, "model_declined")
        checked = check_answer(raw, shown, job.intent.language)
        if not checked.cited or not holds_wanted(job.intent, checked.text):
            return self._fallback(job, "unverified", dropped=checked.dropped)
        return finish(job, _with_originals(job, checked.text, checked.cited),
                      dropped=checked.dropped)

    @staticmethod
    def _fallback(job: Job, reason: str, detail: str = "",
                  dropped: list[dict[str, Any]] | None = None) -> Answer:
        key = {"failed": "notice_failed", "not_loaded": "notice_failed",
               "model_declined": "notice_model_declined"}.get(reason, "notice_unverified")
        notice = reply(key, job.intent.language, reason=detail or reason.replace("_", " "))
        return finish(job, extracted(job), fallback=reason, notice=notice, dropped=dropped)


def _with_originals(job: Job, text: str, cited: list[Evidence]) -> Draft:
    """The model's checked sentences, then each cited unit the reader cannot read in
    their language, quoted in the original under the same marker: a translation a reader
    can check against its source without opening it."""
    draft = Draft(text, list(cited))
    quotes = [f"{reply('quote_other', job.intent.language)}{quoted(e.unit.text)} [{n}]"
              for n, e in enumerate(cited, start=1) if in_language(e, job.intent.language) is None]
    draft.text = " ".join([text, *quotes])
    return draft


def _foreign_list(job: Job) -> bool:
    """Is the answer a list of items the reader's language has no version of?"""
    return (job.intent.shape == "list" and job.selection.enumeration
            and any(in_language(e, job.intent.language) is None for e in job.selection.units))


def _translation(job: Job, text: str) -> str:
    """The model's translation of one unit into the reader's language (its first line)."""
    reply_text = (TRANSLATE_PROMPT | job.chat | StrOutputParser()).invoke(
        {"target": LANGUAGE_NAMES[job.intent.language], "text": " ".join(text.split())})
    lines = [line.strip() for line in reply_text.strip().splitlines() if line.strip()]
    said = [line for line in lines if not line.endswith(":")]  # "The translation is:"
    return said[0].strip('"“”') if said else ""


def _readable_as_is(job: Job) -> bool:
    """Every chosen unit has a version in the reader's language: nothing to translate."""
    return all(in_language(e, job.intent.language) is not None for e in job.selection.units)


def _in_reader_language(evidence: Evidence, language: str) -> Evidence:
    """Show the model the unit's version in the reader's language when there is one."""
    version = in_language(evidence, language)
    return swapped(evidence) if version is not None and version is not evidence.unit else evidence


def render(shown: list[Evidence]) -> str:
    """The numbered facts block of the prompt."""
    return "\n".join(f"[{n}] {' '.join(e.unit.text.split())}" for n, e in enumerate(shown, 1))
