"""Stage 6 (check): is an answer sentence stated by ONE evidence unit?

No entailment model can be installed here (shared/models.md), so support is decided by
what a sentence asserts that can be checked without understanding it. Every check is
made against a single unit (a sentence or a list item) and, when the article has a
translation, that unit's parallel version - never against words scattered over a
passage, which is how "X is in Y" passed when a passage said "a road connects X with Y".

A sentence is supported by a unit when:
- every number and date it gives is in the unit;
- every name it gives is in the unit (accent-folded, so names survive translation);
- its polarity agrees: it negates ("not", "chưa") exactly when the unit does;
- each relation it states (membership "X is in Y", cause, completion, a request or
  proposal, a judgment, who chaired, a comparison's base) is stated by the unit too,
  between the same names where membership is involved;
- what the unit asks, plans or proposes, it does not state as done; each number keeps
  the measure the unit gives it ("320 m", not "95 m");
- it does not loop (the same words three times over);
- in the unit's own language, most of its content words are in the unit. Across
  languages words cannot be compared, so the sentence must be anchored instead: it has
  to share a number or a name with the unit.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from rag.lexicon import (
    ADMIN_UNITS,
    ASSESSMENT_CUES,
    CAUSE_CUES,
    COMPARISON_CUES,
    COMPLETION_CUES,
    DONE_CUES,
    IRREALIS_CUES,
    MEMBERSHIP_CUES,
    NEGATION_CUES,
    NOT_NEGATION,
    PRESIDING_CUES,
    QUESTION_WORDS,
    REQUEST_CUES,
    SHORTFALL_CUES,
    STOPWORDS,
    cue_tokens,
    folded_tokens,
    has_cue,
    mentions,
)
from rag.glossary import english_words, vietnamese_words
from rag.textnorm import detect_language, fold, has_diacritics, is_syllable, words

MIN_OVERLAP = 0.5
"""Share of a sentence's content words a same-language unit must contain."""

_NUMBER = re.compile(r"\d+")
_MONTHS = {m: str(n) for n, m in enumerate(
    "january february march april may june july august september october november december"
    .split(), start=1)}
_MONTH = re.compile(r"\b(?:January|February|March|April|May|June|July|August|September|"
                    r"October|November|December)\b")
_NUMBER_WORDS = {w: str(n) for n, w in enumerate(
    "two three four five six seven eight nine ten eleven twelve".split(), start=2)}
"""English number words that stand for a figure ("one" is also a pronoun: left out)."""
_NUMBER_WORD = re.compile(r"\b(?:" + "|".join(_NUMBER_WORDS) + r")\b", re.IGNORECASE)
_MARKER = re.compile(r"\s*\[\d{1,2}\]")
# "X is in Y" / "X thuộc Y": membership stated by the sentence (the unit may state it
# more loosely, see _MEMBERSHIP_LINK).
_INNER_WORD = re.compile(r"(?<=[\w,’'-] )[^\W\d_]+")


def without_names(text: str, placeholder: str = " ") -> str:
    """The text with each capitalised word after the first (a name's) replaced by
    ``placeholder``: "Krong No" is a name, not a negation, and a Vietnamese name in an
    English sentence does not make it Vietnamese."""
    return _INNER_WORD.sub(lambda m: placeholder if m.group(0)[0].isupper() else m.group(0),
                           text)


_MEMBERSHIP_CLAIM = re.compile(
    r"\b(?:is|are|was|were|lies|lie)\s+(?:located\s+|situated\s+)?in\b|\blocated in\b|"
    r"\bbelongs? to\b|\bpart of\b|\bunder the (?:administration|management) of\b|"
    r"\bthuoc\b|\btruc thuoc\b|\bnam (?:o|tai|trong)\b")


def years(text: str) -> frozenset[str]:
    """The years a text names (the numbers of :func:`numbers` that read as 19xx/20xx)."""
    return frozenset(n for n in numbers(text) if re.fullmatch(r"(?:19|20)\d\d", n))


def numbers(text: str) -> set[str]:
    """Numbers of a text, leading zeros dropped, English month names (capitalised, so
    "may" is not May) and number words ("nine months" is "9 tháng") as numbers."""
    found = {str(int(n)) for n in _NUMBER.findall(text)}
    found.update(_MONTHS[m.group(0).lower()] for m in _MONTH.finditer(text))
    found.update(_NUMBER_WORDS[m.group(0).lower()] for m in _NUMBER_WORD.finditer(text))
    found.update(str(_roman(m.group(0))) for m in _ROMAN.finditer(text))
    return found


