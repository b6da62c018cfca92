"""How a unit is shown in an answer: in the reader's language when a version exists,
else quoted in the original with a lead in the reader's language."""

from __future__ import annotations

from rag.evidence import Evidence
from rag.units import Unit


def in_language(evidence: Evidence, language: str) -> Unit | None:
    """The unit's version in ``language`` (itself or its translation), if any."""
    if evidence.language == language:
        return evidence.unit
    if evidence.counterpart is not None and evidence.counterpart_language == language:
        return evidence.counterpart
    return None


def quoted(text: str) -> str:
    """A unit as a quotation, without the list punctuation it ends with."""
    return "“" + " ".join(text.split()).rstrip(" ;,:") + "”"


def swapped(evidence: Evidence) -> Evidence:
    """The same evidence seen from its translation (cited in the reader's language)."""
    assert evidence.counterpart is not None
    return Evidence(evidence.counterpart, None, evidence.unit, evidence.title,
                    evidence.counterpart_language, evidence.score)


def capitalised(text: str) -> str:
    """A unit shown on its own line or as a sentence starts with a capital letter
    (list items cut from a sentence start in lower case)."""
    text = " ".join(text.split())
    return text[:1].upper() + text[1:]
