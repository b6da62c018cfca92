"""Hand labels for faithfulness: statements the engine kept, judged against their unit.

``extract`` lists every statement of every non-declined answer of one system in a run
(with the unit it cites and that unit's translation) into a YAML file whose ``label``
a person fills in: ``supported`` or ``unsupported``. ``score`` (and the eval report)
then measures the engine's own check (:func:`rag.verify.statement_supported`) and the
eval's citation judge against those labels and against constructed hard cases. The
figure that matters most is the number of unsupported statements the check kept.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import yaml

from eval import metrics as m
from eval.sets import EVAL

FOLDER = EVAL / "faithfulness"
LABELS = FOLDER / "statements.yaml"
HARD_CASES = FOLDER / "hard_cases.yaml"


def extract(run: Path, system: str) -> list[dict[str, Any]]:
    """Every statement the model wrote in ``system``'s answers in ``run``, unlabelled: the
    ones the citation check kept (``kept: true``, with the unit they cite) and the ones it
    dropped (with the unit they cited), so both its precision and its recall can be
    measured."""
    items = []
    for line in (run / f"{system}.jsonl").read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        base = {"id": rec["id"], "language": rec.get("q_language"), "label": None}
        written = "generation" in (rec.get("timings") or {})  # lists, metadata: by code
        if written and rec.get("answerable") and not rec.get("fallback"):
            items += [{**base, **kept, "kept": True} for kept in _kept(rec)]
        items += [{**base, "statement": d["statement"], "evidence": d["evidence"], "kept": False}
                  for d in rec.get("dropped") or [] if d.get("evidence")]
    return items


def _kept(rec: dict[str, Any]) -> list[dict[str, Any]]:
    """The statements of a model answer, each with the unit (and translation) it cites."""
    by_index = {c["index"]: c for c in rec.get("citations", [])}
    out = []
    for st in m.statements(rec.get("text") or ""):
        marks = [int(x) for x in m.MARKER.findall(st)]
        c = by_index.get(marks[0]) if marks else None
        if c is not None:
            cp = (c.get("counterpart") or {}).get("text")
            out.append({"statement": m.strip_markers(st).strip(),
                        "evidence": [c["quote"]] + ([cp] if cp else [])})
    return out


def _rates(items: list[dict[str, Any]]) -> dict[str, Any]:
    from rag.verify import statement_supported

    truth = [i["label"] == "supported" for i in items]
    check = [statement_supported(i["statement"], i["evidence"]) for i in items]
    judge = [m.judge(i["statement"], ["\n".join(i["evidence"])]) for i in items]

    def precision(pred: list[bool]) -> float | None:
        kept = [t for t, p in zip(truth, pred) if p]
        return sum(kept) / len(kept) if kept else None

    def recall(pred: list[bool]) -> float | None:
        pos = [p for t, p in zip(truth, pred) if t]
        return sum(pos) / len(pos) if pos else None

    return {"n": len(items), "supported": sum(truth),
            "check_precision": precision(check), "check_recall": recall(check),
            "judge_precision": precision(judge), "judge_recall": recall(judge),
            "unsupported_kept": sum(1 for t, p in zip(truth, check) if p and not t)}


def score_labels() -> dict[str, Any]:
    """Rates on the labelled model statements and on the hard cases."""
    out = {}
    for name, path in (("model statements", LABELS), ("hard cases", HARD_CASES)):
        if path.exists():
            items = [i for i in yaml.safe_load(path.read_text(encoding="utf-8")) or []
                     if i.get("label") in ("supported", "unsupported")]
            if items:
                out[name] = _rates(items)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("extract")
    ex.add_argument("--run", type=Path, default=EVAL / "reports" / "latest")
    ex.add_argument("--system", default="local-hybrid")
    ex.add_argument("--out", type=Path, default=LABELS)
    sub.add_parser("score")
    args = parser.parse_args(argv)
    if args.command == "extract":
        items = extract(args.run, args.system)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(yaml.safe_dump(items, allow_unicode=True, sort_keys=False),
                            encoding="utf-8")
        print(f"{len(items)} statements -> {args.out}")
        return 0
    print(json.dumps(score_labels(), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
