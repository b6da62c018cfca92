"""Stage 5a: retrieved passages -> the evidence units an answer will be built from.

Retrieval ranks passages; an answer cites units (a sentence or a list item), chosen
here before anything is written. Units are scored by meaning (the multilingual
embedder, so an English question finds a Vietnamese unit), by the question's words
weighted by their rarity in the corpus, and by whether they hold what the question
asks for (a number for "how many", a date for "when"). A list question takes a whole
enumeration of the article - its lead-in and every item - not the best few sentences.
"""

from __future__ import annotations

import re
from functools import lru_cache
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from rag.directives import DIRECTED_TOPICS, directive_runs
from rag.intent import Intent, figures
from rag.lexicon import (
    CAUSE_CUES,
    DECISION_ASKED_CUES,
    DECISION_CUES,
    PROGRESS_CUES,
    REQUEST_CUES,
    EXPLAINS_CUES,
    REMEDY_CUES,
    COMPANY_ASKED_CUES,
    COUNTED_NOUNS,
    CURRENCY,
    HIGHEST_CUES,
    LOWEST_CUES,
    MEASURE_UNITS,
    QUANTITY_UNITS,
    PERSON_CUES,
    TITLE_CUES,
    TOPIC_SIGNS,
    folded_tokens,
    mentions,
    topic_of,
)
from rag.lexical import tokens
from rag.overlap import coverage
from rag.retrieve import Retrieval
from rag.sections import section_points
from rag.glossary import named_bodies
from rag.textnorm import detect_language, fold, has_diacritics, nfc
from rag.types import Chunk, Passage
from rag.units import Unit, UnitIndex, smallest
from rag.verify import content_words, name_groups, name_in, negated, numbers

Idf = Callable[[str], float]
EmbedTexts = Callable[[list[str]], list[list[float]]]

MAX_CANDIDATES = 24
NEARBY_PENALTY = 0.3
"""What a unit outside the retrieved passage, in its paragraph, costs (0.15 and 0.5
were worse on dev + devgen)."""
"""Units embedded per question: about 0.3 s on 2 cores, and enough to cover the top passages."""
MIN_DENSE_SPAN = 0.15
CONTEXT_CHARS = 160
"""How much of an item's lead-in is embedded with it."""
MISSING_NUMBER_PENALTY = 0.3
"""Per number that names what the question is about ("quốc lộ 27") that a unit does not
give; a year the question gives costs a third of it, a time span ("6 tháng") nothing:
articles state the period once and then list its figures."""
COVERAGE_WEIGHT = 0.5
"""Weight of the share of the question's words a unit holds (rag.overlap), beside
meaning and rare shared words: the unit that names the asked subject ("thu ngân sách")
beats one that shares only the question's frame ("trong 6 tháng đầu năm")."""
FACT_UNITS = 2
REPLY_PAIRS = 2
"""Word pairs a decision sentence must share with a yes/no question and its request to
be the reply to that request."""
COUNT_SHARED = 2
"""Question words besides the counted noun that a sentence found outside the retrieved
passages must share to answer a count question."""
HOLDING_SHARE = 0.5
"""A unit holding the asked kind of value (a figure, a date, a cause) is preferred when
it scores at least this share of the best unit: the value is what was asked."""
SUMMARY_UNITS = 4
VECTOR_CACHE = 20_000
"""Unit vectors kept (about 30 MB at 384 dimensions); the cache is emptied when full."""
EXPLANATION_SENTENCES = 2
"""Sentences after one that announces a cause ("nguyên nhân chính là ...") that join it."""
FALLBACK_LIST_UNITS = 5
UNNAMED_LIST_SHARE = 0.8
"""A list whose lead-in does not name the asked category answers only if one of its units
scores this close to the best unit."""
GATHERED_UNITS = 8
DIRECTED_UNITS = 12
"""The most sentences of a directive run an answer lists."""
"""At most this many sentences are gathered for a category the article does not list."""
_DATE = re.compile(r"\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b|\b(?:19|20)\d{2}\b|"
                   r"\b(?:january|february|march|april|may|june|july|august|september|october|"
                   r"november|december)\b|\bthang \d{1,2}\b|\bnam (?:19|20)\d{2}\b")
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_WORD_NUMBER = re.compile(r"\b([^\W\d_]+) (\d+)\b")


def _without_named_numbers(text: str) -> str:
    """A number right after a capitalised word names something ("Nhân Cơ 2", "Route 20"),
    one after "số", "No.", "thứ" is an identifier or a rank ("đường số 15", "lần thứ
    3"), and "6 tháng đầu năm" is a period: none of them counts anything."""
    text = _PERIOD.sub(" ", _IDENTIFIER.sub(" ", text))
    return _WORD_NUMBER.sub(lambda m: m.group(1) if m.group(1)[0].isupper() else m.group(0),
                            text)


# The period a figure is of, not a figure: "6 tháng đầu năm", "9 tháng năm 2025", "the
# first 9 months of".
_PERIOD = re.compile(r"\b\d{1,2}\s+(?:tháng|thang)\s+(?:đầu năm|dau nam|cuối năm|cuoi nam|"
                     r"năm|nam)\b|\b(?:first|last)\s+\d{1,2}\s+months\b", re.IGNORECASE)
_IDENTIFIER = re.compile(r"\b(?:số|so|No\.?|no\.|thứ|lần thứ|khóa|number)\s+\d+\b", re.IGNORECASE)


def named_number(text: str, at: int) -> bool:
    """Is the number at ``at`` part of a name or an identifier ("tàu cá QB 93568 TS",
    "đường số 15"; see ``_without_named_numbers``)? A capitalised first word of the
    sentence ("Đạt 120 ...") names nothing."""
    if _PERIOD.match(text, at):
        return True  # "6 tháng đầu năm": the period of the figure that follows
    before = text[:at].rstrip()
    words = before.split()
    if not words:
        return False
    if _IDENTIFIER.match(f"{words[-1]} 1"):
        return True
    opens = len(words) == 1 or words[-2].endswith((".", "!", "?", ":"))
    return words[-1][0].isupper() and words[-1].isalpha() and not opens


_ROMAN = re.compile(r"\b(?=[IVXL]{2,6}\b)X{0,3}(?:IX|IV|V?I{0,3})\b")
_DATELINE = re.compile(r"\b(?:Thứ \w+|\w+day)?,?\s*\d{1,2}/\d{1,2}/\d{4}\b|"
                       r"\b(?:January|February|March|April|May|June|July|August|September|"
                       r"October|November|December) \d{1,2}, \d{4}\b|\b\d{1,2}:\d{2}\b")
DAY_MONTH = re.compile(r"\b(?:0?[1-9]|[12]\d|3[01])/(?:0?[1-9]|1[0-2])(?:/\d{2,4})?\b(?![.,]\d)")
"""A day and month ("31/8", "31/8/2024"), not a ratio with decimals ("1/2,1") nor a
share ("68/72 đại biểu")."""
_MAGNITUDE_WORDS = frozenset({"nghin", "ngan", "trieu", "ty", "tram", "van"})
_BEFORE_NOUN = frozenset({"ngoi", "can", "chiec", "con", "cai", "toa", "qua", "tam", "bo",
                          "luot"}) | _MAGNITUDE_WORDS
"""What Vietnamese puts between a figure and its noun, folded: classifiers ("62 ngôi
nhà"), magnitudes and "lượt" ("10,2 triệu lượt khách")."""
SUBJECT_WINDOW = 5
"""Words before a figure with a classifier and no noun in which its noun, the sentence's
subject, is looked for."""
_SHARE = re.compile(r"\d+(?:[.,]\d+)?\s*(?:%|phần trăm|percent)")
_PERCENTAGE = re.compile(r"\d\s*%|\bphần trăm\b|\bpercent\b", re.IGNORECASE)
_RATIO = re.compile(r"(?<![\w/])\d+/\d+[.,]\d+(?![\w/])")
"""A ratio with decimals ("tỷ lệ chọi 1/2,1"): a rate, never a date."""
def _figure_with(units: dict[str, str]) -> re.Pattern[str]:
    return re.compile(r"\d(?:[\d.,]*\d)?\s*(?:%|" + "|".join(
        re.escape(u) for u in sorted(units, key=len, reverse=True) if u != "%") + r")(?!\w)",
        re.IGNORECASE)


_MEASURE = _figure_with(MEASURE_UNITS)
_QUANTITY = _figure_with(QUANTITY_UNITS)