_ROMAN = re.compile(r"\b(?=[IVX]{2,5}\b)X{0,3}(?:IX|IV|V?I{0,3})\b")
"""Upper-case Roman numerals of two letters or more ("loại III", "khóa XIV", "quý IV")."""
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}


def _roman(numeral: str) -> int:
    values = [_ROMAN_VALUES[c] for c in numeral]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v
               for i, v in enumerate(values))


def content_words(text: str) -> set[str]:
    """Accent-folded words that carry meaning (no stopwords, no one-letter tokens)."""
    return {fold(w) for w in words(text) if len(w) > 1 and fold(w) not in STOPWORDS}


def name_groups(sentence: str) -> list[list[str]]:
    """Proper names a sentence asserts, as groups of folded words ("Krông Nô" ->
    ["krong", "no"]): runs of capitalised words, without the administrative words and
    stopwords at their edges. A run ends at punctuation other than a dash ("Hòa Bình -
    Sơn La" is one name, "Krông Nô? Báo cáo" is not). A run that starts a sentence
    counts only if it has two words, since every sentence starts with a capital. Letters
    glued to digits are a code ("Đường tỉnh 936D"), not a name."""
    runs: list[tuple[bool, list[str], bool]] = []  # (starts a sentence, folded words, typed
    # first word unaccented in an accented sentence: "bản Co Muông" holds no "có")
    accented = has_diacritics(sentence)
    previous_end, joined = 0, False
    for match in re.finditer(r"[^\W\d_]+(?:['’][^\W\d_]+)*", sentence):
        token, gap = match.group(0), sentence[previous_end:match.start()]
        starts = not sentence[:match.start()].strip() or bool(re.search(r"[.!?:]", gap))
        glued = sentence[match.start() - 1:match.start()].isdigit() or (
            sentence[match.end():match.end() + 1].isdigit())  # "936D", "QL55": a code
        if token[0].isupper() and not glued and not _NUMBER_SIGN.match(sentence, match.start()):
            if joined and not re.search(r"[^\s\-–]", gap):
                runs[-1][1].append(_name_word(token))
            else:
                runs.append((starts, [_name_word(token)], accented and not has_diacritics(token)))
            joined = True
        else:
            joined = False
        previous_end = match.end()
    groups = []
    for starts, run, plain in runs:
        if starts and len(run) < 2:
            continue
        group = _trim(run, keep_first=plain and not starts, opening=starts)
        if starts and len(group) == 1 and group[0] == run[0]:
            continue  # "Vậy Tỉnh ủy ...": only the sentence's first word is left
        if group:
            groups.append(group)
    return groups


_ARTICLES = frozenset({"the", "a", "an"})
_NUMBER_SIGN = re.compile(r"(?:No|Nos|Nr)\.?\s*\d")
""""No. 12" abbreviates "number": not a name ("nó" folds to "no")."""


def _name_word(token: str) -> str:
    """A word of a name, folded, without an English possessive ("Tan's" -> "tan")."""
    return fold(re.sub(r"['’]s$", "", token))


def _trim(run: list[str], keep_first: bool, opening: bool) -> list[str]:
    """A name without articles and administrative words at its edges, nor question
    words when it opens the sentence ("Did the Krong No District" -> krong no), nor a
    function word first unless it was typed unaccented among accented words ("Co Muông"
    is no "có"). Other function words stay: folded Vietnamese names collide with English
    and Vietnamese question words ("Nô" -> "no", "Bãi Sậy" -> "bai say")."""
    def edge(word: str) -> bool:
        return word in _ARTICLES or has_cue([word], ADMIN_UNITS)

    start, end = 0, len(run)
    while start < end and (edge(run[start]) or (opening and start == 0 and run[start] in QUESTION_WORDS)
                           or (start == 0 and not keep_first and run[start] in STOPWORDS)):
        start += 1
    while end > start and edge(run[end - 1]):
        end -= 1
    return run[start:end]


