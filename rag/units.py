"""Stage 3c: evidence units - the pieces of an article an answer can cite whole.

A chunk is sized for retrieval, not for citing: it may start mid-list or hold three
unrelated sentences. Answers cite *units* instead: every paragraph, every sentence and
every item of an enumeration, each with exact offsets into the cleaned body.

Units come in three kinds and nest:

* ``paragraph`` - a blank-line separated block (``rag.chunking.paragraphs``);
* ``sentence`` - a sentence of a paragraph (``rag.textnorm.split_sentences``), or the
  lead-in clause of an inline enumeration ("..., đó là:"), whose parent is its sentence;
* ``item`` - one member of an enumeration. An item that is a whole sentence or a whole
  bullet line replaces that sentence (its parent is the paragraph); an item cut out of
  a sentence ("A; B; C") has that sentence as its parent.

Enumerations are recognised from the genre's conventions, in both languages:

* a lead-in ending with ":" followed by ";"-separated items, or - when the lead-in has
  a list cue ("đó là:", "như sau:", "namely:") - by the following sentences of the
  paragraph, up to a contrast opener ("Tuy nhiên", "However") or another lead-in;
* a lead-in with a list cue but no colon ("bao gồm", "such as") followed by ";" items;
* a sentence that asks for several things ("đề nghị", "yêu cầu", "urged") in ";" parts;
* a paragraph ending with a lead-in, followed by bullet lines ("-", "•", "a)", "1.")
  or by paragraphs ending with ";", or by a paragraph of such items.

An item's span covers its words only: surrounding spaces, a bullet marker, a leading
"và"/"and" and the trailing ";", "." or "," are left out, so a cited item reads as a
phrase. A colon that is not followed by a space ("9:30") or that introduces a quotation
or reported speech ("ông nói:") never opens an enumeration.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Literal

import numpy as np

from rag.chunking import paragraphs
from rag.folders import replacing
from rag.documents import Document
from rag.lexicon import folded_tokens, topic_of
from rag.textnorm import fold, split_sentences
from rag.types import Chunk
from rag.verify import name_in

UnitKind = Literal["paragraph", "sentence", "item"]
Span = tuple[str, int, int]  # (doc_id, start, end)

OPENING_PARAGRAPHS = 4
"""Title, dateline, sapo and the first paragraph of the body."""
_FORMAT = 9
"""Raised whenever the way units are cut changes, so ingest rebuilds them."""
_KIND_RANK = {"paragraph": 0, "sentence": 1, "item": 2}
_OPENERS = "([{“‘«"
_CLOSERS = ")]}”’»"
# A bullet or numbered line: "- ", "– ", "• ", "+ ", "* ", "a) ", "(b) ", "1. ", "2) ".
_BULLET = re.compile(r"(?:[-–—•+*]|\(?[a-zđ]\)|\(?\d{1,2}[.)])\s+")
# Cue words are matched on lower-cased text WITH its accents: folded, "hội" (as in
# "xã hội") would read as "hỏi" (to ask), and "nhu cầu" (need) as the list cue "như".
# Words after which a colon reports speech rather than opening a list.
_SPEECH = re.compile(
    r"\b(?:nói|cho biết|khẳng định|nhấn mạnh|phát biểu|chia sẻ|bày tỏ|kể lại|hỏi|trả lời|"
    r"viết|tuyên bố|said|says|say|told|tells|stated|states|noted|notes|added|adds|asked|"
    r"explained|wrote|writes|commented|replied|declared)\W*$")
# List cues a lead-in may end with. With one, the sentences that follow the colon are
# items even without semicolons.
_LIST_CUE_END = re.compile(
    r"\b(?:đó là|là|như sau|sau đây|sau|cụ thể|gồm|gồm có|bao gồm|như|thể hiện|"
    r"namely|as follows|follows|following|including|include|includes|are|were|below)\W*$")
_LIST_QUANTIFIER = re.compile(r"\b(?:một số|several|a number of|a few)\b")
# A sentence that announces what follows without a colon: "những điểm nổi bật", "the
# following results", "các nhiệm vụ sau".
_ANNOUNCES = re.compile(r"\b(?:những|các|một số|the following|several|these)\b.{0,40}"
                        r"\b(?:sau|sau đây|như sau|nổi bật|chủ yếu|trọng tâm|following|main|key)\b")
# "những hạn chế ...", "một số nhiệm vụ ...": with a conclusion category, before bullet or
# ordinal paragraphs, a sentence announces them.
_SOME = re.compile(r"\b(?:những|các|một số|some|the following|several)\b")
# List cues that open an enumeration without a colon: "gồm A; B", "such as A; B".
_INLINE_CUE = re.compile(r"\b(?:bao gồm|gồm có|gồm|như|including|such as|namely|include|includes)\b")
REQUEST_PARTS = 3
"""Parts a sentence of requests needs to be a list: "X đề nghị A; B" is often one request
with its detail, and its paragraph's other sentences may hold the rest."""
# Verbs with which someone asks for several things in one sentence with no colon: "Đồng
# chí đề nghị thị xã rà soát quy hoạch; đẩy mạnh ...; ...". The lead-in ends after the
# verb, so each ";" part - the first one included - is one request. A bare "giao" is
# left out ("dự toán được giao; ..." states results), and so is the noun after a
# determiner or a reply ("Trả lời các kiến nghị, ...; ...", "the proposed road").
_REQUEST_CUE = re.compile(
    r"(?<!các )(?<!những )(?<!số )(?<!về )(?<!với )(?<!lời )(?<!thu )(?<!riêng )(?<=\w )"
    r"\b(?:yêu cầu|đề nghị|chỉ đạo|giao cho|kiến nghị|đề xuất|asked|urged|directed|requested|"
    r"called on|instructed)\b(?! của)")
