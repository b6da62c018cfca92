"""The evaluation harness: metric functions on hand-made answers, and one small real run.

The unit tests pin the scoring rules that would silently inflate results if they broke
(a wrong answer scoring as right, a citation to an unrelated passage counting as
support, "15" matching "2015"). The real-model test runs the runner end to end on two
questions per kind against a temporary index built from documents/.
"""

from __future__ import annotations

import json

import pytest

from eval import metrics as m
from eval.report import aggregate, judge_agreement

BUDGET_VI = ("Năm 2023, thu ngân sách vượt dự toán được giao; sản xuất nông, lâm, thủy sản "
             "đạt kết quả tích cực.")
ROAD_EN = "Road No. 15 (Tan Thang Commune) and the Tan Duc - Song Phan inter-commune road."


def _cite(index: int, text: str, language: str = "vi") -> dict:
    return {"index": index, "text": text, "quote": text[:20], "language": language,
            "doc_id": "d", "start": 0, "end": len(text), "counterpart": None}


# ----- facts -------------------------------------------------------------------------------
def test_wrong_answer_scores_zero() -> None:
    facts = [["vượt dự toán", "vượt chỉ tiêu"]]
    assert m.fact_hits("Thu ngân sách không đạt kế hoạch [1].", facts) == [False]
    assert m.fact_hits("Thu ngân sách VUOT du toan [1].", facts) == [True]  # folded, case-free


def test_whole_numbers_only() -> None:
    assert m.fact_hits("It happened in 2015.", [["15"]]) == [False]
    assert m.fact_hits("Road No. 15 [1].", [["15"]]) == [True]
    assert m.fact_hits("Năm 2023 [1]", [["2023"]]) == [True]
    assert m.fact_hits("năm 20234", [["2023"]]) == [False]


def test_markers_do_not_count_as_numbers() -> None:
    assert m.fact_hits("Không rõ [1][2].", [["1"]]) == [False]


# ----- citation judge ------------------------------------------------------------------------
def test_unrelated_citation_is_unsupported() -> None:
    cs = m.citation_scores("Thu ngân sách vượt dự toán được giao [1].", [_cite(1, ROAD_EN, "en")])
    assert (cs.statements, cs.supported, cs.precise) == (1, 0, 0)


def test_supported_statement_and_precision() -> None:
    answer = "Thu ngân sách vượt dự toán được giao [1][2]."
    cs = m.citation_scores(answer, [_cite(1, BUDGET_VI), _cite(2, ROAD_EN, "en")])
    assert cs.supported == 1 and cs.citations == 2 and cs.precise == 1  # [2] is irrelevant


def test_fabricated_number_is_unsupported() -> None:
    assert not m.judge("Năm 2021, thu ngân sách vượt dự toán được giao.", [BUDGET_VI])
    assert m.judge("Năm 2023, thu ngân sách vượt dự toán được giao.", [BUDGET_VI])


def test_statement_without_marker_is_unsupported() -> None:
    cs = m.citation_scores("Thu ngân sách vượt dự toán được giao.", [_cite(1, BUDGET_VI)])
    assert cs.supported == 0


def test_cross_language_uses_counterpart() -> None:
    cite = _cite(1, BUDGET_VI)
    cite["counterpart"] = {"doc_id": "e", "start": 0, "end": 10, "text":
                           "In 2023, budget revenue exceeded the assigned estimate."}
    cs = m.citation_scores("In 2023, budget revenue exceeded the assigned estimate [1].", [cite])
    assert cs.supported == 1


def test_markers_after_full_stop_split_statements() -> None:
    assert m.statements("A first claim. [1] Một câu khác. [2]") == ["A first claim [1].",
                                                                    "Một câu khác [2]."]


def test_quote_check_catches_offset_bugs() -> None:
    bodies = {"d": "xx" + BUDGET_VI}
    good = {**_cite(1, BUDGET_VI), "start": 2, "end": 2 + len(BUDGET_VI)}
    assert m.quote_violations([good], bodies) == []
    assert len(m.quote_violations([{**good, "start": 0}], bodies)) == 1
    assert len(m.quote_violations([{**good, "quote": "not in it"}], bodies)) == 1


