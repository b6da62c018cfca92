"""Points of a category given under a subheading (rag.sections). The article is
invented for these tests."""

from __future__ import annotations

PARAGRAPHS = [
    "Khu công nghiệp Bắc Vân chậm bàn giao mặt bằng",
    "05/03/2025, 09:00",
    "Sáng 4/3, Ban Thường vụ Tỉnh ủy nghe báo cáo về giải phóng mặt bằng Khu công nghiệp Bắc Vân.",
    "Khu công nghiệp có quy mô 320 ha, đã bàn giao 180 ha cho nhà đầu tư.",
    "Những vướng mắc kéo dài",
    "Còn 64 hộ chưa thống nhất giá bồi thường. Nhóm thứ hai gồm 20 hộ chưa có đất tái định cư.",
    "Việc di dời 900 ngôi mộ gặp khó vì nhiều mộ vô chủ.",
    "Tại buổi làm việc, huyện kiến nghị tỉnh hỗ trợ 30 tỷ đồng làm khu tái định cư.",
    "Giải pháp trong thời gian tới",
    "Huyện cần đối thoại với từng hộ dân.",
]
BODY = "\n\n".join(PARAGRAPHS)


def test_the_sentences_under_a_subheading_that_names_the_category_are_its_points() -> None:
    from rag.sections import section_points
    from rag.units import UnitIndex

    index = UnitIndex.build([("d", BODY)])
    points = [u.text for u in section_points(index, "d", "shortcomings")]
    assert points == ["Còn 64 hộ chưa thống nhất giá bồi thường.",
                      "Nhóm thứ hai gồm 20 hộ chưa có đất tái định cư.", PARAGRAPHS[6]]
    # the district's request opens on another category and ends the shortcomings
    assert [u.text for u in section_points(index, "d", "tasks")] == [PARAGRAPHS[9]]
    # the headline names no category here, and a sentence is not a subheading
    assert section_points(index, "d", "results") == []
