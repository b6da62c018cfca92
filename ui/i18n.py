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
        "file": "Tệp bài báo ({formats})",
        "doc_title": "Tiêu đề",
        "doc_language": "Ngôn ngữ",
        "published": "Ngày đăng (YYYY-MM-DD)",
        "source": "Nguồn",
        "translation_of": "Bản dịch của (mã bài gốc)",
        "add": "Thêm vào chỉ mục",
        "formats_help": "Nhận các tệp: {formats}. Tiêu đề, ngày đăng và tác giả được tự tìm; điều gì không tìm thấy được ghi ở cột «Thiếu» và có thể sửa bên dưới.",
        "col_id": "Mã", "col_title": "Tiêu đề", "col_published": "Ngày đăng", "col_language": "Ngôn ngữ",
        "col_source": "Nguồn", "col_chunks": "Số đoạn", "col_translation": "Bản dịch của",
        "col_status": "Trạng thái", "col_missing": "Thiếu",
        "missing_title": "tiêu đề", "missing_published": "ngày đăng", "missing_byline": "tác giả",
        "status_indexed": "đã lập chỉ mục", "status_not indexed": "chưa lập chỉ mục",
        "status_changed, re-index pending": "đã sửa, chờ lập chỉ mục",
        "link_auto": "tự động", "untitled": "(không có tiêu đề)", "translation_suffix": "(bản dịch)",
        "edit_heading": "Sửa thông tin hoặc xóa một bài",
        "edit_article": "Bài báo",
        "edit_translation": "Là bản dịch của",
        "no_translation": "(không phải bản dịch)",
        "save": "Lưu chỉnh sửa",
        "delete": "Xóa bài này",
        "confirm_delete": "Xác nhận xóa",
        "cancel": "Hủy",
        "confirm_prompt": "Xóa «{title}»? {n} đoạn sẽ bị gỡ khỏi chỉ mục; tệp được chuyển vào thùng rác.",
        "saved": "Đã lưu chỉnh sửa cho «{title}» và lập chỉ mục lại.",
        "deleted": "Đã xóa «{title}»: gỡ {chunks} đoạn khỏi kho vector, {lexical} khỏi chỉ mục từ khóa, {units} đơn vị trích dẫn. Tệp nằm trong thùng rác.",
        "choose_article": "Hãy chọn một bài báo.",
        "filter_docs": "Chỉ hỏi trong các bài",
        "filter_since": "Đăng từ ngày (YYYY-MM-DD)",
        "filter_until": "đến ngày (YYYY-MM-DD)",
        "cited_articles": "Bài được trích dẫn",
        "detected": "Tìm thấy: {found}. Thiếu: {missing}.",
        "nothing": "không có",
        "empty_question": "Bạn chưa nhập câu hỏi. Hãy gõ một câu hỏi về các bài báo.",
        "too_long": "Câu hỏi quá dài ({n} ký tự; tối đa {max}). Hãy rút gọn câu hỏi.",
        "generic_error": "Đã xảy ra lỗi khi trả lời. Vui lòng thử lại; nếu lỗi lặp lại, hãy báo cho quản trị viên.",
        "generic_doc_error": "Không thêm được bài báo do lỗi hệ thống. Vui lòng thử lại hoặc báo cho quản trị viên.",
        "no_file": "Hãy chọn một tệp bài báo ({formats}).",
        "bad_type": "Chỉ nhận các tệp: {formats}.",
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
        "file": "Article file ({formats})",
        "doc_title": "Title",
        "doc_language": "Language",
        "published": "Published (YYYY-MM-DD)",
        "source": "Source",
        "translation_of": "Translation of (original article id)",
        "add": "Add to index",
        "formats_help": "Accepted files: {formats}. Title, date and byline are found automatically; what was not found is listed under “Missing” and can be corrected below.",
        "col_id": "Id", "col_title": "Title", "col_published": "Published", "col_language": "Language",
        "col_source": "Source", "col_chunks": "Passages", "col_translation": "Translation of",
        "col_status": "Status", "col_missing": "Missing",
        "missing_title": "title", "missing_published": "date", "missing_byline": "byline",
        "status_indexed": "indexed", "status_not indexed": "not indexed",
        "status_changed, re-index pending": "changed, re-index pending",
        "link_auto": "automatic", "untitled": "(untitled)", "translation_suffix": "(translation)",
        "edit_heading": "Correct or delete an article",
        "edit_article": "Article",
        "edit_translation": "Translation of",
        "no_translation": "(not a translation)",
        "save": "Save corrections",
        "delete": "Delete this article",
        "confirm_delete": "Confirm delete",
        "cancel": "Cancel",
        "confirm_prompt": "Delete “{title}”? {n} passages will leave the index; the file goes to the trash folder.",
        "saved": "Saved the corrections to “{title}” and re-indexed it.",
        "deleted": "Deleted “{title}”: {chunks} passages removed from the vector store, {lexical} from the keyword index, {units} evidence units. The file is in the trash folder.",
        "choose_article": "Choose an article first.",
        "filter_docs": "Ask only these articles",
        "filter_since": "Published from (YYYY-MM-DD)",
        "filter_until": "until (YYYY-MM-DD)",
        "cited_articles": "Articles cited",
        "detected": "Found: {found}. Missing: {missing}.",
        "nothing": "none",
        "empty_question": "The question is empty. Type a question about the articles.",
        "too_long": "The question is too long ({n} characters; at most {max}). Please shorten it.",
        "generic_error": "Something went wrong while answering. Please try again; if it keeps happening, tell the administrator.",
        "generic_doc_error": "The article could not be added because of an internal error. Please try again or tell the administrator.",
        "no_file": "Choose an article file ({formats}).",
        "bad_type": "Only these files are accepted: {formats}.",
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
    """The interface text ``key`` in ``lang`` (English for any unknown language); the
    accepted file formats come from ``rag.formats``, the one list of them."""
    from rag.formats import describe

    text = STRINGS.get(lang, STRINGS["en"])[key]
    if "{formats}" in text:
        fmt = {"formats": describe(lang), **fmt}
    return text.format(**fmt) if fmt else text
