"""Hard synthetic corpora for the benchmark, derived from the real Hàm Tân article pair.

Every synthetic article is a Vietnamese/English pair that reuses the real article's
phrasing with another district, province and communes, other numbers (report numbers,
road numbers, percentages, counts), other dates, and with sentences shuffled within a
paragraph or omitted, and whole paragraphs omitted. So a question about Hàm Tân's budget
meets dozens of passages that say the same thing about Tuy Phong or Xuân Lộc: retrieval
must rely on the name, not on the phrasing.

Deterministic from a seed: corpus N is the first N pairs of the same sequence, so a
smaller tier is a subset of a larger one (vectors embedded for the smaller can be reused).
"""

from __future__ import annotations

import json
import random
import re
import shutil
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

from rag.config import PROJECT_ROOT
from rag.documents import Document, parse_document

REAL_DIR = PROJECT_ROOT / "documents"
REAL_VI = "ham-tan-2024-03-11.vi.md"
REAL_EN = "ham-tan-2024-03-11.en.md"

# Real Vietnamese districts (none is Hàm Tân), provinces and communes.
DISTRICTS = """Hàm Thuận Bắc, Hàm Thuận Nam, Tánh Linh, Đức Linh, Bắc Bình, Tuy Phong, Phú Quý,
Châu Đức, Xuyên Mộc, Đất Đỏ, Long Điền, Tân Phú, Định Quán, Xuân Lộc, Cẩm Mỹ, Long Thành,
Nhơn Trạch, Trảng Bom, Thống Nhất, Vĩnh Cửu, Ninh Phước, Ninh Hải, Thuận Bắc, Bác Ái, Ninh Sơn,
Cam Lâm, Diên Khánh, Khánh Vĩnh, Vạn Ninh, Đồng Xuân, Tuy An, Sơn Hòa, Phù Cát, Phù Mỹ, Tây Sơn,
Hoài Ân, Đức Phổ, Mộ Đức, Bình Sơn, Núi Thành, Thăng Bình, Duy Xuyên, Đại Lộc, Phú Vang,
Quảng Điền, Hải Lăng, Gio Linh, Lệ Thủy, Quảng Ninh, Bố Trạch, Kỳ Anh, Cẩm Xuyên, Nghi Lộc,
Diễn Châu, Quỳnh Lưu, Hoằng Hóa, Hậu Lộc, Nga Sơn, Kim Sơn, Yên Mô, Hải Hậu, Giao Thủy,
Tiền Hải, Thái Thụy, Kiến Thụy, Tiên Lãng, Vân Đồn, Cái Nước, Đầm Dơi, Năm Căn, Ngọc Hiển,
Vĩnh Lợi, Trần Đề, Cù Lao Dung, Cầu Ngang, Ba Tri, Bình Đại, Thạnh Phú, Gò Công Đông,
Cần Giuộc, Cần Đước, Long Hồ, Tam Nông, Tháp Mười, Tri Tôn, Kiên Lương, Hòn Đất, Krông Pắc,
Đắk Mil, Di Linh, Bảo Lâm, Đức Trọng, Lâm Hà, Chư Sê, Ia Grai, Đăk Hà, Sa Thầy, Bù Đăng""".replace("\n", " ")
PROVINCES = """Ninh Thuận, Khánh Hòa, Bà Rịa - Vũng Tàu, Đồng Nai, Phú Yên, Bình Định, Quảng Ngãi,
Quảng Nam, Lâm Đồng, Đắk Lắk, Gia Lai, Kon Tum, Bình Phước, Long An, Tiền Giang, Bến Tre,
Trà Vinh, Sóc Trăng, Bạc Liêu, Cà Mau, Kiên Giang, An Giang, Đồng Tháp, Nghệ An, Hà Tĩnh,
Quảng Bình, Quảng Trị, Thanh Hóa, Ninh Bình, Nam Định, Thái Bình, Hải Phòng""".replace("\n", " ")
COMMUNES = """Phước Hải, Long Mỹ, Hòa Thắng, Hồng Phong, Tiến Thành, Thuận Quý, Tân Lập, Mương Mán,
Đa Mi, Gia An, Suối Kiết, Nghị Đức, Sơn Mỹ, Phan Rí Cửa, Chí Công, Vĩnh Hảo, Liên Hương, Phú Lạc,
Hòa Minh, Bình Thạnh, Phong Phú, Long Hương, Phước Thể, Xuân Hiệp, Lâm Sơn, Phước Hưng,
Bàu Lâm, Hòa Hiệp, Bưng Riềng, Xuyên Mộc, Bình Châu, Láng Dài, Phước Long Thọ, Suối Rao,
Xuân Trường, Xuân Thọ, Suối Cát, Bảo Hòa, Lang Minh, Xuân Đông, Cam Hải Tây, Suối Tân,
Diên Phú, Ninh Ích, Vạn Thắng, An Ninh Đông, Hòa Xuân, Cát Tiến, Mỹ Thắng, Nhơn Hậu""".replace("\n", " ")

