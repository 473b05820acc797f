"""Chapter 9, real-model: what a trained model's heads do with a sentence, and the claims the chapter makes.

The model reads the words shown (up to :data:`MAX_REAL_TOKENS`, a window around the focus word otherwise) as its
own pieces; every head's attention is grouped into words by the rule of :mod:`attention_core.model_attention`.
The heads the chapter zooms into are picked by stated rules, each only where the data shows the pattern:

* ``previous``: the head whose words give the most weight, on average, to the word just before them (named only
  when that average is at least :data:`PREVIOUS_AT_LEAST`); the claim also counts the words whose largest
  weight, as shown (rounded), goes to the word before them and to no other word;
* ``broad``: the most even head, the highest mean over rows of the entropy of what the row gives to words,
  relative to an even spread; named only when in no row one word gets more than :data:`BROAD_AT_MOST` of what
  the row gives to words, and the claim bounds that largest share from above (rounded up);
* ``focus_link``: the head in which the focus word gives the most weight to one word not next to it (to any other
  word when every other word is next to it); chapters 1, 3 and 7 show this head.

The focus word's row layer by layer is the mean over each layer's heads; the claim names the word it gives most
in the first and in the last third of the layers, every word that ties for it as shown (rounded).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from attention_core.chapter import ChapterData, Window, auto_focus_claim, check_sentence, window_for
from attention_core.claims import Claim, _positions
from attention_core.display import WEIGHT_DECIMALS, fmt
from attention_core.focus import choose_focus, find_focus
from attention_core.head_rules import candidates, focus_link_head, written
from attention_core.model_attention import MODELS, ModelAttention, model_attention
from attention_core.pos import marks_of
from attention_core.reading import DEFAULT_MODEL
from attention_core.word_attention import _text_of

__all__ = ["MAX_REAL_TOKENS", "REAL_SENTENCE", "RealModelData", "real_model_data"]

REAL_SENTENCE = "小猫在花园里追蝴蝶,然后它停下了"
REAL_FOCUS = "它"
MAX_REAL_TOKENS = 16  # words: the zoomed heatmaps stay legible; the gallery shows 144 of them
PREVIOUS_AT_LEAST = 0.5
BROAD_AT_MOST = 0.35


@dataclass(frozen=True, eq=False)
class RealModelData(ChapterData):
    """Every head of ``model`` over the words shown, the focus word (index into them) and how it was chosen."""

    attention: ModelAttention
    window: Window
    sentence_tokens: tuple[str, ...]
    focus: int
    focus_rule: str | None

    @property
    def tokens(self) -> tuple[str, ...]:
        """The words shown."""
        return self.attention.words

    def views(self) -> tuple[np.ndarray, np.ndarray]:
        """``(words (L, H, n, n), special (L, H, n))``: every head at word level."""
        return self.attention.words_view()

    def layer_rows(self) -> np.ndarray:
        """``(L, n + 1)``: the focus word's row in each layer, mean over the layer's heads; last column: specials."""
        words, special = self.views()
        rows = words[:, :, self.focus, :].mean(axis=1)
        return np.concatenate([rows, special[:, :, self.focus].mean(axis=1)[:, None]], axis=1)

    def arrays(self) -> dict:
        """The focus, the model's pieces with every head over pieces and over words, and the focus row per layer."""
        return {
            "focus": self.focus,
            "focus_word": self.tokens[self.focus],
            "focus_rule": self.focus_rule,
            "sentence_tokens": list(self.sentence_tokens),
            "model": self.attention.to_dict(),
            "layer_rows": np.round(self.layer_rows(), 6).tolist(),
        }

    def make_claims(self) -> Iterable[Claim]:
        if self.window.partial:
            yield self.window.claim(self.tokens)
        if self.focus_rule is not None:
            marks = marks_of(self.sentence_tokens) if self.focus_rule == "last" else None
            yield auto_focus_claim(
                self.tokens[self.focus], self.focus_rule, self.window.start + self.focus + 1, None, marks
            )
        yield _pieces_claim(self.attention)
        words, special = self.views()
        a = self.attention
        yield Claim(
            "gallery",
            "gallery",
            (),
            {
                "model": MODELS[a.model][0],
                "quantized": a.quantized,
                "layers": a.layers,
                "heads": a.heads,
                "total": a.layers * a.heads,
                "special_mean": fmt(float(special.mean()), WEIGHT_DECIMALS),
                "special_names": _special_names(a),
            },
            {"special_mean": float(special.mean())},
        )
        base = self.window.start
        yield from _pattern_heads(words, special, self.tokens, self.focus, base)
        yield _layer_claim(self.layer_rows(), self.tokens, self.focus, base)


