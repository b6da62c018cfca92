"""Reader for text files (.txt, .md): UTF-8 text, scraped or written by hand.

A hand-written file carries its metadata in front matter (read by ``rag.documents``);
what it leaves out, and everything of a scraped file, is found by
:mod:`rag.readers.scraped`.
"""

from __future__ import annotations

from rag.errors import DocumentError
from rag.readers import Extracted
from rag.readers.scraped import detect

_SNIFF_BYTES = 8192


def decode_utf8(raw: bytes, name: str) -> str:
    """The file's text; a binary or non-UTF-8 file is refused with a message that says so."""
    if b"\x00" in raw[:_SNIFF_BYTES]:
        raise DocumentError(
            f"{name}: this is a binary file, not text; save the article as .txt, .md or .html.",
            f"{name}: đây là tệp nhị phân, không phải văn bản; hãy lưu bài dạng .txt, .md hoặc .html.",
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DocumentError(
            f"{name}: the file is not UTF-8 text (byte {exc.start}); save it as UTF-8 and retry.",
            f"{name}: tệp không phải văn bản UTF-8 (byte {exc.start}); hãy lưu lại dạng UTF-8.",
        ) from exc


def read(raw: bytes, name: str) -> Extracted:
    """The article of a text file, with the title, date and byline its text shows."""
    return detect(decode_utf8(raw, name))
