"""Compound questions: split only where two questions are joined (rag.parts)."""

from __future__ import annotations

import pytest

from rag.parts import split


@pytest.mark.parametrize("question, expected", [
    ("Who opened the fair, and how many stalls did it have?",
     ["Who opened the fair?", "how many stalls did it have?"]),
    ("Xã có bao nhiêu hộ nghèo và đến ngày nào phải hoàn thành hỗ trợ?",
     ["Xã có bao nhiêu hộ nghèo?", "đến ngày nào phải hoàn thành hỗ trợ?"]),
    ("Hội chợ diễn ra ngày nào và do ai chủ trì?", ["Hội chợ diễn ra ngày nào?", "do ai chủ trì?"]),
])
def test_two_joined_questions_are_split(question: str, expected: list[str]) -> None:
    assert split(question) == expected


@pytest.mark.parametrize("question", [
    "What were the results and shortcomings of the town?",  # one list of two categories
    "Xã A và xã B có bao nhiêu hộ nghèo?",  # two subjects, one question
    "What did the town ask for and why?",  # "why" alone is too short to be a question
    "Hội chợ có bao nhiêu gian hàng?",
])
def test_one_question_stays_whole(question: str) -> None:
    assert split(question) == [question]


def test_a_later_part_that_refers_back_leans_on_the_first() -> None:
    from rag.parts import leans

    assert leans("how big is its share?")
    assert leans("và tỉnh trả lời đề nghị đó thế nào?")
    assert not leans("how much damage did the storm cause in the district?")
    assert not leans("ai là giám đốc Sở Tài chính?")


def test_a_comma_joins_two_questions_only_where_no_conjunction_does() -> None:
    from rag import parts

    assert parts.split("duong ven bien dai bao nhieu km, giai phong mat bang duoc bao nhieu roi") == [
        "duong ven bien dai bao nhieu km?", "giai phong mat bang duoc bao nhieu roi?"]
    assert parts.split("Năm 2024, huyện thu ngân sách bao nhiêu?") == [
        "Năm 2024, huyện thu ngân sách bao nhiêu?"]  # the first side asks nothing
    assert parts.split("How big is the area, what output is expected, and how much is certified?"
                       ) == ["How big is the area, what output is expected?",
                             "how much is certified?"]
