"""Strip scrape debris from a raw article text before it becomes a document.

News pages scraped as text carry navigation words, comment counters, image file
names, photo captions, share and print buttons, tag lists, "related article" teasers
and CMS footers. None of that is the article, so it must never reach the index where
it could be retrieved or cited. These are rules of the genre in both languages; the
title, dateline and byline are found afterwards (``rag.readers.scraped``).
"""

from __future__ import annotations

import re
import unicodedata

# A line that is only an image file name, e.g. "trung-tam-hanh-chinh-...-sharpen.jpeg".
_IMAGE_LINE = re.compile(r"^\S+\.(?:jpe?g|png|gif|webp|bmp|svg|avif)$", re.IGNORECASE)
# Comment counters in either language: "(1) Bình luận", "Comment (0)", "Bình luận (3)".
_COMMENT_LINE = re.compile(
    r"^(?:\(?\d+\)?\s*(?:bình luận|comments?)|(?:bình luận|comments?)\s*(?:\(\d+\)|:\s*\d+))$",
    re.IGNORECASE)
# A menu laid out with runs of spaces: "Thời sự   Chính trị   Kinh tế   Xã hội". Each
# entry is short and none ends a sentence.
_MENU_GAP = re.compile(r"\s{2,}|\t")
_MENU_ENTRY_WORDS = 4
_MENU_ENTRIES = 3
# View and like counters: "Lượt xem: 1.204", "Views 3,210", "Đã xem: 87", "Thích 46".
_VIEWS_LINE = re.compile(r"^(?:(?:lượt xem|lượt đọc|đã xem|views?|reads?|thích|lượt thích|likes?)"
                         r"\s*:?\s*\(?[\d.,]+\)?|"
                         r"[\d.,]+\s*(?:lượt xem|lượt đọc|views?|reads?))$", re.IGNORECASE)
# A count after a heading or button: "Ý kiến bạn đọc (0)", "Chia sẻ (12)".
_COUNT = re.compile(r"\s*\(\d+\)$")
# What separates the buttons of a share bar or the fields of a form on one line.
_SEPARATORS = re.compile(r"[|/·•,:]+")
_PLAYER_TIME = re.compile(r"\b\d{1,2}:\d{2}\b")
_BARE_COUNT = re.compile(r"^[\d.,]+$")
"""What is left of "♥ 31" once its pictograph is dropped: a counter."""
_TRAILING_COUNT = re.compile(r"\s*:?\s*[\d.,]+$")
"""The count a button shows after its word ("Chia sẻ 5", "Bình luận: 0")."""
# The heading over readers' comments, with how many there are: "BÌNH LUẬN (4)".
_COMMENTS_HEADING = re.compile(r"^(?:bình luận|ý kiến|comments?)\s*\(\d+\)$", re.IGNORECASE)
# A reactions widget: pictographs with a count each ("😀 Hữu ích (18)  🙁 Chưa hay (0)").
_BRACKET_COUNT = re.compile(r"\w\s*\(\d+\)")
_WIDGET_COUNTS = 2
_FOOTER_LINE = re.compile(r"^(?:(?:powered by|copyright|bản quyền|giấy phép|ghi rõ nguồn)\b|©)",
                          re.IGNORECASE)
# A photo caption or credit: "Ảnh: Minh Anh", "Quang cảnh hội nghị. Ảnh: T.H",
# "(Ảnh minh họa)", "Photo: Reuters", "Hội nghị (ảnh: VNA)". Short, so a body sentence
# that mentions a photo is not one.
_CAPTION = re.compile(
    r"^\(?(?:ảnh|photos?)(?: minh họa| minh hoạ)?\)?\s*(?:[:.].{0,60})?$|^photos? by .{1,60}$|"
    r"(?:[.)\-–—]\s*\(?|\s\()(?:ảnh|photo)\s*:\s*[^:]{1,40}\)?\.?$",
    re.IGNORECASE)
_CAPTION_MAX = 300
# "Tags: a, b", "Từ khóa: ...", "Xem thêm: <another article>".
_LABELLED = re.compile(r"^(?:tags?|thẻ|nhãn|từ khóa|từ khoá|keywords|chủ đề|xem thêm|đọc thêm|"
                       r"see also|read more|read also|tài liệu đính kèm|đính kèm|attachments?)"
                       r"\s*:", re.IGNORECASE)
