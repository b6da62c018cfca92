"""How a question is read: what a count question counts."""

from __future__ import annotations

import pytest

from rag.intent import read_intent


@pytest.mark.parametrize("question, counted", [
    ("Nhà máy xử lý nước thải có công suất bao nhiêu?", ()),  # "máy" is a machine, not "mấy"
    ("dap chinh da dap den cao trinh bao nhieu roi", ()),  # "rồi" ends the sentence
    ("Huyện có mấy xã đạt chuẩn?", ("xa", "dat")),
    ("Tỉnh có bao nhiêu thí sinh dự thi?", ("thi", "sinh")),  # "thí" is not the particle "thì"
    ("Bao nhiêu hộ thì được hỗ trợ?", ("ho",)),  # the particle "thì" ends the noun phrase
    ("Nâng quy mô từ bao nhiêu căn lên bao nhiêu căn?", ("can",)),  # "lên" starts the second
    ("How many delegates voted against the budget?", ("delegates",)),  # ends at a past verb
])
def test_the_counted_noun_follows_a_real_how_many(question: str, counted: tuple[str, ...]) -> None:
    assert read_intent(question).counted == counted


def test_a_question_may_ask_for_two_header_fields() -> None:
    intent = read_intent("Bài báo về kỳ họp do ai viết và đăng ngày nào?")
    assert intent.shape == "metadata" and intent.meta_field == "published"
    assert intent.meta_also == ("author",)
    assert read_intent("When was the article published?").meta_also == ()
    assert read_intent("Bài viết do ai thực hiện và đăng ngày nào?").meta_also == ("author",)
    assert read_intent("Who wrote the report on the fair, and when was it published?",
                       "en").meta_also == ("author",)
    assert read_intent("Tin về hội chợ do ai viết và đăng ngày nào?", "vi").meta_also == ("author",)
    assert read_intent("What did the reporter see at the fair?", "en").shape != "metadata"


def test_a_why_question_about_a_rate_asks_for_a_cause() -> None:
    assert read_intent("Vì sao tỷ lệ hộ nghèo của huyện tăng?", "vi").wants == "reason"
    assert read_intent("Tỷ lệ hộ nghèo tăng bao nhiêu và vì sao?", "vi").wants == "number"


@pytest.mark.parametrize("question, wants", [
    ("When was the bridge opened?", "date"),
    ("Who chaired it, and when was it held?", "date"),
    ("By when must the road be reopened?", "date"),
    ("What tasks did the director set when concluding the conference?", "any"),  # a conjunction
])
def test_english_when_asks_a_date_only_as_a_question_word(question: str, wants: str) -> None:
    assert read_intent(question, "en").wants == wants


def test_an_english_word_is_not_read_as_vietnamese_syllables_run_together() -> None:
    from rag.verify import name_in

    # "Training" of "Department of Education and Training" cannot be looked for in Vietnamese
    assert name_in("training", ["so", "giao", "duc"], same_language=False)
    assert not name_in("hanoi", ["da", "nang"], same_language=False)  # "Hanoi" is "Ha Noi"


@pytest.mark.parametrize("question, rate_of", [
    ("Tỷ lệ hộ nghèo của huyện năm 2024 là bao nhiêu?", ("ho ngheo",)),
    ("ty le giai ngan von dat bao nhieu", ("giai ngan",)),
    ("Tỷ lệ bao nhiêu?", ()),
])
def test_a_rate_question_says_what_it_is_a_rate_of(question: str, rate_of: tuple[str, ...]) -> None:
    assert read_intent(question, "vi").rate_of == rate_of


def test_support_and_fees_are_amounts_of_money_of_their_own_kind() -> None:
    support = read_intent("How much support did each household receive?", "en")
    fee = read_intent("How much is the tuition fee?", "en")
    assert support.money and fee.money and support.money_kind != fee.money_kind


def test_english_amounts_and_rates_name_their_noun_in_vietnamese_through_the_glossary() -> None:
    electricity = read_intent("How much electricity will the plant generate?", "en")
    assert electricity.measured == ("dien",)
    assert read_intent("What was the province's unemployment rate?", "en").rate_of == ("that nghiep",)
    assert read_intent("How much money was spent?", "en").measured == ()  # money has kinds
    assert read_intent("How much did the zorbing cost?", "en").measured == ()  # no entry: no check


def test_a_question_may_ask_for_an_extreme() -> None:
    from rag.evidence import names_extreme, other_extreme

    lowest = read_intent("Chủ đầu tư nào có tỷ lệ giải ngân thấp nhất?", "vi")
    assert lowest.extreme == "lowest"
    assert read_intent("Which district had the most cases?", "en").extreme == "highest"
    assert read_intent("Tỷ lệ giải ngân còn thấp vì sao?", "vi").extreme is None  # "low" is no extreme
    assert other_extreme(lowest, "Huyện A có tỷ lệ giải ngân cao nhất với 68%.")
    assert not other_extreme(lowest, "Thấp nhất là huyện B, đạt 28%; cao nhất là huyện A.")
    assert names_extreme(lowest, "Thấp nhất là huyện B, đạt 28%.")


