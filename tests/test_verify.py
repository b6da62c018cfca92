"""The faithfulness check: one unit must state a sentence - numbers, names, polarity and
relations included. Sentences and units are written here about invented places."""

from __future__ import annotations

import pytest

from rag.gate import states_membership
from rag.verify import check, negated, statement_supported

ROAD = "Quốc lộ 28 nối huyện Krông Nô với tỉnh Đắk Nông và các tỉnh Tây Nguyên."
ROAD_EN = ("National Highway 28 runs from Krong No District through Gia Nghia City "
           "connecting with Dak Nong Province.")
MEMBER = "Huyện Krông Nô, tỉnh Đắk Nông có 12 xã và 1 thị trấn."
REVENUE = "Thu ngân sách năm 2025 vượt dự toán được giao."
BRIDGE = "Cầu Sêrêpốk dài 1.250 m, rộng 12 m, tổng vốn đầu tư 640 tỷ đồng."


@pytest.mark.parametrize("sentence", [
    "Huyện Krông Nô thuộc tỉnh Đắk Nông [1].",
    "Krong No district is in Dak Nong province [1].",
    "Krong No District is located in Dak Nong Province.",
])
def test_membership_is_not_stated_by_a_road_connecting_two_places(sentence: str) -> None:
    assert not check(sentence, ROAD, ROAD_EN).ok


def test_membership_stated_by_an_administrative_apposition_is_supported() -> None:
    assert check("Huyện Krông Nô thuộc tỉnh Đắk Nông.", MEMBER).ok
    assert check("Krong No district is in Dak Nong province.", MEMBER).ok


@pytest.mark.parametrize("sentence, unit", [
    ("Thu ngân sách năm 2025 không vượt dự toán.", REVENUE),
    ("Budget revenue in 2025 did not exceed the estimate [1].", REVENUE),
    ("Thu ngân sách năm 2025 vượt dự toán.", "Thu ngân sách năm 2025 chưa đạt dự toán được giao."),
    ("Revenue in 2025 exceeded the estimate.", "Thu ngân sách năm 2025 chưa đạt dự toán được giao."),
])
def test_polarity_must_agree(sentence: str, unit: str) -> None:
    assert not check(sentence, unit).ok


def test_a_faithful_sentence_in_the_units_language_is_supported() -> None:
    assert check("Thu ngân sách năm 2025 vượt dự toán được giao [2].", REVENUE).ok


def test_a_number_the_unit_does_not_give_is_unsupported() -> None:
    assert not check("Tổng vốn đầu tư cầu Sêrêpốk là 650 tỷ đồng.", BRIDGE).ok


def test_across_languages_a_sentence_is_anchored_by_numbers_and_names() -> None:
    assert check("The Sêrêpốk bridge is 1,250 m long and cost 640 billion VND [1].", BRIDGE).ok
    assert not check("The bridge is 1,300 m long.", BRIDGE).ok
    assert not check("The economy grew slowly.", "Kinh tế huyện tăng trưởng còn chậm.").ok


def test_a_cause_the_unit_does_not_state_is_unsupported() -> None:
    unit = "Dự án chậm tiến độ; nhà thầu thiếu vốn đối ứng."
    assert not check("Dự án chậm tiến độ do nhà thầu thiếu vốn.", unit).ok
    assert check("Dự án chậm tiến độ do nhà thầu thiếu vốn.",
                 "Dự án chậm tiến độ do nhà thầu thiếu vốn đối ứng.").ok


def test_the_translation_of_the_unit_can_support_the_sentence() -> None:
    en = "Budget revenue in 2025 exceeded the assigned estimate."
    assert statement_supported("Budget revenue in 2025 exceeded the estimate.", [REVENUE, en])
    assert not statement_supported("Budget revenue in 2025 exceeded the estimate.", [])


@pytest.mark.parametrize("text, expected", [
    ("Tỷ lệ hộ nghèo chưa đạt kế hoạch.", True),
    ("The plan was not met.", True),
    ("Revenue didn't reach the target.", True),
    ("Không ngừng nâng cao chất lượng cán bộ.", False),
    ("Không chỉ nông nghiệp mà cả du lịch đều tăng.", False),
    ("Sân bay có đường hàng không quốc tế.", False),
    ("Doanh thu tăng 12%.", False),
])
def test_negation_cues(text: str, expected: bool) -> None:
    assert negated(text) is expected


@pytest.mark.parametrize("text, subject, expected", [
    (MEMBER, "krong no", True),
    ("Krông Nô là huyện thuộc tỉnh Đắk Nông.", "krong no", True),
    ("Krong No, a district of Dak Nong province, has 12 communes.", "krong no", True),
    (ROAD, "krong no", False),
    (ROAD_EN, "krong no", False),
    ("Huyện Krông Nô và tỉnh Lâm Đồng ký kết hợp tác.", "krong no", False),
])
def test_states_membership(text: str, subject: str, expected: bool) -> None:
    assert states_membership(text, subject) is expected


PROJECT = "Dự án đường nối xã Ea Kly với xã Krông Búk dài 8 km, tổng vốn 42 tỷ đồng."