def _special_names(a: ModelAttention) -> str:
    return a.special_names


def _pieces_claim(a: ModelAttention) -> Claim:
    """How the model cuts the words: pieces per word, words in several pieces, pieces across two words or more
    (with how many each spans), and the pieces that cover no character (counted with the special tokens)."""
    m = a.membership
    content = [i for i in range(len(a.pieces)) if m[i].any()]
    split = [w for w in range(len(a.words)) if (m[content, w] > 0).sum() > 1]
    crossing = [i for i in content if (m[i] > 0).sum() > 1]
    split_pieces = [" + ".join(a.pieces[i].text for i in content if m[i, w] > 0) for w in split]
    empty = [i for i, p in enumerate(a.pieces) if not p.special and not m[i].any()]
    values = {
        "pieces": len(content),
        "words": len(a.words),
        "specials": " ".join(p.text for p in a.pieces if p.special),
        "split": [a.words[w] for w in split],
        "split_pieces": split_pieces,
        "crossing": [a.pieces[i].text for i in crossing],
        "crossing_words": [int((m[i] > 0).sum()) for i in crossing],
        "empty": len(empty),
        "empty_text": a.pieces[empty[0]].text if empty else None,
        "model": MODELS[a.model][0],
    }
    evidence = {"membership": np.round(m, 6).tolist(), "pieces": [p.text for p in a.pieces]}
    return Claim("pieces", "pieces", tuple(a.words[w] for w in split), values, evidence)


def _previous_share(words: np.ndarray) -> np.ndarray:
    """``(L, H)``: the mean weight words give the word just before them."""
    n = words.shape[-1]
    return np.stack([words[:, :, i, i - 1] for i in range(1, n)], axis=-1).mean(axis=-1)


def _leads(row: np.ndarray, k: int) -> bool:
    """Whether word ``k`` gets more of ``row`` than every other word, as the numbers are shown (rounded)."""
    shown = written(row)
    return bool(all(shown[k] > shown[j] for j in range(len(row)) if j != k))


def _evenness(words: np.ndarray, special: np.ndarray) -> np.ndarray:
    """``(L, H)``: the mean over rows of the row's entropy over the words, relative to an even spread (1 = even)."""
    n = words.shape[-1]
    p = words / np.maximum(1.0 - special, 1e-12)[..., None]
    entropy = -(p * np.log(np.clip(p, 1e-12, 1.0))).sum(axis=-1)
    return (entropy / np.log(n)).mean(axis=-1)


def _pattern_heads(
    words: np.ndarray, special: np.ndarray, tokens: tuple[str, ...], focus: int, base: int
) -> Iterable[Claim]:
    """The heads the chapter zooms into, each named by the rule that found it and only where the data shows it."""
    n = words.shape[-1]
    if n >= 3:
        prev = _previous_share(words)
        lay, h = np.unravel_index(int(np.argmax(prev)), prev.shape)
        if prev[lay, h] >= PREVIOUS_AT_LEAST:
            led = sum(_leads(words[lay, h, i], i - 1) for i in range(1, n))
            values = {"w": fmt(float(prev[lay, h]), WEIGHT_DECIMALS), "led": led, "rows": n - 1}
            yield _head("previous", lay, h, values, (), prev[lay, h])
        even = _evenness(words, special)
        lay, h = np.unravel_index(int(np.argmax(even)), even.shape)
        share = words[lay, h] / np.maximum(1.0 - special[lay, h], 1e-12)[:, None]
        if share.max() <= BROAD_AT_MOST:
            values = {"evenness": fmt(float(even[lay, h]), WEIGHT_DECIMALS), "top": _ceil(float(share.max()))}
            yield _head("broad", lay, h, values, (), even[lay, h])
    keys = candidates(n, focus)
    lay, h, all_sinks = focus_link_head(words, focus)
    shown = written(words[lay, h, focus, keys])
    tied = [k for k, s in zip(keys, shown, strict=True) if s == shown.max()]
    values = {
        "w": fmt(float(max(words[lay, h, focus, k] for k in tied)), WEIGHT_DECIMALS),
        "key": tied[0],
        "keys": tied,
        "tie": len(tied) > 1,
        "all_sinks": all_sinks,
        "skips_neighbours": all(abs(j - focus) >= 2 for j in keys),
        "word_at": _positions(tokens, [focus, *tied], base),
    }
    score = float(words[lay, h, focus, keys].max())
    yield _head("focus_link", lay, h, values, (tokens[focus], *(tokens[k] for k in tied)), score)


