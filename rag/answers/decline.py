"""Declines: a plain one when the articles do not deal with the question, and for a
near-miss - the articles mention everything the question names but do not state what
it presupposes - a short note of what they do say, citing the closest unit."""

from __future__ import annotations

import re

from rag.answers import Draft
from rag.answers.quoting import in_language, quoted, swapped
from rag.evidence import Evidence
from rag.intent import Intent
from rag.replies import asked_for, reply
from rag.textnorm import fold


def decline(intent: Intent, near_miss: Evidence | None = None) -> Draft:
    if near_miss is None:
        return Draft(reply("decline", intent.language), answerable=False)
    draft = Draft("", answerable=False)
    version = in_language(near_miss, intent.language)
    shown = near_miss if version in (None, near_miss.unit) else swapped(near_miss)
    evidence = f"{quoted(shown.unit.text)} [{draft.cite(shown)}]"
    subject = as_asked(intent.question, intent.subject) if intent.subject else None
    asked = asked_for(intent.relation, intent.language, subject)
    draft.text = reply("nearmiss", intent.language, asked=asked, evidence=evidence)
    return draft


def as_asked(question: str, subject: str) -> str:
    """The subject as the reader typed it ("Krông Nô"), found again by its folded form."""
    words = question.split()
    size = len(subject.split())
    for i in range(len(words) - size + 1):
        span = " ".join(words[i:i + size])
        if fold(re.sub(r"[^\w\s-]", "", span)) == subject:
            return re.sub(r"[^\w\s-]", "", span)
    return subject
