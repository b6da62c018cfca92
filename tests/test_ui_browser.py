"""The chat page in headless Debian Chromium: streaming, citation clicks, escaping.

Most tests run on the fake engine of ``tests/test_ui.py`` (fast, exact sources); the
last one runs the real engine (real embedder, Chroma and BM25, extractive backend) and
checks that the highlighted span of an opened citation is text of the article.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from rag.config import Settings
from ui.app import Engine, build_app, serve
from ui.screenshot import CHROMIUM, ask, free_port, open_browser, open_citation

from test_ui import XSS, FakeEngine

pytestmark = pytest.mark.browser
QUESTION = "Báo cáo số 620-BC/HU ban hành ngày nào?"
DOCUMENTS = Path(__file__).resolve().parent.parent / "documents"

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


@pytest.fixture(scope="module")
def real_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The page on the real engine: real embedder, Chroma and BM25, extractive answers."""
    from rag.ingest import ingest
    from rag.pipeline import Pipeline

    root = tmp_path_factory.mktemp("browser-index")
    settings = Settings(documents_dir=DOCUMENTS, data_dir=root / "var", backend="extractive")
    pipeline = Pipeline(settings)
    ingest(settings, pipeline.embedder)
    pipeline.warm_up()
    app = build_app(pipeline, settings)
    yield serve(app, "127.0.0.1", free_port(), settings, block=False)
    app.close()


@pytest.mark.real_model
def test_real_engine_answer_opens_the_cited_passage(real_url: str) -> None:
    """Type a question, wait for the answer, open [1]: the highlighted span is in the article."""
    from rag.documents import load_documents

    bodies = [d.body for d in load_documents(DOCUMENTS)[0]]
    with sync_playwright() as pw:
        browser = open_browser(pw)
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        page.goto(real_url)
        answer = ask(page, QUESTION)
        assert "09/01/2024" in answer.inner_text()
        quote = open_citation(answer, 1).locator("blockquote.passage mark").inner_text().strip()
        browser.close()
    assert "620-BC/HU" in quote and any(quote in body for body in bodies)


@pytest.fixture()
def library_url(tmp_path, monkeypatch) -> Iterator[str]:
    """The page on the real pipeline and library (Chroma, BM25, files), fake embedder."""
    import shutil

    import rag.pipeline
    from conftest import FakeEmbeddings
    from rag.pipeline import Pipeline

    monkeypatch.setattr(rag.pipeline, "load_embedder", lambda *a, **k: FakeEmbeddings())
    shutil.copytree(DOCUMENTS, tmp_path / "docs")
    settings = Settings(documents_dir=tmp_path / "docs", data_dir=tmp_path / "var", backend="extractive",
                        min_dense=0.0)
    pipeline = Pipeline(settings)
    pipeline.ingest()
    app = build_app(pipeline, settings)
    yield serve(app, "127.0.0.1", free_port(), settings, block=False)
    app.close()


def table_has(page: Page, text: str) -> None:
    page.wait_for_function("t => document.querySelector('#docs-table').innerText.includes(t)", arg=text)


def pick(page: Page, elem_id: str, text: str) -> None:
    """Choose the option containing ``text`` in the dropdown ``elem_id``."""
    box = page.locator(f"#{elem_id} input")
    box.click()
    box.fill(text)
    page.locator(f"#{elem_id} li[role=option]", has_text=text).first.click()


def test_upload_correct_filter_and_delete_an_article(library_url: str) -> None:
    page_file = Path(__file__).resolve().parent / "fixtures" / "html" / "solar-farm.html"
    title = "New solar farm connects to the national grid"
    with sync_playwright() as pw:
        browser = open_browser(pw)
        page = browser.new_page(viewport={"width": 1280, "height": 1400}, locale="en-US")
        page.goto(library_url)
        page.get_by_role("tab", name="Articles").click()
        page.locator("#upload-file input[type=file]").set_input_files(str(page_file))
        page.locator("#add-document").click()
        page.locator("#upload-status", has_text="Added").wait_for(timeout=60_000)
        assert "Found: title, date, byline. Missing: none." in page.locator("#upload-status").inner_text()
        table_has(page, title)
        table_has(page, "2025-01-15T13:45")

        pick(page, "edit-article", "solar")
        page.locator("#edit-title input, #edit-title textarea").first.wait_for()
        published = page.locator("#edit-published input, #edit-published textarea").first
        page.wait_for_function("el => el.value === '2025-01-15T13:45'", arg=published.element_handle())
        published.fill("2025-01-20")
        page.locator("#save-document").click()
        page.locator("#edit-status", has_text="Saved").wait_for(timeout=60_000)
        table_has(page, "2025-01-20")

        page.get_by_role("tab", name="Ask").click()
        pick(page, "filter-docs", "solar")
        answer = ask(page, "How much will the solar farm produce a year?")
        assert "80 million" in answer.inner_text()
        assert title in answer.locator(".cited-articles").inner_text()

        page.get_by_role("tab", name="Articles").click()
        page.locator("#delete-document").click()
        page.locator("#confirm-delete").click()
        page.locator("#edit-status", has_text="Deleted").wait_for(timeout=60_000)
        page.wait_for_function("t => !document.querySelector('#docs-table').innerText.includes(t)", arg=title)

        page.reload()
        again = ask(page, "How much will the solar farm produce a year?")
        cited = again.locator(".cited-articles")
        assert cited.count() == 0 or title not in cited.inner_text()
        browser.close()
