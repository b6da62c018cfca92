"""Run the question set through each system and write JSONL records, then the report.

A system is one (backend, retrieval mode) of the engine, or the plain baseline. Each
answered question is appended to ``<out>/<system>.jsonl`` at once, so an interrupted
run keeps its work and ``--resume`` continues it. Records hold the raw answer and the
retrieved passages with offsets; all scoring happens in eval.report from those records.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tqdm import tqdm

from eval.sets import KINDS, ROOT, SETS, build_documents, load_set


def parse_args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="rag eval --", description=__doc__)
    p.add_argument("--backend", action="append", choices=["extractive", "local", "openai"],
                   help="answer backend (repeatable; default extractive)")
    p.add_argument("--retrieval", action="append", choices=["hybrid", "dense", "lexical"],
                   help="retrieval mode (repeatable; default hybrid+dense for extractive, "
                        "hybrid for model backends)")
    p.add_argument("--baseline", action="store_true", help="also run the plain LangChain baseline")
    p.add_argument("--set", dest="sets", action="append", choices=[*SETS, "all"],
                   help="question set (repeatable; default all)")
    p.add_argument("--allow-dirty", action="store_true",
                   help="run with uncommitted changes in rag/ or eval/ (the report says DIRTY)")
    p.add_argument("--kinds", help="comma-separated kinds, e.g. vi,en,list")
    p.add_argument("--limit", type=int, help="at most N questions per kind")
    p.add_argument("--out", type=Path, default=ROOT / "eval" / "reports" / "latest")
    p.add_argument("--resume", action="store_true", help="skip questions already in the JSONL")
    p.add_argument("--index-dir", type=Path, default=ROOT / "var" / "eval-index",
                   help="where the eval's own index of every set's articles is built")
    p.add_argument("--report-only", action="store_true",
                   help="rebuild the report from the JSONL files in --out")
    return p.parse_args(argv)


def select_questions(sets: list[str] | None, kinds: str | None, limit: int | None
                     ) -> list[dict[str, Any]]:
    """The questions to run, set by set in file order; ``limit`` applies per set and kind."""
    names = SETS if not sets or "all" in sets else [n for n in SETS if n in sets]
    wanted = set(kinds.split(",")) if kinds else set(KINDS)
    out: list[dict[str, Any]] = []
    for name in names:
        per_kind = dict.fromkeys(KINDS, 0)
        for q in load_set(name):
            if q["kind"] not in wanted or (limit is not None and per_kind[q["kind"]] >= limit):
                continue
            per_kind[q["kind"]] += 1
            out.append(q)
    return out


def dirty() -> bool:
    """Uncommitted changes to the engine or the eval: the report would not match a commit."""
    try:
        status = subprocess.run(["git", "status", "--porcelain", "--", "rag", "eval"], cwd=ROOT,
                                text=True, capture_output=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return True
    return any(not line.endswith(".jsonl") and "eval/reports/" not in line
               for line in status.splitlines())


def systems(args: argparse.Namespace) -> list[tuple[str, str, str | None]]:
    """(name, backend, retrieval mode or None for the baseline) for every system to run."""
    out = []
    for backend in args.backend or ["extractive"]:
        modes = args.retrieval or (["hybrid", "dense"] if backend == "extractive" else ["hybrid"])
        out += [(f"{backend}-{mode}", backend, mode) for mode in modes]
        if args.baseline:
            out.append((f"baseline-{backend}", backend, None))
    return out


def _done_ids(path: Path) -> set[str]:
    if not path.exists():
        return set()
    done = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            done.add(json.loads(line)["id"])
        except (ValueError, KeyError):
            continue  # a line cut short by an interruption
    return done


def _passage_dict(chunk: Any, counterpart: Any | None) -> dict[str, Any]:
    cp = None if counterpart is None else {"doc_id": counterpart.doc_id, "start": counterpart.start,
                                           "end": counterpart.end, "text": counterpart.text}
    return {"chunk_id": chunk.id, "doc_id": chunk.doc_id, "start": chunk.start, "end": chunk.end,
            "language": chunk.language, "text": chunk.text, "counterpart": cp}


def _retrieved_passages(pipe: Any, answer: Any, q: dict[str, Any]) -> list[dict[str, Any]]:
    """The passages the answer was built from, in rank order, with offsets.

    Reuses ``Answer.retrieved`` (the ids of that very retrieval, including a model's
    follow-up rewrite) and looks the chunks up; falls back to ``pipe.retrieve`` when
    the answer carries none (e.g. a question in a third language).
    """
    from rag.store import chunk_from_record

    ids = list(answer.retrieved)
    if not ids:
        retrieval = pipe.retrieve(q["question"], [tuple(t) for t in q["history"]])
        return [_passage_dict(p.chunk, p.counterpart) for p in retrieval.passages]
    store = pipe.retriever.store
    got = store.get(ids)
    records = {i: (d, m) for i, d, m in zip(got["ids"], got["documents"], got["metadatas"])}
    partner_ids = [m.get("counterpart") for _, m in records.values() if m.get("counterpart")]
    partners: dict[str, Any] = {}
    if partner_ids:
        pg = store.get(partner_ids)
        partners = {i: chunk_from_record(i, d, m)
                    for i, d, m in zip(pg["ids"], pg["documents"], pg["metadatas"])}
    return [_passage_dict(chunk_from_record(i, *records[i]), partners.get(
        records[i][1].get("counterpart", ""))) for i in ids if i in records]


def run_engine(backend: str, mode: str, questions: list[dict[str, Any]]
               ) -> Iterator[dict[str, Any]]:
    """Answer each question with the engine, yielding one record per question."""
    from rag.config import Settings
    from rag.pipeline import Pipeline
    from rag.types import Answer

    settings = Settings(backend=backend, retrieval_mode=mode)  # type: ignore[arg-type]
    pipe = Pipeline(settings)
    for q in questions:
        history = [tuple(t) for t in q["history"]]
        final: Answer | None = None
        try:
            for item in pipe.stream(q["question"], history, backend=backend):  # type: ignore[arg-type]
                if isinstance(item, Answer):
                    final = item
        except Exception as exc:  # one broken question must not lose the run
            yield {**_base(q), "error": f"{type(exc).__name__}: {exc}", "text": "",
                   "citations": [], "passages": [], "timings": {}, "answerable": False,
                   "language": None, "notice": None, "model": ""}
            continue
        assert final is not None
        data = final.to_dict()
        yield {**_base(q), "text": data["text"], "citations": data["citations"],
               "language": data["language"], "answerable": data["answerable"],
               "notice": data["notice"], "model": data["model"], "error": data["error"],
               "fallback": data.get("fallback"), "dropped": data.get("dropped") or [],
               "timings": data["timings"], "passages": _retrieved_passages(pipe, final, q)}


def run_baseline(backend: str, questions: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Answer each question with the plain LangChain baseline."""
    from eval.baseline import Baseline
    from rag.config import Settings
    from rag.documents import load_documents

    settings = Settings(backend=backend)  # type: ignore[arg-type]
    docs, _ = load_documents(settings.documents_dir)
    base = Baseline(settings, docs, backend)
    for q in questions:
        yield {**_base(q), **base.answer(q["question"]), "error": None}


