"""How a question is read: what a count question counts."""

from __future__ import annotations

import pytest

from rag.intent import read_intent


@pytest.mark.parametrize("question, counted", [
    ("Nhà máy xử lý nước thải có công suất bao nhiêu?", ()),  # "máy" is a machine, not "mấy"
    ("dap chinh da dap den cao trinh bao nhieu roi", ()),  # "rồi" ends the sentence
    ("Huyện có mấy xã đạt chuẩn?", ("xa", "dat")),
])
def test_the_counted_noun_follows_a_real_how_many(question: str, counted: tuple[str, ...]) -> None:
    assert read_intent(question).counted == counted


def test_a_question_may_ask_for_two_header_fields() -> None:
    intent = read_intent("Bài báo về kỳ họp do ai viết và đăng ngày nào?")
    assert intent.shape == "metadata" and intent.meta_field == "published"
    assert intent.meta_also == ("author",)
    assert read_intent("When was the article published?").meta_also == ()
