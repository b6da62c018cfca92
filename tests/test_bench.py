"""Smoke tests of the benchmark: the synthetic generator and one small real run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.synthetic import build_corpus, synthetic_pair
from rag.documents import parse_document


def test_synthetic_pairs_are_deterministic_and_renamed() -> None:
    a, b = synthetic_pair(7, seed=1), synthetic_pair(7, seed=1)
    assert a == b
    assert synthetic_pair(8, seed=1) != a
    assert synthetic_pair(7, seed=2) != a
    (vi_name, vi_text), (en_name, en_text) = sorted(a.items(), key=lambda kv: kv[0].endswith(".en.md"))
    vi, en = parse_document(vi_text, name=vi_name), parse_document(en_text, name=en_name)
    assert vi.language == "vi" and en.language == "en"
    assert en.translation_of == vi.id and vi.id.startswith("synth-")
    assert "Hàm Tân" not in vi.body and "Hàm Tân" not in (vi.title or "")
    assert "Ham Tan" not in en.body
    assert "620-BC/HU" not in vi.body  # report numbers change too
    assert "Phát huy cơ hội" in vi.body  # the real phrasing is kept


def test_build_corpus_reaches_size_and_is_reused(tmp_path: Path) -> None:
    manifest = build_corpus(tmp_path / "c", 300, seed=3)
    assert manifest["chunks"] >= 300
    files = sorted(p.name for p in (tmp_path / "c" / "documents").iterdir())
    assert "ham-tan-2024-03-11.vi.md" in files and len(files) == manifest["documents"]
    for path in (tmp_path / "c" / "documents").iterdir():
        doc = parse_document(path.read_bytes(), name=path.name)
        if doc.id.startswith("synth-"):
            assert "Hàm Tân" not in doc.body and "Ham Tan" not in doc.body
    stamp = (tmp_path / "c" / "manifest.json").stat().st_mtime_ns
    assert build_corpus(tmp_path / "c", 300, seed=3) == manifest
    assert (tmp_path / "c" / "manifest.json").stat().st_mtime_ns == stamp


@pytest.mark.real_model
def test_bench_run_real_corpus_writes_json(tmp_path: Path) -> None:
    from bench.run import main

    out = tmp_path / "result.json"
    code = main(["--sizes", "real", "--backends", "extractive", "--questions", "3",
                 "--no-baseline", "--no-cold-start", "--cache", str(tmp_path / "cache"),
                 "--embed-chunks", "1", "--embed-rounds", "1", "--out", str(out)])
    assert code == 0
    result = json.loads(out.read_text())
    assert {"machine", "config", "ingest", "queries", "targets", "table"} <= set(result)
    assert {"cpu", "cores", "ram_gb", "python", "git_commit", "date"} <= set(result["machine"])
    ingest = result["ingest"]["real"]
    assert ingest["chunks"] > 0 and ingest["reingest_embedded"] == 0 and ingest["peak_rss_mb"] > 0
    assert ingest["embedding"]["texts_per_chunk"] == 1.0 and not ingest["approximated_vectors"]
    embedding = result["embedding"]  # old and new path on one whole translation pair
    assert embedding["translation_pairs"] == 1 and embedding["new"]["chunks_per_s"] > 0
    assert min(c["min"] for c in embedding["cosine_new_vs_old"].values()) >= 0.999
    q = result["queries"]["real"]["extractive"]
    assert q["n"] == 3 and 0 <= q["hit_at_k"] <= 1
    for stage in ("embed", "dense", "lexical", "fusion", "retrieval", "first_token", "total"):
        assert q[stage]["p50_ms"] is not None and q[stage]["p95_ms"] >= q[stage]["p50_ms"]
    assert q["lexical_builds_during_queries"] == 0
