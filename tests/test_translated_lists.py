"""A list the reader's language has no version of: code picks the items, a (fake) model
translates each one, and only translations that check against their item are shown."""

from __future__ import annotations

import time
from typing import Any

from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatResult

from rag.backends.base import Job
from rag.backends.generative import Generative
from rag.config import Settings
from rag.evidence import Evidence, Selection
from rag.gate import Verdict
from rag.intent import read_intent
from rag.types import Answer
from rag.units import UnitIndex

BODY = ("Đoàn giám sát chỉ ra một số hạn chế như: tỷ lệ thu gom rác ở nông thôn còn thấp; "
        "5 xã chưa tổ chức thu gom; bãi chôn lấp Đồng Mít quá tải.")
QUESTION = "What shortcomings did the supervision team point out?"


class TranslatingChat(BaseChatModel):
    """Replies to a prompt with the translation whose key its last message contains."""

    replies: dict[str, str] = {}
    error: str | None = None
    prompts: list[str] = []

    @property
    def _llm_type(self) -> str:
        return "translating-fake"

    def _generate(self, messages: list[BaseMessage], stop: Any = None, run_manager: Any = None,
                  **kwargs: Any) -> ChatResult:
        text = str(messages[-1].content)
        self.prompts.append(text)
        if self.error:
            raise ConnectionError(self.error)
        reply = next(v for k, v in self.replies.items() if k in text)
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=reply))])


def _job(chat: TranslatingChat) -> Job:
    index = UnitIndex.build([("d", BODY)])
    list_id = next(u.list_id for u in index.for_doc("d") if u.kind == "item")
    lead, items = index.enumeration(list_id)
    assert lead is not None and len(items) == 3

    def evidence(unit: Any) -> Evidence:
        return Evidence(unit, None, None, "Tin", "vi")

    selection = Selection([evidence(u) for u in items], enumeration=True, lead=evidence(lead))
    return Job(question=QUESTION, intent=read_intent(QUESTION, "en"), selection=selection,
               verdict=Verdict(True), settings=Settings(), backend="local", model="fake",
               started=time.perf_counter(), retrieved=[], chat=chat)


def _run(chat: TranslatingChat) -> tuple[list[str], Answer]:
    items = list(Generative().run(_job(chat)))
    assert isinstance(items[-1], Answer)
    return [i for i in items[:-1] if isinstance(i, str)], items[-1]


def test_each_item_is_translated_and_kept_only_if_it_checks_against_it() -> None:
    chat = TranslatingChat(replies={
        "tỷ lệ thu gom": "The translation is:\nThe rural waste collection rate is still low",
        "5 xã": "7 communes have organised collection",  # a number and a negation changed
        "Đồng Mít": "The Dong Mit landfill is overloaded",
    })
    streamed, answer = _run(chat)
    assert len(chat.prompts) == 3  # one call per item; the lead-in stays quoted
    lines = answer.text.splitlines()
    assert "translated by the model" in lines[0] and "“Đoàn giám sát chỉ ra" in lines[0]
    assert lines[1:] == ["- The rural waste collection rate is still low [2]",
                         "  “tỷ lệ thu gom rác ở nông thôn còn thấp”",
                         "- “5 xã chưa tổ chức thu gom” [3]",
                         "- The Dong Mit landfill is overloaded [4]",
                         "  “bãi chôn lấp Đồng Mít quá tải”"]
    assert [d["statement"] for d in answer.dropped] == ["7 communes have organised collection"]
    assert streamed == ["- The rural waste collection rate is still low\n",
                        "- The Dong Mit landfill is overloaded\n"]
    assert [c.quote for c in answer.citations][1:] == [
        "tỷ lệ thu gom rác ở nông thôn còn thấp", "5 xã chưa tổ chức thu gom",
        "bãi chôn lấp Đồng Mít quá tải"]


def test_a_translation_that_drops_a_name_is_not_shown() -> None:
    chat = TranslatingChat(replies={"tỷ lệ": "The collection rate is low", "5 xã": "5 communes "
                                    "have not organised collection", "Đồng Mít": "The river "
                                    "overflows with sewage"})
    _, answer = _run(chat)
    assert "river" not in answer.text and "- “bãi chôn lấp Đồng Mít quá tải” [4]" in answer.text
    assert "5 communes have not organised collection [3]" in answer.text


def test_a_model_that_is_down_gives_the_quoted_list_with_a_notice() -> None:
    _, answer = _run(TranslatingChat(error="connection refused"))
    assert answer.fallback == "failed" and answer.notice
    assert "quoted from the Vietnamese original" in answer.text
    assert "- “5 xã chưa tổ chức thu gom” [3]" in answer.text


def test_a_translation_is_checked_for_values_currencies_names_and_negation() -> None:
    from rag.verify import translation_problem

    original = "giải ngân vốn đầu tư công đến ngày 30/6 mới đạt 1.478 tỷ đồng, bằng 31,6% kế hoạch"
    good = "Public investment disbursement reached only 1,478 billion VND by June 30, 31.6% of the plan"
    assert translation_problem(good, original) == ""
    # Vietnamese "1.478" is one thousand four hundred and seventy-eight
    assert translation_problem(good.replace("1,478", "1.478"), original) == "a figure's value differs"
    assert translation_problem(good.replace("VND", "yuan"), original).startswith("a currency")
    assert translation_problem("Disbursement reached 1,478 billion VND by June 30, 31.6% of the "
                               "plan, said President Tran", original).startswith("names not in")
    assert translation_problem("5 communes have organised collection",
                               "5 xã chưa tổ chức thu gom") == "polarity differs"
    # a shortfall may be put without a negation word
    assert translation_problem("The rate is low, at risk of missing the 2025 target",
                               "tỷ lệ còn thấp, có nguy cơ không đạt chỉ tiêu năm 2025") == ""
