"""Decide, before any model runs, whether the retrieved passages can answer the question.

A small model given loosely related passages invents answers (shared/models.md saw a
coffee price no passage mentioned), so a question the passages do not support is
declined up front. Two signals, thresholds tuned on the eval dev split:
- the best dense similarity between the question and any passage;
- the share of the question's content words (accent-folded, in either language)
  found in the retrieved passages or their parallel versions. Names and numbers in
  the question that appear nowhere in them are the strongest sign of a question
  about something the articles do not cover.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rag.cite import Source, content_words, names, numbers
from rag.retrieve import asks_about_article
from rag.textnorm import fold, has_diacritics

QUESTION_WORDS = frozenset(
    """
    nao gi sao bao nhieu ai dau khi nhu vi tai hay cho biet neu ke liet ra duoc nhung cac
    what which who whom when where why how many much does did tell list name give please
    article articles bai viet bao
    """.split()
)


@dataclass(frozen=True)
class Verdict:
    answerable: bool
    coverage: float
    top_dense: float
    missing: tuple[str, ...]


def assess(question: str, sources: list[Source], top_dense: float, min_dense: float,
           min_coverage: float) -> Verdict:
    """Is the question supported by the retrieved sources?

    A question about the article itself (its date or title) with the article's header
    retrieved is supported by construction: the header answers it, though it shares no
    words with "when was it published?".
    """
    if sources and asks_about_article(question) and sources[0].chunk.start == 0:
        return Verdict(True, 1.0, top_dense, ())
    evidence = " ".join(s.chunk.title + " " + s.chunk.text + " " +
                        (s.counterpart.text if s.counterpart else "") for s in sources)
    accents = has_diacritics(question)  # compare as typed: "Hà" is not "hạ"
    ev_words = content_words(evidence, accents)
    ev_words |= {part for w in ev_words for part in re.split(r"[-/.]", w)}  # "620-bc/hu" -> "bc"
    asked = {w for w in content_words(question, accents) if fold(w) not in QUESTION_WORDS}
    coverage = len(asked & ev_words) / len(asked) if asked else 0.0
    missing = sorted((numbers(question) - numbers(evidence)) |
                     (names(question, accents) - ev_words))
    ok = bool(sources) and top_dense >= min_dense and coverage >= min_coverage and not missing
    return Verdict(ok, coverage, top_dense, tuple(missing))


_MARKERS = re.compile(r"\[\d+\]")
_YEAR = re.compile(r"^(?:19|20)\d\d$")
# What kind of answer a question asks for, on the accent-folded question.
_WANTS_NUMBER = re.compile(r"\b(how many|how much|what percentage|what percent|what share|"
                           r"bao nhieu|ty le|so luong|tong so|tong cong)\b")
_WANTS_DATE = re.compile(r"\b(when|what date|which date|what day|what time|khi nao|ngay nao|"
                         r"bao gio|luc nao|thoi diem nao|vao ngay|nam nao|thang nao)\b")
_DATE = re.compile(r"\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b|\b(?:19|20)\d{2}\b|"
                   r"\b(?:january|february|march|april|may|june|july|august|september|october|"
                   r"november|december)\b|\bthang \d{1,2}\b", re.IGNORECASE)


def answers_what_was_asked(question: str, answer: str) -> bool:
    """A "how many" question needs a new number in the answer, a "when" question a date.

    The articles often discuss a topic without the figure a reader asks for (revenue
    "exceeded the estimate", no amount); an answer about the topic without the figure
    does not answer the question, so it is declined instead.
    """
    q = fold(question)
    answer = _MARKERS.sub("", answer)
    asked_numbers = numbers(question)
    if _WANTS_NUMBER.search(q) and not {n for n in numbers(answer) - asked_numbers
                                        if not _YEAR.match(n)}:
        return False  # a year does not answer "how many"
    if _WANTS_DATE.search(q):
        dates = {m.group(0).lower() for m in _DATE.finditer(fold(answer))}
        return bool({d for d in dates if not (d.isdigit() and d in asked_numbers)})
    return True
