"""Readers (issue 11): saved web pages and scraped text in, title, date and byline out.

The fixtures are pages and texts written for these tests in the layouts of Vietnamese
and English news sites (menus, breadcrumbs, teaser blocks, comments, tags, footers,
dates in meta tags, JSON-LD, ``<time>`` or only in the byline text);
``expected.yaml`` beside them says what each must give.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from rag.dates import dateline, parse_date
from rag.documents import parse_document
from rag.errors import DocumentError
from rag.formats import SUFFIXES, describe, format_for

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
# Text of the pages around the article: none of it may reach a body.
DEBRIS = ["Bài liên quan", "Nổi bật", "Đừng bỏ lỡ", "POWERED BY", "Bình luận", "Tags", "Chia sẻ",
          "In bài", "Tin cùng chuyên mục", "Tin khác", "Đọc nhiều", "Ý kiến bạn đọc", "Giấy phép",
          "Huyện mở rộng tuyến đường liên xã", "Khánh thành nhà văn hóa thôn", "Read more", "Most read",
          "Port expansion", "Copyright", "Trang chủ", "Subscribe", "Ảnh:", "Cỡ chữ", "Xem thêm"]


def cases(kind: str) -> list[tuple[str, dict]]:
    expected = yaml.safe_load((FIXTURES / kind / "expected.yaml").read_text(encoding="utf-8"))
    return sorted(expected.items())


def check_article(kind: str, name: str, want: dict) -> None:
    doc = parse_document((FIXTURES / kind / name).read_bytes(), name=name)
    paragraphs = doc.body.split("\n\n")
    assert (doc.title, doc.published, doc.byline, doc.language) == (
        want["title"], want["published"], want["byline"], want["language"])
    assert paragraphs[0] == want["title"]  # the title opens the body, a citation can point at it
    if want["published"]:
        assert dateline(paragraphs[1]) is not None  # and the dateline follows it
    first = next(i for i, p in enumerate(paragraphs) if p.startswith(want["first_sentence"]))
    assert all(len(p) < 120 for p in paragraphs[:first])  # only header lines before the lead
    last = max(i for i, p in enumerate(paragraphs) if p.endswith(want["last_sentence"]))
    assert all(len(p) <= 40 for p in paragraphs[last + 1:])  # at most a byline after it
    assert not [d for d in DEBRIS if d in doc.body]


@pytest.mark.parametrize(("name", "want"), cases("html"))
def test_saved_page(name: str, want: dict) -> None:
    check_article("html", name, want)


@pytest.mark.parametrize(("name", "want"), cases("scraped"))
def test_scraped_text(name: str, want: dict) -> None:
    check_article("scraped", name, want)


def test_html_fixtures_cover_four_layouts() -> None:
    layouts = {want["layout"] for _, want in cases("html")}
    assert len(cases("html")) >= 10 and len(layouts) >= 4


def test_saved_page_metadata_site_and_canonical_url() -> None:
    doc = parse_document((FIXTURES / "html" / "coastal-road.html").read_bytes(), name="coastal-road.html")
    assert doc.source == "Southern Times" and doc.url == "https://southerntimes.example.com/news/coastal-road"
    assert doc.format == "html" and doc.detected >= {"title", "published", "byline", "url"}


@pytest.mark.skipif(not SEEDS.is_dir(), reason=f"the seed files are not beside the repository ({SEEDS})")
def test_raw_seed_files_give_their_header() -> None:
    vi, en = (parse_document(p.read_bytes(), name=p.name) for p in sorted(SEEDS.glob("*.txt")))
    assert vi.language == "vi" and vi.published == "2024-03-11T04:54" and vi.byline == "P.V"
    assert vi.title and vi.body.startswith(f"{vi.title}\n\n11/03/2024, 04:54\n\n")
    assert vi.body.endswith("\n\nP.V") and "Bài liên quan" not in vi.body and "ONECMS" not in vi.body
    assert en.language == "en" and en.missing() == ["title", "published", "byline"]
    assert "Comment (0)" not in en.body and not en.body.endswith("Source")


@pytest.mark.parametrize(("line", "iso"), [
    ("11/03/2024, 04:54", "2024-03-11T04:54"),
    ("Cập nhật: 08:15 | 12/05/2025", "2025-05-12T08:15"),
    ("Thứ Hai, 12/05/2025 08:15 (GMT+7)", "2025-05-12T08:15"),
    ("Ngày 05 tháng 8 năm 2025", "2025-08-05"),
    ("March 4, 2024", "2024-03-04"),
    ("By Jane Doe | 4 March 2024 10:30 PM", "2024-03-04T22:30"),
    ("Đăng: 10/05/2025 | Cập nhật: 12/05/2025 09:00", "2025-05-10"),
])
def test_datelines(line: str, iso: str) -> None:
    found = dateline(line)
    assert found is not None and found[0].iso == iso


def test_a_sentence_with_a_date_is_not_a_dateline() -> None:
    assert dateline("Ngày 05/8/2025, UBND tỉnh tổ chức hội nghị tổng kết công tác năm và triển khai nhiệm vụ") is None
    assert parse_date("31/02/2024") is None and parse_date("2024-03-11").iso == "2024-03-11"


def test_one_list_of_formats() -> None:
    assert {".txt", ".md", ".html", ".htm"} <= set(SUFFIXES)
    assert format_for("x.HTML").name == "html" and format_for("x.pdf") is None
    assert ".html" in describe("en") and "trang web" in describe("vi")


@pytest.mark.parametrize(("name", "raw", "en"), [
    ("x.txt", b"\x00\x01\x02binary", "binary file"),
    ("x.html", "<html><body><nav><a>Trang chủ</a><a>Thời sự</a></nav></body></html>".encode(),
     "no article text was found"),
    ("x.md", "Bonjour à tous, ceci est un article écrit en français pour la ville.".encode(), "not supported"),
    ("x.pdf", b"%PDF-1.4", "not read"),
])
def test_bad_files_say_why(name: str, raw: bytes, en: str) -> None:
    with pytest.raises(DocumentError) as err:
        parse_document(raw, name=name)
    assert en in err.value.message("en") and name in err.value.message("vi")


def test_front_matter_wins_over_detection_even_when_empty() -> None:
    text = "Trang chủ\nCầu mới nối hai xã được khởi công\n20/05/2024, 08:30\nNội dung bài viết về cây cầu mới rất dài."
    found = parse_document(text.encode(), name="c.txt")
    assert found.title == "Cầu mới nối hai xã được khởi công" and found.published == "2024-05-20T08:30"
    fixed = parse_document(f"---\npublished: 2024-05-21\ntitle:\n---\n{text}".encode(), name="c.txt")
    assert fixed.published == "2024-05-21" and fixed.title is None and "title" in fixed.pinned
    assert fixed.body == found.body


def test_a_byline_in_capitals_on_top_and_a_dateline_under_the_sapo_are_found() -> None:
    sapo = ("(BK) - Sáng 9/9, Đoàn giám sát của Thường trực HĐND tỉnh đã giám sát việc cấp "
            "nước sạch nông thôn tại huyện Bình Khê, một huyện miền núi của tỉnh.")
    body = ("Theo báo cáo của UBND huyện, toàn huyện có 24 công trình cấp nước tập trung, "
            "trong đó 9 công trình ngừng hoạt động do xuống cấp và thiếu kinh phí.")
    page = (f"BÁO BÌNH KHÊ ĐIỆN TỬ\nTrang chủ\nThời sự > Chính trị\nGiám sát cấp nước sạch "
            f"nông thôn tại Bình Khê\nTRẦN MINH ĐỨC\n{sapo}\nThứ Tư, 10/09/2025 - 14:20\n{body}")
    doc = parse_document(page.encode(), name="p.txt")
    assert doc.published == "2025-09-10T14:20" and doc.byline == "TRẦN MINH ĐỨC"
    assert doc.title == "Giám sát cấp nước sạch nông thôn tại Bình Khê"


def test_front_matter_keys_other_tools_write_are_read() -> None:
    """Hugo and Jekyll write "date" and "author(s)"; the article's own key wins."""
    body = "Nội dung bài viết về cây cầu mới nối hai xã, dài hơn một câu."
    doc = parse_document(f"---\nDate: 2025-06-18\nauthors: [Lan Anh, Minh Tú]\n---\n{body}".encode(),
                         name="c.md")
    assert doc.published == "2025-06-18" and doc.byline == "Lan Anh, Minh Tú"
    both = parse_document(f"---\ndate: 2025-06-18\npublished: 2025-06-19\n---\n{body}".encode(),
                          name="c.md")
    assert both.published == "2025-06-19"


