"""The article library: adding, correcting, listing and removing article files, safely.

The uploaded name is never used as a path: the file is saved as ``<id>.<suffix>``
after its content and metadata have been validated, so ``../`` in a name, a broken
encoding or a duplicate id cannot damage the corpus. An upload keeps its original
bytes (a saved page stays a page), with form fields as front matter.

A correction (title, date, language, "translation of") is written into the file's front
matter, where it wins over what the reader detected; the file is rewritten atomically
and its previous version copied to ``<data dir>/backups`` first. A deleted article's
file is moved to ``<data dir>/trash``, never erased.
"""

from __future__ import annotations

import re
import shutil
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from rag.config import Settings
from rag.dates import parse_date
from rag.documents import META_KEYS, Document, load_documents, parse_document, split_front_matter
from rag.errors import DocumentError
from rag.folders import write_atomic
from rag.formats import SUFFIXES, describe, format_for
from rag.textnorm import fold

CORRECTABLE = ("title", "published", "language", "translation_of")
StoreStamps = Mapping[str, tuple[str, int]]
"""doc id -> (content hash the index holds, number of passages indexed)."""


def with_front_matter(data: bytes, updates: Mapping[str, Any], name: str) -> bytes:
    """The file's bytes with ``updates`` merged into its front matter (a None value
    records "none"); the rest of the file is kept byte for byte."""
    meta, rest = split_front_matter(data, name)
    if not updates and not meta:
        return data
    merged = {**meta, **updates}
    front = yaml.safe_dump({k: merged[k] for k in merged}, allow_unicode=True, sort_keys=False)
    return f"---\n{front}---\n".encode() + rest


def add_document_file(settings: Settings, filename: str, data: bytes, meta: dict[str, Any]) -> Path:
    """Validate an upload and write it into the documents folder; returns the new path."""
    suffix = Path(filename).suffix.lower()
    if format_for(filename) is None:
        raise DocumentError(f"Only these files are accepted: {describe('en')}.",
                            f"Chỉ nhận các tệp: {describe('vi')}.")
    if len(data) > settings.max_upload_bytes:
        raise DocumentError(
            f"The file is too large ({len(data):,} bytes; the limit is {settings.max_upload_bytes:,}).",
            f"Tệp quá lớn ({len(data):,} byte; giới hạn {settings.max_upload_bytes:,}).")
    stem = _slug(Path(Path(filename).name).stem)
    parse_document(data, name=f"{stem}{suffix}")  # the file itself must be readable
    fields = {k: v for k, v in meta.items() if k in META_KEYS and v}
    content = with_front_matter(data, fields, filename)
    doc = parse_document(content, name=f"{fields.get('id') or stem}{suffix}")
    _check_unique(settings, doc)
    target = settings.documents_dir / f"{doc.id}{suffix}"
    write_atomic(target, content)
    return target


def _slug(stem: str) -> str:
    """A file name's stem as an id: "Bài mới (1)" -> "bai-moi-1"."""
    return re.sub(r"[^a-z0-9_-]+", "-", fold(stem)).strip("-_")[:100] or "article"


def _check_unique(settings: Settings, doc: Document) -> None:
    docs, _ = load_documents(settings.documents_dir)
    for other in docs:
        if other.id == doc.id and Path(other.path or "").stem != doc.id:
            raise DocumentError(f"The id '{doc.id}' is already used by {other.path}.",
                                f"Mã '{doc.id}' đã được dùng cho {other.path}.")


def find_document(settings: Settings, doc_id: str) -> tuple[Document, Path]:
    """The article with ``doc_id`` and its file, or a DocumentError naming the id."""
    docs, _ = load_documents(settings.documents_dir)
    for doc in docs:
        if doc.id == doc_id and doc.path:
            return doc, settings.documents_dir / doc.path
    raise DocumentError(f"There is no article with the id '{doc_id[:80]}'.",
                        f"Không có bài viết nào có mã '{doc_id[:80]}'.")


def _checked(changes: Mapping[str, Any], doc: Document, settings: Settings) -> dict[str, Any]:
    """Corrections as front-matter values: dates in ISO form, ids that exist."""
    out: dict[str, Any] = {}
    for key, value in changes.items():
        if key not in CORRECTABLE:
            continue
        text = str(value).strip() if value is not None else ""
        if key == "published" and text:
            found = parse_date(text)
            if found is None:
                raise DocumentError(f"'{text[:40]}' is not a date; write it as YYYY-MM-DD.",
                                    f"'{text[:40]}' không phải là ngày; hãy viết dạng YYYY-MM-DD.")
            text = found.iso
        if key == "language" and text not in ("vi", "en"):
            raise DocumentError("The language must be 'vi' or 'en'.", "Ngôn ngữ phải là 'vi' hoặc 'en'.")
        if key == "translation_of" and text:
            if text == doc.id:
                raise DocumentError("An article cannot be its own translation.",
                                    "Một bài không thể là bản dịch của chính nó.")
            find_document(settings, text)
        out[key] = text or None
    return out


def correct_document(settings: Settings, doc_id: str, changes: Mapping[str, Any]) -> Document:
    """Write a reader's corrections into the article's front matter; returns the article
    as it now reads. ``translation_of: None`` undoes an automatic translation link."""
    doc, path = find_document(settings, doc_id)
    updates = _checked(changes, doc, settings)
    old = path.read_bytes()
    new = with_front_matter(old, updates, path.name)
    corrected = parse_document(new, name=doc.path or path.name)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    backup = settings.backups_dir / f"{stamp}-{(doc.path or path.name).replace('/', '_')}"
    backup.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(path, backup)
    write_atomic(path, new)
    return corrected


def trash_document(settings: Settings, doc_id: str) -> Path:
    """Move the article's file out of the documents folder into the trash; returns
    where it went."""
    doc, path = find_document(settings, doc_id)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = settings.trash_dir / f"{stamp}-{(doc.path or path.name).replace('/', '_')}"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(str(path), target)
    return target


def _status(doc: Document, stamps: StoreStamps) -> str:
    held = stamps.get(doc.id)
    if held is None:
        return "not indexed"
    return "indexed" if held[0] == doc.content_hash else "changed, re-index pending"


def catalog(docs: list[Document], problems: list[DocumentError], stamps: StoreStamps,
            scores: Mapping[str, float]) -> list[dict[str, Any]]:
    """One row per article file for the Articles tab and ``rag ingest``: metadata, what
    was found or is missing, passages indexed, translation link and index status."""
    titles = {d.id: d.title for d in docs}
    rows = []
    for doc in sorted(docs, key=lambda d: d.path or d.id):
        rows.append({
            **doc.metadata(), "byline": doc.byline, "url": doc.url, "path": doc.path,
            "format": doc.format, "chunks": stamps.get(doc.id, ("", 0))[1],
            "status": _status(doc, stamps), "missing": doc.missing(),
            "original_title": titles.get(doc.translation_of or ""),
            "link": ("auto" if doc.id in scores else "file") if doc.translation_of else None,
            "link_score": scores.get(doc.id),
        })
    for problem in problems:
        path = problem.en.split(":", 1)[0]
        if path.lower().endswith(SUFFIXES):
            rows.append({"id": None, "path": path, "status": f"error: {problem.en}",
                         "status_vi": f"lỗi: {problem.vi}", "chunks": 0, "missing": []})
    return rows
