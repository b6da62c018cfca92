"""Per-answer metrics, all deterministic and offline so two runs are comparable.

Everything here works on plain dicts (one JSONL record), so a report can be rebuilt
from stored runs without the engine, and the same code scores the engine and the
baseline. Rules follow the header of eval/questions.yaml and ALCE (field notes §4),
with a lexical/number judge standing in for ALCE's NLI model.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from rag.verify import content_words, numbers
from rag.textnorm import detect_language, fold, split_sentences

MARKER = re.compile(r"\s*\[(\d{1,2})\]")
# The extractive engine labels a sentence quoted from the other language's article with
# these intros; the judge drops them (they are attribution, not a claim about the news).
QUOTE_INTROS = ("The Vietnamese article says:", "Bài viết tiếng Anh viết:")
JUDGE_MIN_OVERLAP = 0.6
MAX_CITATIONS_PER_STATEMENT = 3  # as in ALCE
DECLINE_PHRASES = (
    "not_in_articles", "do not say", "does not say", "do not contain", "does not contain",
    "do not mention", "does not mention", "not mentioned", "no information", "not provided",
    "khong de cap", "khong co thong tin", "khong neu",
)


# ----- normalisation and facts ---------------------------------------------------------
def strip_markers(text: str) -> str:
    """Answer text without its [n] markers."""
    return MARKER.sub("", text)


def normalise(text: str) -> str:
    """NFC, lower-case, accent-folded (the questions file's matching rule)."""
    return fold(unicodedata.normalize("NFC", text).lower())


# Negation is looked for in the answer with its accents (lower case, NFC): folded,
# "nổ" (to explode) would read as English "no" and "chùa" (pagoda) as "chưa" (not yet).
# Unaccented forms are kept for answers typed without diacritics.
_NEGATION = re.compile(
    r"\b(?:không|chưa|chẳng|chả|khong|chua|chang|not|no|never|neither|nor|without|none|"
    r"failed to|fails to|fail to)\b|n't\b")
# Phrases that contain a negation word but do not negate what follows.
_NOT_NEGATION = re.compile(r"\b(?:(?:không|khong) (?:ngừng|ngung|chỉ|chi|khí|khi|gian)|"
                           r"hàng không|hang khong|not only|no longer than|no less than)\b")
_CLAUSE_BREAK = re.compile(r"[.;:!?\n,]|\b(?:but|nhưng|nhung|tuy nhiên|tuy nhien|however)\b")


def _lowered(text: str) -> str:
    """NFC and lower case, accents kept: where negation words are looked for."""
    return unicodedata.normalize("NFC", text).lower()


def _pattern(alternative: str) -> re.Pattern[str] | None:
    """Whole-word pattern of a normalised alternative ("strict" never matches inside
    "district", "15" never inside "2015" or "1.5"). An English word may take an
    inflection (exceed -> exceeded, exceeds); a trailing "*" marks an explicit stem
    ("consolidat*" matches "consolidate", "consolidation")."""
    alt = " ".join(normalise(alternative).split())
    stem = alt.endswith("*")
    alt = alt.rstrip("*").strip()
    if not alt:
        return None
    body = re.escape(alt).replace(r"\ ", r"\s+")
    if stem:
        tail = r"\w*"
    elif alt[-1].isalpha() and alt.isascii():
        tail = r"(?:s|es|ed|d|ing)?"
    else:
        tail = ""
    return re.compile(r"(?<![\w.,])" + body + tail + r"(?![\w]|[.,]\d)")


def _negated_at(text: str, start: int) -> bool:
    """Is position ``start`` inside a clause that a negation word before it negates?"""
    clause_start = max((m.end() for m in _CLAUSE_BREAK.finditer(text, 0, start)), default=0)
    before = _NOT_NEGATION.sub(" ", text[clause_start:start])
    return _NEGATION.search(before) is not None


def stated(alternative: str, answer_norm: str, masked: str | None = None) -> bool:
    """Is ``alternative`` asserted by the (normalised) answer: present as whole words and
    not inside a clause negated before it? A negation inside the alternative itself
    ("chua dat ke hoach") is part of what must be stated. ``masked`` is the answer with
    names blanked out, where negation is looked for ("Krong No" is not "no")."""
    pattern = _pattern(alternative)
    if pattern is None:
        return False
    neg_text = masked if masked is not None and len(masked) == len(answer_norm) else answer_norm
    return any(not _negated_at(neg_text, m.start()) for m in pattern.finditer(answer_norm))


def _normalised_pair(answer: str) -> tuple[str, str]:
    """The normalised answer, and the same with capitalised words after the first
    blanked (same length) for the negation check."""
    text = strip_markers(answer)
    masked = re.sub(r"(?<=[\w,’'\-)] )[^\W\d_]+",
                    lambda mt: "x" * len(mt.group(0)) if mt.group(0)[0].isupper() else mt.group(0),
                    text)
    norm, lowered = normalise(text), _lowered(masked)
    return norm, lowered if len(lowered) == len(norm) else normalise(masked)


def alternative_matches(alternative: str, answer_norm: str) -> bool:
    """Whole-word match (kept for the baseline's decline detection and old callers)."""
    pattern = _pattern(alternative)
    return bool(pattern and pattern.search(answer_norm))


def in_question(alternative: str, question: str) -> bool:
    """An alternative the question already contains proves nothing when it is repeated."""
    pattern = _pattern(alternative)
    return bool(pattern and pattern.search(normalise(question)))


def scorable_facts(facts: Sequence[Sequence[str]], question: str) -> list[list[str]]:
    """The facts minus alternatives found in the question; a fact left with none is
    dropped (repeating the question cannot show it)."""
    out = []
    for alts in facts:
        kept = [a for a in alts if not in_question(a, question)]
        if kept:
            out.append(kept)
    return out


def fact_hits(answer: str, facts: Sequence[Sequence[str]], question: str = "") -> list[bool]:
    """For each scorable fact, whether the answer states one of its alternatives."""
    norm, masked = _normalised_pair(answer)
    return [any(stated(a, norm, masked) for a in alts) for alts in scorable_facts(facts, question)]


def wrong_claims(answer: str, wrong: Sequence[Sequence[str]] | None, question: str = "") -> list[str]:
    """The false claims (per-question ``wrong`` alternatives) the answer states."""
    norm, masked = _normalised_pair(answer)
    return [a for alts in (wrong or []) for a in alts
            if not in_question(a, question) and stated(a, norm, masked)]


def outcome(declined: bool, answerable: bool, hits: Sequence[bool], wrong: Sequence[str]) -> str:
    """One of correct / incomplete / wrong / declined for a question.

    A stated false claim makes any answer wrong, a decline included. Unanswerable and
    near-miss questions are correct only when declined; answering them is wrong.
    """
    if wrong:
        return "wrong"
    if not answerable:
        return "correct" if declined else "wrong"
    if declined:
        return "declined"
    return "correct" if hits and all(hits) else "incomplete"


# ----- retrieval -----------------------------------------------------------------------
Span = tuple[str, int, int]  # (doc id, start, end) in the document body


def evidence_spans(evidence: Iterable[dict[str, str]], bodies: dict[str, str]) -> list[Span]:
    """Where each evidence quote sits in its document (quotes are verbatim, NFC)."""
    spans = []
    for ev in evidence:
        body = bodies.get(ev["doc"], "")
        quote = unicodedata.normalize("NFC", ev["quote"])
        at = body.find(quote)
        if at >= 0:
            spans.append((ev["doc"], at, at + len(quote)))
    return spans


def overlaps(a: Span, b: Span) -> bool:
    """Same document and the half-open ranges intersect."""
    return a[0] == b[0] and a[1] < b[2] and b[1] < a[2]


def passage_relevant(passage: dict[str, Any], gold: Sequence[Span]) -> bool:
    """A retrieved passage (or its parallel counterpart) overlaps an evidence quote."""
    spans = [(passage["doc_id"], passage["start"], passage["end"])]
    if passage.get("counterpart"):
        cp = passage["counterpart"]
        spans.append((cp["doc_id"], cp["start"], cp["end"]))
    return any(overlaps(s, g) for s in spans for g in gold)


def first_relevant_rank(passages: Sequence[dict[str, Any]], gold: Sequence[Span]) -> int | None:
    """1-based rank of the first relevant passage, or None."""
    for rank, p in enumerate(passages, start=1):
        if passage_relevant(p, gold):
            return rank
    return None


# ----- the citation judge --------------------------------------------------------------
def statements(answer: str) -> list[str]:
    """The answer's statements, each keeping the markers that close it.

    A marker group ends a statement (answers put markers at the end of what they cite,
    and the extractive backend copies clauses ending in ";" or ":" that
    ``split_sentences`` would not split); the pieces are then split into sentences.
    Markers written after the full stop ("... Tân. [1] Next") are moved before it.
    """
    out: list[str] = []
    for piece in re.split(r"(?<=\])(?!\s*\[\d)\s+", answer.strip()):
        moved = re.sub(r"([.!?…;:])((?:\s*\[\d{1,2}\])+)", r"\2\1", piece)
        out += [moved[s:e] for s, e in split_sentences(moved)]
    return [st for st in out if st.strip()]


def claim_text(statement: str) -> str:
    """What a statement claims from its source: without markers; for the engine's
    labelled quotations ("96,4 billion VND — the Vietnamese article says: “…”") the
    quoted text, plus the figures its lead names (which the source must hold)."""
    body = strip_markers(statement).strip()
    quoted = re.search(r"“([^”]+)”", body)
    if quoted:
        lead = body[:quoted.start()]
        return " ".join([quoted.group(1), *re.findall(r"\d[\d.,]*\d|\d", lead)])
    for intro in QUOTE_INTROS:
        if body.startswith(intro):
            body = body[len(intro):].strip()
    return body


def judge(statement: str, passages: Sequence[str]) -> bool:
    """Deterministic stand-in for ALCE's NLI judge: does ONE of ``passages`` state
    ``statement``?

    A passage supports a statement when it holds every number of the statement, agrees
    with it on negation, and - in the same language - holds at least 60% of its content
    words; across languages (no translation to compare with) the numbers must be there
    and at least one of them or one name must be shared. Numbers and words scattered
    over several passages do not add up to support.
    """
    claim = claim_text(statement)
    words = content_words(claim)
    if not passages or not words:
        return False
    return any(_supports(claim, words, p) for p in passages)


def _supports(claim: str, words: set[str], passage: str) -> bool:
    if not numbers(claim) <= numbers(passage):
        return False
    if _negates(claim) != _negates(passage):
        return False
    if detect_language(claim) != detect_language(passage):
        names = {w for w in _capitalised(claim)}
        return bool(numbers(claim) or names & content_words(passage))
    return len(words & content_words(passage)) / len(words) >= JUDGE_MIN_OVERLAP


def _negates(text: str) -> bool:
    norm = _NOT_NEGATION.sub(" ", _lowered(_without_names(text)))
    return _NEGATION.search(norm) is not None


def _capitalised(text: str) -> set[str]:
    tokens = re.findall(r"[^\W\d_]+", text)
    return {normalise(t) for t in tokens[1:] if t[0].isupper()}


def citation_texts(citation: dict[str, Any], statement: str) -> list[str]:
    """What a citation shows the judge: its passage, plus the parallel passage when the
    statement is in the other language (the engine cites one version of a bilingual pair)."""
    texts = [citation["text"]]
    cp = citation.get("counterpart")
    if cp and cp.get("text") and detect_language(claim_text(statement) or "x") != citation.get(
            "language"):
        texts.append(cp["text"])
    return texts


@dataclass
class CitationScore:
    statements: int
    supported: int
    citations: int
    precise: int


def citation_scores(answer: str, citations: Sequence[dict[str, Any]]) -> CitationScore:
    """ALCE citation recall (supported statements) and precision (relevant citations).

    A statement without markers, or whose markers point nowhere, is unsupported. A
    citation is irrelevant when its passage alone does not support the statement and
    the other cited passages still do; citations of unsupported statements are imprecise.
    """
    by_index = {c["index"]: c for c in citations}
    total = supported = n_cites = precise = 0
    for st in statements(answer):
        if not claim_text(st):
            continue
        total += 1
        marks = list(dict.fromkeys(int(m) for m in MARKER.findall(st)))
        cited = [by_index[m] for m in marks if m in by_index][:MAX_CITATIONS_PER_STATEMENT]
        n_cites += len(marks[:MAX_CITATIONS_PER_STATEMENT])
        texts = ["\n".join(citation_texts(c, st)) for c in cited]
        ok = bool(cited) and judge(st, texts)
        supported += ok
        if not ok:
            continue
        for i, own in enumerate(texts):
            others = [t for j, t in enumerate(texts) if j != i]
            irrelevant = not judge(st, [own]) and bool(others) and judge(st, others)
            precise += not irrelevant
    return CitationScore(total, supported, n_cites, precise)


def quote_violations(citations: Sequence[dict[str, Any]], bodies: dict[str, str]) -> list[str]:
    """Offsets check: quote ⊂ text, text == body[start:end] (and the same for counterparts)."""
    problems = []
    for c in citations:
        if c.get("quote") and c["quote"] not in c["text"]:
            problems.append(f"[{c['index']}] quote not in passage text")
        for part, label in ((c, ""), (c.get("counterpart") or None, " counterpart")):
            if part is None:
                continue
            body = bodies.get(part["doc_id"])
            if body is None or body[part["start"]:part["end"]] != part["text"]:
                problems.append(f"[{c['index']}]{label} text != body[{part['start']}:{part['end']}]"
                                f" of {part['doc_id']}")
    return problems


# ----- declines and language ---------------------------------------------------------------
def looks_declined(text: str) -> bool:
    """For answers without an ``answerable`` flag (the baseline): a refusal phrase."""
    norm = normalise(text)
    return not norm.strip() or any(p in norm for p in DECLINE_PHRASES)


def _without_names(text: str) -> str:
    """Drop capitalised words after the first: names keep Vietnamese diacritics in English."""
    tokens = text.split()
    return " ".join(tokens[:1] + [t for t in tokens[1:] if not t[:1].isupper()])


def language_ok(answer: str, claimed: str | None, expected: str) -> bool:
    """The stated language is right and most of the text (by characters) is in it.

    Per statement (markers stripped, names dropped): a statement counts as in the
    expected language if ``detect_language`` says so, or if it is introduced by the
    engine's explicit quote intro written in the expected language (a labelled quote of
    the other article). Unreadable fragments count as matching.
    """
    if claimed is not None and claimed != expected:
        return False
    good = bad = 0
    for st in statements(answer):
        body = strip_markers(st).strip()
        if not body:
            continue
        labelled = any(body.startswith(i) for i in QUOTE_INTROS) and detect_language(
            next(i for i in QUOTE_INTROS if body.startswith(i))) == expected
        rest = _without_names(body)
        lang = detect_language(rest) if re.search(r"[^\W\d_]{2,}", rest) else expected
        if labelled or lang == expected:
            good += len(body)
        else:
            bad += len(body)
    return good >= bad
