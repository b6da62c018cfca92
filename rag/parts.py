"""Stage 2b: a compound question -> the questions it joins.

"How many candidates registered, and how many places are there?" asks two things, and
the unit that answers one rarely answers the other: the selector would keep the first
and drop the second as less relevant. Each part is selected and gated on its own (in
:mod:`rag.pipeline`) over the whole question's retrieval, which both parts share.

A question is split once, at a conjunction ("và", "and") or a comma whose two sides
each hold a question word of their own ("bao nhiêu ... và ... ngày nào"); "the results and the
shortcomings" or "huyện A và huyện B có bao nhiêu xã" are one question.
"""

from __future__ import annotations

import re

from rag.lexicon import ASKS
from rag.textnorm import fold

# "..., and by what date", "... và do sở nào": the conjunction, then the second question.
_JOINS = (re.compile(r",?\s+(?:and|và|va)\s+(?=\S)"), re.compile(r",\s+(?=\S)"))
"""A conjunction first; a comma alone only where no conjunction joins two questions."""
_MIN_WORDS = 3  # a side shorter than this is a fragment ("và ai?"), not a question


def split(question: str) -> list[str]:
    """The parts of ``question``: itself alone unless it joins two questions."""
    folded = fold(question).lower()
    if len(folded) != len(question):  # positions on the folded text must be the text's
        return [question]
    for join in (j for pattern in _JOINS for j in pattern.finditer(folded)):
        left, right = question[:join.start()], question[join.end():]
        if (len(left.split()) >= _MIN_WORDS and len(right.split()) >= _MIN_WORDS
                and ASKS.search(folded[:join.start()])
                and ASKS.match(_opening(folded[join.end():]))):
            return [_as_question(left), _as_question(right)]
    return [question]


_BACK = re.compile(r"\b(?:it|its|they|their|them|this|that|these|those|do|nay|ay|ho)\b")
"""Words a part uses for what the part before it named ("how big is its share?")."""


def leans(part: str) -> bool:
    """Does a later part refer back to the part before it instead of naming its subject?"""
    return bool(_BACK.search(fold(part).lower()))


def _opening(folded: str) -> str:
    """The second side's first words, past a preposition ("by what date", "do sở nào",
    "tổng chỉ tiêu là bao nhiêu" - a Vietnamese question word may close its clause,
    so "..., giải phóng mặt bằng được bao nhiêu rồi" joins with a comma alone)."""
    clause = re.split(r"[,;]", folded, maxsplit=1)[0]
    match = ASKS.search(clause)
    return clause[match.start():] if match else ""


def _as_question(text: str) -> str:
    text = text.strip(" ,;")
    return text if text.endswith("?") else text + "?"
