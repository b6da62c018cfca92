"""A conclusion's points given under a subheading, with no list to hold them.

Vietnamese news breaks long reports with short subheadings that name what follows
("Những vướng mắc kéo dài", "Còn nhiều khó khăn", "Giải pháp trọng tâm"): the points of
that category are the sentences of the paragraphs under it, up to the next subheading.
A list question about the category asks for all of them, and retrieval shows a few.
"""

from __future__ import annotations

from rag.lexicon import folded_tokens, topic_of
from rag.units import OPENING_PARAGRAPHS, Unit, UnitIndex, smallest

HEADING_WORDS = 12
"""A subheading is a short line: a sentence this long is text."""
MAX_PARAGRAPHS = 6
"""A section longer than this has run past a subheading the page lost."""
OPENING_WORDS = 12
"""Where a paragraph that turns to another category names it."""
_CLOSING = tuple('.:;!?"”…')


def is_heading(unit: Unit) -> bool:
    """A paragraph that reads as a subheading: short, capitalised, with no sentence end."""
    text = unit.text.strip()
    return (unit.kind == "paragraph" and 0 < len(folded_tokens(text)) <= HEADING_WORDS
            and text[:1].isupper() and not text.endswith(_CLOSING))


def _turns_to_other(paragraph: Unit, topic: str) -> bool:
    """Does a paragraph open on another category ("Tại buổi làm việc, huyện kiến nghị
    ...", "Kết luận ..., đồng chí đề nghị ...")? A page may drop the subheading before it."""
    opening = " ".join(paragraph.text.split()[:OPENING_WORDS])
    return topic_of(opening) not in (None, topic)


def section_points(index: UnitIndex, doc_id: str, topic: str) -> list[Unit]:
    """The sentences (or list items) under the first subheading of ``doc_id`` that names
    ``topic``, up to the next subheading or a paragraph that opens on another category;
    none when no subheading names it."""
    paragraphs = [u for u in index.for_doc(doc_id) if u.kind == "paragraph"]
    for at, para in enumerate(paragraphs):
        if para.paragraph < OPENING_PARAGRAPHS or not is_heading(para) or (
                topic_of(para.text) != topic):
            continue
        points: list[Unit] = []
        for body in paragraphs[at + 1:at + 1 + MAX_PARAGRAPHS]:
            if is_heading(body) or (points and _turns_to_other(body, topic)):
                break
            points += smallest(index.in_span(doc_id, body.start, body.end))
        return points
    return []
