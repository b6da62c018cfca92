"""Screenshot of the page answering a question with its sources open.

    python -m ui.screenshot --out docs/screenshot.png            # real engine (RAG_BACKEND=extractive is fastest)
    python -m ui.screenshot --engine tests.test_ui:FakeEngine    # any zero-argument factory

The browser helpers here are shared with ``tests/test_ui_browser.py`` so the test
and the screenshot drive the page the same way. They use Debian's Chromium, since
Playwright's own browser download is not reachable offline.
"""

from __future__ import annotations

import argparse
import importlib
import socket
from pathlib import Path

from playwright.sync_api import Browser, Locator, Page, Playwright, sync_playwright

from rag.config import get_settings
from ui.app import Engine, build_app, serve

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
FINAL_ANSWERS = "#chat .answer:not(.streaming)"


def open_browser(pw: Playwright) -> Browser:
    """Headless Debian Chromium with networking extras off (the machine is offline)."""
    return pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)


def ask(page: Page, question: str, timeout_ms: float = 120_000) -> Locator:
    """Type ``question``, send it, and wait until its final answer has rendered."""
    before = page.locator(FINAL_ANSWERS).count()
    page.locator("#question textarea").fill(question)
    page.locator("#send").click()
    page.wait_for_function(
        "([sel, n]) => document.querySelectorAll(sel).length > n && !document.querySelector('#chat .answer.streaming')",
        arg=[FINAL_ANSWERS, before], timeout=timeout_ms,
    )
    return page.locator(FINAL_ANSWERS).last


def open_citation(answer: Locator, n: int = 1) -> Locator:
    """Click marker ``[n]`` of ``answer``; returns the source entry it opens."""
    answer.locator(f"button.cite.n-{n}").first.click()
    entry = answer.locator(f"details.source.n-{n}")
    entry.locator("mark").first.wait_for(state="visible")
    return entry


def free_port() -> int:
    """A port nobody listens on, for a throwaway server."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def load_engine(spec: str | None) -> Engine:
    """``module:factory`` from the command line, or the real pipeline."""
    if not spec:
        from rag.pipeline import get_pipeline

        return get_pipeline()
    module, _, name = spec.partition(":")
    return getattr(importlib.import_module(module), name)()


def take(out: Path, question: str, engine: Engine) -> None:
    """Serve the page, ask ``question``, open citation [1] and save a screenshot."""
    settings = get_settings()
    engine.warm_up()
    app = build_app(engine, settings)
    url = serve(app, "127.0.0.1", free_port(), settings, block=False)
    try:
        with sync_playwright() as pw:
            browser = open_browser(pw)
            page = browser.new_page(viewport={"width": 1280, "height": 1100}, locale="vi-VN")
            page.goto(url)
            answer = ask(page, question)
            open_citation(answer, 1)
            page.wait_for_timeout(800)  # let the scroll and flash settle
            out.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(out), full_page=True)
            browser.close()
    finally:
        app.close()
    print(f"saved {out}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("docs/screenshot.png"))
    parser.add_argument("--question", default="Báo cáo số 620-BC/HU ban hành ngày nào?")
    parser.add_argument("--engine", help="module:factory returning an engine (default: rag.pipeline)")
    args = parser.parse_args()
    take(args.out, args.question, load_engine(args.engine))


if __name__ == "__main__":
    main()
