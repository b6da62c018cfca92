"""The held-out and generalization material is protected from tuning.

Its files are recorded by sha256 (eval/protect.py), and no code outside the eval's
runner, report, loader and protection may name those files, their ids or their
questions: not rag/, ui/, bench/, scripts/, the tests or any tuning script.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from eval import protect
from eval.sets import ROOT, load_set

ALLOWED = {"eval/runner.py", "eval/report.py", "eval/sets.py", "eval/protect.py",
           "eval/faithfulness.py", "tests/test_heldout_protection.py",
           "tests/test_questions_file.py"}
SCANNED = ("rag", "ui", "bench", "scripts", "tests", "eval")
PATH_MARKERS = ("eval/heldout", "eval/generalization", "questions-a", "questions-b")


def protected_strings() -> list[str]:
    out: list[str] = list(PATH_MARKERS)
    for name in ("heldout", "generalization"):
        for q in load_set(name):
            out += [q["id"] + ":", q["id"] + '"', q["question"]]
    return out


def violations(root: Path, needles: list[str]) -> list[str]:
    """Files under ``root``'s scanned folders that name protected material."""
    found = []
    for folder in SCANNED:
        for path in (root / folder).rglob("*.py"):
            rel = str(path.relative_to(root))
            if rel in ALLOWED or "eval/reports/" in rel:
                continue
            text = path.read_text(encoding="utf-8", errors="replace")
            hits = [n for n in needles if n in text]
            if hits:
                found.append(f"{rel}: {hits[0][:60]!r}")
    return found


def test_no_code_reads_protected_questions() -> None:
    assert violations(ROOT, protected_strings()) == []


def test_the_guard_finds_a_planted_violation(tmp_path: Path) -> None:
    (tmp_path / "rag").mkdir()
    (tmp_path / "rag" / "rules.py").write_text('PATH = "eval/heldout/questions.yaml"\n')
    (tmp_path / "eval").mkdir()
    (tmp_path / "eval" / "tune_x.py").write_text("QUESTION = 'Secret held-out question?'\n")
    assert len(violations(tmp_path, [*PATH_MARKERS, "Secret held-out question?"])) == 2


def test_protected_files_match_their_recorded_sums() -> None:
    current = protect.digests()
    if not current:
        pytest.skip("no held-out or generalization files yet")
    assert protect.recorded() == current, "protected files changed: rerun only if intended " \
                                          "(python -m eval.protect --write) and say so"