# The real article's names; longest first so "Tân Thắng" is replaced before "Tân".
REAL_COMMUNES = ["Tân Đức", "Tân Thắng", "Tân Phúc", "Sông Phan", "Thắng Hải", "Tân Xuân", "La Gi"]
DISTRICT_NAME = "Hàm Tân"
PROVINCE_NAME = "Bình Thuận"

_TOKEN = re.compile(r"\b(?P<day>\d{1,2})/\d{1,2}/(?P<year>\d{4})\b|\b(?P<hour>\d{2}):\d{2}\b"
                    r"|(?<!\d)(?P<num>\d+)(?!\d)")
_NUMBER = re.compile(r"(?<![\d])\d+(?![\d])")
_SENTENCE = re.compile(r"(?<=[.;!?…])\s+")


def names(text: str) -> list[str]:
    return [n.strip() for n in text.split(",") if n.strip()]


def ascii_fold(text: str) -> str:
    """Vietnamese without diacritics, as the English translation spells names."""
    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


@dataclass(frozen=True)
class Variant:
    """The substitutions of one synthetic pair (shared by its two language versions)."""

    n: int
    district: str
    province: str
    communes: dict[str, str]
    numbers: dict[str, str]
    year_shift: int
    published: str

    @property
    def stem(self) -> str:
        return f"synth-{self.n:05d}-{re.sub(r'[^a-z0-9]+', '-', ascii_fold(self.district).lower())}"


def _variant(n: int, seed: int, real_numbers: list[str]) -> Variant:
    rng = random.Random(f"{seed}:{n}")
    communes = rng.sample(names(COMMUNES), len(REAL_COMMUNES))
    numbers = {}
    for num in real_numbers:
        if len(num) == 4 and num.startswith("20"):
            continue  # years move together with year_shift
        low = 10 ** (len(num) - 1) if len(num) > 1 else 1
        numbers[num] = str(rng.randint(low, 10 ** len(num) - 1))
    shift = rng.choice([-3, -2, -1, 1, 2])
    published = f"{2024 + shift}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T{rng.randint(5, 22):02d}:{rng.randint(0, 59):02d}"
    return Variant(n, rng.choice(names(DISTRICTS)), rng.choice(names(PROVINCES)),
                   dict(zip(REAL_COMMUNES, communes)), numbers, shift, published)


def _substitute(text: str, v: Variant, english: bool, rng: random.Random) -> str:
    fold = ascii_fold if english else (lambda s: s)
    pairs = {fold(DISTRICT_NAME): fold(v.district), fold(PROVINCE_NAME): fold(v.province)}
    pairs.update({fold(a): fold(b) for a, b in v.communes.items()})
    pattern = re.compile("|".join(re.escape(k) for k in sorted(pairs, key=len, reverse=True)))
    text = pattern.sub(lambda m: pairs[m.group(0)], text)

    def replace(m: re.Match[str]) -> str:
        if m.group("day"):
            return f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{int(m.group('year')) + v.year_shift}"
        if m.group("hour"):
            return f"{rng.randint(5, 22):02d}:{rng.randint(0, 59):02d}"
        num = m.group("num")
        if len(num) == 4 and num.startswith("20"):
            return str(int(num) + v.year_shift)
        return v.numbers.get(num, num)

    return _TOKEN.sub(replace, text)


