"""Retrieval, citation checking, declining and the generation path.

Citation checks run on the real articles' chunks without any model. The generation
path uses the fake embedder and a fake chat model (``RecordingChat``) injected through
``Pipeline.chat_model``. Retrieval quality and declining use the real embedder and a
real index built once per session (``real_model``).
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from conftest import RecordingChat
from rag.cite import check_answer, citations
from rag.evidence import Evidence
from rag.config import PROJECT_ROOT, Settings
from rag.documents import load_documents
from rag.ingest import plan_chunks
from rag.pipeline import Pipeline
from rag.prompts import NOT_FOUND, SYSTEM
from rag.replies import reply
from rag.types import Answer
from rag.units import UnitIndex

CODE = "620-BC/HU"



def final(pipe: Any, question: str, history: list | None = None, **kw: Any) -> Answer:
    items = list(pipe.stream(question, history or [], **kw))
    assert isinstance(items[-1], Answer) and all(isinstance(i, str) for i in items[:-1])
    return items[-1]


@pytest.fixture(scope="module")
def corpus():
    docs, _ = load_documents(PROJECT_ROOT / "documents")
    chunks = [p.chunk for p in plan_chunks(docs, Settings().chunk_max_chars)]
    return {d.id: d for d in docs}, chunks


def assert_citations_from_documents(answer: Answer, bodies: dict[str, str]) -> None:
    assert answer.citations
    for c in answer.citations:
        assert bodies[c.doc_id][c.start:c.end] == c.text
        assert c.quote and c.text[c.quote_start:c.quote_end] == c.quote
    markers = {int(n) for n in re.findall(r"\[(\d+)\]", answer.text)}
    assert markers == {c.index for c in answer.citations}


# ----------------------------------------------------------------- citation checking (fast)


@pytest.fixture(scope="module")
def units(corpus):
    docs, _ = corpus
    return UnitIndex.build([(d.id, d.body) for d in docs.values()])


def unit_with(units: UnitIndex, doc_id: str, needle: str) -> Evidence:
    unit = next(u for u in units.for_doc(doc_id) if needle in u.text and u.kind == "item"
                or needle in u.text and u.kind == "sentence" and len(u.text) < 600)
    return Evidence(unit, None, None, "title", doc_id.rsplit("-", 1)[1])


@pytest.fixture(scope="module")
def sources(units):
    vi = "ham-tan-2024-03-11-vi"
    return [unit_with(units, vi, CODE), unit_with(units, vi, "quốc lộ 55"),
            unit_with(units, vi, "Thu ngân sách"), unit_with(units, vi, "khoáng sản trái phép")]


def test_fabricated_number_sentence_is_dropped(sources) -> None:
    checked = check_answer(f"Báo cáo số {CODE} ban hành ngày 09/01/2024 [1]. "
                           "Huyện đạt 95% kế hoạch năm 2023 [1].", sources)
    assert "95%" not in checked.text
    assert checked.dropped == [{"statement": "Huyện đạt 95% kế hoạch năm 2023.",
                                "evidence": sources[0].texts}]
    assert checked.text == f"Báo cáo số {CODE} ban hành ngày 09/01/2024 [1]."


def test_marker_to_a_unit_that_was_not_shown_is_removed(sources) -> None:
    checked = check_answer(f"Báo cáo số {CODE} ban hành ngày 09/01/2024 [7].", sources)
    assert "[7]" not in checked.text
    assert checked.text.endswith("[1].") and checked.cited[0] is sources[0]  # re-attached


def test_unsupported_sentence_with_bad_marker_is_dropped(sources) -> None:
    checked = check_answer("Giá cà phê tăng kỷ lục tại Đắk Lắk [7].", sources)
    assert checked.text == "" and not checked.cited


def test_markers_are_renumbered_by_first_use(sources) -> None:
    checked = check_answer("Dự án nâng cấp, mở rộng tuyến quốc lộ 55 đoạn qua thị xã La Gi [2]. "
                           f"Báo cáo số {CODE} ban hành ngày 09/01/2024 [1].", sources)
    assert checked.cited == [sources[1], sources[0]]
    assert checked.text == ("Dự án nâng cấp, mở rộng tuyến quốc lộ 55 đoạn qua thị xã La Gi [1]. "
                            f"Báo cáo số {CODE} ban hành ngày 09/01/2024 [2].")


def test_uncited_supported_sentence_is_reattached(sources) -> None:
    checked = check_answer(f"Báo cáo số {CODE} ban hành ngày 09/01/2024.", sources)
    assert checked.text == f"Báo cáo số {CODE} ban hành ngày 09/01/2024 [1]." and not checked.dropped


def test_words_scattered_over_units_do_not_support_a_relation(sources) -> None:
    """Every word is in some shown unit, but no single unit states it."""
    checked = check_answer("Thu ngân sách vượt dự toán nhờ dự án quốc lộ 55 [2][3].", sources)
    assert checked.text == ""


def test_negated_sentence_is_not_supported_by_a_positive_unit(sources) -> None:
    checked = check_answer("Thu ngân sách không vượt dự toán được giao [3].", sources)
    assert checked.text == "" and checked.dropped


def test_citation_offsets_and_quotes(corpus, sources) -> None:
    docs, _ = corpus
    checked = check_answer("Dự án nâng cấp, mở rộng tuyến quốc lộ 55 kết nối với tỉnh Bà Rịa - Vũng "
                           f"Tàu [2]. Báo cáo số {CODE} ban hành ngày 09/01/2024 [1].", sources)
    cites = citations(checked.cited)
    assert [c.index for c in cites] == [1, 2]
    for c in cites:
        assert docs[c.doc_id].body[c.start:c.end] == c.text
        assert c.text[c.quote_start:c.quote_end] == c.quote and c.quote
    assert "quốc lộ 55" in cites[0].quote and CODE in cites[1].quote


# ----------------------------------------------------------------- generation path, fake chat model


@pytest.fixture
def chat_pipe(fake_pipeline, make_settings, monkeypatch):
    """(pipeline on the fake embedder over the Vietnamese article alone, install(reply=...,
    error=...) -> the fake chat model). The model words answers only where the article
    has no version in the reader's language, so its questions are asked in English."""
    for path in make_settings().documents_dir.glob("*.en.md"):
        path.unlink()
    pipe = fake_pipeline()
    assert {d["language"] for d in pipe.documents()} == {"vi"}

    def install(reply: str = "", error: str | None = None) -> RecordingChat:
        chat = RecordingChat(reply=reply, error=error)
        monkeypatch.setattr(Pipeline, "chat_model", lambda self, backend: chat)
        return chat

    return pipe, install