def name_in(name: str, tokens: list[str], same_language: bool) -> bool:
    """Is ``name`` (folded words) in ``tokens`` (folded words of a text), word after
    word? In a text of the other language only its words that could be Vietnamese
    syllables are looked for: "Standing Committee" is translated, "Krông Nô" is written
    "Krong No". Numbers are skipped on both sides: a name holds the words around a code
    ("Report No. 415-BC/HU")."""
    run = name_run(name, same_language)
    if not run:
        return True
    plain = [t for t in tokens if not t.isdigit()]
    n = len(run)
    return any(plain[i:i + n] == run for i in range(len(plain) - n + 1))


def name_run(name: str, same_language: bool) -> list[str]:
    """The words of ``name`` that can be looked for in a text (see :func:`name_in`); none
    when the name cannot be checked there ("Vice Chairman" in a Vietnamese text)."""
    words = [w for w in name.split() if not w.isdigit()]
    return words if same_language else [
        part for w in words
        for part in ([w] if len(w) > 1 and is_syllable(w) else
                     _as_syllables(w) if len(words) == 1 and len(w) >= 5
                     and w not in english_words() else [])]


def _as_syllables(word: str) -> list[str]:
    """A one-word name as the Vietnamese syllables English runs together ("hanoi" -> "ha
    noi", "danang" -> "da nang"); nothing for a word that cannot be split so
    ("committee")."""
    best: dict[int, list[str]] = {0: []}
    for end in range(1, len(word) + 1):
        for start in range(max(0, end - 7), end):
            if start in best and end - start > 1 and is_syllable(word[start:end]):
                parts = best[start] + [word[start:end]]
                if end not in best or len(parts) < len(best[end]):
                    best[end] = parts
    return best.get(len(word), []) if len(best.get(len(word), [])) >= 2 else []


def names(sentence: str) -> list[str]:
    """The words of a sentence's proper names (see :func:`name_groups`)."""
    return [w for group in name_groups(sentence) for w in group]


def negated(text: str) -> bool:
    """Does the text negate what it states? ("chưa đạt", "did not meet", "no longer")."""
    tokens, accented = cue_tokens(without_names(text.replace("n't", " not")))
    joined = " " + " ".join(tokens) + " "
    for phrase in NOT_NEGATION.accented if accented else NOT_NEGATION:
        joined = joined.replace(f" {phrase} ", " ")  # "không ngừng" = constantly
    return has_cue(joined.split(), NEGATION_CUES, accented)


def _relations(text: str) -> set[str]:
    """Kinds of relation a text states, beyond "these things are mentioned together"."""
    folded = " ".join(folded_tokens(text))
    tokens, accented = cue_tokens(text)
    found = set()
    if _MEMBERSHIP_CLAIM.search(folded):
        found.add("membership")
    if has_cue(tokens, CAUSE_CUES, accented):
        found.add("cause")
    found |= {kind for kind, cues in _VERB_RELATIONS.items() if has_cue(tokens, cues, accented)}
    return found


_VERB_RELATIONS = {"completion": COMPLETION_CUES, "request": REQUEST_CUES,
                "assessment": ASSESSMENT_CUES, "presiding": PRESIDING_CUES,
                "comparison": COMPARISON_CUES}
"""Relations a sentence states by a verb: who proposed or judged or chaired something,
that it was completed, what a change is measured against. A small model adds these to a
unit that states none of them ("the district proposed" over a bare project name)."""


def _spans(tokens: list[str], group: list[str]) -> list[tuple[int, int]]:
    n = len(group)
    return [(i, i + n) for i in range(len(tokens) - n + 1) if tokens[i:i + n] == group]


def _membership_link(unit: str, first: list[str], second: list[str]) -> bool:
    """Does the unit tie name ``first`` to name ``second`` by membership: a membership
    word ("thuộc", "in", "of") or an administrative apposition ("huyện A, tỉnh B")
    between them?"""
    tokens = folded_tokens(unit)
    for a_start, a_end in _spans(tokens, first):
        for b_start, b_end in _spans(tokens, second):
            between = tokens[a_end:b_start] if a_end <= b_start else tokens[b_end:a_start]
            if not between or len(between) > _LINK_WORDS:
                continue
            only_admin = all(has_cue([t], ADMIN_UNITS) for t in between)
            if only_admin or has_cue(between, MEMBERSHIP_CUES):
                return True
    return False


