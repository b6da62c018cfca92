"""Stage 5b: decide, by code, whether the chosen evidence answers the question.

A small model given loosely related passages invents answers, and asked "is this
answerable?" it says yes to near-misses (shared/models.md). So the decision is made
here, before any model runs, from what the question asks for against what one unit
states:
- retrieval must support the question at all: close enough in meaning, and the names
  and numbers it mentions present in the retrieved passages; in the passages' own
  language, enough of its words too (across languages words cannot be compared);
- the evidence must have the question's shape: a figure for "how many", a date for
  "when", a cause for "why", and for "which province is X in" a unit that ties X to a
  larger unit - not one that merely mentions both.
A question that fails only the second test is a near-miss: it is declined with a short
note of what the articles do say, citing the closest unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rag.evidence import Evidence, Selection, has_cause, has_date, has_figure
from rag.intent import Intent
from rag.lexicon import ADMIN_UNITS, MEMBERSHIP_CUES, QUESTION_WORDS, folded_tokens, has_cue
from rag.retrieve import Retrieval
from rag.textnorm import fold, is_syllable
from rag.types import Passage
from rag.verify import content_words, numbers

_NEAR = 6
"""Words between a subject and the larger unit a membership statement names."""


@dataclass(frozen=True)
class Verdict:
    answerable: bool
    reason: str = ""
    near_miss: Evidence | None = None  # the closest unit, quoted when declining a near-miss


def assess(intent: Intent, retrieval: Retrieval, selection: Selection, min_dense: float,
           min_coverage: float) -> Verdict:
    """Is the question answered by the selected evidence?"""
    passages = retrieval.passages
    if not passages:
        return Verdict(False, "nothing retrieved")
    if intent.shape == "metadata":
        return Verdict(True)
    problem = _retrieval_problem(intent, passages, retrieval.top_dense, min_dense, min_coverage)
    if problem:
        return Verdict(False, problem)
    if not selection.units:
        return Verdict(False, "no evidence unit")
    problem = _shape_problem(intent, selection)
    if problem:
        return Verdict(False, problem, near_miss=selection.units[0])
    return Verdict(True)


def _evidence_text(passages: list[Passage]) -> str:
    return " ".join(p.chunk.title + " " + p.chunk.text + " " +
                    (p.counterpart.text if p.counterpart else "") for p in passages)


def _retrieval_problem(intent: Intent, passages: list[Passage], top_dense: float,
                       min_dense: float, min_coverage: float) -> str:
    if top_dense < min_dense:
        return f"dense similarity {top_dense:.2f} < {min_dense}"
    evidence = _evidence_text(passages)
    present = set(folded_tokens(evidence))
    same_language = _same_language(intent, passages)
    missing = sorted((set(intent.numbers) - numbers(evidence)) |
                     {n for n in intent.names if not _name_present(n, present, same_language)})
    if missing:
        return f"not in the passages: {missing}"
    if not same_language:
        return ""
    asked = {w for w in content_words(intent.question) if w not in QUESTION_WORDS}
    covered = asked & (content_words(evidence) | present)
    if asked and len(covered) / len(asked) < min_coverage:
        return f"question words covered {len(covered)}/{len(asked)}"
    return ""


def _name_present(name: str, present: set[str], same_language: bool) -> bool:
    """Is a name of the question in the passages? Across languages only its words that
    could be Vietnamese syllables are compared: "Standing Committee" is translated, but
    "Krông Nô" is written "Krong No"."""
    words = [w for w in name.split() if same_language or (len(w) > 1 and is_syllable(w))]
    return set(words) <= present


def _same_language(intent: Intent, passages: list[Passage]) -> bool:
    """Can the question's words be compared with the passages' (or their translations')?"""
    return any(p.chunk.language == intent.language or
               (p.counterpart is not None and p.counterpart.language == intent.language)
               for p in passages)


def _shape_problem(intent: Intent, selection: Selection) -> str:
    """What the question presupposes that no selected unit states."""
    texts = [" ".join(e.texts) for e in selection.units]
    asked = set(intent.numbers)
    if intent.relation == "member_of" and intent.subject:
        if not any(states_membership(t, intent.subject) for t in texts):
            return "no unit says what it belongs to"
    if intent.wants == "number" or intent.relation == "count":
        if not any(has_figure(t, asked) for t in texts):
            return "no unit gives a figure"
    if intent.wants == "date" or intent.relation == "time":
        if not any(has_date(t, asked) for t in texts):
            return "no unit gives a date"
    if intent.wants == "reason" or intent.relation == "cause":
        if not any(has_cause(t) for t in texts):
            return "no unit gives a reason"
    return ""


def states_membership(text: str, subject: str) -> bool:
    """Does ``text`` say which larger unit ``subject`` belongs to: "X thuộc tỉnh Y",
    "huyện X, tỉnh Y", "X district, Y province", "X, a district of Y province"?"""
    name = " ".join(fold(subject).split())
    folded = " ".join(fold(text).split())
    for match in re.finditer(rf"\b{re.escape(name)}\b", folded):
        rest = folded[match.end():]
        own_type = re.match(r"\s*(\w+)", rest)
        if own_type and has_cue([own_type.group(1)], ADMIN_UNITS):
            rest = rest[own_type.end():]  # "X district, ..." : skip X's own type word
        window = rest.split()[:_NEAR]
        if rest.lstrip().startswith(",") and has_cue(window, ADMIN_UNITS):
            return True  # an apposition: "X, tỉnh Y" / "X district, Y province"
        words_after = folded_tokens(" ".join(window))
        if has_cue(words_after, MEMBERSHIP_CUES) and has_cue(words_after, ADMIN_UNITS):
            return True
    return False
