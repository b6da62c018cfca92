"""What a question asks for, computed once and passed down every stage.

Retrieval, evidence selection, the gate and the answer builders all need the same
reading of the question: its language, its shape (a value, yes/no, a list, a summary,
the article's own metadata), the kind of value it wants, the conclusion category a
list question is about, and any relation it presupposes ("which province is X in"
presupposes that the articles say what X belongs to). General rules for both
languages, matched on accent-folded text so unaccented Vietnamese reads the same.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Literal

from rag.glossary import glossed_terms, other_language_terms, vietnamese_forms
from rag.lexicon import (
    QUANTITY_UNITS,
    HIGHEST_CUES,
    LOWEST_CUES,
    ADMIN_UNITS,
    COMPLETION_CUES,
    DECREASE_CUES,
    DOCUMENT_CUES,
    DONE_CUES,
    INCREASE_CUES,
    IRREALIS_CUES,
    MONEY_CUES,
    NEGATION_CUES,
    MONEY_KINDS,
    ASKS,
    QUESTION_WORDS,
    STOPWORDS,
    Topic,
    cue_spots,
    cue_tokens,
    folded_tokens,
    mentions,
    topic_of,
)
from rag.textnorm import detect_language, fold, has_diacritics, nfc
from rag.verify import name_groups, numbers

Shape = Literal["fact", "yesno", "list", "summary", "metadata"]
Wants = Literal["number", "date", "place", "person", "organization", "reason", "any"]
MetaField = Literal["published", "title", "author", "source"]


@dataclass(frozen=True)
class Intent:
    question: str
    language: str
    diacritics: bool
    shape: Shape
    wants: Wants
    topic: Topic | None
    meta_field: MetaField | None
    terms: frozenset[str]
    names: frozenset[str]
    numbers: frozenset[str]
    relation: str | None
    subject: str | None
    negated: bool
    measure: str | None = None
    """The unit a Vietnamese "bao nhiêu" question asks its figure in, folded ("bao nhiêu
    tấn rác thải nhựa" -> "tan"): a figure in another unit does not answer it."""
    asks_reply: bool = False
    """Asks how someone answered ("Sở trả lời sao?", "how did the chair respond?"): the
    reply that decides a request, not the request again."""
    own_names: frozenset[str] = frozenset()
    """The names of the reader's own last turn (see ``read_intent``)."""
    shifts_topic: bool = False
    """A follow-up that moves the earlier question to a new topic ("Còn kiến nghị bổ
    sung giáo viên thì sao?", "What about water?"): the earlier question gives the
    frame, the reader's own words say what to look for."""
    counted: tuple[str, ...] = ()
    """What a "how many" question counts, folded ("xa", "ho dan", "communes"), when it
    names it; a figure answers only when it is a figure of that."""
    counted_as: tuple[str, ...] = ()
    """The words a Vietnamese count question adds to its noun, folded: "bao nhiêu ca mắc
    sốt rét" -> ("sot", "ret"). A unit that counts "ca mắc sốt xuất huyết" counts
    something else; one that does not say them cannot be checked against the question."""
    amount: bool = False
    """"How much", "bao nhiêu" with no noun: an amount, which articles give with its
    unit ("186,4 tỷ đồng", "13,2%"), not a bare number like a document's."""
    rate_of: tuple[str, ...] = ()
    """What a rate question is a rate of, as Vietnamese forms, folded: "tỷ lệ hộ nghèo"
    -> ("ho ngheo",); English "unemployment rate" -> the glossary's ("that nghiep",). A
    rate of something else does not answer it."""
    measured: tuple[str, ...] = ()
    """What an English "how much X" measures, the glossary's Vietnamese forms of X,
    folded ("how much electricity" -> ("dien",)); money has its own kinds."""
    percent: bool = False
    """A share is asked ("what share", "bao nhiêu phần trăm", "đạt bao nhiêu %"): a
    percentage answers it, not the hectares or the tonnes it is a share of."""
    money: bool = False
    """An amount of money is asked ("bao nhiêu tiền", "how much did it cost")."""
    money_kind: int | None = None
    """Which of MONEY_KINDS a money question asks for ("compensation", "tiền phạt")."""
    direction: str | None = None
    """"up" or "down" when the question asks how much something rose or fell."""
    extreme: str | None = None
    """"highest" or "lowest" when the question asks for an extreme ("thấp nhất")."""
    about_document: bool = False
    """The question names a document (a report, a resolution): its date answers it."""
    done: bool = False
    """The question asks about something done ("đã bồi thường bao nhiêu", "has the
    company paid", "when was it completed") and asks for nothing required, proposed or
    planned: a unit that only requires or plans it does not answer."""
    completion: bool = False
    """... and about its completion ("completed", "hoàn thành"), which a unit must state."""
    per: str | None = None
    """What a Vietnamese "bao nhiêu X một/mỗi/trên Y" divides by, its last word folded
    ("đồng một kWh" -> "kwh"): a figure not given per that does not answer it (the plant's
    "812,6 tỷ đồng" is no price per kWh)."""
    deadline: bool = False
    """The question asks when something ends or must be done by ("until when", "by when",
    "what deadline", "đến bao giờ", "hạn chót"): a date the text gives as an end answers
    it, not the day of the visit the article reports."""
    qualifier: tuple[str, ...] = ()
    """What a Vietnamese count says of its noun, its first two words folded, names left
    out ("bao nhiêu sản phẩm OCOP đạt 4 sao" -> "dat", "4"): "một số sản phẩm đạt 4 sao"
    gives no figure of those, and the unit's "24 sản phẩm" counts them all."""
    additional: bool = False
    """A figure asked for as an addition ("how much additional capital", "bổ sung thêm
    bao nhiêu"): a unit's figure that is not said to be added (the year's planned
    capital) does not answer it."""
    conditional: bool = False
    """The question asks when one should act ("when should a feverish child be taken to
    a doctor?", "khi nào cần đưa trẻ đi khám?"): the condition a unit gives ("khi trẻ sốt
    cao liên tục 2 - 3 ngày") answers it as well as a date."""
    spans: frozenset[str] = frozenset()
    """Numbers that only measure the time asked about ("6 tháng đầu năm", "first 9
    months", "quý 3"): an article may say "the first half" or not repeat them."""
    meta_also: tuple[MetaField, ...] = ()
    """Further header fields the question asks for ("who wrote it and when was it
    published?"), after ``meta_field``."""
    translated: str = ""
    """The question's terms in the other language, from the genre's glossary
    (rag.glossary): what it can share with an article that exists only in that one."""
    glossed: tuple[tuple[str, ...], ...] = ()
    """An English question's glossary terms, each as its Vietnamese forms: what of it
    can be looked for in a Vietnamese-only article besides its names and numbers."""
    told: frozenset[str] = frozenset()
    """Figures the conversation's previous answer gave that the question does not repeat
    (``figures``): a follow-up asks for something else ("and how much is still left?"),
    so a unit that restates one is not its answer when another unit is about as good."""
    whole: Intent | None = None
    """For a part of a compound question (rag.parts), the whole question's intent: "...,
    and what does it cost them?" leans on the names and terms of the part before it."""

    @property
    def identifying_numbers(self) -> frozenset[str]:
        """Numbers that say what the question is about ("quốc lộ 27", "Report 415", "the
        71 households"): a unit without them is about something else. Years and time
        spans only set the time ("in 2023", "6 tháng đầu năm")."""
        return frozenset(n for n in self.numbers if not _YEAR.match(n) and n not in self.spans)

    @property
    def years(self) -> frozenset[str]:
        """The years the question names: they set the time its value is of."""
        return frozenset(n for n in self.numbers if _YEAR.match(n))


def with_history(intent: Intent, history: list[tuple[str, str]]) -> Intent:
    """The intent of a follow-up, told what the previous answer already said."""
    if not history:
        return intent
    return replace(intent, told=figures(history[-1][1]) - figures(intent.question))


_FIGURE = re.compile(r"(?<![\d.,])\d+(?:[.,]\d+)*")


def figures(text: str) -> frozenset[str]:
    """The figures of a text with their separators dropped, so that "2,153.2" and
    "2.153,2" are one figure; years and one-digit numbers are left out, since every
    turn of a conversation about one article repeats them."""
    found = {re.sub(r"[.,]", "", m) for m in _FIGURE.findall(text)}
    return frozenset(f for f in found if len(f) > 1 and not _YEAR.match(f))


def _elliptical(asked: str) -> bool:
    """Is a follow-up a fragment that keeps the earlier question's frame ("Còn về khoáng
    sản thì sao?", "What about the province?", "And in 2023?"), rather than a question
    of its own ("Tỉnh trả lời kiến nghị đó thế nào?")? A follow-up with its own question
    word, besides "what about" / "thì sao", asks its own kind of thing; the earlier
    question only supplies the subject."""
    folded = " ".join(fold(asked).lower().split())
    if _REPLY_ASKED.search(folded):
        return False  # "Còn X thì Sở trả lời sao?" asks the reply to X
    if _asks_yes_no(asked, folded):
        return False  # "And the road money, did they get it?" asks yes or no, not a list
    own = _WHAT_ABOUT.sub(" ", folded)  # "Còn X thì Sở đề nghị những gì?" asks a list
    return not (ASKS.search(own) or _ASKS_TOO.search(own))


def _asks_yes_no(asked: str, folded: str) -> bool:
    """Does a clause of the follow-up ask yes or no ("..., did they get it?", "Còn đường
    thì đã làm xong chưa?")? An English opener only in English: Vietnamese "do" is "by"."""
    english = detect_language(asked) == "en"
    return bool(_YESNO_VI.search(folded)) or (english and any(
        _YESNO_EN.match(clause.strip()) for clause in re.split(r"[,;]", folded)))


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


# Patterns on the folded question (lower case, no diacritics, đ -> d).
_META = [
    ("published", _rx(r"\b(publish\w*|posted|released|ngay dang|dang ngay|dang luc|dang vao|"
                      r"xuat ban|dang tai|phat hanh)\b|"
                      r"\bdang (?:\w+ ){0,2}(?:khi nao|bao gio|hom nao|ngay nao|luc nao|nam nao)\b|"
                      r"\bwhen was (?:the|this) (?:article|story|report|piece)\b|"
                      r"\b(?:article|story|piece|it) (?:came|come|comes) out\b|"
                      r"^when (?:did|was) (?:the|this) (?:article|story|piece|report|news)\b"
                      r".{0,80}\b(?:come|came) out\b|"
                      r"\b(?:article|story|piece) (?:appeared|went online|ran)\b")),
    ("author", _rx(r"\b(author|who wrote|written by|byline|reporter|who reported|tac gia|ai viet|but danh|"
                   r"phong vien|nguoi viet|ai thuc hien)\b")),
    ("title", _rx(r"\b(headline|title|tieu de|tua de|ten bai)\b")),
    ("source", _rx(r"\b(outlet|which newspaper|what newspaper|which site|nguon bai|bao nao|"
                   r"trang nao)\b")),
]
_WROTE = _rx(r"\b(who wrote|written by|ai viet|ai thuc hien|tac gia|but danh|byline|author)\b")
_ABOUT_ARTICLE = _rx(r"\b(article|story|piece|bai viet|bai bao|ban tin)\b")
_LIST = _rx(r"\b(list|what are|what were|which are|which were|name the|enumerate|"
            r"(?:what|which) \w+s (?:were|are|have|did)|"
            r"what did .{1,60} (?:propose|recommend|suggest|request|ask for|ask (?:\w+ ){1,3}for)|"
            r"liet ke|ke ten|ke ra|neu cac|neu nhung|gom nhung|bao gom nhung|nhung gi|"
            r"nhung .{1,40} nao|cac .{1,40} nao|nhung .{1,40} gi|cac .{1,40} gi)\b")
_SUMMARY = _rx(r"\b(summar\w*|main points|key points|what did .{1,60} conclude|conclusions?|"
               r"tom tat|tom luoc|noi dung chinh|ket luan (?:gi|nhung gi|nhu the nao|ra sao)|"
               r"y chinh)\b")
_YESNO_EN = _rx(r"^(is|are|was|were|did|does|do|has|have|had|can|could|will|would|should)\b")
_YESNO_VI = _rx(r"\bco .{1,60} (khong|chua)\s*\??$|\bda .{1,60} chua\s*\??$|\bphai khong\b|"
                r"\bco dung la\b")
_DATE_ASKED = _rx(r"\bngay (?:bao nhieu|may)\b|\bwhat date\b")
_WANTS: list[tuple[Wants, re.Pattern[str]]] = [
    ("date", _DATE_ASKED),
    ("number", _rx(r"\b(how many|how much|what percentage|what percent|what share|what rate|"
                   r"what proportion|what (?:was|is|were|are) the (?:(?!of\b)[a-z'-]+ ){0,2}?"
                   r"(?:total|amount|price|cost|"
                   r"value|population|area|length|width|height|depth|capacity|output|volume|"
                   r"acreage|yield|turnover|revenue|budget|production|average|mean|income|salary|"
                   r"wage|grdp|gdp|per capita)|"
                   r"what (?:was|is|were|are) (?:the )?(?:[a-z'-]+ ){1,3}rate|"
                   r"what (?:was|is|were|are) the (?:[a-z'-]+ ){0,2}?(?:share|proportion|"
                   r"percentage) of|"
                   r"bao nhieu|may|ty le|so luong|tong so|"
                   r"tong cong|tong von|muc tang|tang bao)\b")),
    ("date", _rx(r"(?:^|[,;]\s*|\band\s+|\b(?:by|since|until)\s+)when\b|\bwhen\s*\??$|"
                 r"\b(what date|which date|what day|what year|which year|what month|"
                 r"khi nao|ngay nao|bao gio|luc nao|thoi diem nao|nam nao|thang nao|"
                 r"thoi gian nao|den bao gio)\b")),
    ("reason", _rx(r"\b(why|for what reason|what caused|vi sao|tai sao|ly do|nguyen nhan)\b")),
    ("place", _rx(r"\b(where|which (?:provinces?|districts?|communes?|city|cities|towns?|wards?|"
                  r"villages?)|what (?:provinces?|districts?|communes?|city|cities|towns?)|o dau|tai dau|"
                  r"(?:tinh|huyen|xa|thanh pho|thi xa|phuong|thon) nao)\b")),
    ("person", _rx(r"\b(who|whom|ai|ong nao|ba nao|dong chi nao|nguoi nao)\b")),
    ("organization", _rx(r"\b(which (?:agency|body|company|firm|department|unit|contractor|"
                         r"investor|organization)|co quan nao|don vi nao|doanh nghiep nao|"
                         r"cong ty nao|nha thau nao|chu dau tu la)\b")),
]
# "which province is X in", "X thuộc tỉnh nào", "X nằm ở huyện nào"
_NUMBER_WANTED = next(p for w, p in _WANTS if w == "number")
_REASON = next(p for w, p in _WANTS if w == "reason")
_ASKS_NUMBER = _rx(r"\b(?:how many|how much|bao nhieu)\b")
"""A figure asked in so many words; "tỷ lệ", "rate" may only name what a "why" is about."""
_MEMBER_EN = _rx(r"\b(?:which|what) (?:province|district|city|commune|town|ward|village|region)\s+"
                 r"(?:is|are|was|does)\s+(?:the\s+)?(.+?)\s+(?:located\s+)?(?:in|belong to|"
                 r"part of|under)\b")
_ADMIN_VI = r"(?:tinh|huyen|thanh pho|xa|thi xa|thi tran|phuong|quan|thon|vung|khu vuc)"
_MEMBER_VI = _rx(r"^(.+?)\s+(?:thuoc|nam o|nam trong|nam tai|nam tren|truc thuoc|la cua)\s+"
                 r"(?:(?:dia ban|dia phan)\s+)?"  # "thuộc địa bàn xã nào"
                 rf"(?:{_ADMIN_VI}(?:\s+hay\s+{_ADMIN_VI})?)?"  # "huyện hay thành phố nào"
                 r"\s*(?:nao|dau|gi)\b")
# Besides the question words (lexicon.ASKS): "thế nào", and the yes/no frames.
_ASKS_TOO = re.compile(r"\b(?:the nao|co phai|khong)\b")
# "trả lời thế nào / ra sao / sao", "xử lý thế nào", "how did X respond", "what did X reply"
_REPLY_ASKED = re.compile(
    r"\b(?:tra loi|giai trinh|phan hoi|xu ly)\b(?:\s+\w+){0,3}?\s+(?:the nao|ra sao|sao)\b|"
    r"\b(?:how|what) did\b.{0,60}\b(?:respond|reply|answer)\b")
_WHAT_ABOUT = re.compile(r"^(?:and |but |so )?(?:what|how) about\b|\bthi sao\b|^con\b")
_COUNTED_VI = _rx(r"\b(?:bao nhieu|may)\s+([a-z]+(?:\s[a-z]+)?)")
_MEASURE_WORDS = frozenset(fold(unit) for unit in QUANTITY_UNITS if unit[0].isalpha())
"""Units of measure, folded: "bao nhiêu ha" asks an amount, not a count of things."""
_COUNTED_VI_PLAIN = _rx(r"\bbao nhieu\s+([a-z]+(?:\s[a-z]+)?)")
_COUNTED_VI_ACCENTED = re.compile(r"(?<!\w)(?:bao nhiêu|mấy)\s+(\w+(?:\s\w+)?)")
_COUNTED_EN = _rx(r"\bhow many\s+((?:[a-z'-]+\s+){0,3}?[a-z-]+?)(?:\s+(?:are|were|is|was|did|do|"
                  r"does|have|has|had|will|would|can|could|in|of|at|on|for|to|that|which|who|"
                  r"received|got|there|still|already|now|currently|so|yet|remain|remained)\b|\s+[a-z]+ed\b|\s*[?,.]|\s*$)")  # "... delegates voted"
_AMOUNT = _rx(r"\bhow much\b|\bbao nhieu\s*(?:\?|$|phan tram|tien|va\b|cho\b|so voi\b)|"
              r"\b(?:what|which) (?:percentage|percent|share|rate|proportion|amount|total)\b|"
              r"\bwhat (?:was|is|were|are) the (?:(?!of\b)[a-z'-]+ ){0,2}?(?:total|amount|price|"
              r"cost|value|average|mean|income|salary|wage|per capita)\b|"
              r"\bty le\b")
_PERCENT = _rx(r"\b(?:what|which) (?:percentage|percent|share|proportion)\b|"
               r"\bwhat (?:is|was|are|were) the (?:[a-z'-]+ ){0,3}?(?:rate|ratio|share|proportion|"
               r"percentage)\b|"
               r"\bhow many percent\b|\bbao nhieu (?:phan tram|%)|\bmay (?:phan tram|%)|"
               r"\bbao nhieu\s*%")
_CLOSING_PARTICLE = re.compile(r"\s+(?:chưa|chua|không|khong|hay chưa|hay không)\s*\??$",
                               re.IGNORECASE)
_EN_RATE_OF = _rx(r"\b([a-z]+) rate\b|\brate of ([a-z]+)")
# Quantities a thing has, asked as "what is the population of X": a figure is asked.
_QUANTITY_NOUNS = ("population|area|length|width|height|depth|capacity|output|volume|"
                   "acreage|yield|turnover|revenue|budget|production")
_EN_MEASURED = _rx(rf"\bhow much ([a-z]+)\b|\bwhat (?:is|was|are|were) the ({_QUANTITY_NOUNS})"
                   rf" (?:of|in)\b")
_RATE_OF = _rx(r"\bty le\s+((?:[a-z]+\s*){1,3})")
_NOT_RATE_OF = frozenset({"bao", "may", "cao", "thap", "nhat", "hon", "tang", "giam", "dat",
                          "la", "cua", "o", "tai", "nam", "trong", "chiem", "nay", "do", "the"})
"""Words that end what a rate is of: its size, change, place or time."""
_RATE = _rx(r"\b(?:ty le|phan tram|percent\w*|rate|share|proportion)\b")
_NOT_COUNTED = frozenset({"tien", "phan", "lan", "nguoi ta", "la", "thi", "duoc", "con",
                          "roi", "vay", "a", "nhi", "the", "ha"})  # sentence-final particles
_NOT_COUNTED_ACCENTED = frozenset({"tiền", "phần", "lần", "là", "thì", "được", "còn", "rồi",
                                   "vậy", "ạ", "nhỉ", "thế", "hả"})
"""The same, as written with accents: "thì" is a particle, "thí sinh" a counted noun."""
_DEADLINE = _rx(r"\b(?:until when|till when|by when|by what date|deadline|due date|"
                r"den bao gio|den khi nao|den ngay nao|den thoi diem nao|truoc ngay nao|"
                r"thoi han|han chot|han cuoi)\b")
_DEADLINE_ASKED = _rx(r"\b(?:what|which) (?:deadlines?|due dates?)\b|"
                      r"\b(?:thoi han|han chot) (?:nao|la khi nao|la bao gio|ra sao|the nao)\b")
"""A deadline asked for by name, with no question word of a date: "what deadline did he set?"."""
_CONDITIONAL = _rx(r"\bwhen (?:should|must|ought to|is it necessary to)\b|"
                  r"\b(?:khi nao|luc nao) (?:thi )?(?:can|nen|phai)\b|"
                  r"\b(?:can|nen|phai)\b.* (?:khi nao|luc nao)\b")
_ADDITIONAL = _rx(r"\b(?:additional|extra|more|further|bo sung|them)\b")
_COMPARED = _rx(r"\b(?:than|so voi|hon)\b")
""""How many more than last year" compares; it does not ask what was added."""
_SPAN = _rx(r"\b(\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+"
            r"(?:thang|nam|quy|tuan|ngay|months?|years?|quarters?|weeks?|days?)\b|"
            r"\b(?:quy|quarter|q)\s*(\d)\b")
_NEGATED = _rx(r"\b(not|n't|never|failed|fail|unmet|unfinished|chua|khong|yet to)\b")


def read_intent(question: str, language: str | None = None, asked: str | None = None
                ) -> Intent:
    """The intent of ``question``; ``language`` ("vi"/"en") overrides detection. For a
    follow-up made standalone, ``asked`` is what the reader typed: the names a unit must
    give are that turn's own, not the earlier turn's."""
    lang = language if language in ("vi", "en") else detect_language(question)
    framed = asked if asked is not None and not _elliptical(asked) else question
    folded = " ".join(fold(framed).replace("’", "'").split())
    meta_fields = _meta_fields(folded)
    if "author" in meta_fields and _ai_is_a_name(framed):
        meta_fields = tuple(f for f in meta_fields if f != "author")  # "Bình Ải thực hiện"
    meta_field = meta_fields[0] if meta_fields else None
    shape = _shape(folded, meta_field, lang)
    asks_reply = bool(_REPLY_ASKED.search(folded))
    if asks_reply and shape == "list" and not _LIST.search(folded):
        shape = "fact"  # "tỉnh trả lời các kiến nghị đó thế nào?": the reply, not the list
    relation, subject = _relation(folded)
    wants = _wants(folded, relation)
    if wants == "person" and not _asks_who(framed, lang):
        wants = _wants(folded.replace(" ai", " "), relation)  # "Binh Ai's", "Bình Ải"
    measure = _measure_asked(folded) if wants == "number" and lang == "vi" else None
    if shape == "list" and wants == "reason":
        shape = "fact"  # "the causes of the shortcomings": causes, not the shortcomings' list
    return Intent(
        question=question, language=lang, diacritics=has_diacritics(question), shape=shape,
        wants=wants, topic=topic_of(framed) if shape in ("list", "summary") else None,
        meta_field=meta_field if shape == "metadata" else None,
        meta_also=meta_fields[1:] if shape == "metadata" else (),
        terms=frozenset(_terms(question)), names=frozenset(_names(question)),
        own_names=frozenset(_names(asked if asked is not None else question)),
        numbers=frozenset(numbers(question)), relation=relation, subject=subject,
        negated=bool(_NEGATED.search(folded)) and shape in ("list", "summary"),
        asks_reply=asks_reply,
        shifts_topic=asked is not None and asked != question and bool(
            _WHAT_ABOUT.search(" ".join(fold(asked).lower().split()))),
        counted=_counted(folded, framed) if wants == "number" else (),
        counted_as=_counted_as(framed) if wants == "number" and lang == "vi" and _counted(
            folded, framed) else _counted_as(framed, skip=len(measure.split()), measured=True
                                             ) if measure else (),
        measure=measure,
        amount=wants == "number" and bool(_AMOUNT.search(folded)),
        rate_of=_rate_of(folded) if lang == "vi" else _english_rate_of(folded),
        measured=_measured(folded) if wants == "number" and lang == "en" else (),
        spans=frozenset(n for m in _SPAN.finditer(folded) for g in m.groups() if g
                        for n in numbers(g)),
        percent=wants == "number" and bool(_PERCENT.search(folded)),
        money=wants == "number" and _money(folded, framed),
        money_kind=_money_kind(framed) if wants == "number" and _money(folded, framed) else None,
        direction=("up" if mentions(framed, INCREASE_CUES) else
                   "down" if mentions(framed, DECREASE_CUES) else None),
        extreme=("highest" if mentions(framed, HIGHEST_CUES) else
                 "lowest" if mentions(framed, LOWEST_CUES) else None),
        about_document=mentions(question, DOCUMENT_CUES),  # "it" may be the report
        done=_done(framed),
        completion=_done(framed) and mentions(framed, COMPLETION_CUES),
        deadline=wants == "date" and bool(_DEADLINE.search(folded)),
        conditional=wants == "date" and bool(_CONDITIONAL.search(folded)),
        additional=wants == "number" and bool(_ADDITIONAL.search(folded))
        and not _COMPARED.search(folded),
        qualifier=_qualifier(question, _counted(folded, framed)) if wants == "number"
        and lang == "vi" else (),
        per=_per(framed) if wants == "number" and lang == "vi" else None,
        translated=other_language_terms(question) if lang == "en" else "",
        glossed=glossed_terms(question) if lang == "en" else (),
    )


def _asks_who(question: str, lang: str) -> bool:
    """Does the question ask who? Folded, "Bình Ải" and "Binh Ai's" hold the Vietnamese
    "ai": in an English question it is a name, and in one typed with accents it is the
    question word only as "ai" itself."""
    folded = " ".join(fold(question).lower().split())
    if re.search(r"\b(?:who|whom|ong nao|ba nao|dong chi nao|nguoi nao)\b", folded):
        return True
    return lang == "vi" and bool(re.search(r"\bai\b", folded)) and not _ai_is_a_name(question)


def _ai_is_a_name(question: str) -> bool:
    """Folded, "Bình Ải thực hiện ..." reads "ai thực hiện" (who did it): with accents
    typed, the question word "ai" is there as itself, and when it is not, "ai" was a
    syllable of a name - unless another author cue ("tác giả", "who wrote") asks."""
    if not has_diacritics(question) or re.search(r"(?<!\w)ai(?!\w)", nfc(question).lower()):
        return False
    folded = " ".join(fold(question).lower().split())
    return not re.search(r"\b(?:author|who wrote|written by|byline|reporter|tac gia|but danh|"
                         r"phong vien|nguoi viet)\b", folded)


def _meta_fields(folded: str) -> tuple[MetaField, ...]:
    """The header fields asked for, in the order of ``_META``. Asking who wrote something
    is about a piece of writing, whatever the question calls it ("the report", "tin")."""
    return tuple(field for field, pattern in _META  # type: ignore[misc]
                 if pattern.search(folded) and (field == "published" or _ABOUT_ARTICLE.search(
                     folded) or (field == "author" and _WROTE.search(folded))))


def _shape(folded: str, meta_field: MetaField | None, lang: str) -> Shape:
    if meta_field:
        return "metadata"
    if _SUMMARY.search(folded) and not _plural_topic(folded):
        return "summary"  # "what shortcomings ... in his conclusions" asks their list
    if _LIST.search(folded) and not _counting(folded):
        return "list"
    if _plural_topic(folded):
        return "list"
    # an English opener only in English: Vietnamese "do" is "by" ("do sở nào chủ trì?")
    if (lang == "en" and _YESNO_EN.search(folded)) or _YESNO_VI.search(folded):
        return "yesno"
    return "fact"


def _counting(folded: str) -> bool:
    """"How many X" asks for a number, even though it names a plural."""
    return bool(_NUMBER_WANTED.search(folded))


def _plural_topic(folded: str) -> bool:
    """"What shortcomings...", "Các kiến nghị ...": a conclusion category asked in plural."""
    topic = topic_of(folded)
    if topic is None or _counting(folded) or _DATE_ASKED.search(folded):
        return False  # "by what date must ..." asks one date
    return bool(re.search(r"\b(what|which|nhung|cac)\b", folded))


def _wants(folded: str, relation: str | None) -> Wants:
    if relation == "member_of":
        return "place"
    if _REASON.search(folded) and not _ASKS_NUMBER.search(folded):
        return "reason"  # "vì sao tỷ lệ ... tăng": a rate named, a cause asked
    for wants, pattern in _WANTS:
        if pattern.search(folded):
            return wants
    return "date" if _DEADLINE_ASKED.search(folded) else "any"


def _money(folded: str, question: str) -> bool:
    """An amount of money, not a rate: "bao nhiêu tiền", "how much did it cost", "giải
    ngân được bao nhiêu vốn"."""
    if _CURRENCY_ASKED.search(nfc(question)):  # "bao nhiêu USD", "bao nhiêu đồng một kWh"
        return True
    asked = bool(_AMOUNT.search(folded)) or _money_noun(folded)
    return asked and not _RATE.search(folded) and mentions(question, MONEY_CUES)


_CURRENCY_ASKED = re.compile(r"(?<!\w)bao nhiêu\s+(?:(?:nghìn|ngàn|triệu|tỷ)\s+)?(?:đồng|usd|"
                             r"đô la|đô)(?!\w)", re.IGNORECASE)
_PER_ASKED = re.compile(r"(?<!\w)bao nhiêu\s+(?:[^\W\d_]+\s+){1,3}(?:(?:một|mỗi)\s+|"
                        r"trên\s+(?:một|\d[\d.,]*)\s+)((?:[^\W_]+\s*){1,2})", re.IGNORECASE)
"""("trên một vạn dân", "trên 1.000 trẻ", not "trên địa bàn")"""


def _per(question: str) -> str | None:
    """See ``Intent.per``: the last word of what "bao nhiêu X một/mỗi/trên Y" divides by,
    folded ("bao nhiêu đồng một kWh" -> "kwh", "bao nhiêu bác sĩ trên một vạn dân" ->
    "dan")."""
    match = _PER_ASKED.search(" ".join(nfc(question).split()))
    if not match:
        return None
    words = [w for w in fold(match.group(1)).lower().split() if w.isalnum()]
    return words[-1] if words else None


def _money_noun(folded: str) -> bool:
    """Does "bao nhiêu" name money ("bao nhiêu vốn", "bao nhiêu kinh phí")? That asks an
    amount, which the answer gives in đồng without repeating the noun."""
    match = _COUNTED_VI_PLAIN.search(folded)
    words = match.group(1).split() if match else []
    return bool(words) and (words[0] in MONEY_CUES or " ".join(words[:2]) in MONEY_CUES)


def _money_kind(question: str) -> int | None:
    """The kind of money asked, from the clause that asks the amount: in "xin bao nhiêu
    tiền, để chi vào việc gì?" the money is asked for, and "chi" is the second question.
    Of several kinds there, the one named nearest the asking words: in unaccented "bố trí
    bao nhiêu tiền hỗ trợ phát triển sản xuất" the money supports ("ho tro"); "phat"
    two words on is "phát", not "phạt" (a fine)."""
    clauses = re.split(r"[,;]", question)
    asking = [c for c in clauses if _ASKS_NUMBER.search(fold(c))] or [question]
    tokens, accented = cue_tokens(asking[0])
    asked_at = _asked_at(tokens)
    found = [(abs(at - asked_at), i) for i, kind in enumerate(MONEY_KINDS)
             for at in cue_spots(tokens, kind, accented)]
    return min(found)[1] if found else None


def _asked_at(tokens: list[str]) -> int:
    """Where the asking words ("bao nhiêu", "how much") start; the clause's start when
    none do."""
    asked = [i for i in range(len(tokens)) if fold(" ".join(tokens[i:i + 2])) in
             ("bao nhieu", "how much", "how many")]
    return asked[0] if asked else 0


def _rate_of(folded: str) -> tuple[str, ...]:
    """The words after "tỷ lệ", up to two, stopping at a function word ("tỷ lệ hộ nghèo
    của huyện" -> ("ho ngheo",); "tỷ lệ bao nhiêu" -> ())."""
    match = _RATE_OF.search(folded)
    words: list[str] = []
    for word in (match.group(1).split() if match else []):
        if word in STOPWORDS or word in QUESTION_WORDS or word in _NOT_RATE_OF or len(words) == 2:
            break
        words.append(word)
    return (" ".join(words),) if words else ()


def _english_rate_of(folded: str) -> tuple[str, ...]:
    """"The unemployment rate", "the rate of poverty": the noun, in the glossary's
    Vietnamese (nothing when the glossary lacks it: then no check can be made)."""
    match = _EN_RATE_OF.search(folded)
    noun = next((g for g in match.groups() if g), None) if match else None
    return _in_vietnamese(noun) if noun and noun not in STOPWORDS else ()


def _measured(folded: str) -> tuple[str, ...]:
    """"How much electricity": the measured noun in the glossary's Vietnamese."""
    match = _EN_MEASURED.search(folded)
    noun = next((g for g in match.groups() if g), "") if match else ""
    if not noun or noun in STOPWORDS or mentions(noun, MONEY_CUES):
        return ()
    return _in_vietnamese(noun)


def _in_vietnamese(noun: str) -> tuple[str, ...]:
    """The Vietnamese forms the glossary gives an English noun, folded."""
    return tuple(fold(form) for form in vietnamese_forms(noun))


_YEAR = re.compile(r"^(?:19|20)\d\d$")
_NUMBER_SIGN = re.compile(r"\bNo\.\s*(?=\d)|\bvừa rồi\b|\bvua roi\b", re.IGNORECASE)
""""Area No. 2" is a number, not a negation; "đợt tiêm vừa rồi" (the recent round) is a
time, not "rồi" (already)."""


def _done(question: str) -> bool:
    """See ``Intent.done``: a marker of the done and none of the not-done. The "chưa" or
    "không" that closes "đã ... chưa?" only makes it a question."""
    asked = _NUMBER_SIGN.sub("", _CLOSING_PARTICLE.sub("", question.strip()))
    return mentions(asked, DONE_CUES) and not (mentions(asked, IRREALIS_CUES)
                                               or mentions(asked, NEGATION_CUES))


def _counted(folded: str, question: str) -> tuple[str, ...]:
    """The noun a count question names: Vietnamese puts it after "bao nhiêu"/"mấy"
    ("bao nhiêu xã", "mấy hộ dân"), English ends the noun phrase after "how many" with
    it ("how many new party members" -> "members"). "Bao nhiêu tiền", "bao nhiêu phần
    trăm" ask for an amount, not a count."""
    accented = has_diacritics(question)
    text = " ".join(nfc(question).lower().split())
    # unaccented "may" is "mấy" (how many) or "may" (sewing: "công ty may"): "bao nhieu"
    # says which, when the question has it
    match = (_COUNTED_VI_ACCENTED.search(text) if accented else
             _COUNTED_VI_PLAIN.search(folded) or _COUNTED_VI.search(folded))
    if match:  # with accents: "mấy hộ" counts, "nhà máy xử lý" does not
        first = match.group(1).split()[0]
        words = fold(match.group(1)).split()
        particles = _NOT_COUNTED_ACCENTED if accented else _NOT_COUNTED
        if first in (STOPWORDS.accented if accented else STOPWORDS) or (
                (first if accented else words[0]) in particles):
            return ()  # "bao nhiêu cho tỉnh", "bao nhiêu và ...", "bao nhiêu rồi"
        if " ".join(words) in _MEASURE_WORDS or words[0] in _MEASURE_WORDS or _money_noun(folded):
            return ()  # "bao nhiêu cây số vuông", "bao nhiêu ha", "bao nhiêu vốn": an amount
        if accented:  # "bao nhiêu căn lên bao nhiêu căn" counts "căn"
            ends = next((i for i, w in enumerate(match.group(1).split()) if w in _PHRASE_ENDS),
                        len(words))
            words = words[:max(ends, 1)]
        return tuple(words[:2])
    match = _COUNTED_EN.search(folded)
    if match:  # "how many wild elephants live in": the plural is the noun, "live" its verb
        words = match.group(1).split()
        plurals = [w for w in words if w in _IRREGULAR_PLURALS
                   or (len(w) > 3 and w.endswith("s") and not w.endswith("ss"))]
        return ((plurals or words)[-1],)
    return ()


_IRREGULAR_PLURALS = frozenset("people children men women staff police cattle livestock".split())
_COUNT_PHRASE = re.compile(r"(?<!\w)(?:bao nhiêu|mấy)\s+((?:\w+\s*){1,6})", re.IGNORECASE)
# Words that end a count's noun phrase ("bao nhiêu ngôi nhà | ở xã Phú Thành"), and words
# inside it that say nothing of what is counted.
_PHRASE_ENDS = frozenset("ở tại của trong cho do để với và khi từ đến trên so vào năm đã được thì "
                         "là có hiện nay rồi chưa không lên xuống bao mấy hay hoặc".split())
"""("từ bao nhiêu căn lên bao nhiêu căn": the second count starts after "lên")"""
_NOT_SAID = frozenset("bị các những mới đang".split())
COUNTED_AS_WORDS = 4
"""Words of the noun phrase, after its noun, that say what is counted."""


def _measure_asked(folded: str) -> str | None:
    """See ``Intent.measure``: a unit of measure right after "bao nhiêu" (not money,
    which MONEY_CUES and ``Intent.money`` check)."""
    match = _MEASURE_ASKED.search(folded)
    words = match.group(1).split() if match else []
    if words and "/" in words[0]:  # "bao nhiêu km/h", "tấn/ha": a rate, not "21,7 km"
        first = words[0].split("/")[0]
        return words[0] if first in _MEASURE_WORDS else None
    for size in (3, 2, 1):
        if len(words) >= size and " ".join(words[:size]) in _MEASURE_WORDS - _MONEY_WORDS:
            return " ".join(words[:size])
    return None


_MEASURE_ASKED = _rx(r"\bbao nhieu\s+([a-z0-9]+(?:/[a-z0-9]+)?(?:\s[a-z0-9]+){0,2})")
_MONEY_WORDS = frozenset({"dong", "ty dong", "trieu dong", "nghin dong", "usd", "phan tram"})
"""Units checked elsewhere: money (``Intent.money``) and shares (``Intent.percent``)."""


def _counted_as(question: str, skip: int = 2, measured: bool = False) -> tuple[str, ...]:
    """See ``Intent.counted_as``: the phrase after "bao nhiêu"/"mấy" up to a word that
    ends it, without its first ``skip`` words (the noun as ``_counted`` reads it, or a
    unit of measure: then a passive "bị" ends it too - "bao nhiêu ha lúa bị thiệt hại"
    measures "lúa", and an article may say the damage in other words). Only a question
    with accents: without them, "may" and "bao nhieu" are other words too."""
    if not has_diacritics(question):
        return ()
    match = _COUNT_PHRASE.search(" ".join(nfc(question).split()), )
    if not match:
        return ()
    phrase: list[str] = []
    for word in match.group(1).split():
        if word.lower() in _PHRASE_ENDS or word[0].isupper() or (measured and word == "bị"):
            break  # a name is checked as one
        phrase.append(word.lower())
    return tuple(fold(w) for w in phrase[skip:skip + COUNTED_AS_WORDS] if w not in _NOT_SAID)


def _qualifier(question: str, counted: tuple[str, ...]) -> tuple[str, ...]:
    """See ``Intent.qualifier``."""
    match = _COUNT_PHRASE.search(" ".join(nfc(question).split()))
    if not match or not counted or not has_diacritics(question):
        return ()
    words = match.group(1).split()
    if [fold(w) for w in words[:len(counted)]] != list(counted):
        return ()
    said = [fold(w) for w in words[len(counted):] if not w[0].isupper()]
    return tuple(said[:2]) if len(said) >= 2 and said[0] not in _NOT_QUALIFYING else ()


_NOT_QUALIFYING = frozenset(fold(w) for w in _PHRASE_ENDS) | {"nay", "do", "kia", "ay"}
"""Words after a count's noun that place or time it rather than say what it is."""


def _relation(folded: str) -> tuple[str | None, str | None]:
    """A relation the question presupposes, and the entity it is about."""
    for pattern in (_MEMBER_EN, _MEMBER_VI):
        match = pattern.search(folded)
        if match:
            return "member_of", _subject(match.group(1))
    wants = _wants(folded, None)
    relation = {"number": "count", "reason": "cause", "date": "time"}.get(wants)
    return relation, None


_ENGLISH_UNITS = frozenset("province provinces city district districts town commune communes "
                           "ward wards village hamlet municipality".split())


def _subject(phrase: str) -> str | None:
    """The named entity of a phrase ("the krong no district" -> "krong no"). Only a
    leading "the" goes: folded, "an" and "a" are Vietnamese too ("dự án", "An Phú")."""
    words = re.findall(r"[\w']+", phrase)
    while words and (words[0] in ADMIN_UNITS or words[0] in QUESTION_WORDS or words[0] == "the"):
        words.pop(0)
    # an English unit word may follow the name ("the krong no district"); a Vietnamese one
    # comes first, and folded it may be a syllable of the name ("Phú Lãng" ends "lang")
    while words and words[-1] in _ENGLISH_UNITS:
        words.pop()
    return " ".join(words) or None


def _terms(question: str) -> set[str]:
    return {w for w in folded_tokens(question)
            if len(w) > 1 and w not in STOPWORDS and w not in QUESTION_WORDS}


def _names(question: str) -> set[str]:
    return {" ".join(group) for group in name_groups(question)}
