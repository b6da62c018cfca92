"""The answer pipeline: question -> intent -> (rewrite) -> retrieve -> evidence -> gate ->
backend (write, check, cite) -> Answer. A compound question (``rag.parts``) is selected
and gated part by part over one retrieval.

``Pipeline`` owns the loaded parts (embedder, stores, chat models) so the first call
loads them and later calls reuse them. The UI, CLI and eval call it only through
``rag.answer`` / ``rag.answer_stream`` and the few document methods below.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from rag.components.embedding import Embedder, EmbedderError, load_embedder
from rag.components.llm import LLMError, load_chat_model, model_label
from rag.config import Backend, Settings, get_settings
from rag.errors import IndexError_, ModelError
from rag.backends import get_backend
from rag.backends.base import Job
from rag import parts
from rag.evidence import Evidence, Selection, Selector
from rag.gate import Verdict, answering, assess
from rag.ingest import IngestReport, ingest
from rag.intent import Intent, read_intent, with_history
from rag.lexical import LexicalIndex
from rag.dates import parse_date
from rag.documents import load_documents
from rag.library import add_document_file, catalog, correct_document, trash_document
from rag.questions import check_question
from rag.replies import reply
from rag.retrieve import HybridRetriever, Mode, Retrieval
from rag.rewrite import standalone_question
from rag.scope import ArticleDates, Scope, mentions, resolve, within
from rag.store import ChunkStore
from rag.translations import LinkBook
from rag.types import Answer
from rag.units import UnitIndex

log = logging.getLogger(__name__)
_CITED = re.compile(r"\[\d+\]")
_SPLIT_SHAPES = ("fact", "yesno")  # a list or a summary already gives every point

History = list[tuple[str, str]]


class Pipeline:
    """Loaded models and indexes, shared by every request of the process."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or get_settings()
        self._lock = threading.RLock()
        self._embedder: Embedder | None = None
        self._retriever: HybridRetriever | None = None
        self._selector: Selector | None = None
        self._chat_models: dict[str, Any] = {}
        self._dates: list[ArticleDates] | None = None

    # ----- loading -------------------------------------------------------------------
    @property
    def embedder(self) -> Embedder:
        with self._lock:
            if self._embedder is None:
                try:
                    self._embedder = load_embedder(self.settings)
                except EmbedderError as exc:
                    raise ModelError(str(exc), f"Không tải được mô hình nhúng: {exc}") from exc
            return self._embedder

    @property
    def retriever(self) -> HybridRetriever:
        with self._lock:
            if self._retriever is None:
                self._retriever = self._open_retriever()
            return self._retriever

    @property
    def selector(self) -> Selector:
        with self._lock:
            if self._selector is None:
                units = UnitIndex.load(self.settings.units_dir)
                if units is None:
                    raise IndexError_(
                        "The evidence units are missing: run `rag ingest` to finish indexing.",
                        "Thiếu các đơn vị trích dẫn: hãy chạy `rag ingest` để hoàn tất lập chỉ mục.",
                    )
                self._selector = Selector(units, self.retriever.lexical.idf,
                                          self.embedder.embed_documents)
            return self._selector

    def _open_retriever(self) -> HybridRetriever:
        local_store_missing = not self.settings.chroma_host and not self.settings.chroma_dir.exists()
        store = None if local_store_missing else ChunkStore(
            self.settings, self.embedder.model_id, self.embedder.dimension)
        if store is None or store.count() == 0:
            raise IndexError_(
                "The index is empty: run `rag ingest` to index the articles first.",
                "Chỉ mục đang trống: hãy chạy `rag ingest` để lập chỉ mục các bài viết trước.",
            )
        lexical = LexicalIndex.load(self.settings.lexical_dir)
        if lexical is None or len(lexical.ids) != store.count():
            raise IndexError_(
                "The keyword index is missing or out of date: run `rag ingest` to finish indexing.",
                "Chỉ mục từ khóa bị thiếu hoặc cũ: hãy chạy `rag ingest` để hoàn tất lập chỉ mục.",
            )
        return HybridRetriever(settings=self.settings, embedder=self.embedder, store=store,
                               lexical=lexical)

    def chat_model(self, backend: Backend) -> Any:
        with self._lock:
            if backend not in self._chat_models:
                try:
                    self._chat_models[backend] = load_chat_model(backend, self.settings)
                except LLMError as exc:
                    raise ModelError(str(exc), f"Không tải được mô hình ngôn ngữ: {exc}") from exc
            return self._chat_models[backend]

    def warm_up(self, backend: Backend | None = None) -> None:
        """Load everything a first question needs, so it is not paid by a reader."""
        self.selector.embed(["warm-up"])  # loads the embedder, the indexes and the units
        backend = backend or self.settings.backend
        if backend != "extractive":
            self.chat_model(backend)

    # ----- answering -----------------------------------------------------------------
    def retrieve(self, question: str, history: History | None = None, mode: Mode | None = None
                 ) -> Retrieval:
        """Retrieval alone (for evaluation and benchmarks), with the model-free follow-up
        rewrite that the extractive backend uses."""
        query = standalone_question(question, history or [], None)
        return self.retriever.search(query, read_intent(query), mode=mode)

    def stream(self, question: str, history: History, *, backend: Backend | None = None,
               language: str | None = None, documents: list[str] | None = None,
               since: str | None = None, until: str | None = None) -> Iterator[str | Answer]:
        """Yield text pieces, then the final :class:`Answer` (see ``rag.answer_stream``)."""
        started = time.perf_counter()
        question, lang = check_question(question, self.settings.max_question_chars, language)
        backend = backend or self.settings.backend
        if lang not in ("vi", "en"):
            yield Answer(reply("third_language", "en"), [], "en", False, question, backend)
            return
        chat = None if backend == "extractive" else self._chat_or_none(backend)
        query = standalone_question(question, history,
                                    chat if self.settings.followups == "model" else None)
        intent = with_history(read_intent(query, lang, asked=question), history)
        scope = within(resolve(query, self.article_dates(), documents, since, until),
                       self._conversation(history, intent.own_names))
        if scope.doc_ids == frozenset():
            yield Answer(reply("out_of_scope", lang), [], lang, False, question, backend)
            return
        retrieval = self._retrieval(query, question, intent, scope.doc_ids)
        select_start = time.perf_counter()
        selection, verdict = self._judged(intent, retrieval)
        if intent.shape in _SPLIT_SHAPES and len(pieces := parts.split(query)) > 1:
            selection, verdict = self._by_parts(pieces, intent, retrieval, selection, verdict)
        timings = {**retrieval.timings, "retrieval": sum(retrieval.timings.values()),
                   "evidence": time.perf_counter() - select_start}
        job = Job(question=question, intent=intent, selection=selection, verdict=verdict,
                  settings=self.settings, backend=backend, model=self.label(backend),
                  started=started, retrieved=[p.chunk.id for p in retrieval.passages],
                  chat=chat, timings=timings)
        for item in get_backend(backend).run(job):
            yield _with_scope_notice(item, scope, lang)

    def _retrieval(self, query: str, asked: str, intent: Intent,
                   doc_ids: frozenset[str] | None) -> Retrieval:
        """The passages for ``query``; for a follow-up that moves to a new topic within
        the conversation's article, those of the reader's own words first: with the
        earlier question prepended, its topic outweighs the few words of the new one."""
        whole = self.retriever.search(query, intent, doc_ids=doc_ids)
        if not (intent.shifts_topic and doc_ids):
            return whole
        return _ahead(self.retriever.search(asked, intent, doc_ids=doc_ids), whole)

    def _judged(self, intent: Intent, retrieval: Retrieval) -> tuple[Selection, Verdict]:
        """The evidence chosen for ``intent`` and the gate's verdict on it."""
        selection = self.selector.select(intent, retrieval)
        verdict = assess(intent, retrieval, selection, self.settings.min_dense,
                         self.settings.min_coverage)
        return answering(intent, selection, verdict), verdict

    def _by_parts(self, pieces: list[str], asked: Intent, retrieval: Retrieval,
                  whole: Selection, verdict: Verdict) -> tuple[Selection, Verdict]:
        """A compound question answered part by part over the whole one's retrieval:
        the units of every part the gate lets through, each led by its own part's
        value. The whole question's evidence stays when the gate passed it and declines
        a part, or passes no part."""
        answered: list[Evidence] = []
        article = _top_article(retrieval)
        for at, piece in enumerate(pieces):
            intent = replace(read_intent(piece, asked.language, asked=piece), whole=asked,
                             told=asked.told)
            if intent.shape not in _SPLIT_SHAPES:
                return whole, verdict
            # the whole's passages are mostly about its first part; a later part is
            # looked for on its own, unless it leans on the first ("how big is its share?")
            own = (self._judged(intent, self._part_retrieval(piece, intent, article, retrieval))
                   if at and not parts.leans(piece) else None)
            selection, judged = own if own and own[1].answerable else self._judged(intent, retrieval)
            if judged.answerable:
                taken = {e.unit.id for e in answered}
                answered += [replace(e, asked=intent) for e in selection.units
                             if e.unit.id not in taken]
            elif verdict.answerable:
                return whole, verdict
        return (Selection(answered), Verdict(True)) if answered else (whole, verdict)

    def _part_retrieval(self, piece: str, intent: Intent, article: frozenset[str],
                        whole: Retrieval) -> Retrieval:
        """What a later part of a compound question is answered from: its own retrieval
        in the article the whole question is about, ahead of the whole's passages.
        The whole's top passages answer its first part; the second part ("..., and how
        much of its capital has been disbursed?") is often in another paragraph."""
        if not article:
            return whole
        return _ahead(self.retriever.search(piece, intent, doc_ids=article), whole)

    def _conversation(self, history: History, names: frozenset[str]) -> frozenset[str] | None:
        """The article a follow-up continues: the one the previous turn (its question,
        and the answer quoting the article) retrieves first, with its translation -
        unless the follow-up names (``names``, as the reader typed them) something that
        article does not: the reader moved on to another article."""
        if not history or not _CITED.search(history[-1][1]):
            return None
        asked, answered = history[-1]
        turn = f"{asked} {_CITED.sub(' ', answered)}"
        found = self.retriever.search(turn, read_intent(turn)).passages
        if not found:
            return None
        units = self.selector.units
        doc_id = found[0].chunk.doc_id
        articles = {doc_id} | {other.doc_id for u in units.for_doc(doc_id)
                               if (other := units.counterpart(u.id)) is not None}
        return frozenset(articles) if units.gives_names(articles, names) else None

    def _chat_or_none(self, backend: Backend) -> Any:
        try:
            return self.chat_model(backend)
        except ModelError:
            log.exception("chat model %s unavailable; answering extractively", backend)
            return None

    def label(self, backend: Backend) -> str:
        return "extractive (no LLM)" if backend == "extractive" else model_label(backend, self.settings)

    # ----- documents -----------------------------------------------------------------
    def ingest(self, rebuild: bool = False, progress: Callable[[float, str], None] | None = None
               ) -> IngestReport:
        """Re-index the documents folder, then reopen the indexes for the next question."""
        with self._lock:
            report = ingest(self.settings, self.embedder, rebuild=rebuild, progress=progress)
            self._retriever = None
            self._selector = None
            self._dates = None
            return report

    def _library(self) -> tuple[list[Any], list[Any], dict[str, float]]:
        """The article files as ingest reads them (automatic translation links applied),
        their problems, and the scores of the automatic links."""
        docs, problems = load_documents(self.settings.documents_dir, self.settings.max_document_bytes)
        links = LinkBook(self.settings.translations_file).links
        linked = [replace(d, translation_of=links[d.id].original)
                  if d.id in links and not d.translation_of else d for d in docs]
        return linked, problems, {t: link.score for t, link in links.items()}

    def documents(self) -> list[dict[str, Any]]:
        """Every article file with its metadata, what is missing, its passages indexed,
        its translation link and index status (``rag.library.catalog``)."""
        docs, problems, scores = self._library()
        try:
            stamps = self.retriever.store.doc_stamps()
        except IndexError_:  # nothing indexed yet: every article is listed as not indexed
            stamps = {}
        return catalog(docs, problems, stamps, scores)

    def article_dates(self) -> list[ArticleDates]:
        """Publication day and periods named, per article, for scoping questions."""
        with self._lock:
            if self._dates is None:
                docs, _, _ = self._library()
                published = {d.id: parse_date(d.published) if d.published else None for d in docs}
                own = {k: v.day if v else None for k, v in published.items()}
                day = {d.id: own[d.id] or own.get(d.translation_of or "") for d in docs}
                self._dates = [ArticleDates(d.id, day[d.id], mentions(
                    d.body, day[d.id].year if day[d.id] else None)) for d in docs]
            return self._dates

    def correct_document(self, doc_id: str, changes: dict[str, Any],
                         progress: Callable[[float, str], None] | None = None) -> dict[str, Any]:
        """Keep a reader's corrections in the article's front matter, then re-index."""
        with self._lock:
            doc = correct_document(self.settings, doc_id, changes)
            report = self.ingest(progress=progress)
        return {"id": doc.id, "title": doc.title, "published": doc.published,
                "summary": report.summary()}

    def delete_document(self, doc_id: str) -> dict[str, Any]:
        """Remove an article: its file goes to the trash folder, its chunks leave Chroma
        and the lexical index, its units the unit index. Returns what was removed."""
        with self._lock:
            store = self.retriever.store
            chunks = store.doc_stamps().get(doc_id, ("", 0))[1]
            lexical = sum(1 for cid in self.retriever.lexical.ids if cid.split(":", 1)[0] == doc_id)
            units = len(self.selector.units.for_doc(doc_id))
            trashed = trash_document(self.settings, doc_id)
            report = self.ingest()
        return {"id": doc_id, "file": str(trashed), "chunks": chunks, "lexical": lexical,
                "units": units, "summary": report.summary()}

    def add_document(self, filename: str, data: bytes, meta: dict[str, Any],
                     progress: Callable[[float, str], None] | None = None) -> dict[str, Any]:
        """Validate and save an uploaded article, then ingest it."""
        path: Path = add_document_file(self.settings, filename, data, meta)
        report = self.ingest(progress=progress)
        return {"id": path.stem, "path": path.name, "summary": report.summary(),
                "embedded": report.embedded}

    def info(self) -> dict[str, Any]:
        backend = self.settings.backend
        return {"backend": backend, "model": self.label(backend),
                "embedder": self.embedder.model_id, "chunks": self.retriever.store.count()}


