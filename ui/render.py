"""HTML for chat messages: answers with clickable [n] markers and their sources.

Every string that comes from a question, an answer or an article goes through
``html.escape`` here, before any markup is added, so nothing a user or an article
contains can run in the page. Each message is one ``<div>`` without blank lines so
the chat's Markdown renderer passes it through as a single HTML block. Markers and
sources are tied by classes (``cite n-2`` -> ``source n-2`` inside the same
``answer msg-K``) because the chat's sanitizer strips ``data-*`` attributes and ids.
"""

from __future__ import annotations

import html
import re

from rag.types import Answer, Citation
from ui.i18n import Lang, t

_MARKER = re.compile(r"\[(\d+)\]")
_LANG_NAMES = {"vi": "Tiếng Việt", "en": "English"}


def _esc(text: object) -> str:
    """Escape text for element content and attribute values alike."""
    return html.escape("" if text is None else str(text), quote=True)


def _paragraphs(escaped: str) -> str:
    """Keep the line breaks of already-escaped text without leaving blank lines."""
    return escaped.strip().replace("\r\n", "\n").replace("\n", "<br>")


def user_html(question: str) -> str:
    """The reader's question as inert text."""
    return f'<div class="q">{_paragraphs(_esc(question))}</div>'


def streaming_html(text: str, lang: Lang) -> str:
    """The answer while it is being written: plain text and a typing cursor."""
    body = _paragraphs(_esc(text)) or f'<span class="muted">{_esc(t(lang, "thinking"))}</span>'
    return f'<div class="answer streaming">{body}<span class="cursor"></span></div>'


def notice_html(message: str, kind: str = "error") -> str:
    """A friendly message (error, refusal) shown as the assistant's reply."""
    return f'<div class="answer notice {kind}">{_paragraphs(_esc(message))}</div>'


def highlight(text: str, start: int, end: int, quote: str = "") -> str:
    """The escaped passage with ``text[start:end]`` wrapped in ``<mark>``.

    Offsets that do not fit the passage fall back to searching for the quote, so a
    slightly wrong offset from the engine still highlights the right words.
    """
    if not (0 <= start < end <= len(text)):
        found = text.find(quote) if quote else -1
        if found < 0:
            return _paragraphs(_esc(text))
        start, end = found, found + len(quote)
    return _paragraphs(
        f"{_esc(text[:start])}<mark>{_esc(text[start:end])}</mark>{_esc(text[end:])}"
    )


def _linkify(escaped: str, citations: dict[int, Citation]) -> str:
    """Turn known ``[n]`` markers into buttons that open source ``n`` of this message."""

    def button(match: re.Match[str]) -> str:
        n = int(match.group(1))
        cit = citations.get(n)
        if cit is None:
            return match.group(0)
        tip = _esc(f"{cit.title} — {cit.quote}")
        return (
            f'<button type="button" class="cite n-{n}" title="{tip}">[{n}]</button>'
        )

    return _MARKER.sub(button, escaped)


def _date_lang(language: str | None, published: str | None) -> str:
    """ "Tiếng Việt · 2024-03-11": readers want the day, not the indexer's timestamp."""
    day = str(published or "")
    day = day[:10] if re.match(r"\d{4}-\d{2}-\d{2}T", day) else day
    parts = [_LANG_NAMES.get(language or "", language or ""), day]
    return " · ".join(_esc(p) for p in parts if p)


def _counterpart_html(cp: dict) -> str:
    """The parallel passage in the other language, folded by default."""
    label = "Vietnamese original / Bản tiếng Việt" if cp.get("language") == "vi" else "Bản tiếng Anh / English version"
    return (
        f'<details class="counterpart"><summary>{_esc(label)}: {_esc(cp.get("title"))}</summary>'
        f'<blockquote lang="{_esc(cp.get("language"))}">{_paragraphs(_esc(cp.get("text")))}</blockquote></details>'
    )


def source_html(cit: Citation) -> str:
    """One source entry: title, language, date, passage with the quote marked."""
    meta = _date_lang(cit.language, cit.published)
    source = f' · <span class="src">{_esc(cit.source)}</span>' if cit.source else ""
    counterpart = _counterpart_html(cit.counterpart) if cit.counterpart else ""
    return (
        f'<details class="source n-{cit.index}">'
        f'<summary><b>[{cit.index}]</b> {_esc(cit.title)} <span class="meta">{meta}{source}</span></summary>'
        f'<blockquote class="passage" lang="{_esc(cit.language)}">{highlight(cit.text, cit.quote_start, cit.quote_end, cit.quote)}</blockquote>'
        f"{counterpart}</details>"
    )


def sources_html(citations: list[Citation]) -> str:
    """The collapsible "Nguồn / Sources" block kept under each answer."""
    if not citations:
        return ""
    entries = "".join(source_html(c) for c in citations)
    return (
        f'<details class="sources"><summary>Nguồn / Sources ({len(citations)})</summary>'
        f"{entries}</details>"
    )


def byline_html(answer: Answer, lang: Lang) -> str:
    """Which backend and model wrote the answer, and the engine's notice if any."""
    who = " · ".join(_esc(p) for p in (answer.backend, answer.model) if p)
    line = f'<div class="byline">{_esc(t(lang, "answered_by"))}: {who}</div>' if who else ""
    if answer.notice:
        line += f'<div class="byline notice-line">⚠ {_esc(answer.notice)}</div>'
    return line


def cited_articles_html(answer: Answer, lang: Lang) -> str:
    """Which articles this answer cites, by title, each once in order of first citation."""
    titles = list(dict.fromkeys(c.title for c in answer.citations))
    if not titles:
        return ""
    return (f'<div class="cited-articles">{_esc(t(lang, "cited_articles"))}: '
            f'{"; ".join(_esc(title) for title in titles)}</div>')


def answer_html(answer: Answer, msg_id: int, lang: Lang) -> str:
    """The final answer: text with clickable markers, cited articles, sources, byline."""
    by_index = {c.index: c for c in answer.citations}
    body = _linkify(_paragraphs(_esc(answer.text)), by_index)
    if not answer.answerable:
        heading = f'<div class="na-title">{_esc(t(answer.language or lang, "unanswerable"))}</div>'
        body = heading + body
    kind = "answer" if answer.answerable else "answer unanswerable"
    return (
        f'<div class="{kind} msg-{msg_id}">{body}{cited_articles_html(answer, lang)}'
        f"{sources_html(answer.citations)}{byline_html(answer, lang)}</div>"
    )
