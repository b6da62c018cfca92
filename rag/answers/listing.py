"""List answers: every item of the enumeration that answers the question, each cited.

Readers ask most about a meeting's conclusions - its results, shortcomings, tasks and
recommendations - and the article states them as enumerations. The answer gives the
whole enumeration as a list, so none of its items is lost to a length limit, each item
in the reader's language where the article has that version, quoted otherwise.
"""

from __future__ import annotations

from rag.answers import Draft, fact
from rag.answers.quoting import capitalised, in_language, quoted, swapped
from rag.evidence import Evidence, Selection
from rag.intent import Intent
from rag.replies import reply


def compose(intent: Intent, selection: Selection) -> Draft:
    if not selection.enumeration:  # no enumeration found: the best sentences instead
        return fact.compose(intent, selection)
    draft = Draft("")
    other = any(in_language(e, intent.language) is None for e in selection.units)
    key = ("list_gathered" if selection.gathered else "list_lead") + ("_other" if other else "")
    head = reply(key, intent.language, count=str(len(selection.units)))
    if selection.lead is not None:
        head += " " + _shown(intent, selection.lead, draft)
    lines = [head] + [f"- {_shown(intent, e, draft)}" for e in selection.units]
    draft.text = "\n".join(lines)
    return draft


def _shown(intent: Intent, evidence: Evidence, draft: Draft) -> str:
    version = in_language(evidence, intent.language)
    if version is None:
        return f"{quoted(evidence.unit.text)} [{draft.cite(evidence)}]"
    shown = evidence if version is evidence.unit else swapped(evidence)
    return f"{capitalised(version.text).rstrip(' ;,.')} [{draft.cite(shown)}]"
