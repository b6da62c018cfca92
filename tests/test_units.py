"""Evidence units: paragraphs, sentences and enumeration items with exact offsets.

Every article here is invented for the tests (places, people and figures included).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rag.textnorm import split_sentences
import rag.units as units_mod
from rag.units import Unit, UnitIndex, build_units

CONFERENCE = (
    "Sáng 12/3, Huyện ủy Đông Xuyên tổ chức hội nghị tổng kết năm 2024 lúc 9:30 tại hội "
    "trường huyện. Năm qua, huyện đạt 14/15 chỉ tiêu; thu ngân sách vượt 8% dự toán.\n\n"
    "Tuy nhiên, vẫn còn một số hạn chế, đó là: Tiến độ giải ngân vốn đầu tư công còn chậm. "
    "Công tác thu hút doanh nghiệp chưa đạt yêu cầu. Chất lượng nguồn nhân lực còn thấp. "
    "Bên cạnh đó, huyện đã kịp thời chấn chỉnh công tác cán bộ.\n\n"
    "Năm 2025, huyện tập trung các nhiệm vụ trọng tâm gồm hoàn thành đường liên xã Phước Lâm "
    "(giai đoạn 1; giai đoạn 2); nâng cấp chợ trung tâm; và đào tạo nghề cho 1.200 lao động.\n\n"
    "Ông Trần Văn Khải nói: \"Chúng ta phải làm tốt hơn; không được chủ quan.\"\n\n"
    "Các giải pháp chủ yếu:\n\n"
    "- Rà soát quy hoạch sử dụng đất;\n\n"
    "- Đẩy mạnh cải cách hành chính;\n\n"
    "- Huy động nguồn lực xã hội hóa."
)

HARBOUR = (
    "The Port Elwin town council met on Tuesday at 10:15 in the old library. "
    "The council identified three priorities, namely: expanding the river port; repairing "
    "the Bell Street bridge (closed since May; reopening planned for 2026); and training "
    "300 nurses.\n\n"
    "Mayor Ruth Okafor said: the budget is tight; every ward will get less.\n\n"
    "Residents asked for services such as a night bus; a second clinic; longer library hours."
)


def items_of(units: list[Unit], lead_text: str) -> list[Unit]:
    lead = next(u for u in units if u.text == lead_text and u.kind == "sentence")
    return [u for u in units if u.kind == "item" and u.list_id == lead.id]


def assert_items(body: str, items: list[Unit], expected: list[str]) -> None:
    """Exact texts and offsets: each item is the first occurrence of its text."""
    assert [u.text for u in items] == expected
    for unit, text in zip(items, expected):
        assert (unit.start, unit.end) == (body.index(text), body.index(text) + len(text))


# ---------------------------------------------------------------- build_units


def test_every_unit_is_an_exact_slice_in_reading_order() -> None:
    for doc_id, body in (("dx", CONFERENCE), ("pe", HARBOUR)):
        units = build_units(doc_id, body)
        assert [u.position for u in units] == list(range(len(units)))
        assert [u.id for u in units] == [f"{doc_id}#{n}" for n in range(len(units))]
        paragraphs = {u.paragraph: u for u in units if u.kind == "paragraph"}
        for u in units:
            assert u.text and body[u.start:u.end] == u.text
            para = paragraphs[u.paragraph]
            assert para.start <= u.start < u.end <= para.end  # never crosses a paragraph
        assert [u.start for u in units] == sorted(u.start for u in units)


def test_sentences_after_do_la_are_items_until_a_contrast_opener() -> None:
    units = build_units("dx", CONFERENCE)
    items = items_of(units, "Tuy nhiên, vẫn còn một số hạn chế, đó là:")
    assert_items(CONFERENCE, items, [
        "Tiến độ giải ngân vốn đầu tư công còn chậm",
        "Công tác thu hút doanh nghiệp chưa đạt yêu cầu",
        "Chất lượng nguồn nhân lực còn thấp",
    ])
    assert {u.lead for u in items} == {"Tuy nhiên, vẫn còn một số hạn chế, đó là:"}
    closing = next(u for u in units if u.text.startswith("Bên cạnh đó"))
    assert closing.kind == "sentence" and closing.list_id is None
    # the first item is cut from the lead-in's sentence; the others replace their sentences
    first_sentence = units_by_id(units)[items[0].parent]
    assert first_sentence.kind == "sentence" and first_sentence.text.startswith("Tuy nhiên")
    assert {units_by_id(units)[u.parent].kind for u in items[1:]} == {"paragraph"}
    assert not [u for u in units if u.kind == "sentence" and u.text.startswith("Công tác")]


def units_by_id(units: list[Unit]) -> dict[str, Unit]:
    return {u.id: u for u in units}


def test_cue_without_colon_splits_at_semicolons_outside_parentheses() -> None:
    units = build_units("dx", CONFERENCE)
    items = items_of(units, "Năm 2025, huyện tập trung các nhiệm vụ trọng tâm gồm")
    assert_items(CONFERENCE, items, [
        "hoàn thành đường liên xã Phước Lâm (giai đoạn 1; giai đoạn 2)",
        "nâng cấp chợ trung tâm",
        "đào tạo nghề cho 1.200 lao động",  # the joining "và" is left out
    ])
    assert all(units_by_id(units)[u.parent].kind == "sentence" for u in items)


def test_dash_bullets_after_a_lead_in_line() -> None:
    units = build_units("dx", CONFERENCE)
    lead = next(u for u in units if u.text == "Các giải pháp chủ yếu:" and u.kind == "sentence")
    assert lead.kind == "sentence" and lead.list_id == lead.id
    items = items_of(units, "Các giải pháp chủ yếu:")
    assert_items(CONFERENCE, items, [
        "Rà soát quy hoạch sử dụng đất",
        "Đẩy mạnh cải cách hành chính",
        "Huy động nguồn lực xã hội hóa",
    ])
    assert len({u.paragraph for u in items}) == 3


def test_time_quote_and_plain_semicolons_open_no_list() -> None:
    units = build_units("dx", CONFERENCE)
    listed = {u.paragraph for u in units if u.list_id}
    opening = [u for u in units if u.paragraph == 0]
    assert 0 not in listed  # "lúc 9:30" and "14/15 chỉ tiêu; thu ngân sách..." (no cue)
    assert [u.kind for u in opening] == ["paragraph", "sentence", "sentence"]
    quote = next(u for u in units if u.kind == "paragraph" and u.text.startswith("Ông Trần"))
    assert quote.paragraph not in listed


def test_english_namely_and_such_as_lists() -> None:
    units = build_units("pe", HARBOUR)
    assert_items(HARBOUR, items_of(units, "The council identified three priorities, namely:"), [
        "expanding the river port",
        "repairing the Bell Street bridge (closed since May; reopening planned for 2026)",
        "training 300 nurses",
    ])
    assert_items(HARBOUR, items_of(units, "Residents asked for services such as"), [
        "a night bus", "a second clinic", "longer library hours",
    ])


def test_reported_speech_and_clock_times_are_not_lead_ins() -> None:
    units = build_units("pe", HARBOUR)
    said = [u for u in units if u.text.startswith("Mayor Ruth Okafor")]
    assert said and all(u.list_id is None for u in said)
    assert not [u for u in units if u.list_id and "10:15" in u.text]


def test_lead_in_paragraph_with_semicolon_paragraphs_and_numbered_lines() -> None:
    body = ("Hội nghị thông qua các nghị quyết sau:\n\n"
            "Thành lập tổ công tác liên ngành;\n\n"
            "Điều chỉnh giá nước sinh hoạt từ tháng 7;\n\n"
            "Giao xã Bình Khê lập phương án tái định cư.\n\n"
            "Kết quả cụ thể:\n\n"
            "1. Trồng mới 40 ha rừng ngập mặn.\n\n"
            "2. Nạo vét 3 km kênh Cái Rô.\n\n"
            "Đây là năm thứ ba huyện hoàn thành kế hoạch.")
    units = build_units("bk", body)
    assert_items(body, items_of(units, "Hội nghị thông qua các nghị quyết sau:"), [
        "Thành lập tổ công tác liên ngành",
        "Điều chỉnh giá nước sinh hoạt từ tháng 7",
        "Giao xã Bình Khê lập phương án tái định cư",
    ])
    assert_items(body, items_of(units, "Kết quả cụ thể:"), [
        "Trồng mới 40 ha rừng ngập mặn", "Nạo vét 3 km kênh Cái Rô",
    ])
    last = [u for u in units if u.text.startswith("Đây là")]
    assert last and all(u.list_id is None for u in last)


def test_lead_in_paragraph_followed_by_item_sentences() -> None:
    body = ("Đoàn kiểm tra chỉ ra những tồn tại như sau:\n\n"
            "Hồ sơ đất đai lưu trữ chưa khoa học. Một số xã chậm cập nhật biến động. "
            "Tuy nhiên, các sai sót đã được khắc phục.")
    units = build_units("kt", body)
    assert_items(body, items_of(units, "Đoàn kiểm tra chỉ ra những tồn tại như sau:"), [
        "Hồ sơ đất đai lưu trữ chưa khoa học", "Một số xã chậm cập nhật biến động",
    ])


def test_colon_without_list_cue_keeps_following_sentences() -> None:
    body = "Kết quả: xã đạt chuẩn nông thôn mới. Năm tới xã phấn đấu đạt chuẩn nâng cao."
    units = build_units("x", body)
    assert [u.kind for u in units] == ["paragraph", "sentence", "sentence"]


# ---------------------------------------------------------------- the index


@pytest.fixture
def index() -> UnitIndex:
    return UnitIndex.build([("dx", CONFERENCE), ("pe", HARBOUR)])


def test_save_load_round_trip(index: UnitIndex, tmp_path: Path) -> None:
    target = tmp_path / "units"
    index.save(target)
    index.save(target)  # replacing an existing index leaves no temp or old folders behind
    assert sorted(p.name for p in tmp_path.iterdir()) == ["units"]
    loaded = UnitIndex.load(target)
    assert loaded is not None
    assert loaded.for_doc("dx") == index.for_doc("dx") and loaded.for_doc("pe") == index.for_doc("pe")
    assert loaded.stamps == index.stamps and set(loaded.stamps) == {"dx", "pe"}


def test_load_missing_or_broken_gives_none(tmp_path: Path) -> None:
    assert UnitIndex.load(tmp_path / "nothing") is None
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "units.json").write_text("{not json", encoding="utf-8")
    assert UnitIndex.load(tmp_path / "bad") is None
    (tmp_path / "bad" / "units.json").write_text(json.dumps({"format": 0}), encoding="utf-8")
    assert UnitIndex.load(tmp_path / "bad") is None


def test_in_span_returns_overlapping_units_of_the_asked_kinds(index: UnitIndex) -> None:
    start = CONFERENCE.index("Công tác thu hút")
    end = start + 10
    found = index.in_span("dx", start, end)
    assert [u.text for u in found] == ["Công tác thu hút doanh nghiệp chưa đạt yêu cầu"]
    paras = index.in_span("dx", start, end, kinds=("paragraph",))
    assert len(paras) == 1 and paras[0].text.startswith("Tuy nhiên")
    assert index.in_span("dx", 0, 0) == [] and index.in_span("zz", 0, 100) == []
    # a span ending exactly where a unit starts does not overlap it
    assert all(u.start < start for u in index.in_span("dx", 0, start))


def test_enumeration_and_enumerations_near(index: UnitIndex) -> None:
    start = CONFERENCE.index("Chất lượng nguồn nhân lực")
    [list_id] = index.enumerations_near("dx", start, start + 5)
    lead, items = index.enumeration(list_id)
    assert lead is not None and lead.text == "Tuy nhiên, vẫn còn một số hạn chế, đó là:"
    assert lead.id == list_id and index.get(list_id) == lead
    assert len(items) == 3 and [u.position for u in items] == sorted(u.position for u in items)
    assert index.enumeration("dx#0") == (None, [])
    assert index.enumerations_near("dx", 0, 50) == []
    # a span over the lead-in alone finds the list too
    lead_at = CONFERENCE.index("Các giải pháp chủ yếu")
    [bullets] = index.enumerations_near("dx", lead_at, lead_at + 3)
    assert [u.text for u in index.enumeration(bullets)[1]][0] == "Rà soát quy hoạch sử dụng đất"


def test_list_without_lead_in_uses_its_first_item() -> None:
    body = "• Giảm 12% hộ nghèo\n\n• Xây 2 trường mầm non"
    index = UnitIndex.build([("q", body)])
    items = [u for u in index.for_doc("q") if u.kind == "item"]
    assert [u.text for u in items] == ["Giảm 12% hộ nghèo", "Xây 2 trường mầm non"]
    lead, members = index.enumeration(items[0].id)
    assert lead is None and members == items and items[1].lead is None


def test_cued_colon_wins_and_semicolon_sentences_continue_until_a_connective() -> None:
    body = ("Đánh giá năm 2024, Thường trực Huyện ủy Ea Lăng kết luận: huyện đạt nhiều kết quả "
            "quan trọng; nổi bật là: Tổng sản phẩm tăng 7,2%; xây mới 3 trường học. Thu hút 5 dự "
            "án chế biến nông sản; giải ngân vốn đạt 96%. Do vậy, huyện cần phát huy lợi thế.")
    units = build_units("el", body)
    lead_text = body[:body.index("nổi bật là:") + len("nổi bật là:")]
    items = items_of(units, lead_text)
    assert_items(body, items, ["Tổng sản phẩm tăng 7,2%", "xây mới 3 trường học",
                               "Thu hút 5 dự án chế biến nông sản", "giải ngân vốn đạt 96%"])
    by_id = units_by_id(units)
    assert by_id[items[2].parent].text == "Thu hút 5 dự án chế biến nông sản; giải ngân vốn đạt 96%."
    assert [u.kind for u in units if u.text.startswith("Do vậy")] == ["sentence"]


def test_split_sentences_keeps_initials_and_list_numbers() -> None:
    text = ("Senator Mary J. Holt visited the U.S. Navy yard. She left at noon. "
            "Kế hoạch có hai phần. 1. Trồng mới 40 ha rừng. B. Nạo vét kênh.")
    parts = [text[s:e] for s, e in split_sentences(text)]
    assert parts == ["Senator Mary J. Holt visited the U.S. Navy yard.", "She left at noon.",
                     "Kế hoạch có hai phần.", "1. Trồng mới 40 ha rừng.", "B. Nạo vét kênh."]


# ---------------------------------------------------------------- translation links

VI_ORIGINAL = (
    "Xã Phú Hòa đón chuẩn nông thôn mới\n\n"
    "Ngày 5/6, UBND huyện Krông Bơ trao quyết định công nhận xã Phú Hòa đạt chuẩn nông thôn mới. "
    "Xã có 4.300 dân, thu nhập bình quân đạt 62 triệu đồng mỗi người.\n\n"
    "Những kết quả nổi bật gồm: cứng hóa 18 km đường giao thông; xây mới trường tiểu học Hòa An; "
    "và đưa nước sạch tới 97% hộ dân.\n\n"
    "Ông Lê Minh Tâm, Chủ tịch UBND xã, cho biết xã sẽ duy trì các tiêu chí đã đạt."
)
EN_TRANSLATION = (
    "On June 5, the Krong Bo District People's Committee presented the decision recognising "
    "Phu Hoa commune as meeting the new rural standards. The commune has 4,300 residents, with "
    "an average income of 62 million dong per person.\n\n"
    "Notable results include: paving 18 km of roads; building the new Hoa An primary school; "
    "and bringing clean water to 97% of households.\n\n"
    "Mr. Le Minh Tam, Chairman of the commune People's Committee, said the commune would "
    "keep the criteria it had met."
)


def test_chunk_pairs_take_the_translation_side() -> None:
    from rag.types import Chunk

    en = Chunk(id="en:1", doc_id="ph-en", text="x", start=0, end=10, paragraph=0,
               language="en", title="t", translation_of="ph-vi")
    vi = Chunk(id="vi:1", doc_id="ph-vi", text="y", start=5, end=30, paragraph=1,
               language="vi", title="t")
    assert units_mod.chunk_pairs([(en, "vi:1"), (vi, "en:1")]) == {("ph-en", 0, 10): ("ph-vi", 5, 30)}
    assert units_mod.chunk_pairs([(en, "gone:1"), (vi, None)]) == {}


def linked_index() -> UnitIndex:
    index = UnitIndex.build([("ph-vi", VI_ORIGINAL), ("ph-en", EN_TRANSLATION)])
    vi_paras = [u for u in index.for_doc("ph-vi") if u.kind == "paragraph"][1:]  # no title in EN
    en_paras = [u for u in index.for_doc("ph-en") if u.kind == "paragraph"]
    # chunk counterparts as ingest finds them: here one chunk per paragraph, in order
    pairs = {("ph-en", e.start, e.end): ("ph-vi", v.start, v.end) for e, v in zip(en_paras, vi_paras)}
    units_mod.link_units(index, pairs)
    return index


def test_link_units_pairs_sentences_and_items_one_to_one() -> None:
    index = linked_index()

    def other(doc: str, body: str, text: str) -> str | None:
        start = body.index(text)
        [unit] = [u for u in index.in_span(doc, start, start + len(text)) if u.text == text]
        found = index.counterpart(unit.id)
        return found.text if found else None

    assert other("ph-en", EN_TRANSLATION, "paving 18 km of roads") == "cứng hóa 18 km đường giao thông"
    assert other("ph-en", EN_TRANSLATION, "bringing clean water to 97% of households") == \
        "đưa nước sạch tới 97% hộ dân"
    assert other("ph-vi", VI_ORIGINAL, "xây mới trường tiểu học Hòa An") == \
        "building the new Hoa An primary school"
    assert other("ph-en", EN_TRANSLATION, "Notable results include:") == "Những kết quả nổi bật gồm:"
    assert other("ph-vi", VI_ORIGINAL, "Xã có 4.300 dân, thu nhập bình quân đạt 62 triệu đồng mỗi "
                 "người.").startswith("The commune has 4,300 residents")
    title = index.for_doc("ph-vi")[1]
    assert title.text == "Xã Phú Hòa đón chuẩn nông thôn mới" and index.counterpart(title.id) is None


def test_link_units_links_containers_and_survives_save(tmp_path: Path) -> None:
    index = linked_index()
    en_para = [u for u in index.for_doc("ph-en") if u.kind == "paragraph"][1]
    linked = index.counterpart(en_para.id)
    assert linked is not None and linked.text.startswith("Những kết quả nổi bật gồm")
    index.save(tmp_path / "units")
    loaded = UnitIndex.load(tmp_path / "units")
    assert loaded is not None and loaded.links == index.links and loaded.links


# ---------------------------------------------------------------- ingest


def write_article(folder: Path, name: str, meta: dict[str, str], body: str) -> Path:
    front = "".join(f"{k}: {v}\n" for k, v in meta.items())
    path = folder / name
    path.write_text(f"---\n{front}---\n\n{body}\n", encoding="utf-8")
    return path


def test_ingest_builds_units_once_and_rebuilds_on_change(make_settings, fake_embedder,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from rag.ingest import ingest

    settings = make_settings(copy_docs=False)
    vi = write_article(settings.documents_dir, "phu-hoa.vi.md",
                       {"id": "ph-vi", "language": "vi"}, VI_ORIGINAL)
    write_article(settings.documents_dir, "phu-hoa.en.md",
                  {"id": "ph-en", "language": "en", "translation_of": "ph-vi"}, EN_TRANSLATION)
    builds: list[int] = []
    real = units_mod.rebuild_units

    def counting(*args, **kwargs):  # type: ignore[no-untyped-def]
        builds.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr("rag.ingest.rebuild_units", counting)
    ingest(settings, fake_embedder)
    saved = UnitIndex.load(settings.units_dir)
    assert saved is not None and set(saved.stamps) == {"ph-vi", "ph-en"} and len(builds) == 1
    assert [u.text for u in saved.for_doc("ph-en") if u.kind == "item"] == [
        "paving 18 km of roads", "building the new Hoa An primary school",
        "bringing clean water to 97% of households"]

    ingest(settings, fake_embedder)  # nothing changed: units are not rebuilt
    assert len(builds) == 1

    vi.write_text(vi.read_text("utf-8").replace("cứng hóa 18 km", "cứng hóa 21 km"), "utf-8")
    ingest(settings, fake_embedder)
    assert len(builds) == 2
    rebuilt = UnitIndex.load(settings.units_dir)
    assert rebuilt is not None and rebuilt.stamps != saved.stamps
    assert "cứng hóa 21 km đường giao thông" in [u.text for u in rebuilt.for_doc("ph-vi")]

    (settings.documents_dir / "phu-hoa.en.md").unlink()
    ingest(settings, fake_embedder)
    final = UnitIndex.load(settings.units_dir)
    assert final is not None and set(final.stamps) == {"ph-vi"} and final.for_doc("ph-en") == []


def test_broken_file_keeps_its_units(make_settings, fake_embedder) -> None:
    from rag.ingest import ingest

    settings = make_settings(copy_docs=False)
    write_article(settings.documents_dir, "phu-hoa.vi.md", {"id": "ph-vi", "language": "vi"},
                  VI_ORIGINAL)
    en = write_article(settings.documents_dir, "phu-hoa.en.md",
                       {"id": "ph-en", "language": "en", "translation_of": "ph-vi"}, EN_TRANSLATION)
    ingest(settings, fake_embedder)
    before = UnitIndex.load(settings.units_dir)
    en.write_bytes(b"\xff\xfe broken \x80 bytes")
    ingest(settings, fake_embedder)
    after = UnitIndex.load(settings.units_dir)
    assert before is not None and after is not None
    assert after.for_doc("ph-en") == before.for_doc("ph-en") and after.for_doc("ph-en")


def test_cue_words_keep_their_accents() -> None:
    # "xã hội:" is not "hỏi:" (to ask); "nhu cầu" (need) is not the list cue "như"
    body = ("Kết quả lĩnh vực văn hóa - xã hội: 3 thôn đạt chuẩn văn hóa; 2 nhà văn hóa được xây mới.\n\n"
            "Nhu cầu vốn của hợp tác xã Tân Lập tăng; lãi suất vay vẫn cao.")
    units = build_units("vh", body)
    assert_items(body, items_of(units, "Kết quả lĩnh vực văn hóa - xã hội:"),
                 ["3 thôn đạt chuẩn văn hóa", "2 nhà văn hóa được xây mới"])
    assert not [u for u in units if u.paragraph == 1 and u.list_id]


@pytest.mark.parametrize(("body", "expected", "lead"), [
    # the ordinal sentences fill a paragraph of their own after the one announcing them
    ("Kết luận buổi làm việc, đồng chí chỉ ra những hạn chế mà huyện cần khắc phục.\n\n"
     "Một là, sản xuất còn manh mún. Hai là, giải ngân chậm; nhiều dự án chưa khởi công. "
     "Ba là, thiếu giáo viên.\n\nVề nhiệm vụ, đồng chí yêu cầu huyện làm tốt công tác cán bộ.",
     ["sản xuất còn manh mún", "giải ngân chậm; nhiều dự án chưa khởi công", "thiếu giáo viên"],
     "Kết luận buổi làm việc, đồng chí chỉ ra những hạn chế mà huyện cần khắc phục."),
    # they follow the announcing sentence in its paragraph, whatever the points are
    # called ("nội dung" names no category); a sentence between two goes on the first
    ("Tại hội nghị, Sở Giao thông kiến nghị Bộ một số nội dung. Một là, sớm phê duyệt dự án "
     "cầu Bến Mới. Dự án đã chờ hai năm. Hai là, bổ sung 12 tỷ đồng vốn bảo trì. Ba là, cho "
     "phép điều chỉnh quy hoạch bến xe.\n\nGiám đốc Sở cũng cho biết, năm 2025 sẽ khởi công "
     "3 tuyến đường mới.",
     ["sớm phê duyệt dự án cầu Bến Mới. Dự án đã chờ hai năm", "bổ sung 12 tỷ đồng vốn bảo trì",
      "cho phép điều chỉnh quy hoạch bến xe"],
     "Tại hội nghị, Sở Giao thông kiến nghị Bộ một số nội dung."),
])
def test_ordinal_sentences_are_items_of_the_list_announced_before(body: str, expected: list[str],
                                                                  lead: str) -> None:
    units = build_units("d", body)
    items = [u for u in units if u.kind == "item"]
    assert [u.text for u in items] == expected
    assert next(u for u in units if u.id == items[0].list_id).text == lead
    last = max(u.paragraph for u in units)
    assert not [u for u in units if u.paragraph == last and u.list_id]


def test_one_ordinal_is_no_enumeration() -> None:
    units = build_units("e", "Sở nêu hai việc. Một là, làm đường. Việc khác còn bàn.")
    assert not [u for u in units if u.kind == "item"]


def test_paragraph_opened_by_a_sentence_announcing_points_lists_its_other_sentences() -> None:
    body = ("Tại buổi đối thoại, nhiều hộ dân xã Tân Lập nêu những khó khăn. Giá phân bón tăng "
            "gần gấp đôi. Kênh tưới bị bồi lấp nên ruộng thiếu nước. Tuy nhiên, xã đã có "
            "phương án nạo vét.\n\n"
            "The cooperative also raised several requests. It wants a cold store near the "
            "market. It asks for cheaper loans for 40 members.")
    units = build_units("d", body)
    assert_items(body, items_of(units, "Tại buổi đối thoại, nhiều hộ dân xã Tân Lập nêu những khó khăn."), [
        "Giá phân bón tăng gần gấp đôi", "Kênh tưới bị bồi lấp nên ruộng thiếu nước",
    ])
    assert_items(body, items_of(units, "The cooperative also raised several requests."), [
        "It wants a cold store near the market", "It asks for cheaper loans for 40 members",
    ])
    turn = next(u for u in units if u.text.startswith("Tuy nhiên"))
    assert turn.kind == "sentence" and turn.list_id is None


def test_a_category_named_early_or_without_a_quantifier_announces_nothing() -> None:
    body = ("Những khó khăn của xã Tân Lập đã được tháo gỡ nhờ sự vào cuộc của huyện trong "
            "suốt năm qua. Giá phân bón đã giảm. Kênh tưới đã được nạo vét.\n\n"
            "Xã đã khắc phục khó khăn. Giá phân bón đã giảm. Kênh tưới đã được nạo vét.")
    units = build_units("d", body)
    assert not [u for u in units if u.kind == "item"]


def test_requests_in_one_semicolon_sentence_without_colon_are_items() -> None:
    body = ("Kết luận buổi làm việc, đồng chí Bí thư Tỉnh ủy đề nghị thị xã Phú Sa rà soát "
            "quy hoạch khu ven biển; đẩy nhanh giải phóng mặt bằng tuyến đường Bắc - Nam; "
            "và xử lý dứt điểm 12 công trình xây dựng trái phép.\n\n"
            "Năm 2024, thị xã thu ngân sách đạt 105% dự toán được giao; chi ngân sách 96%.")
    units = build_units("ps", body)
    items = items_of(units, "Kết luận buổi làm việc, đồng chí Bí thư Tỉnh ủy đề nghị")
    assert_items(body, items, [
        "thị xã Phú Sa rà soát quy hoạch khu ven biển",
        "đẩy nhanh giải phóng mặt bằng tuyến đường Bắc - Nam",
        "xử lý dứt điểm 12 công trình xây dựng trái phép",
    ])
    assert not [u for u in units if u.paragraph == 1 and u.kind == "item"]  # "được giao"


@pytest.mark.parametrize("sentence", [
    "Trả lời các kiến nghị, đồng chí cho biết tỉnh ghi nhận; giao Sở Tài chính tham mưu; "
    "trước mắt huyện tự cân đối.",  # a reply to requests, not requests
    "Riêng đề nghị chuyển 214 ha rừng, tỉnh không đồng ý; yêu cầu giữ ổn định đất rừng; "
    "khuyến khích trồng dược liệu.",  # the noun: what was asked, then the answer
    "Xã cũng kiến nghị tỉnh cấp 40 máy tính; điều động 3 công chức về hỗ trợ.",  # two parts
])
def test_request_nouns_replies_and_two_part_requests_open_no_list(sentence: str) -> None:
    assert not [u for u in build_units("r", sentence) if u.kind == "item"]


def test_a_markdown_subheading_is_cited_without_its_marker() -> None:
    body = "Mở đầu bài.\n\n## Chưa thể bổ sung biên chế\n\nViệc bổ sung chưa thể thực hiện."
    heading = [u for u in build_units("h", body) if u.text.startswith("Chưa thể bổ sung")]
    assert [u.kind for u in heading] == ["paragraph", "sentence"]
    assert all(body[u.start:u.end] == "Chưa thể bổ sung biên chế" for u in heading)
