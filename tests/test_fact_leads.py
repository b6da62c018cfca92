"""The short lead in the reader's language before a unit quoted in the other one."""

from __future__ import annotations

from rag.values import _names, value_for
from rag.intent import read_intent


def test_names_are_whole_capitalised_runs() -> None:
    assert _names("Hồ chứa nước Kỳ Châu chạy đua với mùa mưa") == ["Kỳ Châu"]  # not "ước Kỳ Châu"
    assert _names("do Công ty TNHH Xây dựng Minh Khang thi công.") == ["Công ty TNHH Xây dựng Minh Khang"]
    assert _names("các nhà thầu đang tăng ca") == []


def test_a_money_question_is_led_by_the_figure_in_a_currency_written_the_readers_way() -> None:
    intent = read_intent("How much compensation was the company asked to pay?", "en")
    unit = "bồi thường, hỗ trợ sửa chữa 62 ngôi nhà với tổng số tiền 2,35 tỷ đồng"
    assert value_for(intent, unit) == "2.35 billion VND"


def test_a_count_is_led_by_the_figure_of_what_it_counts() -> None:
    intent = read_intent("How many communes have met the new rural standards?", "en")
    unit = "Toàn huyện có 7/12 xã đạt chuẩn nông thôn mới; diện tích cà phê đạt 4.300 ha."
    assert value_for(intent, unit) == "7/12 communes"  # not "4,300 ha", and 7/12 is no date


def test_a_bare_figure_keeps_its_magnitude_in_the_readers_language() -> None:
    intent = read_intent("How many visitors did the town welcome this year?", "en")
    unit = "Thị xã ước đón 3,4 triệu lượt khách, tăng 8% so với cùng kỳ."
    assert value_for(intent, unit) == "3.4 million"


def test_a_who_question_is_led_by_the_person_an_honorific_names_not_any_capitalised_words() -> None:
    who = read_intent("Who chaired the seminar on the new school year?", "en")
    assert value_for(who, "Bà Lò Thị Mai, Phó Giám đốc Sở chủ trì hội thảo.") == "Lò Thị Mai"
    assert value_for(who, "Hội thảo do đồng chí Vi Văn Tám, Bí thư Huyện ủy chủ trì.") == "Vi Văn Tám"
    assert value_for(who, "Học sinh thi 3 môn Toán, Ngữ văn và Tiếng Anh.") is None


def test_the_sentence_that_names_someone_answers_who_over_one_with_more_shared_words() -> None:
    from rag.evidence import Selector
    from rag.retrieve import Retrieval
    from rag.types import Chunk, Passage
    from rag.units import UnitIndex

    body = ("Sáng 5/9, Sở Giáo dục tổ chức hội thảo năm học mới 2024 - 2025. Bà Lò Thị Mai, "
            "Phó Giám đốc Sở chủ trì hội thảo. Năm học mới 2024 - 2025 có 3 môn thi Toán, "
            "Ngữ văn và Tiếng Anh.")
    units = UnitIndex.build([("d", body)])
    passage = Passage(Chunk("d:0", "d", body, 0, len(body), 0, "vi", "Tin"), 1.0)
    who = read_intent("Who chaired the seminar on the 2024-2025 school year?", "en")
    chosen = Selector(units, lambda term: 1.0, None).select(who, Retrieval([passage], "en"))
    assert max(chosen.units, key=lambda e: e.score).unit.text.startswith("Bà Lò Thị Mai")


def test_a_code_that_holds_a_number_is_not_the_figure_asked_for() -> None:
    days = read_intent("How many days was the Binh Dinh fishing vessel offline?", "en")
    assert value_for(days, "Chủ tàu cá BĐ 90217 TS bị phạt vì mất kết nối 9 ngày.") == "9"
    count = read_intent("How many Binh Dinh fishing vessels still have no tracking device?", "en")
    assert value_for(count, "Đội tàu số 15 có 4 tàu mất kết nối.") == "4"


def test_a_figure_leads_only_with_its_own_noun_and_a_share_with_a_percentage() -> None:
    cases = read_intent("How many suspected measles cases has the province recorded?", "en")
    text = "Từ đầu năm đến ngày 15/5, toàn tỉnh ghi nhận 1.187 trường hợp nghi sởi."
    assert value_for(cases, text) == "1,187"  # not the date the cases are counted to
    share = read_intent("What share of the rice area was high-quality rice?", "en")
    assert share.percent
    assert value_for(share, "Toàn tỉnh gieo sạ 284.600 ha, lúa chất lượng cao chiếm 81,5%.") == "81.5%"


def test_a_figure_stated_as_fact_leads_before_a_target() -> None:
    coded = read_intent("How many hectares of durian have a growing-area code?", "en")
    text = "Huyện phấn đấu năm 2026 có thêm 1.000 ha được cấp mã số, hiện đã có 1.460 ha."
    assert value_for(coded, text) == "1,460 ha"
    planned = read_intent("How many more hectares does the district plan to code by 2026?", "en")
    assert value_for(planned, text) == "1,000 ha"


def test_a_negated_count_question_is_led_by_the_figure_said_with_the_negation() -> None:
    from rag.intent import read_intent
    from rag.values import value_for

    text = "Dự án ảnh hưởng đến 95 hộ dân; 80 hộ đã nhận tiền bồi thường, còn 15 hộ chưa bàn giao."
    asked = read_intent("How many households have not handed over their land yet?", "en")
    assert value_for(asked, text) == "15 households"
    assert value_for(read_intent("How many households are affected?", "en"), text) == "95 households"
