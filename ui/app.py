"""The web page: a streaming chat with clickable citations, and an articles tab.

The engine is injected (``build_app(engine)``) so tests and screenshots can run on a
fake one; ``main`` wires the real pipeline. API endpoints (``gradio_client``):

* ``/chat`` (question, answer_language="auto"|"vi"|"en", backend="default"|"local"|
  "openai"|"extractive", ui_language="vi"|"en", documents=[] (article ids), since="",
  until="" (publication dates)) -> (messages, "") where ``messages``
  is the session's whole conversation as ``{"role", "content"}`` dicts whose content
  is escaped HTML (answers carry ``button.cite`` markers and a ``details.sources``
  block), and "" clears the question box. Each client session keeps its own history.
* ``/reset`` () -> [] : forgets the session's conversation.
* ``/documents`` () -> table of the library's articles (headers = ``DOC_COLUMNS``).
* ``/add_document`` (file, title, language, published, source, translation_of,
  ui_language) -> (confirmation with what was found and what is missing, or error HTML;
  updated table).
* ``/correct_document`` (doc_id, title, published, language, translation_of ("" for
  none), ui_language) -> (confirmation or error HTML, updated table).
* ``/delete_document`` (doc_id, ui_language) -> (confirmation with counts or error HTML,
  updated table).
"""

from __future__ import annotations

import ipaddress
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import gradio as gr

from rag.config import Settings, get_settings
from rag.errors import RagError
from rag.types import Answer
from ui import articles, render
from ui.i18n import Lang, examples, t

logger = logging.getLogger(__name__)

UI_DIR = Path(__file__).resolve().parent
DOC_COLUMNS = articles.DOC_COLUMNS
BACKENDS = [("Mặc định / Default", "default"), ("local", "local"), ("openai", "openai"), ("extractive", "extractive")]
ANSWER_LANGS = [("Tự động / Auto", "auto"), ("Tiếng Việt", "vi"), ("English", "en")]
UI_LANGS = [("Tiếng Việt", "vi"), ("English", "en")]
DETECT_BROWSER_LANG = "() => ((navigator.language || 'en').toLowerCase().startsWith('vi') ? 'vi' : 'en')"


class Engine(Protocol):
    """What the page needs from ``rag.pipeline.Pipeline``."""

    def stream(
        self, question: str, history: list[tuple[str, str]], *, backend: str | None = None, language: str | None = None,
        documents: list[str] | None = None, since: str | None = None, until: str | None = None,
    ) -> Iterator[str | Answer]: ...
    def documents(self) -> list[dict[str, Any]]: ...
    def add_document(
        self, filename: str, data: bytes, meta: dict[str, Any], progress: Callable[[float, str], None] | None = None
    ) -> dict[str, Any]: ...
    def correct_document(
        self, doc_id: str, changes: dict[str, Any], progress: Callable[[float, str], None] | None = None
    ) -> dict[str, Any]: ...
    def delete_document(self, doc_id: str) -> dict[str, Any]: ...
    def info(self) -> dict[str, Any]: ...
    def warm_up(self) -> None: ...


@dataclass
class Session:
    """One browser session's conversation: engine history and rendered messages."""

    history: list[tuple[str, str]] = field(default_factory=list)
    messages: list[dict[str, str]] = field(default_factory=list)

    def say(self, role: str, content: str) -> None:
        self.messages.append({"role": role, "content": content})

    def replace_last(self, content: str) -> None:
        self.messages[-1] = {"role": "assistant", "content": content}


ChatOutput = tuple[list[dict[str, str]], Session, str]


def _reply_lang(answer_language: str, ui_language: str) -> Lang:
    """Messages follow a forced answer language, else the interface language."""
    return answer_language if answer_language in ("vi", "en") else ui_language


def _refusal(question: str, lang: Lang, settings: Settings) -> str | None:
    """A friendly reason not to send ``question`` to the engine, or None."""
    if not question.strip():
        return t(lang, "empty_question")
    if len(question) > settings.max_question_chars:
        return t(lang, "too_long", n=len(question), max=settings.max_question_chars)
    return None


def _short(question: str, limit: int = 300) -> str:
    """Echo of an over-long question, so the chat does not fill with it."""
    return question if len(question) <= limit else question[:limit] + "…"


def make_chat(engine: Engine, settings: Settings) -> Callable[..., Iterator[ChatOutput]]:
    """The streaming chat handler bound to ``engine``."""

    def chat(question: str, answer_language: str, backend: str, ui_language: str, documents: list[str] | None,
             since: str | None, until: str | None, session: Session) -> Iterator[ChatOutput]:
        lang = _reply_lang(answer_language, ui_language)
        scope = ChatFilter(list(documents or []) or None, (since or "").strip() or None, (until or "").strip() or None)
        question = question or ""
        refusal = _refusal(question, lang, settings)
        if refusal:
            if question.strip():
                session.say("user", render.user_html(_short(question)))
            session.say("assistant", render.notice_html(refusal))
            yield session.messages, session, ""
            return
        session.say("user", render.user_html(question))
        session.say("assistant", render.streaming_html("", lang))
        yield session.messages, session, ""
        yield from _stream_answer(engine, question, answer_language, backend, lang, session, scope)

    return chat