# Sentence openers that end a run of item sentences: a contrast, an addition, a summary.
_STOP_OPENER = re.compile(
    r"^(?:tuy nhiên|bên cạnh đó|ngoài ra|mặt khác|nhìn chung|nguyên nhân|trong thời gian tới|"
    r"thời gian tới|để khắc phục|do vậy|do đó|vì vậy|vì thế|theo đó|từ đó|qua đó|như vậy|"
    r"however|in addition|besides|meanwhile|nevertheless|overall|going forward|the reasons?|"
    r"to address|therefore|thus|hence|as a result|accordingly|consequently)\b")
# A paragraph's opening sentence that names a category of points as its object ("Ngư dân
# bày tỏ những khó khăn.", "The department raised several requests."): the paragraph's
# other sentences state them, one or more a sentence, with no colon or list cue.
_NAMES_POINTS = re.compile(r"\b(?:những|các|một số|nhiều|some|several|many|a number of)\b")
_TAIL_WORDS = 6  # the category must be named among the opening sentence's last words
# Openers after which a sentence no longer states one of the announced points.
_TURN_OPENER = re.compile(r"^(?:tuy nhiên|nhìn chung|nguyên nhân|như vậy|however|overall|"
                          r"the reasons?|on the whole)\b")
_HEADING_MARK = re.compile(r"#{1,6}\s+")
_LEADING_CONJUNCTION = re.compile(r"(?:và|hoặc|and|or)\s+", re.IGNORECASE)
# A paragraph opened by an ordinal ("Thứ nhất, ...", "Hai là, ...", "Second, ...") is an
# item of the enumeration its neighbours continue, like a bullet line.
_ORDINAL = re.compile(
    r"(?:thứ\s+(?:nhất|hai|ba|tư|bốn|năm|sáu|bảy|tám|chín|mười)|"
    r"(?:một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười)\s+là|"
    r"(?:fir|seco|thi|four|fif|six|seven|eigh|nin|ten)(?:st|nd|rd|th|d)?(?:ly)?)\s*[,:]\s+",
    re.IGNORECASE)


@dataclass(frozen=True)
class Unit:
    """One citable piece of a document; ``body[start:end] == text`` always."""

    id: str
    doc_id: str
    kind: UnitKind
    start: int
    end: int
    text: str
    paragraph: int
    position: int
    parent: str | None
    list_id: str | None
    lead: str | None


@dataclass(eq=False)
class _Draft:
    """A unit before ids are known; references to other drafts become ids at the end."""

    kind: UnitKind
    start: int
    end: int
    paragraph: int
    parent: _Draft | None = None
    head: _Draft | None = None  # the enumeration's lead-in (or first item if none)
    lead: _Draft | None = None


@dataclass
class _Paragraph:
    """A paragraph's unit and its sentence units, as built so far."""

    unit: _Draft
    sentences: list[_Draft]
    bullet: bool
    items: list[_Draft] = field(default_factory=list)
    extra: list[_Draft] = field(default_factory=list)  # lead-in clauses


# ---------------------------------------------------------------- spans and scanning


def _trim(body: str, start: int, end: int) -> tuple[int, int]:
    """Narrow a span to the item's words (see the module docstring)."""
    while start < end and body[start].isspace():
        start += 1
    while end > start and (body[end - 1].isspace() or body[end - 1] in ";.,"):
        end -= 1
    bullet = _BULLET.match(body, start, end) or _ORDINAL.match(body, start, end)
    if bullet:
        start = bullet.end()
    conj = _LEADING_CONJUNCTION.match(body, start, end)
    if conj and conj.end() < end:
        start = conj.end()
    return start, end


def _top_level(body: str, start: int, end: int, chars: str) -> list[int]:
    """Positions of ``chars`` in body[start:end] outside brackets and quotations."""
    depth, in_quote, found = 0, False, []
    for i in range(start, end):
        ch = body[i]
        if ch in _OPENERS:
            depth += 1
        elif ch in _CLOSERS:
            depth = max(0, depth - 1)
        elif ch == '"':
            in_quote = not in_quote
        elif ch in chars and depth == 0 and not in_quote:
            found.append(i)
    return found


