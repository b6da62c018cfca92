"""The web page: a streaming chat with clickable citations, and an articles tab.

The engine is injected (``build_app(engine)``) so tests and screenshots can run on a
fake one; ``main`` wires the real pipeline. API endpoints (``gradio_client``):

* ``/chat`` (question, answer_language="auto"|"vi"|"en", backend="default"|"local"|
  "openai"|"extractive", ui_language="vi"|"en") -> (messages, "") where ``messages``
  is the session's whole conversation as ``{"role", "content"}`` dicts whose content
  is escaped HTML (answers carry ``button.cite`` markers and a ``details.sources``
  block), and "" clears the question box. Each client session keeps its own history.
* ``/reset`` () -> [] : forgets the session's conversation.
* ``/documents`` () -> table of indexed articles (headers = ``DOC_COLUMNS``).
* ``/add_document`` (file, title, language, published, source, translation_of,
  ui_language) -> (confirmation or error HTML, updated table).
"""

from __future__ import annotations

import ipaddress
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, Protocol

import gradio as gr

from rag.config import Settings, get_settings
from rag.errors import RagError
from rag.types import Answer
from ui import render
from ui.i18n import Lang, examples, t

logger = logging.getLogger(__name__)

UI_DIR = Path(__file__).resolve().parent
DOC_COLUMNS = ["id", "title", "language", "published", "source", "translation_of", "chunks"]
BACKENDS = [("Mặc định / Default", "default"), ("local", "local"), ("openai", "openai"), ("extractive", "extractive")]
ANSWER_LANGS = [("Tự động / Auto", "auto"), ("Tiếng Việt", "vi"), ("English", "en")]
UI_LANGS = [("Tiếng Việt", "vi"), ("English", "en")]
UPLOAD_TYPES = (".txt", ".md")
DETECT_BROWSER_LANG = "() => ((navigator.language || 'en').toLowerCase().startsWith('vi') ? 'vi' : 'en')"


class Engine(Protocol):
    """What the page needs from ``rag.pipeline.Pipeline``."""

    def stream(
        self, question: str, history: list[tuple[str, str]], *, backend: str | None = None, language: str | None = None
    ) -> Iterator[str | Answer]: ...
    def documents(self) -> list[dict[str, Any]]: ...
    def add_document(
        self, filename: str, data: bytes, meta: dict[str, Any], progress: Callable[[float, str], None] | None = None
    ) -> dict[str, Any]: ...
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

    def chat(question: str, answer_language: str, backend: str, ui_language: str, session: Session) -> Iterator[ChatOutput]:
        lang = _reply_lang(answer_language, ui_language)
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
        yield from _stream_answer(engine, question, answer_language, backend, lang, session)

    return chat


