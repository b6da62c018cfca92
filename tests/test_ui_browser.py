"""The chat page in headless Debian Chromium: streaming, citation clicks, escaping.

Runs on the fake engine of ``tests/test_ui.py``; to run it on the real one, make the
``engine`` fixture return ``rag.pipeline.get_pipeline()`` (extractive backend) and
set ``QUESTION`` to a question the articles answer; the checks compare the marked
span with the citation's own quote, so they hold for any engine.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from rag.config import Settings
from ui.app import Engine, build_app, serve
from ui.screenshot import CHROMIUM, ask, free_port, open_browser, open_citation

from test_ui import XSS, FakeEngine

pytestmark = pytest.mark.browser
QUESTION = "Báo cáo số 620-BC/HU ban hành ngày nào?"

if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} is missing: apt-get install -y chromium", allow_module_level=True)

from playwright.sync_api import Page, sync_playwright  # noqa: E402 - only once Chromium is known to exist


@pytest.fixture(scope="module")
def engine() -> Engine:
    return FakeEngine()


@pytest.fixture(scope="module")
def url(engine: Engine) -> Iterator[str]:
    settings = Settings()
    engine.warm_up()
    app = build_app(engine, settings)
    yield serve(app, "127.0.0.1", free_port(), settings, block=False)
    app.close()


@pytest.fixture()
def page(url: str) -> Iterator[Page]:
    with sync_playwright() as pw:
        browser = open_browser(pw)
        page = browser.new_page(viewport={"width": 1280, "height": 1000}, locale="en-US")
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(url)
        yield page
        assert not dialogs, f"a script from content ran: {dialogs}"
        browser.close()


def test_citation_click_shows_highlighted_passage(page: Page) -> None:
    answer = ask(page, QUESTION)
    assert answer.locator("button.cite").count() >= 1
    marker_tip = answer.locator("button.cite.n-1").first.get_attribute("title") or ""
    entry = open_citation(answer, 1)
    mark = entry.locator("blockquote.passage mark")
    assert mark.is_visible()
    quote = mark.inner_text().strip()
    assert quote and quote in marker_tip  # the marker's tooltip is "title — quote"


def test_each_answer_keeps_its_own_sources(page: Page) -> None:
    ask(page, QUESTION)
    ask(page, "And in English?")
    first = page.locator("#chat .answer.msg-1")
    assert first.locator("details.source").count() == 2
    assert open_citation(first, 2).locator("mark").inner_text() == "15 March 2024"


def test_markup_in_a_question_is_shown_not_run(page: Page) -> None:
    ask(page, XSS)
    user = page.locator("#chat .q").last
    assert "<script>alert(1)</script>" in user.inner_text()
    assert page.locator("#chat .q img, #chat .q script").count() == 0


def test_interface_language_follows_browser_and_toggle(page: Page) -> None:
    page.locator("#send").filter(has_text="Send").wait_for()  # en-US browser -> English labels
    page.locator("#ui-lang").get_by_text("Tiếng Việt").click()
    page.locator("#send").filter(has_text="Gửi").wait_for()