def _split_items(body: str, start: int, end: int) -> list[tuple[int, int]]:
    """Items of body[start:end] separated by top-level semicolons, trimmed, non-empty."""
    cuts = [start, *(i + 1 for i in _top_level(body, start, end, ";"))]
    bounds = zip(cuts, [*cuts[1:], end])
    spans = [_trim(body, s, e) for s, e in bounds]
    return [(s, e) for s, e in spans if e > s]


def _list_colon(body: str, start: int, end: int) -> int | None:
    """The colon in body[start:end] that opens an enumeration, if any.

    "..., the committee concluded: in 2023 the district ...; notably: A; B" has two;
    the first one after a list cue is the enumeration's, else the first one."""
    colons = [i for i in _top_level(body, start, end, ":") if _opens_list(body, start, end, i)]
    cued = [i for i in colons if _has_cue(body[start:i])]
    return (cued or colons or [None])[0]


def _opens_list(body: str, start: int, end: int, i: int) -> bool:
    after = body[i + 1:i + 2]
    if after and not after.isspace():
        return False  # "9:30", "1:2", a URL
    rest = body[i + 1:end].lstrip()
    if rest and rest[0] in "\"“‘«'":
        return False  # a quotation
    return not _SPEECH.search(body[start:i].lower())  # reported speech


def _has_cue(lead: str) -> bool:
    lower = lead.lower()
    return bool(_LIST_CUE_END.search(lower) or _LIST_QUANTIFIER.search(lower))


def _is_stop(body: str, sentence: _Draft) -> bool:
    """Does this sentence end a run of item sentences?"""
    text = body[sentence.start:sentence.end]
    return bool(_STOP_OPENER.match(text.lower()) or _list_colon(body, sentence.start, sentence.end)
                is not None or text.rstrip().endswith(":"))


# ---------------------------------------------------------------- enumerations


def _enumerate(lead: _Draft | None, items: list[_Draft]) -> None:
    """Tie items to their lead-in (or, lacking one, to the first item)."""
    head = lead or items[0]
    if lead:
        lead.head = lead
    for item in items:
        item.head, item.lead = head, lead


def _inline(body: str, para: _Paragraph, k: int) -> int:
    """Enumerations that start in sentence ``k`` of a paragraph; returns the next sentence."""
    sentence = para.sentences[k]
    colon = _list_colon(body, sentence.start, sentence.end)
    if colon is None:
        return _cue_list(body, para, k)
    if colon + 1 >= sentence.end:
        return k + 1  # the lead-in ends the sentence: handled at paragraph level
    lead = _Draft("sentence", sentence.start, colon + 1, sentence.paragraph, parent=sentence)
    pieces = _split_items(body, colon + 1, sentence.end)
    items = [_Draft("item", s, e, sentence.paragraph, parent=sentence) for s, e in pieces]
    following = (_item_sentences(body, para.sentences[k + 1:])
                 if _has_cue(body[lead.start:lead.end]) else [])
    if len(items) + len(following) < 2:
        return k + 1
    _add(para, lead, items + _sentences_as_items(body, para, following))
    end = following[-1].end if following else sentence.end
    return next((n for n, s in enumerate(para.sentences) if s.start >= end), len(para.sentences))


def _cue_list(body: str, para: _Paragraph, k: int) -> int:
    """ "Các nhiệm vụ gồm A; B; C" or "X đề nghị A; B": a list cue or a request verb
    before the first semicolon."""
    sentence = para.sentences[k]
    semis = _top_level(body, sentence.start, sentence.end, ";")
    if not semis:
        return k + 1
    head = body[sentence.start:semis[0]]
    if len(head.lower()) != len(head):
        return k + 1  # (lower-casing a rare letter changes offsets)
    cues = list(_INLINE_CUE.finditer(head.lower()))
    request = _REQUEST_CUE.search(head.lower())
    if not cues and request is None:
        return k + 1
    lead_end = sentence.start + (cues[-1].end() if cues else request.end())
    pieces = _split_items(body, lead_end, sentence.end)
    if len(pieces) < (2 if cues else REQUEST_PARTS):
        return k + 1
    lead = _Draft("sentence", sentence.start, lead_end, sentence.paragraph, parent=sentence)
    _add(para, lead, [_Draft("item", s, e, sentence.paragraph, parent=sentence) for s, e in pieces])
    return k + 1


def _item_sentences(body: str, sentences: list[_Draft]) -> list[_Draft]:
    """The leading run of sentences that continue a list (until a stop)."""
    run = []
    for sentence in sentences:
        if _is_stop(body, sentence):
            break
        run.append(sentence)
    return run


