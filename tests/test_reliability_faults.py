"""Issue 6, faults: killed ingest, missing/unwritable store, other embedder, backend down,
disk full. The index must stay consistent or usable, and errors must be RagErrors.

(LLM model file missing / wrong checksum: covered in tests/test_llm.py
 ``test_missing_part_names_the_fix`` and ``test_wrong_checksum_leaves_no_file``; the
 pipeline's fallback when the chat model cannot load is in test_engine_answer.py.)
"""

from __future__ import annotations

import errno
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import DOCUMENTS, FakeEmbeddings
from rag.config import Settings
from rag.documents import load_documents
from rag.errors import IndexError_, RagError
from rag.ingest import ingest, plan_chunks
from rag.lexical import LexicalIndex
from rag.pipeline import Pipeline
from rag.store import ChunkStore
from rag.types import Answer

QUESTION = "Báo cáo số 620-BC/HU được ban hành ngày nào?"


def answer(pipe: Pipeline, question: str = QUESTION, **kw) -> Answer:
    return [i for i in pipe.stream(question, [], **kw) if isinstance(i, Answer)][-1]


# ----------------------------------------------------------------- killed ingest (real `rag ingest`)

PLACES = ["Tân Xuân", "Tân Thắng", "Sơn Mỹ", "Tân Phúc", "Thắng Hải", "Tân Đức", "Sông Phan", "Tân Hà"]


def synthetic_article(n: int) -> str:
    place = PLACES[n % len(PLACES)]
    paras = [
        f"Xã {place} triển khai dự án số {1000 + n} về giao thông nông thôn, với tổng vốn {n + 3} tỷ đồng "
        f"từ ngân sách huyện và nguồn xã hội hóa. Công trình dài {n % 7 + 2} km, nối trung tâm xã với quốc lộ.",
        f"Theo Ủy ban nhân dân xã {place}, trong năm {2000 + n % 25} địa phương đã vận động người dân hiến "
        f"{n * 10 + 5} mét vuông đất để mở rộng mặt đường; các hộ dân được hỗ trợ di dời cây trồng và tường rào.",
        f"Bên cạnh giao thông, xã còn đầu tư {n % 5 + 1} trường học, một trạm y tế và hệ thống nước sạch. "
        f"Mục tiêu đến cuối năm là hoàn thành {60 + n % 40} phần trăm khối lượng các hạng mục đã đăng ký.",
        f"Lãnh đạo huyện đề nghị {place} đẩy nhanh tiến độ giải ngân, công khai minh bạch các khoản đóng góp "
        f"và báo cáo kết quả trước ngày {n % 28 + 1}/{n % 12 + 1}/2024 theo kế hoạch số {200 + n}-KH/UBND.",
    ]
    return f"---\nid: synth-{n:02d}\ntitle: Tin tổng hợp {n} về {place}\nlanguage: vi\n---\n\n" + "\n\n".join(paras)


def run_rag_ingest(env: dict[str, str], cwd: Path) -> subprocess.Popen:
    rag = Path(sys.executable).parent / "rag"
    command = [str(rag)] if rag.exists() else [sys.executable, "-m", "rag.cli"]
    return subprocess.Popen([*command, "ingest"], env=env, cwd=cwd, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


@pytest.mark.real_model
def test_killed_ingest_is_completed_by_the_next_run(tmp_path: Path, real_embedder) -> None:
    docs, data = tmp_path / "docs", tmp_path / "var"
    shutil.copytree(DOCUMENTS, docs)
    for n in range(30):
        (docs / f"synth-{n:02d}.md").write_text(synthetic_article(n), "utf-8")
    env = {**os.environ, "RAG_DATA_DIR": str(data), "RAG_DOCUMENTS_DIR": str(docs),
           "RAG_EMBEDDING_BATCH_SIZE": "4", "RAG_BACKEND": "extractive", "OMP_WAIT_POLICY": "PASSIVE"}
    rng = random.Random(20240311)
    killed = 0
    for _ in range(3):
        proc = run_rag_ingest(env, tmp_path)
        deadline = time.monotonic() + 180
        while not (data / "chroma").exists() and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)  # the store is opened once the model is loaded
        time.sleep(rng.uniform(0.3, 4.0))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            killed += 1
        proc.communicate(timeout=60)
    assert killed >= 2, "ingest finished before it could be killed; make the corpus larger"

    proc = run_rag_ingest(env, tmp_path)
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err[-2000:]
    assert "32 documents" in out

    settings = Settings(documents_dir=docs, data_dir=data)
    planned = sorted(p.chunk.id for p in plan_chunks(load_documents(docs)[0], settings.chunk_max_chars))
    store = ChunkStore(settings, real_embedder.model_id, real_embedder.dimension)
    stored = [c.id for c, _ in store.all_chunks()]
    assert store.count() == len(planned) == len(stored)
    assert len(set(stored)) == len(stored)  # no duplicates
    assert sorted(stored) == planned  # no orphans, nothing missing
    lexical = LexicalIndex.load(settings.lexical_dir)
    assert lexical is not None and sorted(lexical.ids) == planned
    assert not list(data.glob(".lexical-*")), "a killed run left a temp lexical folder behind"


# ----------------------------------------------------------------- store problems (fake embedder)