_LINK_WORDS = 4
"""At most this many words between two names that a membership word relates ("X, a
district of Y"); further apart, the words between them state something else."""


@dataclass(frozen=True)
class Verdict:
    """Why a sentence is or is not supported (kept for tests and debugging)."""

    ok: bool
    reason: str = ""


def check(statement: str, unit: str, counterpart: str | None = None) -> Verdict:
    """Is ``statement`` stated by ``unit`` (or by its translation ``counterpart``)?"""
    claim = _MARKER.sub("", statement).strip()
    if not claim:
        return Verdict(False, "empty")
    best = Verdict(False, "no unit")
    for text in (t for t in (unit, counterpart) if t):
        verdict = _check_one(claim, text)
        if verdict.ok:
            return verdict
        best = verdict
    return best


def _repeats(claim: str, unit: str, n: int = 4, times: int = 3) -> bool:
    """Does the sentence say the same ``n`` words ``times`` times, more often than the
    unit does? A small model that loops ("caused by a severe case of ..., which was
    caused by a severe case of ...") says nothing a reader can trust, whatever words it
    shares with the unit; a unit that itself repeats a phrase may be quoted."""
    def counts(text: str) -> Counter[tuple[str, ...]]:
        tokens = folded_tokens(text)
        return Counter(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1))

    theirs = counts(unit)
    return any(k >= times and k > theirs.get(g, 0) for g, k in counts(claim).items())


def _measure_pairs(text: str) -> set[tuple[str, str]]:
    """(number, the word right after it): "dài 320 m" gives ("320", "m")."""
    tokens = folded_tokens(text)
    return {(str(int(a)), b) for a, b in zip(tokens, tokens[1:]) if a.isdigit() and b.isalpha()}


def _swapped_measure(claim: str, unit: str) -> bool:
    """Does the sentence give a number with a measure the unit gives another number
    with? "dài 95 m, vốn 320 tỷ" over "dài 320 m, vốn 95 tỷ" has the right numbers and
    the right words, in the wrong pairs."""
    theirs = _measure_pairs(unit)
    measures = {word for _, word in theirs}
    return any(word in measures and (n, word) not in theirs
               for n, word in _measure_pairs(claim))


def _states_as_done(claim: str, unit: str) -> bool:
    """Does the sentence say something was done ("đã bồi thường", "was completed") where
    the unit only asks for it, plans or proposes it ("yêu cầu công ty bồi thường")?"""
    plain = without_names(claim)
    done = mentions(plain, DONE_CUES) or mentions(plain, COMPLETION_CUES)
    if not done or mentions(plain, IRREALIS_CUES):
        return False
    tokens, accented = cue_tokens(without_names(unit))
    given = numbers(claim)
    spots = [i for i, t in enumerate(tokens) if t.isdigit() and str(int(t)) in given]
    return any(has_cue(tokens[max(0, i - _FRAME):i], IRREALIS_CUES, accented)
               for i in spots or [len(tokens)])


_FRAME = 12
"""Words before a figure that can make it a demand or a plan; a modal verb farther away
governs something else ("cần tăng cường ... trong Báo cáo số 415, ngày 14/02/2025")."""


def _check_one(claim: str, unit: str) -> Verdict:
    missing = numbers(claim) - numbers(unit)
    if missing:
        return Verdict(False, f"numbers not in unit: {sorted(missing)}")
    same_language = detect_language(claim) == detect_language(unit)
    unit_tokens = set(folded_tokens(unit))
    claim_names = [n for n in names(claim) if same_language or is_syllable(n)]
    absent = [n for n in claim_names if n not in unit_tokens]
    if absent:
        return Verdict(False, f"names not in unit: {absent}")
    if negated(claim) != negated(unit):
        return Verdict(False, "polarity differs")
    if _states_as_done(claim, unit):
        return Verdict(False, "states as done what the unit asks, plans or proposes")
    if _swapped_measure(claim, unit):
        return Verdict(False, "a number with another number's measure")
    if _repeats(claim, unit):
        return Verdict(False, "repeats itself")
    relation = _relation_problem(claim, unit)
    if relation:
        return Verdict(False, relation)
    if same_language:
        body = content_words(claim)
        overlap = len(body & content_words(unit)) / len(body) if body else 0.0
        if overlap < MIN_OVERLAP:
            return Verdict(False, f"content overlap {overlap:.2f}")
    elif not (numbers(claim) or claim_names):
        return Verdict(False, "nothing checkable across languages")
    return Verdict(True)


