"""The chat page over HTTP with ``gradio_client``, on a fake engine (no models).

The fake streams two pieces and ends with an Answer citing two passages (one with
a counterpart), records the history it receives, and raises a RagError or a plain
exception for trigger questions, so every branch of the page is exercised fast.
"""

from __future__ import annotations

import html
import socket
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from gradio_client import Client, handle_file
from gradio_client.exceptions import AppError

from rag.config import Settings
from rag.errors import DocumentError, QuestionError, RagError
from rag.types import Answer, Citation
from ui import render
from ui.app import auth_for, build_app, main
from ui.i18n import STRINGS

PASSAGE = "Báo cáo số 620-BC/HU được ban hành ngày 15/3/2024 <b>tại huyện</b>."
QUOTE = "ban hành ngày 15/3/2024"
COUNTERPART = {"doc_id": "a1-en", "title": "Report 620", "language": "en",
               "text": "Report No. 620-BC/HU was issued on 15 March 2024.", "start": 0, "end": 50}
XSS = "<script>alert(1)</script> <img src=x onerror=alert(1)>"


class FakeEngine:
    """Stands in for ``rag.pipeline.Pipeline``; remembers what the page sent it."""

    def __init__(self) -> None:
        self.calls: list[dict[str, Any]] = []
        self.docs: list[dict[str, Any]] = [
            {"id": "a1", "title": "Báo cáo 620", "language": "vi", "published": "2024-03-15",
             "source": "baohungyen.vn", "translation_of": None, "chunks": 3},
        ]
        self.warmed = False

    def stream(self, question: str, history: list[tuple[str, str]], *, backend: str | None = None,
               language: str | None = None, documents: list[str] | None = None, since: str | None = None,
               until: str | None = None) -> Iterator[str | Answer]:
        self.calls.append({"question": question, "history": list(history), "backend": backend, "language": language,
                           "documents": documents, "since": since, "until": until})
        if "error" in question:
            raise QuestionError("The question could not be read.", "Không đọc được câu hỏi.")
        if "crash" in question:
            raise ValueError("internal detail that must not reach the page")
        if "unknown" in question:
            yield Answer(text="None of the articles mention the price.", citations=[], language="en",
                         answerable=False, backend="extractive", model="-")
            return
        yield "Báo cáo được ban hành "
        yield "ngày 15/3/2024 [1] [2]."
        yield make_answer(question)

    def documents(self) -> list[dict[str, Any]]:
        return self.docs

    def add_document(self, filename: str, data: bytes, meta: dict[str, Any],
                     progress: Callable[[float, str], None] | None = None) -> dict[str, Any]:
        if progress:
            progress(0.5, "embedding")
        if b"bad" in data:
            raise DocumentError("The article has no text.", "Bài báo không có nội dung.")
        doc = {"id": meta.get("id", filename), "title": meta.get("title", filename), "language": meta.get("language", "vi"),
               "published": meta.get("published"), "source": meta.get("source"),
               "translation_of": meta.get("translation_of"), "chunks": 2}
        self.docs.append(doc)
        return doc

    def correct_document(self, doc_id: str, changes: dict[str, Any], progress: Any = None) -> dict[str, Any]:
        doc = next(d for d in self.docs if d["id"] == doc_id)
        doc.update({k: v for k, v in changes.items() if k in ("title", "published", "language", "translation_of")})
        return doc

    def delete_document(self, doc_id: str) -> dict[str, Any]:
        self.docs = [d for d in self.docs if d["id"] != doc_id]
        return {"id": doc_id, "chunks": 2, "lexical": 2, "units": 5}

    def info(self) -> dict[str, Any]:
        return {"backend": "fake", "model": "fake-model", "embedder": "none", "chunks": 3}

    def warm_up(self) -> None:
        self.warmed = True


