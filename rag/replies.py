"""Every fixed sentence the product says to a reader, in both languages, in one place.

Answers are built from the articles' own units; the only text the engine writes itself
is here: declines, notices, the short leads that introduce quoted evidence, and the
labels of metadata answers. Keeping them together keeps the two languages in step.
"""

from __future__ import annotations

_REPLIES: dict[str, dict[str, str]] = {
    "decline": {
        "en": "The articles do not say this.",
        "vi": "Các bài viết không đề cập đến thông tin này.",
    },
    "nearmiss": {
        "en": "The articles do not state {asked}. What they do say: {evidence}",
        "vi": "Các bài viết không nêu {asked}. Điều bài viết có nêu: {evidence}",
    },
    "third_language": {
        "en": "I can answer questions in English or Vietnamese only. / "
              "Tôi chỉ trả lời câu hỏi bằng tiếng Việt hoặc tiếng Anh.",
        "vi": "I can answer questions in English or Vietnamese only. / "
              "Tôi chỉ trả lời câu hỏi bằng tiếng Việt hoặc tiếng Anh.",
    },
    "out_of_scope": {
        "en": "No article matches the filter (chosen articles and dates); widen it and ask again.",
        "vi": "Không có bài viết nào khớp bộ lọc (bài đã chọn và khoảng ngày); hãy nới bộ lọc rồi "
              "hỏi lại.",
    },
    "notice_scope": {
        "en": "Searched only the articles of {start} – {end}, the period the question names.",
        "vi": "Chỉ tìm trong các bài viết của giai đoạn {start} – {end} mà câu hỏi nêu.",
    },
    "notice_failed": {
        "en": "The language model did not answer ({reason}); this answer was extracted from the "
              "articles instead.",
        "vi": "Mô hình ngôn ngữ không trả lời được ({reason}); câu trả lời này được trích trực tiếp "
              "từ bài viết.",
    },
    "notice_model_declined": {
        "en": "The language model found no answer in the selected passages; these are the "
              "sentences of the articles closest to the question.",
        "vi": "Mô hình ngôn ngữ không tìm thấy câu trả lời trong các đoạn được chọn; đây là những "
              "câu trong bài viết gần nhất với câu hỏi.",
    },
    "notice_unverified": {
        "en": "The model's sentences could not be verified against the articles; this answer "
              "quotes them instead.",
        "vi": "Không kiểm chứng được câu trả lời của mô hình với bài viết; câu trả lời này trích "
              "trực tiếp từ bài viết.",
    },
    # leads: introduce units quoted in the other language, or a list
    "quote_other": {
        "en": "The Vietnamese article says: ",
        "vi": "Bài viết tiếng Anh viết: ",
    },
    "value_lead": {
        "en": "{value} — the Vietnamese article says: ",
        "vi": "{value} — bài viết tiếng Anh viết: ",
    },
    "list_lead": {
        "en": "The article lists {count} points:",
        "vi": "Bài viết nêu {count} ý:",
    },
    "list_gathered": {
        "en": "The article makes these {count} points, one sentence at a time:",
        "vi": "Bài viết nêu {count} ý, ở từng câu riêng:",
    },
    "list_gathered_other": {
        "en": "The article makes these {count} points, one sentence at a time (quoted from "
              "the Vietnamese original):",
        "vi": "Bài viết nêu {count} ý, ở từng câu riêng (trích từ bản tiếng Anh):",
    },
    "list_lead_other": {
        "en": "The article lists {count} points (quoted from the Vietnamese original):",
        "vi": "Bài viết nêu {count} ý (trích từ bản tiếng Anh):",
    },
    "list_lead_translated": {
        "en": "The article lists {count} points (translated by the model from the Vietnamese "
              "original, quoted under each):",
        "vi": "Bài viết nêu {count} ý (mô hình dịch từ bản tiếng Anh, nguyên văn dưới mỗi ý):",
    },
    "list_gathered_translated": {
        "en": "The article makes these {count} points, one sentence at a time (translated by "
              "the model from the Vietnamese original, quoted under each):",
        "vi": "Bài viết nêu {count} ý, ở từng câu riêng (mô hình dịch từ bản tiếng Anh, "
              "nguyên văn dưới mỗi ý):",
    },
    # metadata
    "published": {
        "en": "The article was published on {date}.",
        "vi": "Bài viết được đăng ngày {date}.",
    },
    "title": {
        "en": "The article's title is “{value}”.",
        "vi": "Tiêu đề bài viết là “{value}”.",
    },
    "author": {
        "en": "The article is signed “{value}”.",
        "vi": "Bài viết do “{value}” thực hiện.",
    },
    "source": {
        "en": "The article comes from {value}.",
        "vi": "Bài viết lấy từ {value}.",
    },
}

# What a near-miss question asked for, by the relation it presupposed.
_ASKED = {
    "member_of": {"en": "which larger unit {subject} belongs to",
                  "vi": "{subject} thuộc đơn vị hành chính nào"},
    "count": {"en": "this number", "vi": "con số này"},
    "cause": {"en": "the reason", "vi": "lý do"},
    "time": {"en": "when this happened", "vi": "thời điểm này"},
    "place": {"en": "where this is", "vi": "địa điểm này"},
    "person": {"en": "who this is", "vi": "người này"},
    "any": {"en": "this", "vi": "điều này"},
}


def reply(key: str, language: str, **values: str) -> str:
    """The fixed text ``key`` in ``language`` ("vi", else English), filled with ``values``."""
    text = _REPLIES[key]["vi" if language == "vi" else "en"]
    return text.format(**values) if values else text


def asked_for(relation: str | None, language: str, subject: str | None = None) -> str:
    """How a decline names what the question presupposed ("which province X is in")."""
    forms = _ASKED.get(relation or "any", _ASKED["any"])
    text = forms["vi" if language == "vi" else "en"]
    return text.format(subject=subject or ("it" if language == "en" else "nơi này"))
