"""Tune hybrid fusion per kind of question on the dev split (never the held-out one).

For every dev question with evidence, the dense and lexical candidate rankings are
computed once; then each fusion method and lexical weight is scored by hit@k and MRR
of the fused, de-duplicated top k, separately for each query kind the retriever
distinguishes (Vietnamese with diacritics, without, English). The winners are what
``rag/config.py`` ships as ``fusion`` and ``fusion_weights``.

    python -m eval.tune_fusion [--index-dir DIR] [--out eval/reports/fusion-tuning.md]
"""

from __future__ import annotations

import argparse
import logging
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from eval.metrics import evidence_spans, first_relevant_rank
from eval.runner import ensure_index, select_questions
from rag.config import Settings
from rag.documents import load_documents
from rag.pipeline import Pipeline
from rag.intent import read_intent
from rag.retrieve import Ranking, fuse, query_kind
from rag.rewrite import standalone_question

QUESTIONS = Path(__file__).with_name("questions.yaml")
METHODS = [("convex", 0), ("rrf", 2), ("rrf", 5), ("rrf", 10), ("rrf", 60)]
LEXICAL_WEIGHTS = [0.0, 0.2, 0.4, 0.6, 0.8, 1.0, 1.5, 3.0]


def _cases(pipe: Pipeline) -> list[tuple[str, Ranking, Ranking, list[Any]]]:
    """(query kind, dense ranking, lexical ranking, gold spans) per dev question."""
    bodies = {d.id: d.body for d in load_documents(pipe.settings.documents_dir)[0]}
    retriever = pipe.retriever
    cases = []
    for q in select_questions(QUESTIONS, "dev", None, None):
        if not q["answerable"]:
            continue
        query = standalone_question(q["question"], [tuple(t) for t in q["history"]], None)
        dense, lexical = retriever._rankings(query, "hybrid", {})
        cases.append((query_kind(read_intent(query)), dense, lexical, evidence_spans(q["evidence"], bodies)))
    return cases


def _score(pipe: Pipeline, cases: Iterable[tuple[str, Ranking, Ranking, list[Any]]],
           method: str, k_rrf: int, w_lex: float) -> tuple[float, float, int]:
    """hit@k and MRR of one fusion setting over ``cases``."""
    store, top_k = pipe.retriever.store, pipe.settings.top_k
    hits = mrr = n = 0.0
    for _, dense, lexical, gold in cases:
        fused = fuse([(dense, 1.0), (lexical, w_lex)], method, k_rrf)[: 3 * top_k]
        passages = _dedupe(store.get([cid for cid, _ in fused]), [cid for cid, _ in fused])
        rank = first_relevant_rank(passages[:top_k], gold)
        n += 1
        hits += rank is not None
        mrr += 1 / rank if rank else 0.0
    return (hits / n, mrr / n, int(n)) if n else (0.0, 0.0, 0)


def _dedupe(got: dict[str, Any], order: list[str]) -> list[dict[str, Any]]:
    """Passages in fused order, skipping the parallel version of one already kept."""
    records = {i: (d, m) for i, d, m in zip(got["ids"], got["documents"], got["metadatas"])}
    kept, shown = [], set()
    for cid in order:
        if cid in shown or cid not in records:
            continue
        meta = records[cid][1]
        shown.update({cid, meta.get("counterpart", "")})
        kept.append({"doc_id": meta["doc_id"], "start": meta["start"], "end": meta["end"]})
    return kept


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index-dir", type=Path)
    parser.add_argument("--out", type=Path, default=Path("eval/reports/fusion-tuning.md"))
    args = parser.parse_args(argv)
    logging.disable(logging.WARNING)
    ensure_index(args.index_dir)
    pipe = Pipeline(Settings(backend="extractive"))
    cases = _cases(pipe)
    lines = ["# Fusion tuning on the dev split", "",
             "hit@k / MRR of the fused top k per query kind; dense-only is lexical weight 0.", ""]
    for kind in ("vi", "vi_nodiac", "en"):
        subset = [c for c in cases if c[0] == kind]
        rows = sorted(((_score(pipe, subset, m, k, w), m, k, w)
                       for m, k in METHODS for w in LEXICAL_WEIGHTS),
                      key=lambda r: (-r[0][1], -r[0][0]))
        dense = _score(pipe, subset, "convex", 0, 0.0)
        lines += [f"## {kind} (n={dense[2]})", "", "| method | lexical weight | hit@k | MRR |",
                  "|---|---|---|---|", f"| dense only | 0 | {dense[0]:.2f} | {dense[1]:.2f} |"]
        lines += [f"| {m}{'' if m == 'convex' else f' k={k}'} | {w} | {s[0]:.2f} | {s[1]:.2f} |"
                  for s, m, k, w in rows[:8]]
        lines.append("")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