@pytest.mark.parametrize(("raw", "title", "published", "byline", "source"), [
    ("Trang chủ\nKinh tế\nThứ Ba, 15/04/2025 - 09:12\nTỉnh giải ngân 68% vốn đầu tư công quý I\n"
     "(PLO) - Quý I/2025, tỉnh giải ngân được 1.240 tỷ đồng vốn đầu tư công, đạt 68% kế hoạch.\n"
     "NGUYỄN HOÀNG\nTin liên quan\nTỉnh khởi công đường vành đai",
     "Tỉnh giải ngân 68% vốn đầu tư công quý I", "2025-04-15T09:12", "NGUYỄN HOÀNG", None),
    ("Vì sao giá rau xanh tăng gấp đôi sau mưa lớn?\n15/4/2025 09:12 GMT+7\n"
     "Mưa lớn kéo dài khiến nhiều vùng trồng rau ngập úng, nguồn cung giảm mạnh.\nTheo VnExpress",
     "Vì sao giá rau xanh tăng gấp đôi sau mưa lớn?", "2025-04-15T09:12", None, "VnExpress"),
    ("Home » World » Asia\nCoffee exports rise 12% in first quarter\nUpdated: April 15, 2025, 9:12 AM\n"
     "Vietnam exported 520,000 tonnes of coffee in the first quarter, up 12% from a year earlier.\n"
     "Reporting by Minh Le; Editing by Sarah Park\nRelated Stories\nCoffee prices hit record",
     "Coffee exports rise 12% in first quarter", "2025-04-15T09:12", "Minh Le", None),
])
def test_more_header_layouts(raw: str, title: str, published: str, byline: str | None,
                             source: str | None) -> None:
    doc = parse_document(raw.encode(), name="x.txt")
    assert (doc.title, doc.published, doc.byline, doc.source) == (title, published, byline, source)
    assert doc.body.startswith(title) and "Trang chủ" not in doc.body and "Related" not in doc.body


