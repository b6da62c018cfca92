"""Stage 5b (part): what the words around an asked value say about it.

A unit can hold a figure or a date of the asked kind and still not answer: the figure
may be a demand ("yêu cầu công ty bồi thường 2,1 tỷ đồng"), a target ("phấn đấu đến
ngày 31/01/2025"), a fall where a rise was asked ("giảm 4 bậc"), a fine where
compensation was asked, or a document's date where a meeting's was. No entailment model
runs here (shared/models.md), so this is read from the few words before the value, with
the general cue lists of :mod:`rag.lexicon`. A modal verb farther away governs something
else ("cần tăng cường ... trong Báo cáo số 415, ngày 14/02/2025").
"""

from __future__ import annotations

import re

from rag.evidence import counted_forms, starts_with
from rag.intent import Intent
from rag.lexicon import (
    COMPLETION_CUES,
    DECIDED_CUES,
    DECREASE_CUES,
    DOCUMENT_CUES,
    INCREASE_CUES,
    IRREALIS_CUES,
    LEAD_IRREALIS_CUES,
    MONEY_KINDS,
    NEGATION_CUES,
    REMAINING_CUES,
    REQUEST_CUES,
    Cues,
    cue_spots,
    cue_tokens,
    has_cue,
    topic_of,
)
from rag.textnorm import fold
from rag.verify import without_names

FRAME = 10
"""Words before a value that can frame it (ask for it, plan it, negate it, name it)."""
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_CONTRAST = re.compile(r",?\s+(?:nhưng|song|but)\s+", re.IGNORECASE)
"""A request does not reach past "but" to a value: "24 hộ đề nghị được bố trí tái định
cư, nhưng khu tái định cư mới hoàn thành khoảng 65% hạ tầng" states what was done."""
_HANDED = "bàn_giao"
_CURRENCY_WORDS = frozenset({"đồng", "dong", "vnd", "vnđ", "usd", "tỷ", "ty", "triệu", "trieu",
                             "billion", "million", "trillion", "dollars", "dollar"})


def _tokens(text: str) -> tuple[list[str], bool]:
    """Cue tokens of ``text`` with each name word replaced by one neutral word ("Report
    No." does not negate), so positions still line up; "bàn giao cho" (handed over to)
    is not "giao cho" (assigned to)."""
    tokens, accented = cue_tokens(without_names(text, "X"))
    return [_HANDED if t == "giao" and i and fold(tokens[i - 1]) == "ban" else t
            for i, t in enumerate(tokens)], accented


def value_spots(intent: Intent, tokens: list[str]) -> list[int]:
    """Positions of the figures or dates that could answer: numbers the question gave
    aside; for an amount or count, not a year; for money, one a currency follows; for a
    date, not a document's (unless the question asks about the document)."""
    if intent.wants not in ("number", "date"):
        return []
    given = set(intent.numbers)
    spots = [i for i, t in enumerate(tokens) if t.isdigit() and str(int(t)) not in given]
    if intent.wants == "number":
        spots = [i for i in spots if not _YEAR.match(tokens[i])]
        if intent.money:
            spots = [i for i in spots if _CURRENCY_WORDS & set(tokens[i + 1:i + 4])]
        elif intent.counted:  # "giảm 4 bậc" is the figure of "how many places", not "thứ 13"
            forms = counted_forms(intent.counted)
            folded = [fold(t) for t in tokens]
            spots = [i for i in spots if any(starts_with(folded[i + 1 + k:], f)
                                             for f in forms for k in range(3))]
    elif not intent.about_document:
        spots = [i for i in spots if not has_cue(tokens[max(0, i - 8):i], DOCUMENT_CUES)]
    return spots


def _window(tokens: list[str], spot: int) -> list[str]:
    return tokens[max(0, spot - FRAME):spot]


_FOUND_TOPICS = frozenset({"results", "shortcomings", "advantages"})
"""What a list of these states happened or holds; other categories list what is to be done."""