QUESTION_VI = f"Báo cáo số {CODE} được ban hành ngày nào?"
QUESTION_EN = f"When was Report No. {CODE} issued?"


def test_model_reply_not_found_gives_the_extractive_answer_with_a_notice(chat_pipe) -> None:
    """The gate judged the passages relevant; a model that finds nothing is overruled by
    the extractive answer, which says so."""
    pipe, install = chat_pipe
    chat = install(NOT_FOUND)
    answer = final(pipe, QUESTION_EN, backend="local")
    assert answer.answerable and "09/01/2024" in answer.text and answer.citations
    assert answer.notice and "found no answer" in answer.notice
    assert len(chat.prompts) == 1


def test_units_in_the_readers_language_are_the_answer_without_the_model(chat_pipe) -> None:
    """A Vietnamese question about the Vietnamese article: the units are given as they
    stand; the model is not asked to reword them."""
    pipe, install = chat_pipe
    chat = install("Báo cáo được ban hành năm 2019 [1].")
    answer = final(pipe, QUESTION_VI, backend="local")
    assert answer.answerable and "09/01/2024" in answer.text and answer.notice is None
    assert "2019" not in answer.text and chat.prompts == []


def test_model_reply_not_found_still_declines_what_the_articles_lack(chat_pipe) -> None:
    pipe, install = chat_pipe
    install(NOT_FOUND)
    answer = final(pipe, "Năm 2023 huyện Hàm Tân thu ngân sách được bao nhiêu tỷ đồng?", backend="local")
    assert answer.answerable is False and answer.fallback is None
    # a near-miss: declined with what the article does say about budget revenue, cited
    assert answer.text.startswith("Các bài viết không nêu con số này.")
    assert [c.quote for c in answer.citations] == ["Thu ngân sách vượt dự toán được giao"]