@dataclass(frozen=True)
class Evidence:
    """A unit chosen for the answer, the passage it is shown in, and its translation."""

    unit: Unit
    passage: Chunk | None
    counterpart: Unit | None
    title: str
    language: str
    score: float = 0.0
    surroundings: str = ""  # its lead-in and paragraph (rag.units.UnitIndex.surroundings)
    asked: Intent | None = None  # the part of a compound question it answers (rag.parts)
    nearby: bool = False  # of the retrieved passage's paragraph, outside the passage

    @property
    def counterpart_language(self) -> str:
        return "en" if self.language == "vi" else "vi"

    @property
    def texts(self) -> list[str]:
        """What a sentence citing this unit is checked against."""
        return [self.unit.text] + ([self.counterpart.text] if self.counterpart else [])


@dataclass
class Selection:
    """The evidence for one answer, in the order the answer uses it."""

    units: list[Evidence]
    enumeration: bool = False  # the units are the items of one enumeration of the article
    lead: Evidence | None = None  # that enumeration's lead-in, when it has one
    header: Passage | None = None  # the article's header passage, for metadata answers
    gathered: bool = False  # the units are sentences of one category, not a list of the article


def terms(text: str) -> set[str]:
    """Content words, adjacent-word pairs and numbers of a text (accent-folded)."""
    pairs = {t for t in tokens(text, folded=True) if "_" in t}
    return content_words(text) | pairs | numbers(text)


def has_date(text: str, exclude: set[str], documents: bool = True) -> bool:
    """A date, month or year that the question did not already give. Unless
    ``documents``, the date that belongs to a document's number ("Báo cáo số 415-BC/HU,
    ngày 12/02/2024", "No. 15/KL dated ...") is the document's, not an event's."""
    folded = fold(text) if documents else _DOCUMENT_DATE.sub(" ", fold(text))
    found = {m.group(0) for m in _DATE.finditer(folded)}
    return any(not (d.isdigit() and d in exclude) for d in found)


# A date given as an end: after "đến", "trước", "until", "by" (with "ngày", "tháng",
# "the end of" between), or a few words after a completion verb ("hoàn thành trong quý
# II/2025"). Matched on folded text, whose digits are the text's own.
_END_MARK = r"(?:den|toi|truoc|het|cham nhat|han|until|till|by|before|through|no later than)"
_COMPLETING = (r"(?:hoan thanh|hoan tat|xong|ket thuc|phat dien|ban giao|dua vao su dung|"
               r"completed?|finish(?:ed)?|handed over)")
_DATE_WORDS = r"(?:(?:ngay|thang|nam|quy|cuoi|dau|giua|trong|vao|the|end|of|in|within)\s+){0,3}"
_END_DATE = re.compile(
    rf"\b(?:{_END_MARK}\s+|{_COMPLETING}\s+(?:[^\W\d]+\s+){{0,5}}?){_DATE_WORDS}"
    r"(?P<date>\d{1,2}/\d{1,2}/\d{2,4}|\d{1,2}/\d{4}|\d{1,2}/\d{1,2}(?!\d)|(?:19|20)\d{2}\b|"
    r"[ivx]+/\d{4}|"
    r"(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december)(?: \d{1,2})?(?:,? \d{4})?|\d{1,2} (?:january|february|march|april|may|june|"
    r"july|august|september|october|november|december)(?: \d{4})?)")


def end_date(text: str) -> str | None:
    """The first date ``text`` gives as an end ("lùi thời hạn đến ngày 31/12/2026",
    "before 15 September"), as written; none for "Ngày 21/8, đoàn công tác ..."."""
    text = nfc(text)
    folded = fold(text).lower()
    match = _END_DATE.search(folded)
    if not match:
        return None
    same = len(folded) == len(text)  # then the folded text's positions are the text's
    return (text if same else folded)[match.start("date"):match.end("date")]


_DOCUMENT_DATE = re.compile(r"\b(?:so|no\.?|number)\s+\d[\w./-]*\s*,?\s*(?:ngay|dated|of)\s+"
                            r"(?:\d{1,2}/\d{1,2}/\d{2,4}|[a-z]+ \d{1,2},? \d{4}|\d{1,2} [a-z]+ \d{4})",
                            re.IGNORECASE)


_COUNTED_FIRST = frozenset(form.split()[0] for vi, _ in COUNTED_NOUNS for form in vi)


def _date_or_share(match: re.Match[str]) -> str:
    """A day and month, or a share when a counted noun follows it ("4/6 xã"), not
    across a comma ("Ngày 13/11, đồng chí ..." is a date)."""
    rest = match.string[match.end():match.end() + 20]
    after = folded_tokens(rest)[:1] if not rest.lstrip()[:1] in tuple(",;.:)") else []
    return match.group(0) if after and after[0] in _COUNTED_FIRST else " "


def has_figure(text: str, exclude: set[str]) -> bool:
    """A number that is not a year, not part of a date and not one the question gave."""
    plain = _without_named_numbers(DAY_MONTH.sub(_date_or_share, _DATELINE.sub(" ", text)))
    if _ROMAN.search(text):
        return True  # "khóa XIV", "term IX": an ordinal written in Roman numerals
    return any(not _YEAR.match(n) and n not in exclude for n in numbers(plain))


def counts(text: str, counted: tuple[str, ...], exclude: set[str], window: int = 3,
           whole: bool = False) -> bool:
    """Is a figure of ``text`` a count of ``counted`` ("64 hộ dân" for "bao nhiêu hộ",
    "6 communes" for "how many communes")? The noun follows its figure within
    ``window`` words in both languages; an English plural matches its singular, and an
    English noun matches its Vietnamese name and back (COUNTED_NOUNS). A day and month
    followed at once by the counted noun is a share ("7/12 xã"), not a date. ``whole``:
    only the question's words as written count ("thí sinh", not "thi")."""
    heads = [list(counted)] if whole else counted_forms(counted)
    qualified = not whole and _qualified(counted)

    def date_or_share(match: re.Match[str]) -> str:
        after = folded_tokens(text[match.end():match.end() + 30])
        return match.group(0) if any(starts_with(after, h) for h in heads) else " "

    plain = _without_named_numbers(DAY_MONTH.sub(date_or_share, text))
    vietnamese = has_diacritics(text)
    if qualified and vietnamese:
        return _counts_qualified(plain, counted, exclude)
    tokens = folded_tokens(plain)
    for i, token in enumerate(tokens):
        if token.isdigit() and not _YEAR.match(token) and token not in exclude:
            after = tokens[i + 1:i + 1 + window]
            if vietnamese:  # the noun first, after any magnitude or classifier: "3 môn
                # thi" counts "môn", "10,2 triệu lượt khách" counts "khách"
                after = tokens[i + 1:]
                while after and after[0] in _BEFORE_NOUN:
                    after = after[1:]
                offsets = [0]
                stripped = tokens[i + 1:len(tokens) - len(after)]
                if stripped and not set(stripped) & _MAGNITUDE_WORDS:
                    # a classifier, and the noun not after it ("Khách quốc tế đạt 86.500
                    # lượt, chưa ..."): the noun is the subject just before its verb
                    before = tokens[max(0, i - SUBJECT_WINDOW):i]
                    if any(occurs(before, head) for head in heads):
                        return True
            else:  # English puts adjectives between: "6 new communes"
                offsets = list(range(len(after)))
            if any(starts_with(after[k:], head) for head in heads for k in offsets):
                return True
    return False


def counted_forms(counted: tuple[str, ...]) -> list[list[str]]:
    """The counted noun as either language writes it (folded word lists): itself, an
    English plural's singular, and its names in the other language (COUNTED_NOUNS)."""
    if len(counted) > 1 and counted[0] in _BEFORE_NOUN:  # "bao nhiêu lượt tàu" counts "tàu"
        counted = counted[1:]
    first = counted[0]
    singular = _singular(first)
    forms = [[first], [singular]]
    for vi, en in _names_of(counted):
        forms += [v.split() for v in vi] + [e.split() for e in en]
    return forms