def states_done(intent: Intent, text: str, lead: str | None) -> bool:
    """Does ``text`` state what was asked as done - not asked for, proposed, planned,
    under way or negated just before its value, nor in a sentence that asks for it
    ("huyện kiến nghị tỉnh hỗ trợ 42 tỷ đồng ...; bố trí 76 tỷ đồng ...") or under a list
    lead-in that does ("yêu cầu công ty: ...")? A completion must be stated next to its
    date. A lead-in that announces what was found ("những hạn chế cần khắc phục", "kết
    quả đạt được") states its items: its "cần" is about the remedy, not the item."""
    if lead and _frames(lead, LEAD_IRREALIS_CUES) and topic_of(lead) not in _FOUND_TOPICS:
        return False
    clauses = (_CONTRAST.split(s) if intent.wants in ("number", "date") else [s]
               for s in _SENTENCE.split(text))
    return any(_sentence_states_done(intent, clause) for group in clauses for clause in group)


def _sentence_states_done(intent: Intent, text: str) -> bool:
    tokens, accented = _tokens(text)
    for spot in value_spots(intent, tokens) or [len(tokens)]:
        before = _window(tokens, spot)
        if has_cue(before, IRREALIS_CUES, accented) or has_cue(before, NEGATION_CUES, accented):
            continue
        if _requested(tokens[:spot], accented) or has_cue(tokens[max(0, spot - 3):spot],
                                                           REMAINING_CUES, accented):
            continue  # "xã còn khoảng 26 km đường đất": what is left, not what was done
        near = tokens[max(0, spot - FRAME):spot + FRAME]
        if intent.completion and not has_cue(near, COMPLETION_CUES, accented):
            continue
        return True
    return False


def _requested(tokens: list[str], accented: bool) -> bool:
    """Is the sentence, up to a value, still what someone asks for: a request or a
    directive with no decision or done act after it?"""
    return _last_cue(tokens, REQUEST_CUES, accented) > _last_cue(tokens, DECIDED_CUES, accented)


def _last_cue(tokens: list[str], cues: Cues, accented: bool) -> int:
    """Where the last cue of ``cues`` starts in ``tokens``; -1 when none does."""
    return max(cue_spots(tokens, cues, accented), default=-1)


def _frames(text: str, cues: Cues) -> bool:
    """Does a list's lead-in ask for or plan what it lists? Its verb can stand further
    back than a value's ("yêu cầu công ty thực hiện các biện pháp khắc phục, gồm:"), but
    within the lead's last clause ("... lãnh đạo, chỉ đạo ... đạt kết quả; nổi rõ là:"
    announces results, not directives)."""
    clause = re.split(r"[;:]", text.rstrip().rstrip(":"))[-1]
    tokens, accented = cue_tokens(clause)
    return has_cue(tokens[-2 * FRAME:], cues, accented)


def fits(intent: Intent, text: str) -> bool:
    """Is one of the text's candidate values of the asked kind (its money kind), in the
    asked direction (a rise, a fall) and - for a date - not a document's date when a
    meeting's or an event's was asked? True when the question asks for none of these."""
    if intent.wants not in ("number", "date"):
        return True
    tokens, accented = _tokens(text)
    spots = value_spots(intent, tokens)
    if not spots:
        return intent.wants == "number" and not intent.money and intent.money_kind is None
    return any(_fits_at(intent, tokens, spot, accented) for spot in spots)


def _fits_at(intent: Intent, tokens: list[str], spot: int, accented: bool) -> bool:
    before = _window(tokens, spot)
    if intent.money_kind is not None:
        kind = MONEY_KINDS[intent.money_kind]
        if not has_cue(tokens[max(0, spot - 2 * FRAME):spot + 4], kind, accented):
            return False
    if intent.direction:
        same, other = ((INCREASE_CUES, DECREASE_CUES) if intent.direction == "up"
                       else (DECREASE_CUES, INCREASE_CUES))
        if has_cue(before, other, accented) and not has_cue(before, same, accented):
            return False
    return True

