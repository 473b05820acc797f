"""Chapter 9, real-model: what a trained model's heads do with a sentence, and the claims the chapter makes.

The model reads the words shown (up to :attr:`SPEC.window`, a window around the focus word otherwise) as its
own pieces; every head's attention is grouped into words by the rule of :mod:`attention_core.models.model_attention`.
The chapter shows:

* the pieces and how they map to the words (``pieces``), all heads as a gallery (``gallery``);
* the heads grouped by what they do, each group counted, with its exemplar (:mod:`attention_core.models.head_groups`);
* ``focus_link``: the head in which the focus word gives the most weight to one word not next to it (to any other
  word when every other word is next to it), sink heads passed over (:mod:`~attention_core.models.head_rules`);
  chapters 1 and 3 use the same rule;
* with ``--head`` or ``--expect``, the view asked for, or the strongest head that agrees with the expectation
  (``view``, ``expect`` and ``heads`` claims, as in chapters 1, 3 and 7);
* the mean of each layer's heads, the focus word's row layer by layer, and its attention rollout layer by layer
  (:mod:`attention_core.claims.layer_claims`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from attention_core.chapter.base import ChapterData, Window, auto_focus_claim, check_sentence, window_for
from attention_core.claims.claim import Claim, word_positions
from attention_core.claims.display import WEIGHT_DECIMALS, fmt
from attention_core.claims.layer_claims import layer_claim, layer_means_claim, rollout_claim
from attention_core.claims.view_claims import view_claims
from attention_core.language.focus import choose_focus, find_focus
from attention_core.models.head_groups import group_claims, head_groups
from attention_core.models.head_rules import candidates, focus_link_head, written
from attention_core.models.model_attention import MODELS, ModelAttention, model_attention
from attention_core.models.views import rollout_layers
from attention_core.models.word_attention import DEFAULT_MODEL, WordAttention, make_choice, model_words, text_of
from scenes.real_model.spec import SPEC

__all__ = ["RealModelData", "real_model_data"]


@dataclass(frozen=True, eq=False)
class RealModelData(ChapterData):
    """Every head of ``model`` over the words shown, the focus word (index into them) and how it was chosen;
    ``chosen``: the view asked for with ``--head`` or chosen by ``--expect`` (None without them)."""

    attention: ModelAttention
    window: Window
    sentence_tokens: tuple[str, ...]
    focus: int
    focus_rule: str | None
    chosen: WordAttention | None = None

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

    def layer_means(self) -> tuple[np.ndarray, np.ndarray]:
        """``(means (L, n, n), special (L, n))``: each layer's mean over its heads, at word level."""
        return self.attention.word_rows(self.attention.tokens.mean(axis=1))

    def rollout_rows(self) -> np.ndarray:
        """``(L, n + 1)``: the focus word's row of attention rollout through the first 1, 2, …, L layers, at word
        level; last column: the special share."""
        words, special = self.attention.word_rows(rollout_layers(self.attention.tokens))
        return np.concatenate([words[:, self.focus, :], special[:, self.focus, None]], axis=1)

    def grouping(self):
        """Every head in its group (:func:`attention_core.head_groups.head_groups`)."""
        return head_groups(*self.views(), self.focus)

    def arrays(self) -> dict:
        """The focus, the model's pieces with every head over pieces and over words, and the focus row per layer."""
        return {
            "focus": self.focus,
            "focus_word": self.tokens[self.focus],
            "focus_rule": self.focus_rule,
            "sentence_tokens": list(self.sentence_tokens),
            "model": self.attention.to_dict(),
            "layer_rows": np.round(self.layer_rows(), 6).tolist(),
            "rollout_rows": np.round(self.rollout_rows(), 6).tolist(),
            "groups": self.grouping().group.tolist() if len(self.tokens) >= 3 else None,
            "chosen": None if self.chosen is None else self.chosen.to_dict() | {"detail": None},
        }

    def make_claims(self) -> Iterable[Claim]:
        if self.window.partial:
            yield self.window.claim(self.tokens)
        if self.focus_rule is not None:
            position = self.window.start + self.focus + 1
            yield auto_focus_claim(self.tokens[self.focus], self.focus_rule, position, self.sentence_tokens)
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
        if len(self.tokens) >= 3:
            yield from group_claims(self.grouping(), len(self.tokens), self.tokens, self.focus, base)
        yield _focus_link(words, self.tokens, self.focus, base)
        if self.chosen is not None:
            for claim in view_claims(self.chosen, self.focus, base):
                yield Claim(f"chosen:{claim.topic}", claim.kind, claim.words, claim.values, claim.evidence)
        yield layer_means_claim(*self.layer_means())
        yield layer_claim(self.layer_rows(), self.tokens, self.focus, base)
        yield rollout_claim(self.rollout_rows(), self.tokens, self.focus, base)


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


def _focus_link(words: np.ndarray, tokens: tuple[str, ...], focus: int, base: int) -> Claim:
    """The head in which the focus word gives the most to one word not next to it, sink heads passed over; every
    word that ties for that weight as written is named."""
    keys = candidates(len(tokens), focus)
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
        "word_at": word_positions(tokens, [focus, *tied], base),
    }
    score = float(words[lay, h, focus, keys].max())
    return _head("focus_link", lay, h, values, (tokens[focus], *(tokens[k] for k in tied)), score)


def _head(pattern: str, layer: int, head: int, values: dict, words: tuple[str, ...], score: float) -> Claim:
    return Claim(
        f"head:{pattern}",
        "head_pattern",
        words,
        {"pattern": pattern, "layer": int(layer) + 1, "head": int(head) + 1, **values},
        {"layer_index": int(layer), "head_index": int(head), "score": float(score)},
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

    With ``head`` (``--head``) or ``expect`` (``--expect``) the chapter also shows that view of the model, chosen
    and stated as in chapters 1, 3 and 7.

    >>> d = real_model_data()
    >>> d.tokens[d.focus], d.claim("head:focus_link").words, d.attention.layers * d.attention.heads
    ('它', ('它', '小猫'), 144)
    >>> real_model_data(head="rollout").claim("chosen:view").values["view"]
    'rollout'
    """
    from attention_core.errors import ExplainerError

    if model not in MODELS:
        raise ExplainerError(f"real-model shows a trained model: use {', '.join(MODELS)}")
    choice = make_choice(model, head, expect)
    if sentence is None:
        sentence, focus = SPEC.sentence, focus or SPEC.focus
    tokens = check_sentence(sentence)
    index, rule = (find_focus(tokens, focus), None) if focus else choose_focus(tokens)
    window = window_for(len(tokens), SPEC.window, index, look_back=True)
    text, _ = text_of(sentence, tokens, window.start, window.stop)
    attention = model_attention(text, tuple(tokens[window.start : window.stop]), model)
    at = index - window.start
    chosen = None
    if choice.view is not None or choice.expect:
        chosen = model_words(sentence, tokens, window.start, window.stop, model, at, False, choice)
    return RealModelData(attention, window, tokens, at, rule, chosen)
