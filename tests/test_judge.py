"""The eval's judge itself: negations, swapped relations, wrong claims, partial lists,
facts already in the question, word boundaries. Sentences are about invented places."""

from __future__ import annotations

import pytest

from eval import metrics as m


def test_negated_fact_is_not_stated() -> None:
    facts = [["đạt chỉ tiêu"]]
    assert m.fact_hits("Huyện chưa đạt chỉ tiêu về thu ngân sách [1].", facts) == [False]
    assert m.fact_hits("Huyện đã đạt chỉ tiêu về thu ngân sách [1].", facts) == [True]
    assert m.fact_hits("Revenue did not exceed the estimate.", [["exceeded the estimate",
                                                                 "exceed the estimate"]]) == [False]
    assert m.fact_hits("Revenue exceeded the estimate [1].", [["exceeded the estimate"]]) == [True]


def test_a_fact_that_contains_the_negation_is_matched_with_it() -> None:
    assert m.fact_hits("Tỷ lệ giải ngân chưa đạt kế hoạch [1].", [["chưa đạt kế hoạch"]]) == [True]
    assert m.fact_hits("Tỷ lệ giải ngân đạt kế hoạch [1].", [["chưa đạt kế hoạch"]]) == [False]


def test_negation_only_reaches_its_own_clause() -> None:
    facts = [["vượt dự toán"]]
    assert m.fact_hits("Không có dự án mới, nhưng thu ngân sách vượt dự toán [1].", facts) == [True]
    assert m.fact_hits("Không ngừng cải cách, thu ngân sách vượt dự toán [1].", facts) == [True]


def test_vietnamese_words_that_fold_to_english_negations_do_not_negate() -> None:
    # folded, "nổ mìn" (blasting) reads "no min" and "chùa" (pagoda) reads "chưa"
    assert m.fact_hits("Việc nổ mìn làm nứt 37 ngôi nhà [1].", [["nứt 37 ngôi nhà"]]) == [True]
    assert m.fact_hits("Xã trùng tu chùa Long Phước xong trong năm [1].", [["xong trong năm"]]) == [True]
    assert m.fact_hits("Xã chưa xong việc trùng tu trong năm [1].", [["xong việc trùng tu"]]) == [False]


@pytest.mark.parametrize("answer, expected", [
    ("The district of Krong No issued permits.", [False]),  # "strict" in "district"
    ("It happened in 2015.", [False]),
    ("The rate was 1.5 percent.", [False]),
    ("Bridge No. 15 opened [1].", [True]),
])
def test_whole_words_only(answer: str, expected: list[bool]) -> None:
    fact = [["strict"]] if "district" in answer else [["15"]] if "15" in answer else [["5"]]
    assert m.fact_hits(answer, fact) == expected


def test_facts_in_the_question_give_no_credit() -> None:
    question = "Đường tỉnh 725 nối huyện Lâm Hà với đâu?"
    facts = [["đường tỉnh 725"], ["thành phố Đà Lạt", "Đà Lạt"]]
    assert m.scorable_facts(facts, question) == [["thành phố Đà Lạt", "Đà Lạt"]]
    assert m.fact_hits("Đường tỉnh 725 nối huyện Lâm Hà [1].", facts, question) == [False]


def test_a_wrong_relation_is_wrong_even_when_the_names_are_right() -> None:
    wrong = [["thuộc tỉnh Lâm Đồng", "is in Lam Dong province", "located in Lam Dong"]]
    stated = m.wrong_claims("Huyện Krông Nô thuộc tỉnh Lâm Đồng [1].", wrong)
    assert stated and m.outcome(False, False, [], stated) == "wrong"
    assert m.wrong_claims("Krong No district is in Lam Dong province [1][2].", wrong)


def test_a_decline_that_mentions_the_names_is_not_a_wrong_claim() -> None:
    wrong = [["is in Lam Dong province"]]
    note = ("The articles do not state which larger unit Krong No belongs to. What they do say: "
            "“Route 28 connects Krong No with Lam Dong province” [1]")
    assert m.wrong_claims(note, wrong) == []
    assert m.outcome(True, False, [], []) == "correct"


def test_a_decline_that_states_a_false_claim_is_wrong() -> None:
    wrong = [["đã hoàn thành"]]
    text = "Cầu đã hoàn thành. Các bài viết không đề cập thêm."
    assert m.outcome(True, True, [False], m.wrong_claims(text, wrong)) == "wrong"


def test_a_negated_wrong_claim_is_not_stated() -> None:
    assert m.wrong_claims("Cầu chưa hoàn thành, còn chậm tiến độ [1].", [["hoàn thành"]]) == []


def test_swapped_subject_and_object_is_caught_by_wrong_alternatives() -> None:
    wrong = [["Sở Tài chính trả lời về giá đất"]]
    assert m.wrong_claims("Sở Tài chính trả lời về giá đất [1].", wrong)
    assert not m.wrong_claims("Sở Tài nguyên trả lời về giá đất; Sở Tài chính trả lời về vốn [1].",
                              wrong)


def test_partial_list_is_incomplete() -> None:
    facts = [["giải phóng mặt bằng"], ["khai thác cát"], ["giấy chứng nhận"]]
    hits = m.fact_hits("- Giải phóng mặt bằng còn chậm [1]\n- Khai thác cát còn sơ hở [2]", facts)
    assert hits == [True, True, False]
    assert m.outcome(False, True, hits, []) == "incomplete"
    assert m.outcome(False, True, [True, True, True], []) == "correct"
    assert m.outcome(True, True, [False] * 3, []) == "declined"
    assert m.outcome(False, False, [], []) == "wrong"  # answered a question it should decline


def test_citation_judge_needs_one_passage_and_the_same_polarity() -> None:
    passages = ["Thu ngân sách năm 2025 vượt dự toán được giao.",
                "Huyện có 12 xã và 1 thị trấn."]
    assert m.judge("Thu ngân sách năm 2025 vượt dự toán.", passages)
    assert not m.judge("Thu ngân sách năm 2025 không vượt dự toán.", passages)
    # every word and number is somewhere, but not in one passage
    assert not m.judge("Thu ngân sách năm 2025 của 12 xã vượt dự toán.", passages)
