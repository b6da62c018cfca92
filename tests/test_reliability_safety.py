"""Issue 6, safety: the API key never reaches logs, answers or reprs.

(The refusal to bind 0.0.0.0 without a login is tested in tests/test_ui.py
 ``test_non_loopback_bind_needs_auth``.)
"""

from __future__ import annotations

import json
import logging

import pytest

from rag.config import Settings
from rag.pipeline import Pipeline
from rag.types import Answer

SECRET = "sk-test-SECRET-7f3a9c1e55"


def test_settings_repr_and_dump_hide_the_key() -> None:
    settings = Settings(openai_api_key=SECRET, auth_password="pw-SECRET-91")
    for text in (repr(settings), str(settings), str(settings.model_dump()),
                 settings.model_dump_json()):
        assert SECRET not in text and "pw-SECRET-91" not in text


def test_unreachable_backend_logs_never_contain_the_key(make_settings, fake_embedder, monkeypatch,
                                                        caplog: pytest.LogCaptureFixture) -> None:
    import rag.pipeline

    monkeypatch.setattr(rag.pipeline, "load_embedder", lambda *a, **k: fake_embedder)
    settings = make_settings(backend="openai", openai_base_url="http://127.0.0.1:9/v1",
                             openai_api_key=SECRET, min_dense=0.0, language_lean={}, llm_timeout_s=5,
                             llm_words="all")
    pipe = Pipeline(settings)
    pipe.ingest()
    caplog.set_level(logging.DEBUG)
    items = list(pipe.stream("Báo cáo số 620-BC/HU được ban hành ngày nào?", [("Hàm Tân?", "Hàm Tân.")]))
    final = items[-1]
    assert isinstance(final, Answer) and final.notice, final  # the fallback path really ran
    assert caplog.records, "expected log records from the failed backend"
    assert SECRET not in caplog.text
    for record in caplog.records:
        assert SECRET not in str(record.args) and SECRET not in str(record.__dict__)
    assert SECRET not in json.dumps(final.to_dict(), ensure_ascii=False)
    assert SECRET not in pipe.label("openai") and SECRET not in str(pipe.info())


def test_key_in_base_url_is_not_shown_in_the_label() -> None:
    from rag.components.llm import model_label

    settings = Settings(openai_base_url=f"http://user:{SECRET}@gpu-box:8000/v1")
    assert SECRET not in model_label("openai", settings)