@pytest.mark.parametrize("sentence", [
    "Huyện đề nghị làm dự án đường nối xã Ea Kly với xã Krông Búk.",
    "The district proposed the road linking Ea Kly commune with Krong Buk commune.",
    "Tỉnh ủy đánh giá dự án đường nối xã Ea Kly với xã Krông Búk dài 8 km.",
    "Đồng chí Bí thư chủ trì dự án đường nối xã Ea Kly với xã Krông Búk.",
    "Tổng vốn 42 tỷ đồng, tăng so với năm trước.",
])
def test_a_speech_act_or_comparison_the_unit_does_not_state_is_unsupported(sentence: str) -> None:
    """A unit that only names a project says nobody proposed, judged or chaired it, and
    gives no base a figure is compared with."""
    assert not statement_supported(sentence, [PROJECT])


def test_a_speech_act_the_unit_states_is_supported() -> None:
    unit = "Huyện kiến nghị tỉnh đầu tư dự án đường nối xã Ea Kly với xã Krông Búk."
    assert statement_supported("Huyện đề nghị tỉnh đầu tư dự án đường nối xã Ea Kly với xã Krông Búk.", [unit])
    assert statement_supported("The district proposed that the province fund the Ea Kly - Krong Buk road.", [unit])


@pytest.mark.parametrize("sentence, unit", [
    ("Công ty đã trả 3,5 tỷ đồng cho các hộ dân.",
     "Sở Tài nguyên yêu cầu công ty trả cho các hộ dân 3,5 tỷ đồng."),
    ("The bridge was completed in May 2026.",
     "Theo hợp đồng, cầu phải hoàn thành vào tháng 5/2026."),
])
def test_a_demand_or_plan_stated_as_done_is_unsupported(sentence: str, unit: str) -> None:
    assert not statement_supported(sentence, [unit])


def test_a_modal_far_from_the_figure_does_not_make_it_a_plan() -> None:
    unit = ("Huyện cần tăng cường lãnh đạo, phát huy tiềm năng, lợi thế, thực hiện các nhiệm vụ "
            "đã đề ra trong Nghị quyết số 12-NQ/HU được ban hành ngày 04/03/2025.")
    assert statement_supported("Nghị quyết số 12-NQ/HU được ban hành ngày 04/03/2025.", [unit])
    assert statement_supported("Resolution No. 12-NQ/HU was issued on 04/03/2025.", [unit])


def test_numbers_keep_their_measures() -> None:
    assert not statement_supported("Dự án dài 42 km, tổng vốn 8 tỷ đồng.", [PROJECT])
    assert statement_supported("Dự án dài 8 km, tổng vốn 42 tỷ đồng.", [PROJECT])


def test_a_sentence_that_loops_is_unsupported_unless_the_unit_repeats_itself() -> None:
    unit = "Một người ở xã Ea Kly tử vong do sốt xuất huyết."
    loop = ("The person died of dengue, which was caused by a severe case of dengue, which was "
            "caused by a severe case of dengue, which was caused by a severe case of dengue.")
    assert not statement_supported(loop, [unit])
    listing = "Huyện có 9 xã đạt chuẩn nông thôn mới, 3 xã đạt chuẩn nông thôn mới nâng cao và 1 xã đạt chuẩn nông thôn mới kiểu mẫu."
    assert statement_supported(listing, [listing])


def test_letters_glued_to_digits_are_a_code_not_a_name() -> None:
    from rag.verify import name_groups

    groups = name_groups("Dự án Đường tỉnh 936D qua huyện Long Phú, nối với QL1A.")
    assert ["d"] not in groups and ["ql"] not in groups
    assert ["long", "phu"] in groups


def test_a_sentences_first_word_left_alone_by_trimming_is_not_a_name() -> None:
    from rag.verify import name_groups

    assert name_groups("Vậy Tỉnh ủy muốn thu hút nhà đầu tư nào?") == []
    assert name_groups("Hàm Yên có bao nhiêu xã?") == [["ham", "yen"]]


def test_an_english_word_the_glossary_translates_is_not_a_vietnamese_name_run_together() -> None:
    from rag.verify import name_run

    assert name_run("hanoi", same_language=False) == ["ha", "noi"]
    assert name_run("trade", same_language=False) == []  # not "tra de"
    assert name_run("secretary", same_language=False) == []


def test_an_unaccented_name_word_among_accented_words_is_no_function_word() -> None:
    from rag.verify import name_groups

    assert name_groups("Ai làm chủ đầu tư khu tái định cư bản Co Muông?") == [["co", "muong"]]
    # a sentence's first word is capitalised by grammar: "Theo" stays a function word
    assert name_groups("Theo Giám đốc Sở, vì sao tăng?") == [["giam"]]


def test_a_name_whose_syllables_fold_to_question_words_is_a_name_inside_a_sentence() -> None:
    """"Bãi Sậy" folds to "bai say", both question words ("bài", "say"); only a
    sentence's opening word is read as one."""
    from rag.verify import name_groups

    assert name_groups("How many households in Bai Say hamlet were flooded?") == [["bai", "say"]]
    assert name_groups("Xã Sao Vàng có bao nhiêu hộ?") == [["sao", "vang"]]
    assert name_groups("Did the Krong No District approve it?") == [["krong", "no"]]
