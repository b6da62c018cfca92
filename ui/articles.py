"""The Articles tab: the library as a table, upload, corrections and deletion.

Every handler returns the status message (escaped HTML) and the refreshed table; the
article pickers (the chat tab's filter, the edit form) are refreshed after each change.
All fixed text is in ``ui.i18n``; the accepted file types come from ``rag.formats``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import gradio as gr

from rag.config import Settings
from rag.errors import RagError
from rag.formats import SUFFIXES
from ui import render
from ui.i18n import STRINGS, Lang, t

logger = logging.getLogger(__name__)

DOC_COLUMNS = ["id", "title", "published", "language", "source", "chunks", "translation_of", "status",
               "missing"]
_HEADER_KEYS = {"id": "col_id", "title": "col_title", "published": "col_published", "language": "col_language",
                "source": "col_source", "chunks": "col_chunks", "translation_of": "col_translation",
                "status": "col_status", "missing": "col_missing"}
Result = tuple[str, list[list[Any]]]


def safe_documents(engine: Any) -> list[dict[str, Any]]:
    """The library's rows, or none when the index cannot be opened (the page still opens)."""
    try:
        return engine.documents()
    except RagError:
        return []


def _cell(doc: dict[str, Any], col: str, lang: Lang) -> Any:
    """A table cell in the reader's language."""
    value = doc.get(col)
    if col == "missing":
        return ", ".join(t(lang, f"missing_{m}") for m in value or [])
    if col == "status" and value:
        if f"status_{value}" in STRINGS["en"]:
            return t(lang, f"status_{value}")
        return doc.get("status_vi", value) if lang == "vi" else value  # an error message
    if col == "title" and not value and doc.get("id"):
        original = doc.get("original_title")
        return f"{original} {t(lang, 'translation_suffix')}" if original else t(lang, "untitled")
    if col == "translation_of" and value and doc.get("link") == "auto":
        return f"{value} ({t(lang, 'link_auto')} {doc.get('link_score') or 0:.2f})"
    return "" if value is None else value


def document_rows(engine: Any, lang: Lang = "en") -> list[list[Any]]:
    """The library as table rows in ``DOC_COLUMNS`` order; files that failed show why."""
    return [[_cell(doc, col, lang) if col != "id" else doc.get("id") or doc.get("path") for col in DOC_COLUMNS]
            for doc in safe_documents(engine)]


def headers(lang: Lang) -> list[str]:
    return [t(lang, _HEADER_KEYS[c]) for c in DOC_COLUMNS]


def choices(engine: Any) -> list[tuple[str, str]]:
    """(title (id), id) of every indexed article, for the pickers."""
    return [(f"{d.get('title') or d.get('original_title') or d['id']} ({d['id']})", d["id"])
            for d in safe_documents(engine) if d.get("id")]


def refreshed_pickers(engine: Any, lang: Lang) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """New choices for the chat filter, the edit picker and the "translation of" picker."""
    options = choices(engine)
    none = [(t(lang, "no_translation"), "")]
    return gr.update(choices=options), gr.update(choices=options), gr.update(choices=none + options)


def _read_upload(path: str | None, settings: Settings) -> bytes:
    """The uploaded file's bytes, or a RagError saying why it is refused."""
    if not path:
        raise RagError(t("en", "no_file"), t("vi", "no_file"))
    file = Path(path)
    if file.suffix.lower() not in SUFFIXES:
        raise RagError(t("en", "bad_type"), t("vi", "bad_type"))
    size = file.stat().st_size
    if size > settings.max_upload_bytes:
        raise RagError(*(t(x, "too_big", n=size, max=settings.max_upload_bytes) for x in ("en", "vi")))
    return file.read_bytes()


def detected_text(row: dict[str, Any] | None, lang: Lang) -> str:
    """ "Found: title, date. Missing: byline." for one article."""
    if not row:
        return ""
    fields = ("title", "published", "byline")
    found = [t(lang, f"missing_{f}") for f in fields if row.get(f)] or [t(lang, "nothing")]
    missing = [t(lang, f"missing_{f}") for f in row.get("missing") or []] or [t(lang, "nothing")]
    return t(lang, "detected", found=", ".join(found), missing=", ".join(missing))


def _row(engine: Any, doc_id: str | None) -> dict[str, Any] | None:
    return next((d for d in safe_documents(engine) if doc_id and d.get("id") == doc_id), None)


