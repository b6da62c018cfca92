"""Load and soak test of the chat page, over HTTP with ``gradio_client`` (loopback only).

1. Load: N concurrent sessions each ask Q questions. Each session starts with its own topic
   question, then asks a follow-up that only makes sense after it, then more questions. After
   every question the returned chat history must hold exactly this session's questions, in
   order (no session may see another's messages), and the last message must be an answer
   (answered or declined), not an error.
2. Soak: several hundred more questions from a few sessions (reset every 10 questions), with
   the server's RSS sampled every ``--sample-every`` questions.

Prints a table and exits 1 on any failure (unanswered question, error, foreign history, RSS
growth above ``--max-growth-mb``).

    python scripts/load_soak.py --sessions 20 --questions 10 --soak 300
    python scripts/load_soak.py --backend local --sessions 3 --questions 3 --soak 0
"""

from __future__ import annotations

import argparse
import html
import os
import re
import shutil
import socket
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# (first question, follow-up that needs the first one, word the follow-up's answer should contain)
TOPICS = [
    ("Báo cáo số 620-BC/HU được ban hành ngày nào?", "Báo cáo đó của cơ quan nào?", "Huyện ủy"),
    ("Dự án nâng cấp quốc lộ 55 đi qua những đâu?", "Nó kết nối với tỉnh nào?", "Vũng Tàu"),
    ("When was Report No. 620-BC/HU issued?", "Who issued it?", "Committee"),
    ("Which national highway does Ham Tan want upgraded?", "Which province does it connect to?", "Vung Tau"),
    ("Chương trình OCOP ở Hàm Tân đạt kết quả gì?", "Có bao nhiêu sao?", "3 sao"),
    ("What are the shortcomings of Ham Tan's economy?", "What about tourism projects?", "tourism"),
]
MORE = [
    "Thu ngân sách năm 2023 của huyện Hàm Tân thế nào?",
    "thu ngan sach huyen ham tan nam 2023 the nao?",
    "What did the Provincial Party Standing Committee conclude about Ham Tan?",
    "Hàm Tân có những lợi thế gì để phát triển?",
    "What will the weather be like in Hanoi tomorrow?",
    "Đường từ Tân Xuân đi đâu?",
    "How many new party members were admitted in 2023?",
    "Tình trạng tàu cá khai thác hải sản trái phép thế nào?",
]
ERROR_MARKERS = ("Something went wrong", "Đã xảy ra lỗi", 'class="answer notice')


@dataclass
class Stats:
    lock: threading.Lock = field(default_factory=threading.Lock)
    asked: int = 0
    answered: int = 0
    declined: int = 0
    errors: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    off_topic: int = 0
    latencies: list[float] = field(default_factory=list)

    def add(self, latency: float, kind: str, problem: str | None = None) -> None:
        with self.lock:
            self.asked += 1
            self.latencies.append(latency)
            if kind == "answered":
                self.answered += 1
            elif kind == "declined":
                self.answered += 1
                self.declined += 1
            if problem:
                (self.foreign if kind == "foreign" else self.errors).append(problem)


def content(message: dict[str, Any]) -> str:
    body = message["content"]
    return body if isinstance(body, str) else "".join(p.get("text", "") for p in body)


def classify(last: dict[str, Any]) -> str:
    text = content(last)
    if last["role"] != "assistant" or any(m in text for m in ERROR_MARKERS):
        return "error"
    if 'class="answer unanswerable' in text:
        return "declined"
    if 'class="answer' in text and "streaming" not in text:
        return "answered"
    return "error"


class Session:
    """One client: its own gradio session, the questions it asked, and the checks after each."""

    def __init__(self, url: str, backend: str, stats: Stats, name: str) -> None:
        from gradio_client import Client

        self.client = Client(url, verbose=False)
        self.backend, self.stats, self.name = backend, stats, name
        self.asked: list[str] = []

    def ask(self, question: str) -> str:
        started = time.perf_counter()
        try:
            messages, _ = self.client.predict(question, "auto", self.backend, "en", api_name="/chat")
        except Exception as exc:  # a transport error is a failure of the page
            self.stats.add(time.perf_counter() - started, "error", f"{self.name}: {type(exc).__name__}: {exc}")
            return ""
        latency = time.perf_counter() - started
        self.asked.append(question)
        users = [html.unescape(re.sub(r"<[^>]+>", "", content(m))).strip() for m in messages if m["role"] == "user"]
        if users != self.asked:
            self.stats.add(latency, "foreign", f"{self.name}: history {users[-3:]} != own {self.asked[-3:]}")
            return ""
        kind = classify(messages[-1])
        self.stats.add(latency, kind, None if kind != "error" else f"{self.name}: {question!r}: {content(messages[-1])[:200]}")
        return content(messages[-1])

    def reset(self) -> None:
        self.client.predict(api_name="/reset")
        self.asked = []


def run_session(url: str, backend: str, stats: Stats, n: int, questions: int) -> None:
    session = Session(url, backend, stats, f"session-{n}")
    first, follow_up, expect = TOPICS[n % len(TOPICS)]
    session.ask(first)
    if questions > 1:
        reply = session.ask(follow_up)
        if expect.lower() not in reply.lower():
            with stats.lock:
                stats.off_topic += 1
    for i in range(max(0, questions - 2)):
        session.ask(MORE[(n + i) % len(MORE)])