_ASPECT = frozenset("da duoc deu cung moi vua dang se van con".split())
"""Folded Vietnamese words of tense, aspect and degree that may stand between a noun and
its qualifier ("hộ đã thoát nghèo") without changing what is counted."""
_PREDICATE = _ASPECT | frozenset("chua khong bi phai co la".split())
"""Words that start what is said of a noun ("hộ chưa bàn giao"), not a qualifier of it:
the article may put a place or a name between ("146 hộ dân tại ... chưa bàn giao")."""
_MEASURES = frozenset(fold(unit).lower() for unit in QUANTITY_UNITS)
_CLAUSE_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*|[,;:.()?!]")
_COUNTED_NAMES = frozenset(form for vi, _ in COUNTED_NOUNS for form in vi)
"""Every Vietnamese name of a counted noun, folded ("ho dan", "truong hop")."""


def _qualified(counted: tuple[str, ...]) -> bool:
    """Is a Vietnamese count's second word a qualifier of a counted noun ("hộ nghèo",
    "ca tử vong"), not the noun's second syllable ("lao động"), one of its listed names
    ("hộ dân"), what is said of it ("hộ chưa ..."), a unit of measure ("mét vuông") or a
    classifier before the noun ("lượt khách")?"""
    if (len(counted) != 2 or counted[1] in _PREDICATE or counted[0] in _BEFORE_NOUN
            or {counted[0], " ".join(counted)} & _MEASURES):
        return False
    entries = [vi for vi, _ in COUNTED_NOUNS if counted[0] in vi]
    measure = any(set(vi) & _MEASURES for vi in entries)  # "mét vuông": "mét" is "m"
    return bool(entries) and not measure and " ".join(counted) not in _COUNTED_NAMES


def _counts_qualified(text: str, counted: tuple[str, ...], exclude: set[str]) -> bool:
    """Does a figure of this Vietnamese text count the qualified noun ("hộ nghèo")? The
    noun, under any of its names ("ca", "trường hợp"), must be followed by the qualifier
    ("2 trường hợp tử vong", "hộ đã thoát nghèo"), or end its clause in a text that says
    the qualifier elsewhere ("xử lý 14 vụ, ..." in a sentence on "khai thác cát"). Another
    qualifier makes other things: "1.235 hộ tham gia", "112 hộ tái nghèo" are not poor
    households."""
    noun, qualifier = counted
    nouns = [[noun]] + [form.split() for vi, _ in _names_of((noun,)) for form in vi]
    tokens = [fold(t).lower() for t in _CLAUSE_TOKEN.findall(text.replace("’", "'"))]
    said = qualifier in tokens
    for i, token in enumerate(tokens):
        if not token.isdigit() or _YEAR.match(token) or token in exclude:
            continue
        after = tokens[i + 1:]
        while after and after[0] in _BEFORE_NOUN:
            after = after[1:]
        for form in (f for f in nouns if starts_with(after, f)):
            rest = after[len(form):]
            bare = not rest or not rest[0][0].isalnum()
            if [t for t in rest[:4] if t not in _ASPECT][:1] == [qualifier] or (bare and said):
                return True
    return False


_VAGUE = ("mot so", "nhieu", "mot vai", "hang loat")
"""Quantifiers that count nothing: "một số sản phẩm đạt 4 sao" gives no number."""


def counts_only_vaguely(text: str, counted: tuple[str, ...], qualifier: tuple[str, ...]) -> bool:
    """Does the text say the qualified noun only with a vague quantifier ("trong đó một
    số sản phẩm đạt 4 sao"), with no figure right before it ("5 sản phẩm đạt 4 sao")?"""
    tokens = " ".join(fold(t).lower() for t in _CLAUSE_TOKEN.findall(text))
    phrase = r"\s+".join([*counted, r"(?:\w+\s+)?" + qualifier[0], *qualifier[1:]])
    said = re.search(rf"\b(?:{'|'.join(_VAGUE)})\s+{phrase}\b", tokens)
    counted_so = re.search(rf"\b\d+\s+{phrase}\b", tokens)
    return bool(said) and not counted_so


def _singular(word: str) -> str:
    """An English plural's singular: "companies" -> "company", "churches" -> "church"."""
    if len(word) <= 3 or not word.endswith("s"):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-2] if re.search(r"(?:ch|sh|x)es$", word) else word[:-1]


def _names_of(counted: tuple[str, ...]) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """The entries of COUNTED_NOUNS that name the counted noun, in either language."""
    singular = _singular(counted[0])

    def names(form: str) -> bool:  # "héc-ta" is read as "hec" "ta": compare what both have
        words = form.replace("-", " ").split()
        shared = min(len(words), len(counted))
        return list(counted[:shared]) == words[:shared]

    return [(vi, en) for vi, en in COUNTED_NOUNS if singular in en or any(map(names, vi))]


def starts_with(tokens: list[str], head: list[str]) -> bool:
    return len(tokens) >= len(head) and all(
        t == h or (t.startswith(h) and len(t) - len(h) <= 2) for t, h in zip(tokens, head))


def says_all(words: tuple[str, ...], text: str) -> bool:
    """Does ``text`` say each of these folded words ("sốt rét": both "sot" and "ret")?"""
    present = set(folded_tokens(text))
    return all(w in present for w in words)


def has_measure(text: str) -> bool:
    """A figure with its unit ("96,4 tỷ đồng", "12%", "420 ha"): what "how much" asks."""
    return bool(_MEASURE.search(DAY_MONTH.sub(" ", text)) or _RATIO.search(text))


def has_cause(text: str) -> bool:
    """A cause cue, not Vietnamese "do" naming an agent ("do bà X làm trưởng đoàn", "do
    UBND tỉnh cấp": by, not because)."""
    return mentions(_AGENT.sub(_unless_agent, text), CAUSE_CUES)


_AGENT = re.compile(r"(?<!\w)do\s+(ông|bà|đồng chí|anh|chị|\w)")


def _unless_agent(match: re.Match[str]) -> str:
    """Drop a lower-case "do" before an honorific or a capitalised name."""
    after = match.group(1)
    return f" {after}" if len(after) > 1 or after.isupper() else match.group(0)


def gives_measure(text: str, measure: str) -> bool:
    """A figure in the unit ``measure`` (folded, "tan"), as either language writes it
    ("12,5 tấn", "12.5 tonnes")."""
    return bool(_measure_pattern(measure).search(nfc(text)))


@lru_cache(maxsize=64)
def _measure_pattern(measure: str) -> re.Pattern[str]:
    """A figure followed by any spelling of the unit ("cây số vuông" is "km2" is "km²");
    a rate unit ("km/h", "tan/ha") by any spelling of each of its parts."""
    parts = [_unit_forms(part) for part in measure.split("/")]
    return re.compile(r"\d\s*" + r"\s*/\s*".join(parts) + r"(?!\w)", re.IGNORECASE)


def _unit_forms(measure: str) -> str:
    """The spellings of one unit in both languages, as one alternation; a unit the
    glossary of units does not know is looked for as asked ("h" in "km/h")."""
    asked = {english for unit, english in QUANTITY_UNITS.items() if fold(unit) == measure}
    forms = sorted({form for unit, english in QUANTITY_UNITS.items() if english in asked
                    for form in (unit, english)} or {measure}, key=len, reverse=True)
    return f"(?:{'|'.join(map(re.escape, forms))})"


def gives_rate(text: str) -> bool:
    """Does ``text`` give a rate: a percentage or a ratio ("tỷ lệ chọi 1/2,1")?"""
    return bool(_PERCENTAGE.search(text) or _RATIO.search(text))


def gives_cause(evidence: Evidence) -> bool:
    """Does the unit state a cause, itself or as an item of a list of causes
    ("Nguyên nhân được chỉ ra gồm: A; B")?"""
    unit = evidence.unit
    return any(has_cause(t) for t in evidence.texts) or bool(
        unit.kind == "item" and unit.lead and has_cause(unit.lead))


def states_decision(text: str) -> bool:
    """Does ``text`` give a decision on a request: a clause with a decision verb and no
    request in it ("Riêng đề nghị lùi ..., Chủ tịch UBND tỉnh không đồng ý"), not the
    request itself ("đề nghị tỉnh chấp thuận chủ trương")?"""
    return any(mentions(clause, DECISION_CUES) and not mentions(clause, REQUEST_CUES)
               for clause in _CLAUSE.split(text))


_CLAUSE = re.compile(r"[,;:]\s")


def states_progress(text: str) -> bool:
    """Does ``text`` say work is under way or only partly done ("đang được nâng cấp",
    "đến nay mới lựa chọn được nhà thầu ... đạt 65,1%")? That answers "has it been
    finished?" with "not yet", and is no answer to "when was it finished?"."""
    return mentions(text, PROGRESS_CUES)