# A media player's controls: its clock ("00:00 / 04:18"), speed ("Tốc độ 1.0x") and
# voice ("Giọng nữ miền Trung"), a "watch the video" button with its length.
_PLAYER = re.compile(r"^\d{1,2}:\d{2}\s*/\s*\d{1,2}:\d{2}$|^(?:tốc độ|speed)\s*[\d.,]+x$|"
                     r"^(?:giọng|voice)\s+(?:nam|nữ|male|female)\b.{0,30}$|"
                     r"^(?:xem|watch)\s+(?:video|clip)\b.{0,40}\d{1,2}:\d{2}$", re.IGNORECASE)
# A rule drawn with characters ("-------"), and a site's masthead in capitals ("BÁO
# SƠN THƯỢNG ĐIỆN TỬ", "CỔNG THÔNG TIN ĐIỆN TỬ TỈNH NAM KHÊ"), with its motto after it.
_RULE = re.compile(r"^[-=_*~.·•—–]{5,}$")
_MASTHEAD = re.compile(r"^(?:BÁO|CỔNG THÔNG TIN|TRANG THÔNG TIN)\b.{0,60}\b(?:ĐIỆN TỬ|ONLINE)\b")
_MASTHEAD_CHARS = 160
# The pieces of a widget bar: "Ngày đăng: 14/11/2024 | Lượt xem: 1.902 | Thích: 56",
# "[In bài] [Gửi email]", "👁 1.947 lượt đọc   ♥ 23   [ In bài ]".
_WIDGET_PIECES = re.compile(r"\s*[|\[\]]\s*|\s{2,}")
# The piece of a dateline a widget bar may carry: a date or a clock time.
_STAMP = re.compile(r"\b\d{1,2}/\d{1,2}/\d{4}\b|\b\d{1,2}:\d{2}\b")
_STAMP_CHARS = 60
_DATE = re.compile(r"\b\d{1,2}/\d{1,2}/\d{4}\b")
# Navigation, widget and button words that appear alone on a line.
_MENU_WORDS = {
    "theo dõi trên", "source", "nguồn", "chia sẻ", "share", "tweet", "in bài", "in", "print",
    "gửi bài", "lưu bài", "lưu", "save", "email", "facebook", "zalo", "twitter", "copy link",
    "sao chép liên kết", "nghe bài viết", "nghe", "listen", "cỡ chữ", "font size", "a a a",
    "quay lại", "về đầu trang", "back to top", "trở lại", "follow on", "follow us", "tags",
    "từ khóa", "từ khoá", "thích", "like", "bình luận", "comments", "comment", "gửi",
    "chia sẻ bài viết", "chia sẻ bài", "share this article", "share this", "gửi ý kiến",
    "họ và tên", "họ tên", "nội dung", "name", "your name", "message", "linkedin",
    "messenger", "telegram", "x", "a- a+", "a-", "a+", "a", "in bài viết", "nghe đọc bài viết",
    "nghe đọc", "đọc bài", "sao chép link", "sao chép", "copy", "link", "nghe bài",
    "trả lời", "reply", "in trang", "lưu tin", "tải về", "download", "toàn màn hình",
    "full screen", "fullscreen", "hd", "video", "nghe đọc bài báo", "f", "a−",
}
# Headings after which a page shows other articles, comments or its footer. Once the
# article's text has begun, everything after one of them is dropped; above the article
# they are menu entries and only the line goes.
_SECTION_ENDS = {
    "bài liên quan", "tin liên quan", "tin cùng chuyên mục", "cùng chuyên mục", "tin khác",
    "các tin khác", "tin mới", "tin mới nhất", "tin mới hơn", "tin cũ hơn", "xem thêm",
    "đọc thêm", "đọc nhiều", "xem nhiều", "đọc nhiều nhất", "nổi bật", "tin nổi bật",
    "đừng bỏ lỡ", "có thể bạn quan tâm", "bạn có thể quan tâm", "ý kiến bạn đọc",
    "gửi bình luận", "viết bình luận", "bình luận của bạn", "related articles", "related",
    "related news", "related stories", "read more", "more stories", "more news",
    "most read", "most popular", "latest news", "you may also like", "recommended",
    "leave a comment", "tags", "từ khóa", "từ khoá", "gửi ý kiến", "ý kiến của bạn",
    "viết bình luận của bạn", "bài viết khác", "các bài viết khác", "bài khác", "tin bài khác",
    "other articles", "other news", "more from",
}
_HEADING_WORDS = 6
# Section ends that a longer heading may end with; "nổi bật", "tin mới" may end a
# subheading of the article itself ("Những kết quả nổi bật").
_SECTION_TAILS = {"cùng chuyên mục", "bình luận của bạn", "tin liên quan", "bài liên quan",
                  "bài viết liên quan", "bài viết khác", "tin khác", "đọc nhiều", "xem nhiều",
                  "related articles", "related news", "related stories"}