@pytest.mark.parametrize("question", [
    "What did the mayor instruct the wards to do after the flood?",
    "What did the chairman direct the departments to do?",
    "Các xã phải làm gì để phòng, chống dịch?",
])
def test_asking_what_someone_must_do_asks_for_the_list_of_tasks(question: str) -> None:
    intent = read_intent(question)
    assert (intent.shape, intent.topic) == ("list", "tasks")


def test_a_request_made_in_concluding_is_a_task_not_a_recommendation() -> None:
    from rag.lexicon import topic_of
    assert topic_of("Kết luận, đồng chí Trưởng đoàn đề nghị UBND huyện:") == "tasks"
    assert topic_of("Huyện đề nghị tỉnh:") == "recommendations"


def test_asking_what_someone_does_is_not_a_task_list() -> None:
    assert read_intent("What does the cooperative do?").shape != "list"


def test_vietnamese_do_is_by_not_an_english_yes_no_opener() -> None:
    assert read_intent("Do sở nào chủ trì đợt kiểm tra?", "vi").shape == "fact"
    assert read_intent("Do the articles mention the bridge?", "en").shape == "yesno"


def test_asking_by_what_date_something_must_be_done_asks_one_date() -> None:
    intent = read_intent("By what date must the wards finish the repairs?", "en")
    assert (intent.shape, intent.wants) == ("fact", "date")


@pytest.mark.parametrize("question, counted_as", [
    ("Năm 2024 tỉnh Đông Lạc có bao nhiêu ca mắc sốt rét?", ("sot", "ret")),
    ("Có bao nhiêu ngôi nhà ở xã Phú Lâm bị nứt?", ()),  # "ở" ends the noun phrase
    ("Có bao nhiêu lượt tàu cá Đông Lạc mất kết nối?", ("ca",)),  # a name ends it too
    ("Huyện đề nghị hỗ trợ bao nhiêu tiền để làm kè?", ()),  # an amount counts nothing
    ("co bao nhieu ca mac sot ret", ()),  # unaccented "may", "bao nhieu" are other words too
])
def test_a_count_question_says_what_it_counts(question: str, counted_as: tuple[str, ...]) -> None:
    assert read_intent(question, "vi").counted_as == counted_as


def test_what_a_place_earned_is_an_amount_of_money() -> None:
    assert read_intent("How much did Dong Lac earn from rice exports in 2024?", "en").money
    assert read_intent("Kim ngạch xuất khẩu gạo của tỉnh đạt bao nhiêu?", "vi").money


def test_a_follow_up_with_its_own_question_word_asks_its_own_kind_of_thing() -> None:
    earlier = "Huyện Đông Lạc kiến nghị tỉnh hỗ trợ bao nhiêu tiền để làm kè?"
    own = "Tỉnh trả lời kiến nghị đó thế nào?"
    intent = read_intent(f"{earlier} {own}", "vi", asked=own)
    assert intent.wants != "number" and "dong lac" in intent.names  # the subject stays
    fragment = "Còn đê biển thì sao?"  # keeps the earlier question's frame
    assert read_intent(f"{earlier} {fragment}", "vi", asked=fragment).wants == "number"
    # "Còn X thì ..." with a question word of its own asks its own kind of thing
    listed = "Còn với UBND tỉnh thì huyện đề nghị những gì?"
    assert read_intent(f"{earlier} {listed}", "vi", asked=listed).shape == "list"


def test_a_follow_up_that_moves_to_a_new_topic_is_marked() -> None:
    """Its own words are what retrieval looks for first (``Pipeline._retrieval``)."""
    earlier = "Tỉnh trả lời thế nào về đề nghị làm đường của huyện?"
    for shift in ("Còn kiến nghị bổ sung giáo viên thì sao?", "What about the school?"):
        assert read_intent(f"{earlier} {shift}", asked=shift).shifts_topic
    same = "Tỉnh giao ai làm việc đó?"
    assert not read_intent(f"{earlier} {same}", "vi", asked=same).shifts_topic
    assert not read_intent("Còn hạn chế thì sao?").shifts_topic  # no earlier turn


def test_a_count_names_its_noun_written_with_a_hyphen_or_a_synonym() -> None:
    from rag.evidence import counts

    area = read_intent("Nghĩa trang rộng bao nhiêu héc-ta?", "vi")
    assert counts("Nghĩa trang tập trung rộng 15 ha.", area.counted, set())
    children = read_intent("Huyện đã tiêm cho bao nhiêu cháu?", "vi")
    assert counts("Huyện đã tiêm cho 48.326 trẻ.", children.counted, set())


