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
QUOTE_INTROS = ("The Vietnamese original says:", "Bản tiếng Anh viết:")
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


def alternative_matches(alternative: str, answer_norm: str) -> bool:
    """Substring match, except a number must not be part of a longer number ("15" ≠ "2015")."""
    alt = normalise(alternative).strip()
    if not alt:
        return False
    left = r"(?<!\d)" if alt[0].isdigit() else ""
    right = r"(?!\d)" if alt[-1].isdigit() else ""
    return re.search(left + re.escape(alt) + right, answer_norm) is not None


def fact_hits(answer: str, facts: Sequence[Sequence[str]]) -> list[bool]:
    """For each fact, whether any of its alternatives is in the answer (markers stripped)."""
    norm = normalise(strip_markers(answer))
    return [any(alternative_matches(a, norm) for a in alts) for alts in facts]


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
    """The statement without markers and without the engine's quote intro."""
    body = strip_markers(statement).strip()
    for intro in QUOTE_INTROS:
        if body.startswith(intro):
            body = body[len(intro):].strip()
    return body


def judge(statement: str, passages: Sequence[str]) -> bool:
    """Deterministic stand-in for ALCE's NLI judge: do ``passages`` support ``statement``?

    Supported when every number of the statement occurs in the passages and at least
    60% of its content words (accent-folded, stopwords removed) occur in them.
    """
    claim = claim_text(statement)
    words = content_words(claim)
    if not passages or not words:
        return False
    evidence = "\n".join(passages)
    if not numbers(claim) <= numbers(evidence):
        return False
    return len(words & content_words(evidence)) / len(words) >= JUDGE_MIN_OVERLAP


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
        texts = [citation_texts(c, st) for c in cited]
        ok = bool(cited) and judge(st, [t for ts in texts for t in ts])
        supported += ok
        if not ok:
            continue
        for i, own in enumerate(texts):
            others = [t for j, ts in enumerate(texts) if j != i for t in ts]
            irrelevant = not judge(st, own) and bool(others) and judge(st, others)
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
