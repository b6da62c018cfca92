"""The question sets and the documents they are asked over.

- ``dev``: eval/questions.yaml, over the sample article; may be used for tuning.
- ``devgen``: eval/devgen/questions.yaml, over articles written for tuning
  (eval/devgen/documents, raw scraped pages among them); may be used for tuning, so
  that rules are fitted to more than one article.
- ``heldout``: eval/heldout/questions.yaml, over the sample article; never used for tuning.
- ``generalization``: eval/generalization/questions-*.yaml, over articles written for it
  (eval/generalization/documents); never used for tuning, only reported.

Only the eval's runner, report and protection code may read the last two (a test
checks that nothing else names them). Every set is asked against one index holding
documents/ and the generalization articles together, as a reader's library would.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT / "eval"
PROTECTED = (EVAL / "heldout", EVAL / "generalization")
SETS = ("dev", "devgen", "heldout", "generalization")
KINDS = ("vi", "en", "vi_nodiac", "cross", "list", "number", "metadata", "followup",
         "unanswerable", "nearmiss")


def question_files(name: str) -> list[Path]:
    if name == "dev":
        return [EVAL / "questions.yaml"]
    if name == "devgen":
        return [EVAL / "devgen" / "questions.yaml"]
    if name == "heldout":
        return [EVAL / "heldout" / "questions.yaml"]
    return sorted((EVAL / "generalization").glob("questions-*.yaml"))


def load_set(name: str) -> list[dict[str, Any]]:
    """The questions of one set (empty when its files do not exist yet), tagged with it."""
    out = []
    for path in question_files(name):
        if path.exists():
            out += [{**q, "set": name} for q in yaml.safe_load(path.read_text(encoding="utf-8"))]
    return out


def document_dirs() -> list[Path]:
    return [ROOT / "documents", EVAL / "devgen" / "documents",
            EVAL / "generalization" / "documents"]


def build_documents(target: Path) -> Path:
    """A fresh folder holding every article the sets are asked over."""
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    for folder in document_dirs():
        for path in sorted(folder.glob("*")) if folder.is_dir() else []:
            if path.is_file() and not path.name.startswith("."):
                shutil.copy(path, target / path.name)
    return target


def protected_files() -> list[Path]:
    """Every file of the held-out and generalization material."""
    return sorted(p for d in PROTECTED if d.is_dir() for p in d.rglob("*")
                  if p.is_file() and p.name != "SHA256SUMS")
