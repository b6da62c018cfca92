"""List answers: every item of the enumeration that answers the question, each cited.

Readers ask most about a meeting's conclusions - its results, shortcomings, tasks and
recommendations - and the article states them as enumerations. The answer gives the
whole enumeration as a list, so none of its items is lost to a length limit, each item
in the reader's language where the article has that version, quoted otherwise.
"""

from __future__ import annotations

from collections.abc import Mapping

from rag.answers import Draft, fact
from rag.answers.quoting import capitalised, in_language, quoted, swapped
from rag.evidence import Evidence, Selection
from rag.intent import Intent
from rag.replies import reply


def compose(intent: Intent, selection: Selection,
            translated: Mapping[str, str] | None = None) -> Draft:
    """The list draft. ``translated``: checked translations into the reader's language
    of units the article has only in the other one (by unit id), shown each above its
    quoted original; a unit without one is quoted alone."""
    if not selection.enumeration:  # no enumeration found: the best sentences instead
        return fact.compose(intent, selection)
    translated = translated or {}
    draft = Draft("")
    foreign = [e for e in selection.units if in_language(e, intent.language) is None]
    suffix = ("_translated" if any(e.unit.id in translated for e in foreign)
              else "_other" if foreign else "")
    key = ("list_gathered" if selection.gathered else "list_lead") + suffix
    head = reply(key, intent.language, count=str(len(selection.units)))
    if selection.lead is not None:
        head += " " + _shown(intent, selection.lead, draft, translated)
    lines = [head] + [f"- {_shown(intent, e, draft, translated)}" for e in selection.units]
    draft.text = "\n".join(lines)
    return draft


def _shown(intent: Intent, evidence: Evidence, draft: Draft, translated: Mapping[str, str]
           ) -> str:
    version = in_language(evidence, intent.language)
    if version is None and evidence.unit.id in translated:
        words = capitalised(translated[evidence.unit.id]).rstrip(" ;,.")
        # the original on a line of its own: a statement apart from the translation,
        # which a negation in the translation ("students who did not ...") does not reach
        return f"{words} [{draft.cite(evidence)}]\n  {quoted(evidence.unit.text)}"
    if version is None:
        return f"{quoted(evidence.unit.text)} [{draft.cite(evidence)}]"
    shown = evidence if version is evidence.unit else swapped(evidence)
    return f"{capitalised(version.text).rstrip(' ;,.')} [{draft.cite(shown)}]"