def _ahead(own: Retrieval, whole: Retrieval) -> Retrieval:
    """``own``'s passages, then those of ``whole`` not among them; the gate judges
    retrieval strength on ``whole``'s top score."""
    seen = {p.chunk.id for p in own.passages}
    extra = [p for p in whole.passages if p.chunk.id not in seen]
    return replace(own, passages=[*own.passages, *extra], top_dense=whole.top_dense)


def _top_article(retrieval: Retrieval) -> frozenset[str]:
    """The article retrieval ranked first, with its translation."""
    if not retrieval.passages:
        return frozenset()
    top = retrieval.passages[0]
    return frozenset({top.chunk.doc_id, *([top.counterpart.doc_id] if top.counterpart else [])})


def _with_scope_notice(item: str | Answer, scope: Scope, language: str) -> str | Answer:
    """Tell the reader when a period named in the question narrowed the search."""
    if isinstance(item, str) or scope.period is None:
        return item
    start, end = (d.strftime("%d/%m/%Y" if language == "vi" else "%Y-%m-%d") for d in scope.period)
    note = reply("notice_scope", language, start=start, end=end)
    return replace(item, notice=f"{item.notice} {note}" if item.notice else note)


_PIPELINE: Pipeline | None = None
_PIPELINE_LOCK = threading.Lock()


def get_pipeline() -> Pipeline:
    """The process-wide pipeline, created on first use."""
    global _PIPELINE
    with _PIPELINE_LOCK:
        if _PIPELINE is None:
            _PIPELINE = Pipeline()
        return _PIPELINE