def shown_numbers(chat: RecordingChat) -> list[int]:
    return [int(n) for n in re.findall(r"^\[(\d+)\] ", chat.prompts[-1][1].content, re.MULTILINE)]


def test_prompt_has_system_rules_and_numbered_passages(chat_pipe) -> None:
    pipe, install = chat_pipe
    chat = install(f"Report No. {CODE} was issued on 09/01/2024 [1].")
    answer = final(pipe, QUESTION_EN, backend="local")
    system, human = chat.prompts[0]
    assert system.content == SYSTEM
    shown = shown_numbers(chat)
    assert human.content.startswith("Facts:\n[1] ") and shown == list(range(1, len(shown) + 1))
    assert 1 <= len(shown) <= 4
    assert f"Question: {QUESTION_EN}" in human.content and "Answer in English" in human.content
    assert answer.answerable and answer.notice is None and "09/01/2024" in answer.text


def test_marker_beyond_the_shown_passages_is_repaired_or_dropped(chat_pipe, corpus) -> None:
    pipe, install = chat_pipe
    chat = install(f"Report No. {CODE} was issued on 09/01/2024 [7]. Ham Tan has great potential [7].")
    answer = final(pipe, QUESTION_EN, backend="local")
    assert max(shown_numbers(chat)) < 7
    assert "[7]" not in answer.text
    assert answer.answerable and 0 < len(answer.citations) <= len(shown_numbers(chat))
    docs, _ = corpus
    assert_citations_from_documents(answer, {d: docs[d].body for d in docs})


def test_invented_number_falls_back_to_extractive_with_notice(chat_pipe, corpus) -> None:
    pipe, install = chat_pipe
    install("The report was issued in 2019 and admitted 4500 new party members [1].")
    answer = final(pipe, QUESTION_EN, backend="local")
    assert "4500" not in answer.text and "2019" not in answer.text
    assert answer.notice and "could not be verified" in answer.notice
    docs, _ = corpus
    if answer.answerable:
        assert_citations_from_documents(answer, {d: docs[d].body for d in docs})


def test_backend_down_falls_back_to_extractive_with_notice(chat_pipe, corpus) -> None:
    pipe, install = chat_pipe
    install(error="connection refused")
    answer = final(pipe, QUESTION_EN, backend="local")
    assert answer.answerable and answer.language == "en"
    assert answer.notice and "did not answer" in answer.notice and "ConnectionError" in answer.notice
    docs, _ = corpus
    assert_citations_from_documents(answer, {d: docs[d].body for d in docs})


def test_chat_model_that_cannot_load_falls_back(chat_pipe, monkeypatch) -> None:
    from rag.errors import ModelError

    pipe, _ = chat_pipe

    def broken(self, backend):
        raise ModelError("model file missing")

    monkeypatch.setattr(Pipeline, "chat_model", broken)
    answer = final(pipe, QUESTION_EN, backend="local")
    assert answer.answerable and answer.notice and "not loaded" in answer.notice


# ----------------------------------------------------------------- real embedder and index


@pytest.mark.real_model
@pytest.mark.parametrize("question", [
    f"Báo cáo số {CODE} được ban hành ngày nào?",
    f"Bao cao so {CODE} ban hanh ngay nao?",
    f"When was Report No. {CODE} issued?",
])
def test_code_is_found_at_rank_one(real_pipeline, question: str) -> None:
    top = real_pipeline.retrieve(question).passages[0]
    assert CODE in top.chunk.text, top.chunk.text[:120]


@pytest.mark.real_model
def test_code_chunks_are_linked_as_counterparts(real_index, real_embedder) -> None:
    from rag.store import ChunkStore

    store = ChunkStore(real_index, real_embedder.model_id, real_embedder.dimension)
    rows = store.all_chunks()
    texts = {c.id: c.text for c, _ in rows}
    linked = [(c, other) for c, other in rows if CODE in c.text]
    assert {c.language for c, _ in linked} == {"vi", "en"}
    for chunk, other in linked:
        assert other is not None, f"{chunk.id} has no counterpart"
        assert CODE in texts[other]
    by_id = {c.id: c for c, _ in rows}
    pairs = {c.id: o for c, o in rows if o}
    for cid, other in pairs.items():  # every link points at a stored chunk of the other version
        assert other in by_id and by_id[other].language != by_id[cid].language
    assert len(pairs) >= 10


