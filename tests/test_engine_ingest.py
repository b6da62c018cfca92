"""Incremental ingest on a real Chroma store and BM25 index, with the fast fake embedder."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FakeEmbeddings
from rag.documents import load_documents
from rag.errors import IndexError_
from rag.ingest import ingest, plan_chunks
from rag.lexical import LexicalIndex
from rag.pipeline import Pipeline
from rag.store import ChunkStore


def state(settings, embedder) -> tuple[list[str], list[str]]:
    """(stored chunk ids, lexical ids), both sorted."""
    store = ChunkStore(settings, embedder.model_id, embedder.dimension)
    stored = sorted(c.id for c, _ in store.all_chunks())
    lexical = LexicalIndex.load(settings.lexical_dir)
    assert lexical is not None
    return stored, sorted(lexical.ids)


def planned_ids(settings) -> list[str]:
    docs, _ = load_documents(settings.documents_dir)
    return sorted(p.chunk.id for p in plan_chunks(docs, settings.chunk_max_chars))


def assert_consistent(settings, embedder) -> list[str]:
    stored, lexical = state(settings, embedder)
    assert len(stored) == len(set(stored))
    assert stored == planned_ids(settings)  # nothing missing, no orphans
    assert lexical == stored
    return stored


def test_second_ingest_does_nothing(make_settings, fake_embedder: FakeEmbeddings) -> None:
    settings = make_settings()
    first = ingest(settings, fake_embedder)
    assert first.documents == 2 and first.embedded == first.chunks > 10 and first.deleted == 0
    count = len(assert_consistent(settings, fake_embedder))
    calls = fake_embedder.calls
    second = ingest(settings, fake_embedder)
    assert (second.embedded, second.deleted, second.chunks) == (0, 0, first.chunks)
    assert fake_embedder.calls == calls  # not one text re-embedded
    assert len(assert_consistent(settings, fake_embedder)) == count


def test_bilingual_ingest_embeds_each_chunk_once(make_settings,
                                                 fake_embedder: FakeEmbeddings) -> None:
    """Linking the translation pair reads the stored vectors: a fresh ingest embeds every
    chunk exactly once, and an edited translation only its new chunks, not the original's."""
    settings = make_settings()
    first = ingest(settings, fake_embedder)
    assert fake_embedder.calls == first.chunks
    store = ChunkStore(settings, fake_embedder.model_id, fake_embedder.dimension)
    assert any(counterpart for _, counterpart in store.all_chunks())  # linked all the same
    path = settings.documents_dir / "ham-tan-2024-03-11.en.md"
    path.write_text(path.read_text("utf-8").replace("Budget revenue", "Total budget revenue"), "utf-8")
    calls = fake_embedder.calls
    report = ingest(settings, fake_embedder)
    assert 0 < report.embedded < report.chunks
    assert fake_embedder.calls - calls == report.embedded


def test_edited_article_replaces_its_chunks(make_settings, fake_embedder: FakeEmbeddings) -> None:
    settings = make_settings()
    ingest(settings, fake_embedder)
    before = set(assert_consistent(settings, fake_embedder))
    path = settings.documents_dir / "ham-tan-2024-03-11.en.md"
    text = path.read_text("utf-8")
    path.write_text(text.replace("Budget revenue exceeded the assigned estimate",
                                 "Budget revenue exceeded the assigned estimate by 12 percent"), "utf-8")
    report = ingest(settings, fake_embedder)
    assert 0 < report.embedded < report.chunks and report.deleted == report.embedded
    after = set(assert_consistent(settings, fake_embedder))
    assert before - after and after - before
    assert all(cid.startswith("ham-tan-2024-03-11-en:") for cid in before ^ after)
    store = ChunkStore(settings, fake_embedder.model_id, fake_embedder.dimension)
    assert any("by 12 percent" in c.text for c, _ in store.all_chunks())


def test_metadata_only_edit_is_detected(make_settings, fake_embedder: FakeEmbeddings) -> None:
    """A new title changes every chunk's search text, so all of that article is re-embedded."""
    settings = make_settings()
    ingest(settings, fake_embedder)
    path = settings.documents_dir / "ham-tan-2024-03-11.vi.md"
    path.write_text(path.read_text("utf-8").replace("title: Phát huy", "title: Tiêu đề mới - Phát huy"), "utf-8")
    ingest(settings, fake_embedder)
    store = ChunkStore(settings, fake_embedder.model_id, fake_embedder.dimension)
    titles = {c.title for c, _ in store.all_chunks() if c.doc_id == "ham-tan-2024-03-11-vi"}
    assert titles == {"Tiêu đề mới - Phát huy cơ hội, tiềm năng, lợi thế để Hàm Tân phát triển"}
    assert_consistent(settings, fake_embedder)


