"""Stage 6: check every sentence a model wrote against the unit it cites; build citations.

Nothing the model says about its sources is trusted. Each sentence keeps only markers
that point at units it was shown and that, one unit at a time, state it
(:func:`rag.verify.check`); a sentence no single unit states is dropped; surviving
markers are renumbered [1], [2], ... in order of first use. A citation shows the unit
as its highlighted quote, inside the retrieved passage it came from when there is one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rag.evidence import Evidence
from rag.textnorm import detect_language, fold, split_sentences
from rag.types import Citation
from rag.verify import check, without_names

_MARKER = re.compile(r"\s*\[(\d{1,2})\]")
_LEAD_IN = re.compile(r"(?:\b(?:such as|including|include|namely|as follows|gom|nhu|la|bao gom"
                      r"|sau day|nhu sau)|[:;,])$")
_META = re.compile(r"\b(?:passages?|excerpts?|the context|the facts|doan trich|trich doan"
                   r"|ngu canh)\b")


@dataclass
class Checked:
    """The verified text and the evidence its markers now point at, in marker order."""

    text: str
    cited: list[Evidence] = field(default_factory=list)
    dropped: list[dict[str, object]] = field(default_factory=list)
    """What the model wrote that no shown unit states: each sentence with the unit it
    cited (its text and translation), for the reader's audit and the eval's labels."""


def check_answer(answer: str, shown: list[Evidence], language: str | None = None) -> Checked:
    """Keep sentences one shown unit states - and, given ``language``, written in it (a
    small model asked in English may copy the Vietnamese fact); repair or drop markers;
    renumber by first use."""
    result = Checked("")
    kept: list[str] = []
    text = answer.strip()
    for s, e in split_sentences(text):
        sentence = text[s:e]
        body = _MARKER.sub("", sentence).strip()
        readable = language is None or in_language(body, language)
        supporting = _supporting(body, _marks(sentence), shown) if readable and is_claim(body) else []
        if not supporting:
            result.dropped.append({"statement": body, "evidence": _cited_texts(sentence, shown)})
            continue
        kept.append(_with_markers(body, [_number(result, ev) for ev in supporting]))
    result.text = " ".join(kept)
    return result


def in_language(body: str, language: str) -> bool:
    """Is the sentence written in ``language``? Names keep their Vietnamese spelling in an
    English sentence, so only its other words are looked at."""
    words = without_names(body)
    return detect_language(words) == language if re.search(r"[^\W\d_]{3,}", words) else True


def is_claim(body: str) -> bool:
    """False for what states nothing: a question, a lead-in cut off before its list
    ("advantages such as [1]."), or talk about the passages instead of the news."""
    if body.rstrip().endswith("?"):
        return False  # a question asks, it states nothing
    text = fold(body.rstrip(" .!?…"))
    return bool(text) and not (_LEAD_IN.search(text) or _META.search(text) or ",," in text)


def _marks(sentence: str) -> list[int]:
    return list(dict.fromkeys(int(m) for m in _MARKER.findall(sentence)))


def _supporting(body: str, marks: list[int], shown: list[Evidence]) -> list[Evidence]:
    """The cited units that each state ``body``; else the first shown unit that does."""
    cited = [shown[n - 1] for n in marks if 1 <= n <= len(shown)]
    ok = [ev for ev in cited if _states(ev, body)]
    if ok:
        return ok
    return next(([ev] for ev in shown if ev not in cited and _states(ev, body)), [])


def _cited_texts(sentence: str, shown: list[Evidence]) -> list[str]:
    """The texts of the first shown unit a sentence cites (none for no valid marker)."""
    cited = [shown[n - 1] for n in _marks(sentence) if 1 <= n <= len(shown)]
    return cited[0].texts if cited else []


def _states(evidence: Evidence, body: str) -> bool:
    return check(body, evidence.unit.text,
                 evidence.counterpart.text if evidence.counterpart else None).ok


def _number(result: Checked, evidence: Evidence) -> int:
    for n, ev in enumerate(result.cited, start=1):
        if ev.unit.id == evidence.unit.id:
            return n
    result.cited.append(evidence)
    return len(result.cited)


def _with_markers(body: str, numbers: list[int]) -> str:
    end = len(body.rstrip(".!?…"))
    return body[:end] + " " + "".join(f"[{n}]" for n in sorted(set(numbers))) + body[end:]


def to_citation(index: int, evidence: Evidence) -> Citation:
    """The public :class:`Citation` for ``evidence`` cited under marker ``index``."""
    unit, passage, other = evidence.unit, evidence.passage, evidence.counterpart
    if passage is not None:
        text, start, end = passage.text, passage.start, passage.end
    else:
        text, start, end = unit.text, unit.start, unit.end
    return Citation(
        index=index, doc_id=unit.doc_id, title=evidence.title, language=evidence.language,
        text=text, quote=unit.text, start=start, end=end,
        published=passage.published if passage else None,
        source=passage.source if passage else None,
        chunk_id=passage.id if passage else unit.id,
        quote_start=unit.start - start, quote_end=unit.end - start,
        counterpart=None if other is None else {
            "doc_id": other.doc_id, "title": evidence.title,
            "language": evidence.counterpart_language, "text": other.text,
            "start": other.start, "end": other.end, "chunk_id": other.id,
        },
    )


def citations(cited: list[Evidence]) -> list[Citation]:
    return [to_citation(n, ev) for n, ev in enumerate(cited, start=1)]
