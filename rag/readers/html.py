"""Reader for saved web pages (.html, .htm): the article's main text and its metadata.

The main text, title, author, site and canonical URL come from trafilatura, a
maintained news-extraction library that drops menus, teasers, comments and footers; the
publication date from htmldate (the page's meta tags, JSON-LD, ``<time>``). A page that
shows its date only as text ("Cập nhật: 08:15 | 12/05/2025" in the byline) is read
line by line with the scraped-text rules, which also put the title and dateline at the
top of the body.
"""

from __future__ import annotations

import logging
from datetime import datetime

from rag.dates import MONTHS_EN, parse_date
from rag.errors import DocumentError
from rag.readers import Extracted
from rag.readers.scraped import detect, paragraph_like
from rag.textnorm import detect_language

_MIN_TEXT = 80
_BLOCKS = {"p", "div", "section", "article", "header", "footer", "aside", "nav", "main", "li",
           "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "figure", "figcaption", "table",
           "tr", "td", "th", "blockquote", "br", "time", "address", "dd", "dt"}
_SKIP = {"script", "style", "noscript", "template", "svg", "head"}

for _name in ("trafilatura", "htmldate", "courlan", "justext"):
    logging.getLogger(_name).setLevel(logging.ERROR)  # their per-page notes are not for readers


def _no_article(name: str) -> DocumentError:
    return DocumentError(
        f"{name}: no article text was found in this page (is it a home or list page?); "
        "save the article's own page and retry.",
        f"{name}: không tìm thấy nội dung bài viết trong trang này (trang chủ hay trang danh "
        "sách?); hãy lưu đúng trang của bài viết rồi thử lại.",
    )


def page_lines(raw: bytes) -> str:
    """The page's visible text with a line break at every block element, so the
    dateline and byline lines the extractor leaves out can be read as lines."""
    import lxml.html

    try:
        root = lxml.html.fromstring(raw)
    except (ValueError, lxml.etree.ParserError):
        return ""
    parts: list[str] = []

    def walk(node: lxml.html.HtmlElement) -> None:
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in _SKIP:
            return
        block = tag in _BLOCKS
        parts.append("\n" if block else "")
        parts.append(node.text or "")
        for child in node:
            walk(child)
            parts.append(child.tail or "")
        parts.append("\n" if block else "")

    walk(root)
    return "\n".join(" ".join(line.split()) for line in "".join(parts).splitlines())


def _dateline_text(iso: str, language: str | None) -> str:
    """The date as the page's readers write it, for the body's header line."""
    found = parse_date(iso)
    assert found is not None
    day = found.day
    clock = f" {found.hour:02d}:{found.minute:02d}" if found.hour is not None else ""
    if language == "en":
        return f"{MONTHS_EN[day.month - 1].capitalize()} {day.day}, {day.year}{clock}"
    return f"{day:%d/%m/%Y}{clock}"


def _published(raw: bytes, page: Extracted) -> str | None:
    """Publication date: the page's markup first, else the dateline its text shows."""
    import htmldate

    found = htmldate.find_date(raw, extensive_search=False, original_date=True,
                               outputformat="%Y-%m-%dT%H:%M",
                               max_date=datetime.now().strftime("%Y-%m-%d"))
    if found and found.endswith("T00:00") and page.published and page.published[:10] == found[:10]:
        return page.published  # the markup gave the day only; the text gives the time too
    if found:
        return found[:10] if found.endswith("T00:00") else found
    return page.published


def _title(doc_title: str | None, page: Extracted) -> str | None:
    """The page's metadata title when the page shows it, else the headline its text shows
    (a ``<title>`` is often "Site name - section")."""
    if doc_title and (doc_title in page.lines or not page.title):
        return doc_title
    return page.title or doc_title


def _lead(page: Extracted, first: str) -> list[str]:
    """Paragraphs the page shows between its headline and the extracted text's first
    line: the lead ("sapo"), which news pages set in a heading or bold block that the
    extractor takes for page furniture."""
    lines = list(page.lines)
    if first not in lines:
        return []
    end = lines.index(first)
    start = lines.index(page.title) + 1 if page.title in lines[:end] else 0
    return [line for line in lines[start:end] if paragraph_like(line)]


def read(raw: bytes, name: str) -> Extracted:
    """The article of a saved page, with title, date, author, site and canonical URL."""
    import trafilatura

    # Tables are left out: old portals lay whole pages out in one, menus included.
    doc = trafilatura.bare_extraction(raw, with_metadata=True, include_comments=False,
                                      include_tables=False, favor_precision=True)
    if doc is None or len(doc.text or "") < _MIN_TEXT:
        raise _no_article(name)
    page = detect(page_lines(raw))
    text = detect(doc.text)
    if not text.lines:
        raise _no_article(name)
    title = _title(doc.title, page) or text.title
    published = _published(raw, page) or text.published
    lines = list(text.lines)
    body_at = int(text.title is not None) + int(text.published is not None)
    lines[body_at:body_at] = _lead(page, lines[body_at]) if body_at < len(lines) else []
    if title and text.title is None:
        lines.insert(0, title)
    if published and text.published is None:
        lines.insert(1, _dateline_text(published, detect_language(doc.text[:2000])))
    return Extracted(tuple(lines), title=title, published=published,
                     byline=text.byline or page.byline or doc.author,
                     source=doc.sitename or doc.hostname or text.source, url=doc.url)
