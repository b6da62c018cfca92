"""Which articles a question covers, decided before retrieval.

Two things narrow it: the reader's filter (chosen articles, a publication date range)
and a period the question itself names ("tháng 3/2024", "in March 2024", "năm 2024",
"từ tháng 1 đến tháng 3/2024", "between January and March 2024", "ngày 11/3/2024").

A period in a question may be when the article appeared or when what it reports
happened ("thu ngân sách năm 2023" in an article of March 2024), so it selects the
articles published in it *or* whose text mentions it, at the precision the question
uses (a month is mentioned by a date in it or by "tháng 3/2024", not by "năm 2024").
When no article matches, the period is not a filter at all and every article stays in
scope: the question is then answered, or declined, on the whole library. The reader's
own filter is always applied, on publication dates (a translation without a date of its
own has its original's).

A follow-up ("Còn về khoáng sản thì sao?") stays in the article the conversation is
about (:func:`within`), which the pipeline finds from the previous answer's quotes.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from rag.dates import MONTH_NAME, find_dates, parse_date
from rag.errors import QuestionError
from rag.textnorm import fold

Period = tuple[date, date]
Mention = tuple[int, int | None]  # (year, month) or (year, None)

_YEAR = r"((?:19|20)\d{2})"
_VI_MONTH = rf"thang\s+(\d{{1,2}})\s*(?:/|-|\s+nam\s+){_YEAR}"
_VI_MONTH_RANGE = re.compile(rf"tu\s+thang\s+(\d{{1,2}})\s+(?:den|toi)\s+{_VI_MONTH}")
_EN_MONTH_RANGE = re.compile(rf"(?:between|from)\s+({MONTH_NAME})\s+(?:and|to|until)\s+"
                             rf"({MONTH_NAME}),?\s+{_YEAR}")
_MONTH_FORMS = (re.compile(_VI_MONTH), re.compile(rf"\b({MONTH_NAME}),?\s+{_YEAR}\b"))
_YEAR_IN_QUESTION = re.compile(rf"\b(?:nam|in|of|during|trong)\s+{_YEAR}\b")
_YEAR_IN_TEXT = re.compile(rf"(?<![\d/.,-]){_YEAR}(?!\d)(?!/\d)")
_DAY_MONTH = re.compile(r"\b(?:ngay|den|truoc|tu|sau|toi)\s+\d{1,2}/(\d{1,2})(?![/\d])")
"""A day and month after a word that makes it a date ("đến ngày 31/8"), not a fraction
("29/37 hộ")."""
_BARE_MONTH = re.compile(r"\bthang\s+(\d{1,2})(?![\d/-])(?!\s+nam\s+\d)")


@dataclass(frozen=True)
class ArticleDates:
    """What scoping needs of one article: its publication day and the periods it names."""

    doc_id: str
    published: date | None
    mentions: frozenset[Mention]


@dataclass(frozen=True)
class Scope:
    """The articles a question may be answered from (None: all of them)."""

    doc_ids: frozenset[str] | None = None
    period: Period | None = None  # the question's own period, when it narrowed the scope


def _month_number(token: str) -> int:
    if token.isdigit():
        return int(token)
    return parse_date(f"1 {token} 2000").day.month  # type: ignore[union-attr]


def _month(year: int, month: int) -> Period | None:
    if not 1 <= month <= 12:
        return None
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def question_period(question: str) -> Period | None:
    """The period a question names, or None; the most precise form found wins."""
    folded = fold(question)
    if m := _VI_MONTH_RANGE.search(folded):
        start, end = _month(int(m[3]), int(m[1])), _month(int(m[3]), int(m[2]))
        return (start[0], end[1]) if start and end else None
    if m := _EN_MONTH_RANGE.search(folded):
        start, end = (_month(int(m[3]), _month_number(g)) for g in (m[1], m[2]))
        return (start[0], end[1]) if start and end else None
    days = find_dates(question)
    if days:
        return days[0].day, days[0].day
    for form in _MONTH_FORMS:
        if m := form.search(folded):
            return _month(int(m[2]), _month_number(m[1]))
    if m := _YEAR_IN_QUESTION.search(folded):
        year = int(m[1])
        return date(year, 1, 1), date(year, 12, 31)
    return None


def mentions(text: str, year: int | None = None) -> frozenset[Mention]:
    """The years and months a text names: every date in it, "tháng 3/2024", "March 2024",
    and bare years; with the article's ``year``, also the months of its Vietnamese dates
    written without one ("đến ngày 31/8", "trong tháng 8"), which are that year's."""
    found: set[Mention] = {(d.day.year, d.day.month) for d in find_dates(text)}
    folded = fold(text)
    for form in _MONTH_FORMS:
        found |= {(int(m[2]), _month_number(m[1])) for m in form.finditer(folded)}
    found |= {(int(y), None) for y in _YEAR_IN_TEXT.findall(folded)}
    if year is not None:
        months = [int(m[1]) for m in _DAY_MONTH.finditer(folded)]
        months += [int(m[1]) for m in _BARE_MONTH.finditer(folded)]
        found |= {(year, month) for month in months if 1 <= month <= 12}
    return frozenset(found)


def _covers(article: ArticleDates, period: Period) -> bool:
    """Published in the period, or naming it at the question's precision."""
    start, end = period
    if article.published and start <= article.published <= end:
        return True
    whole_years = start == date(start.year, 1, 1) and end == date(end.year, 12, 31)
    for year, month in article.mentions:
        if month is None:
            if whole_years and start.year <= year <= end.year:
                return True
        elif _month(year, month) and date(year, month, 1) <= end and start <= _month(year, month)[1]:
            return True
    return False


def _parse_bound(value: str | None, field: str) -> date | None:
    if value is None or not str(value).strip():
        return None
    found = parse_date(str(value))
    if found is None:
        raise QuestionError(
            f"The {field} date '{str(value)[:40]}' is not a date; write it as YYYY-MM-DD.",
            f"Ngày '{str(value)[:40]}' ở ô {'từ' if field == 'start' else 'đến'} không phải là "
            "ngày; hãy viết dạng YYYY-MM-DD.",
        )
    return found.day


def resolve(question: str, articles: Sequence[ArticleDates], documents: Iterable[str] | None = None,
            since: str | None = None, until: str | None = None) -> Scope:
    """The scope of ``question`` given the reader's filter (see the module docstring)."""
    start, end = _parse_bound(since, "start"), _parse_bound(until, "end")
    chosen = set(documents) if documents else None
    allowed = [a for a in articles if (chosen is None or a.doc_id in chosen)
               and (start is None or (a.published is not None and a.published >= start))
               and (end is None or (a.published is not None and a.published <= end))]
    filtered = chosen is not None or start is not None or end is not None
    period = question_period(question)
    covered = [a for a in allowed if period and _covers(a, period)]
    if covered and len(covered) < len(allowed):
        return Scope(frozenset(a.doc_id for a in covered), period)
    return Scope(frozenset(a.doc_id for a in allowed) if filtered else None)


def within(scope: Scope, articles: frozenset[str] | None) -> Scope:
    """``scope`` narrowed to ``articles`` (a conversation's article and its translation),
    unless that leaves nothing."""
    if not articles:
        return scope
    narrowed = articles if scope.doc_ids is None else scope.doc_ids & articles
    return Scope(narrowed, scope.period) if narrowed else scope
