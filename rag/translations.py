"""Stage 1b: translations linked without front matter.

A Vietnamese article and its English translation dropped in as two scraped files say
nothing about each other. They are recognised by two signals, because each alone is
fooled: the multilingual embedder finds two reports of the same genre ("the Standing
Committee concluded …") about as similar as a real pair, and two reports of one event
share names. So a pair is linked when

* **anchors agree**: the English text's Vietnamese names (runs of capitalised
  syllables, "Krong No", compared accent-folded) and figures are found in the
  Vietnamese text - what a translation keeps and another article does not; and
* **passages align**: following both in reading order (``rag.align.monotone_path``),
  most passages have a counterpart of high similarity.

The translation is the member without a date of its own (it borrows the original's
header), else the English one. Scores are cached in ``<data dir>/translations.json`` by
the two bodies' hashes, so ingest embeds a pair once. An automatic link is undone by
writing ``translation_of:`` (empty) into the translation's front matter: a key the file
sets is never overridden (``rag.documents``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from rag.align import Embed, monotone_path
from rag.chunking import chunk_spans
from rag.config import Settings
from rag.documents import Document
from rag.folders import write_atomic
from rag.textnorm import fold, is_syllable
from rag.units import body_hash

_TOKEN = re.compile(r"[^\W\d_]+|\d+(?:[.,]\d+)*")
_NUMBER = re.compile(r"(?<![\d.,])\d+(?:[.,]\d+)*")
_MIN_ANCHORS = 3
_FORMAT = 1


@dataclass(frozen=True)
class Link:
    """An automatic translation link and how sure it is (0..1)."""

    translation: str
    original: str
    score: float


def _figures(text: str) -> set[str]:
    """Numbers of two or more digits, separators dropped ("96,4" and "96.4" agree)."""
    return {n for n in (re.sub(r"[.,]", "", m) for m in _NUMBER.findall(text)) if len(n) >= 2}


def anchors(english: str) -> set[str]:
    """What an English text keeps of its Vietnamese original: adjacent capitalised
    Vietnamese syllables ("Krong No" -> "krong no") and figures."""
    tokens = _TOKEN.findall(english)
    names = {f"{fold(a)} {fold(b)}" for a, b in zip(tokens, tokens[1:])
             if a[0].isupper() and b[0].isupper() and is_syllable(fold(a)) and is_syllable(fold(b))}
    return names | _figures(english)


def anchor_share(english: str, vietnamese: str) -> float | None:
    """Share of the English text's anchors found in the Vietnamese one; None when the
    English text has too few anchors to tell."""
    wanted = anchors(english)
    if len(wanted) < _MIN_ANCHORS:
        return None
    syllables = [fold(t) for t in _TOKEN.findall(vietnamese) if not t[0].isdigit()]
    present = {f"{a} {b}" for a, b in zip(syllables, syllables[1:])} | _figures(vietnamese)
    return len(wanted & present) / len(wanted)


def aligned_share(translation: Document, original: Document, embed: Embed, max_chars: int,
                  min_similarity: float) -> float:
    """Share of the translation's passages whose in-order counterpart is similar enough."""
    t_texts = [translation.body[s.start:s.end] for s in chunk_spans(translation.body, max_chars)]
    o_texts = [original.body[s.start:s.end] for s in chunk_spans(original.body, max_chars)]
    if not t_texts or not o_texts:
        return 0.0
    vectors = np.asarray(embed(t_texts + o_texts), dtype=np.float32)
    sim = vectors[:len(t_texts)] @ vectors[len(t_texts):].T
    path = monotone_path(sim)
    return float(np.mean([sim[i, j] >= min_similarity for i, j in enumerate(path)]))


def _direction(a: Document, b: Document) -> tuple[Document, Document]:
    """(translation, original): the one without its own date translates the other."""
    if bool(a.published) != bool(b.published):
        return (b, a) if a.published else (a, b)
    return (a, b) if a.language == "en" else (b, a)


def _candidates(docs: Sequence[Document]) -> list[tuple[Document, Document]]:
    """VI/EN pairs where neither member is already part of a link the files state."""
    taken = {d.id for d in docs if d.translation_of or "translation_of" in d.pinned}
    taken |= {d.translation_of for d in docs if d.translation_of}
    free = [d for d in docs if d.id not in taken]
    pairs = []
    for vi in (d for d in free if d.language == "vi"):
        for en in (d for d in free if d.language == "en"):
            translation, original = _direction(vi, en)
            if "translation_of" not in translation.pinned:
                pairs.append((translation, original))
    return pairs


class LinkBook:
    """Cached pair scores and the current automatic links, kept in the data folder."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            ok = data.get("format") == _FORMAT
        except (OSError, ValueError):
            data, ok = {}, False
        self.scores: dict[str, list[float | None]] = data.get("scores", {}) if ok else {}
        self.links: dict[str, Link] = {
            t: Link(t, v["original"], v["score"]) for t, v in (data.get("links", {}) if ok else {}).items()}

    def save(self) -> None:
        data = {"format": _FORMAT, "scores": self.scores,
                "links": {t: {"original": l.original, "score": l.score} for t, l in self.links.items()}}
        write_atomic(self.path, json.dumps(data, ensure_ascii=False, indent=1))


def _score(book: LinkBook, translation: Document, original: Document, settings: Settings,
           embed: Embed) -> float | None:
    """The pair's link score, or None when it is not a translation pair."""
    en, vi = (translation, original) if translation.language == "en" else (original, translation)
    key = f"{body_hash(translation.body)}|{body_hash(original.body)}"
    if key not in book.scores:
        share = anchor_share(en.body, vi.body)
        aligned = None
        if share is not None and share >= settings.translation_min_anchors:
            aligned = aligned_share(translation, original, embed, settings.chunk_max_chars,
                                    settings.translation_min_similarity)
        book.scores[key] = [share, aligned]
    share, aligned = book.scores[key]
    if share is None or aligned is None or aligned < settings.translation_min_aligned:
        return None
    return round((share + aligned) / 2, 3)


def link_translations(docs: Sequence[Document], settings: Settings, embed: Embed
                      ) -> tuple[list[Document], dict[str, Link]]:
    """The documents with ``translation_of`` set for each recognised pair (best first,
    each article in one pair at most), and the automatic links made."""
    book = LinkBook(settings.translations_file)
    scored = []
    for translation, original in _candidates(docs):
        score = _score(book, translation, original, settings, embed)
        if score is not None:
            scored.append((score, translation.id, original.id))
    links: dict[str, Link] = {}
    used: set[str] = set()
    for score, t_id, o_id in sorted(scored, reverse=True):
        if not {t_id, o_id} & used:
            links[t_id] = Link(t_id, o_id, score)
            used |= {t_id, o_id}
    live = {body_hash(d.body) for d in docs}
    book.scores = {k: v for k, v in book.scores.items() if set(k.split("|")) <= live}
    book.links = links
    book.save()
    linked = [replace(d, translation_of=links[d.id].original) if d.id in links else d for d in docs]
    return linked, links
