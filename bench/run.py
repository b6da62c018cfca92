"""The benchmark: `rag bench -- --sizes real,1k,10k --backends extractive,local`.

Prints one table and writes it as JSON (with the machine it ran on). See bench/README.md
for what each number means and what is approximated.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import numpy as np

from rag.config import PROJECT_ROOT

CACHE = Path.home() / ".cache" / "bilingual-rag" / "bench"
SIZES = {"real": 0, "1k": 1_000, "10k": 10_000, "20k": 20_000, "100k": 100_000}
STAGES = ("embed", "dense", "lexical", "fusion", "retrieval", "first_token", "total")
REAL_EMBED_LIMIT = 20_000  # tiers up to this many chunks are embedded for real
NOISE = 0.01  # per-dimension std of the noise added to a template vector (cos ~ 0.98)


# --------------------------------------------------------------------------- helpers
def _ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


def _pct(values: list[float], q: float) -> float | None:
    return _ms(float(np.percentile(values, q))) if values else None


def _rss_mb() -> float:
    import psutil

    return round(psutil.Process().memory_info().rss / 2**20, 1)


def _peak_rss_mb() -> float:
    """This process's own high-water mark (VmHWM). ``ru_maxrss`` is no use in a child:
    Linux keeps the larger of it and the forked copy of the parent, so every child
    started by a 3.5 GB bench reported at least 3.5 GB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    raise RuntimeError("no VmHWM in /proc/self/status")


def _dir_mb(path: Path) -> float:
    return round(sum(p.stat().st_size for p in Path(path).rglob("*") if p.is_file()) / 2**20, 1)


def machine() -> dict[str, Any]:
    import psutil

    cpu = platform.processor()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=PROJECT_ROOT,
                                capture_output=True, text=True, timeout=10).stdout.strip()
        dirty = bool(subprocess.run(["git", "status", "--porcelain", "rag"], cwd=PROJECT_ROOT,
                                    capture_output=True, text=True, timeout=10).stdout.strip())
    except (OSError, subprocess.SubprocessError):
        commit, dirty = "unknown", False
    return {"cpu": cpu, "cores": os.cpu_count(), "ram_gb": round(psutil.virtual_memory().total / 2**30, 1),
            "python": platform.python_version(), "platform": platform.platform(),
            "git_commit": commit + ("+dirty-rag" if dirty else ""),
            "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
            "load_avg_at_start": [round(x, 2) for x in os.getloadavg()]}


# --------------------------------------------------------------------------- questions
def load_questions(limit: int | None) -> list[dict[str, Any]]:
    """Answerable single-turn questions naming Hàm Tân, round-robin over kinds."""
    import yaml

    items = yaml.safe_load((PROJECT_ROOT / "eval" / "questions.yaml").read_text(encoding="utf-8"))
    by_kind: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for q in items:
        text = q["question"].lower()
        if q.get("answerable") and q.get("evidence") and not q.get("history") and (
                "hàm tân" in text or "ham tan" in text):
            by_kind[q["kind"]].append(q)
    ordered: list[dict[str, Any]] = []
    while any(by_kind.values()):
        for kind in sorted(by_kind):
            if by_kind[kind]:
                ordered.append(by_kind[kind].pop(0))
    return ordered[:limit] if limit else ordered


def real_bodies() -> dict[str, str]:
    from rag.documents import load_documents

    docs, _ = load_documents(PROJECT_ROOT / "documents")
    return {d.id: d.body for d in docs}