def _guarded(engine: Any, lang: Lang, action: Callable[[], str], what: str) -> Result:
    """Run a library change; any failure becomes a friendly message, never a traceback."""
    try:
        return render.notice_html(action(), "ok"), document_rows(engine, lang)
    except RagError as err:
        return render.notice_html(err.message(lang)), document_rows(engine, lang)
    except Exception:
        logger.exception("%s failed", what)
        return render.notice_html(t(lang, "generic_doc_error")), document_rows(engine, lang)


def make_upload(engine: Any, settings: Settings) -> Callable[..., Result]:
    """The upload handler: checks the file, ingests it with progress, says what was found."""

    def add_document(file: str | None, title: str, language: str, published: str, source: str,
                     translation_of: str, ui_language: str, progress: gr.Progress = gr.Progress()) -> Result:
        fields = {"title": title, "language": language, "published": published, "source": source,
                  "translation_of": translation_of}
        meta = {k: v.strip() for k, v in fields.items() if v and v.strip() and v != "auto"}

        def add() -> str:
            data = _read_upload(file, settings)
            summary = engine.add_document(Path(file or "").name, data, meta,
                                          progress=lambda f, m: progress(f, desc=m))
            row = _row(engine, summary.get("id")) or summary
            name = row.get("title") or meta.get("title") or Path(file or "").name
            details = detected_text(row, ui_language) if row.get("missing") is not None else summary.get("summary", "")
            return t(ui_language, "added", title=name, details=details)

        return _guarded(engine, ui_language, add, f"adding {file}")

    return add_document


def make_correct(engine: Any) -> Callable[..., Result]:
    """The edit form's handler: corrections go to the file's front matter, then re-index."""

    def correct(doc_id: str | None, title: str, published: str, language: str, translation_of: str | None,
                ui_language: str) -> Result:
        def save() -> str:
            if not doc_id:
                raise RagError(t("en", "choose_article"), t("vi", "choose_article"))
            changes = {"title": title.strip() or None, "published": published.strip() or None,
                       "language": language if language in ("vi", "en") else None,
                       "translation_of": translation_of or None}
            done = engine.correct_document(doc_id, changes)
            return t(ui_language, "saved", title=done.get("title") or doc_id)

        return _guarded(engine, ui_language, save, f"correcting {doc_id}")

    return correct


def make_delete(engine: Any) -> Callable[..., Result]:
    """The confirmed deletion: the counts of what left each index."""

    def delete(doc_id: str | None, ui_language: str) -> Result:
        def remove() -> str:
            if not doc_id:
                raise RagError(t("en", "choose_article"), t("vi", "choose_article"))
            title = (_row(engine, doc_id) or {}).get("title") or doc_id
            counts = engine.delete_document(doc_id)
            return t(ui_language, "deleted", title=title, chunks=counts.get("chunks", 0),
                     lexical=counts.get("lexical", 0), units=counts.get("units", 0))

        return _guarded(engine, ui_language, remove, f"deleting {doc_id}")

    return delete


def edit_fields(engine: Any, doc_id: str | None, lang: Lang) -> tuple[Any, ...]:
    """The edit form filled with an article's current values and what was found."""
    row = _row(engine, doc_id) or {}
    return (row.get("title") or "", row.get("published") or "", row.get("language") or "auto",
            row.get("translation_of") or "", render.notice_html(detected_text(row, lang), "ok") if row else "")


def ask_delete(engine: Any, doc_id: str | None, lang: Lang) -> tuple[dict[str, Any], str]:
    """Show the confirmation, naming the article and how many passages go."""
    row = _row(engine, doc_id)
    if not row:
        return gr.update(visible=False), render.notice_html(t(lang, "choose_article"))
    prompt = t(lang, "confirm_prompt", title=row.get("title") or doc_id, n=row.get("chunks", 0))
    return gr.update(visible=True), render.notice_html(prompt)


