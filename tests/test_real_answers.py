"""The shipped path end to end: real embedder, real Chroma store, real local LLM.

One Vietnamese and one English question go through ``Pipeline.stream`` with the
``local`` backend (the packaged GGUF on the llama.cpp runtime). The model's answer must
survive the citation checks (no fallback notice), contain the fact, and cite passages
whose text is the article's own.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from rag.documents import load_documents
from rag.types import Answer

pytestmark = pytest.mark.real_model


@pytest.fixture(scope="module")
def local_pipeline(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from rag.config import Settings
    from rag.pipeline import Pipeline

    from conftest import DOCUMENTS

    settings = Settings(documents_dir=DOCUMENTS, data_dir=tmp_path_factory.mktemp("local") / "var",
                        backend="local")
    pipe = Pipeline(settings)
    pipe.ingest()
    pipe.warm_up()
    yield pipe


def _ask(pipe: Any, question: str) -> tuple[Answer, list[str]]:
    pieces: list[str] = []
    final = None
    for item in pipe.stream(question, []):
        if isinstance(item, Answer):
            final = item
        else:
            pieces.append(item)
    assert final is not None
    return final, pieces


@pytest.mark.parametrize(("question", "language", "fact"), [
    ("Báo cáo số 620-BC/HU ban hành ngày nào?", "vi", "09/01/2024"),
    ("Which national highway will be upgraded?", "en", "55"),
])
def test_local_model_answers_with_verified_citations(local_pipeline: Any, question: str,
                                                     language: str, fact: str) -> None:
    res, pieces = _ask(local_pipeline, question)
    assert res.backend == "local" and pieces, "the answer was streamed by the local model"
    assert res.notice is None, f"the model's answer failed the checks: {res.text}"
    assert res.answerable and res.language == language and fact in res.text
    bodies = {d.id: d.body for d in load_documents(local_pipeline.settings.documents_dir)[0]}
    assert res.citations and all(f"[{c.index}]" in res.text for c in res.citations)
    for c in res.citations:
        assert bodies[c.doc_id][c.start:c.end] == c.text
        assert c.text[c.quote_start:c.quote_end] == c.quote
