"""Scraped article text: find the title, dateline and byline, and drop the page around them.

Text copied or scraped from a news page starts with the site's menu or breadcrumb
("Trang chủ", "Thời sự"), then the title and a dateline ("18/07/2025, 06:35",
"Cập nhật: 08:15 | 12/05/2025", "Thứ Hai, 12/05/2025 08:15 (GMT+7)", "March 4, 2024"),
sometimes a byline ("Bài và ảnh: …", "By …"); it ends with a byline (a short name
line, "P.V"), a credit ("Theo …") and the page's teasers and footer. These are rules of
the genre, in both languages: the header is the run of short lines before the first
paragraph, the dateline is a line that is only a date (with weekday, labels, time zone
or a byline beside it), the title is the header line that reads as a headline.

The title and the dateline stay the first lines of the body, so an answer about the
article's date cites the line a reader sees; they are returned as metadata too.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from rag.cleaning import clean_lines, is_debris
from rag.dates import FoundDate, dateline
from rag.readers import Extracted

_HEADER_LINES = 30
_PARAGRAPH_CHARS = 250
_PARAGRAPH_WORDS = 8
_TITLE_WORDS = (3, 35)
_NAV_WORDS = 6
_CREDIT_LINES = 3
_AFTER_SAPO = 3
"""Lines after the first paragraph where a dateline may still stand."""
_SITE_WORDS = frozenset({"BÁO", "TẠP", "CHÍ", "ĐIỆN", "TỬ", "TRANG", "TIN", "TỨC", "CỔNG",
                         "THÔNG", "ONLINE", "NEWS", "TV", "TRUYỀN", "HÌNH", "ĐÀI", "PHÁT"})
_BREADCRUMB = re.compile(r"\s[>»›/|]\s")
_MARKDOWN_HEADING = re.compile(r"^#{1,3}\s+(\S.*)$")
_BYLINE_LABEL = re.compile(
    r"^(?:bài và ảnh|bài, ảnh|bài & ảnh|bài - ảnh|bài|tin và ảnh|tin, ảnh|tin|nhóm phóng viên|"
    r"nhóm pv|phóng viên|pv|tác giả|thực hiện|ghi chép|by|written by|reporting by|story by|"
    r"words by|text and photos?|story and photos?|author|reporter)\s*[:\-–]?\s+", re.IGNORECASE)
_SOURCE_LABEL = re.compile(r"^(?:theo|nguồn|source|via)\s*[:\-–]?\s+(\S.{1,60})$", re.IGNORECASE)
_CONNECTORS = {"và", "and", "-", "–", "&", ",", "/", "|"}
# "P.V", "T.H.", "PV", "VNA": initials or an agency's capitals.
_INITIALS = re.compile(r"^(?:[A-ZĐ]{1,3}\.)+[A-ZĐ]{0,3}\.?$|^[A-ZĐ]{2,5}$")
_AGENCY = re.compile(r"\s*\([^)]{1,60}\)$")


@dataclass(frozen=True)
class _Header:
    title: int | None
    dateline: int | None
    date: FoundDate | None
    byline: str | None
    zone: range


def _words(line: str) -> list[str]:
    return line.split()


def name_like(text: str) -> bool:
    """A person's or agency's name as bylines write it: capitalised words or initials."""
    text = _AGENCY.sub("", text.strip().rstrip("."))
    words = [w for w in text.replace(",", " , ").split() if w not in _CONNECTORS]
    if not 1 <= len(words) <= 8 or any(ch.isdigit() for ch in text):
        return False
    if len(words) == 1:
        return bool(_INITIALS.match(words[0]))
    return all(w[0].isupper() or _INITIALS.match(w) for w in words)


def byline_of(line: str, labelled: bool = False) -> str | None:
    """The name(s) a byline line gives ("Bài và ảnh: Minh An" -> "Minh An"), or None;
    ``labelled``: only a line that says it is a byline ("By", "Bài:"), since above the
    article a line of capitalised words is as likely the site's name or a menu."""
    line = line.split(";")[0]  # "Reporting by A; Editing by B": the reporter
    label = _BYLINE_LABEL.match(line)
    if labelled and not label:
        return None
    rest = line[label.end():] if label else line
    rest = rest.strip(" :.-–|")
    if rest.startswith("(") and rest.endswith(")"):
        # "(Minh Trang - Quốc Việt/VGTV)", "(Thanh Mai - Phòng Nghiệp vụ Y)": a credit in
        # brackets names the writer first, then perhaps the desk
        rest = rest[1:-1].strip()
        writer = rest.split(" - ")[0]
        return rest if ":" not in rest and len(rest.split()) <= 2 * _NAV_WORDS and name_like(
            writer) else None
    return rest if rest and name_like(rest) else None


def _dateline(line: str) -> tuple[FoundDate, str | None] | None:
    """(date, byline beside it) when ``line`` is a dateline."""
    # "Thứ Tư, 05/11/2025 - 09:20 | 2.347 lượt xem": a counter beside the date
    found = dateline(" | ".join(p for p in line.split("|") if p.strip() and not is_debris(p)))
    if found is None:
        return None
    date, rest = found
    rest = rest.strip(" |,-–—·")
    if not rest:
        return date, None
    name = byline_of(rest)
    return (date, name) if name else None


def paragraph_like(line: str) -> bool:
    """A line of running text: long, or a whole sentence (headlines rarely end with '.')."""
    words = _words(line)
    return len(line) >= _PARAGRAPH_CHARS or (
        len(words) >= _PARAGRAPH_WORDS and line[-1] in ".…;:" and not line.endswith("..."))


