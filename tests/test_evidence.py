"""What counts as a figure in an evidence unit."""

from __future__ import annotations


def test_a_share_of_two_numbers_is_a_figure_not_a_date() -> None:
    from rag.evidence import has_figure

    assert has_figure("Kỳ họp có 68/72 đại biểu có mặt.", set())
    assert not has_figure("Chiều 11/12, kỳ họp bế mạc.", set())
