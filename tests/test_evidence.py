"""What counts as a figure in an evidence unit."""

from __future__ import annotations

from typing import Any

import pytest


def test_a_share_of_two_numbers_is_a_figure_not_a_date() -> None:
    from rag.evidence import has_figure

    assert has_figure("Kỳ họp có 68/72 đại biểu có mặt.", set())
    assert not has_figure("Chiều 11/12, kỳ họp bế mạc.", set())
    assert has_figure("Huyện có 4/6 xã đạt chuẩn nông thôn mới.", set())  # a counted noun follows
    assert not has_figure("Trong 9 tháng năm 2025, huyện làm tốt công tác này.", set())  # a period
    assert has_figure("Dự án chậm khoảng 5 tháng so với hợp đồng.", set())  # a delay


def _selector(body: str) -> tuple[Any, list[Any]]:
    from rag.evidence import Selector
    from rag.units import UnitIndex

    units = UnitIndex.build([("doc", body)])
    return Selector(units, lambda term: 1.0, None), units.in_span("doc", 0, len(body))


def _with_reason(body: str, question: str, language: str = "vi", step: str = "_with_reason",
                 best: int = 0) -> list[str]:
    """The units a question keeps when sentence ``best`` of ``body`` is its best unit and
    the selector's ``step`` (``_with_reason``, ``_with_person``) adds to it."""
    from rag.intent import read_intent

    selector, sentences = _selector(body)
    chosen = selector._evidence(sentences[best], None, "Tin", "vi")
    added = getattr(selector, step)(read_intent(question, language), [chosen])
    return [u.unit.text for u in added]


def _problems(body: str, question: str, language: str) -> list[str]:
    """What the gate finds wrong with each of the first two sentences of ``body`` as the
    answer to ``question``."""
    from rag.gate import _unit_problem
    from rag.intent import read_intent

    selector, sentences = _selector(body)
    intent = read_intent(question, language)
    return [_unit_problem(intent, selector._evidence(u, None, "Tin", "vi")) for u in sentences[:2]]


def test_a_why_question_takes_the_next_sentence_when_it_gives_the_reason() -> None:
    body = ("Xã Tân Lộc còn 12 hộ chưa nhận tiền bồi thường. Nguyên nhân là giá đất chưa "
            "được thống nhất. Huyện sẽ tổ chức đối thoại trong tháng 10.")
    _, sentences = _selector(body)
    assert _with_reason(body, "Vì sao 12 hộ ở xã Tân Lộc chưa nhận tiền bồi thường?") == [
        sentences[0].text, sentences[1].text]
    assert _with_reason(body, "Xã Tân Lộc còn bao nhiêu hộ chưa nhận tiền bồi thường?") == [
        sentences[0].text]


def test_a_sentence_announcing_the_cause_brings_the_rest_of_the_explanation() -> None:
    body = ("Nguyên nhân chính khiến đường sụt lún là do nền đất yếu. Mưa kéo dài nhiều ngày "
            "làm đất ngậm nước. Bên cạnh đó, xe quá tải thường xuyên đi qua. Huyện sẽ lắp "
            "biển cấm xe trên 10 tấn.")
    _, sentences = _selector(body)
    assert _with_reason(body, "Vì sao đường bị sụt lún?") == [s.text for s in sentences[:3]]
    remedy = ("Nguyên nhân chính khiến đường sụt lún là do nền đất yếu. Huyện sẽ lắp biển cấm "
              "xe trên 10 tấn. Bên cạnh đó, xe quá tải thường xuyên đi qua.")
    assert len(_with_reason(remedy, "Vì sao đường bị sụt lún?")) == 1


def test_a_why_question_keeps_a_unit_that_already_gives_the_reason() -> None:
    body = ("Do giá đất chưa thống nhất nên 12 hộ chưa nhận tiền. Nguyên nhân khác là "
            "thiếu vốn.")
    assert len(_with_reason(body, "Vì sao 12 hộ chưa nhận tiền?")) == 1


def test_an_item_of_a_list_of_causes_gives_a_reason() -> None:
    from rag.evidence import gives_cause

    body = ("Nguyên nhân được đoàn chỉ ra gồm: giá nước thấp hơn giá thành; nguồn nước ngầm "
            "suy giảm. Huyện có 15 công trình: 9 công trình ở các xã; 6 công trình ở thị trấn.")
    selector, units = _selector(body)
    items = [u for u in units if u.kind == "item"]
    assert [gives_cause(selector._evidence(u, None, "Tin", "vi")) for u in items] == [
        True, True, False, False]


def test_asking_the_causes_of_the_shortcomings_asks_a_reason_not_their_list() -> None:
    from rag.intent import read_intent

    intent = read_intent("Nguyên nhân của những hạn chế trên là gì?", "vi")
    assert (intent.shape, intent.wants) == ("fact", "reason")
    assert read_intent("Huyện còn những hạn chế nào?", "vi").shape == "list"


def test_a_vietnamese_count_names_its_noun_right_after_the_figure() -> None:
    from rag.evidence import counts

    assert counts("Kỳ thi có 3 môn thi bắt buộc.", ("thi", "sinh"), set()) is False  # 3 subjects
    assert counts("Toàn tỉnh có 21.400 thí sinh dự thi.", ("thi", "sinh"), set())
    assert counts("Nổ mìn làm nứt 45 ngôi nhà.", ("nha",), set())  # after a classifier
    assert counts("Thị xã đón 3,4 triệu lượt khách.", ("khach",), set())  # after a magnitude
    assert counts("The district has 6 new communes.", ("communes",), set())  # English adjectives
    # "bao nhiêu lượt tàu" counts the vessels, whatever classifier the question puts first
    assert counts("Đến nay có 64 lượt tàu cá mất kết nối.", ("luot", "tau"), set())
    assert not counts("Đến nay có 64 lượt khách đến.", ("luot", "tau"), set())


def test_a_qualified_count_is_answered_only_by_a_figure_of_that_qualifier() -> None:
    from rag.evidence import counts

    poor = ("ho", "ngheo")
    # another qualifier counts other households: these are not poor households
    assert not counts("Năm qua có 980 hộ tham gia mô hình trồng lúa.", poor, set())
    assert not counts("Xã ghi nhận 57 hộ tái nghèo do thiên tai.", poor, set())
    # the qualifier after the noun, with an aspect word between, or said in the clause
    assert counts("Toàn xã còn 311 hộ nghèo.", poor, set())
    assert counts("Đã có 64 hộ đã thoát nghèo bền vững.", ("ho", "thoat"), set())
    deaths = ("ca", "tu")
    assert counts("Tỉnh ghi nhận 3 trường hợp tử vong do sốt xuất huyết.", deaths, set())
    assert not counts("Tỉnh ghi nhận 210 ca mắc sốt xuất huyết.", deaths, set())
    # a unit of measure with its second syllable is no qualifier: any figure of it counts
    assert counts("Dự án thu hồi 4.500 mét vuông đất ở.", ("met", "vuong"), set())
    # what is said of the noun is not a qualifier of it
    assert counts("Xã còn 27 hộ tại thôn 2 chưa nhận tiền.", ("ho", "chua"), set())


def test_an_amount_of_a_mass_noun_is_a_figure_with_its_measure_after_the_noun() -> None:
    from rag.intent import read_intent
    from rag.evidence import holds_wanted

    intent = read_intent("Huyện đã giải ngân được bao nhiêu vốn đầu tư công?", "vi")
    assert holds_wanted(intent, "Kế hoạch vốn là 300 tỷ đồng; đã giải ngân 120,5 tỷ đồng.")
    assert not holds_wanted(intent, "Vốn đầu tư công được giải ngân chậm ở 12 dự án.")
    households = read_intent("Có bao nhiêu hộ dân bị ảnh hưởng?", "vi")
    assert not holds_wanted(households, "Hộ dân được hỗ trợ 20 triệu đồng.")  # a count noun


