"""Record (``--write``) or check the sha256 of every held-out and generalization file.

The sums are committed before any tuning against the engine, so an edit to a protected
question or article after the fact shows up as a failing test.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

from eval.sets import EVAL, ROOT, protected_files

SUMS = EVAL / "heldout" / "SHA256SUMS"


def digests() -> dict[str, str]:
    return {str(p.relative_to(ROOT)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in protected_files()}


def recorded(path: Path = SUMS) -> dict[str, str]:
    if not path.exists():
        return {}
    pairs = (line.split("  ", 1) for line in path.read_text(encoding="utf-8").splitlines() if line)
    return {name: digest for digest, name in pairs}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--write", action="store_true", help="record the current sums")
    args = parser.parse_args(argv)
    if args.write:
        SUMS.write_text("".join(f"{d}  {n}\n" for n, d in sorted(digests().items())),
                        encoding="utf-8")
        print(f"{len(digests())} files recorded in {SUMS.relative_to(ROOT)}")
        return 0
    changed = {n for n, d in digests().items() if recorded().get(n) != d}
    missing = set(recorded()) - set(digests())
    for name in sorted(changed | missing):
        print(f"changed or missing: {name}")
    return 1 if changed or missing else 0


if __name__ == "__main__":
    sys.exit(main())
