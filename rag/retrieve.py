"""Stage 4: question -> ranked passages, fusing dense (Chroma) and lexical (BM25) rankings.

The fusion is a weighted reciprocal-rank fusion whose weights depend on the kind of
question: Vietnamese with diacritics, Vietnamese typed without them, or English.
Weighting BM25 strongly rescues unaccented Vietnamese but hurts English, so each kind
gets its own weights (tuned on the eval set's dev split; see eval/README.md).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any, Literal

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document as LCDocument
from langchain_core.embeddings import Embeddings
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from rag.config import Settings
from rag.intent import Intent, read_intent
from rag.lexicon import folded_tokens
from rag.lexical import LexicalIndex
from rag.store import ChunkStore, chunk_from_record
from rag.types import Chunk, Passage
from rag.verify import name_in, name_run, numbers

Mode = Literal["hybrid", "dense", "lexical"]
QueryKind = Literal["vi", "vi_nodiac", "en"]


def query_kind(intent: Intent) -> QueryKind:
    """Which fusion weights apply: accents present, Vietnamese without them, or English."""
    if intent.diacritics:
        return "vi"
    return "vi_nodiac" if intent.language == "vi" else "en"


@dataclass
class Retrieval:
    """Ranked passages plus what produced them (for gating, eval and the benchmark)."""

    passages: list[Passage]
    kind: QueryKind
    timings: dict[str, float] = field(default_factory=dict)
    top_dense: float = 0.0
    query_vector: list[float] | None = None


Ranking = list[tuple[str, float]]


def fuse_rrf(rankings: list[tuple[Ranking, float]], k: int) -> Ranking:
    """Weighted reciprocal-rank fusion: score = sum of weight / (k + rank)."""
    scores: dict[str, float] = {}
    for ranking, weight in rankings:
        for rank, (cid, _) in enumerate(ranking):
            scores[cid] = scores.get(cid, 0.0) + weight / (k + rank + 1)
    return sorted(scores.items(), key=lambda item: -item[1])


def fuse_convex(rankings: list[tuple[Ranking, float]]) -> Ranking:
    """Weighted sum of min-max normalised scores.

    Unlike RRF it keeps the size of a gap: a BM25 hit on a rare code that scores far
    above every other chunk is not flattened into "rank 1 of 30".
    """
    scores: dict[str, float] = {}
    for ranking, weight in rankings:
        if not ranking or weight == 0:
            continue
        values = [s for _, s in ranking]
        low, high = min(values), max(values)
        span = (high - low) or 1.0
        for cid, score in ranking:
            scores[cid] = scores.get(cid, 0.0) + weight * (score - low) / span
    return sorted(scores.items(), key=lambda item: -item[1])


def fuse(rankings: list[tuple[Ranking, float]], method: str, k: int) -> Ranking:
    return fuse_convex(rankings) if method == "convex" else fuse_rrf(rankings, k)


NUMBER_BOOST = 0.5
"""Share of the top fused score a passage gains for giving the question's numbers."""
NAMED_SCORE = 0.1
"""Share of the top fused score given to a passage found only by the question's names."""


