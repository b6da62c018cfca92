"""Dates as news pages write them, in Vietnamese and English, read into ISO form.

A scraped article's dateline ("18/07/2025, 06:35", "Thứ Hai, 12/05/2025 08:15 (GMT+7)",
"Cập nhật: 08:15 | 12/05/2025", "Ngày 05 tháng 8 năm 2025", "March 4, 2024") is the only
record of when it was published, and a question may name a period ("tháng 3/2024",
"in March 2024"). Both are read here, by the same rules, so what ingest stores and what
a question asks for compare as equals. Vietnamese numeric dates are day first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from rag.textnorm import fold

MONTHS_EN = ("january february march april may june july august september october "
             "november december").split()
_MONTH_ALT = "|".join(sorted({*MONTHS_EN, *(m[:3] for m in MONTHS_EN), "sept"}, key=len, reverse=True))
MONTH_NAME = rf"(?:{_MONTH_ALT})\.?"

_NUMERIC = re.compile(r"(?<![\d/.-])(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?![\d/])")
_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?)?"
                  r"(?:Z|[+-]\d{2}:?\d{2})?(?!\d)")
_VI_WORDS = re.compile(r"(?<!\d)(\d{1,2})\s+tháng\s+(\d{1,2})\s*(?:,\s*|\s+)năm\s+(\d{4})(?!\d)",
                       re.IGNORECASE)
_EN_MDY = re.compile(rf"\b({MONTH_NAME})\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})(?!\d)",
                     re.IGNORECASE)
_EN_DMY = re.compile(rf"(?<!\d)(\d{{1,2}})(?:st|nd|rd|th)?\s+({MONTH_NAME}),?\s+(\d{{4}})(?!\d)",
                     re.IGNORECASE)
# "08:15", "8h15", "8 giờ 15", "10:30 AM"; never the "11/03" of a date.
_TIME = re.compile(r"(?<![\d/.])(\d{1,2})\s*(?::|h|g|giờ)\s*(\d{2})(?!\d)(?:\s*(a\.?m\.?|p\.?m\.?))?",
                   re.IGNORECASE)
# Words that may stand beside a date on a dateline without being anything else:
# weekdays, "updated"/"published" labels, time zones, separators.
_FILLER = re.compile(
    r"\b(?:thu (?:hai|ba|tu|nam|sau|bay|[2-7])|chu nhat|cn|t[2-7]|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun|"
    r"cap nhat|ngay dang|dang luc|dang ngay|dang|xuat ban|thoi gian|luc|ngay|gio|vao|"
    r"published|updated|last updated|posted|modified|date|on|at|"
    r"gmt|utc|ict|am|pm)\b|[+-]\d{1,2}(?::?\d{2})?|[\s|,:;()\[\]·•/–—-]+")
_MAX_TIME_GAP = 16


@dataclass(frozen=True)
class FoundDate:
    """A date found in a text: where, and its value (time only when the text gives one)."""

    start: int
    end: int
    day: date
    hour: int | None = None
    minute: int | None = None
    updated: bool = False  # labelled "cập nhật" / "updated": a later date than publication

    @property
    def iso(self) -> str:
        """ "2025-07-18" or "2025-07-18T06:35", the form stored as ``published``."""
        text = self.day.isoformat()
        return f"{text}T{self.hour:02d}:{self.minute:02d}" if self.hour is not None else text


def _valid(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month(name: str) -> int:
    key = name.lower().rstrip(".")[:3]
    return next(n for n, m in enumerate(MONTHS_EN, 1) if m.startswith(key))


def _candidates(text: str) -> list[tuple[int, int, date]]:
    """Every (start, end, day) any of the date forms matches, without times."""
    found: list[tuple[int, int, date]] = []
    for m in _ISO.finditer(text):
        found.append((m.start(), m.end(), _valid(int(m[1]), int(m[2]), int(m[3]))))
    for rx, order in ((_NUMERIC, "dmy"), (_VI_WORDS, "dmy"), (_EN_MDY, "mdy"), (_EN_DMY, "dmy")):
        for m in rx.finditer(text):
            a, b, year = m.group(1), m.group(2), int(m.group(3))
            if order == "mdy":
                day = _valid(year, _month(a), int(b))
            else:
                month = int(b) if b.isdigit() else _month(b)
                day = _valid(year, month, int(a))
            found.append((m.start(), m.end(), day))
    return sorted((s, e, d) for s, e, d in found if d is not None)


def _iso_time(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The time an ISO timestamp carries in its own match."""
    m = _ISO.match(text, start)
    if m and m.end() == end and m.group(4):
        return int(m.group(4)), int(m.group(5))
    return None


def _near_time(text: str, start: int, end: int) -> tuple[int, int] | None:
    """A clock time written just before or after the date ("06:35 18/07/2025")."""
    best: tuple[int, tuple[int, int]] | None = None
    for m in _TIME.finditer(text):
        gap = start - m.end() if m.end() <= start else m.start() - end if m.start() >= end else -1
        if gap < 0 or gap > _MAX_TIME_GAP:
            continue
        hour, minute = int(m.group(1)), int(m.group(2))
        suffix = (m.group(3) or "").lower().replace(".", "")
        hour += 12 if suffix == "pm" and hour < 12 else 0
        hour = 0 if suffix == "am" and hour == 12 else hour
        if hour < 24 and minute < 60 and (best is None or gap < best[0]):
            best = (gap, (hour, minute))
    return best[1] if best else None


def find_dates(text: str) -> list[FoundDate]:
    """Every date in ``text``, in reading order, each with its time when one is written."""
    out: list[FoundDate] = []
    last_end = -1
    for start, end, day in _candidates(text):
        if start < last_end:
            continue  # the same date matched by two forms
        clock = _iso_time(text, start, end) or _near_time(text, start, end)
        updated = bool(re.search(r"cap nhat|updated|modified", fold(text[max(0, start - 24):start])))
        out.append(FoundDate(start, end, day, *(clock or (None, None)), updated=updated))
        last_end = end
    return out


def _without_dates(text: str, dates: list[FoundDate]) -> str:
    """The text with its dates and clock times blanked out."""
    chars = list(text)
    for found in dates:
        chars[found.start:found.end] = " " * (found.end - found.start)
    return _TIME.sub(" ", "".join(chars))


def dateline(line: str) -> tuple[FoundDate, str] | None:
    """(publication date, the rest) when ``line`` is a dateline, else None.

    A dateline is a line whose words, besides its dates, are only weekdays, labels and
    time zones - or a short remainder, which is then the byline written beside the date
    ("P.V - 18/07/2025 06:35", "By Jane Doe | March 4, 2024")."""
    if len(line) > 160:
        return None
    dates = find_dates(line)
    if not dates:
        return None
    rest = _without_dates(line, dates)
    leftover = _FILLER.sub(" ", fold(rest)).split()
    if len(leftover) > 6:
        return None
    chosen = next((d for d in dates if not d.updated), dates[0])
    return chosen, " ".join(rest.split()) if leftover else ""


def parse_date(value: str) -> FoundDate | None:
    """The first date in a short text (a form field, front matter), or None."""
    value = value.strip()
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        found = find_dates(value)
        return found[0] if found else None
    has_time = "T" in value or ":" in value
    return FoundDate(0, len(value), parsed.date(), parsed.hour if has_time else None,
                     parsed.minute if has_time else None)
