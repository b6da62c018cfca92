"""Stage 1: article files -> :class:`Document` objects.

An article is a file of any format in ``rag.formats`` (text, Markdown, a saved web
page), optionally starting with YAML front matter (id, title, language, published,
source, byline, url, translation_of; "date" and "author" are read as published and
byline). The format's reader finds the article's text and
whatever metadata it shows; a front-matter key, when present (even empty), wins over
what was found, which is how a reader's correction is kept. Every character offset a
citation reports is an offset into the body built here.
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from tqdm import tqdm

from rag.errors import DocumentError
from rag.formats import SUFFIXES, format_for
from rag.readers import Extracted
from rag.textnorm import detect_language, nfc

log = logging.getLogger(__name__)

_FRONT_MATTER = re.compile(rb"\A(?:\xef\xbb\xbf)?---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)",
                           re.DOTALL)
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")
_LANGUAGES = {"vi", "en"}
META_KEYS = ("id", "title", "language", "published", "source", "byline", "url", "translation_of")
DETECTABLE = ("title", "published", "byline", "source", "url")
_CACHE_SIZE = 4096


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
    url: str | None = None
    format: str = "text"
    pinned: frozenset[str] = field(default_factory=frozenset)
    """Front-matter keys the file sets (even to nothing): a reader's word, never overridden."""
    detected: frozenset[str] = field(default_factory=frozenset)
    """Metadata the reader found in the article itself (not in front matter)."""

    @property
    def content_hash(self) -> str:
        """Changes whenever anything a chunk stores changes, so edits are detected."""
        meta = (f"{self.title}|{self.language}|{self.published}|{self.source}|{self.byline}|"
                f"{self.translation_of}")
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

    def missing(self) -> list[str]:
        """Header fields neither the file nor the reader gave (title, date, byline)."""
        return [k for k in ("title", "published", "byline") if not getattr(self, k)]


_parsed: dict[tuple[str, str], Document] = {}


def parse_document(raw: bytes | str, *, name: str) -> Document:
    """Parse one article file's content; ``name`` (the file name) gives the format and a
    fallback id. The same bytes under the same name are parsed once per process."""
    data = raw.encode("utf-8") if isinstance(raw, str) else raw
    key = (name, hashlib.sha1(data).hexdigest())
    if key not in _parsed:
        if len(_parsed) >= _CACHE_SIZE:
            _parsed.clear()
        _parsed[key] = _parse(data, name)
    return _parsed[key]


def _parse(data: bytes, name: str) -> Document:
    fmt = format_for(name)
    if fmt is None:
        raise DocumentError(f"{name}: files of this type are not read; use {', '.join(SUFFIXES)}.",
                            f"{name}: không đọc được loại tệp này; hãy dùng {', '.join(SUFFIXES)}.")
    meta, rest = split_front_matter(data, name)
    extracted = fmt.read(rest, name)
    body = "\n\n".join(nfc(line) for line in extracted.lines)
    if not body.strip():
        raise DocumentError(
            f"{name}: no article text is left after removing menus, counters and footers.",
            f"{name}: không còn nội dung bài viết sau khi loại bỏ menu, bộ đếm và chân trang.",
        )
    return _build(meta, extracted, body, name, fmt.name)


def split_front_matter(data: bytes, name: str) -> tuple[dict[str, Any], bytes]:
    """(front-matter mapping, the rest of the file); no block gives ({}, data)."""
    match = _FRONT_MATTER.match(data)
    if not match:
        return {}, data
    try:
        meta = yaml.safe_load(match.group(1).decode("utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise DocumentError(
            f"{name}: the metadata block between '---' lines is not valid YAML ({exc}).",
            f"{name}: khối thông tin giữa hai dòng '---' không phải YAML hợp lệ.",
        ) from exc
    if not isinstance(meta, dict):
        raise DocumentError(
            f"{name}: the metadata block must be 'key: value' lines.",
            f"{name}: khối thông tin phải gồm các dòng 'khóa: giá trị'.",
        )
    return meta, data[match.end():]


_ALIASES = {"date": "published", "pubdate": "published", "published_at": "published",
            "author": "byline", "authors": "byline", "lang": "language", "link": "url"}
"""Front-matter keys other tools write (Hugo, Jekyll, feeds) for the ones read here."""


def _canonical(meta: dict[str, Any]) -> dict[str, Any]:
    """``meta`` with its keys lower-cased and aliases renamed; a key given under its own
    name wins over an alias of it."""
    named = {str(k).lower(): v for k, v in meta.items()}
    for alias, key in _ALIASES.items():
        if alias in named and key not in named:
            named[key] = named.pop(alias)
    return named


def _build(meta: dict[str, Any], found: Extracted, body: str, name: str, fmt: str) -> Document:
    meta = _canonical(meta)
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
    values = {k: _text(meta[k]) if k in meta else getattr(found, k) for k in DETECTABLE}
    return Document(
        id=doc_id, body=body, language=language, **values,
        translation_of=_text(meta.get("translation_of")), path=name, format=fmt,
        pinned=frozenset(k for k in META_KEYS if k in meta),
        detected=frozenset(k for k in DETECTABLE if k not in meta and getattr(found, k)),
    )


def _text(value: Any) -> str | None:
    """Metadata values as stripped strings; YAML may give dates or numbers."""
    if value is None:
        return None
    if isinstance(value, list):  # "authors: [A, B]"
        value = ", ".join(str(v) for v in value if v is not None)
    text = nfc(str(value)).strip()
    return text or None


def load_documents(directory: Path, max_bytes: int | None = None, progress: bool = False
                   ) -> tuple[list[Document], list[DocumentError]]:
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
    files = article_files(directory)
    for path in tqdm(files, desc="reading articles", unit="file", disable=not progress or len(files) < 10):
        try:
            doc = _load(path, directory, max_bytes)
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


def article_files(directory: Path) -> list[Path]:
    """Files of a known format under ``directory``; hidden files and folders are skipped
    (editors' swap files, temporary files of an atomic write)."""
    return sorted(p for p in directory.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file()
                  and not any(part.startswith(".") for part in p.relative_to(directory).parts))


def _load(path: Path, directory: Path, max_bytes: int | None) -> Document:
    name = str(path.relative_to(directory))
    size = path.stat().st_size
    if max_bytes is not None and size > max_bytes:
        raise DocumentError(
            f"{name}: the file is too large ({size:,} bytes; the limit is {max_bytes:,}, "
            "RAG_MAX_DOCUMENT_BYTES).",
            f"{name}: tệp quá lớn ({size:,} byte; giới hạn {max_bytes:,}, RAG_MAX_DOCUMENT_BYTES).")
    return parse_document(path.read_bytes(), name=name)


def display_title(doc_title: str | None, original_title: str | None, language: str) -> str:
    """A title for every citation: a translation without one borrows its original's."""
    if doc_title:
        return doc_title
    if original_title:
        return f"{original_title} ({'bản dịch' if language == 'vi' else 'English translation'})"
    return "(untitled)" if language == "en" else "(không có tiêu đề)"