# --------------------------------------------------------------------------- embedder
class BenchEmbedder:
    """The product's embedder, with a vector cache and (for big tiers) approximated vectors.

    ``approx=False``: every text not in the cache is embedded for real (and cached).
    ``approx=True``: texts in ``must_real`` (the real article's chunks) are embedded for
    real if not cached; every other uncached text gets the cached real vector of its most
    similar cached text (TF-IDF cosine over word uni+bigrams) plus deterministic Gaussian
    noise (std ``NOISE`` per dimension, seeded by the text's hash), renormalised.
    Queries are always embedded for real.
    """

    def __init__(self, real: Any, cache_file: Path, approx: bool, must_real: set[str]) -> None:
        self.real, self.cache_file, self.approx, self.must_real = real, cache_file, approx, must_real
        self.model_id, self.dimension, self.batch_size = real.model_id, real.dimension, real.batch_size
        self.vectors: dict[str, np.ndarray] = {}
        self.texts: dict[str, str] = {}
        if cache_file.is_file():
            data = np.load(cache_file, allow_pickle=False)
            self.vectors = dict(zip(data["keys"].tolist(), data["vecs"]))
            self.texts = dict(zip(data["keys"].tolist(), data["texts"].tolist()))
        self.stats = {"cached": 0, "real": 0, "approx": 0, "real_seconds": 0.0, "approx_seconds": 0.0}
        self._tfidf: Any = None

    @staticmethod
    def key(text: str) -> str:
        return hashlib.sha1(text.encode()).hexdigest()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        keys = [self.key(t) for t in texts]
        out: dict[str, np.ndarray] = {}
        todo_real, todo_approx = [], []
        for k, t in zip(keys, texts):
            if k in self.vectors:
                out[k] = self.vectors[k]
                self.stats["cached"] += 1
            elif not self.approx or t in self.must_real:
                todo_real.append((k, t))
            else:
                todo_approx.append((k, t))
        if todo_real:
            start = time.perf_counter()
            vecs = self.real.embed_documents([t for _, t in todo_real])
            self.stats["real_seconds"] += time.perf_counter() - start
            self.stats["real"] += len(todo_real)
            for (k, t), v in zip(todo_real, vecs):
                self.vectors[k] = out[k] = np.asarray(v, dtype=np.float32)
                self.texts[k] = t
        if todo_approx:
            start = time.perf_counter()
            for (k, _), v in zip(todo_approx, self._approximate([t for _, t in todo_approx])):
                out[k] = v
            self.stats["approx_seconds"] += time.perf_counter() - start
            self.stats["approx"] += len(todo_approx)
        return [out[k].tolist() for k in keys]

    def embed_query(self, text: str) -> list[float]:
        return self.real.embed_query(text)

    def _approximate(self, texts: list[str]) -> list[np.ndarray]:
        from sklearn.feature_extraction.text import TfidfVectorizer

        if self._tfidf is None:
            keys = sorted(self.texts)
            vectorizer = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)
            matrix = vectorizer.fit_transform([self.texts[k] for k in keys])
            self._tfidf = (vectorizer, matrix, np.stack([self.vectors[k] for k in keys]))
        vectorizer, matrix, templates = self._tfidf
        best = np.asarray((vectorizer.transform(texts) @ matrix.T).argmax(axis=1)).ravel()
        out = []
        for text, b in zip(texts, best):
            seed = int(self.key(text)[:8], 16)
            v = templates[b] + np.random.default_rng(seed).normal(0, NOISE, self.dimension)
            out.append((v / np.linalg.norm(v)).astype(np.float32))
        return out

    def save(self) -> None:
        keys = sorted(self.vectors)
        self.cache_file.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.cache_file.with_suffix(".tmp.npz")
        np.savez(tmp, keys=np.array(keys), vecs=np.stack([self.vectors[k] for k in keys]),
                 texts=np.array([self.texts[k] for k in keys]))
        os.replace(tmp, self.cache_file)


# --------------------------------------------------------------------------- tiers
def tier_paths(size: str, cache: Path) -> tuple[Path, Path]:
    """(documents dir, data dir) of a tier."""
    if size == "real":
        return PROJECT_ROOT / "documents", cache / "index-real"
    return cache / f"corpus-{size}" / "documents", cache / f"index-{size}"


def prepare_corpus(size: str, cache: Path, seed: int) -> dict[str, Any]:
    from bench.synthetic import build_corpus

    if size == "real":
        return {"pairs": 0, "chunks": None}
    start = time.perf_counter()
    manifest = build_corpus(cache / f"corpus-{size}", SIZES[size], seed=seed)
    manifest["generate_seconds"] = round(time.perf_counter() - start, 2)
    return manifest


def ingest_worker(params: dict[str, Any]) -> dict[str, Any]:
    """Run in a fresh process: ingest a tier through ``rag.ingest.ingest`` and time its parts."""
    import rag.ingest as ingest_mod
    from rag.components.embedding import load_embedder
    from rag.config import Settings
    from rag.documents import load_documents

    settings = Settings(documents_dir=Path(params["documents_dir"]), data_dir=Path(params["data_dir"]))
    t = time.perf_counter()
    real = load_embedder(settings)
    load_s = time.perf_counter() - t
    rss_loaded = _rss_mb()
    real_docs, _ = load_documents(PROJECT_ROOT / "documents")
    must_real = {p.search for p in ingest_mod.plan_chunks(real_docs, settings.chunk_max_chars)}
    embedder = BenchEmbedder(real, Path(params["vector_cache"]), params["approx"], must_real)

    parts: dict[str, float] = defaultdict(float)

    def timed(name: str, fn: Any) -> Any:
        def wrapper(*a: Any, **k: Any) -> Any:
            start = time.perf_counter()
            try:
                return fn(*a, **k)
            finally:
                parts[name] += time.perf_counter() - start
        return wrapper

    for name in ("_embed_and_store", "_delete_stale", "link_counterparts", "_save_lexical", "plan_chunks"):
        setattr(ingest_mod, name, timed(name, getattr(ingest_mod, name)))
    shutil.rmtree(settings.data_dir, ignore_errors=True)
    t = time.perf_counter()
    report = ingest_mod.ingest(settings, embedder)
    full_s = time.perf_counter() - t
    first_parts = {k: round(v, 2) for k, v in parts.items()}
    embedder.save()
    parts.clear()
    t = time.perf_counter()
    again = ingest_mod.ingest(settings, embedder)
    again_s = time.perf_counter() - t
    stats = embedder.stats
    requested = stats["real"] + stats["approx"] + stats["cached"]
    return {
        "chunks": report.chunks, "documents": report.documents, "embedded": report.embedded,
        "seconds": round(full_s, 2), "chunks_per_s": round(report.chunks / full_s, 1),
        "parts_seconds": first_parts,
        "embedding": {"real": stats["real"], "approximated": stats["approx"], "from_cache": stats["cached"],
                      "real_seconds": round(stats["real_seconds"], 2),
                      "real_chunks_per_s": round(stats["real"] / stats["real_seconds"], 1)
                      if stats["real"] and stats["real_seconds"] else None,
                      # texts the first ingest asked the embedder for, per chunk (1.0 = once)
                      "texts_per_chunk": round(requested / report.chunks, 3) if report.chunks else None},
        "reingest_seconds": round(again_s, 2), "reingest_embedded": again.embedded,
        "reingest_parts_seconds": {k: round(v, 2) for k, v in parts.items()},
        "model_load_seconds": round(load_s, 2), "rss_after_model_mb": rss_loaded,
        "peak_rss_mb": _peak_rss_mb(),
        "chroma_mb": _dir_mb(settings.chroma_dir), "lexical_mb": _dir_mb(settings.lexical_dir),
    }


