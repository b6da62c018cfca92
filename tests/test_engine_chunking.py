"""Documents -> clean bodies -> chunks, and the text normalisation every stage relies on.

All fast: the real articles in documents/ are parsed and chunked, no model is loaded.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from rag.chunking import chunk_document, chunk_id, paragraphs
from rag.cleaning import clean_lines, is_debris
from rag.config import PROJECT_ROOT, Settings
from rag.documents import display_title, load_documents, parse_document
from rag.ingest import plan_chunks
from rag.textnorm import clause_spans, detect_language, fold, has_diacritics, split_sentences

DOCS_DIR = PROJECT_ROOT / "documents"
SEEDS_DIR = PROJECT_ROOT.parent / "shared" / "seeds"
MAX = Settings().chunk_max_chars
DEBRIS = (".jpeg", "Bình luận", "POWERED BY", "Bài liên quan", "Theo dõi trên", "Comment (0)")


@pytest.fixture(scope="module")
def docs():
    loaded, problems = load_documents(DOCS_DIR)
    assert not problems, [p.en for p in problems]
    assert len(loaded) >= 2
    return loaded


@pytest.fixture(scope="module")
def planned(docs):
    return plan_chunks(docs, MAX)


def test_chunk_offsets_point_into_the_body(docs, planned) -> None:
    bodies = {d.id: d.body for d in docs}
    for p in planned:
        c = p.chunk
        assert bodies[c.doc_id][c.start:c.end] == c.text
        assert c.text == c.text.strip() and c.text


def test_chunks_cover_every_paragraph_in_order(docs, planned) -> None:
    for doc in docs:
        chunks = [p.chunk for p in planned if p.chunk.doc_id == doc.id]
        starts = [c.start for c in chunks]
        assert starts == sorted(starts)
        assert all(a.end <= b.start for a, b in zip(chunks, chunks[1:]))  # no overlap
        para_numbers = {s.paragraph for s in paragraphs(doc.body)}
        assert {c.paragraph for c in chunks} <= para_numbers
        assert [c.paragraph for c in chunks] == sorted(c.paragraph for c in chunks)
        # every non-space character of the body is in some chunk
        covered = sum(len(c.text.replace(" ", "").replace("\n", "")) for c in chunks)
        assert covered == len(doc.body.replace(" ", "").replace("\n", ""))


def test_chunk_paragraph_number_matches_its_start(docs, planned) -> None:
    for doc in docs:
        spans = list(paragraphs(doc.body))
        for p in (p for p in planned if p.chunk.doc_id == doc.id):
            para = spans[p.chunk.paragraph]
            assert para.start <= p.chunk.start < para.end


def test_chunk_sizes_stay_under_the_limit_unless_one_sentence(planned) -> None:
    for p in planned:
        text = p.chunk.text
        if len(text) > MAX:  # allowed only when it is one unsplittable clause
            assert clause_spans(text, MAX) == [(0, len(text))], text[:80]
    sizes = [len(p.chunk.text) for p in planned]
    assert sum(sizes) / len(sizes) > MAX / 3  # not shredded into fragments


def test_chunk_ids_are_deterministic_and_unique(docs, planned) -> None:
    again = plan_chunks(load_documents(DOCS_DIR)[0], MAX)
    assert [p.chunk.id for p in planned] == [p.chunk.id for p in again]
    assert len({p.chunk.id for p in planned}) == len(planned)
    for p in planned:
        c = p.chunk
        assert c.id.startswith(c.doc_id + ":")
    assert chunk_id("a", 0, 3, "abc") != chunk_id("a", 0, 3, "abd")


def test_search_text_carries_title_and_first_chunk_metadata(docs, planned) -> None:
    vi = next(d for d in docs if d.language == "vi")
    first = next(p for p in planned if p.chunk.doc_id == vi.id)
    assert first.search.startswith(vi.title) and "P.V" in first.search
    en = next(d for d in docs if d.translation_of == vi.id)
    en_chunk = next(p.chunk for p in planned if p.chunk.doc_id == en.id)
    assert en_chunk.title == display_title(None, vi.title, "en") and "English translation" in en_chunk.title


def test_no_scrape_debris_in_any_chunk(planned) -> None:
    for p in planned:
        for junk in DEBRIS:
            assert junk.lower() not in p.chunk.text.lower(), (junk, p.chunk.id)


@pytest.mark.skipif(not SEEDS_DIR.is_dir(), reason="../shared/seeds is not present")
def test_cleaning_reproduces_the_committed_documents(docs) -> None:
    checked = 0
    for path in sorted(DOCS_DIR.glob("*.md")):
        origin = next((line.split(":", 1)[1].strip() for line in path.read_text("utf-8").splitlines()
                       if line.startswith("origin:")), None)
        seed = SEEDS_DIR / Path(origin).name if origin else None
        if not seed or not seed.exists():
            continue
        doc = parse_document(path.read_bytes(), name=path.name)
        assert doc.body == "\n\n".join(clean_lines(seed.read_text("utf-8"))), path.name
        checked += 1
    assert checked >= 2


def test_seeds_do_contain_the_debris_that_cleaning_removes() -> None:
    if not SEEDS_DIR.is_dir():
        pytest.skip("../shared/seeds is not present")
    raw = "\n".join(p.read_text("utf-8") for p in SEEDS_DIR.glob("*.txt"))
    assert "Theo dõi trên" in raw  # so the debris test above is not vacuous


@pytest.mark.parametrize("line", ["anh-1-sharpen.jpeg", "(1) Bình luận", "Comment (0)", "POWERED BY ONECMS",
                                  "Theo dõi trên", "Chia sẻ:", "©2024 Báo", "Copyright 2024"])
def test_debris_lines(line: str) -> None:
    assert is_debris(line)


@pytest.mark.parametrize("line", ["Chia sẻ bài viết: Facebook | Zalo", "Share this: X / LinkedIn",
                                  "Họ và tên | Email | Nội dung", "Lượt xem: 2.381", "Views 918",
                                  "Trang chủ   Thời sự   Kinh tế   Văn hóa", "3 bình luận",
                                  "Chia sẻ   Facebook   In bài   Cỡ chữ A- A+", "1.520 lượt xem",
                                  "Lượt xem: 310 | Bình luận: 2", "Nghe đọc bài viết | Chia sẻ | In"])
def test_share_bars_form_fields_and_view_counters_are_debris(line: str) -> None:
    assert is_debris(line)


@pytest.mark.parametrize("line", ["Facebook và Zalo là hai mạng xã hội được dùng nhiều nhất.",
                                  "Nội dung chính của hội nghị gồm ba phần."])
def test_a_sentence_that_names_a_network_or_a_field_is_text(line: str) -> None:
    assert not is_debris(line)


def test_a_comments_heading_with_its_count_ends_the_article() -> None:
    raw = "Tiêu đề\n\nĐoạn một của bài.\n\nÝ kiến bạn đọc (0)\nGửi ý kiến\nBài khác rất dài."
    assert clean_lines(raw) == ["Tiêu đề", "Đoạn một của bài."]
    raw = "Tiêu đề\n\nĐoạn một của bài.\nLan Anh\nBài viết khác\nHuyện Đắk Tô đón bằng công nhận."
    assert clean_lines(raw) == ["Tiêu đề", "Đoạn một của bài.", "Lan Anh"]
    raw = "Đoạn một của bài.\n0 bình luận\nViết bình luận của bạn...\nTin khác."
    assert clean_lines(raw) == ["Đoạn một của bài."]


PROSE = ("Sau khi sáp nhập, xã còn thiếu 12 giáo viên tiểu học và 5 phòng học, huyện "
         "đề nghị tỉnh sớm bổ sung biên chế.")


def test_a_teaser_block_in_the_middle_of_the_article_does_not_end_it() -> None:
    teasers = ("TIN LIÊN QUAN\n» Tỉnh khai giảng năm học mới (05/09/2025)\n"
               "» Xã vận động học sinh ra lớp (12/08/2025)\n\n")
    raw = f"Đoạn một của bài.\n\n{teasers}Còn thiếu giáo viên\n\n{PROSE}"
    assert clean_lines(raw) == ["Đoạn một của bài.", "Còn thiếu giáo viên", PROSE]
    # at the article's end the teasers are followed by the footer, or a teaser's summary
    ends = f"Đoạn một của bài.\n\n{teasers}© 2025 Báo điện tử tỉnh. Giấy phép số 12/GP-BTTTT"
    assert clean_lines(ends) == ["Đoạn một của bài."]
    summary = f"Đoạn một của bài.\n\n{teasers.rstrip()}\n{PROSE}"
    assert clean_lines(summary) == ["Đoạn một của bài."]


@pytest.mark.parametrize("line", ["Năm 2024   huyện đạt 12/14 xã.",
                                  "Ông Hòa   nói hội nghị đã đề ra nhiều giải pháp quan trọng."])
def test_a_sentence_with_wide_spaces_is_not_a_menu(line: str) -> None:
    assert not is_debris(line)


def test_copyright_sign_footer_with_space_is_debris() -> None:
    assert is_debris("© 2024 Báo Bình Thuận")


def test_clean_lines_stops_at_related_and_drops_repeated_title() -> None:
    raw = "Tiêu đề bài\n\nĐoạn một.\n\nBình luận (2)\nĐoạn hai.\nBài liên quan\nTin khác hoàn toàn.\nTiêu đề bài"
    assert clean_lines(raw) == ["Tiêu đề bài", "Đoạn một.", "Đoạn hai."]
    assert clean_lines("Một.\nHai.\nMột.") == ["Một.", "Hai."]


def test_chunk_document_on_nfd_input_is_nfc_and_offsets_hold() -> None:
    import unicodedata

    raw = unicodedata.normalize("NFD", "Huyện Hàm Tân phát triển.\n\nĐoạn thứ hai rất dài. " * 3)
    doc = parse_document(raw.encode(), name="x.md")
    assert doc.body == unicodedata.normalize("NFC", doc.body)
    for c in chunk_document(doc, 60, "t"):
        assert doc.body[c.start:c.end] == c.text


# ----------------------------------------------------------------- folding and language


@pytest.mark.parametrize("accented, folded", [
    ("Hàm Tân", "ham tan"), ("Đường", "duong"), ("đắk lắk", "dak lak"), ("NGÂN SÁCH", "ngan sach"),
    ("Quốc lộ 55", "quoc lo 55"), ("620-BC/HU", "620-bc/hu"), ("plain english", "plain english"),
])
def test_fold(accented: str, folded: str) -> None:
    assert fold(accented) == folded
    assert fold(folded) == folded  # idempotent


def test_has_diacritics() -> None:
    assert has_diacritics("Hàm Tân") and has_diacritics("đi") and has_diacritics("Đ")
    assert not has_diacritics("Ham Tan") and not has_diacritics("620-BC/HU")


@pytest.mark.parametrize("text, lang", [
    ("Báo cáo số 620-BC/HU ban hành ngày nào?", "vi"),
    ("Bao cao so 620 ban hanh ngay nao?", "vi"),
    ("thu ngan sach huyen ham tan nam 2023 the nao", "vi"),
    ("Đường đi đâu", "vi"),
    ("What did the Ham Tan district achieve in 2023?", "en"),
    ("When was Report No. 620-BC/HU on Hàm Tân issued?", "en"),
    ("Quand le rapport a-t-il été publié ?", "fr"),
    ("哈姆丹县的报告是什么时候发布的？", "zh"),
    ("Wie viele neue Parteimitglieder gab es?", "de"),
])
def test_detect_language(text: str, lang: str) -> None:
    assert detect_language(text) == lang


@pytest.mark.parametrize("text", ["Quelle est la date du rapport?", "Combien de membres du parti?",
                                  "Où se trouve le district?"])
def test_detect_language_french_with_vietnamese_looking_words(text: str) -> None:
    assert detect_language(text) not in ("vi", "en")


def test_detect_language_english_with_many_vietnamese_names() -> None:
    assert detect_language("Which road connects Hàm Tân with Bà Rịa - Vũng Tàu?") == "en"


def test_split_sentences_keeps_abbreviations_and_codes() -> None:
    text = "Report No. 620-BC/HU was issued. It names Mr. Nam. Ngày 09/01/2024 ban hành."
    parts = [text[s:e] for s, e in split_sentences(text)]
    assert parts == ["Report No. 620-BC/HU was issued.", "It names Mr. Nam.", "Ngày 09/01/2024 ban hành."]


def test_clause_spans_cut_long_sentences_at_semicolons() -> None:
    sentence = "; ".join(["mệnh đề thứ %d khá dài về kinh tế xã hội" % i for i in range(20)]) + "."
    spans = clause_spans(sentence, 100)
    assert len(spans) == 20 and all(e - s <= 100 for s, e in spans)
    assert clause_spans("Notably: " + sentence, 100)[0][1] > len("Notably:")  # a short lead-in stays attached
    assert "".join(sentence[s:e] for s, e in spans).replace(";", "") == sentence.replace("; ", "")


@pytest.mark.parametrize("line", ["» Tỉnh khởi công cầu Rạch Mới nối hai huyện (12/10/2025)",
                                  "Huyện Đông Lạc đối thoại với hộ dân vùng dự án (21/08/2025)",
                                  "👍 Thích 46 | 💬 Bình luận (3)"])
def test_teaser_links_and_like_counters_are_debris(line: str) -> None:
    assert is_debris(line)


def test_a_short_heading_that_ends_with_a_section_name_ends_the_article() -> None:
    raw = "Tiêu đề\n\nĐoạn một của bài.\nBÀI VIẾT CÙNG CHUYÊN MỤC\nBài khác."
    assert clean_lines(raw) == ["Tiêu đề", "Đoạn một của bài."]
    # a subheading of the article itself is kept, and so is a sentence
    raw = "Tiêu đề\n\nNhững kết quả nổi bật\nĐây là bài viết cùng chuyên mục.\nĐoạn cuối."
    assert clean_lines(raw) == ["Tiêu đề", "Những kết quả nổi bật",
                                "Đây là bài viết cùng chuyên mục.", "Đoạn cuối."]