@dataclass(frozen=True)
class ChatFilter:
    """The chat tab's filter: chosen article ids and a publication date range."""

    documents: list[str] | None = None
    since: str | None = None
    until: str | None = None


def _stream_answer(
    engine: Engine, question: str, answer_language: str, backend: str, lang: Lang, session: Session,
    scope: ChatFilter = ChatFilter(),
) -> Iterator[ChatOutput]:
    """Stream the engine's pieces into the last message, then render the final Answer."""
    msg_id = len(session.messages) - 1
    streamed = ""
    try:
        for item in engine.stream(
            question,
            list(session.history),
            backend=None if backend in ("", "default", None) else backend,
            language=answer_language if answer_language in ("vi", "en") else None,
            documents=scope.documents, since=scope.since, until=scope.until,
        ):
            if isinstance(item, Answer):
                session.replace_last(render.answer_html(item, msg_id, lang))
                session.history.append((question, item.text))
            else:
                streamed += item
                session.replace_last(render.streaming_html(streamed, lang))
            yield session.messages, session, ""
    except RagError as err:
        session.replace_last(render.notice_html(err.message(lang)))
        yield session.messages, session, ""
    except Exception:
        logger.exception("chat failed for a question of %d characters", len(question))
        session.replace_last(render.notice_html(t(lang, "generic_error")))
        yield session.messages, session, ""


def reset() -> tuple[list[dict[str, str]], Session]:
    """Forget the conversation (messages and the history sent to the engine)."""
    return [], Session()


def header_html(engine: Engine, lang: Lang) -> str:
    """Title, one-line help and which backend/model/index the server runs."""
    try:
        info = engine.info()
        status = " · ".join(f"{k}: {info[k]}" for k in ("backend", "model", "embedder", "chunks") if info.get(k) is not None)
    except Exception:
        logger.exception("engine.info() failed")
        status = ""
    esc = render._esc
    return (
        f'<div class="app-header"><h1>{esc(t(lang, "title"))}</h1>'
        f'<p>{esc(t(lang, "subtitle"))}</p><p class="status">{esc(status)}</p></div>'
    )


def build_app(engine: Engine | None = None, settings: Settings | None = None) -> gr.Blocks:
    """The page; ``engine`` defaults to the process-wide pipeline (loaded lazily)."""
    if engine is None:
        from rag.pipeline import get_pipeline

        engine = get_pipeline()
    settings = settings or get_settings()
    lang: Lang = "vi"
    with gr.Blocks(title="Hỏi đáp tin tức / News Q&A", analytics_enabled=False, fill_width=False) as app:
        session = gr.State(Session())
        with gr.Row(elem_classes="top"):
            header = gr.HTML(header_html(engine, lang))
            ui_lang = gr.Radio(UI_LANGS, value=lang, label=t(lang, "ui_language"), scale=0, min_width=200, elem_id="ui-lang")
        with gr.Tabs():
            with gr.Tab(t(lang, "tab_chat"), id="chat") as tab_chat:
                chat_parts = _chat_tab(engine, settings, lang, ui_lang, session)
            with gr.Tab(t(lang, "tab_docs"), id="docs") as tab_docs:
                doc_parts, changes = articles.tab(engine, settings, lang, ui_lang)
        labelled = {"tab_chat": tab_chat, "tab_docs": tab_docs, "ui_language": ui_lang, **chat_parts, **doc_parts}
        pickers = [chat_parts["filter_docs"], doc_parts["edit_article"], doc_parts["edit_translation"]]
        for change in changes:
            change.then(lambda l: articles.refreshed_pickers(engine, l), ui_lang, pickers,
                        api_visibility="private", queue=False)
        ui_lang.change(
            lambda l: [gr.update(value=header_html(engine, l))] + [_relabel(k, c, l) for k, c in labelled.items()],
            ui_lang, [header, *labelled.values()], api_visibility="private", queue=False,
        )
        app.load(None, None, ui_lang, js=DETECT_BROWSER_LANG)
        app.load(lambda l: articles.document_rows(engine, l), ui_lang, doc_parts["docs_table"],
                 api_visibility="private")
    return app


def _relabel(key: str, component: gr.components.Component | gr.Tab, lang: Lang) -> dict[str, Any]:
    """The update that shows ``component`` in ``lang`` (buttons have values, others labels)."""
    if isinstance(component, gr.Button):
        return gr.update(value=t(lang, key))
    if key == "docs_table":
        return gr.update(label=t(lang, key), headers=articles.headers(lang))
    if key in ("formats_help", "edit_heading"):
        return gr.update(value=t(lang, key) if key == "formats_help" else f"### {t(lang, key)}")
    if key == "question":
        return gr.update(label=t(lang, key), placeholder=t(lang, "placeholder"))
    return gr.update(label=t(lang, key))