def _reshape(body: str, rng: random.Random) -> str:
    """Omit some paragraphs and sentences, shuffle sentences inside some paragraphs."""
    out = []
    for i, para in enumerate(p for p in body.split("\n\n") if p.strip()):
        if i > 2 and rng.random() < 0.1:
            continue
        sentences = _SENTENCE.split(para.strip())
        if len(sentences) > 2:
            kept = [s for s in sentences if rng.random() >= 0.15] or sentences[:1]
            if rng.random() < 0.3:
                rng.shuffle(kept)
            sentences = kept
        out.append(" ".join(sentences))
    return "\n\n".join(out)


def _front(text: str) -> tuple[dict, str]:
    _, meta, body = text.split("---\n", 2)
    return yaml.safe_load(meta), body


def _render(meta: dict, body: str) -> str:
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n" + body.strip() + "\n"


def synthetic_pair(n: int, seed: int = 0) -> dict[str, str]:
    """File name -> file text of synthetic pair ``n`` (Vietnamese and English)."""
    vi_meta, vi_body = _front((REAL_DIR / REAL_VI).read_text(encoding="utf-8"))
    en_meta, en_body = _front((REAL_DIR / REAL_EN).read_text(encoding="utf-8"))
    real_numbers = sorted(set(_NUMBER.findall(vi_body + en_body)))
    v = _variant(n, seed, real_numbers)
    files = {}
    for lang, meta, body in (("vi", vi_meta, vi_body), ("en", en_meta, en_body)):
        rng = random.Random(f"{seed}:{n}:{lang}")
        english = lang == "en"
        text = _reshape(_substitute(body, v, english, rng), rng)
        new_meta = {
            "id": f"{v.stem}-{lang}",
            "title": _substitute(meta["title"], v, english, rng) if meta.get("title") else None,
            "language": lang,
            "published": v.published if meta.get("published") else None,
            "source": None,
            "byline": meta.get("byline"),
            "translation_of": f"{v.stem}-vi" if english else None,
            "origin": f"bench/synthetic.py seed={seed} n={n}",
        }
        files[f"{v.stem}.{lang}.md"] = _render(new_meta, text)
    return files


def count_chunks(docs: list[Document], max_chars: int) -> int:
    from rag.ingest import plan_chunks

    return len(plan_chunks(docs, max_chars))


def build_corpus(out_dir: Path, target_chunks: int, *, seed: int = 0, max_chars: int = 420,
                 include_real: bool = True) -> dict:
    """Write the real pair plus synthetic pairs until about ``target_chunks`` chunks.

    Reuses ``out_dir`` when its manifest says it was built with the same parameters.
    Returns the manifest (pairs, chunks, seed).
    """
    out_dir = Path(out_dir)
    manifest_path = out_dir / "manifest.json"
    params = {"target_chunks": target_chunks, "seed": seed, "max_chars": max_chars,
              "include_real": include_real, "version": 1}
    if manifest_path.is_file():
        manifest = json.loads(manifest_path.read_text())
        if manifest.get("params") == params:
            return manifest
    shutil.rmtree(out_dir, ignore_errors=True)
    docs_dir = out_dir / "documents"
    docs_dir.mkdir(parents=True)
    chunks = 0
    if include_real:
        real = []
        for name in (REAL_VI, REAL_EN):
            shutil.copyfile(REAL_DIR / name, docs_dir / name)
            real.append(parse_document((REAL_DIR / name).read_bytes(), name=name))
        chunks += count_chunks(real, max_chars)
    n = 0
    while chunks < target_chunks:
        pair = synthetic_pair(n, seed)
        docs = []
        for name, text in pair.items():
            (docs_dir / name).write_text(text, encoding="utf-8")
            docs.append(parse_document(text, name=name))
        chunks += count_chunks(docs, max_chars)
        n += 1
    manifest = {"params": params, "pairs": n, "chunks": chunks, "documents": 2 * n + 2 * include_real}
    manifest_path.write_text(json.dumps(manifest, indent=1))
    return manifest
