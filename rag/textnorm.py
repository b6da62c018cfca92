"""Text normalisation shared by every stage: accent folding, tokens, sentences, language.

Vietnamese readers often type without diacritics ("thu ngan sach" for "thu ngân sách"),
so lexical matching, answer checking and evaluation all compare accent-folded text.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_WORD = re.compile(r"[^\W_]+(?:[-/.][^\W_]+)*", re.UNICODE)
# A sentence ends at . ! ? … followed by space and an upper-case letter, digit or quote.
_CLAUSE_BREAK = re.compile(r"(?<=[;:])\s+")
_MIN_CLAUSE = 25
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’)]*\s+(?=[\"“‘(]?[A-ZÀ-ỸĐ0-9])")
# "Report No. 415", "Mr. Nam", "TP. Buôn Ma Thuột": a full stop that does not end a sentence.
_ABBREVIATION = re.compile(r"(?:\b(?:No|Nos|Mr|Mrs|Ms|Dr|St|Co|Inc|TP|Tp|Th\.S|TS|PGS|GS|ThS)\.)$")
# "John F. Kennedy", "the U.S. Senate": a capital letter alone before a full stop is an initial.
_INITIAL = re.compile(r"(?:^|[\s.(])[A-Z]\.$")
# "1. Trồng mới...", "b. Nâng cấp...": a list number alone is a marker, not a sentence.
_LIST_MARKER = re.compile(r"(?:\d{1,2}|[a-zA-Z])\.")
# A quoted title or name is a mention, not the language the question is asked in.
_QUOTED = re.compile(r"'[^']{3,}'|\"[^\"]{3,}\"|“[^”]{3,}”|‘[^’]{3,}’|«[^»]{3,}»")
# Vietnamese syllable shape: optional onset, 1-3 vowels, optional final consonant.
# Minority place names add "kr" onsets and "k" finals ("Krông", "Đắk").
_SYLLABLE = re.compile(r"^(?:ngh|ng|nh|ch|gh|gi|kh|kr|ph|qu|th|tr|[bcdghklmnrstvx])?"
                       r"(?:oai|oay|oeo|uay|uoi|uou|uya|uye|yeu|ieu|ai|ao|au|ay|eo|eu|ia|ie|iu|"
                       r"oa|oe|oi|ua|ue|ui|uo|uu|uy|ye|[aeiouy])(?:ng|nh|ch|[cmnptk])?$")
_NO_VI_FINAL = re.compile(r"(?<![aeouy])i(?:ng|c)$")
"""Vietnamese writes "inh", "ich", never "ing", "ic": "training" is no "trai ning"."""
_VI_LETTERS = set("ăâđêôơưĂÂĐÊÔƠƯ")
# Letters no other Latin-script language writes: ă đ ơ ư, dot below, hook above, and
# tones stacked on â ê ô ă ơ ư.
_VI_ONLY = re.compile("[ăđơưĂĐƠƯạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ"
                      "ẠẢẤẦẨẪẬẮẰẲẴẶẸẺẼẾỀỂỄỆỈỊỌỎỐỒỔỖỘỚỜỞỠỢỤỦỨỪỬỮỰỲỴỶỸĩũĨŨ]")

# Common Vietnamese syllables as typed without diacritics, to recognise unaccented Vietnamese.
_VI_FOLDED_WORDS = frozenset(
    """
    la cua va cac nhung duoc trong cho voi nay mot co khong nao gi sao the nhu bao nhieu
    ngay thang nam huyen tinh xa thi ban ve de da dang se tai tu den ai o dau khi nhieu
    cong tac phat trien kinh te hoi thu ngan sach du an duong quoc lo ket noi han che
    nhiem vu lanh dao chi dao ket luan bai viet bao cao so hanh dung tan ham thuong
    vu uy dau tu khu nghiep nong lam thuy san san pham tieu chuan muc tieu giai phap
    nguoi dan can bo dang vien chinh quyen quyen loi ich tiem nang loi the co hoi
    nao khac neu ke liet cu the hay cho biet gi nhu the nao vi sao tai sao bao gio
    """.split()
)
_EN_WORDS = frozenset(
    """
    the of and to in is are was were what which who whom when where why how does did do
    a an for on with by from about this that these those it its be been has have had
    will would should can could district province report project road article say says
    tell me please list name
    """.split()
)


def nfc(text: str) -> str:
    """Unicode NFC: the one form every stored and compared string is in."""
    return unicodedata.normalize("NFC", text)


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case and strip Vietnamese diacritics; ``đ`` becomes ``d`` (NFD leaves it)."""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d").replace("Đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """English words compared by their stem ("connecting", "connects" -> "connect"), so a
    question and a passage that inflect a word differently still share it. Snowball's
    Porter2 stemmer; words with diacritics are Vietnamese syllables and stay as they are."""
    if has_diacritics(word) or not word.isalpha():
        return word
    return str(_english_stemmer().stemWord(word.lower()))