def _base(q: dict[str, Any]) -> dict[str, Any]:
    return {"id": q["id"], "kind": q["kind"], "set": q["set"], "q_language": q["language"],
            "question": q["question"]}


def system_settings(backend: str, mode: str | None) -> dict[str, Any]:
    """The settings that define a system, for the report."""
    from rag.config import Settings

    s = Settings(backend=backend, **({"retrieval_mode": mode} if mode else {}))  # type: ignore[arg-type]
    keys = ["backend", "retrieval_mode", "top_k", "candidates", "rrf_k", "fusion_weights",
            "min_dense", "min_coverage", "chunk_max_chars", "embedding_model", "llm_model_path",
            "llm_max_tokens", "llm_temperature", "data_dir"]
    out = {k: getattr(s, k) for k in keys}
    if mode is None:
        out = {"backend": backend, "splitter": "RecursiveCharacterTextSplitter(1000, 100)",
               "store": "langchain_chroma.Chroma (ephemeral)", "top_k": s.top_k,
               "embedding_model": s.embedding_model,
               "answer": "first sentence of the top chunk" if backend == "extractive"
               else "raw model output of one stuff-the-context prompt"}
    return json.loads(json.dumps(out, default=str))


def ensure_index(index_dir: Path) -> None:
    """Point every Settings() of this process at the eval's own index of every set's
    articles, and bring it up to date."""
    from rag.config import Settings
    from rag.pipeline import Pipeline

    docs = build_documents(index_dir / "documents")
    os.environ["RAG_DATA_DIR"] = str((index_dir / "var").resolve())
    os.environ["RAG_DOCUMENTS_DIR"] = str(docs.resolve())
    print(Pipeline(Settings(backend="extractive")).ingest().summary())


def main(argv: list[str] | None = None) -> int:
    """CLI entry (``rag eval -- ...`` or ``python -m eval.runner``); returns the exit code."""
    from eval.report import _fmt, write_report

    args = parse_args(list(sys.argv[1:] if argv is None else argv))
    if argv and argv[:1] == ["--"]:
        args = parse_args(list(argv[1:]))
    from eval.report import git_commit

    is_dirty, commit = dirty(), git_commit()  # as the run starts, not when it ends
    if is_dirty and not args.allow_dirty and not args.report_only:
        print("rag/ or eval/ has uncommitted changes: commit them, or pass --allow-dirty "
              "(the report will say DIRTY).", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    questions = select_questions(args.sets, args.kinds, args.limit)
    plan = systems(args)
    ensure_index(args.index_dir)
    if not args.report_only:
        for name, backend, mode in plan:
            path = args.out / f"{name}.jsonl"
            if not args.resume and path.exists():
                path.unlink()
            done = _done_ids(path)
            todo = [q for q in questions if q["id"] not in done]
            if not todo:
                continue
            records = run_engine(backend, mode, todo) if mode else run_baseline(backend, todo)
            with path.open("a", encoding="utf-8") as fh:
                for rec in tqdm(records, total=len(todo), desc=name, unit="q"):
                    fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
                    fh.flush()
    report = write_report(args.out, [(n, system_settings(b, m)) for n, b, m in plan],
                          questions, commit=commit, dirty=is_dirty)
    print(f"report: {args.out / 'report.md'}")
    for name, overall in report["overall"].items():
        print(f"  {name}: " + "  ".join(f"{key} {_fmt(overall[key])}" for key in (
            "correct", "incomplete", "wrong", "declined", "hit_k", "citation_recall",
            "quote_violations")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
