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

from rag.evidence import (
    Evidence,
    Selection,
    figure_near,
    has_cause,
    has_date,
    has_figure,
    identifying_numbers,
)
from rag.intent import Intent
from rag.lexicon import ADMIN_UNITS, MEMBERSHIP_CUES, QUESTION_WORDS, folded_tokens, has_cue
from rag.retrieve import Retrieval
from rag.textnorm import fold, has_diacritics, is_syllable
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
    texts = [t for e in selection.units for t in e.texts]  # each version on its own
    asked = set(intent.numbers)
    if intent.relation == "member_of" and intent.subject:
        if not any(states_membership(t, intent.subject) for t in texts):
            return "no unit says what it belongs to"
    if intent.wants == "number" or intent.relation == "count":
        if not any(has_figure(t, asked) for t in texts):
            return "no unit gives a figure"
        counted = _counted_words(intent)
        if counted and not any(figure_near(t, counted, asked) for t in texts
                               if _same_text_language(intent, t)) and all(
                _same_text_language(intent, t) for t in texts):
            return "no figure next to what is asked about"
    named = identifying_numbers(intent)
    if named and not any(named <= numbers(t) for t in texts):
        return "no unit gives the numbers the question names"
    if intent.wants == "date" or intent.relation == "time":
        if not any(has_date(t, asked) for t in texts):
            return "no unit gives a date"
    if intent.wants == "reason" or intent.relation == "cause":
        if not any(has_cause(t) for t in texts):
            return "no unit gives a reason"
    return ""


def _counted_words(intent: Intent) -> set[str]:
    """What a "how many" question counts: its content words that are not names."""
    name_words = {w for n in intent.names for w in n.split()}
    return {w for w in intent.terms if w not in name_words and not w.isdigit()}


def _same_text_language(intent: Intent, text: str) -> bool:
    from rag.textnorm import detect_language

    return detect_language(text) == intent.language


def states_membership(text: str, subject: str) -> bool:
    """Does ``text`` say which larger unit ``subject`` belongs to: "X thuộc tỉnh Y",
    "huyện X, tỉnh Y", "X district, Y province", "X, a district of Y province"?"""
    found = list(re.finditer(r"[^\W_]+(?:['’][^\W_]+)*", text))
    accents = has_diacritics(text)  # "Ban" (a board) must not read as "bản" (a village)
    tokens = [(m.group(0).lower() if accents else fold(m.group(0)), m.group(0)[0].isupper(),
               m.start()) for m in found]
    words = [t[0] for t in tokens]
    folded = [fold(m.group(0)) for m in found]
    name = fold(subject).split()
    for i in range(len(words) - len(name) + 1):
        if folded[i:i + len(name)] != name:
            continue
        j = i + len(name)
        if (j < len(words) and has_cue([words[j]], ADMIN_UNITS, accents)
                and not _comma_before(text, tokens, j)):
            j += 1  # "X district, ...": X's own type word
        if j < len(tokens) and _comma_before(text, tokens, j):
            if _apposition(tokens[j:j + _NEAR], accents):
                return True
        after = words[j:j + _NEAR]
        if has_cue(after, MEMBERSHIP_CUES, accents) and has_cue(after, ADMIN_UNITS, accents):
            return True
    return False


def _comma_before(text: str, tokens: list[tuple[str, bool, int]], j: int) -> bool:
    return "," in text[tokens[j - 1][2]:tokens[j][2]]


def _apposition(tokens: list[tuple[str, bool, int]], accents: bool) -> bool:
    """", tỉnh Y" or ", Y province": an administrative word next to a capitalised name."""
    if len(tokens) >= 2 and has_cue([tokens[0][0]], ADMIN_UNITS, accents) and tokens[1][1]:
        return True
    for k in range(1, min(4, len(tokens))):
        if has_cue([tokens[k][0]], ADMIN_UNITS, accents) and all(t[1] for t in tokens[:k]):
            return True
    return False
