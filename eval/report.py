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

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = ROOT / "eval" / "questions.yaml"
JUDGE_SAMPLE = ROOT / "eval" / "judge_sample.yaml"
KINDS = ("vi", "en", "vi_nodiac", "cross", "list", "number", "followup", "unanswerable")
# (key, label) of the rates shown in the tables, in order.
RATES = [
    ("hit_1", "hit@1"), ("hit_k", "hit@k"), ("mrr", "MRR"),
    ("fact_recall", "fact recall"), ("correct", "correct"),
    ("citation_recall", "citation recall"), ("citation_precision", "citation precision"),
    ("correct_decline", "correct decline"), ("false_decline", "false decline"),
    ("language_match", "language match"),
]
LATENCIES = ["retrieval", "first_token", "total"]


def load_bodies() -> dict[str, str]:
    from rag.config import Settings
    from rag.documents import load_documents

    docs, _ = load_documents(Settings().documents_dir)
    return {d.id: d.body for d in docs}


def score(rec: dict[str, Any], q: dict[str, Any], bodies: dict[str, str], k: int
          ) -> dict[str, Any]:
    """All per-question metrics of one record; None where a metric does not apply."""
    text = rec.get("text") or ""
    declined = (not rec["answerable"]) if rec.get("answerable") is not None \
        else m.looks_declined(text)
    out: dict[str, Any] = {"declined": declined, "error": rec.get("error")}
    if q["answerable"]:
        hits = m.fact_hits(text, q["facts"]) if not declined else [False] * len(q["facts"])
        out["fact_recall"] = sum(hits) / len(hits) if hits else 0.0
        out["correct"] = float(all(hits) and bool(hits))
        out["missing_facts"] = [alts[0] for alts, h in zip(q["facts"], hits) if not h]
        gold = m.evidence_spans(q["evidence"], bodies)
        rank = m.first_relevant_rank(rec.get("passages", [])[:k], gold)
        out.update(hit_1=float(rank == 1), hit_k=float(rank is not None),
                   mrr=1.0 / rank if rank else 0.0, rank=rank)
        out["false_decline"] = float(declined)
    else:
        out["correct"] = out["correct_decline"] = float(declined)
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


def _git_commit() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, text=True,
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


def _table(names: list[str], groups: dict[str, dict[str, Any]]) -> list[str]:
    lines = ["| metric | " + " | ".join(names) + " |", "|---" * (len(names) + 1) + "|"]
    lines.append("| questions | " + " | ".join(str(groups[n]["n"]) for n in names) + " |")
    for key, label in RATES:
        if all(groups[n][key] is None for n in names):
            continue
        lines.append(f"| {label} | " + " | ".join(_fmt(groups[n][key]) for n in names) + " |")
    lines.append("| quote violations | " + " | ".join(
        str(groups[n]["quote_violations"]) for n in names) + " |")
    for key in LATENCIES:
        lines.append(f"| {key} p50 / p95 (s) | " + " | ".join(
            f"{_fmt(groups[n][key + '_p50'])} / {_fmt(groups[n][key + '_p95'])}" for n in names)
            + " |")
    return lines


def write_chart(path: Path, names: list[str], per_kind: dict[str, dict[str, dict[str, Any]]]
                ) -> None:
    """Grouped bars per kind: one bar per system, four panels."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    panels = [("correct", "correct (decline for unanswerable)"), ("hit_k", "retrieval hit@k"),
              ("citation_recall", "citation recall"), ("correct_decline", "correct decline")]
    kinds = [k for k in KINDS if any(k in per_kind[n] for n in names)]
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


def write_report(out: Path, systems: list[tuple[str, dict[str, Any]]], ids: set[str]
                 ) -> dict[str, Any]:
    """Score every system's JSONL in ``out`` (restricted to ``ids``) and write the report."""
    questions = {q["id"]: q for q in yaml.safe_load(QUESTIONS.read_text(encoding="utf-8"))}
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
            if rec["id"] in ids and rec["id"] not in seen and rec["id"] in questions:
                seen.add(rec["id"])
                rows.append((rec, score(rec, questions[rec["id"]], bodies,
                                        int(settings.get("top_k", 4)))))
        per_q[name] = rows
    per_kind = {n: {k: aggregate([s for r, s in per_q[n] if r["kind"] == k])
                    for k in KINDS if any(r["kind"] == k for r, _ in per_q[n])} for n in names}
    per_split = {n: {sp: aggregate([s for r, s in per_q[n] if r["split"] == sp])
                     for sp in ("dev", "heldout")} for n in names}
    per_kind_split = {n: {f"{k}/{sp}": aggregate([s for r, s in per_q[n]
                                                  if r["kind"] == k and r["split"] == sp])
                          for k in KINDS for sp in ("dev", "heldout")
                          if any(r["kind"] == k and r["split"] == sp for r, _ in per_q[n])}
                      for n in names}
    overall = {n: aggregate([s for _, s in per_q[n]]) for n in names}
    agreement = judge_agreement()
    report = {
        "date": dt.datetime.now().isoformat(timespec="seconds"), "machine": machine(),
        "git_commit": _git_commit(), "systems": dict(systems), "overall": overall,
        "per_split": per_split, "per_kind": per_kind, "per_kind_split": per_kind_split,
        "judge_agreement": agreement,
        "questions": {n: [{"id": r["id"], "kind": r["kind"], "split": r["split"],
                           "text": r.get("text"), **{k: v for k, v in s.items()}}
                          for r, s in per_q[n]] for n in names},
    }
    (out / "report.json").write_text(json.dumps(report, ensure_ascii=False, indent=1,
                                                default=str), encoding="utf-8")
    write_chart(out / "chart.png", names, per_kind)
    (out / "report.md").write_text(_markdown(report, names, per_q), encoding="utf-8")
    return report


