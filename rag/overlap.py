"""How much of a question a text holds, word by word.

Used twice: to choose the evidence unit that speaks of what was asked (stage 5a) and to
decline a question the retrieved passages do not speak of at all (stage 5b). Words are
compared with accents when the question has them, English words by their stem, and
Vietnamese syllables together with a neighbour: a Vietnamese word is mostly two or
three syllables, and one syllable alone says little.
"""

from __future__ import annotations

import re

from rag.intent import Intent
from rag.lexicon import ADMIN_UNITS, MEMBERSHIP_CUES, QUESTION_WORDS, STOPWORDS, has_cue
from rag.textnorm import fold, nfc, stem

_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def tokens(text: str, accented: bool) -> list[str]:
    found = _TOKEN.findall(nfc(text).replace("’", "'"))
    return [t.lower() for t in found] if accented else [fold(t) for t in found]


def coverage(intent: Intent, text: str) -> float:
    """Share of the question's words that ``text`` holds (names, numbers and words of
    administrative units aside: they are checked on their own, or only place the
    question), compared with accents when the question has them. A Vietnamese word is
    mostly two or three syllables, and a syllable alone says little ("giá" of "giá
    vàng", gold price, is also the "giá" of "đánh giá", to assess), so a syllable counts
    only when the text also holds it next to one of its neighbours in the question,
    unless its neighbours are function words."""
    accented = intent.diacritics
    english = intent.language == "en"
    question = tokens(intent.question, accented)
    present = tokens(text, accented)
    vocabulary, pairs = set(present), set(zip(present, present[1:]))
    if english:
        vocabulary |= {stem(t) for t in present}
    skip = _function_positions(question, accented) | _name_positions(question, intent.names)
    asked = covered = 0
    for i, token in enumerate(question):
        if i in skip or token.isdigit() or has_cue([fold(token)], ADMIN_UNITS):
            continue
        token = stem(token) if english else token
        asked += 1
        if token not in vocabulary:
            continue
        linked = [j for j in (i - 1, i + 1) if 0 <= j < len(question) and j not in skip]
        if intent.language != "vi" or not linked or any(
                (question[min(i, j)], question[max(i, j)]) in pairs for j in linked):
            covered += 1
    return covered / asked if asked else 1.0


def _function_positions(tokens: list[str], accented: bool) -> set[int]:
    """Positions of function and question words, multi-word ones ("bao nhiêu") whole,
    matched with accents when the tokens have them ("đảng", party, is not "đang")."""
    out = {i for i, t in enumerate(tokens) if len(t) < 2}
    for cues in (STOPWORDS, QUESTION_WORDS, MEMBERSHIP_CUES):
        for cue in (cues.accented if accented else cues):
            words = cue.split()
            for i in range(len(tokens) - len(words) + 1):
                if tokens[i:i + len(words)] == words:
                    out.update(range(i, i + len(words)))
    return out


def _name_positions(tokens: list[str], names: frozenset[str]) -> set[int]:
    folded = [fold(t) for t in tokens]
    out: set[int] = set()
    for name in names:
        words = name.split()
        for i in range(len(folded) - len(words) + 1):
            if folded[i:i + len(words)] == words:
                out.update(range(i, i + len(words)))
    return out
