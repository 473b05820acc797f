"""What a trained model's heads attend to in a sentence: token attention from the NumPy forward pass, and a
word-level view of it.

Word-level rule (documented, and the same for every chapter):

* each model piece belongs to the sentence's words in proportion to the characters of each word it covers
  (a piece over 的 | 小猫 counts half for each);
* the special pieces (<s> </s>, [CLS] [SEP]) and the pieces that cover no character of the text (a bare "▁",
  which e5-small puts before Chinese text and elsewhere) belong to no word: they are the **outside** pieces;
* a word's row (what it attends to) is the weighted mean of its pieces' rows, each piece weighted by how much of
  it belongs to the word: row(w) = Σ_p m[p, w]·A[p] / Σ_p m[p, w] (a word in one whole piece takes that piece's
  row; a piece shared half-and-half counts half);
* the weight a word receives is the sum over its pieces, each times how much of it belongs to the word:
  Σ_q A[·, q]·m[q, w];
* what goes to the outside pieces is kept as each row's **special share**: a word row's weights and its special
  share add to 1. Nothing a word does not own is ever given to it.

The rule is linear, so it applies to any matrix over the pieces: one head, the mean of several heads, or attention
rollout (:mod:`attention_core.models.views`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from attention_core.errors import ExplainerError
from attention_core.kernel.arrays import freeze_arrays
from attention_core.language.tokenize import word_spans
from attention_core.limits import MODELS
from attention_core.models.encoder import encode
from attention_core.models.piece_tokenizers import Piece, UnigramTokenizer, WordPieceTokenizer

__all__ = ["MODELS", "ModelAttention", "model_attention", "outside_names", "word_spans"]


@lru_cache(maxsize=2)
def _model(name: str):
    """The loaded encoder and tokenizer (once per process: 0.2 s for e5-small, 0.05 s for MiniLM)."""
    from attention_core.models.model_files import read_e5, read_minilm

    if name == "e5-small":
        weights, data = read_e5()
        return weights, UnigramTokenizer(data)
    if name == "minilm":
        weights, vocab = read_minilm()
        return weights, WordPieceTokenizer(vocab)
    raise ExplainerError(f"unknown model {name!r}; use lexicon, {', '.join(MODELS)}")


def _membership(pieces: list[Piece], spans: list[tuple[int, int]]) -> np.ndarray:
    """``(n_pieces, n_words)``: the share of each piece that belongs to each word (rows of the outside pieces,
    special or covering no character, are 0)."""
    m = np.zeros((len(pieces), len(spans)))
    for p, piece in enumerate(pieces):
        if piece.special:
            continue
        overlap = np.array([max(0, min(piece.end, b) - max(piece.start, a)) for a, b in spans], dtype=float)
        if overlap.sum() > 0:
            m[p] = overlap / overlap.sum()
    return m


def outside_names(pieces: tuple[Piece, ...], membership: np.ndarray) -> str:
    """The texts of the pieces that belong to no word, each once, in order: ``"<s> ▁ </s>"``."""
    texts = [p.text for p, row in zip(pieces, membership, strict=True) if not row.any()]
    return " ".join(dict.fromkeys(texts))


@dataclass(frozen=True, eq=False)
class ModelAttention:
    """A model's attention over a sentence: ``tokens (L, H, n, n)`` over ``pieces``, and the words it groups into.

    ``membership (n_pieces, n_words)`` is the word-level rule of the module docstring.
    """

    model: str
    quantized: bool
    words: tuple[str, ...]
    pieces: tuple[Piece, ...]
    tokens: np.ndarray
    membership: np.ndarray

    def __post_init__(self) -> None:
        freeze_arrays(self, "tokens", "membership")

    @property
    def layers(self) -> int:
        """Number of layers."""
        return int(self.tokens.shape[0])

    @property
    def heads(self) -> int:
        """Heads per layer."""
        return int(self.tokens.shape[1])

    @property
    def outside(self) -> np.ndarray:
        """``(n_pieces,)`` bool: the pieces that belong to no word (special, or covering no character)."""
        return ~self.membership.any(axis=1)

    @property
    def special_names(self) -> str:
        """The outside pieces' texts, each once: ``"<s> ▁ </s>"``."""
        return outside_names(self.pieces, self.membership)

    def word_rows(self, matrix: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Any matrix over the pieces ``(..., n_pieces, n_pieces)`` at word level, by the module's rule:
        ``(weights (..., n_words, n_words), special (..., n_words))``."""
        m = self.membership
        share = m / np.maximum(m.sum(axis=0, keepdims=True), 1e-12)  # (pieces, words): each word's row mix
        rows = np.einsum("pw,...pq->...wq", share, matrix)  # (..., words, pieces)
        return rows @ m, rows @ self.outside.astype(float)

    def words_view(self) -> tuple[np.ndarray, np.ndarray]:
        """``(weights (L, H, n_words, n_words), special (L, H, n_words))``: every head at word level."""
        return self.word_rows(self.tokens)

    def to_dict(self) -> dict:
        """Plain lists for ``json.dumps``: the pieces with spans and word shares, every head's attention over the
        pieces (``token_attention``, layers and heads 0-based, full precision: every view can be recomputed from
        it and ``membership``) and over the words (``word_attention`` and the share each word gives the outside
        pieces, ``word_special``, rounded to 6 decimals)."""
        words, special = self.words_view()
        return {
            "model": self.model,
            "quantized": self.quantized,
            "words": list(self.words),
            "pieces": [
                {"text": p.text, "id": p.id, "start": p.start, "end": p.end, "special": p.special, "outside": bool(o)}
                for p, o in zip(self.pieces, self.outside, strict=True)
            ],
            "membership": self.membership.tolist(),
            "token_attention": self.tokens.tolist(),
            "word_attention": np.round(words, 6).tolist(),
            "word_special": np.round(special, 6).tolist(),
        }


@lru_cache(maxsize=64)
def model_attention(text: str, words: tuple[str, ...], model: str = "e5-small") -> ModelAttention:
    """Run ``model`` on ``text`` (whose words, in order, are ``words``) and keep every head's attention.

    >>> a = model_attention("The cat sat", ("The", "cat", "sat"), "minilm")
    >>> [p.text for p in a.pieces], a.tokens.shape
    (['[CLS]', 'the', 'cat', 'sat', '[SEP]'], (6, 12, 5, 5))
    """
    weights, tokenizer = _model(model)
    pieces = tokenizer.pieces(text)
    if len(pieces) > weights.position.shape[0]:
        raise ExplainerError(f"{model} takes at most {weights.position.shape[0]} pieces; this text has {len(pieces)}")
    _, attention = encode(weights, np.array([p.id for p in pieces]))
    member = _membership(pieces, word_spans(text, words))
    return ModelAttention(model, MODELS[model][1], tuple(words), tuple(pieces), attention, member)