def _sentences_as_items(body: str, para: _Paragraph, sentences: list[_Draft]) -> list[_Draft]:
    """Items from whole sentences: a sentence of ";" parts gives one item per part (and
    stays a sentence unit); any other sentence becomes one item and replaces its unit."""
    items = []
    for sentence in sentences:
        pieces = _split_items(body, sentence.start, sentence.end)
        if len(pieces) >= 2:
            items.extend(_Draft("item", s, e, sentence.paragraph, parent=sentence) for s, e in pieces)
            continue
        para.sentences.remove(sentence)
        items.extend(_Draft("item", s, e, sentence.paragraph, parent=para.unit) for s, e in pieces)
    return items


def _add(para: _Paragraph, lead: _Draft | None, items: list[_Draft]) -> None:
    if lead is not None and lead.parent is not None and lead.parent.kind == "sentence":
        para.extra.append(lead)
    para.items.extend(items)
    _enumerate(lead, items)


def _ending_lead(body: str, para: _Paragraph, before_items: bool) -> _Draft | None:
    """The paragraph's last sentence when it is a lead-in: it ends with a colon, or -
    right before bullet or ordinal paragraphs - it announces a list without one ("...,
    trong đó có những điểm nổi bật.")."""
    if not para.sentences or para.bullet:
        return None
    last = para.sentences[-1]
    if para.items and last.start < para.items[-1].end:
        return None  # the paragraph's opening sentence led its own items
    colon = _list_colon(body, last.start, last.end)
    if colon is not None and colon + 1 == last.end:
        return last
    text = body[last.start:last.end]
    announces = _has_cue(text.rstrip(" .")) or bool(_ANNOUNCES.search(text.lower())) or (
        bool(_SOME.search(text.lower())) and topic_of(text) is not None)
    return last if before_items and announces else None


def _following(body: str, paras: list[_Paragraph], i: int, lead: _Draft | None) -> int:
    """Items in the paragraphs after paragraph ``i`` (led by ``lead``); returns the next index."""
    j = i if paras[i].bullet else i + 1  # a list may open the document without a lead-in
    bullets = []
    while j < len(paras) and paras[j].bullet:
        bullets.append(paras[j])
        j += 1
    if bullets and (lead or len(bullets) >= 2 or len(_ordinal_segments(body, bullets[0])) >= 2):
        _add_paragraph_items(body, lead, bullets)
        return j
    if lead is None or j >= len(paras):
        return i + 1
    run = _semicolon_run(body, paras[j:])
    if len(run) >= 2:
        _add_paragraph_items(body, lead, run)
        return j + len(run)
    return _next_paragraph_items(body, paras[j], lead, j)


def _semicolon_run(body: str, paras: list[_Paragraph]) -> list[_Paragraph]:
    """Paragraphs ending with ";" plus the one that closes the run."""
    run = []
    for para in paras:
        run.append(para)
        if not body[para.unit.start:para.unit.end].endswith(";"):
            break
    return run if len(run) >= 2 else []


def _add_paragraph_items(body: str, lead: _Draft | None, paras: list[_Paragraph]) -> None:
    items = []
    for para in paras:
        for seg_start, seg_end in _ordinal_segments(body, para):
            start, end = _trim(body, seg_start, seg_end)
            if end <= start:
                continue
            item = _Draft("item", start, end, para.unit.paragraph, parent=para.unit)
            para.items.append(item)
            items.append(item)
        para.sentences.clear()
    if items:
        _enumerate(lead, items)


def _ordinal_segments(body: str, para: _Paragraph) -> list[tuple[int, int]]:
    """A paragraph's items: one per ordinal sentence when several of its sentences open
    with one ("Một là, ... Hai là, ..." in one paragraph), else the whole paragraph."""
    starts = [s.start for s in para.sentences if _ORDINAL.match(body, s.start, s.end)]
    if len(starts) < 2:
        return [(para.unit.start, para.unit.end)]
    starts[0] = para.unit.start
    return list(zip(starts, [*starts[1:], para.unit.end]))


def _topic_sentence(body: str, para: _Paragraph) -> None:
    """The points of a paragraph opened by a sentence that announces them (see
    ``_NAMES_POINTS``), up to a sentence that turns away ("Tuy nhiên, ...")."""
    if para.bullet or para.items or len(para.sentences) < 3:
        return
    first = para.sentences[0]
    text = body[first.start:first.end].rstrip(" .")
    tail = " ".join(text.split()[-_TAIL_WORDS:])
    if (text.endswith(":") or topic_of(tail) is None
            or not _NAMES_POINTS.search(" ".join(text.lower().split()[-_TAIL_WORDS - 2:]))):
        return
    run = []
    for sentence in para.sentences[1:]:
        if _TURN_OPENER.match(body[sentence.start:sentence.end].lower()):
            break
        run.append(sentence)
    if len(run) >= 2:
        _add(para, first, _sentences_as_items(body, para, run))