# A company by its name: "Công ty cổ phần Xây dựng Minh Phát", "Tổng công ty Sông Đà",
# "HTX Chè Khe Lim", "Minh Phat Construction JSC"; a type word alone ("các doanh nghiệp")
# names none.
_COMPANY_NAME = re.compile(
    r"(?<!\w)(?i:tổng công ty|công ty|tập đoàn|hợp tác xã|htx|liên danh|doanh nghiệp tư nhân)"
    r"(?:\s+[^\W\d_]+){0,6}?\s+[A-ZĐ][^\W\d_]*|"
    r"\b[A-Z][\w&-]+(?:\s+[A-Z][\w&-]+)*\s+(?:Company|Corporation|Group|JSC|Ltd|Co\.)")


def names_company(text: str) -> bool:
    """Does ``text`` name a company (a type word, then a capitalised name)?"""
    return bool(_COMPANY_NAME.search(nfc(text)))


# A public body by its type word as Vietnamese writes a body's name: the unambiguous
# ones ("UBND huyện", "Sở Xây dựng", "Ban Quản lý dự án") alone, the others before a
# capitalised word ("Trung tâm Y tế", "Trường THPT", not "Trường hợp", "Phòng chống");
# or an English body ("the Department of Construction", "the People's Committee").
_BODY = re.compile(
    r"(?<!\w)(?:UBND|HĐND|Ủy ban nhân dân|Uỷ ban nhân dân|Hội đồng nhân dân|Công an|Tỉnh ủy|"
    r"Tỉnh uỷ|Huyện ủy|Huyện uỷ|Thành ủy|Thành uỷ|Đảng ủy|Đảng uỷ|Kho bạc|Ngân hàng|Sở|Cục|"
    r"Chi cục|Tổng cục|Ban (?i:quản lý|chỉ huy)|Bộ (?i:chỉ huy)|BQL|Mặt trận)(?!\w)|"
    r"\b(?:Department|Ministry|Board|Committee|Council|Centre|Center|Agency|Authority|"
    r"Office|Bureau|Institute|Hospital|Fund|Bank|Inspectorate|Police)\b")
_BODY_BEFORE_NAME = re.compile(
    r"(?<!\w)(?:Ban|Bộ|Phòng|Trung tâm|Viện|Bệnh viện|Trường|Hội|Hội đồng|Đoàn|Liên đoàn|Đài|"
    r"Báo|Văn phòng|Quỹ|Hạt|Thanh tra|Cảng vụ)\s+([^\W\d_])")


def names_body(text: str) -> bool:
    """Does ``text`` name a company or a public body? "Đơn vị nào làm chủ đầu tư" is not
    answered by a sentence that names only places."""
    text = nfc(text)
    return names_company(text) or bool(_BODY.search(text)) or any(
        m.group(1).isupper() for m in _BODY_BEFORE_NAME.finditer(text))


def has_person(text: str) -> bool:
    """Who: a person or a role ("Giám đốc Sở Y tế", "Mr Tu"), or a body named in full -
    "ai là chủ đầu tư?" is answered by "Ban Quản lý dự án ...", a name of two words or
    more inside the sentence."""
    return mentions(text, PERSON_CUES) or any(
        len(group) > 1 for group in name_groups(text))


# An honorific before a personal name: "Ông Nguyễn Hữu Bình", "đồng chí Lê Minh Chánh",
# "Mr Tran Van Tu". A name group alone may be a subject ("Tiếng Anh") or a place.
_HONORIFIC = re.compile(r"(?<!\w)(?:ông|bà|đồng chí|anh|chị|mr|mrs|ms|dr)\.?\s+"
                        r"((?:[^\W\d_]+\s+){1,3}[^\W\d_]+)", re.IGNORECASE)


def person_name(text: str) -> str | None:
    """The first person ``text`` names by an honorific: the capitalised words after it."""
    for match in _HONORIFIC.finditer(nfc(text)):
        words = match.group(1).split()
        run = [w.rstrip(",.;:") for w in words[:next(
            (i for i, w in enumerate(words) if not w[0].isupper()), len(words))]]
        if len(run) >= 2:
            return " ".join(run)
    return None


APPOSITIVE_WORDS = 10
"""How far after a person's name their role runs ("ông X, Chủ tịch UBND huyện Y")."""


def titled_for(intent: Intent, text: str) -> bool:
    """Does a person ``text`` names by an honorific hold their role in a place or body
    the question names ("who is the chairman of Y district": "ông X, Chủ tịch UBND
    huyện Y", not "ông Z, Chủ tịch UBND tỉnh W, làm việc với huyện Y")?"""
    names = [n for n in intent.own_names if len(n.split()) > 1]
    for match in _HONORIFIC.finditer(nfc(text)):
        role = folded_tokens(text[match.end():])[:APPOSITIVE_WORDS]
        if any(name_in(n, role, same_language=False) for n in names):
            return True
    return False


def other_extreme(intent: Intent, text: str) -> bool:
    """Does ``text`` name the opposite extreme of the one asked, and not the asked one
    ("cao nhất" for "which investor has the lowest rate")?"""
    if intent.extreme is None:
        return False
    same, other = ((HIGHEST_CUES, LOWEST_CUES) if intent.extreme == "highest"
                   else (LOWEST_CUES, HIGHEST_CUES))
    return mentions(text, other) and not mentions(text, same)


def names_extreme(intent: Intent, text: str) -> bool:
    """Does ``text`` name the extreme the question asks for?"""
    return intent.extreme is not None and mentions(
        text, HIGHEST_CUES if intent.extreme == "highest" else LOWEST_CUES)


def gives_per(text: str, per: str) -> bool:
    """Does ``text`` give a figure per ``per`` (a folded word): "1.850 đồng/kWh", "8,6 bác
    sĩ/vạn dân", "60 tạ mỗi ha"?"""
    pattern = (rf"\d[\d.,]*\s*(?:[^\W\d_]+\s*){{0,3}}?(?:/|\bmot\b|\bmoi\b|\btren\b|\bper\b)"
               rf"\s*(?:[\d.,]+\s*|[^\W\d_]+\s+){{0,2}}?{re.escape(per)}(?!\w)")
    return bool(re.search(pattern, fold(nfc(text)).lower()))


def names_missing(intent: Intent, evidence: Evidence) -> list[str]:
    """Names of the question that the unit, its paragraph and its article's title do not
    give ("... sầu riêng sang Hàn Quốc" answered by a sentence about China). Names of
    the other language's spelling are compared as syllables; titles and institutions
    that translate ("People's Council") are compared by the glossary's Vietnamese for
    them (``named_bodies``), when an English question is answered from a Vietnamese
    unit. One-word names are left out: most are pieces of titles ("Ban Thường vụ")."""
    around = f"{evidence.title}\n{evidence.surroundings}\n" + "\n".join(evidence.texts)
    same = any(detect_language(t) == intent.language for t in evidence.texts)
    present = folded_tokens(around)
    # who or which body did something is said in one sentence: "Công trình ... xã Pá Lình
    # do Ban Quản lý dự án huyện làm chủ đầu tư" names its own place, and the investor is
    # that project's, not the one the paragraph's other sentences are about
    own = folded_tokens("\n".join([evidence.title, evidence.unit.lead or "", *evidence.texts])
                        ) if intent.wants in ("person", "organization") and _names_other_place(
        intent, evidence.unit.text) else present
    missing = [n for n in intent.own_names if len(n.split()) > 1 and not name_in(n, own, same)]
    if intent.language == "en" and not same:
        # a figure is of the body its own sentence names: "61,2%" in a paragraph on the
        # children's hospital is the district centre's its sentence names
        near = present if intent.wants not in ("number", "date") else folded_tokens(
            "\n".join([evidence.title, evidence.unit.lead or "", *evidence.texts]))
        missing += [forms[0] for forms in named_bodies(intent.question)
                    if not any(occurs(near, folded_tokens(f)) for f in forms)]
    return missing


_PLACE = re.compile(r"(?<!\w)(?:xã|phường|thị trấn|thị xã|huyện|quận|thành phố|tỉnh|thôn|bản|ấp|"
                    r"làng|khu phố|tổ dân phố)\s+((?:[^\W\d_]+\s?){1,3})")


def _names_other_place(intent: Intent, text: str) -> bool:
    """Does ``text`` name a place ("xã Pá Lình", "huyện Kỳ Phong") that the question does
    not?"""
    asked = fold(intent.question).lower()
    for match in _PLACE.finditer(nfc(text)):
        words = match.group(1).split()
        name = words[:next((i for i, w in enumerate(words) if not w[0].isupper()), len(words))]
        if name and fold(" ".join(name)).lower() not in asked:
            return True
    return False


