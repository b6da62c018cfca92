"""Stage 3: documents -> chunks -> vectors in Chroma + the BM25 index, incrementally.

Chunk ids are content hashes, so running ingest twice embeds nothing the second time,
an edited article's old chunks are replaced and a removed article's are deleted. The
order of writes makes an interrupted ingest harmless: new chunks are upserted first,
stale ones deleted next, the lexical index swapped in last; the next run finishes the job.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from tqdm import tqdm

from rag.align import align, memoized
from rag.chunking import chunk_document, search_text
from rag.components.embedding import Embedder
from rag.config import Settings
from rag.documents import Document, display_title, load_documents
from rag.errors import DocumentError, IndexError_
from rag.lexical import LexicalIndex, fingerprint
from rag.store import ChunkStore, DocumentStamp
from rag.translations import Link, link_translations
from rag.types import Chunk
from rag.units import UnitIndex, rebuild_units, unit_stamps

log = logging.getLogger(__name__)

Progress = Callable[[float, str], None]
STORE_BATCH = 256
"""Chunks embedded and upserted together: an interrupted ingest loses at most this many."""


_FIELD_NAMES = {"title": "title", "published": "date", "byline": "byline"}


@dataclass(frozen=True)
class FileReport:
    """What ingest found in one article file: for the reader to check and correct."""

    doc_id: str
    path: str
    format: str
    language: str
    title: str | None
    published: str | None
    byline: str | None
    passages: int
    translation_of: str | None
    link_score: float | None
    missing: tuple[str, ...]

    def notes(self) -> list[str]:
        """ "no date found in x.txt", one per missing header field."""
        borrowed = " (its original's is shown)" if self.translation_of else ""
        return [f"no {_FIELD_NAMES[f]} found in {self.path}"
                + (borrowed if f in ("title", "published") else "") for f in self.missing]


@dataclass
class IngestReport:
    """What one ingest run did, for the CLI, the UI and tests."""

    documents: int = 0
    chunks: int = 0
    embedded: int = 0
    deleted: int = 0
    problems: list[str] = field(default_factory=list)
    files: list[FileReport] = field(default_factory=list)

    def summary(self) -> str:
        text = (f"{self.documents} documents, {self.chunks} chunks: {self.embedded} embedded, "
                f"{self.deleted} deleted")
        return text + "".join(f"\n  skipped: {p}" for p in self.problems)


def file_reports(docs: Sequence[Document], planned: Sequence[_Planned], links: dict[str, Link]
                 ) -> list[FileReport]:
    """One report per document, in file order."""
    passages: dict[str, int] = {}
    for p in planned:
        passages[p.chunk.doc_id] = passages.get(p.chunk.doc_id, 0) + 1
    return [FileReport(d.id, d.path or "", d.format, d.language, d.title, d.published, d.byline,
                       passages.get(d.id, 0), d.translation_of,
                       links[d.id].score if d.id in links else None, tuple(d.missing()))
            for d in sorted(docs, key=lambda d: d.path or d.id)]


@dataclass(frozen=True)
class _Planned:
    chunk: Chunk
    search: str


def plan_chunks(docs: Sequence[Document], max_chars: int) -> list[_Planned]:
    """Every chunk of every document with the text that is embedded for it."""
    titles = {d.id: d.title for d in docs}
    planned = []
    for doc in docs:
        title = display_title(doc.title, titles.get(doc.translation_of or ""), doc.language)
        for n, chunk in enumerate(chunk_document(doc, max_chars, title)):
            planned.append(_Planned(chunk, search_text(chunk, doc, first=n == 0)))
    return planned


def ingest(settings: Settings, embedder: Embedder, *, rebuild: bool = False,
           progress: Progress | None = None) -> IngestReport:
    """Bring the index in line with ``settings.documents_dir``."""
    docs, problems = load_documents(settings.documents_dir, settings.max_document_bytes, progress=True)
    try:
        return _ingest(settings, embedder, docs, problems, rebuild, progress)
    except OSError as exc:  # disk full, permissions: the previous index stays as it was
        raise IndexError_(
            f"Indexing stopped: {exc.strerror or exc}. Free some disk space or check the "
            f"permissions of {settings.data_dir}, then run `rag ingest` again; the previous "
            "index is still usable.",
            f"Lập chỉ mục bị dừng: {exc.strerror or exc}. Hãy giải phóng dung lượng đĩa hoặc "
            f"kiểm tra quyền ghi {settings.data_dir}, rồi chạy lại `rag ingest`; chỉ mục cũ "
            "vẫn dùng được.",
        ) from exc


def _ingest(settings: Settings, embedder: Embedder, docs: list[Document],
            problems: list[DocumentError], rebuild: bool, progress: Progress | None
            ) -> IngestReport:
    store = ChunkStore(settings, embedder.model_id, embedder.dimension, reset=rebuild)
    # recognising a translation without front matter compares passages; its scores are
    # kept in var/translations.json, so a pair's passages are embedded for it only once
    docs, links = link_translations(docs, settings, memoized(embedder.embed_documents))
    planned = plan_chunks(docs, settings.chunk_max_chars)
    report = IngestReport(documents=len(docs), chunks=len(planned),
                          problems=[p.en for p in problems],
                          files=file_reports(docs, planned, links))
    stamps: dict[str, DocumentStamp] = {d.id: (d.content_hash, d.path or "") for d in docs}
    existing = store.existing_ids([p.chunk.id for p in planned])
    todo = [p for p in planned if p.chunk.id not in existing]
    report.embedded = _embed_and_store(store, embedder, todo, stamps, progress)
    stale = _delete_stale(store, planned, broken_paths=_broken_paths(problems))
    report.deleted = len(stale)
    changed = {p.chunk.doc_id for p in todo} | {cid.split(":", 1)[0] for cid in stale}
    link_counterparts(store, planned, docs, changed)
    _save_lexical(settings, store, planned)
    _save_units(settings, store, docs)
    if progress:
        progress(1.0, report.summary())
    return report


def _broken_paths(problems: Sequence[Exception]) -> set[str]:
    return {str(p).split(":", 1)[0] for p in problems}


def _embed_and_store(store: ChunkStore, embedder: Embedder, todo: list[_Planned],
                     stamps: dict[str, DocumentStamp], progress: Progress | None) -> int:
    """Embed in batches and upsert each batch at once, so a kill loses at most one batch.

    Shortest texts first: each batch then holds texts of about one length, and the
    embedder pads a forward pass to its longest text.
    """
    todo = sorted(todo, key=lambda p: len(p.search))
    bar = tqdm(total=len(todo), desc="embedding chunks", unit="chunk", disable=not todo)
    for start in range(0, len(todo), STORE_BATCH):
        part = todo[start:start + STORE_BATCH]
        vectors = embedder.embed_documents([p.search for p in part])
        store.upsert([p.chunk for p in part], vectors, stamps)
        bar.update(len(part))
        if progress:
            progress((start + len(part)) / len(todo) * 0.9, f"embedded {start + len(part)}/{len(todo)}")
    bar.close()
    return len(todo)


def _delete_stale(store: ChunkStore, planned: list[_Planned], broken_paths: set[str]
                  ) -> list[str]:
    """Remove chunks no current document produces, except those of files that failed to parse."""
    wanted = {p.chunk.id for p in planned}
    stale = [cid for path, ids in store.ids_by_path().items() if path not in broken_paths
             for cid in ids - wanted]
    store.delete_ids(stale)
    return stale


def link_counterparts(store: ChunkStore, planned: list[_Planned], docs: Sequence[Document],
                      changed: set[str]) -> None:
    """Link parallel passages of every translation pair that has a changed member, from
    the vectors already in the store (nothing is embedded again)."""
    by_doc: dict[str, list[Chunk]] = {}
    for p in planned:
        by_doc.setdefault(p.chunk.doc_id, []).append(p.chunk)
    pairs: dict[str, str] = {}
    for doc in docs:
        original = doc.translation_of
        if original in by_doc and {doc.id, original} & changed:
            family = by_doc[doc.id] + by_doc[original]
            pairs.update({c.id: "" for c in family})  # clears links to replaced chunks
            stored = store.get([c.id for c in family], with_embeddings=True)
            vectors = dict(zip(stored["ids"], stored["embeddings"]))
            pairs.update(align(by_doc[doc.id], by_doc[original], vectors))
    store.set_counterparts(pairs)


def _save_lexical(settings: Settings, store: ChunkStore, planned: list[_Planned]) -> None:
    """Rebuild the BM25 index when the chunk set changed (or it is missing or stale)."""
    current = LexicalIndex.load(settings.lexical_dir)
    ids = [p.chunk.id for p in planned]
    if current is None or current.fingerprint != fingerprint(ids):
        LexicalIndex.build(ids, [p.search for p in planned]).save(settings.lexical_dir)
        log.info("lexical index rebuilt: %d chunks", len(ids))


def _save_units(settings: Settings, store: ChunkStore, docs: Sequence[Document]) -> None:
    """Rebuild the evidence units (rag.units) when a document changed, or they are missing."""
    current = UnitIndex.load(settings.units_dir)
    if current is None or current.stamps != unit_stamps(docs):
        rebuild_units(current, docs, store.all_chunks()).save(settings.units_dir)
        log.info("evidence units rebuilt: %d documents", len(docs))