def _ordinal_sentences(body: str, para: _Paragraph) -> None:
    """The points of a paragraph whose sentences count them off after one that announces
    them ("Sở kiến nghị một số nội dung. Một là, ... Hai là, ..."): the ordinals mark the
    items whatever the points are called. A sentence between two ordinals goes on the
    point before it; one after the last ordinal is no longer counted."""
    if para.bullet or para.items:
        return
    marked = [n for n, s in enumerate(para.sentences) if _ORDINAL.match(body, s.start, s.end)]
    if len(marked) < 2:
        return
    lead = para.sentences[marked[0] - 1]
    counted = para.sentences[marked[0]:marked[-1] + 1]
    items = []
    for a, b in zip(marked, [*marked[1:], marked[-1] + 1]):
        start, end = _trim(body, para.sentences[a].start, para.sentences[b - 1].end)
        items.append(_Draft("item", start, end, lead.paragraph, parent=para.unit))
    for sentence in counted:
        para.sentences.remove(sentence)
    _add(para, lead, items)


def _next_paragraph_items(body: str, para: _Paragraph, lead: _Draft, j: int) -> int:
    """A lead-in paragraph followed by one paragraph of ";" items or of item sentences."""
    run = _item_sentences(body, para.sentences)
    if not _has_cue(body[lead.start:lead.end]):
        run = run[:1]  # without a cue only ";" parts of the first sentence are items
    if sum(len(_split_items(body, s.start, s.end)) for s in run) < 2:
        return j  # not a list: the paragraph is read on its own
    items = _sentences_as_items(body, para, run)
    para.items.extend(items)
    _enumerate(lead, items)
    return j + 1


# ---------------------------------------------------------------- building


def _paragraph_drafts(body: str) -> list[_Paragraph]:
    out = []
    for span in paragraphs(body):
        # a Markdown subheading is cited as its words: "## " is how the file marks it
        heading = _HEADING_MARK.match(body, span.start, span.end)
        start = heading.end() if heading and heading.end() < span.end else span.start
        span = replace(span, start=start)
        unit = _Draft("paragraph", span.start, span.end, span.paragraph)
        sentences = [_Draft("sentence", span.start + s, span.start + e, span.paragraph, parent=unit)
                     for s, e in split_sentences(body[span.start:span.end])]
        bullet = bool(_BULLET.match(body, span.start, span.end)
                      or _ORDINAL.match(body, span.start, span.end))
        out.append(_Paragraph(unit, sentences, bullet))
    return out


def build_units(doc_id: str, body: str) -> list[Unit]:
    """All units of one document, in reading order (see the module docstring)."""
    paras = _paragraph_drafts(body)
    i = 0
    while i < len(paras):
        para = paras[i]
        if not para.bullet and not para.items:
            k = 0
            while k < len(para.sentences):
                k = _inline(body, para, k)
            _topic_sentence(body, para)
            _ordinal_sentences(body, para)
        before_items = i + 1 < len(paras) and paras[i + 1].bullet
        i = _following(body, paras, i, _ending_lead(body, para, before_items))
    drafts = [d for p in paras for d in (p.unit, *p.sentences, *p.extra, *p.items)]
    return _finish(doc_id, body, drafts)


def _finish(doc_id: str, body: str, drafts: list[_Draft]) -> list[Unit]:
    """Sort into reading order, number, and turn draft references into ids."""
    drafts.sort(key=lambda d: (d.start, -d.end, _KIND_RANK[d.kind]))
    ids = {id(d): f"{doc_id}#{n}" for n, d in enumerate(drafts)}

    def ref(d: _Draft | None) -> str | None:
        return ids[id(d)] if d is not None else None

    return [Unit(id=ids[id(d)], doc_id=doc_id, kind=d.kind, start=d.start, end=d.end,
                 text=body[d.start:d.end], paragraph=d.paragraph, position=n,
                 parent=ref(d.parent), list_id=ref(d.head),
                 lead=body[d.lead.start:d.lead.end] if d.lead else None)
            for n, d in enumerate(drafts)]


def smallest(units: list[Unit]) -> list[Unit]:
    """Drop units that contain another of the units: a list item is cited, not the long
    sentence it sits in."""
    return [u for u in units if not any(o is not u and u.start <= o.start and o.end <= u.end
                                        and (o.start, o.end) != (u.start, u.end) for o in units)]


def body_hash(body: str) -> str:
    """What a document's units depend on."""
    return hashlib.sha1(body.encode()).hexdigest()[:16]


# ---------------------------------------------------------------- the index