def _chat_tab(engine: Engine, settings: Settings, lang: Lang, ui_lang: gr.Radio, session: gr.State) -> dict[str, Any]:
    """Chat column and its options; returns the components to relabel by i18n key."""
    chatbot = gr.Chatbot(
        label=t(lang, "chatbot"), elem_id="chat", height=560, feedback_options=None, buttons=["copy"],
        group_consecutive_messages=False, layout="bubble",
    )
    with gr.Row(equal_height=True):
        question = gr.Textbox(label=t(lang, "question"), placeholder=t(lang, "placeholder"), lines=1,
                              max_lines=6, scale=6, elem_id="question", autofocus=True)
        send = gr.Button(t(lang, "send"), variant="primary", scale=1, elem_id="send")
    with gr.Row():
        answer_lang = gr.Radio(ANSWER_LANGS, value="auto", label=t(lang, "answer_language"), elem_id="answer-lang")
        backend = gr.Dropdown(BACKENDS, value="default", label=t(lang, "backend"), elem_id="backend")
        clear = gr.Button(t(lang, "reset"), variant="secondary", elem_id="reset")
    with gr.Row():
        filter_docs = gr.Dropdown(articles.choices(engine), value=[], multiselect=True, label=t(lang, "filter_docs"),
                                  allow_custom_value=True,
                                  elem_id="filter-docs", scale=3)
        since = gr.Textbox("", label=t(lang, "filter_since"), placeholder="2024-01-01", elem_id="filter-since",
                           scale=1)
        until = gr.Textbox("", label=t(lang, "filter_until"), placeholder="2024-12-31", elem_id="filter-until",
                           scale=1)
    titles = [d.get("title") or "" for d in articles.safe_documents(engine)]
    example_box = gr.Examples(examples(titles), inputs=[question], label=t(lang, "examples"))
    chat = make_chat(engine, settings)
    inputs = [question, answer_lang, backend, ui_lang, filter_docs, since, until, session]
    outputs = [chatbot, session, question]
    send.click(chat, inputs, outputs, api_name="chat", concurrency_id="engine", concurrency_limit=1)
    question.submit(chat, inputs, outputs, api_visibility="private", concurrency_id="engine", concurrency_limit=1)
    clear.click(reset, None, [chatbot, session], api_name="reset", queue=False)
    return {"question": question, "send": send, "answer_language": answer_lang, "backend": backend,
            "reset": clear, "chatbot": chatbot, "examples": example_box.dataset, "filter_docs": filter_docs,
            "filter_since": since, "filter_until": until}


def is_loopback(host: str) -> bool:
    """True for addresses only this machine can reach (127.0.0.0/8, ::1, localhost)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def auth_for(host: str, settings: Settings) -> tuple[str, str] | None:
    """Login for ``host``; refuses a non-loopback address without a user and password."""
    if settings.auth_user and settings.auth_password:
        return settings.auth_user, settings.auth_password.get_secret_value()
    if is_loopback(host):
        return None
    raise RagError(
        f"Refusing to listen on {host} without a login: set RAG_AUTH_USER and RAG_AUTH_PASSWORD, or use 127.0.0.1.",
        f"Không mở máy chủ trên {host} khi chưa có đăng nhập: đặt RAG_AUTH_USER và RAG_AUTH_PASSWORD, hoặc dùng 127.0.0.1.",
    )


def launch_options(settings: Settings) -> dict[str, Any]:
    """Look and limits passed to ``launch()`` (Gradio 6 takes theme/css/head there)."""
    theme = gr.themes.Soft(primary_hue="teal", font=["system-ui", "sans-serif"], font_mono=["ui-monospace", "monospace"])
    return {
        "theme": theme,
        "css": (UI_DIR / "style.css").read_text(encoding="utf-8"),
        "head": f"<script>{(UI_DIR / 'cite.js').read_text(encoding='utf-8')}</script>",
        "max_file_size": settings.max_upload_bytes,
        "footer_links": ["api"],
    }


def serve(app: gr.Blocks, host: str, port: int, settings: Settings, *, block: bool = True) -> str:
    """Queue and launch ``app`` on ``host:port``; returns its URL (blocks unless told not to)."""
    auth = auth_for(host, settings)
    app.queue(default_concurrency_limit=1)
    _, url, _ = app.launch(server_name=host, server_port=port, auth=auth, prevent_thread_lock=True,
                           show_error=False, quiet=True, **launch_options(settings))
    print(f"ready at {url}", flush=True)
    if block:
        app.block_thread()
    return url


def main(host: str | None = None, port: int | None = None, *, engine: Engine | None = None,
         settings: Settings | None = None) -> None:
    """``rag serve``: check the address, load the models once, then serve the page."""
    settings = settings or get_settings()
    host = host or settings.host
    auth_for(host, settings)  # refuse before spending a minute loading models
    if engine is None:
        from rag.pipeline import get_pipeline

        engine = get_pipeline()
    engine.warm_up()
    serve(build_app(engine, settings), host, port or settings.port, settings)