def test_removed_article_loses_its_chunks(make_settings, fake_embedder: FakeEmbeddings) -> None:
    settings = make_settings()
    ingest(settings, fake_embedder)
    (settings.documents_dir / "ham-tan-2024-03-11.en.md").unlink()
    report = ingest(settings, fake_embedder)
    assert report.deleted > 0 and report.embedded == 0 and report.documents == 1
    stored = assert_consistent(settings, fake_embedder)
    assert stored and all(cid.startswith("ham-tan-2024-03-11-vi:") for cid in stored)


def test_broken_file_keeps_its_old_chunks_and_is_reported(make_settings, fake_embedder: FakeEmbeddings) -> None:
    settings = make_settings()
    ingest(settings, fake_embedder)
    before = state(settings, fake_embedder)[0]
    path = settings.documents_dir / "ham-tan-2024-03-11.en.md"
    path.write_bytes(b"\xff\xfe broken \x80 bytes")
    report = ingest(settings, fake_embedder)
    assert report.deleted == 0 and any("UTF-8" in p for p in report.problems)
    assert state(settings, fake_embedder)[0] == before


def test_rebuild_re_embeds_everything(make_settings, fake_embedder: FakeEmbeddings) -> None:
    settings = make_settings()
    first = ingest(settings, fake_embedder)
    before = assert_consistent(settings, fake_embedder)
    report = ingest(settings, fake_embedder, rebuild=True)
    assert report.embedded == first.chunks and report.deleted == 0
    assert assert_consistent(settings, fake_embedder) == before


def test_other_embedder_is_refused_with_rebuild_hint(make_settings, fake_embedder: FakeEmbeddings) -> None:
    settings = make_settings()
    ingest(settings, fake_embedder)
    other = FakeEmbeddings(model_id="another-model", dimension=256)
    with pytest.raises(IndexError_, match="rag ingest --rebuild") as err:
        ChunkStore(settings, other.model_id, other.dimension)
    assert "fake-hash-256" in err.value.message("en") and "another-model" in err.value.message("en")
    assert "rag ingest --rebuild" in err.value.message("vi")
    with pytest.raises(IndexError_, match="rebuild"):
        ingest(settings, other)  # ingest without --rebuild refuses too


def test_question_with_another_embedder_raises_index_error(make_settings, fake_embedder, monkeypatch) -> None:
    settings = make_settings()
    ingest(settings, fake_embedder)
    import rag.pipeline

    monkeypatch.setattr(rag.pipeline, "load_embedder", lambda *a, **k: FakeEmbeddings(model_id="another-model"))
    with pytest.raises(IndexError_, match="rag ingest --rebuild"):
        list(Pipeline(settings).stream("Hàm Tân phát triển thế nào?", []))


def test_rebuild_with_new_embedder_switches_identity(make_settings, fake_embedder: FakeEmbeddings) -> None:
    settings = make_settings()
    ingest(settings, fake_embedder)
    other = FakeEmbeddings(model_id="another-model", dimension=128)
    with pytest.raises(IndexError_):
        ingest(settings, other, rebuild=False)
    # the documented fix: --rebuild. The store is opened (and checked) before the drop.
    try:
        ingest(settings, other, rebuild=True)
    except IndexError_ as exc:
        pytest.fail(f"`rag ingest --rebuild` with the new embedder is refused: {exc}")
    assert_consistent(settings, other)


def test_pipeline_documents_lists_both_articles(fake_pipeline) -> None:
    pipe = fake_pipeline()
    docs = {d["id"]: d for d in pipe.documents()}
    assert set(docs) == {"ham-tan-2024-03-11-vi", "ham-tan-2024-03-11-en"}
    assert docs["ham-tan-2024-03-11-en"]["translation_of"] == "ham-tan-2024-03-11-vi"
    assert all(d["chunks"] > 5 for d in docs.values())


def test_empty_documents_folder_gives_empty_index_error(make_settings, fake_pipeline) -> None:
    pipe = fake_pipeline(ingest=False, copy_docs=False)
    report = pipe.ingest()
    assert report.documents == 0 and report.chunks == 0
    with pytest.raises(IndexError_, match="rag ingest"):
        list(pipe.stream("Hàm Tân phát triển thế nào?", []))


def test_lexical_index_out_of_date_is_reported(make_settings, fake_embedder, monkeypatch) -> None:
    settings = make_settings()
    ingest(settings, fake_embedder)
    LexicalIndex.build(["x"], ["x"]).save(settings.lexical_dir)
    import rag.pipeline

    monkeypatch.setattr(rag.pipeline, "load_embedder", lambda *a, **k: fake_embedder)
    with pytest.raises(IndexError_, match="rag ingest"):
        list(Pipeline(settings).stream("Hàm Tân phát triển thế nào?", []))
    ingest(settings, fake_embedder)  # the fix the message names
    assert_consistent(settings, fake_embedder)


def test_documents_dir_missing_is_a_document_error(make_settings, fake_embedder, tmp_path: Path) -> None:
    from rag.errors import DocumentError

    settings = make_settings(copy_docs=False, documents_dir=tmp_path / "nope")
    with pytest.raises(DocumentError, match="RAG_DOCUMENTS_DIR"):
        ingest(settings, fake_embedder)
