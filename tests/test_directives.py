"""The chair's directives given paragraph by paragraph (rag.directives), and the tasks
answer built from them. The article is invented for these tests."""

from __future__ import annotations

PARAGRAPHS = [
    "Huyện Đông Lạc cần tăng tốc giải ngân vốn đầu tư công",  # headline: not a speech
    "12/10/2025, 08:15",
    "Chiều 11/10, Thường trực Tỉnh ủy làm việc với Ban Thường vụ Huyện ủy Đông Lạc.",
    "Tham dự có lãnh đạo các sở, ngành của tỉnh.",
    "Báo cáo cho thấy, 9 tháng năm 2025, thu ngân sách của huyện đạt 212 tỷ đồng.",
    "Giám đốc Sở Tài chính cho biết, huyện cần khoảng 40 tỷ đồng để hoàn thành các tuyến đê.",
    "Phát biểu kết luận, đồng chí Trần Minh Khoa ghi nhận những kết quả huyện đạt được. "
    "Đồng chí yêu cầu huyện tập trung giải ngân 100% kế hoạch vốn trước ngày 31/1/2026.",
    "Huyện cần rà soát quy hoạch vùng trồng lúa, chuyển đổi 800 ha sang nuôi tôm.",
    "Chăm lo đời sống người dân vùng sạt lở, bố trí tái định cư cho 46 hộ trong quý I.",
    "Tiếp thu ý kiến chỉ đạo, đồng chí Lê Văn Hùng khẳng định huyện sẽ cụ thể hóa các nhiệm vụ.",
]
BODY = "\n\n".join(PARAGRAPHS)
TASKS = [
    "Đồng chí yêu cầu huyện tập trung giải ngân 100% kế hoạch vốn trước ngày 31/1/2026.",
    PARAGRAPHS[7], PARAGRAPHS[8]]


def test_a_speech_runs_from_the_first_directive_until_the_reply() -> None:
    from rag.directives import directive_runs
    from rag.units import UnitIndex

    runs = directive_runs(UnitIndex.build([("d", BODY)]), "d")
    # the headline's "cần" and the director's report ("cho biết ... cần") start no run
    assert [[u.text for u in r.units] for r in runs] == [TASKS]


def test_a_list_whose_lead_in_directs_nothing_is_not_a_speech() -> None:
    from rag.directives import directive_runs
    from rag.units import UnitIndex

    body = "\n\n".join([*PARAGRAPHS[:4], "Kỳ họp đã thông qua các nghị quyết sau:",
                        "- Nghị quyết về danh mục 34 dự án cần thu hồi đất;",
                        "- Nghị quyết về mức hỗ trợ cán bộ phải nghỉ việc."])
    assert directive_runs(UnitIndex.build([("d", body)]), "d") == []


def _tasks_answer(body: str, question: str) -> list[str]:
    from rag.evidence import Selector
    from rag.intent import read_intent
    from rag.retrieve import Retrieval
    from rag.types import Chunk, Passage
    from rag.units import UnitIndex

    def embed(texts: list[str]) -> list[list[float]]:
        return [[1.0, 0.0] if "yêu cầu" in t else [0.0, 1.0] for t in texts]

    selector = Selector(UnitIndex.build([("d", body)]), lambda term: 1.0, embed)
    # retrieval showed the opening only: the speech is found in the article all the same
    opening = body.index(PARAGRAPHS[4])
    passages = [Passage(Chunk("d:0", "d", body[:opening], 0, opening, 0, "vi", "Tin"), 1.0)]
    intent = read_intent(question, "vi")
    chosen = selector.select(intent, Retrieval(passages, "vi", query_vector=[1.0, 0.0]))
    return [e.unit.text for e in chosen.units]


def test_a_tasks_question_gets_every_directive_of_the_speech() -> None:
    assert _tasks_answer(BODY, "Thường trực Tỉnh ủy yêu cầu huyện Đông Lạc làm những gì?") == TASKS


def test_a_request_of_the_district_or_a_byline_ends_the_speech() -> None:
    from rag.directives import directive_runs
    from rag.units import UnitIndex

    body = "\n\n".join([*PARAGRAPHS[:9], "Huyện kiến nghị tỉnh bố trí 18 tỷ đồng làm đường.",
                        "Hoàng Minh"])
    runs = directive_runs(UnitIndex.build([("d", body)]), "d")
    assert [[u.text for u in r.units] for r in runs] == [TASKS]