def run_ingest(size: str, cache: Path, rebuild: bool) -> dict[str, Any]:
    docs_dir, data_dir = tier_paths(size, cache)
    record = data_dir.parent / f"ingest-{size}.json"
    previous = json.loads(record.read_text()) if record.is_file() else None
    if previous and not rebuild and _index_usable(data_dir):
        previous["reused_from"] = previous.get("measured_at")
        return previous
    params = {"documents_dir": str(docs_dir), "data_dir": str(data_dir),
              "vector_cache": str(cache / "vectors.npz"),
              "approx": SIZES[size] > REAL_EMBED_LIMIT}
    result = _worker("ingest", params, timeout=4 * 3600)
    result["approximated_vectors"] = params["approx"]
    earlier = (previous or {}).get("embedding_measured_earlier") or (previous or {}).get("embedding")
    if not result["embedding"]["real"] and earlier and earlier.get("real"):
        # vectors came from the cache this time: keep the real throughput measured before
        result["embedding_measured_earlier"] = {**earlier, "at": previous.get("measured_at")}
    result["measured_at"] = dt.datetime.now().astimezone().isoformat(timespec="seconds")
    record.write_text(json.dumps(result, indent=1))
    return result


def _index_usable(data_dir: Path) -> bool:
    """The persisted index loads with the current code (a format change means re-ingest)."""
    from rag.lexical import LexicalIndex

    try:
        lexical = LexicalIndex.load(data_dir / "lexical")
    except Exception:  # noqa: BLE001 - any failure means: rebuild
        return False
    return lexical is not None and len(lexical.ids) > 0