def occurs(tokens: list[str], run: list[str]) -> bool:
    """Does ``run`` occur in ``tokens`` word after word?"""
    n = len(run)
    return bool(run) and any(tokens[i:i + n] == run for i in range(len(tokens) - n + 1))


def holds_wanted(intent: Intent, text: str) -> bool:
    """Does ``text`` hold the kind of value the question asks for?"""
    asked = set(intent.numbers)
    if intent.wants == "number":
        if intent.percent and not _PERCENTAGE.search(text):
            return False
        if intent.counted:
            # across languages a figure may count a noun with no known name there, but a
            # share does not count anything ("95,6% tán thành" does not say how many
            # delegates), and "companies" needs a count of "doanh nghiệp"
            # a length, an area or a sum of money ("14,6 km", "1.420 tỷ đồng") counts nothing
            return counts(text, intent.counted, asked) or _measured(text, intent.counted) or (
                not _comparable(intent, text) and not _names_of(intent.counted)
                and has_figure(_QUANTITY.sub(" ", _SHARE.sub(" ", text)), asked))
        if intent.money:
            return bool(CURRENCY.search(text))
        if intent.amount:  # English "how much" asks a quantity; "9 people" is a count
            return bool(_QUANTITY.search(DAY_MONTH.sub(" ", text)) or _RATIO.search(text)) if (
                intent.language == "en") else has_measure(text)
        return has_figure(text, asked)
    if intent.wants == "date":
        return has_date(text, asked, documents=intent.about_document)
    if intent.wants == "reason":
        return has_cause(text)
    if intent.wants == "person":
        return has_person(text)
    if intent.wants == "organization":  # "which company": not a border post's officer
        if mentions(intent.question, COMPANY_ASKED_CUES):
            return names_company(text)
        return names_body(text)
    return True


def _measured(text: str, counted: tuple[str, ...], window: int = 15) -> bool:
    """"Bao nhiêu vốn" asks an amount of a mass noun: the noun, then within ``window``
    words a figure with its measure ("vốn ... giải ngân được 425,5 tỷ đồng"). A noun
    readers count (COUNTED_NOUNS) or that the text counts ("27 hộ") is a count noun, and
    only a count of it answers."""
    if _names_of(counted) or counts(text, counted, set()):
        return False
    text = nfc(text)
    folded = fold(text)
    if len(folded) != len(text):  # positions of the folded text must be the text's
        return False
    found = re.search(rf"(?<!\w){re.escape(counted[0])}(?!\w)", folded.lower())
    if not found:
        return False
    after = " ".join(text[found.end():].split()[:window])
    return bool(_QUANTITY.search(DAY_MONTH.sub(" ", after)))


def _comparable(intent: Intent, text: str) -> bool:
    """Can the counted noun be looked for in ``text``: it is in the question's language,
    or the noun has a known translation (COUNTED_NOUNS)?"""
    return detect_language(text) == intent.language or any(
        intent.counted[0].rstrip("s") in en or intent.counted[0] in vi for vi, en in COUNTED_NOUNS)


def _comparable_text(intent: Intent, evidence: Evidence) -> bool:
    return any(detect_language(t) == intent.language for t in evidence.texts)


LEAD_SHARED_PAIRS = 2
"""Adjacent-word pairs of the question a lead-in must repeat to name what it lists."""


ARTICLE_SHARE = 0.6
"""An article whose best passage scores below this share of the top passage is not the
one a fact question is about: its units do not answer it."""


def _ranked_near_top(evidence: Evidence, passages: Sequence[Passage]) -> bool:
    """Was the unit's article (or its translation) retrieved close to the best passage?
    A "95%" target in another province's article ranked far below the article that
    gives the districts under 95% is another story."""
    if not passages:
        return True

    def article(p: Passage) -> set[str]:
        return {p.chunk.doc_id, *([p.counterpart.doc_id] if p.counterpart else [])}
    own = max((p.score for p in passages if evidence.unit.doc_id in article(p)), default=None)
    return own is None or own >= ARTICLE_SHARE * passages[0].score


def _fitting_first(intent: Intent, pool: list[Evidence]) -> list[Evidence]:
    """The best unit whose figure is of the asked kind (rag.framing.fits: "thu ngân sách"
    is revenue, not the "giá trị sản xuất" of the sentence before it) goes first, when
    one close enough exists: the gate would decline a selection led by the other."""
    from rag.framing import fits  # framing reads figures with this module's helpers

    if not pool or any(fits(intent, t) for t in pool[0].texts):
        return pool
    fitting = next((e for e in pool if any(fits(intent, t) for t in e.texts)), None)
    if fitting is None or fitting.score < HOLDING_SHARE * pool[0].score:
        return pool
    return [fitting, *(e for e in pool if e is not fitting)]


def _says_more(intent: Intent, text: str, than: str) -> bool:
    """Does ``text`` give a word of the question (or of its glossary terms, for an
    English question) that ``than`` does not?"""
    asked = set(intent.terms) | {w for forms in intent.glossed for f in forms
                                 for w in folded_tokens(f)}
    return bool(asked & set(folded_tokens(text)) - set(folded_tokens(than)))


def _tells_new(intent: Intent, text: str) -> bool:
    """Does ``text`` give a figure the previous answer did not? A follow-up is not
    answered by what was just said, though its answer may repeat it ("22/26 chỉ tiêu"
    for "how many of those 26?")."""
    return bool(figures(text) - intent.told)


def _lead_names_asked(intent: Intent, lead: str) -> bool:
    """Does a lead-in name what the question asks a list of, with no category word for
    it: "Các nghị quyết quan trọng gồm:" for "những nghị quyết quan trọng nào?" (in the
    question's own words, or in the Vietnamese forms of an English question's)? Words
    in order, not a word or two in common ("kinh tế" is in half the lead-ins)."""
    pairs = {t for t in terms(f"{intent.question}\n{intent.translated}") if "_" in t}
    named = {w for n in intent.names for w in n.split()}
    shared = {p for p in pairs & terms(lead) if not set(p.split("_")) & named}
    return len(shared) >= LEAD_SHARED_PAIRS


