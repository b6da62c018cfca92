"""Adding an article to the documents folder (the UI's upload), safely.

The uploaded name is never used as a path: the file is saved as ``<id>.<suffix>``
after its content and metadata have been validated, so ``../`` in a name, a broken
encoding or a duplicate id cannot damage the corpus.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import yaml

from rag.config import Settings
from rag.documents import Document, load_documents, parse_document
from rag.errors import DocumentError

ACCEPTED = (".txt", ".md")
_META_KEYS = ("id", "title", "language", "published", "source", "byline", "translation_of")


def add_document_file(settings: Settings, filename: str, data: bytes, meta: dict[str, Any]) -> Path:
    """Validate an upload and write it into the documents folder; returns the new path."""
    suffix = Path(filename).suffix.lower()
    if suffix not in ACCEPTED:
        raise DocumentError(f"Only {', '.join(ACCEPTED)} files are accepted.",
                            f"Chỉ nhận tệp {', '.join(ACCEPTED)}.")
    if len(data) > settings.max_upload_bytes:
        raise DocumentError(
            f"The file is too large ({len(data):,} bytes; the limit is {settings.max_upload_bytes:,}).",
            f"Tệp quá lớn ({len(data):,} byte; giới hạn {settings.max_upload_bytes:,}).")
    doc = parse_document(data, name=Path(filename).name)
    doc = _with_meta(doc, {k: v for k, v in meta.items() if k in _META_KEYS and v})
    _check_unique(settings, doc)
    target = settings.documents_dir / f"{doc.id}{suffix}"
    _atomic_write(target, _serialise(doc))
    return target


def _with_meta(doc: Document, meta: dict[str, Any]) -> Document:
    """Form fields override the file's own front matter; re-validated by parsing."""
    merged = {**doc.metadata(), "byline": doc.byline, **meta}
    return parse_document(_serialise_fields(merged, doc.body), name=f"{merged['id']}.md")


def _check_unique(settings: Settings, doc: Document) -> None:
    docs, _ = load_documents(settings.documents_dir)
    for other in docs:
        if other.id == doc.id and Path(other.path or "").stem != doc.id:
            raise DocumentError(f"The id '{doc.id}' is already used by {other.path}.",
                                f"Mã '{doc.id}' đã được dùng cho {other.path}.")


def _serialise(doc: Document) -> str:
    return _serialise_fields({**doc.metadata(), "byline": doc.byline}, doc.body)


def _serialise_fields(meta: dict[str, Any], body: str) -> str:
    front = yaml.safe_dump({k: meta.get(k) for k in _META_KEYS}, allow_unicode=True, sort_keys=False)
    return f"---\n{front}---\n\n{body}\n"


def _atomic_write(target: Path, text: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".upload-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