def soak(url: str, backend: str, stats: Stats, total: int, sample_every: int, clients: int,
         rss: list[float]) -> None:
    import psutil

    proc = psutil.Process()
    pool = [q for topic in TOPICS for q in topic[:2]] + MORE
    counter = {"n": 0}
    lock = threading.Lock()

    def worker(k: int) -> None:
        session = Session(url, backend, stats, f"soak-{k}")
        while True:
            with lock:
                n = counter["n"]
                if n >= total:
                    return
                counter["n"] += 1
            if len(session.asked) >= 10:
                session.reset()
            session.ask(pool[n % len(pool)])
            if (n + 1) % sample_every == 0:
                with lock:
                    rss.append(proc.memory_info().rss / 2**20)

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build_pipeline(args: argparse.Namespace, workdir: Path):  # noqa: ANN201
    from rag.config import PROJECT_ROOT, Settings
    from rag.pipeline import Pipeline

    if args.data_dir:
        settings = Settings(data_dir=Path(args.data_dir), backend=args.backend)
        pipe = Pipeline(settings)
    else:  # a fresh index of a copy of documents/, so the run never touches var/
        shutil.copytree(PROJECT_ROOT / "documents", workdir / "docs")
        settings = Settings(documents_dir=workdir / "docs", data_dir=workdir / "var", backend=args.backend)
        pipe = Pipeline(settings)
        print(f"indexing: {pipe.ingest().summary()}", flush=True)
    pipe.warm_up(args.backend)
    return pipe, settings


def percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def table(rows: list[tuple[str, str]]) -> str:
    width = max(len(k) for k, _ in rows)
    return "\n".join(f"| {k:<{width}} | {v:>20} |" for k, v in rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--backend", choices=["extractive", "local", "openai"], default="extractive")
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--questions", type=int, default=10, help="questions per session")
    parser.add_argument("--soak", type=int, default=300, help="questions in the soak phase (0: none)")
    parser.add_argument("--soak-clients", type=int, default=4)
    parser.add_argument("--sample-every", type=int, default=50)
    parser.add_argument("--max-growth-mb", type=float, default=200.0)
    parser.add_argument("--data-dir", help="use an existing index instead of building one")
    args = parser.parse_args(argv)
    if not (1 <= args.sessions <= 200 and 1 <= args.questions <= 100 and 0 <= args.soak <= 10_000):
        parser.error("sessions 1..200, questions 1..100, soak 0..10000")

    import psutil

    from ui.app import build_app

    workdir = Path(tempfile.mkdtemp(prefix="load-soak-"))
    app = None
    try:
        pipe, settings = build_pipeline(args, workdir)
        app = build_app(pipe, settings)
        app.queue(default_concurrency_limit=1)
        _, url, _ = app.launch(server_name="127.0.0.1", server_port=free_port(), prevent_thread_lock=True,
                               quiet=True, show_error=False)
        print(f"serving {url} ({args.backend})", flush=True)
        proc = psutil.Process()

        load = Stats()
        started = time.perf_counter()
        threads = [threading.Thread(target=run_session, args=(url, "default", load, n, args.questions))
                   for n in range(args.sessions)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        load_time = time.perf_counter() - started

        soak_stats = Stats()
        rss = [proc.memory_info().rss / 2**20]
        soak_time = 0.0
        if args.soak:
            started = time.perf_counter()
            soak(url, "default", soak_stats, args.soak, args.sample_every, args.soak_clients, rss)
            soak_time = time.perf_counter() - started
            rss.append(proc.memory_info().rss / 2**20)
    finally:
        if app is not None:
            app.close()
        shutil.rmtree(workdir, ignore_errors=True)

    growth = rss[-1] - rss[0]
    rows = [
        ("backend", args.backend),
        ("load: sessions x questions", f"{args.sessions} x {args.questions}"),
        ("load: asked", str(load.asked)),
        ("load: answered (declined)", f"{load.answered} ({load.declined})"),
        ("load: errors", str(len(load.errors))),
        ("load: foreign history", str(len(load.foreign))),
        ("load: follow-ups off topic", str(load.off_topic)),
        ("load: p50 / p95 latency s", f"{percentile(load.latencies, .5):.2f} / {percentile(load.latencies, .95):.2f}"),
        ("load: wall time s", f"{load_time:.1f}"),
        ("soak: asked", str(soak_stats.asked)),
        ("soak: answered (declined)", f"{soak_stats.answered} ({soak_stats.declined})"),
        ("soak: errors", str(len(soak_stats.errors) + len(soak_stats.foreign))),
        ("soak: p50 / p95 latency s", f"{percentile(soak_stats.latencies, .5):.2f} / {percentile(soak_stats.latencies, .95):.2f}"),
        ("soak: wall time s", f"{soak_time:.1f}"),
        ("RSS start / end / max MB", f"{rss[0]:.0f} / {rss[-1]:.0f} / {max(rss):.0f}"),
        ("RSS growth MB", f"{growth:+.0f}"),
        ("RSS samples MB", " ".join(f"{r:.0f}" for r in rss) if len(rss) <= 8 else f"{len(rss)} samples"),
    ]
    print(table(rows))
    if len(rss) > 8:
        print("RSS samples MB:", " ".join(f"{r:.0f}" for r in rss))
    failures = load.errors + load.foreign + soak_stats.errors + soak_stats.foreign
    failures += [f"{s.asked - s.answered} unanswered" for s in (load, soak_stats) if s.asked != s.answered]
    if load.asked != args.sessions * args.questions:
        failures.append(f"load asked {load.asked} of {args.sessions * args.questions}")
    if growth > args.max_growth_mb:
        failures.append(f"RSS grew {growth:.0f} MB (> {args.max_growth_mb:.0f})")
    for failure in failures[:20]:
        print("FAIL:", failure)
    print("RESULT:", "FAIL" if failures else "OK", flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