def test_a_ratio_with_decimals_is_a_rate_not_a_date() -> None:
    from rag.evidence import has_figure, has_measure

    assert has_measure("Tỷ lệ chọi của trường là 1/2,1.")
    assert has_figure("Tỷ lệ chọi của trường là 1/2,1.", set())
    assert not has_measure("Ngày 1/2 trường khai giảng.")


def test_a_rate_of_something_else_does_not_answer_a_rate_question() -> None:
    from rag.gate import _unit_problem
    from rag.intent import read_intent

    body = ("Tốc độ tăng trưởng kinh tế của huyện đạt 8,2%. Tỷ lệ hộ nghèo giảm còn 3,1%, "
            "thấp hơn năm trước.")
    selector, sentences = _selector(body)
    poor = selector._evidence(sentences[1], None, "Tin", "vi")
    intent = read_intent("Tỷ lệ hộ nghèo của huyện là bao nhiêu?", "vi")
    assert _unit_problem(intent, poor) == ""
    alone, _ = _selector("Tốc độ tăng trưởng kinh tế của huyện đạt 8,2%.")
    only = alone._evidence(alone.units.for_doc("doc")[1], None, "Tin", "vi")
    assert "rate" in _unit_problem(intent, only)


def _two_articles(first: tuple[str, str], second: tuple[str, str]) -> tuple[Any, list[Any]]:
    """A selector over two articles (id, body) and a passage of each, the first ranked first."""
    from rag.evidence import Selector
    from rag.types import Chunk, Passage
    from rag.units import UnitIndex

    units = UnitIndex.build([first, second])
    passages = [Passage(Chunk(f"{d}:0", d, body, 0, len(body), 0, "vi", "Tin"), 1.0)
                for d, body in (first, second)]
    return Selector(units, lambda term: 1.0, None), passages


def test_a_named_list_of_another_article_must_be_about_the_question() -> None:
    from rag.evidence import Evidence
    from rag.intent import read_intent

    asked = ("Huyện còn thiếu cán bộ lãnh đạo ở nhiều xã. Huyện cần sớm bổ sung cán bộ "
             "lãnh đạo còn thiếu ở các xã.")
    other = ("Về nhiệm vụ thời gian tới, tỉnh yêu cầu thị xã thực hiện các nội dung sau: "
             "phát triển du lịch biển; nâng cấp cảng cá; hoàn thành giải phóng mặt bằng.")
    selector, passages = _two_articles(("asked", asked), ("other", other))
    intent = read_intent("Huyện cần làm gì với việc thiếu cán bộ lãnh đạo ở xã?", "vi")
    candidates = selector._candidates(passages)
    scored = [Evidence(e.unit, e.passage, None, "Tin", "vi", score=2.0 if e.unit.doc_id ==
                       "asked" else 0.5) for e in candidates]
    scored.sort(key=lambda e: -e.score)
    assert selector._enumeration(intent, scored, passages) is None  # not the town's tasks
    relevant = [Evidence(e.unit, e.passage, None, "Tin", "vi", score=2.0) for e in candidates]
    chosen = selector._enumeration(intent, relevant, passages)
    assert chosen is not None and chosen.units[0].unit.doc_id == "other"


def test_the_top_articles_list_loses_to_a_named_list_the_question_is_about() -> None:
    """Retrieval may rank another article first; its list of the asked category, none of
    whose units scored, is not the answer when another article's list is close."""
    from rag.evidence import Evidence
    from rag.intent import read_intent

    top = ("Người dân kiến nghị những nội dung sau: bồi thường nhà bị nứt; di dời 28 hộ; "
           "sửa đường liên xã.")
    asked = ("Huyện Tân Mỹ kiến nghị tỉnh những nội dung sau: nâng cấp quốc lộ 27; xây công "
             "viên trung tâm; đầu tư hệ thống nước sạch.")
    selector, passages = _two_articles(("top", top), ("asked", asked))
    intent = read_intent("Huyện kiến nghị tỉnh những gì?", "vi")
    scored = [Evidence(e.unit, e.passage, None, "Tin", "vi", score=2.0)
              for e in selector._candidates(passages) if e.unit.doc_id == "asked"]
    chosen = selector._enumeration(intent, scored, passages)
    assert chosen is not None and chosen.units[0].unit.doc_id == "asked"


def test_an_amount_of_another_thing_does_not_answer_how_much_x() -> None:
    cost, power = _problems("Dự án có tổng mức đầu tư 1.200 tỷ đồng. Nhà máy phát điện 45 "
                            "triệu kWh mỗi năm.",
                            "How much electricity will the plant generate each year?", "en")
    assert "amount" in cost and "amount" not in power


def test_a_documents_own_date_is_not_the_date_of_an_event() -> None:
    from rag.evidence import has_date

    text = "Huyện cần thực hiện các giải pháp trong Báo cáo số 415-BC/HU, ngày 12/02/2024."
    assert has_date(text, set())  # "when is the report dated?"
    assert not has_date(text, set(), documents=False)  # "when was the meeting held?"
    assert not has_date("as set out in Report No. 415-BC/HU dated February 12, 2024.", set(),
                        documents=False)
    assert has_date("Buổi làm việc diễn ra ngày 11/3/2024.", set(), documents=False)


def test_a_trend_in_a_lists_lead_in_does_not_make_its_items_plans() -> None:
    from rag.framing import states_done
    from rag.intent import read_intent

    intent = read_intent("How much FDI did Long Phu attract in 2023?", "en")
    item = "tổng vốn đầu tư trực tiếp nước ngoài (FDI) đạt 210 triệu USD"
    assert intent.done
    assert states_done(intent, item, "Thu hút đầu tư năm 2023 tiếp tục khởi sắc:")
    assert not states_done(intent, item, "Tỉnh yêu cầu các sở tiếp tục thu hút đầu tư:")


def test_shortcomings_to_be_remedied_are_stated_not_planned() -> None:
    """"những hạn chế cần khắc phục": "cần" is about the remedy; the items happened."""
    from rag.framing import states_done
    from rag.intent import read_intent

    intent = read_intent("How many forest fires did Dong Lac detect this year?", "en")
    item = "trong năm, huyện phát hiện 9 vụ cháy rừng, thiệt hại 12 ha"
    assert intent.done
    assert states_done(intent, item, "Đồng chí chỉ ra những hạn chế cần khắc phục.")
    assert not states_done(intent, item, "Đồng chí yêu cầu huyện cần tập trung các nhiệm vụ sau:")


@pytest.mark.parametrize(("question", "language", "text", "done"), [
    # the request verb stands far before the figure, and the ";" items share it
    ("Tỉnh đã đầu tư bao nhiêu tiền cho hồ chứa nước Ea Kmăng?", "vi",
     "Tại buổi làm việc, huyện kiến nghị tỉnh quan tâm bố trí vốn ngân sách để đầu tư hồ chứa "
     "nước Ea Kmăng với tổng kinh phí khoảng 120 tỷ đồng; hỗ trợ 15 tỷ đồng làm đường.", False),
    # a decision after the request says what was done
    ("Tỉnh đã hỗ trợ bao nhiêu tiền làm kè?", "vi",
     "Về kiến nghị hỗ trợ làm kè chống sạt lở bờ sông đoạn qua chợ của huyện, tỉnh đã bố trí "
     "18 tỷ đồng từ nguồn dự phòng.", True),
    ("Since when has the province had 80,000 ha of high-quality rice?", "en",
     "The department proposed that the province expand the high-quality rice area to "
     "80,000 ha by 2026.", False),
])
def test_a_sentence_that_asks_for_a_value_does_not_say_it_was_done(
        question: str, language: str, text: str, done: bool) -> None:
    from rag.framing import states_done
    from rag.intent import read_intent

    intent = read_intent(question, language)
    assert intent.done
    assert states_done(intent, text, None) is done


