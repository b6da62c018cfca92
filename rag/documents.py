"""Stage 1: article files -> :class:`Document` objects.

An article is a UTF-8 text or Markdown file with optional YAML front matter
(id, title, language, published, source, byline, translation_of). The body is
cleaned of scrape debris, and every character offset a citation reports is an
offset into that cleaned body.
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from rag.cleaning import clean_lines
from rag.errors import DocumentError
from rag.textnorm import detect_language, nfc

log = logging.getLogger(__name__)

SUFFIXES = (".md", ".txt", ".markdown")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*\r?\n", re.DOTALL)
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")
_LANGUAGES = {"vi", "en"}


@dataclass(frozen=True)
class Document:
    """One article version: its cleaned body and the metadata a citation shows."""

    id: str
    body: str
    language: str
    title: str | None = None
    published: str | None = None
    source: str | None = None
    byline: str | None = None
    translation_of: str | None = None
    path: str | None = None

    @property
    def content_hash(self) -> str:
        """Changes whenever anything a chunk stores changes, so edits are detected."""
        meta = f"{self.title}|{self.language}|{self.published}|{self.source}|{self.translation_of}"
        return hashlib.sha1(f"{meta}\n{self.body}".encode()).hexdigest()[:16]

    def metadata(self) -> dict[str, Any]:
        """Front-matter view for listings and the UI."""
        return {
            "id": self.id,
            "title": self.title,
            "language": self.language,
            "published": self.published,
            "source": self.source,
            "translation_of": self.translation_of,
        }


def parse_document(raw: bytes | str, *, name: str) -> Document:
    """Parse one article file's content; ``name`` (the file name) gives a fallback id."""
    text = _decode(raw, name)
    meta, body_raw = _split_front_matter(text, name)
    body = "\n\n".join(clean_lines(body_raw))
    if not body.strip():
        raise DocumentError(
            f"{name}: no article text is left after removing menus, counters and footers.",
            f"{name}: không còn nội dung bài viết sau khi loại bỏ menu, bộ đếm và chân trang.",
        )
    return _build(meta, body, name)


def _decode(raw: bytes | str, name: str) -> str:
    if isinstance(raw, str):
        return nfc(raw)
    try:
        return nfc(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise DocumentError(
            f"{name}: the file is not UTF-8 text (byte {exc.start}); save it as UTF-8 and retry.",
            f"{name}: tệp không phải văn bản UTF-8 (byte {exc.start}); hãy lưu lại dạng UTF-8.",
        ) from exc


def _split_front_matter(text: str, name: str) -> tuple[dict[str, Any], str]:
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    try:
        meta = yaml.safe_load(match.group(1)) or {}
    except yaml.YAMLError as exc:
        raise DocumentError(
            f"{name}: the metadata block between '---' lines is not valid YAML ({exc}).",
            f"{name}: khối thông tin giữa hai dòng '---' không phải YAML hợp lệ.",
        ) from exc
    if not isinstance(meta, dict):
        raise DocumentError(
            f"{name}: the metadata block must be 'key: value' lines.",
            f"{name}: khối thông tin phải gồm các dòng 'khóa: giá trị'.",
        )
    return meta, text[match.end():]


def _build(meta: dict[str, Any], body: str, name: str) -> Document:
    doc_id = _text(meta.get("id")) or Path(name).stem.replace(".", "-")
    if not _ID.match(doc_id):
        raise DocumentError(
            f"{name}: id '{doc_id[:60]}' must be letters, digits, '.', '_' or '-' (max 128).",
            f"{name}: mã '{doc_id[:60]}' chỉ được gồm chữ, số, '.', '_' hoặc '-' (tối đa 128).",
        )
    language = _text(meta.get("language")) or detect_language(body[:2000])
    if language not in _LANGUAGES:
        raise DocumentError(
            f"{name}: language '{language}' is not supported; use 'vi' or 'en'.",
            f"{name}: ngôn ngữ '{language}' chưa được hỗ trợ; dùng 'vi' hoặc 'en'.",
        )
    return Document(
        id=doc_id,
        body=body,
        language=language,
        title=_text(meta.get("title")),
        published=_text(meta.get("published")),
        source=_text(meta.get("source")),
        byline=_text(meta.get("byline")),
        translation_of=_text(meta.get("translation_of")),
        path=name,
    )


def _text(value: Any) -> str | None:
    """Metadata values as stripped strings; YAML may give dates or numbers."""
    if value is None:
        return None
    text = nfc(str(value)).strip()
    return text or None


def load_documents(directory: Path) -> tuple[list[Document], list[DocumentError]]:
    """Every readable article under ``directory`` plus the problems with the others.

    A broken file is reported, not fatal: the rest of the corpus still loads, and the
    caller keeps whatever the index already holds for the broken one.
    """
    if not directory.is_dir():
        raise DocumentError(
            f"The documents folder {directory} does not exist; create it or set RAG_DOCUMENTS_DIR.",
            f"Không có thư mục tài liệu {directory}; hãy tạo nó hoặc đặt RAG_DOCUMENTS_DIR.",
        )
    docs: dict[str, Document] = {}
    problems: list[DocumentError] = []
    for path in sorted(p for p in directory.rglob("*") if p.suffix.lower() in SUFFIXES):
        try:
            doc = parse_document(path.read_bytes(), name=str(path.relative_to(directory)))
        except DocumentError as exc:
            problems.append(exc)
            continue
        if doc.id in docs:
            problems.append(DocumentError(
                f"{doc.path}: id '{doc.id}' is already used by {docs[doc.id].path}; skipped.",
                f"{doc.path}: mã '{doc.id}' đã dùng cho {docs[doc.id].path}; bỏ qua.",
            ))
            continue
        docs[doc.id] = doc
    for problem in problems:
        log.warning("%s", problem.en)
    return list(docs.values()), problems


def display_title(doc_title: str | None, original_title: str | None, language: str) -> str:
    """A title for every citation: a translation without one borrows its original's."""
    if doc_title:
        return doc_title
    if original_title:
        return f"{original_title} ({'bản dịch' if language == 'vi' else 'English translation'})"
    return "(untitled)" if language == "en" else "(không có tiêu đề)"