@pytest.mark.real_model
@pytest.mark.parametrize("question, lang", [
    ("What will the weather be like in Hanoi tomorrow?", "en"),
    pytest.param("Thời tiết Hà Nội ngày mai thế nào?", "vi"),  # "hà" and "nội" apart are no "Hà Nội"
    pytest.param("Giá vàng hôm nay là bao nhiêu?", "vi"),  # "giá" of "đánh giá" is no gold price
])
def test_unrelated_questions_get_a_plain_decline(real_pipeline, question: str, lang: str) -> None:
    answer = final(real_pipeline, question)
    assert answer.answerable is False and answer.language == lang
    assert answer.text == reply("decline", lang) and not answer.citations


@pytest.mark.real_model
@pytest.mark.parametrize("question, lang", [
    ("How many new party members were admitted in 2023?", "en"),
    ("Năm 2023 huyện Hàm Tân kết nạp bao nhiêu đảng viên mới?", "vi"),
])
def test_a_count_the_article_does_not_give_is_declined_with_what_it_says(
        real_pipeline, question: str, lang: str) -> None:
    """The article says new party members met the target, never how many: the decline
    may quote that sentence, and only a sentence about new party members."""
    answer = final(real_pipeline, question)
    assert answer.answerable is False and answer.language == lang
    if answer.citations:
        assert answer.text.startswith(reply("nearmiss", lang, asked="", evidence="")[:20])
        assert all(("đảng viên mới" in c.quote) or ("party members" in c.quote)
                   for c in answer.citations), [c.quote for c in answer.citations]
    else:
        assert answer.text == reply("decline", lang)


@pytest.mark.real_model
@pytest.mark.parametrize("question, lang, expect", [
    (f"Báo cáo số {CODE} được ban hành ngày nào?", "vi", "09/01/2024"),
    (f"When was Report No. {CODE} issued?", "en", "January 9, 2024"),
    ("Du an nang cap quoc lo 55 ket noi voi tinh nao?", "vi", "Vũng Tàu"),
    ("Which national highway does the district want upgraded?", "en", "55"),
])
def test_answerable_questions_are_cited_from_the_documents(real_pipeline, real_index, question, lang,
                                                           expect) -> None:
    docs, _ = load_documents(real_index.documents_dir)
    answer = final(real_pipeline, question)
    assert answer.answerable and answer.language == lang and answer.backend == "extractive"
    assert expect in answer.text
    assert_citations_from_documents(answer, {d.id: d.body for d in docs})


def test_a_follow_up_stays_in_the_article_the_previous_answer_quotes(fake_pipeline) -> None:
    pipe = fake_pipeline(ingest=False)
    (pipe.settings.documents_dir / "cho-moi.md").write_text(
        "---\ntitle: Krông Búk xây dựng chợ đầu mối\nlanguage: vi\n---\n\n"
        "Huyện Krông Búk đang xây dựng chợ đầu mối nông sản với kinh phí 45 tỷ đồng. "
        "Huyện đề nghị tỉnh hỗ trợ nâng cấp đường vào chợ.\n", encoding="utf-8")
    pipe.ingest()
    ham_tan = [d for d in pipe.selector.units._by_doc if d.startswith("ham-tan")]
    quoted = next(u.text for u in pipe.selector.units.for_doc(ham_tan[0]) if u.kind == "sentence"
                  and len(u.text) > 80)
    history = [("Huyện còn hạn chế gì?", f"{quoted} [1]")]

    def names(question: str) -> frozenset[str]:
        from rag.intent import read_intent
        return read_intent(question, "vi").own_names

    assert pipe._conversation(history, names("Còn về khoáng sản thì sao?")) == frozenset(ham_tan)
    # a follow-up naming what that article does not name has moved on
    assert pipe._conversation(history, names("Còn ở huyện Krông Búk thì sao?")) is None
    assert pipe._conversation([("Hỏi gì đó", "Các bài viết không đề cập.")], names("Còn gì nữa?")) is None


def _two_articles(fake_pipeline, title: str, sentence: str, places: dict[str, str]) -> tuple:
    """A pipeline over one Vietnamese article per place, and each article's first chunk."""
    pipe = fake_pipeline(ingest=False, copy_docs=False)
    for doc, place in places.items():
        (pipe.settings.documents_dir / f"{doc}.md").write_text(
            f"---\ntitle: {title.format(place)}\nlanguage: vi\n---\n\n{sentence.format(place)}\n",
            encoding="utf-8")
    pipe.ingest()
    return pipe, {doc: pipe.retriever.store.first_chunk_ids([doc])[0] for doc in places}


