"""Stage 5b: decide, by code, whether the chosen evidence answers the question.

A small model given loosely related passages invents answers, and asked "is this
answerable?" it says yes to near-misses (shared/models.md). So the decision is made
here, before any model runs, from what the question asks for against what one unit
states:
- retrieval must support the question at all: close enough in meaning, and the names
  and numbers it mentions present in the retrieved passages; in the passages' own
  language, enough of its words too (across languages words cannot be compared);
- the evidence must have the question's shape: a figure for "how many", a date for
  "when", a cause for "why", and for "which province is X in" a unit that ties X to a
  larger unit - not one that merely mentions both.
A question that fails only the second test is a near-miss: it is declined with a short
note of what the articles do say, citing the closest unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from rag.evidence import (
    names_missing,
    Evidence,
    counts_only_vaguely,
    Selection,
    end_date,
    gives_cause,
    gives_measure,
    gives_per,
    gives_rate,
    has_date,
    has_figure,
    has_person,
    holds_wanted,
    says_all,
    occurs,
    other_extreme,
    states_decision,
    states_progress,
)
from rag.intent import Intent
from rag.glossary import vietnamese_forms
from rag.lexicon import (
    ACT_CUES,
    ADMIN_UNITS,
    DECISION_ASKED_CUES,
    GENERIC_TITLES,
    MEMBERSHIP_CUES,
    REQUEST_CUES,
    TITLE_CUES,
    folded_tokens,
    has_cue,
    mentions,
)
from rag.retrieve import Retrieval
from rag.textnorm import detect_language, fold, has_diacritics, is_syllable, nfc
from rag.types import Passage
from rag.overlap import coverage
from rag.overlap import tokens as overlap_tokens
from rag.framing import fits, states_done
from rag.groups import group_figure
from rag.parts import split as split_parts
from rag.values import value_for
from rag.verify import name_in, name_run, numbers, years

_NEAR = 6
"""Words between a subject and the larger unit a membership statement names."""
NOTE_COVERAGE = 0.5
"""Share of the question's words a unit must hold to be quoted in a near-miss note: a
note about an unrelated sentence would only mislead."""
_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_PERCENTAGE = re.compile(r"\d+(?:[.,]\d+)?\s*%")
_ADDED = re.compile(r"\b(?:bổ sung|thêm|tăng thêm|additional|extra|more|further|added)\b")
_CONDITION = re.compile(r"\b(?:khi|nếu|ngay khi|trong trường hợp|when|if|as soon as)\b")
"""A condition a unit gives, in its own letters: folded, "khí thải" would be "khi"."""


@dataclass(frozen=True)
class Verdict:
    answerable: bool
    reason: str = ""
    near_miss: Evidence | None = None  # the closest unit, quoted when declining a near-miss


def assess(intent: Intent, retrieval: Retrieval, selection: Selection, min_dense: float,
           min_coverage: float) -> Verdict:
    """Is the question answered by the selected evidence?"""
    passages = retrieval.passages
    if not passages:
        return Verdict(False, "nothing retrieved")
    if intent.shape == "metadata":
        return Verdict(True)
    problem = _retrieval_problem(intent, passages, retrieval.top_dense, min_dense, min_coverage,
                                 _context(selection))
    if problem:
        return Verdict(False, problem)
    if not selection.units:
        return Verdict(False, "no evidence unit")
    problem = _shape_problem(intent, selection) or _value_problem(intent, selection)
    if problem:
        return Verdict(False, problem, near_miss=_closest(intent, selection.units))
    return Verdict(True)


def _closest(intent: Intent, units: list[Evidence]) -> Evidence | None:
    """The unit a near-miss note quotes: the best-scored one that is plainly about the
    question (in its language, most of its words; across languages, a name or an
    identifying number of the question that its article's title does not already give),
    else none and the decline is a plain one."""
    def about(e: Evidence) -> bool:
        own = [t for t in e.texts if _same_text_language(intent, t)]
        if own:
            return any(coverage(intent, t) >= NOTE_COVERAGE for t in own)
        return any(_anchored(intent, t, e.title) for t in e.texts)

    return next((e for e in sorted(units, key=lambda e: -e.score) if about(e)), None)


def _anchored(intent: Intent, text: str, title: str) -> bool:
    """Across languages: the text holds a name or an identifying number of the question
    (a name the article's title gives says which article, not which sentence)."""
    present, headline = folded_tokens(text), folded_tokens(title)
    return bool(intent.identifying_numbers & numbers(text)) or any(
        name_in(name, present, same_language=False) for name in intent.names
        if any(is_syllable(w) for w in name.split())
        and not name_in(name, headline, same_language=False))


def _evidence_text(passages: list[Passage]) -> str:
    """The passages with their titles and their articles' publication years: "từ đầu năm
    đến nay" in an article of 2024 is "since the start of 2024"."""
    return "\n".join(p.chunk.title + "\n" + p.chunk.text + "\n" +
                      (p.counterpart.text if p.counterpart else "") + "\n" +
                      (p.chunk.published or "")[:4] for p in passages)


def _anchored_across(intent: Intent, evidence: str, context: list[str]) -> bool:
    """Does an article in the other language give something of the question: an
    identifying number, a name that can be looked for there, or a glossary term other
    than an administrative unit ("weather in Paris" gives nothing; "hospitals" needs
    "bệnh viện")?"""
    present = folded_tokens(evidence) + context
    asked = [intent, *([intent.whole] if intent.whole else [])]  # a part leans on its whole
    if any(i.identifying_numbers & numbers(evidence) for i in asked):
        return True
    if any(name_run(n, same_language=False) and name_in(n, present, same_language=False)
           for i in asked for n in i.names):
        return True
    return any(not all(fold(f) in ADMIN_UNITS for f in forms) and any(
        _contains(present, fold(f).split()) for f in forms) for i in asked for forms in i.glossed)


def _context(selection: Selection) -> str:
    """What the chosen units sit in: their article's opening and their paragraphs (a list
    item's: its whole article, which all items of a list share, so each distinct text is
    taken once)."""
    return "\n".join(dict.fromkeys(f"{e.title}\n{e.surroundings}" for e in selection.units))


def _retrieval_problem(intent: Intent, passages: list[Passage], top_dense: float,
                       min_dense: float, min_coverage: float, around: str) -> str:
    """A number or name of the question that neither the passages nor what the chosen
    units sit in give ("Yen Bai" is said in the article's opening, not in the retrieved
    paragraph about the district; "Nghị quyết 05" is named there by its number), or too
    little of the question in the passages."""
    if top_dense < min_dense:
        return f"dense similarity {top_dense:.2f} < {min_dense}"
    evidence = _evidence_text(passages)
    context = folded_tokens(around)
    missing = sorted((set(intent.numbers) - intent.spans - numbers(evidence) - numbers(around)) |
                     {n for n in intent.names if not _name_present(intent, n, passages)
                      and not name_in(n, context, same_language=False)})
    if missing:
        return f"not in the passages: {missing}"
    if intent.language == "en" and not any(_comparable(intent, p) for p in passages):
        # words of another language cannot be compared with the question's; its names,
        # numbers and glossary terms can (the glossary goes from English to Vietnamese),
        # and one of them must be there
        return "" if _anchored_across(intent, evidence, context) else (
            "nothing of the question is in the passages")
    if not all(_comparable(intent, p) for p in passages):
        return ""
    share = coverage(intent, evidence)
    if share < min_coverage:
        return f"question words covered {share:.2f}"
    return ""


def _name_present(intent: Intent, name: str, passages: list[Passage]) -> bool:
    """Is a name of the question in one of the passages, its words in order ("Hà Nội" is
    not "hà" here and "nội" there)? In a passage of the question's language accents
    count when the question has them; in one of the other language only the name's
    Vietnamese syllables are compared (:func:`rag.verify.name_in`)."""
    accented = _as_typed(intent.question, name.split()) if intent.diacritics else []
    for passage in passages:
        for chunk in filter(None, (passage.chunk, passage.counterpart)):
            text = f"{chunk.title}\n{chunk.text}"
            same = chunk.language == intent.language
            if same and accented:
                if _contains(overlap_tokens(text, accented=True), [w.lower() for w in accented]):
                    return True
            elif name_in(name, folded_tokens(text), same):
                return True
    return False


def _comparable(intent: Intent, passage: Passage) -> bool:
    """Is the passage (or its translation) in the question's language?"""
    return passage.chunk.language == intent.language or (
        passage.counterpart is not None and passage.counterpart.language == intent.language)


def _as_typed(question: str, folded_words: list[str]) -> list[str]:
    """The question's own (accented) spelling of a run of folded name words."""
    tokens = _TOKEN.findall(nfc(question))
    size = len(folded_words)
    for i in range(len(tokens) - size + 1):
        if [fold(t) for t in tokens[i:i + size]] == folded_words:
            return tokens[i:i + size]
    return []


def _contains(tokens: list[str], run: list[str]) -> bool:
    """Does ``run`` occur in ``tokens`` word after word? Numbers are skipped on both
    sides: a name holds the words around a code ("Report No. 415-BC/HU")."""
    return occurs([t for t in tokens if not t.isdigit()], [t for t in run if not t.isdigit()])


def answering(intent: Intent, selection: Selection, verdict: Verdict) -> Selection:
    """The units an answered value question states: not those about another body than
    the one it names. Each unit of a figure or date answer is its own claim ("138.6% —
    ...", "61.2% — ..."), so the occupancy of another hospital is left out rather than
    stated beside the one that answers. (The gate's other checks judge a unit's shape,
    and one may fail on the unit that answers while another passes: those stay.)"""
    if not verdict.answerable or selection.enumeration:
        return selection
    if intent.deadline:  # "by when ...": the units that give an end, not the visit's day
        ending = [e for e in selection.units if any(end_date(t) for t in e.texts)]
        selection = replace(selection, units=ending) if ending else selection
    if intent.wants not in ("number", "date") or len(split_parts(intent.question)) > 1:
        return selection  # a compound's parts are judged apart
    kept = [e for e in selection.units if not names_missing(intent, e)]
    return replace(selection, units=kept) if kept else selection


def _shape_problem(intent: Intent, selection: Selection) -> str:
    """What the question presupposes that no selected unit states: "" when one unit
    states all of it, else the reason the closest unit fell short."""
    reasons = [_unit_problem(intent, e) for e in selection.units]
    return "" if "" in reasons else reasons[0]


def _value_problem(intent: Intent, selection: Selection) -> str:
    """Across languages a one-value question ("when did ...", "how many ...") is
    answered by a quote led by that value in the reader's language. When no chosen unit
    gives a value of the asked kind that can be led with, the quote only shares the
    question's topic: the gate could not compare the question's words with it, so this
    is the check that the unit states what was asked. Parts of a compound question are
    not held to it: the other parts' units carry the answer."""
    if intent.wants not in ("number", "date") or intent.whole is not None or len(
            split_parts(intent.question)) > 1:
        return ""
    if any(_same_text_language(intent, t) for e in selection.units for t in e.texts):
        return ""
    if any(value_for(intent, e.unit.text) for e in selection.units):
        return ""
    if intent.conditional and any(_CONDITION.search(e.unit.text.lower()) for e in selection.units):
        return ""  # "when should one act": the condition quoted is the answer
    return f"no unit gives the {intent.wants} asked for in a form that can be stated"


def _unit_problem(intent: Intent, evidence: Evidence) -> str:
    """Does this one unit (either language version) answer the question's shape?"""
    texts = evidence.texts
    asked = set(intent.numbers)
    if intent.relation == "member_of" and intent.subject:
        if not any(states_membership(t, intent.subject) for t in texts):
            return "no unit says what it belongs to"
    if intent.wants == "number" or intent.relation == "count":
        if not any(has_figure(t, asked) for t in texts):
            return "no unit gives a figure"
        if (intent.counted or intent.amount or intent.percent or intent.money) and not any(
                holds_wanted(intent, t) for t in texts):
            return "no figure of what is asked about"
        if intent.measure and not any(gives_measure(t, intent.measure) for t in texts):
            return f"no figure in {intent.measure}"
        if intent.per and any(detect_language(t) == "vi" for t in texts) and not any(
                gives_per(t, intent.per) for t in texts):
            return f"no figure per {intent.per}"
        if intent.counted_as and not any(says_all(intent.counted_as, t) for t in texts
                                         if detect_language(t) == "vi"):
            return f"no figure counts {' '.join(intent.counted_as)}"
    if intent.wants == "number" and _asks_decision(intent) and not any(
            states_decision(t) for t in texts):  # "tỉnh đã đồng ý hỗ trợ bao nhiêu?"
        return "no unit gives the decision asked about"
    if intent.wants == "organization" and not any(holds_wanted(intent, t) for t in texts):
        return "no unit names a company"
    if intent.rate_of and not _names_any(intent.rate_of, evidence, around=True):
        return "no unit gives a rate of what is asked about"
    if intent.rate_of and intent.wants == "number" and not intent.counted and not any(
            gives_rate(t) for t in texts):  # the rate is the asked value
        return "no unit gives a rate"
    if intent.measured and not _names_any(intent.measured, evidence, around=False):
        return "no unit gives an amount of what is asked about"
    shares = intent.identifying_numbers & numbers(" ".join(_PERCENTAGE.findall(intent.question)))
    named = intent.identifying_numbers - shares
    context = f"{evidence.title}\n{evidence.surroundings}\n" + " ".join(texts)
    if named and not named <= numbers(_PERCENTAGE.sub(" ", context)):
        # "the 47 households" are not "47%"
        return "no unit gives the numbers the question names"
    shown = " ".join([*texts, evidence.passage.text if evidence.passage else ""])
    if intent.wants == "reason" and shares and not shares <= numbers(shown):
        # "why did referrals rise by 18.4%": the cause of another fact is not its cause;
        # the fact is stated beside its cause, not in the article's opening
        return "no unit explains the share the question names"
    if intent.wants == "number" and _of_other_years(intent, evidence):
        return "the unit's figures are of other years than the one asked"
    if intent.wants == "date" or intent.relation == "time":
        if not any(has_date(t, asked, documents=intent.about_document) for t in texts) and not (
                intent.conditional and any(_CONDITION.search(t.lower()) for t in texts)):
            return "no unit gives a date"
        if intent.deadline and not any(end_date(t) for t in texts):
            return "no unit gives a date as an end"
    if intent.wants == "reason" or intent.relation == "cause":
        if not gives_cause(evidence):
            return "no unit gives a reason"
    if intent.wants == "person" and not any(has_person(t) for t in texts):
        return "no unit names a person"
    if intent.wants == "person" and not _holds_title(intent, texts):
        return "no unit names the title asked about"
    if intent.additional and not any(_ADDED.search(t.lower()) for t in texts):
        return "no unit says its figure was added"
    if intent.qualifier and any(counts_only_vaguely(t, intent.counted, intent.qualifier)
                                for t in texts):
        return "the unit says only vaguely how many are so"
    if intent.wants == "number" and group_figure(intent.own_names, list(texts), evidence.title,
                                                 evidence.surroundings):
        return "the unit's figure is of a group the question names one member of"
    if all(other_extreme(intent, t) for t in texts):
        return "the unit names the other extreme"
    if not any(fits(intent, t) for t in texts):
        return "the unit's figure is of another kind, or changes the other way"
    if _presupposes_done(intent) and not any(
            states_done(intent, t, evidence.unit.lead) for t in texts) and not (
            intent.shape == "yesno"
            and any(states_decision(t) or states_progress(t) for t in texts)):
        # "did the province agree to X?" is answered by "X sẽ được xem xét", "không đồng ý";
        # "has X been finished?" by "X đang được nâng cấp"
        return "no unit says it was done"
    missing = names_missing(intent, evidence)
    if missing:
        return f"the unit does not name {missing}"
    return ""


def _of_other_years(intent: Intent, evidence: Evidence) -> bool:
    """"Năm 2022 đạt bao nhiêu?" against "năm 2023 đạt 112,6 triệu đồng, tăng so với năm
    2021": the unit dates its figures, and not to the asked year, which its paragraph
    and its article's opening do not give either."""
    stated = years(" ".join(evidence.texts))
    return bool(intent.years and stated) and not (
        intent.years & (stated | years(evidence.surroundings)))


def _asks_decision(intent: Intent) -> bool:
    """Does the question ask what someone decided ("how much did the province agree to
    give"), not what was asked for ("huyện đề nghị tỉnh cho phép bao nhiêu ha")? A
    request for that sum is then no answer."""
    return (mentions(intent.question, DECISION_ASKED_CUES)
            and not mentions(intent.question, REQUEST_CUES))


def _presupposes_done(intent: Intent) -> bool:
    """Does the question take for done what it asks about ("how much has been
    disbursed", "which contractor was given the package", "from which fund did the
    province grant 18.5 billion")? Not when it asks what someone decided, said or asked:
    then a directive or a request is the answer."""
    if not intent.done or intent.shape not in ("fact", "yesno"):
        return False
    return intent.wants in ("number", "date") or intent.shape == "yesno" or not (
        mentions(intent.question, ACT_CUES) or mentions(intent.question, REQUEST_CUES))


def _holds_title(intent: Intent, texts: list[str]) -> bool:
    """"Who is the Secretary of X": a unit that names a secretary ("Bí thư"), not a
    sentence about X's Party Committee. Titles the question does not name ask nothing."""
    forms = _asked_titles(intent.question, intent.language)
    return not forms or any(_contains(tokens, form) for tokens in map(folded_tokens, texts)
                            for form in forms)


@lru_cache(maxsize=256)
def _asked_titles(question: str, language: str) -> tuple[list[str], ...]:
    """The titles a question names, each in its own words and the glossary's Vietnamese
    (folded word lists), computed once per question, not once per unit. An English title
    the glossary cannot put in Vietnamese ("head of") is not checked."""
    words = folded_tokens(question)
    asked = [(cue, tuple(map(fold, vietnamese_forms(cue)))) for cue in TITLE_CUES - GENERIC_TITLES
             if _contains(words, cue.split())]
    return tuple(f.split() for cue, vi in asked if vi or language == "vi" for f in (cue, *vi))


def _names_any(forms: tuple[str, ...], evidence: Evidence, around: bool) -> bool:
    """Does the unit's Vietnamese text (with its paragraph when ``around``) name one of
    these Vietnamese forms? A rate is often named a sentence before its figure ("tỷ lệ
    chọi ... Trường A dẫn đầu với tỷ lệ 1/2,1"); an amount's noun sits by its figure
    ("how much electricity": not "tổng mức đầu tư 1.286 tỷ đồng"). A unit with no
    Vietnamese text cannot be checked."""
    texts = [t for t in evidence.texts if detect_language(t) == "vi"]
    if not texts:
        return True
    present = folded_tokens("\n".join([*texts, evidence.surroundings] if around else texts))
    return any(_contains(present, form.split()) for form in forms)


def _same_text_language(intent: Intent, text: str) -> bool:
    return detect_language(text) == intent.language


def states_membership(text: str, subject: str) -> bool:
    """Does ``text`` say which larger unit ``subject`` belongs to: "X thuộc tỉnh Y",
    "huyện X, tỉnh Y", "X district, Y province", "X, a district of Y province"?"""
    found = list(re.finditer(r"[^\W_]+(?:['’][^\W_]+)*", text))
    accents = has_diacritics(text)  # "Ban" (a board) must not read as "bản" (a village)
    tokens = [(m.group(0).lower() if accents else fold(m.group(0)), m.group(0)[0].isupper(),
               m.start()) for m in found]
    words = [t[0] for t in tokens]
    folded = [fold(m.group(0)) for m in found]
    name = fold(subject).split()
    for i in range(len(words) - len(name) + 1):
        if folded[i:i + len(name)] != name:
            continue
        j = i + len(name)
        if (j < len(words) and has_cue([words[j]], ADMIN_UNITS, accents)
                and not _comma_before(text, tokens, j)):
            j += 1  # "X district, ...": X's own type word
        if j < len(tokens) and _comma_before(text, tokens, j):
            if _apposition(tokens[j:j + _NEAR], accents):
                return True
        after = words[j:j + _NEAR]
        if has_cue(after, MEMBERSHIP_CUES, accents) and has_cue(after, ADMIN_UNITS, accents):
            return True
    return False


def _comma_before(text: str, tokens: list[tuple[str, bool, int]], j: int) -> bool:
    return "," in text[tokens[j - 1][2]:tokens[j][2]]


def _apposition(tokens: list[tuple[str, bool, int]], accents: bool) -> bool:
    """", tỉnh Y" or ", Y province": an administrative word next to a capitalised name."""
    if len(tokens) >= 2 and has_cue([tokens[0][0]], ADMIN_UNITS, accents) and tokens[1][1]:
        return True
    for k in range(1, min(4, len(tokens))):
        if has_cue([tokens[k][0]], ADMIN_UNITS, accents) and all(t[1] for t in tokens[:k]):
            return True
    return False