def test_a_long_menu_above_the_title_does_not_hide_the_header() -> None:
    from rag.readers.scraped import detect

    menu = "\n".join(["BÁO ĐÔNG LẠC ĐIỆN TỬ - Cơ quan của Đảng bộ, chính quyền và nhân dân tỉnh",
                      *[f"Chuyên mục {i}" for i in range(14)],
                      "Huyện Đông Lạc sơ kết 9 tháng: thu ngân sách vượt dự toán",
                      "15:42 | 16/10/2025 (GMT+7)",
                      "Chiều 15/10, huyện Đông Lạc tổ chức hội nghị sơ kết tình hình kinh tế - xã "
                      "hội 9 tháng năm 2025 với sự tham dự của lãnh đạo tỉnh.",
                      "LAN ANH - MINH ĐỨC",
                      "👍 Thích 12 | 💬 Bình luận (0)"])
    page = detect(menu)
    assert page.title == "Huyện Đông Lạc sơ kết 9 tháng: thu ngân sách vượt dự toán"
    assert page.published == "2025-10-16T15:42" and page.byline == "LAN ANH - MINH ĐỨC"


@pytest.mark.parametrize("line", [
    "💬 2 bình luận | ♥ 31",
    "Chia sẻ: Facebook | Zalo | Sao chép link",
    "Thẻ: cầu Sông Trà | Bí thư Tỉnh ủy | giải phóng mặt bằng",
    "[Nghe bài viết] 06:12 | Cỡ chữ A- A+ | In | Lưu",
])
def test_widgets_counters_and_tags_are_debris(line: str) -> None:
    from rag.cleaning import is_debris

    assert is_debris(line)


def test_a_comment_prompt_ends_the_article_and_a_counter_beside_the_dateline_is_not_a_byline() -> None:
    body = ("(BK) - Sáng 4/11, Bí thư Tỉnh ủy kiểm tra tiến độ dự án cầu Sông Trà, công trình "
            "trọng điểm nối hai huyện của tỉnh.")
    page = (f"Bí thư Tỉnh ủy kiểm tra dự án cầu Sông Trà\nThứ Tư, 05/11/2025 - 09:20 | 2.347 lượt xem\n"
            f"{body}\nĐĂNG KHOA - THU HIỀN\nViết bình luận... (Vui lòng gõ tiếng Việt có dấu)\n"
            "Bình luận hay của bạn đọc về cây cầu.")
    doc = parse_document(page.encode(), name="c.txt")
    assert doc.published == "2025-11-05T09:20" and doc.byline == "ĐĂNG KHOA - THU HIỀN"
    assert "bạn đọc" not in doc.body
    from rag.cleaning import is_debris

    assert not is_debris("31")  # a bare number with no pictograph is text, not a counter


def test_a_credit_in_brackets_at_the_end_is_the_byline_and_a_counter_bar_is_debris() -> None:
    from rag.cleaning import is_debris
    from rag.readers.scraped import byline_of

    assert byline_of("(Minh Trang - Quốc Việt/VGTV)") == "Minh Trang - Quốc Việt/VGTV"
    assert byline_of("(Thanh Mai - Phòng Nghiệp vụ Y)") == "Thanh Mai - Phòng Nghiệp vụ Y"
    assert byline_of("(Ảnh minh họa)") is None and byline_of("(Ảnh: Minh Trang)") is None
    assert is_debris("👍 Thích 14 | 💬 Bình luận 0 | ↗ Chia sẻ 5")
    assert not is_debris("Năm 2024 huyện có 14 xã.")