def test_what_is_left_to_do_is_not_what_was_done() -> None:
    from rag.framing import states_done
    from rag.intent import read_intent

    paved = read_intent("How many kilometres of roads has the commune paved so far?", "en")
    assert not states_done(paved, "Xã hiện còn khoảng 26 km đường liên thôn là đường đất.", None)
    assert states_done(paved, "Xã đã cứng hóa được 14 km đường liên thôn.", None)


def test_a_question_about_what_is_still_not_done_does_not_presuppose_it_was() -> None:
    from rag.intent import read_intent

    assert not read_intent("Đợt tiêm vừa rồi tiêm được cho bao nhiêu cháu?", "vi").done

    assert not read_intent("How many households still have not handed over land?", "en").done
    assert read_intent("When was Resettlement Area No. 2 completed?", "en").done
    assert read_intent("How many households still have not handed over land?", "en").counted == (
        "households",)


@pytest.mark.parametrize(("text", "name", "member"), [
    ("620 ha thiệt hại, tập trung ở các xã Long Phụng, Vĩnh Điền.", "long phung", True),
    ("620 ha thiệt hại, tập trung ở các xã Long Phụng, Vĩnh Điền.", "vinh dien", True),
    ("Ca bệnh tập trung ở huyện Kon Chư Lăng và huyện Sa Rang, phần lớn là trẻ em.", "sa rang", True),
    ("3 huyện dưới 95% là Kon Chư Lăng (91,2%), Sa Rang (92,6%) và Ia Bơm (93,8%).", "sa rang", False),
    ("Đoàn làm việc với huyện Hàm Tân, tỉnh Bình Thuận.", "ham tan", False),
    ("Đoàn làm việc với huyện Hàm Tân, tỉnh Bình Thuận.", "binh thuan", False),
    ("Ông Nguyễn Văn Tâm, Chủ tịch UBND huyện, cho biết.", "nguyen van tam", False),
    ("Huyện có 14 điểm sạt lở.", "long phung", None),
    ("Mưa làm ngập 96 hộ ở ba thôn Tân Lộc 1, Tân Lộc 2 và Gò Sỏi.", "go soi", True),
    ("Mưa làm ngập 96 hộ ở ba thôn Tân Lộc 1, Tân Lộc 2 và Gò Sỏi.", "tan loc 1", True),
])
def test_a_name_listed_with_others_shares_their_figure(text: str, name: str, member: bool | None) -> None:
    from rag.groups import named_as_member

    assert named_as_member(text, name) is member


def test_a_unit_of_the_article_that_names_the_asked_place_is_chosen() -> None:
    from rag.evidence import Selector
    from rag.intent import read_intent
    from rag.retrieve import Retrieval
    from rag.types import Chunk, Passage
    from rag.units import UnitIndex

    bodies = {"durian": "Đầu vụ, giá sầu riêng loại 1 tại vườn từ 95.000 đồng/kg.",
              "cashew": "Cây điều được mùa. Giá điều thô đầu vụ từ 28.000 đồng/kg."}
    titles = {"durian": "Sầu riêng Krông Pắc vào vụ", "cashew": "Kỳ họp HĐND tỉnh Bình Long"}
    units = UnitIndex.build(bodies.items())
    passages = [Passage(Chunk(f"{d}:0", d, body, 0, len(body), 0, "vi", titles[d]), 1.0)
                for d, body in bodies.items()]
    intent = read_intent("What was the price of raw cashew nuts in Binh Long at the start of "
                         "the season?", "en")
    chosen = Selector(units, lambda term: 1.0, None).select(intent, Retrieval(passages, "en"))
    assert chosen.units and {e.unit.doc_id for e in chosen.units} == {"cashew"}


def test_a_lead_in_that_repeats_what_the_question_lists_is_its_list() -> None:
    from rag.evidence import Evidence, Selector
    from rag.intent import read_intent
    from rag.types import Chunk, Passage
    from rag.units import UnitIndex

    body = ("Chiều 5/7, kỳ họp thứ 9 HĐND huyện Đông Lạc bế mạc sau hai ngày làm việc. "
            "Các nghị quyết quan trọng gồm: nghị quyết về giá nước sạch; nghị quyết về học phí; "
            "nghị quyết về chợ trung tâm.")
    units = UnitIndex.build([("d", body)])
    selector = Selector(units, lambda term: 1.0, None)
    passages = [Passage(Chunk("d:0", "d", body, 0, len(body), 0, "vi", "Tin"), 1.0)]
    intent = read_intent("Kỳ họp đã thông qua những nghị quyết quan trọng nào?", "vi")
    # the opening sentence scores far above the list, which no category word names
    scored = sorted((Evidence(e.unit, e.passage, None, "Tin", "vi", score=3.0 if
                              e.unit.text.startswith("Chiều") else 0.5)
                     for e in selector._candidates(passages)), key=lambda e: -e.score)
    chosen = selector._enumeration(intent, scored, passages)
    assert chosen is not None and [e.unit.text for e in chosen.units] == [
        "nghị quyết về giá nước sạch", "nghị quyết về học phí", "nghị quyết về chợ trung tâm"]


def test_the_population_of_a_place_is_answered_only_by_a_figure_of_its_population() -> None:
    from rag.intent import read_intent

    question = "What is the population of Dong Lac district?"
    assert read_intent(question, "en").wants == "number"
    communes, people = _problems("Huyện Đông Lạc có 14 xã và 2 thị trấn. Dân số toàn huyện "
                                 "khoảng 98.500 người.", question, "en")
    assert "amount" in communes and people == ""


def test_a_unit_is_embedded_once_across_questions() -> None:
    from rag.evidence import Selector
    from rag.units import UnitIndex

    calls: list[list[str]] = []

    def embed(texts: list[str]) -> list[list[float]]:
        calls.append(texts)
        return [[float(len(t)), 1.0] for t in texts]

    selector = Selector(UnitIndex.build([("d", "Câu một. Câu hai dài hơn.")]), lambda t: 1.0, embed)
    assert selector._vectors(["a", "bb"]) == [[1.0, 1.0], [2.0, 1.0]]
    assert selector._vectors(["bb", "ccc", "bb"]) == [[2.0, 1.0], [3.0, 1.0], [2.0, 1.0]]
    assert calls == [["a", "bb"], ["ccc"]]


def test_who_holds_a_role_is_found_outside_the_retrieved_passage() -> None:
    from rag.evidence import Selector
    from rag.intent import read_intent
    from rag.retrieve import Retrieval
    from rag.types import Chunk, Passage
    from rag.units import UnitIndex

    body = ("Sáng 3/9, huyện Đông Lạc tổng kết mùa mưa lũ năm 2025. Mưa lớn làm sạt lở 12 km "
            "đường giao thông.\n\nÔng Phạm Văn Tường, Chủ tịch UBND huyện Đông Lạc cho biết "
            "huyện đã di dời 46 hộ dân.")
    cut = body.index("Ông")
    passages = [Passage(Chunk("d:0", "d", body[:cut], 0, cut, 0, "vi", "Tin"), 1.0)]
    intent = read_intent("Who is the chairman of the Dong Lac district People's Committee?", "en")
    chosen = Selector(UnitIndex.build([("d", body)]), lambda term: 1.0, None).select(
        intent, Retrieval(passages, "en"))
    assert [e.unit.text for e in chosen.units][:1] == [body[cut:]]


