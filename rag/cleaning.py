"""Strip scrape debris from a raw article text before it becomes a document.

News pages scraped as text carry navigation words, comment counters, image file
names, "related article" teasers and CMS footers. None of that is the article,
so it must never reach the index where it could be retrieved or cited.
"""

from __future__ import annotations

import re
import unicodedata

# A line that is only an image file name, e.g. "trung-tam-hanh-chinh-...-sharpen.jpeg".
_IMAGE_LINE = re.compile(r"^\S+\.(?:jpe?g|png|gif|webp|bmp|svg|avif)$", re.IGNORECASE)
# Comment counters in either language: "(1) Bình luận", "Comment (0)", "Bình luận (3)".
_COMMENT_LINE = re.compile(
    r"^(?:\(\d+\)\s*(?:bình luận|comments?)|(?:bình luận|comments?)\s*\(\d+\))$", re.IGNORECASE
)
_FOOTER_LINE = re.compile(r"^(?:(?:powered by|copyright|bản quyền)\b|©)", re.IGNORECASE)
# Navigation and widget words that appear alone on a line.
_MENU_WORDS = {
    "theo dõi trên", "nổi bật", "đừng bỏ lỡ", "source", "nguồn", "chia sẻ", "share",
    "tin mới", "xem thêm", "đọc thêm", "follow on", "most read", "đọc nhiều",
}
# Everything after one of these headings is a teaser for other articles.
_TEASER_HEADINGS = {"bài liên quan", "tin liên quan", "related articles", "related", "read more"}


def _key(line: str) -> str:
    return unicodedata.normalize("NFC", line).strip().lower().rstrip(":")


def is_debris(line: str) -> bool:
    """True when a single line is navigation, a counter, an image name or a footer."""
    key = _key(line)
    return (
        key in _MENU_WORDS
        or bool(_IMAGE_LINE.match(key))
        or bool(_COMMENT_LINE.match(key))
        or bool(_FOOTER_LINE.match(key))
    )


def clean_lines(raw: str) -> list[str]:
    """Return the article's own non-empty lines, in order, NFC-normalised.

    Stops at a "related articles" heading, drops debris lines, and drops a final line
    that repeats an earlier one (CMS pages often print the title again at the end).
    """
    kept: list[str] = []
    for line in unicodedata.normalize("NFC", raw).splitlines():
        line = line.strip()
        if not line:
            continue
        if _key(line) in _TEASER_HEADINGS:
            break
        if not is_debris(line):
            kept.append(line)
    while kept and kept[-1] in kept[:-1]:
        kept.pop()
    return kept