def tab(engine: Any, settings: Settings, lang: Lang, ui_lang: gr.Radio) -> tuple[dict[str, Any], list[Any]]:
    """The Articles tab's layout and events; returns the components to relabel by i18n key
    and the events after which the article pickers must be refreshed."""
    help_text = gr.Markdown(t(lang, "formats_help"))
    table = gr.Dataframe(headers=headers(lang), datatype="str", interactive=False, wrap=True,
                         label=t(lang, "docs_table"), elem_id="docs-table")
    refresh = gr.Button(t(lang, "refresh"), size="sm")
    with gr.Group():
        file = gr.File(label=t(lang, "file"), file_types=list(SUFFIXES), type="filepath", elem_id="upload-file")
        with gr.Row():
            title = gr.Textbox("", label=t(lang, "doc_title"))
            language = gr.Dropdown([("auto", "auto"), ("vi", "vi"), ("en", "en")], value="auto",
                                   label=t(lang, "doc_language"))
            published = gr.Textbox("", label=t(lang, "published"), placeholder="2024-05-31")
        with gr.Row():
            source = gr.Textbox("", label=t(lang, "source"))
            translation_of = gr.Textbox("", label=t(lang, "translation_of"))
    add = gr.Button(t(lang, "add"), variant="primary", elem_id="add-document")
    status = gr.HTML(label="status", elem_id="upload-status")
    edit_heading = gr.Markdown(f"### {t(lang, 'edit_heading')}")
    with gr.Group():
        article = gr.Dropdown(choices(engine), value=None, label=t(lang, "edit_article"), elem_id="edit-article",
                              allow_custom_value=True)  # choices change as articles come and go
        with gr.Row():
            e_title = gr.Textbox("", label=t(lang, "doc_title"), elem_id="edit-title")
            e_published = gr.Textbox("", label=t(lang, "published"), elem_id="edit-published")
            e_language = gr.Dropdown([("auto", "auto"), ("vi", "vi"), ("en", "en")], value="auto",
                                     label=t(lang, "doc_language"), elem_id="edit-language")
            e_translation = gr.Dropdown([(t(lang, "no_translation"), "")] + choices(engine), value="",
                                        label=t(lang, "edit_translation"), elem_id="edit-translation",
                                        allow_custom_value=True)
        with gr.Row():
            save = gr.Button(t(lang, "save"), variant="primary", elem_id="save-document")
            delete = gr.Button(t(lang, "delete"), variant="stop", elem_id="delete-document")
    with gr.Row(visible=False, elem_id="delete-confirm") as confirm_row:
        confirm = gr.Button(t(lang, "confirm_delete"), variant="stop", elem_id="confirm-delete")
        cancel = gr.Button(t(lang, "cancel"), elem_id="cancel-delete")
    edit_status = gr.HTML(elem_id="edit-status")
    parts = {"formats_help": help_text, "docs_table": table, "refresh": refresh, "file": file, "doc_title": title,
             "doc_language": language, "published": published, "source": source, "translation_of": translation_of,
             "add": add, "edit_article": article, "edit_translation": e_translation, "save": save,
             "delete": delete, "confirm_delete": confirm, "cancel": cancel, "edit_heading": edit_heading}
    events = _wire(engine, settings, ui_lang, parts, (e_title, e_published, e_language), status, edit_status,
                   confirm_row)
    return parts, events


def _wire(engine: Any, settings: Settings, ui_lang: gr.Radio, parts: dict[str, Any], fields: tuple[Any, ...],
          status: gr.HTML, edit_status: gr.HTML, confirm_row: gr.Row) -> list[Any]:
    """Events of the Articles tab; returns those that change the library."""
    table, article, e_translation = parts["docs_table"], parts["edit_article"], parts["edit_translation"]
    e_title, e_published, e_language = fields
    queue = {"concurrency_id": "engine", "concurrency_limit": 1}
    parts["refresh"].click(lambda lang: document_rows(engine, lang), ui_lang, table, api_name="documents",
                           queue=False)
    added = parts["add"].click(
        make_upload(engine, settings),
        [parts["file"], parts["doc_title"], parts["doc_language"], parts["published"], parts["source"],
         parts["translation_of"], ui_lang], [status, table], api_name="add_document", **queue)
    article.change(lambda d, lang: edit_fields(engine, d, lang), [article, ui_lang],
                   [e_title, e_published, e_language, e_translation, edit_status], api_visibility="private",
                   queue=False)
    saved = parts["save"].click(
        make_correct(engine), [article, e_title, e_published, e_language, e_translation, ui_lang],
        [edit_status, table], api_name="correct_document", **queue)
    parts["delete"].click(lambda d, lang: ask_delete(engine, d, lang), [article, ui_lang],
                          [confirm_row, edit_status], api_visibility="private", queue=False)
    parts["cancel"].click(lambda: (gr.update(visible=False), ""), None, [confirm_row, edit_status],
                          api_visibility="private", queue=False)
    deleted = parts["confirm_delete"].click(
        make_delete(engine), [article, ui_lang], [edit_status, table], api_name="delete_document", **queue
    ).then(lambda: gr.update(visible=False), None, confirm_row, api_visibility="private", queue=False)
    return [added, saved, deleted]