def test_readers_comments_and_a_reactions_widget_end_the_article_before_its_byline_is_read() -> None:
    body = ("(QH) - Chiều 19/2, Ban Thường vụ Tỉnh ủy làm việc với thị xã Bến Sỏi về phát "
            "triển du lịch biển và đô thị.")
    page = (f"Bến Sỏi cần kéo dài mùa du lịch\nNgày đăng: 20/02/2025 06:20\n{body}\n"
            "HẢI LONG - MAI ANH\nBạn thấy bài viết này thế nào?  😀 Hữu ích (18)  🙁 Chưa hay (0)\n"
            "BÌNH LUẬN (2)\nTrần Văn Bình · 20/02/2025 07:41\n"
            "Giá gửi xe ở bãi tắm quá cao, mong thị xã xử lý sớm.\nTrả lời · Thích (6)")
    doc = parse_document(page.encode(), name="b.txt")
    assert doc.byline == "HẢI LONG - MAI ANH"
    assert "gửi xe" not in doc.body and "Hữu ích" not in doc.body


def test_a_byline_with_its_desk_in_brackets_and_a_comment_counter_at_the_top() -> None:
    from rag.cleaning import clean_lines
    from rag.readers.scraped import byline_of

    assert byline_of("Minh Châu (Trung tâm Văn hóa, Thông tin và Thể thao huyện)") == (
        "Minh Châu (Trung tâm Văn hóa, Thông tin và Thể thao huyện)")
    raw = "Tiêu đề\nĐoạn một của bài.\nBình luận (0)\nĐoạn hai của bài."
    assert clean_lines(raw) == ["Tiêu đề", "Đoạn một của bài.", "Đoạn hai của bài."]


@pytest.mark.parametrize("line", [
    "Lượt xem: 512 | Thích (3) | Chia sẻ | In trang",
    "[In bài] [Lưu tin] | Chia sẻ: Facebook | Zalo",
    "👁 804 lượt đọc   ♥ 9   💬 2   [ ▶ Nghe bài viết ]   [ A− | A+ ]",
    "🔊 Nghe đọc bài viết | Giọng nam miền Bắc | Tốc độ 1.25x",
    "▶ VIDEO | Xã Hòa Phong đón bằng nông thôn mới | 00:00 / 03:05 | HD | Toàn màn hình",
    "Tài liệu đính kèm: Ke-hoach-2026.pdf (0,8 MB) | Tải về",
    "==========",
    "CỔNG THÔNG TIN ĐIỆN TỬ HUYỆN HÒA PHONG",
    "BÁO ĐÔNG LẠC ĐIỆN TỬ - Cơ quan của Đảng bộ, chính quyền và nhân dân tỉnh Đông Lạc",
])
def test_widget_bars_players_rules_and_mastheads_are_dropped(line: str) -> None:
    from rag.cleaning import clean_lines

    body = "Sáng 2/3, huyện Hòa Phong tổ chức hội nghị tổng kết công tác năm 2025."
    assert clean_lines(f"{line}\n{body}") == [body]


def test_a_dateline_keeps_its_date_when_its_counters_are_dropped() -> None:
    from rag.cleaning import clean_lines, without_widgets

    assert without_widgets("Ngày đăng: 02/03/2026 08:10 | Lượt xem: 1.204 | Thích: 7") == (
        "Ngày đăng: 02/03/2026 08:10")
    assert clean_lines("[Nghe bài viết] 04:12 | In") == []  # a player's clock is no date
    # prose is never cut into, whatever double spaces or bars it holds
    prose = "Huyện có 14 xã  | trong đó 3 xã đạt chuẩn nông thôn mới nâng cao."
    assert clean_lines(prose) == [prose]
    assert clean_lines("BÁO ĐỘNG ĐỎ VỀ SẠT LỞ Ở VÙNG CAO") == ["BÁO ĐỘNG ĐỎ VỀ SẠT LỞ Ở VÙNG CAO"]


def test_a_comment_bar_ends_the_article_and_a_name_under_the_dateline_is_its_byline() -> None:
    body = ("(ĐL) - Ngày 1/3, Ban Thường vụ Tỉnh ủy làm việc với huyện Hòa Phong về giảm "
            "nghèo và bảo vệ rừng.")
    page = (f"Hòa Phong phải giảm nghèo bền vững\nThứ hai, 02/03/2026 | 08:10 GMT+7\n"
            f"Lan Anh - Quốc Huy\n{body}\nLan Anh - Quốc Huy\n"
            "Ý kiến bạn đọc (4)  |  Gửi ý kiến\n» Hòa Phong thu hoạch chè vụ xuân (01/03/2026)\n"
            "BÁO ĐÔNG LẠC ĐIỆN TỬ")
    doc = parse_document(page.encode(), name="h.txt")
    assert doc.byline == "Lan Anh - Quốc Huy" and doc.published == "2026-03-02T08:10"
    assert "Ý kiến" not in doc.body and "BÁO" not in doc.body and "chè" not in doc.body