class UnitIndex:
    """All units of all documents, with links between translations; persisted as JSON."""

    def __init__(self, units: Iterable[Unit], stamps: Mapping[str, str],
                 links: Mapping[str, str] | None = None) -> None:
        self.stamps = dict(stamps)
        self.links: dict[str, str] = dict(links or {})
        self._by_doc: dict[str, list[Unit]] = {}
        self._by_id: dict[str, Unit] = {}
        self._members: dict[str, list[Unit]] = {}
        self._articles: dict[str, str] = {}
        self._folded: dict[str, list[str]] = {}
        self._add(units)

    def _add(self, units: Iterable[Unit]) -> None:
        self._articles.clear()
        self._folded.clear()
        for unit in units:
            self._by_doc.setdefault(unit.doc_id, []).append(unit)
            self._by_id[unit.id] = unit
            if unit.list_id and unit.kind == "item":
                self._members.setdefault(unit.list_id, []).append(unit)

    @classmethod
    def build(cls, docs: Iterable[tuple[str, str]], stamps: Mapping[str, str] | None = None
              ) -> UnitIndex:
        """Units of ``(doc_id, body)`` pairs; ``stamps`` (doc id -> content hash) default
        to a hash of each body, and tell ingest when a rebuild is needed."""
        units: list[Unit] = []
        own: dict[str, str] = {}
        for doc_id, body in docs:
            units.extend(build_units(doc_id, body))
            own[doc_id] = body_hash(body)
        return cls(units, stamps if stamps is not None else own)

    def save(self, directory: Path) -> None:
        """Write to a temp folder, then swap it in: a crash never leaves half an index."""
        data = {"format": _FORMAT, "stamps": self.stamps, "links": self.links,
                "units": [asdict(u) for u in self._by_id.values()]}
        with replacing(directory) as tmp:
            (tmp / "units.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, directory: Path) -> UnitIndex | None:
        """The saved index, or None when there is none (or it is unreadable or outdated)."""
        try:
            data = json.loads((directory / "units.json").read_text(encoding="utf-8"))
            if data.get("format") != _FORMAT:
                return None
            units = [Unit(**u) for u in data["units"]]
            return cls(units, data["stamps"], data["links"])
        except (OSError, ValueError, TypeError, KeyError):
            return None

    def adopt(self, other: UnitIndex, doc_id: str) -> None:
        """Take over one document's units (and stamp) from another index."""
        units = other.for_doc(doc_id)
        if not units:
            return
        self._add(units)
        self.stamps[doc_id] = other.stamps.get(doc_id, "")

    def for_doc(self, doc_id: str) -> list[Unit]:
        """Every unit of a document in reading order (empty for an unknown document)."""
        return list(self._by_doc.get(doc_id, []))

    def get(self, unit_id: str) -> Unit | None:
        return self._by_id.get(unit_id)

    def surroundings(self, unit: Unit) -> str:
        """The text a unit sits in: its article's opening paragraphs (title, dateline,
        lead: where the article says once which province and which meeting), the
        paragraph before its own, its list's lead-in and its paragraph. A list item says "Nghị quyết về ..." and leaves "Kỳ họp
        thứ 27 HĐND tỉnh Hải Dương" to the text above it."""
        opening = [u.text for u in self._by_doc.get(unit.doc_id, []) if u.kind == "paragraph"
                   and (u.paragraph < OPENING_PARAGRAPHS or u.paragraph == unit.paragraph - 1)]
        return "\n".join(p for p in [*opening, unit.lead or "", self.paragraph(unit)] if p)

    def paragraph(self, unit: Unit) -> str:
        """The text of the paragraph that holds ``unit``."""
        node: Unit | None = unit
        while node is not None and node.kind != "paragraph":
            node = self._by_id.get(node.parent) if node.parent else None
        return node.text if node is not None else ""

    def article(self, doc_id: str) -> str:
        """The whole text of a document, paragraph by paragraph (joined once: every item
        of a list answer is checked against it)."""
        if doc_id not in self._articles:
            self._articles[doc_id] = "\n".join(
                u.text for u in self._by_doc.get(doc_id, []) if u.kind == "paragraph")
        return self._articles[doc_id]

    def gives_names(self, doc_ids: Iterable[str], names: Iterable[str], title: str = "") -> bool:
        """Do these articles (and ``title``) give every name, compared as Vietnamese
        syllables so that "Dong Lac District" is found in "Đông Lạc"? Tokens are folded
        once per article: the selector asks this of every candidate unit."""
        present = folded_tokens(title) + [t for d in doc_ids for t in self._tokens(d)]
        return all(name_in(n, present, same_language=False) for n in names)

    def _tokens(self, doc_id: str) -> list[str]:
        if doc_id not in self._folded:
            self._folded[doc_id] = folded_tokens(self.article(doc_id))
        return self._folded[doc_id]

    def next_sentence(self, unit: Unit) -> Unit | None:
        """The sentence that follows ``unit`` in its paragraph, at its level, if any."""
        return next((u for u in self._by_doc.get(unit.doc_id, [])
                     if u.kind == "sentence" and u.paragraph == unit.paragraph
                     and u.parent == unit.parent and u.start >= unit.end), None)

    def in_span(self, doc_id: str, start: int, end: int,
                kinds: Collection[UnitKind] = ("sentence", "item")) -> list[Unit]:
        """Units of the given kinds overlapping [start, end), in reading order.

        Sentence-kind units may nest (a lead-in clause inside its sentence): compare
        ``parent`` to keep one level."""
        return [u for u in self._by_doc.get(doc_id, [])
                if u.kind in kinds and u.start < end and u.end > start]

    def enumeration(self, list_id: str) -> tuple[Unit | None, list[Unit]]:
        """(lead-in unit, items in order); the lead is None for a list without one."""
        items = list(self._members.get(list_id, []))
        if not items:
            return None, []
        lead = self._by_id.get(list_id)
        return (lead if lead is not None and lead.kind != "item" else None), items

    def is_lead_in(self, unit: Unit) -> bool:
        """Does ``unit`` announce an enumeration ("... namely:") without stating a fact?"""
        return unit.list_id == unit.id and bool(self._members.get(unit.id))

    def enumerations_near(self, doc_id: str, start: int, end: int) -> list[str]:
        """Ids of the enumerations whose lead-in or any item overlaps [start, end)."""
        found: list[str] = []
        for unit in self.in_span(doc_id, start, end, ("sentence", "item")):
            if unit.list_id and unit.list_id in self._members and unit.list_id not in found:
                found.append(unit.list_id)
        return found

    def counterpart(self, unit_id: str) -> Unit | None:
        """The linked unit in the other language version, if any."""
        other = self.links.get(unit_id)
        return self._by_id.get(other) if other else None


# ---------------------------------------------------------------- translation links

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_NAME = re.compile(r"(?<!^)\b[A-ZÀ-ỸĐ][^\W\d_]*", re.UNICODE)
# Weights of the cheap similarity between a translated unit and an original one, and the
# least similarity a linked pair needs. Passages already linked by meaning (the chunk
# counterparts) dominate; numbers and names decide between the units inside them.
_W_CHUNK, _W_POSITION, _W_LENGTH, _W_NUMBERS, _W_NAMES, _W_KIND = 0.35, 0.3, 0.45, 0.15, 0.1, 0.1
_MIN_LINK = 0.55


def chunk_pairs(chunks: Iterable[tuple[Chunk, str | None]]) -> dict[Span, Span]:
    """Translated chunk span -> original chunk span, from the store's chunk counterparts."""
    rows = list(chunks)
    by_id = {c.id: c for c, _ in rows}
    pairs: dict[Span, Span] = {}
    for chunk, other_id in rows:
        other = by_id.get(other_id or "")
        if chunk.translation_of and other is not None and other.doc_id == chunk.translation_of:
            pairs[(chunk.doc_id, chunk.start, chunk.end)] = (other.doc_id, other.start, other.end)
    return pairs


def link_units(index: UnitIndex, pairs: Mapping[Span, Span]) -> None:
    """Link the units of each translated document to the original's (both directions).

    Leaf units (sentences without nested units, lead-in clauses, items) are matched one
    to one in reading order (:func:`one_to_one`) on a cheap similarity: whether their
    chunks are counterparts, relative position (in the chunk) and length, shared numbers,
    shared accent-folded capitalised names and the same kind. Containing units (sentences that
    hold items, paragraphs) are then linked by the majority of their leaves' links."""
    families: dict[tuple[str, str], dict[Span, Span]] = {}
    for t_span, o_span in pairs.items():
        families.setdefault((t_span[0], o_span[0]), {})[t_span] = o_span
    for (t_doc, o_doc), spans in families.items():
        t_leaves, o_leaves = _leaves(index.for_doc(t_doc)), _leaves(index.for_doc(o_doc))
        if not t_leaves or not o_leaves:
            continue
        leaf_links = _align_leaves(t_leaves, o_leaves, spans)
        index.links.update(leaf_links)
        index.links.update(_container_links(index, t_doc, leaf_links))


def _leaves(units: list[Unit]) -> list[Unit]:
    parents = {u.parent for u in units if u.kind != "paragraph"}
    return [u for u in units if u.kind != "paragraph" and u.id not in parents]


def _chunk_of(unit: Unit, spans: Iterable[Span]) -> Span | None:
    middle = (unit.start + unit.end) / 2
    return next((s for s in spans if s[0] == unit.doc_id and s[1] <= middle < s[2]), None)


def _features(unit: Unit) -> tuple[set[str], set[str]]:
    numbers = {re.sub(r"[.,]", "", n) for n in _NUMBER.findall(unit.text)}
    names = {fold(n) for n in _NAME.findall(unit.text) if len(n) > 1}
    return numbers, names


def _ratio(a: float, b: float) -> float:
    return min(a, b) / max(a, b, 1e-9)


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def _position(unit: Unit, chunk: Span | None, doc_end: int) -> float:
    """Relative position in its chunk (in the document when the chunk is unlinked)."""
    if chunk is None:
        return unit.start / doc_end
    return (unit.start - chunk[1]) / max(1, chunk[2] - chunk[1])


def _similarity(t_units: list[Unit], o_units: list[Unit], spans: Mapping[Span, Span]
                ) -> np.ndarray:
    o_spans = set(spans.values())
    t_chunks = [_chunk_of(u, spans) for u in t_units]
    o_chunks = [_chunk_of(u, o_spans) for u in o_units]
    t_end, o_end = max(u.end for u in t_units), max(u.end for u in o_units)
    t_feats, o_feats = [_features(u) for u in t_units], [_features(u) for u in o_units]
    # one language needs more characters than the other: compare lengths relative to that
    scale = sum(len(u.text) for u in t_units) / max(1, sum(len(u.text) for u in o_units))
    sim = np.zeros((len(t_units), len(o_units)), dtype=np.float32)
    for i, t in enumerate(t_units):
        for j, o in enumerate(o_units):
            linked = t_chunks[i] is not None and spans.get(t_chunks[i]) == o_chunks[j]
            t_pos = _position(t, t_chunks[i] if linked else None, t_end)
            o_pos = _position(o, o_chunks[j] if linked else None, o_end)
            sim[i, j] = (
                _W_CHUNK * linked + _W_POSITION * (1 - abs(t_pos - o_pos))
                + _W_LENGTH * _ratio(len(t.text), len(o.text) * scale)
                + _W_NUMBERS * _overlap(t_feats[i][0], o_feats[j][0])
                + _W_NAMES * _overlap(t_feats[i][1], o_feats[j][1])
                + _W_KIND * (t.kind == o.kind))
    return sim


def one_to_one(gain: np.ndarray) -> list[tuple[int, int]]:
    """Monotone one-to-one matching maximising the summed ``gain`` of matched pairs;
    a row or column may stay unmatched (at no cost), so negative gains are never taken."""
    rows, cols = gain.shape
    best = np.zeros((rows + 1, cols + 1), dtype=np.float64)
    for i in range(1, rows + 1):
        for j in range(1, cols + 1):
            best[i, j] = max(best[i - 1, j], best[i, j - 1], best[i - 1, j - 1] + gain[i - 1, j - 1])
    pairs = []
    i, j = rows, cols
    while i > 0 and j > 0:
        if best[i, j] == best[i - 1, j]:
            i -= 1
        elif best[i, j] == best[i, j - 1]:
            j -= 1
        else:
            pairs.append((i - 1, j - 1))
            i, j = i - 1, j - 1
    return pairs[::-1]


def _align_leaves(t_units: list[Unit], o_units: list[Unit], spans: Mapping[Span, Span]
                  ) -> dict[str, str]:
    """Translated leaves <-> original leaves, one to one, in reading order."""
    sim = _similarity(t_units, o_units, spans)
    links: dict[str, str] = {}
    for i, j in one_to_one(sim - _MIN_LINK):
        links[t_units[i].id] = o_units[j].id
        links[o_units[j].id] = t_units[i].id
    return links


def _container_links(index: UnitIndex, t_doc: str, leaf_links: Mapping[str, str]
                     ) -> dict[str, str]:
    """Sentences holding items, and paragraphs, follow the majority of their leaves."""
    links: dict[str, str] = {}
    for unit in index.for_doc(t_doc):
        if unit.id in leaf_links:
            continue
        votes: Counter[str] = Counter()
        for leaf in index.in_span(t_doc, unit.start, unit.end, ("sentence", "item")):
            other = index.get(leaf_links.get(leaf.id, ""))
            if other is None or not (unit.start <= leaf.start and leaf.end <= unit.end):
                continue
            container = _container(index, other, unit.kind)
            if container is not None:
                votes[container.id] += 1
        if votes:
            target = votes.most_common(1)[0][0]
            links[unit.id] = target
            links.setdefault(target, unit.id)
    return links


def _container(index: UnitIndex, unit: Unit, kind: UnitKind) -> Unit | None:
    """The nearest unit of ``kind`` containing ``unit`` (following parents)."""
    current = index.get(unit.parent or "")
    while current is not None and current.kind != kind:
        current = index.get(current.parent or "")
    return current


# ---------------------------------------------------------------- ingest


def unit_stamps(docs: Sequence[Document]) -> dict[str, str]:
    """What the saved units depend on, per document (body and translation link)."""
    return {d.id: d.content_hash for d in docs}


def rebuild_units(previous: UnitIndex | None, docs: Sequence[Document],
                  chunks: Sequence[tuple[Chunk, str | None]]) -> UnitIndex:
    """Units of the current documents, linked across translations.

    A document that failed to load this time but still has chunks in the store keeps
    its previous units, as it keeps its chunks."""
    index = UnitIndex.build(((d.id, d.body) for d in docs), stamps=unit_stamps(docs))
    if previous is not None:
        for doc_id in {c.doc_id for c, _ in chunks} - index.stamps.keys():
            index.adopt(previous, doc_id)
    link_units(index, chunk_pairs(chunks))
    return index