def test_who_is_found_in_the_retrieved_passages_paragraph_at_no_cost() -> None:
    """A sentence that names someone is a candidate from the whole article for a "who"
    question: being in the retrieved passage's paragraph only makes it no worse."""
    from rag.evidence import Selector
    from rag.intent import read_intent
    from rag.retrieve import Retrieval
    from rag.types import Chunk, Passage
    from rag.units import UnitIndex

    first = "Tại buổi làm việc, huyện Đông Lạc kiến nghị hỗ trợ 40 tỷ đồng."
    second = "Trả lời kiến nghị, ông Phạm Văn Tường, Phó Chủ tịch UBND tỉnh cho biết sẽ xem xét."
    body = f"{first} {second}"
    passages = [Passage(Chunk("d:0", "d", first, 0, len(first), 0, "vi", "Tin"), 1.0)]
    intent = read_intent("Who answered the Dong Lac district's recommendations?", "en")
    selector = Selector(UnitIndex.build([("d", body)]), lambda term: 1.0, None)
    chosen = selector.select(intent, Retrieval(passages, "en"))
    assert not any(e.nearby for e in chosen.units)
    assert second in [e.unit.text for e in chosen.units]


def test_a_share_does_not_answer_how_many_across_languages() -> None:
    from rag.evidence import holds_wanted
    from rag.intent import read_intent

    intent = read_intent("How many delegates voted against the budget resolution?", "en")
    assert not holds_wanted(intent, "Các nghị quyết được thông qua với tỷ lệ tán thành 95,6%.")
    assert holds_wanted(intent, "Nghị quyết được 47 đại biểu tán thành, 3 đại biểu không tán thành.")


def test_a_name_the_article_gives_outside_the_passages_is_not_missing() -> None:
    from rag.gate import _retrieval_problem
    from rag.intent import read_intent
    from rag.types import Chunk, Passage

    selector, sentences = _selector("Tỉnh Yên Bái hỗ trợ huyện Mù Cang Chải.\n\nHuyện hỗ trợ "
                                    "mỗi hộ có nhà bị sập 40 triệu đồng.")
    unit = sentences[-1]
    passage = Passage(Chunk("doc:1", "doc", unit.text, unit.start, unit.end, 1, "vi", "Tin"), 1.0)
    intent = read_intent("How much did Yen Bai give each household whose house collapsed?", "en")
    chosen = selector._evidence(unit, passage.chunk, "Tin", "vi")
    assert "not in the passages" in _retrieval_problem(intent, [passage], 1.0, 0.0, 0.0, "")
    assert _retrieval_problem(intent, [passage], 1.0, 0.0, 0.0, _context_of([chosen])) == ""


def _context_of(evidence: list[Any]) -> str:
    from rag.evidence import Selection
    from rag.gate import _context

    return _context(Selection(evidence))


def test_a_count_of_something_else_does_not_answer_a_count_question() -> None:
    dengue, malaria = _problems("Từ đầu năm, tỉnh ghi nhận 2.846 ca mắc sốt xuất huyết. Tỉnh "
                                "có 12 ca mắc sốt rét.", "Năm nay tỉnh có bao nhiêu ca mắc sốt rét?",
                                "vi")
    assert "counts" in dengue and malaria == ""


def test_a_unit_and_its_translation_are_chosen_once() -> None:
    from dataclasses import replace

    from rag.evidence import Selector

    selector, sentences = _selector("Huyện cần tăng cường tuyên truyền. Xã có 12 hộ nghèo.")
    vi, other = (selector._evidence(u, None, "Tin", "vi") for u in sentences[:2])
    from rag.units import UnitIndex

    en = UnitIndex.build([("en", "The district must step up outreach.")]).for_doc("en")[-1]
    assert en.id != vi.unit.id
    chosen = Selector._best([replace(vi, counterpart=en, score=1.0),
                             replace(vi, unit=en, counterpart=vi.unit, score=0.95),
                             replace(other, score=0.9)], 3, 0.8)
    assert [e.score for e in chosen] == [1.0, 0.9]


def test_who_holds_a_title_of_the_asked_place_not_of_another() -> None:
    from rag.evidence import titled_for
    from rag.intent import read_intent

    intent = read_intent("Who is the chairman of Dong Lac district?", "en")
    assert titled_for(intent, "Đồng chí Lê Văn Hùng, Chủ tịch UBND huyện Đông Lạc cam kết ...")
    assert not titled_for(intent, "Đồng chí Trần Minh Khoa, Chủ tịch UBND tỉnh Hải Lâm làm "
                                  "việc với lãnh đạo huyện Đông Lạc.")


def test_an_english_question_must_share_something_with_a_vietnamese_only_article() -> None:
    from rag.gate import _retrieval_problem
    from rag.intent import read_intent
    from rag.types import Chunk, Passage

    text = "Huyện Đông Lạc có 4/6 xã đạt chuẩn nông thôn mới. Thu ngân sách đạt 96,5 tỷ đồng."
    passages = [Passage(Chunk("d:0", "d", text, 0, len(text), 0, "vi", "Tin"), 1.0)]

    def problem(question: str) -> str:
        return _retrieval_problem(read_intent(question, "en"), passages, 1.0, 0.0, 0.0, "")

    assert problem("How many communes meet the new rural standards?") == ""  # glossary
    assert problem("What is Dong Lac's budget revenue?") == ""  # a name, and a term
    assert problem("What is the weather in Paris tomorrow?") != ""
    assert problem("How many hospitals does the district have?") != ""  # "bệnh viện"?


def test_the_number_a_question_names_things_by_is_not_a_percentage() -> None:
    """"The 47 households" are not "47%"; "the 47% of the work" is."""
    from rag.gate import _unit_problem
    from rag.intent import read_intent

    selector, sentences = _selector("Dự án mới đạt 47% khối lượng, còn 72 hộ chưa bàn giao mặt bằng.")
    unit = selector._evidence(sentences[0], None, "Tin", "vi")
    households = read_intent("Vì sao 47 hộ dân chưa bàn giao mặt bằng?", "vi")
    assert "numbers" in _unit_problem(households, unit)
    share = read_intent("Vì sao dự án mới đạt 47% khối lượng?", "vi")
    assert "numbers" not in _unit_problem(share, unit)


def test_a_year_the_question_names_may_be_the_articles_own() -> None:
    """"Từ đầu năm 2024" is "từ đầu năm đến nay" in an article published in 2024."""
    from rag.gate import _evidence_text
    from rag.types import Chunk, Passage

    chunk = Chunk("d:1", "d", "Từ đầu năm đến nay có 64 lượt tàu cá mất kết nối.", 0, 50, 0, "vi",
                  "Tin", published="2024-11-08T15:40")
    assert "2024" in _evidence_text([Passage(chunk=chunk, score=1.0)])


def test_who_holds_a_title_needs_a_unit_that_names_that_title() -> None:
    body = ("Ban Thường vụ Huyện ủy Hàm Tân cần tăng cường lãnh đạo. Đồng chí Nguyễn Văn A, "
            "Bí thư Huyện ủy Hàm Tân, phát biểu tiếp thu.")
    question = "Who is the Secretary of the Ham Tan District Party Committee?"
    assert _problems(body, question, "en") == ["no unit names the title asked about", ""]
    # a title that names no office is answered by any
    assert _problems(body, "Which district leader spoke?", "en")[1] == ""


