"""The one list of file formats: suffix -> reader, used by ingest, the upload and the page.

Adding a format is one reader module in ``rag/readers`` and one line here; the
documents folder, the upload button's accepted types and the page's help text all
follow from this table.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import PurePath

from rag.readers import Extracted


@dataclass(frozen=True)
class Format:
    """A kind of article file and the module that reads it (imported on first use)."""

    name: str
    suffixes: tuple[str, ...]
    reader: str
    label: dict[str, str]

    def read(self, raw: bytes, name: str) -> Extracted:
        """The article in ``raw`` (the file's bytes after any front matter)."""
        return importlib.import_module(self.reader).read(raw, name)


FORMATS: tuple[Format, ...] = (
    Format("text", (".txt", ".md", ".markdown"), "rag.readers.text",
           {"vi": "văn bản hoặc Markdown", "en": "text or Markdown"}),
    Format("html", (".html", ".htm"), "rag.readers.html",
           {"vi": "trang web đã lưu", "en": "saved web page"}),
)
SUFFIXES: tuple[str, ...] = tuple(s for f in FORMATS for s in f.suffixes)


def format_for(name: str) -> Format | None:
    """The format of a file name, by its suffix (any case), or None."""
    suffix = PurePath(name).suffix.lower()
    return next((f for f in FORMATS if suffix in f.suffixes), None)


def describe(lang: str) -> str:
    """ "'.txt', '.md', '.markdown' (text or Markdown); '.html', '.htm' (saved web page)"."""
    key = "vi" if lang == "vi" else "en"
    return "; ".join(f"{', '.join(f.suffixes)} ({f.label[key]})" for f in FORMATS)
