"""Interface text in Vietnamese and English.

Kept apart from the layout so a translator can edit one table; every key must exist
in both languages (``tests/test_ui.py`` checks it).
"""

from __future__ import annotations

Lang = str  # "vi" or "en"

STRINGS: dict[str, dict[str, str]] = {
    "vi": {
        "title": "Hỏi đáp tin tức song ngữ",
        "subtitle": "Hỏi bằng tiếng Việt hoặc tiếng Anh; mỗi câu trả lời dẫn nguồn [n] từ các bài báo đã lập chỉ mục.",
        "tab_chat": "Hỏi đáp",
        "tab_docs": "Bài báo",
        "chatbot": "Trò chuyện",
        "question": "Câu hỏi",
        "placeholder": "Nhập câu hỏi về các bài báo… (Enter để gửi)",
        "send": "Gửi",
        "reset": "Bắt đầu lại",
        "answer_language": "Ngôn ngữ trả lời",
        "backend": "Bộ sinh câu trả lời",
        "examples": "Câu hỏi mẫu",
        "ui_language": "Giao diện",
        "docs_table": "Các bài báo đã lập chỉ mục",
        "refresh": "Làm mới",
        "file": "Tệp .txt hoặc .md",
        "doc_title": "Tiêu đề",
        "doc_language": "Ngôn ngữ",
        "published": "Ngày đăng (YYYY-MM-DD)",
        "source": "Nguồn",
        "translation_of": "Bản dịch của (mã bài gốc)",
        "add": "Thêm vào chỉ mục",
        "empty_question": "Bạn chưa nhập câu hỏi. Hãy gõ một câu hỏi về các bài báo.",
        "too_long": "Câu hỏi quá dài ({n} ký tự; tối đa {max}). Hãy rút gọn câu hỏi.",
        "generic_error": "Đã xảy ra lỗi khi trả lời. Vui lòng thử lại; nếu lỗi lặp lại, hãy báo cho quản trị viên.",
        "generic_doc_error": "Không thêm được bài báo do lỗi hệ thống. Vui lòng thử lại hoặc báo cho quản trị viên.",
        "no_file": "Hãy chọn một tệp .txt hoặc .md.",
        "bad_type": "Chỉ nhận tệp .txt hoặc .md.",
        "too_big": "Tệp quá lớn ({n} byte; tối đa {max}).",
        "added": "Đã thêm «{title}» vào chỉ mục ({details}).",
        "unanswerable": "Các bài báo không đề cập điều này",
        "thinking": "Đang tìm trong các bài báo…",
        "answered_by": "Trả lời bởi",
    },
    "en": {
        "title": "Bilingual news Q&A",
        "subtitle": "Ask in Vietnamese or English; every answer cites [n] the indexed articles it comes from.",
        "tab_chat": "Ask",
        "tab_docs": "Articles",
        "chatbot": "Conversation",
        "question": "Question",
        "placeholder": "Ask about the articles… (Enter to send)",
        "send": "Send",
        "reset": "Start over",
        "answer_language": "Answer language",
        "backend": "Answer backend",
        "examples": "Example questions",
        "ui_language": "Interface",
        "docs_table": "Indexed articles",
        "refresh": "Refresh",
        "file": ".txt or .md file",
        "doc_title": "Title",
        "doc_language": "Language",
        "published": "Published (YYYY-MM-DD)",
        "source": "Source",
        "translation_of": "Translation of (original article id)",
        "add": "Add to index",
        "empty_question": "The question is empty. Type a question about the articles.",
        "too_long": "The question is too long ({n} characters; at most {max}). Please shorten it.",
        "generic_error": "Something went wrong while answering. Please try again; if it keeps happening, tell the administrator.",
        "generic_doc_error": "The article could not be added because of an internal error. Please try again or tell the administrator.",
        "no_file": "Choose a .txt or .md file.",
        "bad_type": "Only .txt and .md files are accepted.",
        "too_big": "The file is too large ({n} bytes; at most {max}).",
        "added": "Added “{title}” to the index ({details}).",
        "unanswerable": "The articles do not say this",
        "thinking": "Searching the articles…",
        "answered_by": "Answered by",
    },
}

# Example questions are made from the indexed articles' own titles, so the page never
# suggests a question about an article it does not hold.
_EXAMPLE_TEMPLATES = {
    "vi": ("Bài “{title}” nêu những kết quả và hạn chế nào?", "Bài “{title}” được đăng ngày nào?"),
    "en": ("What are the main points of the article “{title}”?",
           "When was the article “{title}” published?"),
}


def examples(titles: list[str], limit: int = 4) -> list[str]:
    """Up to ``limit`` example questions about the articles titled ``titles``, in both
    languages (a title is used as written)."""
    out: list[str] = []
    for n, title in enumerate(t for t in titles if t):
        lang = "vi" if n % 2 == 0 else "en"
        out.append(_EXAMPLE_TEMPLATES[lang][n // 2 % 2].format(title=title[:80]))
        if len(out) >= limit:
            break
    return out or ["Các bài viết nêu những kết quả nào?", "What recommendations do the articles report?"]


def t(lang: Lang, key: str, **fmt: object) -> str:
    """The interface text ``key`` in ``lang`` (English for any unknown language)."""
    text = STRINGS.get(lang, STRINGS["en"])[key]
    return text.format(**fmt) if fmt else text