class Selector:
    """Chooses evidence units for a question from its retrieval."""

    def __init__(self, units: UnitIndex, idf: Idf, embed: EmbedTexts | None) -> None:
        self.units = units
        self.idf = idf
        self.embed = embed
        self._cache: dict[str, list[float]] = {}

    def select(self, intent: Intent, retrieval: Retrieval) -> Selection:
        if intent.shape == "metadata":
            return self._header(retrieval.passages)
        candidates = self._candidates(retrieval.passages)
        if intent.wants == "person":
            people = self._people(retrieval.passages, candidates)
            named = {e.unit.id for e in people}
            candidates = [e for e in candidates if e.unit.id not in named] + people
        scored = self._score(intent, candidates, retrieval.query_vector)
        if intent.shape == "list":
            passages = retrieval.passages
            listed = self._enumeration(intent, scored, passages)
            return (self._directed(intent, listed, retrieval) or listed
                    or self._sectioned(intent, passages)
                    or self._gathered(intent, scored, passages)
                    or Selection(self._best(scored, FALLBACK_LIST_UNITS, 0.5)))
        if intent.shape == "summary":
            return Selection(self._best(scored, SUMMARY_UNITS, 0.6))
        stating = [e for e in scored if not self.units.is_lead_in(e.unit)] or scored
        # retrieval raised the article the question's names are in; a unit of another
        # article (the same figure about another province) does not answer
        stating = [e for e in stating if self._names_article(intent, e)] or stating
        stating = [e for e in stating if _ranked_near_top(e, retrieval.passages)] or stating
        if intent.counted and not any(holds_wanted(intent, " ".join(e.texts)) for e in stating):
            stating = self._count_in_article(intent, stating) + stating
        asked = intent.identifying_numbers
        # "kỳ họp thứ 27": the number that names the session may be in the paragraphs
        # around the unit that gives the asked figure ("Kỳ họp có 68/72 đại biểu")
        pool = [e for e in stating
                if asked <= numbers(" ".join([*e.texts, e.surroundings]))] or stating
        pool = [e for e in pool if not other_extreme(intent, " ".join(e.texts))] or pool
        if intent.wants == "person" and mentions(intent.question, TITLE_CUES):
            # "who is the chairman of Y": the one whose title is in Y, if one's is
            pool = [e for e in pool if titled_for(intent, " ".join(e.texts))] or pool
        if intent.counted_as:  # "bao nhiêu ca mắc sốt rét": a unit that counts those
            pool = [e for e in pool if says_all(intent.counted_as, " ".join(e.texts))] or pool
        if intent.told and intent.wants in ("number", "date"):  # a follow-up asks anew
            fresh = [e for e in pool if _tells_new(intent, " ".join(e.texts))]
            if fresh and fresh[0].score >= HOLDING_SHARE * pool[0].score:
                pool = fresh
        if intent.asks_reply or mentions(intent.question, DECISION_ASKED_CUES):
            # "did the chair agree?", "how did the province answer?": the reply
            deciding = [e for e in pool if any(states_decision(t) for t in e.texts)]
            if deciding and deciding[0].score >= HOLDING_SHARE * pool[0].score:
                pool = deciding
            elif pool and (reply := self._reply(intent, pool[0])) is not None:
                pool = [reply, *pool]
        if intent.wants != "any":  # the asked kind of value, if a unit close enough has it
            holding = [e for e in pool if holds_wanted(intent, " ".join(e.texts))
                       or (intent.wants == "reason" and gives_cause(e))]
            if holding and holding[0].score >= HOLDING_SHARE * pool[0].score:
                pool = holding
            pool = _fitting_first(intent, pool)
        chosen = self._with_reason(intent, self._best(pool, FACT_UNITS, 0.8))
        return Selection(self._with_person(intent, chosen))

    def _with_person(self, intent: Intent, chosen: list[Evidence]) -> list[Evidence]:
        """A "who" question answered by a body ("UBND tỉnh X tổ chức hội nghị ..."):
        the person is often in the next sentence ("Đồng chí Y, Phó Chủ tịch UBND tỉnh
        chủ trì hội nghị."). It joins when it names a person and says something of the
        question the chosen unit does not (the act asked about: "chaired" is "chủ trì")."""
        if intent.wants != "person" or not chosen:
            return chosen
        best = max(chosen, key=lambda e: e.score)
        if any(person_name(t) for t in best.texts):
            return chosen
        following = self.units.next_sentence(best.unit)
        if following is None or person_name(following.text) is None or not _says_more(
                intent, following.text, best.unit.text):
            return chosen
        added = replace(self._evidence(following, best.passage if best.passage and
                                       following.end <= best.passage.end else None,
                                       best.title, best.language), score=best.score)
        at = chosen.index(best)
        return [*chosen[:at + 1], added, *chosen[at + 1:]]

    def _with_reason(self, intent: Intent, chosen: list[Evidence]) -> list[Evidence]:
        """A "why" question's reason often opens the next sentence ("... 27 households
        have not been paid. The reason is ..."): when no chosen unit gives a cause, the
        sentence after the best one joins it if it does. A sentence that announces the
        explanation ("nguyên nhân chính là do A") is often followed by more of it in its
        paragraph ("Bên cạnh đó, B."): up to ``EXPLANATION_SENTENCES`` of those join too.
        When neither is there, the article's sentence that explains the asked thing
        (``_explanation``) answers instead of the chosen units."""
        if intent.wants != "reason" or not chosen:
            return chosen
        at = max(range(len(chosen)), key=lambda i: chosen[i].score)
        best = chosen[at]
        joined: list[Unit] = []
        elsewhere = False  # the article explains it away from the chosen units
        if not any(gives_cause(e) for e in chosen):
            following = self.units.next_sentence(best.unit)
            if following is None or not has_cause(following.text):
                following, elsewhere = self._explanation(intent, best.unit.doc_id), True
            if following is None:
                return chosen
            joined.append(following)
        cause = joined[-1] if joined else best.unit
        if mentions(cause.text, EXPLAINS_CUES):
            joined += self._rest_of_paragraph(cause, EXPLANATION_SENTENCES)
        taken = {e.unit.id for e in chosen}
        added = [replace(self._evidence(u, best.passage if best.passage and u.end <=
                                        best.passage.end else None, best.title, best.language),
                         score=best.score) for u in joined if u.id not in taken]
        if elsewhere:  # the chosen units give no reason: the explanation answers alone
            return added
        return [*chosen[:at + 1], *added, *chosen[at + 1:]]

    def _count_in_article(self, intent: Intent, stating: list[Evidence]) -> list[Evidence]:
        """A Vietnamese count question whose retrieved passages count nothing of what it
        asks ("bao nhiêu ngôi nhà bị nứt"): the sentence of the best unit's article that
        counts it and shares the most of the question's other words, at least
        ``COUNT_SHARED``. Retrieval ranks passages by their whole text, and the figure
        may sit in a paragraph about something else. Not across languages: there a count
        of "đại biểu" shares nothing that says it counts those who voted against."""
        if not stating or intent.language != "vi":
            return []
        best = stating[0]
        asked = {t for t in terms(intent.question) if "_" not in t} - set(intent.counted)
        found: tuple[int, Unit] | None = None
        for unit in self.units.for_doc(best.unit.doc_id):
            if unit.kind != "sentence" or not holds_wanted(intent, unit.text):
                continue
            shared = len(asked & {t for t in terms(unit.text) if "_" not in t})
            if shared >= COUNT_SHARED and (found is None or shared > found[0]):
                found = (shared, unit)
        if found is None:
            return []
        return [replace(self._evidence(found[1], None, best.title, best.language),
                        score=best.score)]

    def _explanation(self, intent: Intent, doc_id: str) -> Unit | None:
        """The sentence of the article that explains what the question asks about, when
        retrieval missed it: one that announces a cause ("nguyên nhân chính khiến dự án
        chậm là do ...") and shares the most of the question's words or, across
        languages, of its glossary terms ("behind schedule": "chậm"), at least one."""
        asked = {w for forms in intent.glossed for f in forms for w in fold(f).split()}
        asked |= {t for t in terms(intent.question) if "_" not in t}
        best: tuple[int, Unit] | None = None
        for unit in self.units.for_doc(doc_id):
            if unit.kind != "sentence" or not (mentions(unit.text, EXPLAINS_CUES)
                                               and has_cause(unit.text)):
                continue
            shared = len(asked & {t for t in terms(unit.text) if "_" not in t})
            if shared and (best is None or shared > best[0]):
                best = (shared, unit)
        return best[1] if best else None

    def _rest_of_paragraph(self, unit: Unit, limit: int) -> list[Unit]:
        """Up to ``limit`` sentences after ``unit`` in its paragraph, until one that turns
        to a remedy or a plan."""
        out: list[Unit] = []
        following = self.units.next_sentence(unit)
        while following is not None and len(out) < limit and not mentions(
                following.text, REMEDY_CUES):
            out.append(following)
            following = self.units.next_sentence(following)
        return out

    def _reply(self, intent: Intent, request: Evidence) -> Evidence | None:
        """The sentence of the request's article that decides it ("Trả lời các kiến
        nghị, Bí thư Tỉnh ủy không đồng ý đầu tư xây mới trụ sở ..."), when retrieval
        found the request and not the reply: the decision sentence sharing the most
        word pairs with the question and the request, if it shares ``REPLY_PAIRS``."""
        asked = {t for t in terms(f"{intent.question}\n{request.unit.text}") if "_" in t}
        best: tuple[int, Unit] | None = None
        for unit in self.units.for_doc(request.unit.doc_id):
            if unit.kind == "paragraph" or unit.id == request.unit.id or not states_decision(unit.text):
                continue
            shared = len(asked & terms(unit.text))
            if shared >= REPLY_PAIRS and (best is None or shared > best[0]):
                best = (shared, unit)
        if best is None:
            return None
        return replace(self._evidence(best[1], None, request.title, request.language),
                       score=request.score)

    def _names_article(self, intent: Intent, evidence: Evidence) -> bool:
        """Does the unit's article give the question's names of two words or more?"""
        return self.units.gives_names([evidence.unit.doc_id],
                                      [n for n in intent.own_names if len(n.split()) > 1],
                                      evidence.title)

    # ----- candidates ----------------------------------------------------------------
    def _candidates(self, passages: Sequence[Passage]) -> list[Evidence]:
        """Units of the retrieved passages, best passage first, each unit once; a
        dateline ("March 4, 2024") is the article's metadata, not a statement. Then the
        other units of those passages' paragraphs (``nearby``, scored a little lower):
        a unit one passage only neighbours may be inside another retrieved passage,
        and then it is that passage's own."""
        inside: dict[str, Evidence] = {}
        nearby: dict[str, Evidence] = {}
        for passage in passages:
            chunk = passage.chunk
            start, end = self._paragraphs_span(chunk)
            for unit in smallest(self.units.in_span(chunk.doc_id, start, end)):
                if unit.id in inside or not content_words(_DATELINE.sub(" ", unit.text)):
                    continue
                e = self._evidence(unit, chunk, chunk.title, chunk.language)
                if unit.start < chunk.end and unit.end > chunk.start:
                    inside[unit.id] = e
                    nearby.pop(unit.id, None)
                else:
                    nearby.setdefault(unit.id, replace(e, nearby=True))
        out = list(inside.values())
        return out[:MAX_CANDIDATES] + list(nearby.values())[:MAX_CANDIDATES - min(len(out), MAX_CANDIDATES)]

    def _paragraphs_span(self, chunk: Chunk) -> tuple[int, int]:
        """The span of the whole paragraphs a chunk cuts into: a long paragraph is split
        into chunks, and the sentence that answers may be in the part retrieval missed
        ("... GRDP tăng 7,12%. Tổng thu ngân sách ... đạt 6.250 tỷ đồng")."""
        around = self.units.in_span(chunk.doc_id, chunk.start, chunk.end, kinds=("paragraph",))
        if not around:
            return chunk.start, chunk.end
        return min(chunk.start, around[0].start), max(chunk.end, around[-1].end)

    def _people(self, passages: Sequence[Passage], candidates: list[Evidence]
                ) -> list[Evidence]:
        """The top article's other sentences that name someone by an honorific: who
        holds a role ("ông X, Giám đốc Đài Khí tượng") is said once, often in a passage
        retrieval did not rank - or only neighboured, which costs it nothing here."""
        if not passages:
            return []
        chunk = passages[0].chunk
        taken = {e.unit.id for e in candidates if not e.nearby}
        naming = [u for u in self.units.for_doc(chunk.doc_id)
                  if u.kind in ("sentence", "item") and person_name(u.text)]
        return [self._evidence(u, None, chunk.title, chunk.language) for u in smallest(naming)
                if u.id not in taken]

    def _evidence(self, unit: Unit, chunk: Chunk | None, title: str, language: str,
                  listed: bool = False) -> Evidence:
        """``listed``: the unit answers as one point of a list, whose context is its whole
        article - its items name neither the province nor the meeting the article is
        about, and may sit paragraphs away from where the article names them."""
        inside = chunk is not None and chunk.start <= unit.start and unit.end <= chunk.end
        around = self.units.article(unit.doc_id) if listed else self.units.surroundings(unit)
        return Evidence(unit, chunk if inside else None, self.units.counterpart(unit.id),
                        title, language, surroundings=around)

    # ----- scoring -------------------------------------------------------------------
    def _score(self, intent: Intent, candidates: list[Evidence],
               query_vector: Sequence[float] | None) -> list[Evidence]:
        """Candidates with scores, best first: meaning + rare shared words (equal weight)
        + holding the asked kind of value."""
        if not candidates:
            return []
        dense = self._dense(candidates, query_vector)
        years = intent.years
        # the question's names chose the article; its other words choose the unit - but
        # a unit in another language shares nothing with the question except its names
        name_words = {w for n in intent.names for w in n.split()}
        every = terms(f"{intent.question} {intent.translated}") - intent.spans
        asked = {t for t in every if not (set(t.split("_")) & name_words)}
        identifying = intent.identifying_numbers

        def shared(e: Evidence) -> set[str]:
            own = terms(" ".join(e.texts))
            comparable = any(detect_language(t) == intent.language for t in e.texts)
            return own & (asked if comparable else every)

        lexical = np.array([sum(self.idf(t) for t in shared(e)) for e in candidates])
        lexical = lexical / lexical.max() if lexical.max() > 0 else lexical
        out = []
        for i, e in enumerate(candidates):
            text = " ".join(e.texts)
            bonus = 0.3 if holds_wanted(intent, text) else 0.0
            if len(intent.counted) > 1 and counts(text, intent.counted, set(intent.numbers),
                                                  whole=True):
                bonus += 0.2  # "38.617 thí sinh" counts "thí sinh"; "3 môn thi" only "thi"
            if intent.wants == "number" and has_measure(text):
                bonus += 0.3
            if intent.wants == "person" and person_name(text):
                bonus += 0.5  # "who chaired": the sentence that names someone, not a role
            if names_extreme(intent, text):
                bonus += 0.3  # "thấp nhất" asked: the unit that says "thấp nhất"
            rank = 0.1 / (1 + i / 4)  # retrieval saw the whole passage: a tie-breaker
            # the numbers that name the meeting ("năm học 2023 - 2024") are often in the
            # sentence before the one that answers ("Ông X chủ trì hội nghị"): one absent
            # from the unit but in its paragraph costs a third
            held, around = numbers(text), numbers(self.units.paragraph(e.unit))
            absent = [n for n in identifying | years if n not in held]
            bonus -= MISSING_NUMBER_PENALTY * sum(
                (1 / 3 if n in around else 1.0) * (1 / 3 if n in years else 1.0) for n in absent)
            said = COVERAGE_WEIGHT * coverage(intent, text) if _comparable_text(intent, e) else 0.0
            if e.nearby:
                bonus -= NEARBY_PENALTY
            score = float(dense[i] + lexical[i] + said + bonus + rank)
            out.append(replace(e, score=score))
        return sorted(out, key=lambda e: -e.score)

    def _dense(self, candidates: list[Evidence], query_vector: Sequence[float] | None
               ) -> np.ndarray:
        """Cosine of each unit with the question, rescaled within the candidates (e5
        similarities bunch between 0.7 and 0.9); a spread below ``MIN_DENSE_SPAN`` is
        noise and is not stretched to the full 0..1."""
        if self.embed is None or query_vector is None:
            return np.zeros(len(candidates))
        vectors = np.asarray(self._vectors([self._in_context(e.unit) for e in candidates]),
                             dtype=np.float32)
        sims = vectors @ np.asarray(query_vector, dtype=np.float32)
        return (sims - sims.min()) / max(float(sims.max() - sims.min()), MIN_DENSE_SPAN)

    def _vectors(self, texts: list[str]) -> list[list[float]]:
        """Unit vectors, each embedded once: the parts of a compound question, a
        follow-up and the next reader's question score many of the same units."""
        missing = list(dict.fromkeys(t for t in texts if t not in self._cache))
        if missing:
            if len(self._cache) + len(missing) > VECTOR_CACHE:
                self._cache.clear()
            self._cache.update(zip(missing, self.embed(missing)))  # type: ignore[misc]
        return [self._cache[t] for t in texts]

    def _in_context(self, unit: Unit) -> str:
        """A list item is embedded after its lead-in: "Budget revenue exceeded the
        estimate" alone does not say it is one of the year's results."""
        if unit.kind != "item" or not unit.list_id:
            return unit.text
        lead = self.units.get(unit.list_id)
        return f"{lead.text[-CONTEXT_CHARS:]} {unit.text}" if lead else unit.text

    @staticmethod
    def _best(scored: list[Evidence], limit: int, share: float) -> list[Evidence]:
        """The best unit and those close to it, in reading order."""
        if not scored:
            return []
        top = scored[0].score
        chosen: list[Evidence] = []
        for e in scored[:limit]:
            # a unit and its translation say one thing: the better of the two stands for it
            pair = {e.unit.id, *([e.counterpart.id] if e.counterpart else [])}
            if e.score >= share * top and not any(pair & {c.unit.id, *(
                    [c.counterpart.id] if c.counterpart else [])} for c in chosen):
                chosen.append(e)
        return sorted(chosen, key=lambda e: (e.unit.doc_id != chosen[0].unit.doc_id,
                                             e.unit.position))

    # ----- enumerations --------------------------------------------------------------
    def _enumeration(self, intent: Intent, scored: list[Evidence], passages: Sequence[Passage]
                     ) -> Selection | None:
        """The enumeration that answers a list question: one whose lead-in names the
        asked topic (in either language) comes first, in the top passage's article before
        another's; a list of another article, or one whose lead-in names no category,
        must hold a unit about as good as the best; else none (the points may be stated
        one sentence at a time)."""
        unit_score = {e.unit.id: e.score for e in scored}
        top = passages[0] if passages else None  # the article and its translation
        top_article = {top.chunk.doc_id, *([top.counterpart.doc_id] if top.counterpart else [])
                       } if top else set()
        best: tuple[tuple[bool, bool, float], str] | None = None
        for list_id in self._lists_near(passages):
            lead, items = self.units.enumeration(list_id)
            if len(items) < 2:
                continue
            lead_text = (lead.text if lead else items[0].lead) or ""
            if intent.topic and topic_of(lead_text) not in (None, intent.topic):
                continue  # the list of another category: "tasks" are not "advantages"
            # a lead-in of a category the question does not ask ("huyện kiến nghị" for
            # "which leaders attended") does not name the list by sharing its framing
            named = (bool(intent.topic) and topic_of(lead_text) == intent.topic) or (
                topic_of(lead_text) is None and _lead_names_asked(intent, lead_text))
            units = [*items, *([lead] if lead else [])]
            relevance = max(unit_score.get(u.id, 0.0) for u in units)
            # the article retrieval ranked first is the one asked about; a list of another
            # article answers only when one of its units is about as good as the best
            in_top = items[0].doc_id in top_article
            close = not scored or relevance >= UNNAMED_LIST_SHARE * scored[0].score
            if (not named or not in_top) and not close:
                continue
            # the top article's list comes first only if it is close to the question: a
            # list none of whose units retrieval scored is not what was asked
            score = (named, in_top and close, relevance)
            if best is None or score > best[0]:
                best = (score, list_id)
        if best is None:
            return None
        return self._list_selection(intent, best[1], passages)

    def _sectioned(self, intent: Intent, passages: Sequence[Passage]) -> Selection | None:
        """The points under a subheading of the top article that names the asked
        category (rag.sections), when no list gives them."""
        if not intent.topic or not passages:
            return None
        chunk = passages[0].chunk
        points = section_points(self.units, chunk.doc_id, intent.topic)[:DIRECTED_UNITS]
        if len(points) < 2:
            return None
        chunks = [p.chunk for p in passages if p.chunk.doc_id == chunk.doc_id]
        evidence = [self._evidence(u, next((c for c in chunks if c.start <= u.start
                                            and u.end <= c.end), None),
                                   chunk.title, chunk.language, listed=True) for u in points]
        return Selection(evidence, enumeration=True, gathered=True)

    def _gathered(self, intent: Intent, scored: list[Evidence], passages: Sequence[Passage]
                  ) -> Selection | None:
        """The points of the asked category that the article states one sentence at a
        time, with no list to hold them ("Khó khăn lớn nhất ... là ...", "... vẫn chưa
        được ban hành"): the retrieved sentences that bear the category's signs
        (TOPIC_SIGNS) and score at least half the best, shown in reading order; the rest of
        a retrieved paragraph (``nearby``) is not what retrieval ranked, and not taken."""
        if not intent.topic or not passages or not TOPIC_SIGNS.get(intent.topic):
            return None
        chunk = passages[0].chunk

        def bears(unit: Unit) -> bool:
            return (not self.units.is_lead_in(unit) and mentions(unit.text, TOPIC_SIGNS[intent.topic])
                    and not (intent.topic == "results" and negated(unit.text)))

        top = scored[0].score if scored else 0.0
        chosen = [e.unit for e in scored
                  if bears(e.unit) and not e.nearby and e.score >= 0.5 * top]
        if len(chosen) < 2:
            return None
        chosen = sorted(chosen[:GATHERED_UNITS], key=lambda u: (u.doc_id, u.position))
        chunks = [p.chunk for p in passages]
        evidence = [self._evidence(u, next((c for c in chunks if c.doc_id == u.doc_id and
                                            c.start <= u.start and u.end <= c.end), None),
                                   chunk.title, chunk.language, listed=True) for u in chosen]
        return Selection(evidence, enumeration=True, gathered=True)

    def _directed(self, intent: Intent, listed: Selection | None, retrieval: Retrieval
                  ) -> Selection | None:
        """A tasks question answered by the chair's directives (rag.directives): of the
        article's runs of directives and the list found, the one most like the question.
        A run that holds the list gains the directive paragraphs that follow its "yêu cầu:
        a; b; c"; the list found, if it wins, is the answer as it is."""
        passages = retrieval.passages
        if intent.topic not in DIRECTED_TOPICS or not passages:
            return None
        doc_id = listed.units[0].unit.doc_id if listed else passages[0].chunk.doc_id
        chunks = [p.chunk for p in passages if p.chunk.doc_id == doc_id]
        runs = directive_runs(self.units, doc_id)
        if not runs or not chunks:
            return None
        vector = retrieval.query_vector
        run = max(runs, key=lambda r: self._likeness([r.paragraphs[0], *r.units], vector))
        listed_ids = {e.unit.id for e in listed.units} if listed else set()
        holds = bool(listed_ids & {u.id for u in run.units})
        if listed and not holds and self._likeness(
                [e.unit for e in [*([listed.lead] if listed.lead else []), *listed.units]],
                vector) >= self._likeness([run.paragraphs[0], *run.units], vector):
            return None
        units = list(run.units[:DIRECTED_UNITS])
        if holds and listed:  # the whole list, even where it runs past the run
            units = sorted({u.id: u for u in [*units, *(e.unit for e in listed.units)]}.values(),
                           key=lambda u: u.position)

        def shown_in(unit: Unit) -> Chunk | None:
            return next((c for c in chunks if c.start <= unit.start and unit.end <= c.end), None)

        title, language = chunks[0].title, chunks[0].language
        evidence = [self._evidence(u, shown_in(u), title, language, listed=True) for u in units]
        lead = listed.lead if listed and holds else None
        return Selection(evidence, enumeration=True, lead=lead, gathered=lead is None)

    def _likeness(self, units: list[Unit], query_vector: Sequence[float] | None) -> float:
        """How like the question some units are: the closest of them. A run is given with
        its first paragraph's opening, which names who directs ("Kết luận buổi kiểm tra,
        Phó Chủ tịch X ...") - a paragraph unit stands for its first sentence."""
        if self.embed is None or query_vector is None or not units:
            return 0.0
        texts = [self._in_context(self.units.in_span(u.doc_id, u.start, u.end)[0]
                                  if u.kind == "paragraph" else u) for u in units]
        vectors = np.asarray(self._vectors(texts), dtype=np.float32)
        return float((vectors @ np.asarray(query_vector, dtype=np.float32)).max())

    def _lists_near(self, passages: Sequence[Passage]) -> list[str]:
        """Enumerations around the retrieved passages, then every other enumeration of
        the best passage's article: a list question names the list ("shortcomings"),
        and its lead-in says which one it is even when retrieval ranked other text."""
        found: list[str] = []
        spans = [(p.chunk.doc_id, p.chunk.start, p.chunk.end) for p in passages]
        if passages:
            top = passages[0].chunk.doc_id
            spans += [(top, u.start, u.end) for u in self.units.for_doc(top) if u.list_id]
        for doc_id, start, end in spans:
            for list_id in self.units.enumerations_near(doc_id, start, end):
                if list_id not in found:
                    found.append(list_id)
        return found

    def _list_selection(self, intent: Intent, list_id: str, passages: Sequence[Passage]
                        ) -> Selection:
        lead, items = self.units.enumeration(list_id)
        if intent.negated:  # "which targets were NOT met": the items that say so
            items = [u for u in items if negated(u.text)] or items
        chunks = [p.chunk for p in passages if p.chunk.doc_id == items[0].doc_id]
        title, language = chunks[0].title, chunks[0].language

        def shown_in(unit: Unit) -> Chunk | None:
            return next((c for c in chunks if c.start <= unit.start and unit.end <= c.end), None)

        evidence = [self._evidence(u, shown_in(u), title, language, listed=True) for u in items]
        return Selection(evidence, enumeration=True, lead=self._evidence(
            lead, shown_in(lead), title, language, listed=True) if lead else None)

    def _header(self, passages: Sequence[Passage]) -> Selection:
        """The top article's header passage (retrieval put it first) and its first units:
        the title and dateline a metadata answer cites."""
        if not passages:
            return Selection([])
        chunk = passages[0].chunk
        units = self.units.in_span(chunk.doc_id, chunk.start, chunk.end)[:2]
        return Selection([self._evidence(u, chunk, chunk.title, chunk.language) for u in units],
                         header=passages[0])