def translation_problem(translation: str, original: str) -> str:
    """What shows that ``translation`` does not render ``original`` (one unit, in the
    other language), as far as words across languages can be compared: a number it
    adds or drops (``numbers`` reads a month's name as its number: "30/6" is "June 30"),
    a name it adds or leaves out, a negation gained or lost, a phrase looped, or a length
    no translation of it has (a model that explains instead of translating). "" when
    none shows."""
    differ = numbers(translation) ^ numbers(original)
    if differ:
        return f"numbers differ: {sorted(differ)}"
    if _amounts(original) != _amounts(translation):  # "1.478 tỷ" is 1,478 billion, not 1.478
        return "a figure's value differs"
    if _CURRENCY.search(translation) and not _CURRENCY.search(original):
        return "a currency the original does not name"  # "triệu đồng" as "million yuan"
    original_tokens = folded_tokens(original)
    tokens = {*original_tokens, *(a + b for a, b in zip(original_tokens, original_tokens[1:]))}
    rendered = set(folded_tokens(translation))
    known = english_words()
    absent = [w for n in name_groups(translation) for w in n if w not in tokens
              and not {w, w + "s", w.removesuffix("s")} & known and w not in _CAPITALISED]
    if absent:  # "Mr. Hồ Sỹ Nguyên" made "the President of the Republic"
        return f"names not in the original: {absent}"
    lost = [" ".join(group) for group in name_groups(original)
            if len(group) > 1 and not set(group) <= vietnamese_words()
            and not set(group) <= rendered]
    if lost:  # a name is kept as written, accents aside ("bãi chôn lấp Đồng Mít")
        return f"names of the original left out: {lost}"
    negative = negated(translation) or (negated(original) and mentions(translation,
                                                                       SHORTFALL_CUES))
    if negated(original) != negative:  # "không đạt chỉ tiêu" may be "missing the target"
        return "polarity differs"
    if _repeats(translation, original):
        return "repeats itself"
    if len(translation) > TRANSLATION_LENGTH * len(original) + 40:
        return "longer than a translation of it"
    return ""


_CURRENCY = re.compile(r"\b(?:yuan|renminbi|rmb|dollars?|usd|euros?|yen|won|baht|rupees?|"
                       r"pounds?|ringgit|kip|riel)\b|\$", re.IGNORECASE)
_CAPITALISED = frozenset(
    "mr mrs ms dr comrade vnd dong january february march april may june july august "
    "september october november december monday tuesday wednesday thursday friday "
    "saturday sunday".split())
"""English words written with a capital that render no name of the original."""
_FIGURE = re.compile(r"\d+(?:[.,]\d+)*")


def _amounts(text: str) -> Counter[float]:
    """The values of the figures written with a separator, read the way the text's
    language writes them: Vietnamese "1.478,5" is English "1,478.5"."""
    vietnamese = detect_language(text) == "vi"
    found: Counter[float] = Counter()
    for figure in _FIGURE.findall(text):
        if "." in figure or "," in figure:
            plain = (figure.replace(".", "").replace(",", ".") if vietnamese
                     else figure.replace(",", ""))
            try:
                found[float(plain)] += 1
            except ValueError:  # "1.2.3": a code, not a figure
                continue
    return found


TRANSLATION_LENGTH = 2.5
"""How many times its original's length a translation may be: English renders a
Vietnamese sentence in about as many characters."""


def _relation_problem(claim: str, unit: str) -> str:
    """A relation the sentence states that the unit does not."""
    missing = _relations(claim) - _relations(unit) - {"membership"}
    if missing:
        return f"relation not in unit: {sorted(missing)}"
    if "membership" in _relations(claim):
        groups = name_groups(claim)
        if not any(_membership_link(unit, a, b) for a, b in zip(groups, groups[1:])):
            return "membership not stated by unit"
    return ""


def statement_supported(statement: str, evidence: Sequence[str]) -> bool:
    """The eval's entry point: ``evidence`` = a unit's text, then its translation if any."""
    if not evidence:
        return False
    return check(statement, evidence[0], evidence[1] if len(evidence) > 1 else None).ok
