"""Issue 11, done when: the two raw scraped seed files, and a saved-page version of the
Vietnamese one, ingest with title, date and byline found, are linked as translations
without any front matter, and answer "When was the article published?" in both
languages with the date. Real embedder, Chroma and BM25; extractive answers."""

from __future__ import annotations

import html
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from rag.config import Settings
from rag.pipeline import Pipeline
from rag.types import Answer

pytestmark = pytest.mark.real_model
SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
if not SEEDS.is_dir() or len(list(SEEDS.glob("*.txt"))) < 2:
    pytest.skip(f"the seed files are not beside the repository ({SEEDS})", allow_module_level=True)
VI_SEED, EN_SEED = sorted(SEEDS.glob("*.txt"))


def as_saved_page(raw: str) -> str:
    """The Vietnamese seed laid out as its site's page: menu, headline, dateline, body,
    byline, teasers and footer, the date also in article:published_time."""
    lines = [line.strip() for line in raw.splitlines() if line.strip()]
    title, date, body = lines[1], lines[2], lines[3:lines.index("P.V")]
    paragraphs = "\n".join(f"<p>{html.escape(p)}</p>" for p in body)
    return f"""<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">
<title>{html.escape(title)}</title><meta property="og:title" content="{html.escape(title)}">
<meta property="article:published_time" content="2024-03-11T04:54:00+07:00"></head>
<body><nav><ul><li>Trang chủ</li><li>Thời sự</li><li>Chính trị</li></ul></nav>
<article><h1>{html.escape(title)}</h1><div class="date">{html.escape(date)}</div>
<div class="content">{paragraphs}<p class="author"><b>P.V</b></p></div></article>
<section><h3>Bài liên quan</h3><ul><li><a href="/x">Một bài viết khác của chuyên mục</a></li></ul></section>
<footer>POWERED BY ONECMS - A PRODUCT OF NEKO</footer></body></html>"""


def build(tmp: Path, embedder, vi_name: str, vi_bytes: bytes) -> Pipeline:
    docs = tmp / "docs"
    docs.mkdir(parents=True)
    (docs / vi_name).write_bytes(vi_bytes)
    shutil.copy(EN_SEED, docs / EN_SEED.name)
    pipe = Pipeline(Settings(documents_dir=docs, data_dir=tmp / "var", backend="extractive"))
    pipe._embedder = embedder
    pipe.ingest()
    return pipe


VERSIONS: dict[str, Callable[[], tuple[str, bytes]]] = {
    "scraped text": lambda: (VI_SEED.name, VI_SEED.read_bytes()),
    "saved page": lambda: ("bai-viet.html", as_saved_page(VI_SEED.read_text("utf-8")).encode()),
}


@pytest.fixture(scope="module", params=list(VERSIONS))
def seeded(request, tmp_path_factory, real_embedder) -> Pipeline:
    name, data = VERSIONS[request.param]()
    return build(tmp_path_factory.mktemp("seeds"), real_embedder, name, data)


def ask(pipe: Pipeline, question: str, language: str) -> Answer:
    return [i for i in pipe.stream(question, [], language=language) if isinstance(i, Answer)][-1]


def test_header_found_and_translation_linked(seeded: Pipeline) -> None:
    rows = {r["language"]: r for r in seeded.documents()}
    vi, en = rows["vi"], rows["en"]
    assert vi["title"].startswith("Phát huy cơ hội") and vi["published"] == "2024-03-11T04:54"
    assert vi["byline"] == "P.V" and vi["missing"] == []
    assert en["translation_of"] == vi["id"] and en["link"] == "auto" and en["link_score"] >= 0.7
    assert en["original_title"] == vi["title"] and en["status"] == vi["status"] == "indexed"


@pytest.mark.parametrize(("question", "language", "date"), [
    ("When was the article published?", "en", "11 March 2024"),
    ("Bài viết được đăng ngày nào?", "vi", "11/03/2024"),
])
def test_publication_date_is_answered_in_both_languages(seeded: Pipeline, question: str,
                                                        language: str, date: str) -> None:
    answer = ask(seeded, question, language)
    assert answer.answerable and date in answer.text and answer.citations
    assert answer.citations[0].published == "2024-03-11T04:54"