def test_a_question_taking_an_act_for_done_is_not_answered_by_a_request() -> None:
    body = ("Đề nghị tỉnh hỗ trợ 18,5 tỷ đồng đầu tư tuyến ống về xã Mỹ Lợi. Tỉnh đã bố trí "
            "18,5 tỷ đồng từ nguồn vốn ngân sách tỉnh cho tuyến ống về xã Mỹ Lợi.")
    question = "Tỉnh đã cấp 18,5 tỷ đồng làm tuyến ống về xã Mỹ Lợi từ nguồn vốn nào?"
    assert _problems(body, question, "vi") == ["no unit says it was done", ""]
    # what someone decided is answered by the directive itself
    directive = "Chủ tịch giao Sở Tài chính kiểm tra thực địa trong tháng 12. Huyện báo cáo."
    assert _problems(directive, "Chủ tịch đã quyết định gì về việc này?", "vi")[0] == ""


def test_a_rate_asked_for_needs_a_rate_not_another_figure() -> None:
    body = ("Cho phép chuyển 214 ha đất rừng sản xuất nghèo kiệt sang trồng cây ăn quả. "
            "Tỷ lệ hộ nghèo của huyện còn 4,2%.")
    assert _problems(body, "Tỷ lệ hộ nghèo của huyện là bao nhiêu?", "vi") == [
        "no unit gives a rate", ""]


def test_a_fact_is_not_taken_from_an_article_ranked_far_below_the_top() -> None:
    from types import SimpleNamespace

    from rag.evidence import _ranked_near_top
    from rag.types import Chunk, Passage

    def passage(doc: str, score: float) -> Passage:
        return Passage(chunk=Chunk(f"{doc}:1", doc, "x", 0, 1, 0, "vi", "Tin"), score=score)

    passages = [passage("a", 1.9), passage("a", 1.5), passage("b", 0.9), passage("c", 1.3)]
    near = [_ranked_near_top(SimpleNamespace(unit=SimpleNamespace(doc_id=d)), passages)
            for d in ("a", "b", "c", "elsewhere")]
    assert near == [True, False, True, True]


def test_a_decision_is_told_from_the_request_it_answers() -> None:
    from rag.evidence import states_decision

    assert states_decision("Riêng đề nghị lùi thời gian sáp nhập, Chủ tịch tỉnh không đồng ý.")
    assert not states_decision("Xã đề nghị tỉnh chấp thuận chủ trương đầu tư.")
    assert not states_decision("Trạm y tế chưa có bác sĩ.")
    # "cannot yet" answers a request as plainly as "does not agree"
    assert states_decision("Việc bổ sung biên chế chưa thể thực hiện trong điều kiện tinh giản.")
    assert states_decision("The province said the extra posts cannot be added this year.")


def test_did_they_agree_is_answered_with_the_reply_the_request_got() -> None:
    from rag.intent import read_intent

    body = ("Tại buổi làm việc, xã đề nghị tỉnh hỗ trợ 15 tỷ đồng để xây dựng trụ sở làm việc "
            "mới. Xã có 3 trụ sở cũ. Trả lời các kiến nghị, Bí thư Tỉnh ủy không đồng ý xây "
            "dựng trụ sở làm việc mới, yêu cầu cải tạo trụ sở cũ.")
    selector, sentences = _selector(body)
    request = selector._evidence(sentences[0], None, "Tin", "vi")
    question = read_intent("Xã xin 15 tỷ đồng xây dựng trụ sở làm việc, tỉnh có đồng ý không?", "vi")
    reply = selector._reply(question, request)
    assert reply is not None and reply.unit.text.startswith("Trả lời các kiến nghị")


def test_a_yes_no_question_on_a_decision_is_answered_by_a_no() -> None:
    body = ("Riêng đề nghị đầu tư kè suối Nậm Sập, đồng chí cho biết sẽ xem xét trong kế hoạch "
            "trung hạn 2026 - 2030. Xã đề nghị tỉnh đầu tư kè suối Nậm Sập.")
    question = "Did the province agree to build the embankment on the Nam Sap stream?"
    assert _problems(body, question, "en") == ["", "no unit says it was done"]


def test_has_it_been_finished_is_answered_by_work_under_way_but_when_is_not() -> None:
    body = ("Cầu Bến Mới dài 320 m đang được thi công, đến nay đã đổ bê tông 4 trong 6 nhịp. "
            "Xã đề nghị tỉnh sớm hoàn thành cầu Bến Mới.")
    assert _problems(body, "Cầu Bến Mới đã xây xong chưa?", "vi") == ["", "no unit says it was done"]
    # a question that takes the work for finished is not answered by work under way
    assert _problems(body, "Cầu Bến Mới hoàn thành năm nào?", "vi")[0] != ""


def test_why_a_stated_share_changed_is_not_answered_by_the_cause_of_another_fact() -> None:
    body = ("Các trạm y tế thiếu 40 loại thuốc, nguyên nhân chủ yếu là chậm tổ chức đấu thầu."
            "\n\nSố lượt chuyển tuyến tăng 12,5% do người bệnh nặng hơn.")
    question = "Why did referrals to the provincial hospital rise by 12.5%?"
    assert _problems(body, question, "en") == ["no unit explains the share the question names", ""]


def test_a_rate_asked_in_english_is_answered_by_a_percentage_not_a_count() -> None:
    body = "Bệnh viện tỉnh có 650 giường kế hoạch. Công suất sử dụng giường bệnh đạt 121,4%."
    problems = _problems(body, "What is the bed occupancy rate of the provincial hospital?", "en")
    assert problems[0] != "" and problems[1] == ""


def test_an_english_count_of_doctors_is_answered_by_a_vietnamese_count_of_bac_si() -> None:
    from rag.evidence import counts

    assert counts("Năm qua có 17 bác sĩ nghỉ việc.", ("doctors",), set())
    assert not counts("Năm qua có 17 điều dưỡng nghỉ việc.", ("doctors",), set())
    assert counts("Toàn huyện kết nạp 186 đảng viên mới.", ("members",), set())


def test_a_figure_of_a_body_the_question_names_is_taken_from_a_sentence_naming_it() -> None:
    from rag.gate import Verdict, answering
    from rag.evidence import Selection
    from rag.intent import read_intent

    body = ("Bệnh viện Phụ sản tỉnh tiếp nhận 9.615 lượt điều trị nội trú. Trong khi đó, công "
            "suất sử dụng giường bệnh của Trung tâm Y tế huyện Cồn Bầu chỉ đạt 61,2%.\n\n"
            "Bệnh viện Đa khoa tỉnh có công suất sử dụng giường bệnh đạt 138,6%.")
    asked = "What is the bed occupancy rate of the provincial Maternity Hospital?"
    # the paragraph names the maternity hospital; the sentence with the rate does not
    assert _problems(body, asked, "en")[1].startswith("the unit does not name")
    selector, sentences = _selector(body)
    intent = read_intent("What is the bed occupancy rate of the provincial General Hospital?", "en")
    units = [selector._evidence(u, None, "Tin", "vi") for u in (sentences[1], sentences[2])]
    kept = answering(intent, Selection(units), Verdict(True)).units
    assert [e.unit.text for e in kept] == [sentences[2].text]