def test_a_name_that_cannot_be_checked_in_an_article_raises_no_article(fake_pipeline) -> None:
    """"Vice Chairman" cannot be looked for in a Vietnamese-only article: it neither raises
    every such article nor dilutes the place name that can be found in one of them."""
    pipe, chunk = _two_articles(fake_pipeline, "Tỉnh {} kiểm tra cảng cá",
                                "Phó Chủ tịch UBND tỉnh {} yêu cầu nạo vét luồng vào cảng.",
                                {"qt": "Quảng Trị", "bd": "Bình Định"})
    fused = [(chunk["bd"], 1.0), (chunk["qt"], 0.5)]
    names = frozenset({"vice chairman", "quang tri people committee"})
    scores = dict(pipe.retriever._with_names(fused, names, "en"))
    assert scores[chunk["bd"]] == 1.0
    assert scores[chunk["qt"]] == 1.5


def test_a_compound_question_is_answered_part_by_part(fake_pipeline) -> None:
    pipe = fake_pipeline(ingest=False, copy_docs=False)
    (pipe.settings.documents_dir / "hoi-cho.md").write_text(
        "---\ntitle: Khai mạc hội chợ nông sản Tân Phú\nlanguage: vi\n---\n\n"
        "Hội chợ nông sản huyện Tân Phú khai mạc ngày 12/3/2024 tại sân vận động huyện.\n\n"
        "Ban tổ chức cho biết năm nay nhiều hợp tác xã mang sản phẩm OCOP đến giới thiệu "
        "với khách tham quan trong tỉnh.\n\n"
        "Hội chợ có 120 gian hàng của doanh nghiệp và hợp tác xã.\n", encoding="utf-8")
    pipe.ingest()
    answer = list(pipe.stream("Hội chợ Tân Phú khai mạc ngày nào và có bao nhiêu gian hàng?",
                              []))[-1]
    assert answer.answerable
    assert "12/3/2024" in answer.text and "120 gian hàng" in answer.text
    assert {c.quote for c in answer.citations} >= {
        "Hội chợ nông sản huyện Tân Phú khai mạc ngày 12/3/2024 tại sân vận động huyện.",
        "Hội chợ có 120 gian hàng của doanh nghiệp và hợp tác xã."}


def test_an_article_without_a_place_the_question_names_is_not_raised_over_one_with_it(
        fake_pipeline) -> None:
    pipe = fake_pipeline(ingest=False, copy_docs=False)
    (pipe.settings.documents_dir / "ea.md").write_text(
        "---\ntitle: Port town council meets\nlanguage: en\n---\n\n"
        "The Standing Committee asked the port town to speed up its bridge works.\n",
        encoding="utf-8")
    (pipe.settings.documents_dir / "qt.md").write_text(
        "---\ntitle: Tỉnh Quảng Trị kiểm tra cảng cá\nlanguage: vi\n---\n\n"
        "Ban Thường vụ Tỉnh ủy Quảng Trị yêu cầu đẩy nhanh tiến độ cảng cá.\n", encoding="utf-8")
    pipe.ingest()
    chunk = {doc: pipe.retriever.store.first_chunk_ids([doc])[0] for doc in ("ea", "qt")}
    fused = [(chunk["ea"], 1.0), (chunk["qt"], 0.45)]
    names = frozenset({"standing committee", "quang tri"})
    ranked = pipe.retriever._with_names(fused, names, "en")
    assert [cid for cid, _ in ranked] == [chunk["qt"], chunk["ea"]]


