"""The Chroma store can be a Chroma server: same answers and citations as the embedded store."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import stop_process

from rag.config import PROJECT_ROOT, Settings
from rag.pipeline import Pipeline
from rag.types import Answer

pytestmark = pytest.mark.real_model

QUESTIONS = [
    "Năm 2023, tình hình thu ngân sách của huyện Hàm Tân ra sao?",
    "How did Ham Tan's budget revenue perform in 2023?",
    "thu ngan sach nam 2023 cua huyen Ham Tan the nao?",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _chroma_executable() -> str:
    found = Path(sys.executable).parent / "chroma"
    if found.exists():
        return str(found)
    which = shutil.which("chroma")
    if not which:
        pytest.skip("the chroma command (chromadb package) is not installed")
    return which


@pytest.fixture()
def chroma_server(tmp_path: Path):
    port = _free_port()
    log = open(tmp_path / "chroma.log", "wb")
    proc = subprocess.Popen([_chroma_executable(), "run", "--path", str(tmp_path / "server-data"),
                             "--host", "127.0.0.1", "--port", str(port)],
                            stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.time() + 120
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.time() > deadline:
                pytest.fail(f"chroma server did not start: {(tmp_path / 'chroma.log').read_text()[-2000:]}")
            time.sleep(0.5)
        yield port
    finally:
        stop_process(proc, timeout=15)
        log.close()


def _answers(settings: Settings) -> list[Answer]:
    pipe = Pipeline(settings)
    report = pipe.ingest()
    assert report.chunks > 0 and report.embedded == report.chunks
    out = []
    for q in QUESTIONS:
        answer = [p for p in pipe.stream(q, [], backend="extractive") if isinstance(p, Answer)][-1]
        out.append(answer)
    return out


def _cites(answer: Answer) -> list[tuple]:
    return [(c.doc_id, c.start, c.end, c.quote) for c in answer.citations]


def test_chroma_server_gives_the_same_citations(chroma_server: int, tmp_path: Path) -> None:
    docs = PROJECT_ROOT / "documents"
    remote = _answers(Settings(documents_dir=docs, data_dir=tmp_path / "remote", backend="extractive",
                               chroma_host="127.0.0.1", chroma_port=chroma_server))
    assert not (tmp_path / "remote" / "chroma").exists()  # vectors went to the server
    local = _answers(Settings(documents_dir=docs, data_dir=tmp_path / "embedded", backend="extractive"))
    for q, r, e in zip(QUESTIONS, remote, local):
        assert r.answerable and r.citations, q
        assert _cites(r) == _cites(e), q
        assert r.text == e.text, q
