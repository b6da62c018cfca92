"""The plain LangChain RAG baseline the engine is compared against.

Deliberately the tutorial recipe: 1000-character recursive chunks, the same embedder,
an in-memory Chroma collection, top-k similarity search and one "stuff the context"
prompt, answering with the model's raw output (no gate, no checks, no history).
With the extractive backend there is no model, so the answer is the first sentence of
the top chunk. Records have the same shape as the engine's so the same metrics apply.
"""

from __future__ import annotations

import re
import time
import uuid
from typing import Any

from langchain_core.documents import Document as LCDocument
from langchain_core.output_parsers import StrOutputParser
from langchain_core.prompts import ChatPromptTemplate

from rag.config import Settings
from rag.documents import Document
from rag.textnorm import detect_language, split_sentences

PROMPT = ChatPromptTemplate.from_messages([
    ("system", "Answer the question using the context below. Cite the passages you use "
               "as [n]. If the context does not contain the answer, say so."),
    ("human", "Context:\n{context}\n\nQuestion: {question}"),
])


class Baseline:
    """Splitter + same embedder + Chroma + one prompt; ``answer`` returns a record dict."""

    def __init__(self, settings: Settings, documents: list[Document], backend: str) -> None:
        import chromadb
        from langchain_chroma import Chroma
        from langchain_text_splitters import RecursiveCharacterTextSplitter

        from rag.components.embedding import load_embedder

        self.settings, self.backend = settings, backend
        splitter = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=100,
                                                  add_start_index=True)
        chunks = splitter.split_documents([
            LCDocument(page_content=d.body, metadata={"doc_id": d.id, "language": d.language})
            for d in documents])
        self.embedder = load_embedder(settings)
        self.store = Chroma(collection_name=f"baseline-{uuid.uuid4().hex[:8]}",
                            embedding_function=self.embedder,
                            client=chromadb.EphemeralClient())
        self.store.add_documents(chunks)
        self.chat = None
        if backend != "extractive":
            from rag.components.llm import load_chat_model
            self.chat = load_chat_model(backend, settings)

    def answer(self, question: str) -> dict[str, Any]:
        """Answer ``question`` alone (the baseline has no conversation memory)."""
        started = time.perf_counter()
        found = self.store.similarity_search(question, k=self.settings.top_k)
        timings = {"retrieval": time.perf_counter() - started}
        passages = [_passage(d) for d in found]
        if self.chat is None:
            top = found[0].page_content if found else ""
            spans = split_sentences(top)
            text = (top[spans[0][0]:spans[0][1]] + " [1]") if spans else ""
            timings["first_token"] = time.perf_counter() - started
        else:
            context = "\n\n".join(f"[{i}] {d.page_content}" for i, d in enumerate(found, 1))
            pieces: list[str] = []
            for piece in (PROMPT | self.chat | StrOutputParser()).stream(
                    {"context": context, "question": question}):
                if not pieces:
                    timings["first_token"] = time.perf_counter() - started
                pieces.append(piece)
            text = "".join(pieces).strip()
            timings.setdefault("first_token", time.perf_counter() - started)
        timings["total"] = time.perf_counter() - started
        used = sorted({int(n) for n in re.findall(r"\[(\d{1,2})\]", text)})
        citations = [{**passages[n - 1], "index": n, "quote": ""}
                     for n in used if 1 <= n <= len(passages)]
        return {"text": text, "citations": citations, "language": None, "answerable": None,
                "notice": None, "timings": timings, "passages": passages,
                "model": "extractive (first sentence of top chunk)" if self.chat is None
                else getattr(self.chat, "model_name", self.backend)}


def _passage(doc: LCDocument) -> dict[str, Any]:
    start = int(doc.metadata["start_index"])
    return {"doc_id": doc.metadata["doc_id"], "start": start, "end": start + len(doc.page_content),
            "text": doc.page_content, "language": doc.metadata.get("language")
            or detect_language(doc.page_content[:500]), "counterpart": None, "chunk_id": ""}