def test_a_sum_asked_as_decided_is_not_answered_by_the_request_for_it() -> None:
    body = ("Huyện kiến nghị tỉnh hỗ trợ 45 tỷ đồng để xây 30 phòng học. Trả lời kiến nghị, "
            "Chủ tịch UBND tỉnh đồng ý hỗ trợ 20 tỷ đồng trong năm 2025.")
    assert _problems(body, "Tỉnh đã đồng ý hỗ trợ bao nhiêu tỷ đồng?", "vi") == [
        "no unit gives the decision asked about", ""]
    # what was asked for is answered by the request
    assert _problems(body, "Huyện kiến nghị tỉnh hỗ trợ bao nhiêu tỷ đồng?", "vi")[0] == ""


def test_do_before_an_agent_is_by_not_because() -> None:
    from rag.evidence import has_cause

    assert not has_cause("Đoàn giám sát do bà Đinh Thị Hạnh làm trưởng đoàn.")
    assert not has_cause("Dự án do Ban Quản lý dự án tỉnh làm chủ đầu tư.")
    assert has_cause("Dự án chậm do giá vật liệu tăng.")
    assert has_cause("Công trình chậm do đường sá khó khăn.")


def test_a_why_question_takes_the_articles_explanation_when_retrieval_missed_it() -> None:
    body = ("Đoàn giám sát do bà Hạnh làm trưởng đoàn đã giám sát dự án bệnh viện. Dự án có "
            "150 giường. Theo chủ đầu tư, nguyên nhân chính khiến dự án chậm là do giá vật "
            "liệu tăng. Huyện sẽ đối thoại với người dân.")
    _, sentences = _selector(body)
    assert _with_reason(body, "Why is the hospital project behind schedule?", "en") == [
        sentences[2].text]


def test_a_length_or_a_sum_of_money_does_not_count_what_an_english_question_counts() -> None:
    from rag.evidence import holds_wanted
    from rag.intent import read_intent

    intent = read_intent("How many wild elephants live in the nature reserve?", "en")
    assert not holds_wanted(intent, "Các chủ rừng làm mới 28 km đường băng cản lửa.")
    assert not holds_wanted(intent, "Dự án có tổng mức đầu tư 1.420 tỷ đồng.")
    assert holds_wanted(intent, "Khu bảo tồn hiện có 14 cá thể voi rừng.")  # no known name


def test_a_follow_up_is_not_answered_by_the_figure_just_given() -> None:
    from rag.evidence import Selection, _tells_new
    from rag.intent import read_intent, with_history
    from rag.retrieve import Retrieval
    from rag.types import Chunk, Passage

    body = ("Năm 2024, tỉnh mới giải ngân được 2.153,2 tỷ đồng vốn đầu tư công. "
            "Ba tháng cuối năm, tỉnh còn phải giải ngân 3.203,6 tỷ đồng.")
    selector, sentences = _selector(body)
    passages = [Passage(Chunk("doc:0", "doc", body, 0, len(body), 0, "vi", "Tin"), 1.0)]
    history = [("Tỉnh đã giải ngân được bao nhiêu?", "Tỉnh giải ngân được 2.153,2 tỷ đồng [1].")]
    question = "Còn phải giải ngân bao nhiêu nữa?"
    intent = with_history(read_intent(f"{history[0][0]} {question}", "vi", asked=question), history)
    assert intent.told == {"21532"}
    retrieval = Retrieval(passages=passages, kind="vi", top_dense=1.0)
    chosen: Selection = selector.select(intent, retrieval)
    assert chosen.units and "3.203,6" in chosen.units[0].unit.text
    # a unit that repeats the figure but adds one still answers ("22/26 chỉ tiêu")
    assert _tells_new(intent, "Có 22/2.153,2 chỉ tiêu đạt.") and not _tells_new(
        intent, "Tỉnh đã giải ngân 2.153,2 tỷ đồng trong năm 2024.")
    assert with_history(read_intent(question, "vi"), []).told == frozenset()


def test_who_chaired_takes_the_next_sentence_when_the_chosen_one_names_only_a_body() -> None:
    body = ("Sáng 19/8, UBND tỉnh Tân Giang tổ chức hội nghị tổng kết năm học 2024 - 2025. "
            "Đồng chí Trịnh Văn Hòa, Chủ tịch UBND tỉnh chủ trì hội nghị. Dự hội nghị có "
            "lãnh đạo các sở, ngành.")
    _, sentences = _selector(body)
    question = "Who chaired Tan Giang's school-year review conference?"
    chosen = _with_reason(body, question, "en", step="_with_person")
    assert chosen == [sentences[0].text, sentences[1].text]
    named = _with_reason(body, question, "en", step="_with_person", best=1)
    assert len(named) == 1  # a person is already named


def test_a_figure_in_the_asked_unit_and_a_date_before_a_comma() -> None:
    from rag.evidence import gives_measure, has_figure

    assert gives_measure("Huyện thu gom 12,5 tấn rác mỗi ngày.", "tan")
    assert gives_measure("The district collects 12.5 tonnes a day.", "tan")
    assert gives_measure("Xã có diện tích 96,4 km2.", "cay so vuong")
    assert not gives_measure("Tỷ lệ thu gom đạt 71,4%.", "tan")
    # "13/11, đồng chí": a date, not a share of "đồng"; "bão số 8" names the storm
    assert not has_figure("Ngày 13/11, đồng chí Minh kiểm tra hậu quả bão số 8.", set())
    assert has_figure("Huyện có 4/6 xã đạt chuẩn.", set())


def test_livestock_are_counted_under_their_vietnamese_names_only() -> None:
    from rag.evidence import holds_wanted
    from rag.intent import read_intent

    intent = read_intent("How many cattle were killed by the storm?", "en")
    assert holds_wanted(intent, "Bão làm chết 120 con gia súc.")
    assert not holds_wanted(intent, "Có 37 ngôi nhà bị sập, 186 lồng nuôi tôm bị vỡ.")


def test_which_company_is_answered_only_by_a_named_company() -> None:
    from rag.evidence import holds_wanted, names_company
    from rag.intent import read_intent

    assert names_company("Công ty cổ phần Đầu tư và Phát triển hạ tầng Minh Phát làm chủ đầu tư.")
    assert names_company("HTX Chè Khe Lim hoàn thiện hồ sơ.") and names_company("Tan Phu Group JSC")
    assert not names_company("Huyện tổ chức đối thoại giữa doanh nghiệp và người dân.")
    intent = read_intent("Which company operates the inspection yard at the border gate?", "en")
    assert not holds_wanted(intent, "Ông Đinh Văn Lâm, Đồn trưởng Đồn Biên phòng cho biết ...")


def test_the_unit_whose_figure_is_of_the_asked_kind_is_chosen_over_the_sentence_before() -> None:
    from rag.intent import read_intent
    from rag.retrieve import Retrieval
    from rag.types import Chunk, Passage

    body = ("Bí thư Huyện ủy Phú Sơn cho biết, 6 tháng đầu năm, tổng giá trị sản xuất của huyện "
            "ước đạt 3.420 tỷ đồng, tăng 8,6%. Thu ngân sách trên địa bàn đạt 96,5 tỷ đồng, "
            "bằng 58% dự toán.")
    selector, sentences = _selector(body)
    passages = [Passage(Chunk("doc:0", "doc", body, 0, len(body), 0, "vi", "Tin"), 1.0)]
    intent = read_intent("Thu ngân sách 6 tháng đầu năm của huyện Phú Sơn đạt bao nhiêu?", "vi")
    chosen = selector.select(intent, Retrieval(passages=passages, kind="vi", top_dense=1.0))
    assert sentences[1].text in [e.unit.text for e in chosen.units]


def _quoted(text: str) -> Any:
    from rag.evidence import Evidence, Selection
    from rag.units import UnitIndex

    units = UnitIndex.build([("d-vi", text)])
    return Selection([Evidence(units.for_doc("d-vi")[0], None, None, "Tin", "vi")])