def _title_like(line: str) -> bool:
    """Could this header line be the headline?"""
    words = _words(line)
    if not _TITLE_WORDS[0] <= len(words) <= _TITLE_WORDS[1] or len(line) > _PARAGRAPH_CHARS:
        return False
    if line[-1] in ".;:," and not line.endswith(("...", "…")):
        return False
    first = line.lstrip("\"“‘'«([")[:1]
    if not first or not (first.isupper() or first.isdigit()):
        return False
    return not (_BREADCRUMB.search(line) or "://" in line or byline_of(line))


def _nav_like(line: str) -> bool:
    """A menu entry or breadcrumb above the title ("Trang chủ", "Thời sự > Chính trị")."""
    return len(_words(line)) <= _NAV_WORDS or bool(_BREADCRUMB.search(line))


def _pick_title(lines: list[str], zone: range, date_at: int | None, repeated: str) -> int | None:
    """The headline among the header lines: the one the page repeats at its end, else
    the one next to the dateline, else the longest."""
    candidates = [i for i in zone if i != date_at and _title_like(lines[i])]
    if not candidates:
        return None
    for i in candidates:
        if lines[i] == repeated:
            return i
    if date_at is not None:
        for i in (date_at - 1, date_at + 1):
            if i in candidates:
                return i
    return max(candidates, key=lambda i: len(lines[i]))


def _header(lines: list[str], repeated: str) -> _Header:
    end = 0
    while end < min(len(lines), _HEADER_LINES) and not paragraph_like(lines[end]):
        end += 1
    zone = range(end)
    datelines = {i: found for i in zone if (found := _dateline(lines[i]))}
    if not datelines:  # some pages put the dateline under the sapo
        datelines = {i: found for i in range(end, min(len(lines), end + _AFTER_SAPO))
                     if (found := _dateline(lines[i]))}
    date_at = min(datelines) if datelines else None
    heading = _MARKDOWN_HEADING.match(lines[0]) if lines else None
    title = 0 if heading else _pick_title(lines, zone, date_at, repeated)
    date, beside = datelines[date_at] if date_at is not None else (None, None)
    byline = beside or next((b for i in zone if i not in (title, date_at)
                             and (b := byline_of(lines[i], labelled=not _under_dateline(
                                 i, title, date_at)) or (
                                 _capitals_byline(lines[i]) if title is not None and i > title
                                 else None))), None)
    return _Header(title, date_at, date, byline, zone)


def _under_dateline(at: int, title: int | None, date_at: int | None) -> bool:
    """Is line ``at`` the one right under a dateline that is under the headline? A name
    there is the byline ("Thứ năm, 25/07/2024 | 08:15" then "Mai Hoài - Tiến Đạt"),
    though no label says so."""
    return title is not None and date_at is not None and title < date_at and at == date_at + 1


def _capitals_byline(line: str) -> str | None:
    """A byline between the headline and the article, written in capitals ("TRẦN MINH
    ĐỨC", "LAN - HÀ"); above the headline capitals are the site's name or a section
    ("CHÍNH TRỊ"), and the site's name says it is one ("BÁO ...")."""
    words = [w for w in line.split() if w not in _CONNECTORS]
    if not (2 <= len(words) <= 8 and line.isupper() and name_like(line)) or (
            {w.strip(".,") for w in words} & _SITE_WORDS):
        return None
    return line.strip()


def _credits(lines: list[str], first: int) -> tuple[str | None, str | None, FoundDate | None]:
    """(byline, source, date) from the last lines: "P.V", "Theo TTXVN", "Minh An - 18/07/2025"."""
    byline = source = date = None
    for line in reversed(lines[max(first, len(lines) - _CREDIT_LINES):]):
        src = _SOURCE_LABEL.match(line)
        dated = _dateline(line)
        if src and len(src.group(1).split()) <= _NAV_WORDS:
            source = source or src.group(1).strip(" .")
        elif dated and date is None:
            date, byline = dated[0], byline or dated[1]
        elif byline is None and (name := byline_of(line)):
            byline = name
        else:
            break
    return byline, source, date


def _ordered(lines: list[str], head: _Header) -> list[str]:
    """The body lines: the title first, menus above it dropped, then the rest in order."""
    if head.title is None:
        return lines
    keep_above = [i for i in head.zone if i < head.title and (i == head.dateline or not _nav_like(lines[i]))]
    rest = [i for i in range(len(lines)) if i != head.title and (i > head.title or i in keep_above)]
    ordered = [lines[head.title]] + [lines[i] for i in rest]
    return [line for n, line in enumerate(ordered) if n == 0 or line != ordered[n - 1]]


def _last_line(raw: str) -> str:
    lines = [line.strip() for line in raw.splitlines() if line.strip()]
    return lines[-1] if lines else ""


def detect(raw: str) -> Extracted:
    """The article in a scraped text, with the title, date and byline it shows."""
    raw = unicodedata.normalize("NFC", raw)
    lines = clean_lines(raw)
    if not lines:
        return Extracted(())
    head = _header(lines, _last_line(raw))
    byline, source, end_date = _credits(lines, len(head.zone))
    date = head.date or end_date
    title = lines[head.title] if head.title is not None else None
    if title and (heading := _MARKDOWN_HEADING.match(title)):
        title = heading.group(1).strip()
    return Extracted(tuple(_ordered(lines, head)), title=title,
                     published=date.iso if date else None, byline=head.byline or byline,
                     source=source)