def test_when_a_news_report_came_out_asks_for_the_publication_date() -> None:
    from rag.intent import read_intent

    far = read_intent("When did the report on the Standing Committee's meeting with the "
                      "district come out, and who wrote it?", "en")
    assert far.shape == "metadata" and far.meta_field == "published" and far.meta_also == ("author",)
    assert read_intent("When did the new rules come out?", "en").shape != "metadata"


def test_a_unit_of_measure_after_bao_nhieu_asks_an_amount_and_unaccented_may_can_be_sewing() -> None:
    assert read_intent("Xã rộng bao nhiêu cây số vuông?", "vi").counted == ()
    assert read_intent("Huyện có bao nhiêu ha lúa?", "vi").counted == ()
    assert read_intent("Có bao nhiêu hộ dân?", "vi").counted == ("ho", "dan")
    money = read_intent("cong ty may hung thinh bi phat bao nhieu tien", "vi")
    assert (money.counted, money.money) == ((), True)
    assert read_intent("xa co may ho ngheo", "vi").counted == ("ho", "ngheo")


def test_bao_nhieu_with_a_money_noun_asks_an_amount_of_money() -> None:
    intent = read_intent("Dự án đã giải ngân được bao nhiêu vốn?", "vi")
    assert (intent.counted, intent.money) == ((), True)
    assert read_intent("Huyện cần bao nhiêu kinh phí?", "vi").money
    # "hỗ trợ" after a count noun is what is said of it, not money asked
    assert read_intent("Có bao nhiêu hộ được hỗ trợ?", "vi").counted == ("ho",)


@pytest.mark.parametrize("question, money", [
    ("What is the retail price per kilogram of the cinnamon?", True),
    ("What is the average monthly income of workers?", True),
    ("What was the role of the budget office?", None),  # "of" ends the noun phrase
])
def test_a_price_or_income_with_words_before_it_asks_an_amount(question: str, money: bool | None
                                                                ) -> None:
    intent = read_intent(question, "en")
    if money is None:
        assert intent.wants == "any" and not intent.amount
    else:
        assert intent.wants == "number" and intent.amount and intent.money == money


@pytest.mark.parametrize("question, language, subject", [
    ("Dự án Nhà ở xã hội Hòa Phong nằm ở phường nào?", "vi", "du an nha o xa hoi hoa phong"),
    ("Đảo Hòn Ngang thuộc phường nào của thị xã Sa Loan?", "vi", "dao hon ngang"),
    ("Which district is An Phu commune in?", "en", "an phu"),
    ("Which ward is the Hoa Phong project in?", "en", "hoa phong project"),
])
def test_which_ward_or_village_asks_membership_and_keeps_the_whole_name(
        question: str, language: str, subject: str) -> None:
    intent = read_intent(question, language)
    assert intent.relation == "member_of" and intent.subject == subject


@pytest.mark.parametrize("question, counted", [
    ("How many wild elephants live in the reserve?", ("elephants",)),
    ("How many people live in the commune?", ("people",)),
    ("How many new party members were admitted?", ("members",)),
])
def test_an_english_count_names_its_plural_noun_not_the_verb_after_it(
        question: str, counted: tuple[str, ...]) -> None:
    assert read_intent(question, "en").counted == counted


@pytest.mark.parametrize("history, question, shape", [
    ("Huyện kiến nghị Sở Y tế những gì?", "Còn vụ tuyển đặc cách bác sĩ thì Sở trả lời sao?", "fact"),
    ("What did the district ask for?", "How did the chairman respond to those requests?", "fact"),
    ("Huyện kiến nghị những gì?", "Tỉnh trả lời những kiến nghị nào?", "list"),  # no reply asked
])
def test_asking_how_someone_replied_asks_the_reply_not_the_list_again(
        history: str, question: str, shape: str) -> None:
    intent = read_intent(f"{history} {question}", asked=question)
    assert intent.shape == shape and intent.asks_reply == (shape == "fact")


@pytest.mark.parametrize("question, measure, counted_as", [
    ("Năm 2024 huyện thu gom được bao nhiêu tấn rác thải nhựa?", "tan", ("rac", "thai", "nhua")),
    ("Có bao nhiêu ha lúa bị thiệt hại?", "ha", ("lua",)),  # "bị" starts what happened
    ("Xã rộng bao nhiêu cây số vuông?", "cay so vuong", ()),
    ("Thi công được bao nhiêu phần trăm khối lượng?", None, ()),  # a share, checked apart
    ("Huyện có bao nhiêu hộ nghèo?", None, ("ngheo",)),
])
def test_a_unit_of_measure_after_bao_nhieu_is_the_unit_the_figure_must_have(
        question: str, measure: str | None, counted_as: tuple[str, ...]) -> None:
    intent = read_intent(question, "vi")
    assert intent.measure == measure
    if measure:
        assert intent.counted_as == counted_as