def make_answer(question: str) -> Answer:
    """The fake's final answer: authoritative text differs from the streamed one."""
    start = PASSAGE.index(QUOTE)
    return Answer(
        text="Báo cáo được ban hành ngày 15/3/2024 [1][2].",
        citations=[
            Citation(index=1, doc_id="a1", title="Báo cáo 620 <i>", language="vi", text=PASSAGE, quote=QUOTE,
                     start=0, end=len(PASSAGE), published="2024-03-15", source="baohungyen.vn", chunk_id="a1:0",
                     quote_start=start, quote_end=start + len(QUOTE), counterpart=COUNTERPART),
            Citation(index=2, doc_id="a1-en", title="Report 620", language="en", text=COUNTERPART["text"],
                     quote="15 March 2024", start=0, end=50, published="2024-03-15", chunk_id="a1-en:0",
                     quote_start=0, quote_end=0),  # bad offsets: the UI finds the quote itself
        ],
        language="vi", answerable=True, question=question, backend="fake", model="fake-model",
        notice="fell back to extractive because the model timed out",
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def engine() -> FakeEngine:
    return FakeEngine()


@pytest.fixture(scope="module")
def url(engine: FakeEngine) -> Iterator[str]:
    app = build_app(engine, Settings(max_question_chars=2000, max_upload_bytes=1000))
    app.queue()
    _, local_url, _ = app.launch(server_name="127.0.0.1", server_port=free_port(), prevent_thread_lock=True, quiet=True)
    yield local_url
    app.close()


def ask(client: Client, question: str, ui_language: str = "en") -> list[dict[str, Any]]:
    messages, cleared = client.predict(question, "auto", "default", ui_language, api_name="/chat")
    assert cleared == ""
    return messages


def content(message: dict[str, Any]) -> str:
    """Message text whether the client returns a string or a list of blocks."""
    body = message["content"]
    return body if isinstance(body, str) else "".join(part.get("text", "") for part in body)


def test_answer_has_clickable_citations_and_highlighted_sources(url: str) -> None:
    messages = ask(Client(url, verbose=False), "Báo cáo 620 ban hành ngày nào?")
    assert [m["role"] for m in messages] == ["user", "assistant"]
    answer = content(messages[1])
    assert "ngày 15/3/2024 " in answer and "[1] [2]" not in answer  # final text replaced the stream
    assert 'class="cite n-1"' in answer and 'class="cite n-2"' in answer
    assert 'class="source n-1"' in answer and 'class="answer msg-1"' in answer
    assert html.escape("<b>tại huyện</b>") in answer and "<b>tại huyện</b>" not in answer
    assert f"<mark>{QUOTE}</mark>" in answer
    assert "<mark>15 March 2024</mark>" in answer
    assert "Vietnamese original" in answer or "English version" in answer
    assert COUNTERPART["text"] in answer
    assert "fake-model" in answer and "fell back to extractive" in answer
    assert "Báo cáo 620 &lt;i&gt;" in answer


def test_answer_streams_before_the_final_render(url: str) -> None:
    outputs = [content(messages[-1]) for messages, _ in Client(url, verbose=False).submit("stream it", api_name="/chat")]
    assert any("streaming" in o and "ngày 15/3/2024 [1] [2]." in o for o in outputs)
    assert "streaming" not in outputs[-1] and "<mark>" in outputs[-1]


def test_follow_up_sends_history_and_sessions_are_separate(url: str, engine: FakeEngine) -> None:
    alice, bob = Client(url, verbose=False), Client(url, verbose=False)
    ask(alice, "first question from alice")
    ask(bob, "first question from bob")
    messages = ask(alice, "and the follow-up?")
    assert len(messages) == 4
    assert engine.calls[-1]["history"] == [("first question from alice", make_answer("").text)]
    ask(bob, "bob again")
    assert [q for q, _ in engine.calls[-1]["history"]] == ["first question from bob"]


def test_reset_clears_history(url: str, engine: FakeEngine) -> None:
    client = Client(url, verbose=False)
    ask(client, "something")
    client.predict(api_name="/reset")
    assert len(ask(client, "fresh start")) == 2
    assert engine.calls[-1]["history"] == []


def test_engine_errors_are_friendly_messages(url: str) -> None:
    client = Client(url, verbose=False)
    assert "Không đọc được câu hỏi." in content(ask(client, "error please", "vi")[-1])
    crashed = content(ask(client, "crash please", "en")[-1])
    assert "Something went wrong" in crashed and "internal detail" not in crashed and "Traceback" not in crashed


def test_empty_and_too_long_questions_are_refused_before_the_engine(url: str, engine: FakeEngine) -> None:
    client = Client(url, verbose=False)
    before = len(engine.calls)
    assert "question is empty" in content(ask(client, "   ")[-1])
    assert "too long" in content(ask(client, "x" * 100_000)[-1])
    assert len(engine.calls) == before


def test_unanswerable_is_rendered_as_such(url: str) -> None:
    answer = content(ask(Client(url, verbose=False), "something unknown")[-1])
    assert "unanswerable" in answer and "The articles do not say this" in answer
    assert "None of the articles mention the price." in answer


def test_html_in_questions_is_escaped(url: str) -> None:
    messages = ask(Client(url, verbose=False), XSS)
    question = content(messages[0])
    assert "<script>" not in question and "<img" not in question
    assert html.escape("<script>alert(1)</script>") in question


def test_documents_table_and_upload(url: str, engine: FakeEngine, tmp_path: Any) -> None:
    client = Client(url, verbose=False)
    table = client.predict(api_name="/documents")
    assert table["headers"][:2] == ["Mã", "Tiêu đề"] and table["data"][0][0] == "a1"  # the page opens in Vietnamese
    good = tmp_path / "new.md"
    good.write_text("# Tin mới\nNội dung.", encoding="utf-8")
    status, table = client.predict(handle_file(str(good)), "Tin mới", "vi", "2024-06-01", "", "", "vi",
                                   api_name="/add_document")
    assert "Đã thêm" in status and any(row[1] == "Tin mới" for row in table["data"])
    bad = tmp_path / "bad.txt"
    bad.write_text("bad", encoding="utf-8")
    status, _ = client.predict(handle_file(str(bad)), "", "auto", "", "", "", "en", api_name="/add_document")
    assert "The article has no text." in status
    big = tmp_path / "big.txt"
    big.write_text("x" * 1001, encoding="utf-8")  # the fixture's limit is 1000 bytes
    status, _ = client.predict(handle_file(str(big)), "", "auto", "", "", "", "en", api_name="/add_document")
    assert "too large" in status
    wrong = tmp_path / "x.pdf"
    wrong.write_bytes(b"%PDF")
    with pytest.raises(AppError, match="Invalid file type"):  # Gradio's own check, shown as a toast
        client.predict(handle_file(str(wrong)), "", "auto", "", "", "", "en", api_name="/add_document")


def test_filter_is_passed_to_the_engine(url: str, engine: FakeEngine) -> None:
    client = Client(url, verbose=False)
    client.predict("filtered question", "auto", "default", "en", ["a1"], "2024-01-01", "", api_name="/chat")
    assert engine.calls[-1] | {"history": []} == {"question": "filtered question", "history": [], "backend": None,
                                                  "language": None, "documents": ["a1"], "since": "2024-01-01",
                                                  "until": None}


def test_cited_articles_are_listed_under_the_answer(url: str) -> None:
    answer = content(ask(Client(url, verbose=False), "which articles?")[-1])
    assert 'class="cited-articles"' in answer and "Báo cáo 620 &lt;i&gt;; Report 620" in answer


def test_correct_and_delete_through_the_page(url: str, engine: FakeEngine) -> None:
    client = Client(url, verbose=False)
    engine.docs.append({"id": "b2", "title": "Tin <b>hai</b>", "language": "vi", "published": None, "chunks": 2,
                        "missing": ["published"], "status": "indexed"})
    status, table = client.predict("b2", "Tin hai", "2024-06-02", "vi", "", "en", api_name="/correct_document")
    assert "Saved the corrections" in status and any(row[2] == "2024-06-02" for row in table["data"])
    status, table = client.predict("b2", "en", api_name="/delete_document")
    assert "2 passages removed" in status and "5 evidence units" in status
    assert all(row[0] != "b2" for row in table["data"])
    status, _ = client.predict(None, "vi", api_name="/delete_document")
    assert "Hãy chọn một bài báo." in status


def test_non_loopback_bind_needs_auth() -> None:
    engine = FakeEngine()
    with pytest.raises(RagError, match="RAG_AUTH_USER"):
        main("0.0.0.0", free_port(), engine=engine, settings=Settings())
    assert not engine.warmed  # refused before loading models
    assert auth_for("127.0.0.1", Settings()) is None and auth_for("localhost", Settings()) is None
    with_auth = Settings(auth_user="ann", auth_password="s3cret")
    assert auth_for("0.0.0.0", with_auth) == ("ann", "s3cret")


def test_highlight_escapes_and_falls_back_to_the_quote() -> None:
    assert render.highlight("a <b> c", 2, 5) == "a <mark>&lt;b&gt;</mark> c"
    assert render.highlight("one two", 0, 99, "two") == "one <mark>two</mark>"
    assert render.highlight("one two", 0, 0, "absent") == "one two"


def test_every_interface_string_exists_in_both_languages() -> None:
    assert STRINGS["vi"].keys() == STRINGS["en"].keys()