def test_retrieval_relevance_by_overlap() -> None:
    gold = m.evidence_spans([{"doc": "d", "quote": "vượt dự toán"}], {"d": BUDGET_VI})
    assert gold and gold[0][0] == "d"
    inside = {"doc_id": "d", "start": 0, "end": 30, "counterpart": None}
    other = {"doc_id": "d", "start": 60, "end": 90,
             "counterpart": {"doc_id": "d", "start": 20, "end": 40}}
    far = {"doc_id": "d", "start": 60, "end": 90, "counterpart": None}
    assert m.first_relevant_rank([far, inside], gold) == 2
    assert m.first_relevant_rank([other], gold) == 1  # via its parallel passage
    assert m.first_relevant_rank([far], gold) is None


def test_language_match() -> None:
    assert m.language_ok("The district is Hàm Tân in Bình Thuận [1].", "en", "en")
    assert not m.language_ok("Thu ngân sách vượt dự toán [1].", "en", "en")
    assert m.language_ok("The Vietnamese original says: Thu ngân sách vượt dự toán. [1]", "en", "en")


def test_aggregate_and_judge_sample() -> None:
    agg = aggregate([{"correct": 1.0, "quote_violations": [], "timings": {"total": 1.0}},
                     {"correct": 0.0, "quote_violations": [], "timings": {"total": 3.0}}])
    assert agg["correct"] == 0.5 and agg["total_p50"] == 2.0
    agreement = judge_agreement()
    assert agreement is not None and agreement["n"] >= 30


# ----- one real run --------------------------------------------------------------------------
@pytest.mark.real_model
def test_runner_small_slice(tmp_path_factory: pytest.TempPathFactory,
                            monkeypatch: pytest.MonkeyPatch) -> None:
    from eval.runner import main

    out = tmp_path_factory.mktemp("report")
    index = tmp_path_factory.mktemp("index")
    monkeypatch.delenv("RAG_DATA_DIR", raising=False)
    monkeypatch.delenv("RAG_DOCUMENTS_DIR", raising=False)
    args = ["--backend", "extractive", "--retrieval", "hybrid", "--set", "dev", "--limit", "2",
            "--out", str(out), "--index-dir", str(index), "--allow-dirty"]
    assert main(args) == 0
    for name in ("report.md", "report.json", "chart.png", "extractive-hybrid.jsonl"):
        assert (out / name).stat().st_size > 0
    lines = (out / "extractive-hybrid.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 16
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    dev = report["per_set"]["extractive-hybrid"]["dev"]
    assert dev["quote_violations"] == 0 and dev["errors"] == 0 and dev["n"] == 16
    assert abs(sum(dev[o] for o in ("correct", "incomplete", "wrong", "declined")) - 1.0) < 1e-9
    assert dev["hit_k"] is not None and dev["hit_k"] > 0.3
    assert report["git_commit"] and "dirty" in report
    md = (out / "report.md").read_text(encoding="utf-8")
    for heading in ("## Outcomes by set", "## The backend's own answers vs fallbacks",
                    "### unanswerable",
                    "## Near-miss and unanswerable questions that were not declined",
                    "## Questions not answered correctly"):
        assert heading in md
    # --resume adds nothing when everything is done
    assert main(args + ["--resume"]) == 0
    assert len((out / "extractive-hybrid.jsonl").read_text().splitlines()) == 16


def test_a_wrong_answer_scores_as_wrong() -> None:
    """The scorer on a hand-made record: the false relation makes it wrong, not correct."""
    from eval.report import score

    q = {"id": "x", "question": "Which province is Krong No district in?", "answerable": False,
         "facts": [], "evidence": [], "wrong": [["is in Lam Dong province"]], "language": "en"}
    rec = {"text": "Krong No district is in Lam Dong province [1].", "answerable": True,
           "citations": [], "passages": [], "language": "en"}
    assert score(rec, q, {}, 4)["outcome"] == "wrong"
    declined = {**rec, "text": "The articles do not say this.", "answerable": False}
    assert score(declined, q, {}, 4)["outcome"] == "correct"
