"""Metadata answers: when the article was published, its title, author or outlet.

These come from the article's header (front matter, or the title and dateline the
reader sees at its top), which shares no words with "when was it published?", so they
are answered from the header passage directly and cite the article's first units.
"""

from __future__ import annotations

import re
from datetime import datetime

from rag.answers import Draft
from rag.evidence import Selection
from rag.intent import Intent
from rag.replies import reply

_DATELINE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\D{1,6}(\d{1,2}):(\d{2})")
"""A dateline the reader did not recognise still gives its time ("05/11/2025 - 09:20"); a
date alone in the header is as likely the headline's deadline ("trước 30/6/2026")."""
_MONTHS = ("January February March April May June July August September October November "
           "December").split()


def compose(intent: Intent, selection: Selection) -> Draft:
    header = selection.header
    if header is None or not selection.units:
        return Draft(reply("decline", intent.language), answerable=False)
    chunk = header.chunk
    values = {"published": _date(chunk.published, chunk.text, intent.language),
              "title": chunk.title, "author": chunk.byline, "source": chunk.source}
    fields = [f for f in (intent.meta_field or "published", *intent.meta_also) if values.get(f)]
    if not fields:
        return Draft(reply("decline", intent.language), answerable=False)
    draft = Draft("")
    marker = draft.cite(selection.units[0])
    sentences = []
    for field in fields:
        text = reply(field, intent.language, **({"date": values[field]} if field == "published"
                                                else {"value": values[field]}))
        sentences.append(f"{text[:-1]} [{marker}]{text[-1]}")
    draft.text = " ".join(sentences)
    return draft


def _date(published: str | None, header_text: str, language: str) -> str | None:
    """The publication date from the metadata, else from the header's dateline."""
    parsed = _parse_iso(published) if published else None
    if parsed is None:
        match = _DATELINE.search(header_text)
        if match is None:
            return published
        day, month, year, hour, minute = match.groups()
        parsed = datetime(int(year), int(month), int(day), int(hour), int(minute))
        has_time = True
    else:
        has_time = "T" in (published or "") or ":" in (published or "")
    if language == "vi":
        text = f"{parsed:%d/%m/%Y}"
        return f"{text}, lúc {parsed:%H:%M}" if has_time else text
    text = f"{parsed.day} {_MONTHS[parsed.month - 1]} {parsed.year}"
    return f"{text}, at {parsed:%H:%M}" if has_time else text


def _parse_iso(value: str) -> datetime | None:
    try:
        return datetime.fromisoformat(value.strip())
    except ValueError:
        return None