def _ceil(x: float) -> str:
    """``x`` rounded up to the decimals shown: a bound ("no word gets more than 0.24") that holds.

    >>> _ceil(0.2301), _ceil(0.23), _ceil(0.2)
    ('0.24', '0.23', '0.20')
    """
    scale = 10**WEIGHT_DECIMALS
    return fmt(math.ceil(round(x * scale, 9)) / scale, WEIGHT_DECIMALS)


def _head(pattern: str, layer: int, head: int, values: dict, words: tuple[str, ...], score: float) -> Claim:
    return Claim(
        f"head:{pattern}",
        "head_pattern",
        words,
        {"pattern": pattern, "layer": int(layer) + 1, "head": int(head) + 1, **values},
        {"layer_index": int(layer), "head_index": int(head), "score": float(score)},
    )


def _top_words(mean: np.ndarray, keys: list[int]) -> list[int]:
    """The keys whose shown (rounded) weight in ``mean`` (one per key) equals the largest shown weight."""
    shown = written(mean)
    return [k for k, s in zip(keys, shown, strict=True) if s == shown.max()]


def _layer_claim(rows: np.ndarray, tokens: tuple[str, ...], focus: int, base: int) -> Claim:
    """Where the focus word looks in the first and in the last third of the layers (mean over heads): the word it
    gives most, or every word that ties for most as the numbers are shown."""
    layers = rows.shape[0]
    third = max(1, layers // 3)
    keys = [k for k in range(len(tokens)) if k != focus]
    early, late = rows[:third, keys].mean(axis=0), rows[-third:, keys].mean(axis=0)
    e, lt = _top_words(early, keys), _top_words(late, keys)
    values = {
        "early": [tokens[k] for k in e],
        "early_at": _positions(tokens, e, base),
        "early_w": fmt(float(early.max()), WEIGHT_DECIMALS),
        "late": [tokens[k] for k in lt],
        "late_at": _positions(tokens, lt, base),
        "late_w": fmt(float(late.max()), WEIGHT_DECIMALS),
        "third": third,
        "layers": layers,
        "same": e == lt,
        "focus_at": _positions(tokens, [focus], base)[0],
    }
    return Claim(
        "layers",
        "layer_trend",
        (tokens[focus],),
        values,
        {"early": early.tolist(), "late": late.tolist(), "keys": keys, "early_keys": e, "late_keys": lt},
    )


def real_model_data(
    sentence: str | None = None,
    focus: str | None = None,
    model: str = DEFAULT_MODEL,
    head: str | None = None,
    expect: tuple[str, ...] = (),
) -> RealModelData:
    """Chapter 9's data: every head of ``model`` (not the lexicon) over ``sentence`` (default: the article's
    它 sentence), with a focus word given or chosen as in chapter 3.

    >>> d = real_model_data()
    >>> d.tokens[d.focus], d.claim("head:focus_link").words, d.attention.layers * d.attention.heads
    ('它', ('它', '小猫'), 144)
    """
    from attention_core.errors import ExplainerError

    if model not in MODELS:
        raise ExplainerError(f"real-model shows a trained model: use {', '.join(MODELS)}")
    if sentence is None:
        sentence, focus = REAL_SENTENCE, focus or REAL_FOCUS
    tokens = check_sentence(sentence)
    index, rule = (find_focus(tokens, focus), None) if focus else choose_focus(tokens)
    window = window_for(len(tokens), MAX_REAL_TOKENS, index, look_back=True)
    text, _ = _text_of(sentence, tokens, window.start, window.stop)
    attention = model_attention(text, tuple(tokens[window.start : window.stop]), model)
    return RealModelData(attention, window, tokens, index - window.start, rule)