@pytest.mark.parametrize("question, subject", [
    ("Khu dân cư Bắc Sông Mây nằm trên địa bàn huyện hay thành phố nào?", "khu dan cu bac song may"),
    ("Lối mở Khuổi Slưa thuộc địa bàn xã nào?", "loi mo khuoi slua"),
])
def test_membership_asked_through_dia_ban_or_two_kinds_of_unit(question: str, subject: str) -> None:
    intent = read_intent(question, "vi")
    assert intent.relation == "member_of" and intent.subject == subject


@pytest.mark.parametrize("question, shape", [
    ("Bí thư Tỉnh ủy đề nghị huyện Bình Ải thực hiện những nhiệm vụ gì?", "list"),  # "Ải", a name
    ("Bài viết do ai thực hiện?", "metadata"),
    ("bai viet do ai thuc hien", "metadata"),  # typed without accents: "ai" is the question word
])
def test_a_place_named_ai_does_not_make_a_question_ask_the_author(question: str, shape: str) -> None:
    assert read_intent(question, "vi").shape == shape


@pytest.mark.parametrize("question, language, wants", [
    ("What shortcomings did the party secretary point out in Binh Ai's border zone?", "en", "any"),
    ("Huyện Bình Ải có bao nhiêu xã?", "vi", "number"),
    ("Ai chủ trì hội nghị?", "vi", "person"),
    ("ai chu tri hoi nghi", "vi", "person"),
])
def test_the_syllable_ai_of_a_name_does_not_ask_who(question: str, language: str, wants: str
                                                    ) -> None:
    assert read_intent(question, language).wants == wants


def test_a_category_asked_in_the_conclusions_is_a_list_not_a_summary() -> None:
    assert read_intent("What shortcomings did the chairman point out in his conclusions?",
                       "en").shape == "list"
    assert read_intent("What did the chairman conclude?", "en").shape == "summary"


def test_what_someone_proposed_or_asked_for_is_a_list_of_requests() -> None:
    proposed = read_intent("What did the port authority propose to the ministry?", "en")
    assert (proposed.shape, proposed.topic) == ("list", "recommendations")
    assert read_intent("What did the fishermen ask the commune for?", "en").shape == "list"
    # the participle names a thing; an amount asked for is a figure
    assert read_intent("When will the proposed bridge be finished?", "en").shape == "fact"
    assert read_intent("How much did the town ask the province for?", "en").shape == "fact"


def test_a_yes_no_follow_up_is_not_read_as_the_list_asked_before() -> None:
    asked = "And the road money, did they get it?"
    follow = read_intent(f"What did the commune ask the province for? {asked}", "en", asked=asked)
    assert follow.shape != "list"
    asked_vi = "Còn cây cầu thì đã làm xong chưa?"
    follow_vi = read_intent(f"Xã kiến nghị những gì? {asked_vi}", "vi", asked=asked_vi)
    assert follow_vi.shape == "yesno"
    # a fragment keeps the earlier question's frame
    fragment = "Còn về giáo dục thì sao?"
    assert read_intent(f"Xã kiến nghị những gì? {fragment}", "vi", asked=fragment).shape == "list"


def test_what_is_the_share_of_asks_a_percentage() -> None:
    share = read_intent("What is the share of schools meeting national standards?", "en")
    assert (share.wants, share.percent) == ("number", True)


def test_a_name_ending_in_a_folded_unit_word_keeps_it() -> None:
    assert read_intent("Huyện Phú Lãng thuộc tỉnh nào?", "vi").subject == "phu lang"  # "làng"
    assert read_intent("Which province is the Krong No district in?", "en").subject == "krong no"


def test_the_money_kind_is_the_one_named_nearest_the_asking_words() -> None:
    from rag.intent import read_intent
    from rag.lexicon import MONEY_KINDS

    intent = read_intent("ngan sach huyen bo tri bao nhieu tien ho tro phat trien san xuat")
    assert "ho tro" in MONEY_KINDS[intent.money_kind]  # "phat" is "phát", not "phạt"


def test_a_rate_unit_is_asked_whole() -> None:
    from rag.evidence import gives_measure
    from rag.intent import read_intent

    assert read_intent("Tuyến đường thiết kế tốc độ bao nhiêu km/h?").measure == "km/h"
    assert not gives_measure("Tuyến đường dài 21,7 km.", "km/h")
    assert gives_measure("Tốc độ thiết kế 80 km/h.", "km/h")
    assert gives_measure("Năng suất đạt 6,2 tấn/ha.", "tan/ha")
