"""Checks on a question before any work is done."""

from __future__ import annotations

import re
import unicodedata

from rag.errors import QuestionError
from rag.textnorm import detect_language, nfc

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def check_question(question: str, max_chars: int, language: str | None) -> tuple[str, str]:
    """The cleaned question and the answer language, or a :class:`QuestionError`."""
    if not isinstance(question, str):
        raise QuestionError("The question must be text.", "Câu hỏi phải là văn bản.")
    text = " ".join(_CONTROL.sub(" ", nfc(question)).split())
    if not text:
        raise QuestionError("Please type a question.", "Vui lòng nhập câu hỏi.")
    if len(text) > max_chars:
        raise QuestionError(
            f"The question is too long ({len(text):,} characters; the limit is {max_chars:,}). "
            "Please shorten it.",
            f"Câu hỏi quá dài ({len(text):,} ký tự; giới hạn là {max_chars:,}). Vui lòng rút gọn.",
        )
    if not any(unicodedata.category(ch)[0] in "LN" for ch in text):
        raise QuestionError("Please ask a question in words.", "Vui lòng đặt câu hỏi bằng chữ.")
    if language in ("vi", "en"):
        return text, language
    return text, detect_language(text)
