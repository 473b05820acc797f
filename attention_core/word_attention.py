"""The weights a reading or matrix chapter shows between words, and where they come from.

Either the designed lexicon (:func:`attention_core.lexicon_attention`: softmax over the words, nothing else) or
one head of a trained model (:mod:`attention_core.model_attention`, word-level view: each row also gives a
**special share** to <s> </s> or [CLS] [SEP]). The head is chosen by one stated rule, ``focus_link``: the head
whose focus row gives the largest weight to one word that is not next to it (many heads only look at the
neighbouring word, whatever it is; the real-model chapter shows those). With three words or fewer nothing is
more than one word away, and the neighbours count too (``skips_neighbours`` is then False).

The chapters say which model, layer and head, whether the weights are 4-bit, and the rule.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from attention_core.arrays import freeze_arrays
from attention_core.lexicon import lexicon_attention
from attention_core.model_attention import MODELS, model_attention, word_spans
from attention_core.tokenize import clean_sentence

__all__ = ["ATTENTION_MODELS", "WordAttention", "heads_agreeing", "lexicon_words", "model_words"]

ATTENTION_MODELS = ("lexicon", *MODELS)


@dataclass(frozen=True, eq=False)
class WordAttention:
    """``weights (n, n)`` between ``tokens`` (rows attend, columns are attended), ``special (n,)`` the share of each
    row that goes to special tokens (0 for the lexicon); ``source`` names the model and head and how it was chosen;
    ``detail`` is the whole computation (the lexicon's trace, or every head of the model)."""

    tokens: tuple[str, ...]
    weights: np.ndarray
    special: np.ndarray
    causal: bool
    source: dict = field(default_factory=dict)
    detail: object = None

    def __post_init__(self) -> None:
        freeze_arrays(self, "weights", "special")

    @property
    def n(self) -> int:
        """Number of words."""
        return len(self.tokens)

    @property
    def model(self) -> str:
        """``"lexicon"``, ``"e5-small"`` or ``"minilm"``."""
        return self.source.get("model", "lexicon")

    def to_dict(self) -> dict:
        """Plain values for ``json.dumps``: the word weights, special shares, source, and the full computation."""
        return {
            "tokens": list(self.tokens),
            "weights": self.weights.tolist(),
            "special": self.special.tolist(),
            "causal": self.causal,
            "source": dict(self.source),
            "detail": self.detail.to_dict() if self.detail is not None else None,
        }


def lexicon_words(tokens: tuple[str, ...], causal: bool, **info) -> WordAttention:
    """The designed lexicon's attention over ``tokens`` (see :mod:`attention_core.lexicon`)."""
    trace = lexicon_attention(tokens, causal=causal, **info)
    return WordAttention(tuple(tokens), trace.weights, np.zeros(len(tokens)), causal, {"model": "lexicon"}, trace)


def _text_of(sentence: str, sentence_tokens: tuple[str, ...], start: int, stop: int) -> tuple[str, tuple[int, int]]:
    """The part of ``sentence`` from word ``start`` to word ``stop - 1`` (as the model reads it) and its span."""
    text = clean_sentence(sentence)
    spans = word_spans(text, sentence_tokens)
    a, b = spans[start][0], spans[stop - 1][1]
    return text[a:b], (a, b)


def model_words(
    sentence: str, sentence_tokens: tuple[str, ...], start: int, stop: int, model: str, focus: int, causal: bool
) -> WordAttention:
    """One head of ``model`` over words ``start``..``stop - 1`` of the sentence, chosen by the module's rule.

    ``focus`` indexes the shown words. Reading causally, the model reads only up to the focus word (it cannot
    see what comes after); the rows and columns after it stay 0.
    """
    shown = sentence_tokens[start:stop]
    end = start + focus + 1 if causal else stop
    text, _ = _text_of(sentence, sentence_tokens, start, end)
    attention = model_attention(text, tuple(sentence_tokens[start:end]), model)
    words, special = attention.words_view()  # (L, H, m, m), (L, H, m)
    layer, head, rule, score = _choose(words, focus)
    n, m = len(shown), words.shape[-1]
    weights = np.zeros((n, n))
    weights[:m, :m] = words[layer, head]
    share = np.zeros(n)
    share[:m] = special[layer, head]
    skips = len(candidates(m, focus)) < m - 1
    source = {
        "model": model,
        "name": MODELS[model][0],
        "quantized": MODELS[model][1],
        "layer": layer,
        "head": head,
        "layers": attention.layers,
        "heads": attention.heads,
        "rule": rule,
        "score": score,
        "skips_neighbours": skips,
        "reads_to_focus": causal,
        "special_names": " ".join(p.text for p in attention.pieces if p.special),
    }
    return WordAttention(tuple(shown), weights, share, causal, source, attention)


def candidates(m: int, query: int) -> list[int]:
    """The words row ``query`` of ``m`` words may be linked to: not itself, not a neighbour (unless none is left).

    >>> candidates(5, 2), candidates(3, 1)
    ([0, 4], [0, 2])
    """
    far = [k for k in range(m) if abs(k - query) >= 2]
    return far or [k for k in range(m) if k != query]


def _top_link(words: np.ndarray, query: int) -> np.ndarray:
    """``(L, H)``: the largest weight row ``query`` gives one of its :func:`candidates`, in every head."""
    keys = candidates(words.shape[-1], query)
    return words[:, :, query, keys].max(axis=-1) if keys else np.zeros(words.shape[:2])


def _choose(words: np.ndarray, focus: int) -> tuple[int, int, str, float]:
    """(layer, head, rule, score) by the module's rule; the first head on a tie."""
    scores = _top_link(words, focus)
    layer, head = np.unravel_index(int(np.argmax(scores)), scores.shape)
    return int(layer), int(head), "focus_link", float(scores[layer, head])


def heads_agreeing(attention: WordAttention, focus: int) -> dict:
    """How the other heads of the model read the focus row: in how many its strongest other word is the same
    as in the chosen head, and the strongest link any head makes to a different word."""
    words, _ = attention.detail.words_view()
    f = focus
    others = candidates(words.shape[-1], f)
    best = np.array(others)[np.argmax(words[:, :, f, others], axis=-1)]  # (L, H): each head's strongest link
    chosen = int(best[attention.source["layer"], attention.source["head"]])
    differ = np.argwhere(best != chosen)
    runner = None
    if len(differ):
        lay, h = max(differ, key=lambda lh: words[lh[0], lh[1], f, best[lh[0], lh[1]]])
        k = int(best[lay, h])
        runner = {
            "layer": int(lay),
            "head": int(h),
            "word": attention.tokens[k],
            "key": k,
            "w": float(words[lay, h, f, k]),
        }
    return {
        "agree": int((best == chosen).sum()),
        "heads": int(best.size),
        "chosen_key": chosen,
        "runner": runner,
        "candidates": len(others),
    }