def test_missing_store_says_run_rag_ingest(make_settings, fake_embedder, monkeypatch) -> None:
    import rag.pipeline

    monkeypatch.setattr(rag.pipeline, "load_embedder", lambda *a, **k: fake_embedder)
    settings = make_settings()
    assert not settings.data_dir.exists()
    with pytest.raises(IndexError_) as err:
        answer(Pipeline(settings))
    assert "rag ingest" in err.value.message("en") and "rag ingest" in err.value.message("vi")


def test_store_deleted_after_ingest_says_run_rag_ingest(fake_pipeline) -> None:
    pipe = fake_pipeline()
    shutil.rmtree(pipe.settings.data_dir)
    fresh = Pipeline(pipe.settings)
    fresh._embedder = pipe.embedder
    with pytest.raises(IndexError_, match="rag ingest"):
        answer(fresh)


def test_unwritable_store_location_is_a_clear_error(make_settings, fake_embedder) -> None:
    settings = make_settings()
    settings.data_dir.mkdir(parents=True)
    settings.chroma_dir.write_text("not a folder")  # cannot create the store here
    with pytest.raises(IndexError_) as err:
        ingest(settings, fake_embedder)
    assert str(settings.chroma_dir) in err.value.message("en") and "Không mở được" in err.value.message("vi")


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root ignores file permissions")
def test_read_only_store_is_a_rag_error(make_settings, fake_embedder) -> None:
    settings = make_settings()
    ingest(settings, fake_embedder)
    (settings.documents_dir / "ham-tan-2024-03-11.en.md").unlink()
    paths = [settings.data_dir, *settings.data_dir.rglob("*")]
    for p in paths:
        p.chmod(0o555 if p.is_dir() else 0o444)
    try:
        with pytest.raises(RagError):
            ingest(settings, fake_embedder)
    finally:
        for p in paths:
            p.chmod(0o755 if p.is_dir() else 0o644)


def test_other_embedder_at_question_time(fake_pipeline) -> None:
    pipe = fake_pipeline()
    other = Pipeline(pipe.settings)
    other._embedder = FakeEmbeddings(model_id="e5-other@123")
    with pytest.raises(IndexError_) as err:
        answer(other)
    assert "rag ingest --rebuild" in err.value.message("en") and "e5-other@123" in err.value.message("vi")


# ----------------------------------------------------------------- backend down


def test_openai_backend_unreachable_falls_back_with_notice(make_settings, fake_embedder, monkeypatch) -> None:
    import rag.pipeline

    monkeypatch.setattr(rag.pipeline, "load_embedder", lambda *a, **k: fake_embedder)
    settings = make_settings(backend="openai", openai_base_url="http://127.0.0.1:9/v1",
                             min_dense=0.0, language_lean={}, llm_timeout_s=5, llm_words="all")
    pipe = Pipeline(settings)
    pipe.ingest()
    started = time.monotonic()
    res = answer(pipe)
    assert res.answerable and "09/01/2024" in res.text and res.citations
    assert res.notice and ("không trả lời" in res.notice or "did not answer" in res.notice)
    assert "trích trực tiếp" in res.notice
    assert time.monotonic() - started < 60
    res_en = answer(pipe, "When was Report No. 620-BC/HU issued?")
    assert res_en.notice and "extracted from the articles" in res_en.notice


# ----------------------------------------------------------------- disk full


def enospc(*args, **kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


def edited(settings: Settings) -> None:
    path = settings.documents_dir / "ham-tan-2024-03-11.en.md"
    path.write_text(path.read_text("utf-8").replace("Budget revenue exceeded the assigned estimate",
                                                    "Budget revenue clearly exceeded the assigned estimate"),
                    "utf-8")


def test_disk_full_during_upsert_keeps_the_old_index_usable(fake_pipeline, monkeypatch) -> None:
    pipe = fake_pipeline()
    edited(pipe.settings)
    (pipe.settings.documents_dir / "extra.md").write_text("Huyện Hàm Tân xây dựng công viên mới.", "utf-8")
    with monkeypatch.context() as m:
        m.setattr(ChunkStore, "upsert", enospc)
        with pytest.raises(IndexError_):
            pipe.ingest()
    fresh = Pipeline(pipe.settings)
    fresh._embedder = pipe.embedder
    res = answer(fresh)
    assert res.answerable and "09/01/2024" in res.text
    pipe.ingest()  # space is back: the next run completes the job
    assert len(pipe.documents()) == 3


def test_disk_full_is_reported_as_a_rag_error(fake_pipeline, monkeypatch) -> None:
    pipe = fake_pipeline()
    edited(pipe.settings)
    monkeypatch.setattr(ChunkStore, "upsert", enospc)
    with pytest.raises(RagError):
        pipe.ingest()


def test_disk_full_during_lexical_save_keeps_answering(fake_pipeline, monkeypatch) -> None:
    """The store holds the new chunks, the lexical index is the old one: a question must still
    get an answer or a RagError naming `rag ingest`, never a crash."""
    pipe = fake_pipeline()
    edited(pipe.settings)
    with monkeypatch.context() as m:
        m.setattr(LexicalIndex, "save", enospc)
        with pytest.raises(IndexError_):
            pipe.ingest()
    fresh = Pipeline(pipe.settings)
    fresh._embedder = pipe.embedder
    for question in (QUESTION, "Budget revenue exceeded the assigned estimate?"):
        try:
            res = answer(fresh, question)
        except RagError as exc:
            assert "rag ingest" in exc.message("en")
        else:
            assert res.text
    pipe.ingest()  # the next run repairs it
    repaired = Pipeline(pipe.settings)
    repaired._embedder = pipe.embedder
    assert answer(repaired).answerable
