"""A conclusion's tasks given paragraph by paragraph, with no list to hold them.

A working session's conclusions usually end with the chair's directives: a run of
paragraphs from where the chair starts to direct ("Kết luận buổi làm việc, đồng chí X
yêu cầu ..."), one or two tasks a paragraph, often opening with the verb itself ("Tăng
cường kiểm tra ...") and with no marker to say they belong together. The run ends where
those directed reply ("Tiếp thu ý kiến chỉ đạo, ..."), where someone reports ("Giám
đốc Sở cho biết, ..."), or where a list of another category starts. A question about
the tasks asks for the whole run, and retrieval shows only a few passages of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rag.lexicon import (
    CONCLUDING_OPENERS,
    DIRECTIVE_CUES,
    DONE_CUES,
    REPLY_OPENERS,
    REPORT_CUES,
    TOPIC_CUES,
    folded_tokens,
    mentions,
    topic_of,
)
from rag.units import OPENING_PARAGRAPHS, Unit, UnitIndex, smallest

MAX_PARAGRAPHS = 8
"""A run longer than this has lost the speech it started in."""
REPORT_WORDS = 15
"""How near its start a sentence names who reports ("Ông X, Phó Chủ tịch huyện, cho biết")."""
ANNOUNCING_WORDS = 8
"""Where a sentence that announces a category names it: "... nêu những khó khăn trong công tác"."""
_SOME = re.compile(r"\b(?:những|các|một số|nhiều|some|several|many|the following)\b", re.I)
MIN_WORDS = 5
"""Words a paragraph needs to go on with a speech."""
MIN_DIRECTIVES = 2
"""Sentences with a directive word a run needs: one is a sentence, not a speech."""
DIRECTED_TOPICS = frozenset({"tasks", "measures"})
"""The question categories a run of directives answers."""


@dataclass(frozen=True)
class Run:
    """One run of directive paragraphs and the units an answer cites from it."""

    paragraphs: tuple[Unit, ...]
    units: tuple[Unit, ...]  # sentences or list items, in reading order, lead-ins left out


def directive_runs(index: UnitIndex, doc_id: str) -> list[Run]:
    """Every run of directive paragraphs in a document, in reading order."""
    runs: list[Run] = []
    current: list[tuple[Unit, list[Unit]]] = []
    # the headline and sapo say what the article is about ("X cần ..."), not a speech
    for para in (u for u in index.for_doc(doc_id)
                 if u.kind == "paragraph" and u.paragraph >= OPENING_PARAGRAPHS):
        leaves = _leaves(index, para)
        if current and len(current) < MAX_PARAGRAPHS and _continues(index, para, leaves):
            current.append((para, leaves))
            continue
        runs += _closed(index, current)
        opening = _opening(index, para, leaves)
        current = [(para, opening)] if opening is not None else []
    return runs + _closed(index, current)


def _leaves(index: UnitIndex, para: Unit) -> list[Unit]:
    """The smallest units of a paragraph: its items where it has a list, else its
    sentences."""
    return smallest(index.in_span(para.doc_id, para.start, para.end))


def _other_list(index: UnitIndex, leaves: list[Unit]) -> bool:
    """Is the paragraph part of a list of another category ("Những hạn chế: 1. ...")?"""
    for unit in leaves:
        if unit.kind == "item" and unit.list_id:
            lead, _ = index.enumeration(unit.list_id)
            topic = topic_of(lead.text if lead else unit.lead or "")
            if topic is not None and topic not in DIRECTED_TOPICS:
                return True
    return False


def _opens_with(text: str, cues: frozenset[str]) -> bool:
    folded = " ".join(folded_tokens(text)) + " "
    return any(folded.startswith(f"{cue} ") for cue in cues)


def _reports(text: str) -> bool:
    return mentions(" ".join(text.split()[:REPORT_WORDS]), REPORT_CUES)


def _directs(unit: Unit) -> bool:
    """Does the unit give a task ("cần", "yêu cầu"), and not report ("huyện cho biết ... cần")?
    A list item gives one when its lead-in directs: the items of "Kỳ họp thông qua các
    nghị quyết: ..." state what was passed, whatever words they use."""
    if unit.kind == "item" and unit.lead:
        return mentions(unit.lead, DIRECTIVE_CUES) and not _reports(unit.lead)
    return mentions(unit.text, DIRECTIVE_CUES) and not _reports(unit.text)


def _turns_away(index: UnitIndex, para: Unit, leaves: list[Unit]) -> bool:
    """A reply, a report, a request ("Huyện kiến nghị tỉnh ..."), a sentence that
    announces another category ("Nhiều địa phương nêu những khó khăn") or another
    category's list: no longer the chair's directive."""
    first = leaves[0] if leaves else para
    tail = " ".join(first.text.split()[-ANNOUNCING_WORDS:])
    announced = topic_of(tail) if _SOME.search(tail) else None
    concluding = _opens_with(para.text, CONCLUDING_OPENERS)  # "ghi nhận những kết quả ..."
    requests = mentions(first.text, TOPIC_CUES["recommendations"]) and not _directs(first)
    return (_opens_with(para.text, REPLY_OPENERS) or _reports(first.text) or requests
            or (announced not in (None, *DIRECTED_TOPICS) and not _directs(first)
                and not concluding)
            or _other_list(index, leaves))


def _continues(index: UnitIndex, para: Unit, leaves: list[Unit]) -> bool:
    """A paragraph goes on with the speech unless it turns away, opens the conclusions
    anew, or reports what was done ("Tại huyện X, Trung tâm Y tế đã phối hợp ...")."""
    if not leaves or len(para.text.split()) < MIN_WORDS or _turns_away(index, para, leaves):
        return False  # a line of a few words is a byline or a caption, not a directive
    first = leaves[0]
    return not _opens_with(para.text, CONCLUDING_OPENERS) and (
        _directs(first) or not mentions(first.text, DONE_CUES))


def _opening(index: UnitIndex, para: Unit, leaves: list[Unit]) -> list[Unit] | None:
    """The leaves of a paragraph from its first directive on ("Phát biểu kết luận, đồng
    chí X ghi nhận ... Đồng chí yêu cầu ..." starts at the second sentence); None if the
    paragraph does not start a speech. One that opens the conclusions starts it even
    when it directs nothing yet ("Kết luận hội nghị, ông X đánh giá ...")."""
    if not leaves or _turns_away(index, para, leaves):
        return None
    at = next((i for i, u in enumerate(leaves) if _directs(u)), None)
    if at is None:
        return [] if _opens_with(para.text, CONCLUDING_OPENERS) else None
    return leaves[at:]


def _closed(index: UnitIndex, current: list[tuple[Unit, list[Unit]]]) -> list[Run]:
    """The run as cited units, if it directs enough to be a speech."""
    units = [u for _, leaves in current for u in leaves if not index.is_lead_in(u)]
    directing = [u for _, leaves in current for u in leaves if _directs(u)]
    if len(units) < 2 or len(directing) < MIN_DIRECTIVES:
        return []
    return [Run(tuple(p for p, _ in current), tuple(units))]
