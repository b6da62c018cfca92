"""Structural checks of the evaluation question set (eval/questions.yaml).

Fast and model-free: the file parses, the schema holds, the counts per kind are met,
and every evidence quote is a verbatim substring of its document's body.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
QUESTIONS = ROOT / "eval" / "questions.yaml"
DOCUMENTS = ROOT / "documents"

KINDS = {"vi", "en", "vi_nodiac", "cross", "list", "number", "followup", "unanswerable"}
LANGUAGES = {"vi", "en"}
SPLITS = {"dev", "heldout"}
MIN_PER_KIND = {
    "vi": 14,
    "en": 14,
    "vi_nodiac": 14,
    "cross": 12,
    "list": 10,
    "number": 12,
    "followup": 12,
    "unanswerable": 16,
}
MIN_TOTAL = 80
MIN_HELDOUT_PER_KIND = 2
ID_PREFIX = {
    "vi": "vi-",
    "en": "en-",
    "vi_nodiac": "nd-",
    "cross": "cr-",
    "list": "ls-",
    "number": "nm-",
    "followup": "fu-",
    "unanswerable": "un-",
}
REQUIRED_KEYS = {"id", "kind", "language", "split", "question", "history", "facts",
                 "evidence", "answerable"}
QUOTE_MIN, QUOTE_MAX = 20, 120
# Typographic punctuation an English question may still contain.
EN_ALLOWED_NON_ASCII = set("\u2018\u2019\u201c\u201d\u2013\u2014\u2026")

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*\r?\n", re.DOTALL)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _has_vietnamese_diacritic(text: str) -> bool:
    for ch in _nfc(text):
        if ch in "đĐ":
            return True
        if any(unicodedata.combining(c) for c in unicodedata.normalize("NFD", ch)):
            return True
    return False


def _load_documents() -> dict[str, str]:
    bodies: dict[str, str] = {}
    for path in sorted(DOCUMENTS.glob("*.md")):
        text = _nfc(path.read_text(encoding="utf-8-sig"))
        match = _FRONT_MATTER.match(text)
        assert match, f"{path.name}: no YAML front matter"
        meta = yaml.safe_load(match.group(1)) or {}
        doc_id = meta.get("id") or path.stem.replace(".", "-")
        bodies[doc_id] = text[match.end():]
    return bodies


@pytest.fixture(scope="module")
def items() -> list[dict]:
    data = yaml.safe_load(QUESTIONS.read_text(encoding="utf-8"))
    assert isinstance(data, list), "questions.yaml must be a YAML list"
    assert all(isinstance(item, dict) for item in data)
    return data


@pytest.fixture(scope="module")
def bodies() -> dict[str, str]:
    docs = _load_documents()
    assert {"ham-tan-2024-03-11-vi", "ham-tan-2024-03-11-en"} <= set(docs)
    return docs


def _ids(items):
    return [item.get("id") for item in items]


def test_file_has_comment_header():
    head = QUESTIONS.read_text(encoding="utf-8").lstrip().splitlines()[0]
    assert head.startswith("#")


def test_required_keys(items):
    for item in items:
        missing = REQUIRED_KEYS - set(item)
        assert not missing, f"{item.get('id')}: missing {sorted(missing)}"


def test_unique_ids(items):
    dupes = [i for i, n in Counter(_ids(items)).items() if n > 1]
    assert not dupes, f"duplicate ids: {dupes}"


def test_allowed_values_and_prefixes(items):
    for item in items:
        iid = item["id"]
        assert item["kind"] in KINDS, iid
        assert item["language"] in LANGUAGES, iid
        assert item["split"] in SPLITS, iid
        assert isinstance(item["answerable"], bool), iid
        assert isinstance(item["question"], str) and item["question"].strip(), iid
        assert iid.startswith(ID_PREFIX[item["kind"]]), f"{iid}: prefix does not match kind"


def test_language_consistent_with_kind(items):
    for item in items:
        if item["kind"] in {"vi", "vi_nodiac"}:
            assert item["language"] == "vi", item["id"]
        if item["kind"] == "en":
            assert item["language"] == "en", item["id"]


def test_counts(items):
    assert len(items) >= MIN_TOTAL
    counts = Counter(item["kind"] for item in items)
    for kind, minimum in MIN_PER_KIND.items():
        assert counts[kind] >= minimum, f"{kind}: {counts[kind]} < {minimum}"


def test_heldout_per_kind(items):
    for kind in KINDS:
        of_kind = [i for i in items if i["kind"] == kind]
        heldout = [i for i in of_kind if i["split"] == "heldout"]
        assert len(heldout) >= MIN_HELDOUT_PER_KIND, f"{kind}: {len(heldout)} heldout"
        # roughly a quarter, never the bulk
        assert len(heldout) <= len(of_kind) / 2, kind


def test_answerable_items_have_facts_and_evidence(items):
    for item in items:
        iid = item["id"]
        if item["kind"] == "unanswerable":
            assert item["answerable"] is False, iid
            assert item["facts"] == [], iid
            assert item["evidence"] == [], iid
        else:
            assert item["answerable"] is True, iid
            assert len(item["facts"]) >= 1, iid
            assert len(item["evidence"]) >= 1, iid


def test_facts_are_lists_of_short_alternatives(items):
    for item in items:
        for fact in item["facts"]:
            assert isinstance(fact, list) and fact, f"{item['id']}: fact must be a non-empty list"
            for alt in fact:
                assert isinstance(alt, str) and alt.strip(), item["id"]
                assert len(alt.split()) <= 8, f"{item['id']}: alternative too long: {alt!r}"


def test_list_items_have_several_facts(items):
    for item in items:
        if item["kind"] == "list":
            assert 3 <= len(item["facts"]) <= 6, item["id"]


def test_evidence_quotes_are_verbatim(items, bodies):
    for item in items:
        for ev in item["evidence"]:
            assert set(ev) == {"doc", "quote"}, item["id"]
            assert ev["doc"] in bodies, f"{item['id']}: unknown doc {ev['doc']}"
            quote = ev["quote"]
            assert QUOTE_MIN <= len(quote) <= QUOTE_MAX, (
                f"{item['id']}: quote length {len(quote)}: {quote!r}"
            )
            assert _nfc(quote) in bodies[ev["doc"]], f"{item['id']}: not verbatim: {quote!r}"


def test_followups_have_history(items):
    for item in items:
        history = item["history"]
        assert isinstance(history, list), item["id"]
        if item["kind"] == "followup":
            assert history, f"{item['id']}: followup without history"
            for turn in history:
                assert isinstance(turn, list) and len(turn) == 2, item["id"]
                assert all(isinstance(t, str) and t.strip() for t in turn), item["id"]
        else:
            assert history == [], f"{item['id']}: only followups carry history"


def test_vi_nodiac_questions_have_no_diacritics(items):
    for item in items:
        if item["kind"] == "vi_nodiac":
            assert not _has_vietnamese_diacritic(item["question"]), item["id"]


def test_en_questions_are_ascii_ish(items):
    for item in items:
        if item["kind"] == "en":
            q = _nfc(item["question"])
            assert not _has_vietnamese_diacritic(q), item["id"]
            bad = {ch for ch in q if ord(ch) > 127 and ch not in EN_ALLOWED_NON_ASCII}
            assert not bad, f"{item['id']}: non-ASCII {bad}"


def test_english_facts_are_folded_ascii(items):
    """English answers: every alternative must match ASCII text after accent folding."""
    for item in items:
        if item["language"] != "en":
            continue
        for fact in item["facts"]:
            for alt in fact:
                folded = "".join(
                    c for c in unicodedata.normalize("NFD", alt.replace("đ", "d").replace("Đ", "D"))
                    if not unicodedata.combining(c)
                )
                assert folded.isascii(), f"{item['id']}: {alt!r}"
