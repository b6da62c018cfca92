"""The genre glossary that gives an English question's terms in Vietnamese."""

from __future__ import annotations

from rag.glossary import other_language_terms
from rag.intent import read_intent


def test_longest_term_wins_and_is_not_looked_up_again() -> None:
    terms = other_language_terms("How much budget revenue did the province collect?")
    assert "thu ngân sách" in terms
    assert terms.split().count("ngân") == 1


def test_plurals_match_but_words_inside_words_do_not() -> None:
    assert "hộ dân" in other_language_terms("How many households were resettled?")
    assert "héc ta" not in other_language_terms("What has the company paid?")  # "has" is not "ha"
    assert other_language_terms("Who wrote it?") == ""


def test_only_english_questions_are_expanded() -> None:
    assert read_intent("What did the inspection find at the quarry?", "en").translated
    assert read_intent("Đoàn kiểm tra phát hiện gì ở mỏ đá?", "vi").translated == ""


def test_what_a_leader_asked_for_is_looked_up_as_a_request() -> None:
    terms = other_language_terms("What did the provincial leader ask the district to do?")
    assert "đề nghị" in terms and "lãnh đạo" in terms