def _markdown(rep: dict[str, Any], names: list[str],
              per_q: dict[str, list[tuple[dict[str, Any], dict[str, Any]]]]) -> str:
    mc = rep["machine"]
    lines = [f"# Evaluation report ({rep['date']})", "",
             f"- machine: {mc['platform']}, {mc['processor']}, {mc['cpus']} CPUs, "
             f"{mc['memory_gb']} GB RAM, Python {mc['python']}",
             f"- git commit: {rep['git_commit']}", "- systems:"]
    for n in names:
        lines.append(f"  - **{n}**: `{json.dumps(rep['systems'][n], ensure_ascii=False)}`")
    lines += ["", "Baseline with the extractive backend answers with the first sentence of its "
              "top retrieved chunk (there is no model to write an answer); its citation is "
              "that chunk. See eval/README.md for what each metric means.", "",
              "![chart](chart.png)", "", "## Overall", ""]
    lines += _table(names, rep["overall"])
    for sp in ("dev", "heldout"):
        lines += ["", f"## Split: {sp}", ""] + _table(names, {n: rep["per_split"][n][sp]
                                                             for n in names})
    lines += ["", "## Per kind", ""]
    for k in KINDS:
        if not all(k in rep["per_kind"][n] for n in names):
            continue
        lines += [f"### {k}", ""] + _table(names, {n: rep["per_kind"][n][k] for n in names}) + [""]
        splits = [f"{k}/{sp}" for sp in ("dev", "heldout")
                  if all(f"{k}/{sp}" in rep["per_kind_split"][n] for n in names)]
        short = [("hit_k", "hit@k"), ("correct", "correct"), ("fact_recall", "fact recall"),
                 ("citation_recall", "cit. recall"), ("correct_decline", "correct decline")]
        lines += ["| split | " + " | ".join(f"{n}: {lab}" for n in names for key, lab in short
                                            if rep["per_kind"][n][k][key] is not None) + " |"]
        cols = sum(1 for n in names for key, _ in short if rep["per_kind"][n][k][key] is not None)
        lines += ["|---" * (cols + 1) + "|"]
        for sp in splits:
            lines.append(f"| {sp} (n={rep['per_kind_split'][names[0]][sp]['n']}) | " + " | ".join(
                _fmt(rep["per_kind_split"][n][sp][key]) for n in names for key, _ in short
                if rep["per_kind"][n][k][key] is not None) + " |")
        lines.append("")
    ag = rep["judge_agreement"]
    lines += ["## Citation judge agreement with hand labels", ""]
    if ag:
        lines += [f"{ag['n']} hand-labelled (statement, passages) pairs in eval/judge_sample.yaml: "
                  f"accuracy **{ag['accuracy']:.2f}**, Cohen's kappa **{ag['kappa']:.2f}** "
                  f"(human true {ag['human_true']}, judge true {ag['judge_true']}).", ""]
        for d in ag["disagreements"]:
            lines.append(f"- {d['id']}: human={d['human']} judge={d['judge']}: {d['statement'][:160]}")
    else:
        lines.append("eval/judge_sample.yaml missing.")
    lines += ["", "## Failed questions", ""]
    for n in names:
        failed = [(r, s) for r, s in per_q[n] if not s.get("correct") or s["quote_violations"]]
        lines += [f"### {n} ({len(failed)} of {len(per_q[n])})", ""]
        for r, s in failed:
            why = []
            if s.get("missing_facts"):
                why.append("missing " + ", ".join(f"“{f}”" for f in s["missing_facts"]))
            if s.get("declined") and s.get("false_decline") is not None:
                why.append("declined")
            if s.get("correct_decline") == 0.0:
                why.append("answered an unanswerable question")
            if s.get("hit_k") == 0.0:
                why.append("evidence not retrieved")
            if s["quote_violations"]:
                why.append("quote violations: " + "; ".join(s["quote_violations"]))
            if s.get("error"):
                why.append(f"error: {s['error']}")
            text = " ".join((r.get("text") or "").split())
            lines.append(f"- **{r['id']}** ({r['split']}) {r['question']} — {'; '.join(why)}  \n"
                         f"  > {text[:400]}{'…' if len(text) > 400 else ''}")
        lines.append("")
    return "\n".join(lines) + "\n"
