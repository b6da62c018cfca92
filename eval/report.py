"""Score stored JSONL records and write report.md, report.json and chart.png.

Scoring happens here, not while answering, so a report can be rebuilt from old runs
(``--report-only``) and every system is scored by exactly the same code.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import subprocess
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from eval import metrics as m

from eval.sets import KINDS, ROOT, SETS

JUDGE_SAMPLE = ROOT / "eval" / "judge_sample.yaml"
OUTCOMES = ("correct", "incomplete", "wrong", "declined")
# (key, label) of the rates shown in the tables, in order.
RATES = [
    ("correct", "correct"), ("incomplete", "incomplete"), ("wrong", "wrong"),
    ("declined", "declined"), ("fact_recall", "fact recall"),
    ("hit_1", "hit@1"), ("hit_k", "hit@k"), ("mrr", "MRR"),
    ("citation_recall", "citation recall"), ("citation_precision", "citation precision"),
    ("correct_decline", "correct decline"), ("false_decline", "false decline"),
    ("language_match", "language match"),
]
LATENCIES = ["retrieval", "first_token", "total"]


def load_bodies() -> dict[str, str]:
    """Bodies of every article the sets are asked over (as the engine cleans them)."""
    from rag.documents import parse_document
    from eval.sets import document_dirs

    bodies = {}
    for folder in document_dirs():
        for path in sorted(folder.glob("*")) if folder.is_dir() else []:
            if path.suffix in (".md", ".txt", ".markdown"):
                doc = parse_document(path.read_bytes(), name=path.name)
                bodies[doc.id] = doc.body
    return bodies


def score(rec: dict[str, Any], q: dict[str, Any], bodies: dict[str, str], k: int
          ) -> dict[str, Any]:
    """All per-question metrics of one record; None where a metric does not apply."""
    text = rec.get("text") or ""
    declined = (not rec["answerable"]) if rec.get("answerable") is not None \
        else m.looks_declined(text)
    out: dict[str, Any] = {"declined_flag": declined, "error": rec.get("error"),
                           "fallback": rec.get("fallback")}
    hits: list[bool] = []
    wrong = m.wrong_claims(text, q.get("wrong"), q["question"])
    if q["answerable"]:
        facts = m.scorable_facts(q["facts"], q["question"])
        hits = m.fact_hits(text, q["facts"], q["question"]) if not declined else [False] * len(facts)
        out["fact_recall"] = sum(hits) / len(hits) if hits else None
        out["missing_facts"] = [alts[0] for alts, h in zip(facts, hits) if not h]
        gold = m.evidence_spans(q["evidence"], bodies)
        rank = m.first_relevant_rank(rec.get("passages", [])[:k], gold)
        out.update(hit_1=float(rank == 1), hit_k=float(rank is not None),
                   mrr=1.0 / rank if rank else 0.0, rank=rank)
        out["false_decline"] = float(declined)
    else:
        out["correct_decline"] = float(declined)
    result = m.outcome(declined, q["answerable"], hits, wrong)
    out["outcome"], out["wrong_claims"] = result, wrong
    out.update({o: float(result == o) for o in OUTCOMES})
    if not declined and text.strip():
        cs = m.citation_scores(text, rec.get("citations", []))
        if cs.statements:
            out["citation_recall"] = cs.supported / cs.statements
            out["citation_precision"] = cs.precise / cs.citations if cs.citations else 0.0
        out["statements"], out["supported"] = cs.statements, cs.supported
    out["quote_violations"] = m.quote_violations(rec.get("citations", []), bodies)
    out["language_match"] = float(m.language_ok(text, rec.get("language"), q["language"]))
    out["timings"] = {key: rec.get("timings", {}).get(key) for key in LATENCIES}
    return out


def aggregate(scored: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Means of the rates over the questions they apply to, plus latency percentiles."""
    agg: dict[str, Any] = {"n": len(scored)}
    for key, _ in RATES:
        vals = [s[key] for s in scored if s.get(key) is not None]
        agg[key] = float(np.mean(vals)) if vals else None
        agg[f"{key}_n"] = len(vals)
    agg["quote_violations"] = sum(len(s["quote_violations"]) for s in scored)
    agg["errors"] = sum(1 for s in scored if s.get("error"))
    agg["fallbacks"] = sum(1 for s in scored if s.get("fallback"))
    for key in LATENCIES:
        vals = [s["timings"][key] for s in scored if s["timings"].get(key) is not None]
        agg[f"{key}_p50"] = float(np.percentile(vals, 50)) if vals else None
        agg[f"{key}_p95"] = float(np.percentile(vals, 95)) if vals else None
    return agg