def test_a_passage_giving_the_questions_number_is_raised_across_languages(fake_pipeline) -> None:
    """An English question's words share nothing with a Vietnamese-only passage; "the 71
    households" does."""
    pipe = fake_pipeline(ingest=False, copy_docs=False)
    for name, text in (("a.md", "Huyện đã chi trả bồi thường cho 123 hộ dân trong năm 2024."),
                       ("b.md", "Nhóm thứ nhất gồm 71 hộ canh tác trên đất cát ven biển.")):
        (pipe.settings.documents_dir / name).write_text(
            f"---\ntitle: Giải phóng mặt bằng\nlanguage: vi\n---\n\n{text}\n", encoding="utf-8")
    pipe.ingest()
    chunk = {doc: pipe.retriever.store.first_chunk_ids([doc])[0] for doc in ("a", "b")}
    fused = [(chunk["a"], 1.0), (chunk["b"], 0.6)]
    ranked = pipe.retriever._with_numbers(fused, frozenset({"71"}))
    assert [cid for cid, _ in ranked] == [chunk["b"], chunk["a"]]
    from rag.intent import read_intent
    assert read_intent("What is holding up the plans for the 71 households in 2024?",
                       "en").identifying_numbers == frozenset({"71"})


def test_a_passage_only_the_questions_name_finds_joins_the_candidates(fake_pipeline) -> None:
    """An English question may share no word with a Vietnamese-only article: the article
    that spells its place name ("Cau Ke" for "Cầu Kế") still becomes a candidate, just
    above what nothing supports, and the name boost then raises it."""
    pipe, chunk = _two_articles(fake_pipeline, "Giám sát nước sạch",
                                "Đoàn đề nghị UBND huyện {} rà soát các công trình cấp nước.",
                                {"ck": "Cầu Kế", "hy": "Hàm Yên"})
    pool = [(chunk["hy"], 1.0)]
    found = pipe.retriever._naming(frozenset({"cau ke"}), {chunk["hy"]}, 1.0, None)
    assert found == [(chunk["ck"], 0.1)]
    ranked = pipe.retriever._with_names(pool + found, frozenset({"cau ke"}), "en")
    assert ranked[0][0] == chunk["ck"]
    # a name that cannot be looked for across languages finds nothing
    assert pipe.retriever._naming(frozenset({"department"}), set(), 1.0, None) == []


def test_a_list_question_looks_at_more_passages_than_a_fact_question(fake_pipeline) -> None:
    """A meeting's tasks are spread over several paragraphs; one figure sits in one."""
    pipe = fake_pipeline(top_k=2, list_top_k=5)
    fact = pipe.retriever.search("Huyện Hàm Tân có bao nhiêu xã?")
    listing = pipe.retriever.search("Tỉnh ủy giao cho Hàm Tân những nhiệm vụ gì?")
    assert len(fact.passages) == 2
    assert len(listing.passages) == 5


def test_a_follow_up_moving_to_a_new_topic_retrieves_its_own_words_first(fake_pipeline) -> None:
    """With the earlier question prepended, its topic (the road) outweighs the two words
    of the new one (the teachers); the reader's own words are looked for first."""
    from rag.intent import read_intent
    pipe = fake_pipeline(ingest=False, copy_docs=False, top_k=1)
    road = ("Huyện Phú Lâm đề nghị tỉnh hỗ trợ 85 tỷ đồng làm đường tỉnh 468. Về đề nghị làm "
            "đường tỉnh 468, tỉnh đồng ý bố trí 40 tỷ đồng trong năm 2025 cho đường tỉnh 468.")
    teachers = ("Về kiến nghị bổ sung giáo viên, tỉnh cho phép huyện hợp đồng 20 giáo viên "
                "trong thời gian chờ tuyển dụng.")
    (pipe.settings.documents_dir / "pl.md").write_text(
        f"---\ntitle: Tỉnh làm việc với huyện Phú Lâm\nlanguage: vi\n---\n\n{road}\n\n{teachers}\n",
        encoding="utf-8")
    pipe.ingest()
    earlier = "Tỉnh trả lời thế nào về đề nghị hỗ trợ 85 tỷ đồng làm đường tỉnh 468?"
    asked = "Còn kiến nghị bổ sung giáo viên thì sao?"
    query = f"{earlier} {asked}"
    intent = read_intent(query, "vi", asked=asked)
    whole = pipe.retriever.search(query, intent, doc_ids=frozenset({"pl"}))
    assert "468" in whole.passages[0].chunk.text  # the earlier topic wins on its own
    found = pipe._retrieval(query, asked, intent, frozenset({"pl"}))
    assert "giáo viên" in found.passages[0].chunk.text
    assert any("468" in p.chunk.text for p in found.passages)  # the frame's passages stay
