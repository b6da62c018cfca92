"""The article library (issue 11): corrections, deletion, translation links and question
scope, on a real Chroma store and BM25 index with the fake embedder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from rag.documents import parse_document
from rag.lexical import LexicalIndex
from rag.scope import ArticleDates, mentions, question_period, resolve
from rag.types import Answer
from rag.units import UnitIndex

FIXTURES = Path(__file__).resolve().parent / "fixtures"
PAGES = ["cau-song-lam.html", "coastal-road.html", "benh-vien-da-khoa.html"]


def final(pipe, question: str, **kw) -> Answer:
    return [i for i in pipe.stream(question, [], **kw) if isinstance(i, Answer)][-1]


@pytest.fixture
def library(fake_pipeline, make_settings):
    """A pipeline over three saved pages (two Vietnamese, one English), ingested."""
    settings = make_settings(copy_docs=False)
    for name in PAGES:
        shutil.copy(FIXTURES / "html" / name, settings.documents_dir / name)
    return fake_pipeline(copy_docs=False)


def rows(pipe) -> dict[str, dict]:
    return {r["id"]: r for r in pipe.documents()}


def test_catalog_lists_metadata_passages_and_status(library) -> None:
    table = rows(library)
    assert set(table) == {"cau-song-lam", "coastal-road", "benh-vien-da-khoa"}
    row = table["coastal-road"]
    assert (row["title"], row["published"], row["language"], row["source"], row["format"]) == (
        "Coastal road upgrade to cut travel time by half", "2024-03-04T09:30", "en", "Southern Times", "html")
    assert row["status"] == "indexed" and row["chunks"] > 0 and row["missing"] == []


def test_correction_is_kept_in_front_matter_with_a_backup(library) -> None:
    path = library.settings.documents_dir / "cau-song-lam.html"
    before = path.read_bytes()
    library.correct_document("cau-song-lam", {"published": "21/05/2024", "title": "Cầu Sông Lam khởi công"})
    after = path.read_bytes()
    assert after.startswith(b"---\n") and after.endswith(before)  # the page itself is kept as it was
    backups = list(library.settings.backups_dir.iterdir())
    assert len(backups) == 1 and backups[0].read_bytes() == before
    row = rows(library)["cau-song-lam"]
    assert (row["published"], row["title"], row["status"]) == ("2024-05-21", "Cầu Sông Lam khởi công", "indexed")
    assert parse_document(after, name="cau-song-lam.html").detected >= {"byline", "url"}


def test_bad_corrections_are_refused(library) -> None:
    from rag.errors import DocumentError

    for changes in ({"published": "not a date"}, {"language": "fr"}, {"translation_of": "nope"},
                    {"translation_of": "cau-song-lam"}):
        with pytest.raises(DocumentError):
            library.correct_document("cau-song-lam", changes)
    assert not library.settings.backups_dir.exists()


def test_delete_removes_every_trace_and_keeps_the_file_in_the_trash(library) -> None:
    counts = library.delete_document("benh-vien-da-khoa")
    assert counts["chunks"] > 0 and counts["lexical"] == counts["chunks"] and counts["units"] > 0
    assert Path(counts["file"]).exists() and not (library.settings.documents_dir / "benh-vien-da-khoa.html").exists()
    assert "benh-vien-da-khoa" not in rows(library)
    store = library.retriever.store
    assert "benh-vien-da-khoa" not in store.doc_stamps()
    lexical = LexicalIndex.load(library.settings.lexical_dir)
    assert not [i for i in lexical.ids if i.startswith("benh-vien-da-khoa:")]
    assert UnitIndex.load(library.settings.units_dir).for_doc("benh-vien-da-khoa") == []
    answer = final(library, "Bệnh viện đa khoa tỉnh có bao nhiêu giường bệnh?")
    assert all(c.doc_id != "benh-vien-da-khoa" for c in answer.citations)


def retrieved_docs(answer: Answer) -> set[str]:
    return {cid.split(":", 1)[0] for cid in answer.retrieved}


def test_filter_by_article_and_dates(library) -> None:
    question = "Khu điều trị mới có bao nhiêu giường bệnh?"
    only = final(library, question, documents=["benh-vien-da-khoa"])
    assert retrieved_docs(only) == {"benh-vien-da-khoa"} and "300" in only.text
    assert {c.doc_id for c in only.citations} == {"benh-vien-da-khoa"}
    in_2024 = final(library, question, since="2024-01-01", until="2024-12-31")
    assert retrieved_docs(in_2024) == {"cau-song-lam", "coastal-road"}
    empty = final(library, question, since="2030-01-01")
    assert not empty.answerable and "Không có bài viết nào khớp bộ lọc" in empty.text


def test_question_period_narrows_retrieval(library) -> None:
    answer = final(library, "Tháng 5/2025, khu điều trị mới có bao nhiêu giường bệnh?")
    assert retrieved_docs(answer) == {"benh-vien-da-khoa"}
    assert "01/05/2025 – 31/05/2025" in (answer.notice or "")
    everything = final(library, "Khu điều trị mới có bao nhiêu giường bệnh?")
    assert len(retrieved_docs(everything)) > 1 and not everything.notice


def test_scope_rules() -> None:
    articles = [ArticleDates("a", None, mentions("Trong năm 2023, huyện thu ngân sách vượt dự toán.")),
                ArticleDates("b", parse_date_day("2024-03-11"), frozenset()),
                ArticleDates("c", parse_date_day("2025-01-02"), frozenset())]
    assert resolve("Thu ngân sách năm 2023 thế nào?", articles).doc_ids == {"a"}  # mentioned, not published
    assert resolve("What happened in March 2024?", articles).doc_ids == {"b"}
    assert resolve("Sự kiện năm 2019?", articles).doc_ids is None  # matches nothing: no narrowing
    assert resolve("x", articles, since="2024-01-01").doc_ids == {"b", "c"}
    assert question_period("từ tháng 1 đến tháng 3/2024") is not None
    from rag.errors import QuestionError

    with pytest.raises(QuestionError):
        resolve("x", articles, since="soon")


def test_a_date_written_without_its_year_is_of_the_articles_year() -> None:
    """"đến ngày 31/8" in an article of September 2024 is August 2024: a question about
    "the end of August 2024" covers that article, which was not published in August."""
    text = "Đến ngày 31/8 mới giải ngân được 41,3%; đã chi trả cho 29/37 hộ."
    assert (2024, 8) in mentions(text, 2024)
    assert not any(month == 8 for _, month in mentions(text))  # no year known: no month
    assert mentions("chi trả cho 29/37 hộ, tăng 6 tháng", 2024) == frozenset()
    articles = [ArticleDates("a", parse_date_day("2024-09-20"), mentions(text, 2024)),
                ArticleDates("b", parse_date_day("2024-05-02"), frozenset())]
    assert resolve("What had been disbursed by the end of August 2024?", articles).doc_ids == {"a"}


def parse_date_day(text: str):
    from rag.dates import parse_date

    return parse_date(text).day


def test_translations_are_linked_without_front_matter_and_can_be_unlinked(fake_pipeline, make_settings) -> None:
    """With the fake embedder similarities are low, so the passage threshold is relaxed;
    the real embedder's threshold is exercised by tests/test_seed_articles.py."""
    settings = make_settings(copy_docs=False)
    for suffix in ("vi", "en"):
        src = FIXTURES.parent.parent / "documents" / f"ham-tan-2024-03-11.{suffix}.md"
        _, body = src.read_text("utf-8").split("---\n", 2)[1:]
        (settings.documents_dir / f"{suffix}.txt").write_text(body, "utf-8")
    pipe = fake_pipeline(copy_docs=False, translation_min_similarity=0.0)
    row = rows(pipe)["en"]
    assert row["translation_of"] == "vi" and row["link"] == "auto" and row["link_score"] > 0.6
    pipe.correct_document("en", {"translation_of": None})
    row = rows(pipe)["en"]
    assert row["translation_of"] is None and row["link"] is None
    pipe.ingest()
    assert rows(pipe)["en"]["translation_of"] is None  # an undone link stays undone


def test_html_upload_keeps_the_page(fake_pipeline) -> None:
    pipe = fake_pipeline()
    data = (FIXTURES / "html" / "solar-farm.html").read_bytes()
    result = pipe.add_document("solar farm.html", data, {})
    saved = pipe.settings.documents_dir / result["path"]
    assert saved.suffix == ".html" and saved.read_bytes() == data and result["embedded"] > 0
    assert rows(pipe)["solar-farm"]["published"] == "2025-01-15T13:45"