def judge_agreement(path: Path = JUDGE_SAMPLE) -> dict[str, Any] | None:
    """Accuracy and Cohen's kappa of the lexical judge against hand labels."""
    if not path.exists():
        return None
    items = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    human = [bool(i["human"]) for i in items]
    auto = [m.judge(i["statement"], i["passages"]) for i in items]
    n = len(items)
    if not n:
        return None
    agree = sum(h == a for h, a in zip(human, auto)) / n
    ph, pa = sum(human) / n, sum(auto) / n
    expected = ph * pa + (1 - ph) * (1 - pa)
    kappa = (agree - expected) / (1 - expected) if expected < 1 else 1.0
    disagreements = [{"id": i.get("id"), "statement": i["statement"], "human": h, "judge": a}
                     for i, h, a in zip(items, human, auto) if h != a]
    return {"n": n, "accuracy": agree, "kappa": kappa, "human_true": sum(human),
            "judge_true": sum(auto), "disagreements": disagreements}


def git_commit() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, text=True,
                              capture_output=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def machine() -> dict[str, Any]:
    import psutil

    return {"platform": platform.platform(), "python": platform.python_version(),
            "processor": platform.processor() or platform.machine(), "cpus": os.cpu_count(),
            "memory_gb": round(psutil.virtual_memory().total / 2**30, 1)}


def _fmt(v: Any) -> str:
    if v is None:
        return "–"
    return f"{v:.2f}" if isinstance(v, float) else str(v)


def write_chart(path: Path, names: list[str], per_group: dict[str, dict[str, dict[str, Any]]]
                ) -> None:
    """Grouped bars per question set: one bar per system, four panels."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    panels = [("correct", "correct"), ("wrong", "wrong"), ("declined", "falsely declined"),
              ("hit_k", "retrieval hit@k")]
    kinds = list(per_group[names[0]]) if names else []
    per_kind = per_group
    fig, axes = plt.subplots(len(panels), 1, figsize=(11, 3.2 * len(panels)), sharex=True)
    width = 0.8 / max(1, len(names))
    x = np.arange(len(kinds))
    for ax, (key, title) in zip(axes, panels):
        for i, name in enumerate(names):
            vals = [(per_kind[name].get(k) or {}).get(key) for k in kinds]
            ax.bar(x + i * width - 0.4 + width / 2, [v or 0.0 for v in vals], width, label=name)
        ax.set_title(title)
        ax.set_ylim(0, 1.05)
        ax.grid(axis="y", alpha=0.3)
    axes[-1].set_xticks(x, kinds)
    axes[0].legend(fontsize=8, ncol=min(4, len(names)))
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def write_report(out: Path, systems: list[tuple[str, dict[str, Any]]],
                 questions: list[dict[str, Any]], commit: str | None = None,
                 dirty: bool = False) -> dict[str, Any]:
    """Score every system's JSONL in ``out`` (restricted to ``questions``) and write the report."""
    by_id = {q["id"]: q for q in questions}
    bodies = load_bodies()
    names = [n for n, _ in systems]
    per_q: dict[str, list[tuple[dict[str, Any], dict[str, Any]]]] = {}
    for name, settings in systems:
        rows = []
        path = out / f"{name}.jsonl"
        seen: set[str] = set()
        for line in (path.read_text(encoding="utf-8").splitlines() if path.exists() else []):
            try:
                rec = json.loads(line)
            except ValueError:
                continue
            if rec["id"] in by_id and rec["id"] not in seen:
                seen.add(rec["id"])
                rec["set"] = by_id[rec["id"]]["set"]
                rows.append((rec, score(rec, by_id[rec["id"]], bodies,
                                        int(settings.get("top_k", 4)))))
        per_q[name] = rows
    sets = [st for st in SETS if any(q["set"] == st for q in questions)]
    per_set = {n: {st: aggregate([s for r, s in per_q[n] if r["set"] == st]) for st in sets}
               for n in names}
    per_kind_set = {n: {f"{k}/{st}": aggregate([s for r, s in per_q[n]
                                                if r["kind"] == k and r["set"] == st])
                        for k in KINDS for st in sets
                        if any(r["kind"] == k and r["set"] == st for r, _ in per_q[n])}
                    for n in names}
    own = {n: {st: aggregate([s for r, s in per_q[n] if r["set"] == st and not s["fallback"]])
               for st in sets} for n in names}
    overall = {n: aggregate([s for _, s in per_q[n]]) for n in names}
    report = {
        "date": dt.datetime.now().isoformat(timespec="seconds"), "machine": machine(),
        "git_commit": commit or git_commit(), "dirty": dirty, "systems": dict(systems),
        "sets": sets, "overall": overall, "per_set": per_set, "per_kind_set": per_kind_set,
        "own_answers": own, "judge_agreement": judge_agreement(),
        "faithfulness": _faithfulness(),
        "questions": {n: [{"id": r["id"], "kind": r["kind"], "set": r["set"],
                           "question": r["question"], "text": r.get("text"), **s}
                          for r, s in per_q[n]] for n in names},
    }
    (out / "report.json").write_text(json.dumps(report, ensure_ascii=False, indent=1,
                                                default=str), encoding="utf-8")
    write_chart(out / "chart.png", names, {n: {st: per_set[n][st] for st in sets} for n in names})
    (out / "report.md").write_text(_markdown(report, names, per_q), encoding="utf-8")
    return report