def test_a_one_value_english_question_needs_that_value_in_the_vietnamese_unit() -> None:
    from rag.gate import _value_problem
    from rag.intent import read_intent

    vaccine = read_intent("On what date did the measles vaccination begin in Ta Sinh commune?", "en")
    undated = _quoted("Ba trạm Tà Sình, Nậm Khiêu chưa được ký hợp đồng khám, chữa bệnh BHYT.")
    dated = _quoted("Ngày 12/3/2025, xã Tà Sình bắt đầu tiêm vắc xin sởi cho 420 trẻ.")
    assert _value_problem(vaccine, undated)
    assert not _value_problem(vaccine, dated)
    # a Vietnamese question is quoted in its own words and checked by the shape tests
    assert not _value_problem(read_intent("Xã Tà Sình bắt đầu tiêm vắc xin sởi ngày nào?", "vi"),
                              undated)
    # a compound question: the other part's unit carries the answer
    assert not _value_problem(read_intent("When did it begin, and how many children were "
                                          "vaccinated?", "en"), undated)


def test_a_figure_of_other_years_does_not_answer_the_asked_year() -> None:
    from rag.gate import _of_other_years
    from rag.intent import read_intent

    unit = _quoted("Giá trị trên 1 ha năm 2023 đạt 112,6 triệu đồng, tăng so với năm 2021.").units[0]
    assert _of_other_years(read_intent("Năm 2022 giá trị trên 1 ha đạt bao nhiêu?"), unit)
    assert not _of_other_years(read_intent("Năm 2023 giá trị trên 1 ha đạt bao nhiêu?"), unit)


def test_a_request_does_not_reach_past_but_to_a_value() -> None:
    from rag.framing import states_done
    from rag.intent import read_intent

    intent = read_intent("Khu tái định cư đã xong bao nhiêu phần trăm hạ tầng rồi?")
    assert states_done(intent, "24 hộ đề nghị được bố trí tái định cư, nhưng khu tái định cư "
                               "mới hoàn thành khoảng 65% hạ tầng.", None)
    assert not states_done(intent, "Huyện đề nghị tỉnh hỗ trợ để hoàn thành 65% hạ tầng.", None)


def test_until_when_is_answered_by_a_date_given_as_an_end_not_by_the_visits_day() -> None:
    from rag.evidence import end_date
    from rag.intent import read_intent
    from rag.values import value_for

    assert end_date("Sở đề nghị lùi thời hạn hoàn thành đến ngày 30/9/2026.") == "30/9/2026"
    assert end_date("Nhà thầu phải bàn giao mặt bằng trước ngày 15/3.") == "15/3"
    assert end_date("Công trình dự kiến hoàn thành vào tháng 10/2026.") == "10/2026"
    assert end_date("The bridge must be finished by the end of 2026.") == "2026"
    assert end_date("Ngày 4/5, đoàn công tác của tỉnh kiểm tra tiến độ dự án.") is None
    body = ("Ngày 4/5, đoàn công tác của tỉnh kiểm tra tiến độ dự án hồ chứa nước Suối Mơ. "
            "Chủ tịch UBND tỉnh đồng ý gia hạn thời gian thi công đến ngày 30/9/2026.")
    assert _problems(body, "Dự án hồ Suối Mơ được gia hạn đến bao giờ?", "vi") == [
        "no unit gives a date as an end", ""]
    # "when did the delegation inspect" is not a deadline question: the visit's day answers
    assert _problems(body, "Đoàn công tác kiểm tra dự án hồ Suối Mơ khi nào?", "vi")[0] == ""
    intent = read_intent("Until when was the Suoi Mo reservoir project extended?", "en")
    assert intent.deadline and not read_intent("What will the district do by the deadline?",
                                               "en").deadline
    assert value_for(intent, "Thi công ngày 4/5/2026, gia hạn đến ngày 30/9/2026.") == "30/9/2026"


def test_which_body_is_answered_by_a_named_body_in_the_asked_projects_own_sentence() -> None:
    from rag.evidence import names_body

    assert names_body("Ban Quản lý dự án đầu tư xây dựng huyện làm chủ đầu tư.")
    assert names_body("Trung tâm Y tế huyện đã tiếp nhận") and names_body("UBND xã thực hiện")
    assert not names_body("Trường hợp này được xem xét; Phòng chống thiên tai là ưu tiên.")
    assert not names_body("Ban đầu, khu tái định cư thôn Nà Lừa có quy mô 40 hộ.")
    body = ("Khu tái định cư thôn Nà Lừa có quy mô 40 hộ, khởi công tháng 4/2025. Trường mầm non "
            "xã Tả Ngảo do Ban Quản lý dự án huyện làm chủ đầu tư đã hoàn thành.")
    # the investor named is the school's, in a sentence naming its own commune
    assert _problems(body, "Đơn vị nào làm chủ đầu tư khu tái định cư thôn Nà Lừa?", "vi")[1] \
        .startswith("the unit does not name")


def test_a_figure_with_a_classifier_alone_counts_the_subject_before_it() -> None:
    from rag.evidence import counts
    from rag.intent import read_intent
    from rag.values import value_for

    text = "Khách nội địa đạt 1,2 triệu lượt; khách quốc tế đạt 42.300 lượt, vượt kế hoạch."
    assert counts(text, ("visitors",), set())
    assert not counts("Trong năm có 120 lượt xe qua cầu.", ("visitors",), set())
    intent = read_intent("How many international visitors came to the town in 2025?", "en")
    assert value_for(intent, "Khách quốc tế đạt 42.300 lượt, vượt kế hoạch.") == "42,300"


def test_a_figure_asked_per_something_is_not_answered_by_the_plain_figures_beside_it() -> None:
    from rag.evidence import gives_per
    from rag.intent import read_intent

    assert read_intent("Nước sạch được bán với giá bao nhiêu đồng một mét khối?", "vi").per == "khoi"
    assert read_intent("Xã có bao nhiêu y tá trên 1.000 dân?", "vi").per == "dan"
    assert read_intent("Có bao nhiêu hộ dân trên địa bàn xã?", "vi").per is None
    assert read_intent("Năm nay bao nhiêu USD đã được giải ngân?", "vi").money
    assert gives_per("giá nước sinh hoạt 9.600 đồng/mét khối", "khoi")
    assert not gives_per("nhà máy công suất 12.000 mét khối/ngày, vốn 240 tỷ đồng", "khoi")
    body = ("Nhà máy nước Thạch Lâm có công suất 12.000 mét khối/ngày, tổng vốn 240 tỷ đồng. "
            "Giá nước sinh hoạt được áp dụng là 9.600 đồng mỗi mét khối.")
    assert _problems(body, "Nước của nhà máy Thạch Lâm bán giá bao nhiêu đồng một mét khối?",
                     "vi") == ["no figure per khoi", ""]


def test_a_deadline_answer_keeps_only_the_units_that_give_an_end() -> None:
    from rag.evidence import Selection
    from rag.gate import Verdict, answering
    from rag.intent import read_intent

    body = ("Từ tháng 3/2025, mỏ đá Khe Dầu ngừng cung cấp vật liệu. Tỉnh yêu cầu nhà thầu "
            "hoàn thành mặt đường trước ngày 30/11/2025.")
    selector, sentences = _selector(body)
    units = [selector._evidence(u, None, "Tin", "vi") for u in sentences[:2]]
    intent = read_intent("By when must the contractor finish the road surface?", "en")
    kept = answering(intent, Selection(units), Verdict(True)).units
    assert [e.unit.text for e in kept] == [sentences[1].text]