@lru_cache(maxsize=1)
def _english_stemmer():  # type: ignore[no-untyped-def]
    import snowballstemmer

    return snowballstemmer.stemmer("english")


def has_diacritics(text: str) -> bool:
    """True when the text carries any Vietnamese diacritic or letter (ă, â, đ, ê, ô, ơ, ư)."""
    if any(ch in _VI_LETTERS for ch in text):
        return True
    return any(unicodedata.combining(ch) for ch in unicodedata.normalize("NFD", text))


def words(text: str) -> list[str]:
    """Lower-cased word tokens; codes like ``415-BC/HU`` and dates stay whole."""
    return [w.lower() for w in _WORD.findall(nfc(text))]


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences in ``text`` (Vietnamese or English)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        head = text[start:match.start()]
        if (_ABBREVIATION.search(head) or _INITIAL.search(head)
                or _LIST_MARKER.fullmatch(head.strip())):
            continue
        spans.append((start, match.start()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return [(s, e) for s, e in _strip_spans(text, spans) if e > s]


def clause_spans(text: str, max_chars: int) -> list[tuple[int, int]]:
    """Sentences, with any sentence longer than ``max_chars`` cut after ";" or ":".

    Vietnamese official prose chains whole lists of measures into one sentence with
    semicolons; a clause is the unit a reader can check against a claim.
    """
    spans: list[tuple[int, int]] = []
    for s, e in split_sentences(text):
        if e - s <= max_chars:
            spans.append((s, e))
            continue
        cut = s
        for match in _CLAUSE_BREAK.finditer(text, s, e):
            if match.start() - cut >= _MIN_CLAUSE:  # "notably:" alone is not a clause
                spans.append((cut, match.start()))
                cut = match.end()
        spans.append((cut, e))
    return [(s, e) for s, e in _strip_spans(text, spans) if e > s]


def _strip_spans(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        out.append((s, e))
    return out


def detect_language(text: str) -> str:
    """Return "vi", "en" or another ISO code for ``text``.

    Letters only Vietnamese uses (ơ, ư, đ, ă, dot-below and hook-above tones...) decide
    Vietnamese, unless the sentence's unaccented words are plainly English ("Which road
    connects Krông Nô with Đắk Lắk?"). Accents shared with French or Spanish (é, à, ô) are
    left to the statistical identifier (py3langid). Unaccented text is Vietnamese only
    when most of its words are common Vietnamese syllables.
    """
    unquoted = _QUOTED.sub(" ", text)
    tokens = [w for w in words(unquoted if words(unquoted) else text) if w.isalpha()]
    plain = [w for w in tokens if not has_diacritics(w)]
    en_hits = sum(w in _EN_WORDS for w in plain)
    vi_hits = sum(w in _VI_FOLDED_WORDS for w in plain)
    if en_hits >= 2 and en_hits >= 0.3 * len(plain) and en_hits > vi_hits:
        return "en"  # an English question that names "Quốc lộ 27" or "Krông Nô"
    if _VI_ONLY.search(text):
        return "vi"
    if len(plain) < len(tokens):  # accents Vietnamese shares with European languages
        return _langid(text)
    if len(tokens) >= 2 and sum(map(is_syllable, tokens)) >= 0.8 * len(tokens) and vi_hits:
        return "vi"
    if en_hits >= 2 or (len(tokens) < 3 and text.isascii()):
        return "en"
    return _langid(text)


def is_syllable(word: str) -> bool:
    """Could ``word`` be a Vietnamese syllable typed without accents? English words
    mostly cannot ("what", "road", "district"), French ones neither ("quelle", "est")."""
    folded = fold(word)
    return bool(_SYLLABLE.match(folded)) and not _NO_VI_FINAL.search(folded)


def _langid(text: str) -> str:
    import py3langid

    lang, _ = py3langid.classify(text)
    return str(lang)