_HEADING_TAIL = re.compile(r"[\s»›>→]+$")
# A link to another article: a line led by an arrow ("» Cửu Giang: Thu ngân sách ..."), or
# a headline that ends with its date in brackets ("Khởi công cầu Rạch Chanh (12/10/2025)").
_TEASER = re.compile(r"^[»›→▶►]\s*\S|\(\d{1,2}/\d{1,2}/\d{4}\)$")
# Article text has begun with its first sentence: a line ending like one, or a long
# line. Menu entries above the article never do.
_SENTENCE_END = ".!?…\"”"
_LONG_LINE = 80


_PICTOGRAPHS = 0x2100
"""Symbols from here on are pictographs a page puts on its buttons ("👍 Thích 46"); "©"
comes before and marks a footer."""


def key(line: str) -> str:
    """A line as compared with the word lists: NFC, trimmed, lower case, no final colon
    and no count after it ("Ý kiến bạn đọc (0)")."""
    k = unicodedata.normalize("NFC", line)
    k = "".join(ch for ch in k if unicodedata.category(ch) != "So" or ord(ch) < _PICTOGRAPHS)
    k = k.strip().lower().rstrip(":.…").strip()
    return _COUNT.sub("", k)


def _spaced_menu(line: str) -> bool:
    """Several short entries separated by runs of spaces, none a sentence."""
    entries = [e for e in _MENU_GAP.split(line.strip()) if e]
    return len(entries) >= _MENU_ENTRIES and all(
        len([w for w in e.split() if w.strip("-–—&")]) <= _MENU_ENTRY_WORDS
        and e[-1] not in _SENTENCE_END for e in entries)


def _only_buttons(k: str) -> bool:
    """A share bar or a form's field names: menu words and separators, nothing else
    ("Chia sẻ bài viết: Facebook | Zalo", "Chia sẻ Facebook Zalo", "Họ và tên | Email");
    a player's length beside its button ("[Nghe bài viết] 06:12") is part of it."""
    rest = _PLAYER_TIME.sub(" ", k.replace("[", " ").replace("]", " "))
    rest = f" {' '.join(_SEPARATORS.sub(' ', rest).split())} "
    for word in sorted(_MENU_WORDS, key=len, reverse=True):
        rest = rest.replace(f" {word} ", " ")
    return not rest.strip() and len(k.split()) > 1


def _reactions(line: str) -> bool:
    """Buttons with pictographs and a count each, whatever their words."""
    pictographs = sum(1 for ch in line if unicodedata.category(ch) == "So"
                      and ord(ch) >= _PICTOGRAPHS)
    return pictographs >= _WIDGET_COUNTS and len(_BRACKET_COUNT.findall(line)) >= _WIDGET_COUNTS


def is_debris(line: str) -> bool:
    """True when a single line is navigation, a counter, an image name, a caption,
    a tag list or a footer."""
    k = key(line)
    parts = [part for part in line.split("|") if part.strip()]
    if len(parts) > 1 and all(is_debris(part) for part in parts):
        return True  # "Lượt xem: 2.417 | Bình luận: 6"
    return (
        k in _MENU_WORDS
        or _TRAILING_COUNT.sub("", k) in _MENU_WORDS
        or (bool(_BARE_COUNT.match(k)) and k != line.strip())
        or _only_buttons(k)
        or _reactions(line)
        or _spaced_menu(line)
        or bool(_VIEWS_LINE.match(k))
        or bool(_IMAGE_LINE.match(k))
        or bool(_COMMENT_LINE.match(k))
        or bool(_FOOTER_LINE.match(k))
        or bool(_LABELLED.match(k))
        or bool(_PLAYER.match(k))
        or bool(_RULE.match(k))
        or _masthead(line)
        or bool(_TEASER.search(k))
        or (len(k) <= _CAPTION_MAX and bool(_CAPTION.search(k)))
    )


def _masthead(line: str) -> bool:
    """The site's name in capitals, perhaps with its motto after a dash."""
    text = unicodedata.normalize("NFC", line.strip())
    name = re.split(r"\s+[-–—]\s+", text)[0]
    return len(text) <= _MASTHEAD_CHARS and name.isupper() and bool(_MASTHEAD.match(name))


