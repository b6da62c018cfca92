"""The value of the asked kind that one evidence unit states: a date, a figure with its
unit, a name, as the unit writes it (in the reader's number style).

Two stages need it: the gate, which declines an English question about a Vietnamese-only
article when no unit gives the one value asked for (a quote with no date does not say
"when"), and the fact answer, which leads each quoted unit with that value.
"""

from __future__ import annotations

import re

from rag.evidence import DAY_MONTH, counts, end_date, named_number, person_name
from rag.intent import Intent
from rag.framing import FRAME
from rag.lexicon import (IRREALIS_CUES, MEASURE_UNITS, NEGATION_CUES, ROLE_CUES, cue_tokens,
                         has_cue, mentions)
from rag.textnorm import fold

_DATE = re.compile(r"\b\d{1,2}/\d{1,2}/\d{2,4}\b|\bngày \d{1,2} tháng \d{1,2}(?: năm \d{4})?|"
                   r"\btháng \d{1,2}/\d{4}\b|\b(?:January|February|March|April|May|June|July|"
                   r"August|September|October|November|December) \d{1,2}, \d{4}\b|"
                   r"\b\d{1,2} (?:January|February|March|April|May|June|July|August|September|"
                   r"October|November|December) \d{4}\b")
_NUMBER = r"\d[\d.,]*(?:/\d[\d.,]*)?"  # "9/14 xã": a share is one figure
_WORD = re.compile(r"[^\W\d_][\w’'-]*")
_CURRENCY = ("đồng", "usd", "vnd", "vnđ")
_SWAP_MARKS = str.maketrans(".,", ",.")
_MAGNITUDES = {"nghìn": "thousand", "ngàn": "thousand", "triệu": "million", "tỷ": "billion"}
_MAGNITUDE = re.compile(r"\s*(" + "|".join(_MAGNITUDES) + r")(?!\w)", re.IGNORECASE)


def value_for(intent: Intent, text: str) -> str | None:
    """The value of the kind the question asks for, as the unit writes it."""
    if intent.wants == "date":
        return (intent.deadline and end_date(text)) or _first(_DATE, text)
    if intent.wants == "number":
        return _figure(text, intent)
    named = person_name(text) if intent.wants == "person" else None
    if named and fold(named) not in fold(intent.question):
        return named
    if intent.wants == "person" and not mentions(text, ROLE_CUES):
        return None  # a capitalised "Tiếng Anh" is no one
    if intent.wants in ("person", "place", "organization"):
        asked = fold(intent.question)
        names = [n for n in _names(text) if fold(n) not in asked]
        return names[0] if names else None
    return None


def _names(text: str) -> list[str]:
    """Proper names as written: runs of capitalised words, one lower-case word allowed
    between two of them ("Công ty TNHH Xây dựng Minh Khang"), two words at least."""
    words = list(_WORD.finditer(text))
    names, i = [], 0
    while i < len(words):
        if not words[i].group(0)[0].isupper():
            i += 1
            continue
        end = i
        while end + 1 < len(words) and _joined(text, words[end], words[end + 1]):
            nxt = words[end + 1]
            if nxt.group(0)[0].isupper():
                end += 1
            elif end + 2 < len(words) and words[end + 2].group(0)[0].isupper() and \
                    _joined(text, nxt, words[end + 2]):
                end += 2
            else:
                break
        if end > i:
            names.append(text[words[i].start():words[end].end()])
        i = end + 1
    return names


def _joined(text: str, a: re.Match[str], b: re.Match[str]) -> bool:
    return not text[a.end():b.start()].strip()


def _first(pattern: re.Pattern[str], text: str) -> str | None:
    match = pattern.search(text)
    return match.group(0) if match else None


def _figure(text: str, intent: Intent) -> str | None:
    """The first figure with its unit, written the reader's way ("12,5 tỷ đồng" ->
    "12.5 billion VND" in English); for money, the first figure in a currency. A figure
    stated as fact comes before a target or a request ("có 1.460 ha ..., phấn đấu có
    thêm 1.000 ha"), unless the question asks for a plan."""
    units = sorted(MEASURE_UNITS, key=len, reverse=True)
    pattern = re.compile(rf"({_NUMBER})\s*(?:({'|'.join(re.escape(u) for u in units)})(?!\w))?",
                         re.IGNORECASE)
    matches = list(pattern.finditer(text))
    if not mentions(intent.question, IRREALIS_CUES):
        matches.sort(key=lambda m: _planned(text[:m.start()]))
    if mentions(intent.question, NEGATION_CUES):  # "how many have not yet handed over":
        # the figure said with a negation ("còn 12 hộ chưa bàn giao"), not the total
        matches.sort(key=lambda m: not mentions(_own_words(text, m), NEGATION_CUES))
    for match in matches:
        number, unit = match.group(1).rstrip(".,"), match.group(2)
        counted = bool(intent.counted) and counts(_own_words(text, match), intent.counted, set())
        if intent.counted and not counted:
            continue  # "how many communes": "9/14 xã", not "5.600 ha"
        if not counted and DAY_MONTH.fullmatch(number):
            continue  # a date, not a figure
        if number in intent.numbers or re.fullmatch(r"(?:19|20)\d\d", number) or (
                named_number(text, match.start())):
            continue  # a year, a number the question gave, a code ("tàu QB 93568 TS")
        if intent.percent and unit != "%":
            continue  # "what share": "81,5%", not "281.300 ha"
        if intent.money and not (unit and any(c in unit.lower() for c in _CURRENCY)):
            continue  # "how much compensation": "2,35 tỷ đồng", not "62 ngôi nhà"
        # the unit is in the other language: Vietnamese "1.286,5" is English 1,286.5
        number = number.translate(_SWAP_MARKS)
        if not unit:
            return _with_magnitude(number, text[match.end():], intent.language)
        shown = MEASURE_UNITS[unit.lower()] if intent.language == "en" else unit
        return f"{number} {shown}".replace(" %", "%")
    return None


def _planned(before: str) -> bool:
    """Do the words just before a figure plan it or ask for it?"""
    tokens, accented = cue_tokens(before)
    return has_cue(tokens[-FRAME:], IRREALIS_CUES, accented)


def _own_words(text: str, match: re.Match[str]) -> str:
    """The figure and the words around it, from the figure before it to the next one:
    "15/5, toàn tỉnh ghi nhận 1.187 trường hợp" does not count cases with "15/5"; the
    words before are where a subject counted by a classifier alone stands ("Khách quốc
    tế đạt 86.500 lượt")."""
    rest = text[match.end():match.end() + 40]
    after = re.search(r"\d", rest)
    before = [m.end() for m in re.finditer(r"\d", text[:match.start()])]
    start = before[-1] if before else 0
    return text[start:match.end() + (after.start() if after else len(rest))]


def _with_magnitude(number: str, after: str, language: str) -> str:
    """A bare figure keeps the magnitude word after it ("10,2 triệu lượt khách" is 10.2
    million, not 10.2), in the reader's language."""
    match = _MAGNITUDE.match(after)
    if not match:
        return number
    word = match.group(1)
    return f"{number} {_MAGNITUDES[word.lower()] if language == 'en' else word}"
