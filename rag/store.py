"""Stage 3a: the Chroma vector store holding every chunk, its vector and its metadata.

A persistent local folder by default, a Chroma server when ``RAG_CHROMA_HOST`` is
set. The collection records which embedder built it, so a query with another
embedder fails with a message that says how to rebuild instead of returning
nonsense neighbours.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from rag.config import Settings
from rag.errors import IndexError_
from rag.types import Chunk


DocumentStamp = tuple[str, str]
"""(content hash, file path) of the document a chunk came from."""

_CHUNK_FIELDS = ("doc_id", "start", "end", "paragraph", "language", "title", "published",
                 "source", "translation_of", "byline")


def _client(settings: Settings) -> Any:
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    try:
        if settings.chroma_host:
            return chromadb.HttpClient(host=settings.chroma_host, port=settings.chroma_port,
                                       settings=chroma_settings)
        settings.chroma_dir.mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(path=str(settings.chroma_dir), settings=chroma_settings)
    except Exception as exc:  # chromadb raises many types for one cause: unreachable store
        where = (f"the Chroma server at {settings.chroma_host}:{settings.chroma_port}"
                 if settings.chroma_host else f"the folder {settings.chroma_dir}")
        raise IndexError_(f"Cannot open the vector store at {where}: {exc}",
                          f"Không mở được kho vector tại {where}: {exc}") from exc


def chunk_metadata(chunk: Chunk, doc: DocumentStamp) -> dict[str, Any]:
    """Chroma metadata for a chunk (None values are not allowed there, so they are dropped)."""
    meta = {name: getattr(chunk, name) for name in _CHUNK_FIELDS}
    meta["doc_hash"], meta["path"] = doc
    return {k: v for k, v in meta.items() if v is not None}


def chunk_from_record(chunk_id: str, text: str, meta: dict[str, Any]) -> Chunk:
    """Inverse of :func:`chunk_metadata`."""
    return Chunk(id=chunk_id, text=text, **{k: meta.get(k) for k in _CHUNK_FIELDS})


class ChunkStore:
    """The chunk collection, bound to one embedder identity."""

    def __init__(self, settings: Settings, embedder_id: str, dimension: int,
                 reset: bool = False) -> None:
        """Open (or create) the collection; ``reset`` deletes it first, whichever
        embedder built it, which is how an index moves to another embedder."""
        self.settings = settings
        self.embedder_id = embedder_id
        self.client = _client(settings)
        if reset and settings.collection in self._names():
            self.client.delete_collection(settings.collection)
        self.collection = self._open(dimension)

    def _names(self) -> set[str]:
        return {c.name if hasattr(c, "name") else str(c) for c in self.client.list_collections()}

    def _open(self, dimension: int) -> Any:
        name = self.settings.collection
        if name in self._names():
            collection = self.client.get_collection(name, embedding_function=None)
            self._check_embedder(collection.metadata or {})
            return collection
        return self.client.create_collection(
            name,
            embedding_function=None,
            configuration={"hnsw": {"space": "cosine", "ef_construction": 200, "max_neighbors": 32}},
            metadata={"embedder": self.embedder_id, "dimension": dimension, "schema": 1},
        )

    def _check_embedder(self, metadata: dict[str, Any]) -> None:
        built_with = metadata.get("embedder")
        if built_with and built_with != self.embedder_id:
            raise IndexError_(
                f"The index '{self.settings.collection}' was built with the embedder '{built_with}' "
                f"but the configured one is '{self.embedder_id}'. Set RAG_EMBEDDING_MODEL back, or "
                f"rebuild with: rag ingest --rebuild",
                f"Chỉ mục '{self.settings.collection}' được tạo bằng mô hình '{built_with}' nhưng cấu "
                f"hình hiện tại là '{self.embedder_id}'. Hãy đặt lại RAG_EMBEDDING_MODEL hoặc tạo lại "
                f"bằng: rag ingest --rebuild",
            )

    def count(self) -> int:
        return int(self.collection.count())

    def existing_ids(self, ids: Sequence[str]) -> set[str]:
        """Which of ``ids`` the store already holds (so only new chunks are embedded)."""
        found: set[str] = set()
        for batch in _batches(list(ids), 5000):
            found.update(self.collection.get(ids=batch, include=[])["ids"])
        return found

    def upsert(self, chunks: Sequence[Chunk], embeddings: Sequence[Sequence[float]],
               stamps: dict[str, DocumentStamp]) -> None:
        for start in range(0, len(chunks), 1000):
            part = chunks[start:start + 1000]
            self.collection.upsert(
                ids=[c.id for c in part],
                embeddings=[list(e) for e in embeddings[start:start + 1000]],
                documents=[c.text for c in part],
                metadatas=[chunk_metadata(c, stamps[c.doc_id]) for c in part],
            )

    def set_counterparts(self, pairs: dict[str, str]) -> None:
        """Record for each chunk id the id of its parallel chunk in the other language."""
        ids = list(pairs)
        for batch in _batches(ids, 1000):
            metas = self.collection.get(ids=batch, include=["metadatas"])
            updated = [{**m, "counterpart": pairs[i]} for i, m in zip(metas["ids"], metas["metadatas"])]
            self.collection.update(ids=metas["ids"], metadatas=updated)

    def delete_ids(self, ids: Iterable[str]) -> None:
        for batch in _batches(list(ids), 5000):
            self.collection.delete(ids=batch)

    def ids_by_path(self) -> dict[str, set[str]]:
        """File path -> ids of its chunks: a file that fails to parse keeps its old chunks."""
        records = self._all(include=["metadatas"])
        by_path: dict[str, set[str]] = {}
        for chunk_id, meta in zip(records["ids"], records["metadatas"]):
            by_path.setdefault(meta.get("path", ""), set()).add(chunk_id)
        return by_path

    def doc_stamps(self) -> dict[str, tuple[str, int]]:
        """doc id -> (content hash its chunks were built from, number of chunks)."""
        records = self._all(include=["metadatas"])
        stamps: dict[str, tuple[str, int]] = {}
        for meta in records["metadatas"]:
            held = stamps.get(meta["doc_id"], (meta.get("doc_hash", ""), 0))
            stamps[meta["doc_id"]] = (held[0], held[1] + 1)
        return stamps

    def first_chunk_ids(self, doc_ids: Sequence[str]) -> list[str]:
        """The chunk at offset 0 of each document: its title and dateline."""
        ids: list[str] = []
        for doc_id in doc_ids:
            got = self.collection.get(where={"$and": [{"doc_id": doc_id}, {"start": 0}]}, include=[])
            ids.extend(got["ids"])
        return ids

    def get(self, ids: Sequence[str], with_embeddings: bool = False) -> dict[str, Any]:
        """Records for ``ids`` (each once, in Chroma's order: map them by id)."""
        include = ["documents", "metadatas"] + (["embeddings"] if with_embeddings else [])
        return self.collection.get(ids=list(dict.fromkeys(ids)), include=include)

    def all_chunks(self) -> list[tuple[Chunk, str | None]]:
        """Every chunk with its counterpart id, in a stable (id) order."""
        records = self._all(include=["documents", "metadatas"])
        rows = sorted(zip(records["ids"], records["documents"], records["metadatas"]))
        return [(chunk_from_record(i, d, m), m.get("counterpart")) for i, d, m in rows]

    def query(self, embedding: Sequence[float], k: int, where: dict[str, Any] | None = None
              ) -> list[tuple[str, float, str]]:
        """(chunk id, cosine similarity, chunk language) of the ``k`` nearest chunks."""
        k = min(k, self.count())
        if k <= 0:
            return []
        result = self.collection.query(query_embeddings=[list(embedding)], n_results=k,
                                       where=where, include=["distances", "metadatas"])
        return [(i, 1.0 - d, str((m or {}).get("language", ""))) for i, d, m in
                zip(result["ids"][0], result["distances"][0], result["metadatas"][0])]

    def _all(self, include: list[str]) -> dict[str, list[Any]]:
        """Page through the collection: one ``get`` of 100k records would be slow and large."""
        out: dict[str, list[Any]] = {"ids": [], **{k: [] for k in include}}
        offset, page = 0, 5000
        while True:
            got = self.collection.get(include=include, limit=page, offset=offset)
            out["ids"].extend(got["ids"])
            for key in include:
                out[key].extend(got[key] if got[key] is not None else [])
            if len(got["ids"]) < page:
                return out
            offset += page


def _batches(items: list[str], size: int) -> Iterable[list[str]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]