class HybridRetriever(BaseRetriever):
    """Dense + lexical retrieval over the chunk store, usable as a LangChain retriever."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    settings: Settings
    embedder: Embeddings  # local (E5Embeddings) or a server (ServerEmbeddings)
    store: ChunkStore
    lexical: LexicalIndex

    def search(self, question: str, intent: Intent | None = None, k: int | None = None,
               mode: Mode | None = None, doc_ids: frozenset[str] | None = None) -> Retrieval:
        """The top ``k`` passages for ``question``, each with its parallel passage if any;
        from the articles ``doc_ids`` only, when given (``rag.scope``)."""
        mode = mode or self.settings.retrieval_mode
        intent = intent or read_intent(question)
        k = k or (self.settings.list_top_k if intent.shape == "list" else self.settings.top_k)
        kind = query_kind(intent)
        timings: dict[str, float] = {}
        vector, dense, lexical = self._rankings(question, mode, timings, doc_ids, intent.language)
        start = time.perf_counter()
        # the question's terms in the other language rank the articles written only in it
        translated = (self.lexical.search(intent.translated, self.settings.candidates, doc_ids)
                      if intent.translated and mode != "dense" else [])
        w_dense, w_lex = self.settings.fusion_weights[kind]
        fused = fuse([(dense, w_dense if mode != "lexical" else 0.0),
                      *((part, w_lex if mode != "dense" else 0.0)
                        for part in [*self._by_language(lexical), translated] if part)],
                     self.settings.fusion, self.settings.rrf_k)
        if intent.names:
            pool = fused[:self.settings.candidates]
            if mode != "dense":
                pool += self._naming(intent.names, {cid for cid, _ in pool},
                                     pool[0][1] if pool else 1.0, doc_ids)
            fused = self._with_names(pool, intent.names, intent.language)
        distinctive = frozenset(n for n in intent.identifying_numbers if len(n) > 1)
        if distinctive:  # "loại III" is a 3, which most passages hold
            fused = self._with_numbers(fused, distinctive)
        if intent.shape == "metadata":
            fused = self._with_headers(fused)
        timings["fusion"] = time.perf_counter() - start
        passages = self._passages(fused[:3 * k], dict(dense), dict(lexical))[:k]
        top_dense = dense[0][1] if dense else 0.0
        return Retrieval(passages, kind, timings, top_dense, vector)

    def _naming(self, names: frozenset[str], pooled: set[str], top: float,
                doc_ids: frozenset[str] | None) -> Ranking:
        """The passages that spell the question's names (BM25 over folded words and word
        pairs, "cau_ke") and are not yet candidates, scored a little above none
        (``NAMED_SCORE`` of ``top`` at most): an English question's other words say little
        to a Vietnamese-only article, so the dense and word rankings may hold none of its
        passages for the name boost to raise."""
        runs = [" ".join(run) for n in names if len(run := name_run(n, same_language=False)) > 1]
        found = self.lexical.search(" ".join(runs), self.settings.candidates, doc_ids) if runs else []
        best = found[0][1] if found else 1.0
        return [(cid, NAMED_SCORE * top * score / best) for cid, score in found if cid not in pooled]

    def _with_names(self, fused: Ranking, names: frozenset[str], language: str) -> Ranking:
        """Raise the articles that contain the names the question gives.

        Names survive translation ("Krông Nô" is "Krong No" in English) when words do
        not, so across languages they say which article a question is about even when
        the embedder ranks a passage in the question's language higher. The boost is the
        article's, shared by all its passages: the passage that answers need not repeat
        the district's name its article gave once at the top. An article is judged on the
        names that can be checked in its languages: "Vice Chairman" cannot be in a
        Vietnamese-only one, and is neither found there nor missed; a name that could be
        there and is not counts against it.
        """
        if not fused:
            return fused
        records = _records(self.store, [cid for cid, _ in fused])
        top = fused[0][1] or 1.0
        # a rare name ("Krông Nô") says more than a common one ("Standing Committee")
        weight = {n: max(self.lexical.idf(w) for w in n.split()) for n in names}
        found: dict[str, set[str]] = {}
        checkable: dict[str, set[str]] = {}
        for cid, (text, meta) in records.items():
            doc = meta.get("translation_of") or meta.get("doc_id", "")
            tokens = folded_tokens(f"{meta.get('title', '')}\n{text}")
            same = meta.get("language") == language
            testable = {n for n in names if name_run(n, same)}
            checkable.setdefault(doc, set()).update(testable)
            found.setdefault(doc, set()).update(n for n in testable if name_in(n, tokens, same))

        def share(cid: str) -> float:
            """Names found less names missing, of the names checkable in the article: an
            article without the place the question names is seldom the one asked about."""
            meta = records.get(cid, ("", {}))[1]
            doc = meta.get("translation_of") or meta.get("doc_id", "")
            total = sum(weight[n] for n in checkable.get(doc, ()))
            got = sum(weight[n] for n in found.get(doc, ()))
            return max(0.0, 2 * got - total) / total if total else 0.0

        return sorted(((cid, score + top * share(cid)) for cid, score in fused),
                      key=lambda item: -item[1])

    def _with_numbers(self, fused: Ranking, asked: frozenset[str]) -> Ranking:
        """Raise the passages that give every number naming what the question is about
        ("the 71 households", "Road 936D"): a number reads the same in both languages,
        so it finds the Vietnamese passage an English question's words cannot."""
        if not fused:
            return fused
        pool = fused[:self.settings.candidates]
        records = _records(self.store, [cid for cid, _ in pool])
        top = pool[0][1] or 1.0

        def gives(cid: str) -> bool:
            text, meta = records.get(cid, ("", {}))
            return asked <= numbers(f"{meta.get('title', '')}\n{text}")

        raised = [(cid, score + NUMBER_BOOST * top if gives(cid) else score) for cid, score in pool]
        return sorted(raised, key=lambda item: -item[1]) + fused[len(pool):]

    def _with_headers(self, fused: Ranking) -> Ranking:
        """Put the first chunk (title, dateline) of the best-ranked article on top.

        A translation has no header of its own, so the original's is used.
        """
        if not fused:
            return fused
        top = self.store.get([fused[0][0]])["metadatas"]
        if not top:
            return fused
        headers = self.store.first_chunk_ids([top[0].get("translation_of") or top[0]["doc_id"]])
        best = fused[0][1]
        return [(cid, best + 1.0) for cid in headers] + [f for f in fused if f[0] not in headers]

    def _by_language(self, lexical: Ranking) -> list[Ranking]:
        """The lexical ranking split by passage language, each part normalised on its own:
        BM25 matches the question's own words, so without this every passage in the
        question's language would outrank the other language's passages that share only
        its names and numbers - an English question would never reach a Vietnamese-only
        article."""
        if not lexical:
            return []
        records = self.store.get([cid for cid, _ in lexical])
        language = {i: (m or {}).get("language", "") for i, m in
                    zip(records["ids"], records["metadatas"])}
        parts: dict[str, Ranking] = {}
        for cid, score in lexical:
            parts.setdefault(language.get(cid, ""), []).append((cid, score))
        return list(parts.values())

    def _language_neutral(self, found: list[tuple[str, float, str]], language: str) -> Ranking:
        """Dense scores with the embedder's own-language lean taken out.

        e5 scores a passage in the question's language higher than the same passage in
        the other language (measured on the sample article's translation pair: +0.04
        for English questions, +0.02 for Vietnamese ones), so an English question about
        a Vietnamese-only article would retrieve English passages of other articles.
        """
        lean = self.settings.language_lean.get(language, 0.0)
        adjusted = [(cid, score + (lean if lang and lang != language else 0.0))
                    for cid, score, lang in found]
        return sorted(adjusted, key=lambda item: -item[1])

    def _rankings(self, question: str, mode: Mode, timings: dict[str, float],
                  doc_ids: frozenset[str] | None, language: str
                  ) -> tuple[list[float], Ranking, Ranking]:
        n = self.settings.candidates
        start = time.perf_counter()
        vector = self.embedder.embed_query(question)
        timings["embed"] = time.perf_counter() - start
        start = time.perf_counter()
        where = {"doc_id": {"$in": sorted(doc_ids)}} if doc_ids is not None else None
        found = self.store.query(vector, 2 * n, where) if doc_ids != frozenset() else []
        dense = self._language_neutral(found, language)[:n]
        timings["dense"] = time.perf_counter() - start
        start = time.perf_counter()
        lexical = self.lexical.search(question, n, doc_ids) if mode != "dense" else []
        timings["lexical"] = time.perf_counter() - start
        return vector, dense, lexical

    def _passages(self, ranked: list[tuple[str, float]], dense: dict[str, float],
                  lexical: dict[str, float]) -> list[Passage]:
        records = _records(self.store, [cid for cid, _ in ranked])
        partner_ids = [m.get("counterpart") for _, m in records.values() if m.get("counterpart")]
        partners = _records(self.store, partner_ids)
        passages: list[Passage] = []
        shown: set[str] = set()
        for cid, score in ranked:
            if cid in shown or cid not in records:  # parallel version shown, or just deleted
                continue
            text, meta = records[cid]
            shown.update({cid, meta.get("counterpart", "")})
            partner = partners.get(meta.get("counterpart", ""))
            passages.append(Passage(
                chunk=chunk_from_record(cid, text, meta), score=score,
                dense_score=dense.get(cid), lexical_score=lexical.get(cid),
                counterpart=chunk_from_record(meta["counterpart"], *partner) if partner else None,
            ))
        return passages

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun
                                ) -> list[LCDocument]:
        return [to_langchain(p) for p in self.search(query).passages]


def _records(store: ChunkStore, ids: list[str]) -> dict[str, tuple[str, dict[str, Any]]]:
    if not ids:
        return {}
    got = store.get(ids)
    return {i: (d, m) for i, d, m in zip(got["ids"], got["documents"], got["metadatas"])}


def to_langchain(passage: Passage) -> LCDocument:
    """A passage as a LangChain Document (id, offsets and scores in the metadata)."""
    chunk: Chunk = passage.chunk
    return LCDocument(page_content=chunk.text, id=chunk.id, metadata={
        "doc_id": chunk.doc_id, "start": chunk.start, "end": chunk.end,
        "language": chunk.language, "title": chunk.title, "score": passage.score,
    })