def _worker(kind: str, params: dict[str, Any], timeout: float) -> dict[str, Any]:
    env = {**os.environ, "TOKENIZERS_PARALLELISM": "false"}
    proc = subprocess.run([sys.executable, "-m", "bench.run", "--_worker", kind, json.dumps(params)],
                          capture_output=True, text=True, timeout=timeout, cwd=PROJECT_ROOT, env=env)
    lines = [line for line in proc.stdout.splitlines() if line.startswith("BENCH_RESULT ")]
    if proc.returncode != 0 or not lines:
        raise RuntimeError(f"{kind} worker failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    return json.loads(lines[-1].removeprefix("BENCH_RESULT "))


# --------------------------------------------------------------------------- embedding
def _old_path(embedder: Any, sample: list[Any], families: list[list[Any]]) -> None:
    """What ingest did before issue 10: sentence-transformers/torch with batches of 32 over
    slices of 128 in plan order, then every chunk of each translation pair embedded again
    (its plain text) to link the pair."""
    texts = [p.search for p in sample]
    for start in range(0, len(texts), 128):
        embedder.embed_documents(texts[start:start + 128])
    for family in families:
        embedder.embed_documents([p.chunk.text for p in family])


def _new_path(embedder: Any, sample: list[Any]) -> None:
    """What ingest does now: each chunk once, shortest first, in store batches."""
    from rag.ingest import STORE_BATCH

    texts = sorted((p.search for p in sample), key=len)
    for start in range(0, len(texts), STORE_BATCH):
        embedder.embed_documents(texts[start:start + STORE_BATCH])


def _cosines(a: list[list[float]], b: list[list[float]]) -> dict[str, float]:
    cos = (np.asarray(a) * np.asarray(b)).sum(axis=1)
    return {"n": len(cos), "min": round(float(cos.min()), 6), "mean": round(float(cos.mean()), 6)}


def embedding_worker(params: dict[str, Any]) -> dict[str, Any]:
    """Old and new embedding path side by side on the same chunks, in one process, rounds
    interleaved (the machine is shared: only the ratio within a run means something), plus
    the cosine of the new vectors to the old ones per language and for queries."""
    from rag.components.embedding import load_embeddings
    from rag.config import Settings
    from rag.documents import load_documents
    from rag.ingest import plan_chunks

    settings = Settings()
    docs, _ = load_documents(Path(params["documents_dir"]))
    by_doc: dict[str, list[Any]] = defaultdict(list)
    for p in plan_chunks(docs, settings.chunk_max_chars):
        by_doc[p.chunk.doc_id].append(p)
    families, sample = [], []  # whole translation pairs, as an archive of bilingual articles
    for doc in (d for d in docs if d.translation_of in by_doc):
        if len(sample) >= params["chunks"]:
            break
        families.append(by_doc[doc.id] + by_doc[doc.translation_of])
        sample.extend(families[-1])
    old = load_embeddings(settings.embedding_model, settings.cache_dir, 32, "torch")
    new = load_embeddings(settings.embedding_model, settings.cache_dir,
                          settings.embedding_batch_size, "onnx")
    paths = {"old": lambda: _old_path(old, sample, families), "new": lambda: _new_path(new, sample)}
    spent = {name: {"wall": 0.0, "cpu": 0.0} for name in paths}
    for _ in range(params["rounds"]):
        for name, run in paths.items():
            wall, cpu = time.perf_counter(), time.process_time()
            run()
            spent[name]["wall"] += time.perf_counter() - wall
            spent[name]["cpu"] += time.process_time() - cpu
    chunks = len(sample) * params["rounds"]
    rates = {name: {"chunks_per_s": round(chunks / t["wall"], 1),
                    "chunks_per_cpu_s": round(chunks / t["cpu"], 1)} for name, t in spent.items()}
    texts = {lang: [p.search for p in sample if p.chunk.language == lang] for lang in ("vi", "en")}
    queries = [q["question"] for q in load_questions(40)]
    return {
        "chunks": len(sample), "translation_pairs": len(families), "rounds": params["rounds"],
        "old": rates["old"], "new": rates["new"],
        "speedup": round(rates["new"]["chunks_per_s"] / rates["old"]["chunks_per_s"], 2),
        "speedup_cpu": round(rates["new"]["chunks_per_cpu_s"] / rates["old"]["chunks_per_cpu_s"], 2),
        "cosine_new_vs_old": {
            **{f"passages_{lang}": _cosines(new.embed_documents(t), old.embed_documents(t))
               for lang, t in texts.items() if t},
            "queries": _cosines([new.embed_query(q) for q in queries],
                                [old.embed_query(q) for q in queries])},
        "load_avg": [round(x, 2) for x in os.getloadavg()], "peak_rss_mb": _peak_rss_mb(),
    }


def bench_embedding(cache: Path, seed: int, chunks: int, rounds: int) -> dict[str, Any]:
    """Run :func:`embedding_worker` on the first ``chunks`` chunks of the 1k corpus."""
    prepare_corpus("1k", cache, seed)
    docs_dir, _ = tier_paths("1k", cache)
    return _worker("embedding", {"documents_dir": str(docs_dir), "chunks": chunks, "rounds": rounds},
                   timeout=3600)


# --------------------------------------------------------------------------- queries
def _spans_of(store: Any, ids: list[str]) -> list[dict[str, Any]]:
    """Passage dicts (doc_id, start, end, counterpart) as eval.metrics expects them."""
    if not ids:
        return []
    got = store.get(ids)
    metas = dict(zip(got["ids"], got["metadatas"]))
    cps = [m["counterpart"] for m in metas.values() if m.get("counterpart")]
    cp_metas = dict(zip(*(lambda g: (g["ids"], g["metadatas"]))(store.get(cps)))) if cps else {}
    out = []
    for cid in ids:
        m = metas.get(cid, {})
        cp = cp_metas.get(m.get("counterpart", ""))
        out.append({"doc_id": m.get("doc_id"), "start": m.get("start"), "end": m.get("end"),
                    "counterpart": {"doc_id": cp["doc_id"], "start": cp["start"], "end": cp["end"]}
                    if cp else None})
    return out


def summarise(rows: list[dict[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {"n": len(rows)}
    for stage in STAGES:
        values = [r["timings"][stage] for r in rows if stage in r["timings"]]
        out[stage] = {"p50_ms": _pct(values, 50), "p95_ms": _pct(values, 95)}
    out["hit_at_k"] = round(sum(r["hit"] for r in rows) / len(rows), 3) if rows else None
    recalls = [r["fact_recall"] for r in rows if r["fact_recall"] is not None]
    out["fact_recall"] = round(float(np.mean(recalls)), 3) if recalls else None
    out["answered"] = round(sum(r["answerable"] for r in rows) / len(rows), 3) if rows else None
    return out


def bench_queries(size: str, cache: Path, backend: str, questions: list[dict[str, Any]],
                  bodies: dict[str, str]) -> dict[str, Any]:
    from eval.metrics import evidence_spans, fact_hits, passage_relevant
    from rag.config import Settings
    from rag.lexical import LexicalIndex
    from rag.pipeline import Pipeline
    from rag.types import Answer

    docs_dir, data_dir = tier_paths(size, cache)
    settings = Settings(documents_dir=docs_dir, data_dir=data_dir, backend=backend)
    builds = {"n": 0}
    original_build = LexicalIndex.build.__func__  # type: ignore[attr-defined]

    def counting_build(cls: Any, *a: Any, **k: Any) -> Any:
        builds["n"] += 1
        return original_build(cls, *a, **k)

    LexicalIndex.build = classmethod(counting_build)  # type: ignore[method-assign]
    try:
        t = time.perf_counter()
        lex = LexicalIndex.load(settings.lexical_dir)
        lexical_load_s = time.perf_counter() - t
        del lex
        pipe = Pipeline(settings)
        t = time.perf_counter()
        pipe.warm_up(backend)  # type: ignore[arg-type]
        warm_s = time.perf_counter() - t
        rows = []
        for q in questions:
            answer = None
            for piece in pipe.stream(q["question"], [], backend=backend):  # type: ignore[arg-type]
                if isinstance(piece, Answer):
                    answer = piece
            assert answer is not None
            gold = evidence_spans(q["evidence"], bodies)
            passages = _spans_of(pipe.retriever.store, answer.retrieved)
            hits = fact_hits(answer.text, q.get("facts") or [])
            rows.append({"id": q["id"], "kind": q["kind"], "timings": answer.timings,
                         "hit": any(passage_relevant(p, gold) for p in passages),
                         "answerable": answer.answerable,
                         "fact_recall": (sum(hits) / len(hits)) if hits else None})
        result = summarise(rows)
        result.update({"warm_up_seconds": round(warm_s, 2), "lexical_load_ms": _ms(lexical_load_s),
                       "lexical_builds_during_queries": builds["n"], "rss_mb": _rss_mb(),
                       "chunks": pipe.retriever.store.count(),
                       "misses": [r["id"] for r in rows if not r["hit"]]})
        return result
    finally:
        LexicalIndex.build = classmethod(original_build)  # type: ignore[method-assign]


def bench_baseline(backend: str, questions: list[dict[str, Any]], bodies: dict[str, str]) -> dict[str, Any]:
    from eval.baseline import Baseline
    from eval.metrics import evidence_spans, fact_hits, passage_relevant
    from rag.config import Settings
    from rag.documents import load_documents

    settings = Settings(backend=backend)
    docs, _ = load_documents(PROJECT_ROOT / "documents")
    t = time.perf_counter()
    base = Baseline(settings, docs, backend)
    build_s = time.perf_counter() - t
    rows = []
    for q in questions:
        rec = base.answer(q["question"])
        gold = evidence_spans(q["evidence"], bodies)
        hits = fact_hits(rec["text"], q.get("facts") or [])
        rows.append({"id": q["id"], "timings": rec["timings"], "answerable": True,
                     "hit": any(passage_relevant(p, gold) for p in rec["passages"]),
                     "fact_recall": (sum(hits) / len(hits)) if hits else None})
    result = summarise(rows)
    result["build_seconds"] = round(build_s, 2)
    return result


# --------------------------------------------------------------------------- cold start
_COLD = r"""
import json, sys, time
t0 = float(sys.argv[1]); t_python = time.time()
from pathlib import Path
from rag.config import Settings
from rag.pipeline import Pipeline
from rag.types import Answer
t_import = time.time()
pipe = Pipeline(Settings(data_dir=Path(sys.argv[2]), backend=sys.argv[3]))
first = None
for piece in pipe.stream(sys.argv[4], [], backend=sys.argv[3]):
    if first is None:
        first = time.time()
    if isinstance(piece, Answer):
        answer = piece
end = time.time()
import psutil
from bench.run import _peak_rss_mb
print("BENCH_RESULT " + json.dumps({
    "interpreter_s": round(t_python - t0, 2), "imports_s": round(t_import - t_python, 2),
    "first_piece_s": round(first - t0, 2), "answer_s": round(end - t0, 2),
    "answer_timings_ms": {k: round(v * 1000, 1) for k, v in answer.timings.items()},
    "answerable": answer.answerable,
    "rss_mb": round(psutil.Process().memory_info().rss / 2**20, 1),
    "peak_rss_mb": _peak_rss_mb()}))
"""

_ONE_TIME = r"""
import json, sys, time
from pathlib import Path
kind, cache = sys.argv[1], Path(sys.argv[2])
t = time.time()
if kind == "embedder":
    from rag.components.embedding import ensure_onnx_folder
    ensure_onnx_folder(cache)
else:
    from rag.components.llm import ensure_gguf
    ensure_gguf(cache, progress=False)
print("BENCH_RESULT " + json.dumps({"seconds": round(time.time() - t, 2)}))
"""


def _python(script: str, *args: str, timeout: float = 900) -> dict[str, Any]:
    t0 = time.time()
    proc = subprocess.run([sys.executable, "-c", script, *args] if script is not _COLD
                          else [sys.executable, "-c", script, str(t0), *args],
                          capture_output=True, text=True, timeout=timeout, cwd=PROJECT_ROOT)
    lines = [line for line in proc.stdout.splitlines() if line.startswith("BENCH_RESULT ")]
    if proc.returncode != 0 or not lines:
        return {"error": proc.stderr[-1500:]}
    return json.loads(lines[-1].removeprefix("BENCH_RESULT "))


def bench_cold_start(cache: Path, backends: list[str], question: str, one_time: bool) -> dict[str, Any]:
    from rag.config import Settings

    _, data_dir = tier_paths("real", cache)
    out: dict[str, Any] = {"question": question}
    for backend in backends:
        out[backend] = _python(_COLD, str(data_dir), backend, question)
    out["per_start_gguf_check"] = _python(_ONE_TIME, "gguf", str(Settings().cache_dir))
    if one_time:
        with tempfile.TemporaryDirectory(dir=CACHE) as tmp:
            out["one_time_embedder_conversion"] = _python(_ONE_TIME, "embedder", tmp)
        if "local" in backends:
            with tempfile.TemporaryDirectory(dir=CACHE) as tmp:
                out["one_time_gguf_assembly"] = _python(_ONE_TIME, "gguf", tmp)
    return out


# --------------------------------------------------------------------------- report
def targets(result: dict[str, Any]) -> list[dict[str, Any]]:
    q, t = result["queries"], []

    def get(size: str, backend: str, stage: str, p: str) -> float | None:
        return ((q.get(size) or {}).get(backend) or {}).get(stage, {}).get(p)

    sizes = [s for s in SIZES if s in q]
    big = sizes[-1] if sizes else None
    if big:
        r95 = get(big, "extractive", "retrieval", "p95_ms") or get(big, "local", "retrieval", "p95_ms")
        t.append({"target": f"retrieval p95 < 150 ms at 100k chunks (largest run: {big})",
                  "value_ms": r95, "met": r95 is not None and r95 < 150 and big == "100k"})
        small = next((s for s in sizes if s != big), None)
        if small:
            r_small = get(small, "extractive", "retrieval", "p95_ms")
            c_small = (q[small].get("extractive") or {}).get("chunks")
            c_big = (q[big].get("extractive") or {}).get("chunks")
            if r_small and r95 and c_small and c_big:
                t.append({"target": f"retrieval grows sub-linearly ({small} -> {big})",
                          "time_ratio": round(r95 / r_small, 2), "chunk_ratio": round(c_big / c_small, 1),
                          "met": r95 / r_small < c_big / c_small})
    builds = sum((v or {}).get("lexical_builds_during_queries", 0) for s in q.values() for v in s.values())
    t.append({"target": "lexical index persisted and loaded, never rebuilt per question/start",
              "lexical_builds_during_queries": builds, "met": builds == 0})
    ext = get("real", "extractive", "total", "p50_ms")
    t.append({"target": "extractive answer p50 < 300 ms (real corpus)", "value_ms": ext,
              "met": ext is not None and ext < 300})
    ft, tot = get("real", "local", "first_token", "p50_ms"), get("real", "local", "total", "p50_ms")
    t.append({"target": "local first token p50 < 4 s", "value_ms": ft, "met": ft is not None and ft < 4000})
    t.append({"target": "local whole answer p50 < 12 s", "value_ms": tot, "met": tot is not None and tot < 12000})
    rss = (result.get("cold_start", {}).get("local") or {}).get("peak_rss_mb")
    t.append({"target": "resident memory < 4 GB with the local model loaded (cold-start process peak)",
              "value_mb": rss, "met": rss is not None and rss < 4096})
    reingest = [(s, v.get("reingest_embedded")) for s, v in result["ingest"].items()]
    t.append({"target": "ingest batched (STORE_BATCH chunks) and incremental (re-ingest embeds 0)",
              "reingest_embedded": dict(reingest), "met": all(e == 0 for _, e in reingest)})
    fresh = {s: v["embedding"].get("texts_per_chunk") for s, v in result["ingest"].items()
             if not v.get("reused_from") and v["embedding"].get("texts_per_chunk") is not None}
    t.append({"target": "a bilingual ingest embeds each chunk once (texts asked for per chunk)",
              "texts_per_chunk": fresh, "met": bool(fresh) and all(v == 1 for v in fresh.values())})
    t.extend(_embedding_targets(result))
    return t


def _embedding_targets(result: dict[str, Any]) -> list[dict[str, Any]]:
    """Issue 10: >= 3x the old path's chunks/s in the same run at cosine >= 0.999, and a
    tier of >= 20,000 chunks embedded for real with retrieval p95 < 150 ms."""
    out = []
    emb = result.get("embedding")
    if emb:
        cos_min = min(c["min"] for c in emb["cosine_new_vs_old"].values())
        out.append({"target": "real embedding >= 3x the old path's chunks/s (same run), cosine >= 0.999",
                    "speedup": emb["speedup"], "cosine_min": cos_min,
                    "met": emb["speedup"] >= 3 and cos_min >= 0.999})
    real_tiers = [(s, v) for s, v in result["ingest"].items()
                  if not v.get("approximated_vectors") and v["chunks"] >= 20_000]
    if real_tiers:
        size, tier = real_tiers[-1]
        p95 = ((result["queries"].get(size) or {}).get("extractive") or {}).get("retrieval", {}).get("p95_ms")
        out.append({"target": f"a tier of >= 20,000 chunks with real vectors, retrieval p95 < 150 ms ({size})",
                    "chunks": tier["chunks"], "retrieval_p95_ms": p95,
                    "met": p95 is not None and p95 < 150})
    return out


def _f(v: Any, width: int = 8) -> str:
    if v is None:
        return "-".rjust(width)
    if isinstance(v, float):
        return (f"{v:.0f}" if abs(v) >= 100 else f"{v:.1f}").rjust(width)
    return str(v).rjust(width)


def _render_embedding(emb: dict[str, Any] | None) -> list[str]:
    if not emb:
        return []
    cos = "; ".join(f"{k} min {v['min']:.5f} mean {v['mean']:.5f}" for k, v in emb["cosine_new_vs_old"].items())
    return [f"EMBEDDING old vs new path, {emb['chunks']} chunks x {emb['rounds']} rounds interleaved "
            f"(load avg {emb['load_avg']}): old {emb['old']['chunks_per_s']} chunks/s "
            f"({emb['old']['chunks_per_cpu_s']}/CPU-s), new {emb['new']['chunks_per_s']} chunks/s "
            f"({emb['new']['chunks_per_cpu_s']}/CPU-s): x{emb['speedup']} (x{emb['speedup_cpu']} per CPU-s)",
            f"  cosine new vs old: {cos}; peak RSS of that process {emb['peak_rss_mb']} MB", ""]


def render(result: dict[str, Any]) -> str:
    m = result["machine"]
    lines = [f"machine: {m['cpu']} | {m['cores']} cores | {m['ram_gb']} GB | Python {m['python']} | "
             f"commit {m['git_commit']} | {m['date']} | load avg at start {m['load_avg_at_start']}", ""]
    lines.extend(_render_embedding(result.get("embedding")))
    lines.append("INGEST   chunks  vectors   seconds  chunks/s  real-emb/s  texts/chunk  peak-RSS-MB  re-ingest-s  embedded-again")
    for size, r in result["ingest"].items():
        lines.append(f"{size:6} {_f(r['chunks'])} {'approx' if r.get('approximated_vectors') else 'real':>8} "
                     f"{_f(r['seconds'], 9)} {_f(r['chunks_per_s'], 9)} {_f(r['embedding']['real_chunks_per_s'] or (r.get('embedding_measured_earlier') or {}).get('real_chunks_per_s'), 11)} "
                     f"{_f(r['embedding'].get('texts_per_chunk'), 12)} "
                     f"{_f(r['peak_rss_mb'], 12)} {_f(r['reingest_seconds'], 12)} {_f(r['reingest_embedded'], 15)}")
    lines.append("")
    lines.append("QUERIES (ms, p50/p95)  n  hit@k  facts " + " ".join(f"{s:>15}" for s in STAGES))
    for size, per in result["queries"].items():
        for backend, r in per.items():
            cells = " ".join(f"{_f(r[s]['p50_ms'], 7)}/{_f(r[s]['p95_ms'], 7)}" for s in STAGES)
            lines.append(f"{size:5} {backend:10} {r.get('chunks', ''):>6} {r['n']:>2} {_f(r['hit_at_k'], 6)} "
                         f"{_f(r['fact_recall'], 5)} {cells}")
    for backend, r in result.get("baseline", {}).items():
        cells = " ".join(f"{_f(r[s]['p50_ms'], 7)}/{_f(r[s]['p95_ms'], 7)}" for s in STAGES)
        lines.append(f"real  baseline-{backend[:5]:5} {'':>5} {r['n']:>2} {_f(r['hit_at_k'], 6)} "
                     f"{_f(r['fact_recall'], 5)} {cells}")
    if result.get("baseline_ratios"):
        lines.append("")
        lines.append("ENGINE / BASELINE (real corpus): " + "; ".join(
            f"{b}: total p50 x{r['total_p50']}, hit@k {r['hit_at_k']}, facts {r['fact_recall']}"
            for b, r in result["baseline_ratios"].items()))
    cs = result.get("cold_start")
    if cs:
        lines.append("")
        for key, r in cs.items():
            if isinstance(r, dict):
                lines.append(f"COLD START {key}: " + ", ".join(f"{k}={v}" for k, v in r.items()
                                                               if k != "answer_timings_ms"))
    lines.append("")
    for t in result["targets"]:
        rest = {k: v for k, v in t.items() if k not in ("target", "met")}
        lines.append(f"[{'MET' if t['met'] else 'NOT MET'}] {t['target']}: {rest}")
    return "\n".join(lines)


def _ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 2) if a is not None and b else None


def parse_args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="rag bench", description=__doc__)
    p.add_argument("--sizes", default="real,1k,20k,100k")
    p.add_argument("--backends", default="extractive,local")
    p.add_argument("--questions", type=int, default=None, help="questions per extractive run (default all)")
    p.add_argument("--local-questions", type=int, default=5, help="questions per local run")
    p.add_argument("--local-sizes", default="real", help="tiers the local backend runs at")
    p.add_argument("--out", type=Path, default=PROJECT_ROOT / "bench" / "results" / "latest.json")
    p.add_argument("--cache", type=Path, default=CACHE)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--rebuild", action="store_true", help="re-ingest tiers whose index exists")
    p.add_argument("--no-cold-start", action="store_true")
    p.add_argument("--no-one-time", action="store_true", help="skip the one-time conversion/assembly timing")
    p.add_argument("--no-baseline", action="store_true")
    p.add_argument("--embed-chunks", type=int, default=128,
                   help="chunks of the old-vs-new embedding comparison (0: skip it)")
    p.add_argument("--embed-rounds", type=int, default=2)
    p.add_argument("--_worker", nargs=2, help=argparse.SUPPRESS)
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["--"]:  # `rag bench -- <args>` passes the separator through
        argv = argv[1:]
    args = parse_args(argv)
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    if args._worker:
        kind, params = args._worker
        worker = {"ingest": ingest_worker, "embedding": embedding_worker}[kind]
        print("BENCH_RESULT " + json.dumps(worker(json.loads(params))), flush=True)
        return 0
    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    backends = [b.strip() for b in args.backends.split(",") if b.strip()]
    unknown = [s for s in sizes if s not in SIZES]
    if unknown:
        print(f"unknown sizes {unknown}; use {list(SIZES)}", file=sys.stderr)
        return 2
    args.cache.mkdir(parents=True, exist_ok=True)
    questions = load_questions(args.questions)
    local_questions = load_questions(args.local_questions)
    bodies = real_bodies()
    result: dict[str, Any] = {"machine": machine(), "config": {
        "sizes": sizes, "backends": backends, "questions": len(questions),
        "local_questions": len(local_questions), "local_sizes": args.local_sizes, "seed": args.seed,
        "real_embed_limit_chunks": REAL_EMBED_LIMIT, "approx_noise_std": NOISE},
        "corpora": {}, "ingest": {}, "queries": {}}
    if args.embed_chunks:
        print("[bench] embedding: old vs new path", file=sys.stderr, flush=True)
        result["embedding"] = bench_embedding(args.cache, args.seed, args.embed_chunks, args.embed_rounds)
    sizes = sorted(sizes, key=lambda s: SIZES[s])
    if "real" not in sizes and not args.no_cold_start:
        sizes.insert(0, "real")  # cold start and the baseline use the real index
    for size in sizes:
        print(f"[bench] {size}: corpus", file=sys.stderr, flush=True)
        result["corpora"][size] = prepare_corpus(size, args.cache, args.seed)
        print(f"[bench] {size}: ingest", file=sys.stderr, flush=True)
        result["ingest"][size] = run_ingest(size, args.cache, args.rebuild)
        result["queries"][size] = {}
        for backend in backends:
            if backend == "local" and size not in args.local_sizes.split(","):
                continue
            qs = local_questions if backend == "local" else questions
            print(f"[bench] {size}: {backend} x {len(qs)} questions", file=sys.stderr, flush=True)
            result["queries"][size][backend] = bench_queries(size, args.cache, backend, qs, bodies)
    if not args.no_baseline:
        result["baseline"], result["baseline_ratios"] = {}, {}
        for backend in backends:
            qs = local_questions if backend == "local" else questions
            print(f"[bench] baseline {backend}", file=sys.stderr, flush=True)
            base = result["baseline"][backend] = bench_baseline(backend, qs, bodies)
            eng = result["queries"]["real"].get(backend)
            if eng:
                result["baseline_ratios"][backend] = {
                    "total_p50": _ratio(eng["total"]["p50_ms"], base["total"]["p50_ms"]),
                    "first_token_p50": _ratio(eng["first_token"]["p50_ms"], base["first_token"]["p50_ms"]),
                    "hit_at_k": f"{eng['hit_at_k']} vs {base['hit_at_k']}",
                    "fact_recall": f"{eng['fact_recall']} vs {base['fact_recall']}"}
    if not args.no_cold_start:
        print("[bench] cold start", file=sys.stderr, flush=True)
        result["cold_start"] = bench_cold_start(args.cache, backends, questions[0]["question"],
                                                not args.no_one_time)
    result["load_avg_at_end"] = [round(x, 2) for x in os.getloadavg()]
    result["targets"] = targets(result)
    table = render(result)
    result["table"] = table.splitlines()
    print(table)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=1, ensure_ascii=False), encoding="utf-8")
    print(f"\nwritten: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