def _stream_answer(
    engine: Engine, question: str, answer_language: str, backend: str, lang: Lang, session: Session
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


def document_rows(engine: Engine) -> list[list[Any]]:
    """The indexed articles as table rows in ``DOC_COLUMNS`` order."""
    return [[doc.get(col) if doc.get(col) is not None else "" for col in DOC_COLUMNS] for doc in engine.documents()]


def _read_upload(path: str | None, settings: Settings) -> bytes:
    """The uploaded file's bytes, or a RagError saying why it is refused."""
    if not path:
        raise RagError(t("en", "no_file"), t("vi", "no_file"))
    file = Path(path)
    if file.suffix.lower() not in UPLOAD_TYPES:
        raise RagError(t("en", "bad_type"), t("vi", "bad_type"))
    size = file.stat().st_size
    if size > settings.max_upload_bytes:
        raise RagError(*(t(x, "too_big", n=size, max=settings.max_upload_bytes) for x in ("en", "vi")))
    return file.read_bytes()


def _confirmation(summary: dict[str, Any], meta: dict[str, str], file: str | None, lang: Lang) -> str:
    """What was added, from whatever summary the engine returns (title, id, counts)."""
    title = summary.get("title") or meta.get("title") or Path(file or "").name
    details = summary.get("summary") or ", ".join(
        f"{k}: {v}" for k, v in summary.items() if k != "title" and isinstance(v, (str, int, float))
    )
    return t(lang, "added", title=title, details=details)


def make_upload(engine: Engine, settings: Settings) -> Callable[..., tuple[str, list[list[Any]]]]:
    """The upload handler: checks the file, ingests it with progress, confirms."""

    def add_document(
        file: str | None,
        title: str,
        language: str,
        published: str,
        source: str,
        translation_of: str,
        ui_language: str,
        progress: gr.Progress = gr.Progress(),
    ) -> tuple[str, list[list[Any]]]:
        fields = {"title": title, "language": language, "published": published, "source": source, "translation_of": translation_of}
        meta = {k: v.strip() for k, v in fields.items() if v and v.strip() and v != "auto"}
        try:
            data = _read_upload(file, settings)
            summary = engine.add_document(Path(file or "").name, data, meta, progress=lambda f, m: progress(f, desc=m))
            return render.notice_html(_confirmation(summary, meta, file, ui_language), "ok"), document_rows(engine)
        except RagError as err:
            return render.notice_html(err.message(ui_language)), document_rows(engine)
        except Exception:
            logger.exception("adding %s failed", file)
            return render.notice_html(t(ui_language, "generic_doc_error")), document_rows(engine)

    return add_document


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
                doc_parts = _docs_tab(engine, settings, lang, ui_lang)
        labelled = {"tab_chat": tab_chat, "tab_docs": tab_docs, "ui_language": ui_lang, **chat_parts, **doc_parts}
        ui_lang.change(
            lambda l: [gr.update(value=header_html(engine, l))] + [_relabel(k, c, l) for k, c in labelled.items()],
            ui_lang, [header, *labelled.values()], api_visibility="private", queue=False,
        )
        app.load(None, None, ui_lang, js=DETECT_BROWSER_LANG)
        app.load(partial(document_rows, engine), None, doc_parts["docs_table"], api_visibility="private")
    return app


def _relabel(key: str, component: gr.components.Component | gr.Tab, lang: Lang) -> dict[str, Any]:
    """The update that shows ``component`` in ``lang`` (buttons have values, others labels)."""
    if isinstance(component, gr.Button):
        return gr.update(value=t(lang, key))
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
    titles = [d.get("title") or "" for d in _safe_documents(engine)]
    example_box = gr.Examples(examples(titles), inputs=[question], label=t(lang, "examples"))
    chat = make_chat(engine, settings)
    inputs = [question, answer_lang, backend, ui_lang, session]
    outputs = [chatbot, session, question]
    send.click(chat, inputs, outputs, api_name="chat", concurrency_id="engine", concurrency_limit=1)
    question.submit(chat, inputs, outputs, api_visibility="private", concurrency_id="engine", concurrency_limit=1)
    clear.click(reset, None, [chatbot, session], api_name="reset", queue=False)
    return {"question": question, "send": send, "answer_language": answer_lang, "backend": backend,
            "reset": clear, "chatbot": chatbot, "examples": example_box.dataset}


def _safe_documents(engine: Engine) -> list[dict[str, Any]]:
    """The indexed articles, or none when the index is not built yet (the page still opens)."""
    try:
        return engine.documents()
    except RagError:
        return []


def _docs_tab(engine: Engine, settings: Settings, lang: Lang, ui_lang: gr.Radio) -> dict[str, Any]:
    """Article table and upload form; returns the components to relabel by i18n key."""
    table = gr.Dataframe(headers=DOC_COLUMNS, datatype="str", interactive=False, wrap=True,
                         label=t(lang, "docs_table"), elem_id="docs-table")
    refresh = gr.Button(t(lang, "refresh"), size="sm")
    with gr.Group():
        file = gr.File(label=t(lang, "file"), file_types=list(UPLOAD_TYPES), type="filepath", elem_id="upload-file")
        with gr.Row():
            title = gr.Textbox("", label=t(lang, "doc_title"))
            language = gr.Dropdown([("auto", "auto"), ("vi", "vi"), ("en", "en")], value="auto", label=t(lang, "doc_language"))
            published = gr.Textbox("", label=t(lang, "published"), placeholder="2024-05-31")
        with gr.Row():
            source = gr.Textbox("", label=t(lang, "source"))
            translation_of = gr.Textbox("", label=t(lang, "translation_of"))
    add = gr.Button(t(lang, "add"), variant="primary")
    status = gr.HTML(label="status", elem_id="upload-status")
    refresh.click(partial(document_rows, engine), None, table, api_name="documents", queue=False)
    add.click(make_upload(engine, settings), [file, title, language, published, source, translation_of, ui_lang],
              [status, table], api_name="add_document", concurrency_id="engine", concurrency_limit=1)
    return {"docs_table": table, "refresh": refresh, "file": file, "doc_title": title, "doc_language": language,
            "published": published, "source": source, "translation_of": translation_of, "add": add}


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
