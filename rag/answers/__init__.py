"""Stage 5c: evidence -> the text of an answer, one module per answer shape.

Each shape turns the selected units into a :class:`Draft`: text with ``[n]`` markers and
the evidence each marker points at. Nothing here invents a fact: a draft states what
one unit says (quoted, or as a value found in it), and the wording around it comes
from :mod:`rag.replies`. The model backends may rewrite a fact draft in their own
words; what they write is checked against the same units (:mod:`rag.cite`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rag.evidence import Evidence, Selection
from rag.intent import Intent


@dataclass
class Draft:
    """Answer text with markers, and the evidence behind marker n at index n - 1."""

    text: str
    cited: list[Evidence] = field(default_factory=list)
    answerable: bool = True

    def cite(self, evidence: Evidence) -> int:
        """The marker number of ``evidence``, adding it when new."""
        for n, e in enumerate(self.cited, start=1):
            if e.unit.id == evidence.unit.id:
                return n
        self.cited.append(evidence)
        return len(self.cited)


def compose(intent: Intent, selection: Selection) -> Draft:
    """The extractive draft of an answerable question, by its shape."""
    from rag.answers import fact, listing, metadata

    if intent.shape == "metadata":
        return metadata.compose(intent, selection)
    if intent.shape == "list":
        return listing.compose(intent, selection)
    return fact.compose(intent, selection)
