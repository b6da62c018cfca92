"""Stage 5b (part): does a unit give a figure of the named thing, or of a group it is in?

"620 ha thiệt hại, tập trung ở các xã Long Phụng, Vĩnh Điền" names Long Phụng, and its
figure is the district's: the commune is one member of an enumeration the figure is
shared by. A question for one member's figure ("how many hectares in Long Phung?") is
then a near-miss, unless the member has a figure of its own next to it ("Sa Rang
(92,6%)", "Long Phụng: 120 ha"). The same holds when only the unit's surroundings name
the member: a name the article's title gives is its subject, and the figure is its.
"""

from __future__ import annotations

import re

from rag.lexicon import ADMIN_UNITS, ROLE_CUES, has_cue
from rag.textnorm import fold

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_JOINERS = frozenset({"va", "and", "or", "hoac", "cung"})
_OWN_FIGURE = re.compile(r"^\s*[(:–-]?\s*\d")
"""A figure right after a member's name is the member's own."""


def _words(text: str) -> list[re.Match[str]]:
    return list(_WORD.finditer(text))


def _mentions(text: str, name: str) -> list[tuple[int, int]]:
    """Word-index spans where ``name`` (folded words) occurs in ``text``."""
    run = name.split()
    folded = [fold(m.group(0)) for m in _words(text)]
    return [(i, i + len(run)) for i in range(len(folded) - len(run) + 1)
            if folded[i:i + len(run)] == run]


def _type_before(words: list[re.Match[str]], index: int) -> str | None:
    """The administrative word just before the capitalised name ending at ``index``
    ("huyện" of "huyện Kon Chư Lăng"), scanning back over its capitalised words."""
    while index >= 0 and words[index].group(0)[:1].isupper():
        index -= 1
    word = fold(words[index].group(0)) if index >= 0 else ""
    return word if word in ADMIN_UNITS else None


def _ends_name(words: list[re.Match[str]], index: int) -> bool:
    """Does ``words[index]`` end a proper name: a capitalised word, or the number of a
    numbered one ("Đồng Tiến 2", "Khu phố 3")?"""
    word = words[index].group(0)
    if word.isdigit() and index > 0:
        word = words[index - 1].group(0)
    return word[:1].isupper()


def _in_enumeration(text: str, words: list[re.Match[str]], start: int, end: int) -> bool:
    """Is the mention ``words[start:end]`` one member of a list of names of one kind
    ("các xã A, B", "huyện A và huyện B") with no figure of its own after it? "huyện A,
    tỉnh B" says where A is, not that A and B are listed together."""
    if _OWN_FIGURE.match(text[words[end - 1].end():]):
        return False
    kind = fold(words[start - 1].group(0)) if start > 0 else None
    kind = kind if kind in ADMIN_UNITS else None
    if end < len(words):
        between = text[words[end - 1].end():words[end].start()]
        nxt = end + (fold(words[end].group(0)) in _JOINERS)
        if ("," in between or nxt > end) and nxt < len(words):
            other = fold(words[nxt].group(0))
            if other in ADMIN_UNITS:
                if other == kind and nxt + 1 < len(words) and words[nxt + 1].group(0)[:1].isupper():
                    return True
            elif words[nxt].group(0)[:1].isupper() and not has_cue(
                    [fold(w.group(0)) for w in words[nxt:nxt + 4]][:4], ROLE_CUES):
                return True  # "ông A, Chủ tịch UBND huyện" gives A's title
    first = start - (kind is not None)
    if first <= 0:
        return False
    between = text[words[first - 1].end():words[first].start()]
    back = first - 1 - (fold(words[first - 1].group(0)) in _JOINERS)
    if ("," in between or back < first - 1) and back >= 0 and _ends_name(words, back):
        return kind is None or _type_before(words, back) == kind  # "các xã A, B"
    return False


def named_as_member(text: str, name: str) -> bool | None:
    """True when every mention of ``name`` in ``text`` is one member of an enumeration,
    False when some mention stands alone, None when the text does not name it."""
    words = _words(text)
    spans = _mentions(text, name)
    if not spans:
        return None
    return all(_in_enumeration(text, words, start, end) for start, end in spans)


def group_figure(names: frozenset[str], texts: list[str], title: str, surroundings: str) -> bool:
    """Does the unit give its figure for a group one of the question's names is only a
    member of? Looked for in the unit's own texts first, then, for a name the unit does
    not give and the title does not either, in its surroundings."""
    for name in (n for n in names if len(n.split()) > 1):
        found = [named_as_member(t, name) for t in texts]
        if any(f is False for f in found):
            continue
        if any(f for f in found):
            return True
        if named_as_member(title, name) is None and named_as_member(surroundings, name):
            return True
    return False