def without_widgets(line: str) -> str:
    """``line`` with the buttons and counters of a widget bar taken out, "" if nothing
    else is left. A bar may carry the article's dateline ("Ngày đăng: 14/11/2024 |
    Lượt xem: 1.127"), which stays for the reader that finds the date; a line with any
    other words is left whole, so prose is never cut into."""
    pieces = [p.strip() for p in _WIDGET_PIECES.split(line) if p.strip()]
    if len(pieces) < 2:
        return line
    kept = [p for p in pieces if not is_debris(p)]
    if len(kept) == len(pieces):
        return line
    if not kept or any(_PLAYER.match(key(p)) for p in pieces):
        return ""  # all buttons; or a player's bar, the video's title with it
    if all(_STAMP.search(p) and len(p) <= _STAMP_CHARS for p in kept) and any(
            _DATE.search(p) for p in kept):
        return " | ".join(kept)
    return line


def ends_section(line: str) -> bool:
    """A heading of teasers, comments or a footer: the article is over after it. A short
    heading that ends with one counts too ("BÀI VIẾT CÙNG CHUYÊN MỤC", "Gửi bình luận của
    bạn"); a sentence never does, since it ends with its full stop."""
    parts = [part for part in line.split("|") if part.strip()]
    if len(parts) > 1 and any(ends_section(p) for p in parts) and all(
            ends_section(p) or is_debris(p) for p in parts):
        return True  # "Ý kiến bạn đọc (6)  |  Gửi ý kiến"
    parts = [part for part in line.split("|") if part.strip()]
    if len(parts) > 1 and any(ends_section(p) for p in parts) and all(
            ends_section(p) or is_debris(p) for p in parts):
        return True  # "Ý kiến bạn đọc (6)  |  Gửi ý kiến"
    k = key(line)
    heading = _HEADING_TAIL.sub("", k)
    short = len(heading.split()) <= _HEADING_WORDS and line.strip()[-1:] not in _SENTENCE_END
    prompt = k.split("...")[0].split("…")[0].strip()  # "Viết bình luận... (Vui lòng ...)"
    # set in capitals it heads the comments; "Bình luận (2)" may be a counter mid-page
    comments = bool(_COMMENTS_HEADING.match(line.strip())) and line.isupper()
    return comments or k in _SECTION_ENDS or heading in _SECTION_ENDS or prompt in _SECTION_ENDS or bool(
        _FOOTER_LINE.match(k)) or (
        short and any(heading.endswith(f" {end}") for end in _SECTION_TAILS))


def _resumes_after_teasers(lines: list[str], start: int) -> int:
    """Where the article goes on after a block of teasers set in its middle ("TIN LIÊN
    QUAN", then links to other articles, a blank line, then the article's next
    paragraph, perhaps under a subheading), else 0: at the article's end a teaser block is
    followed by more teasers, comments or the footer, not by a paragraph of prose."""
    at, teasers = start, 0
    while at < len(lines) and lines[at] and _TEASER.search(key(lines[at])):
        at, teasers = at + 1, teasers + 1
    if not teasers or at >= len(lines) or lines[at]:
        return 0  # no teasers, or no blank line after them: a teaser's own summary follows
    following = [i for i in range(at, len(lines)) if lines[i]][:2]  # a subheading, then prose
    for i in following:
        if is_debris(lines[i]) or ends_section(lines[i]) or _TEASER.search(key(lines[i])):
            return 0
        if len(lines[i]) >= _LONG_LINE:
            return following[0]
    return 0


def clean_lines(raw: str) -> list[str]:
    """Return the article's own non-empty lines, in order, NFC-normalised.

    Stops at a teaser, comment or footer heading once article text has begun, drops
    debris lines, and drops a final line that repeats an earlier one (CMS pages often
    print the title again at the end).
    """
    kept: list[str] = []
    begun = False
    lines = [line.strip() for line in unicodedata.normalize("NFC", raw).splitlines()]
    skip_to = 0
    for at, line in enumerate(lines):
        if not line or at < skip_to:
            continue
        if ends_section(line):
            if begun and not (skip_to := _resumes_after_teasers(lines, at + 1)):
                break
            continue
        line = without_widgets(line)
        if line and not is_debris(line):
            kept.append(line)
            begun = begun or line[-1] in _SENTENCE_END or len(line) >= _LONG_LINE
    while kept and kept[-1] in kept[:-1]:
        kept.pop()
    return kept