def test_a_count_retrieval_missed_is_taken_from_the_articles_sentence_that_gives_it() -> None:
    from rag.intent import read_intent
    from rag.retrieve import Retrieval
    from rag.types import Chunk, Passage

    body = ("Người dân thôn Bến Lội nhiều lần phản ánh xe tải chở đá làm hỏng đường. "
            "Đến nay đã có 41 ngôi nhà bị nứt tường do rung chấn.")
    selector, sentences = _selector(body)
    first = sentences[0]
    # retrieval gave only the first sentence's passage
    passages = [Passage(Chunk("doc:0", "doc", first.text, 0, first.end, 0, "vi", "Tin"), 1.0)]
    intent = read_intent("Có bao nhiêu ngôi nhà ở thôn Bến Lội bị nứt tường?", "vi")
    chosen = selector.select(intent, Retrieval(passages, 0.9, None)).units
    assert chosen[0].unit.text == sentences[1].text


def test_a_chunk_cut_out_of_a_long_paragraph_brings_the_rest_of_it_scored_lower() -> None:
    """A long paragraph is split into chunks; the sentence that answers may be in the
    part retrieval did not rank, so the paragraph's other units are candidates too."""
    from rag.evidence import Selector
    from rag.types import Chunk, Passage
    from rag.units import UnitIndex

    first = "Sáu tháng đầu năm, tổng sản phẩm trên địa bàn của tỉnh Hòa Phong tăng 6,1%."
    second = "Tổng thu ngân sách nhà nước ước đạt 4.120 tỷ đồng, bằng 52% dự toán."
    body = f"{first} {second}\n\nHuyện khác đạt kết quả tốt."
    units = UnitIndex.build([("doc", body)])
    selector = Selector(units, lambda term: 1.0, None)
    passage = Passage(Chunk("doc:0", "doc", first, 0, len(first), 0, "vi", "Tin"), 1.0)
    found = selector._candidates([passage])
    assert [e.unit.text for e in found] == [first, second]
    assert [e.nearby for e in found] == [False, True]  # the next paragraph is not taken
    from rag.intent import read_intent
    scored = selector._score(read_intent("Tổng thu ngân sách đạt bao nhiêu?", "vi"), found, None)
    assert scored[0].unit.text == second  # its words still win it the first place


def test_a_unit_one_passage_neighbours_is_the_own_unit_of_the_passage_holding_it() -> None:
    """Passages come best first; a unit that only neighbours the first passage but lies
    inside a later one is that passage's own, not a neighbour scored lower."""
    from rag.evidence import Selector
    from rag.types import Chunk, Passage
    from rag.units import UnitIndex

    first = "Sáu tháng đầu năm, tổng sản phẩm trên địa bàn của tỉnh Hòa Phong tăng 6,1%."
    second = "Tổng thu ngân sách nhà nước ước đạt 4.120 tỷ đồng, bằng 52% dự toán."
    body = f"{first} {second}"
    units = UnitIndex.build([("doc", body)])
    selector = Selector(units, lambda term: 1.0, None)
    at = body.index(second)
    passages = [Passage(Chunk("doc:0", "doc", first, 0, len(first), 0, "vi", "Tin"), 1.0),
                Passage(Chunk("doc:1", "doc", second, at, len(body), 1, "vi", "Tin"), 0.5)]
    found = selector._candidates(passages)
    assert [(e.unit.text, e.nearby) for e in found] == [(first, False), (second, False)]


def test_points_stated_one_at_a_time_are_gathered_from_the_retrieved_passages_only() -> None:
    """A list gathered sentence by sentence takes what retrieval ranked: the rest of a
    long paragraph, which retrieval did not rank, is a candidate for a fact only."""
    from rag.evidence import Selector
    from rag.intent import read_intent
    from rag.types import Chunk, Passage
    from rag.units import UnitIndex

    retrieved = ("Sản xuất nông nghiệp chậm đổi mới, còn nhỏ lẻ. "
                 "Liên kết sản xuất nông nghiệp chưa bền vững.")
    rest = "Hạ tầng sản xuất nông nghiệp của huyện còn thiếu, chưa đáp ứng yêu cầu."
    body = f"{retrieved} {rest}"
    selector = Selector(UnitIndex.build([("d", body)]), lambda term: 1.0, None)
    passages = [Passage(Chunk("d:0", "d", retrieved, 0, len(retrieved), 0, "vi", "Tin"), 1.0)]
    intent = read_intent("Nông nghiệp của huyện còn những hạn chế nào?", "vi")
    scored = selector._score(intent, selector._candidates(passages), None)
    assert rest in [e.unit.text for e in scored]  # a candidate for a fact, not for this list
    gathered = selector._gathered(intent, scored, passages)
    assert gathered is not None
    assert [e.unit.text for e in gathered.units] == [
        "Sản xuất nông nghiệp chậm đổi mới, còn nhỏ lẻ.", "Liên kết sản xuất nông nghiệp chưa bền vững."]


def test_when_one_should_act_is_answered_by_a_condition_as_well_as_a_date() -> None:
    body = ("Bác sĩ khuyến cáo, khi trẻ sốt cao liên tục 2 - 3 ngày cần đưa đến cơ sở y tế. "
            "Khí thải của lò đốt rác vượt quy chuẩn cho phép.")
    problems = _problems(body, "When should parents take a feverish child to a doctor?", "en")
    assert problems == ["", "no unit gives a date"]  # "khí" is no "khi"
    # "when did ..." asks a date: a condition is no answer to it
    assert _problems(body, "When did the doctor give this advice?", "en")[0] == "no unit gives a date"


def test_a_qualified_count_said_only_vaguely_is_a_near_miss() -> None:
    """"bao nhiêu sản phẩm OCOP đạt 4 sao" over "24 sản phẩm OCOP, trong đó một số sản
    phẩm đạt 4 sao": 24 counts them all; how many have 4 stars is not said."""
    from rag.evidence import counts_only_vaguely
    from rag.intent import read_intent

    intent = read_intent("Xã Tân Lộc có bao nhiêu sản phẩm OCOP đạt 4 sao?", "vi")
    assert intent.counted == ("san", "pham") and intent.qualifier == ("dat", "4")
    vague = "Xã có 12 sản phẩm OCOP, trong đó một số sản phẩm đạt 4 sao như mật ong rừng."
    assert counts_only_vaguely(vague, intent.counted, intent.qualifier)
    assert not counts_only_vaguely("Xã có 12 sản phẩm OCOP, trong đó 3 sản phẩm đạt 4 sao.",
                                   intent.counted, intent.qualifier)
    assert read_intent("Xã có bao nhiêu hộ ở thôn Gò Sỏi bị ngập?", "vi").qualifier == ()
    body = f"{vague} Xã Tân Lộc có 3 sản phẩm OCOP đạt 4 sao."
    assert _problems(body, "Xã Tân Lộc có bao nhiêu sản phẩm OCOP đạt 4 sao?", "vi") == [
        "the unit says only vaguely how many are so", ""]


def test_a_figure_asked_as_an_addition_needs_a_unit_that_says_it_was_added() -> None:
    from rag.intent import read_intent

    assert not read_intent("How many more tourists came than last year?", "en").additional
    body = ("Kế hoạch vốn năm 2025 của dự án đường Tân Lộc là 120 tỷ đồng. "
            "Tỉnh đã bổ sung 35 tỷ đồng vốn năm 2025 cho dự án đường Tân Lộc.")
    assert _problems(body, "How much additional capital did the Tan Loc road get for 2025?",
                     "en") == ["no unit says its figure was added", ""]
