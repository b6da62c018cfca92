"""Fact, yes/no and summary answers: the chosen units, in the reader's language.

A unit whose article has a version in the reader's language is given in that version.
Otherwise it is quoted in the original, after a short lead in the reader's language
that names the value the question asked for (a date, a figure with its unit, a name),
so an English reader of a Vietnamese-only article gets the answer and its source.
"""

from __future__ import annotations

from rag.answers import Draft
from rag.answers.quoting import capitalised, in_language, quoted, swapped
from rag.evidence import Evidence, Selection
from rag.intent import Intent
from rag.replies import reply
from rag.values import value_for


def compose(intent: Intent, selection: Selection) -> Draft:
    draft = Draft("")
    parts = [_sentence(intent, e, draft) for e in selection.units]
    draft.text = " ".join(p for p in parts if p)
    return draft


def _sentence(intent: Intent, evidence: Evidence, draft: Draft) -> str:
    version = in_language(evidence, intent.language)
    if version is not None:
        shown = evidence if version is evidence.unit else swapped(evidence)
        return f"{_as_sentence(version.text)} [{draft.cite(shown)}]"
    value = value_for(evidence.asked or intent, evidence.unit.text)
    lead = reply("value_lead", intent.language, value=value) if value else reply(
        "quote_other", intent.language)
    return f"{lead}{quoted(evidence.unit.text)} [{draft.cite(evidence)}]"


def _as_sentence(text: str) -> str:
    """A unit as an answer sentence: list punctuation removed, a full stop at the end."""
    body = capitalised(text).rstrip(" ;,:")
    return body if body.endswith((".", "!", "?", "…", "”", '"')) else body + "."