def _faithfulness() -> dict[str, Any] | None:
    """Precision/recall of the engine's check and the judge on hand labels, if labelled."""
    from eval.faithfulness import LABELS, score_labels

    return score_labels() if LABELS.exists() else None


def _side_by_side(names: list[str], sets: list[str], groups: dict[str, dict[str, Any]],
                  keys: list[tuple[str, str]]) -> list[str]:
    """One row per system, and for each metric one column per set."""
    head = "| system | " + " | ".join(f"{lab} ({st})" for key, lab in keys for st in sets) + " |"
    lines = [head, "|---" * (1 + len(keys) * len(sets)) + "|"]
    for n in names:
        cells = [_fmt(groups[n][st].get(key)) for key, _ in keys for st in sets]
        lines.append(f"| {n} | " + " | ".join(cells) + " |")
    lines.append("| n | " + " | ".join(str(groups[names[0]][st]["n"]) for _ in keys
                                       for st in sets) + " |")
    return lines


def _markdown(rep: dict[str, Any], names: list[str],
              per_q: dict[str, list[tuple[dict[str, Any], dict[str, Any]]]]) -> str:
    mc, sets = rep["machine"], rep["sets"]
    title = "# Evaluation report" + (" — DIRTY (uncommitted changes)" if rep["dirty"] else "")
    lines = [title, "", f"- date: {rep['date']}",
             f"- commit: `{rep['git_commit']}`" + (" + uncommitted changes" if rep["dirty"] else ""),
             f"- machine: {mc['platform']}, {mc['cpus']} CPUs, {mc['memory_gb']} GB RAM, "
             f"Python {mc['python']}", "- systems:"]
    for n in names:
        lines.append(f"  - **{n}**: `{json.dumps(rep['systems'][n], ensure_ascii=False)}`")
    lines += ["", "Outcomes (one per question, see eval/README.md): **correct**; **incomplete** "
              "(answered, some facts missing); **wrong** (states a false claim, or answers a "
              "question it should decline); **declined** (answerable but declined). "
              "dev may have been used for tuning; heldout and generalization never were.", "",
              "![chart](chart.png)", "", "## Outcomes by set", ""]
    lines += _side_by_side(names, sets, rep["per_set"],
                           [(o, o) for o in OUTCOMES] + [("fact_recall", "fact recall")])
    lines += ["", "## Retrieval, citations, language, latency by set", ""]
    lines += _side_by_side(names, sets, rep["per_set"], [
        ("hit_k", "hit@k"), ("citation_recall", "cit. recall"),
        ("citation_precision", "cit. precision"), ("language_match", "language"),
        ("first_token_p50", "first token p50 s"), ("total_p50", "total p50 s"),
        ("total_p95", "total p95 s")])
    lines += ["", "## The backend's own answers vs fallbacks", "",
              "A model backend that fails, declines or is not verified gives the extractive "
              "answer instead (`Answer.fallback`); those answers are counted here apart.", ""]
    for n in names:
        fb = {st: rep["per_set"][n][st]["fallbacks"] for st in sets}
        lines.append(f"- **{n}**: fallbacks " + ", ".join(f"{st} {fb[st]}/{rep['per_set'][n][st]['n']}"
                                                          for st in sets))
    lines += [""] + _side_by_side(names, sets, rep["own_answers"],
                                  [(o, f"own {o}") for o in OUTCOMES])
    lines += ["", "## Per kind", ""]
    for k in KINDS:
        keys = [f"{k}/{st}" for st in sets if all(f"{k}/{st}" in rep["per_kind_set"][n]
                                                   for n in names)]
        if not keys:
            continue
        lines += [f"### {k}", "", "| system | " + " | ".join(
            f"{o} ({key.split('/')[1]})" for o in ("correct", "wrong", "declined", "fact_recall")
            for key in keys) + " |", "|---" * (1 + 4 * len(keys)) + "|"]
        for n in names:
            lines.append(f"| {n} | " + " | ".join(
                _fmt(rep["per_kind_set"][n][key].get(o))
                for o in ("correct", "wrong", "declined", "fact_recall") for key in keys) + " |")
        lines.append("| n | " + " | ".join(str(rep["per_kind_set"][names[0]][key]["n"])
                                           for _ in range(4) for key in keys) + " |")
        lines.append("")
    lines += _faithfulness_md(rep.get("faithfulness"))
    lines += ["", "## Near-miss and unanswerable questions that were not declined", "",
              "Listed in full for hand-checking: does the answer state a relation the "
              "articles do not?", ""]
    for n in names:
        rows = [(r, s) for r, s in per_q[n] if r["kind"] in ("nearmiss", "unanswerable")
                and not s["declined_flag"]]
        lines += [f"### {n} ({len(rows)})", ""]
        for r, s in rows:
            text = " ".join((r.get("text") or "").split())
            lines.append(f"- **{r['id']}** ({r['set']}) {r['question']}  \n  > {text[:600]}")
        lines.append("")
    lines += ["## Questions not answered correctly", ""]
    for n in names:
        failed = [(r, s) for r, s in per_q[n] if s["outcome"] != "correct" or s["quote_violations"]]
        lines += [f"### {n} ({len(failed)} of {len(per_q[n])})", ""]
        for r, s in failed:
            why = [s["outcome"]]
            if s.get("missing_facts"):
                why.append("missing " + ", ".join(f"“{f}”" for f in s["missing_facts"]))
            if s.get("wrong_claims"):
                why.append("states " + ", ".join(f"“{f}”" for f in s["wrong_claims"]))
            if s.get("hit_k") == 0.0:
                why.append("evidence not retrieved")
            if s["quote_violations"]:
                why.append("quote violations: " + "; ".join(s["quote_violations"]))
            if s.get("fallback"):
                why.append(f"fallback: {s['fallback']}")
            if s.get("error"):
                why.append(f"error: {s['error']}")
            text = " ".join((r.get("text") or "").split())
            lines.append(f"- **{r['id']}** ({r['set']}, {r['kind']}) {r['question']} — "
                         f"{'; '.join(why)}  \n  > {text[:400]}{'…' if len(text) > 400 else ''}")
        lines.append("")
    return "\n".join(lines) + "\n"


def _faithfulness_md(f: dict[str, Any] | None) -> list[str]:
    lines = ["## Faithfulness labels", ""]
    if not f:
        return lines + ["No labelled statements yet (eval/faithfulness/).", ""]
    lines += ["Hand labels (supported / unsupported against the cited unit) scored against "
              "the engine's check (`rag.verify`) and the eval's citation judge; positive class "
              "= supported.", "", "| items | n | supported | check precision | check recall | "
              "judge precision | judge recall | unsupported kept by the check |",
              "|---|---|---|---|---|---|---|---|"]
    for name, row in f.items():
        lines.append(f"| {name} | {row['n']} | {row['supported']} | {_fmt(row['check_precision'])}"
                     f" | {_fmt(row['check_recall'])} | {_fmt(row['judge_precision'])} | "
                     f"{_fmt(row['judge_recall'])} | {row['unsupported_kept']} |")
    return lines + [""]
