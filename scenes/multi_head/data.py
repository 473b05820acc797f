"""Chapter 8, multi-head: h heads on column slices of Q, K, V, their outputs side by side, W_O, and the causal mask.

With ``d_model`` = 4 and h = 2 every number fits on screen (d_head = 2; :mod:`attention_core.kernel.multi_head`
computes it). The chapter reads the row of head 1 the mask changes most (of the rows between the first and the
last, the one that gave later words the most weight).
X is chapter 4's (the same seeded embeddings); W_Q, W_K, W_V, W_O are seeded and rounded to one decimal.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from attention_core.chapter.base import ChapterData, Window, auto_focus_claim, check_sentence, window_for
from attention_core.claims.claim import Claim, first_entry, read_row, row_sum_claim, scale_claim, word_positions
from attention_core.claims.display import WEIGHT_DECIMALS, fmt
from attention_core.kernel.attention import embed_tokens
from attention_core.kernel.multi_head import MultiHeadTrace, multi_head_trace, weight_matrices
from attention_core.language.focus import choose_focus, find_focus
from scenes.multi_head.spec import SPEC

__all__ = ["MultiHeadData", "multi_head_data"]

D_MODEL, HEADS = 4, 2


@dataclass(frozen=True, eq=False)
class MultiHeadData(ChapterData):
    """Chapter 8: the multi-head trace of the words shown, and the word whose rows the captions read."""

    trace: MultiHeadTrace
    window: Window
    sentence_tokens: tuple[str, ...]
    focus: int
    focus_rule: str | None

    @property
    def tokens(self) -> tuple[str, ...]:
        """The words shown."""
        return self.trace.tokens

    def arrays(self) -> dict:
        """The whole sentence's words, the focus word and every array of the trace."""
        return {
            "sentence_tokens": list(self.sentence_tokens),
            "focus": self.focus,
            "focus_rule": self.focus_rule,
            "trace": self.trace.to_dict(),
        }

    def make_claims(self) -> Iterable[Claim]:
        tr, f, base = self.trace, self.focus, self.window.start
        if self.window.partial:
            yield self.window.claim(self.tokens)
        if self.focus_rule is not None:
            yield auto_focus_claim(self.tokens[f], self.focus_rule, base + f + 1, self.sentence_tokens)
        yield Claim(
            "shape",
            "shape",
            (),
            {"n": tr.n, "d_model": tr.X.shape[1], "heads": tr.h, "d_head": tr.d_head},
            {"X": list(tr.X.shape)},
        )
        yield Claim(
            "split",
            "head_split",
            (),
            {
                "cols": [f"{s.start + 1}–{s.stop}" for s in map(tr.cols, range(tr.h))],
                "heads": tr.h,
                "d_head": tr.d_head,
            },
            {},
        )
        one = tr.heads[0]  # head 1 is worked through: its scores scaled, then softmax
        yield scale_claim("scale", one.scores, one.scaled_scores, one.d_k)
        yield row_sum_claim("head_sums", one.weights)
        for k, head in enumerate(tr.heads):
            c = read_row(f"head:{k + 1}", tr.tokens, head.weights[f], f, range(tr.n), base=base)
            yield Claim(c.topic, c.kind, c.words, {**c.values, "head": k + 1}, c.evidence)
        yield _heads_differ(tr, f, base)
        yield Claim(
            "concat",
            "shape",
            (),
            {"n": tr.n, "d_model": tr.X.shape[1], "d_head": tr.d_head, "heads": tr.h},
            {"concat": list(tr.concat.shape)},
        )
        yield first_entry("first_entry:output", tr.concat, tr.W_o, tr.output, WEIGHT_DECIMALS, SPEC.in_decimals)
        m = tr.masked[0]
        hidden = tr.n * (tr.n - 1) // 2
        yield Claim(
            "mask",
            "mask",
            (),
            {
                "n": tr.n,
                "masked": hidden,
                "cells": tr.n * tr.n,
                "head": 1,
                "first_w": fmt(float(m.weights[0, 0]), WEIGHT_DECIMALS),
            },
            {"zero_above": bool((np.triu(m.weights, 1) == 0).all())},
        )
        sums = row_sum_claim("mask_sums", m.weights)
        yield Claim("mask_sums", sums.kind, (), {**sums.values, "head": 1}, sums.evidence)
        if tr.n >= 3:  # row 0 keeps only itself (the mask claim says so), the last row sees every word
            future = np.triu(tr.heads[0].weights, 1).sum(axis=1)  # what each row gave later words before the mask
            i = max(range(1, tr.n - 1), key=lambda r: future[r])
            c = read_row("mask_row", tr.tokens, m.weights[i], i, range(i + 1), others="earlier", base=base)
            taken = fmt(float(future[i]), WEIGHT_DECIMALS)
            yield Claim(c.topic, c.kind, c.words, {**c.values, "head": 1, "row": i, "taken": taken}, c.evidence)


def _heads_differ(tr: MultiHeadTrace, f: int, base: int) -> Claim:
    """Where the heads' rows for word ``f`` differ most (first of equal gaps): the key and each head's weight to it
    (the gap itself is not stated: the difference of the two written weights may not be its rounding)."""
    a, b = tr.heads[0].weights[f], tr.heads[1].weights[f]
    k = int(np.argmax(np.abs(a - b)))
    values = {
        "key": k,
        "self": k == f,
        "head1_w": fmt(float(a[k]), WEIGHT_DECIMALS),
        "head2_w": fmt(float(b[k]), WEIGHT_DECIMALS),
        "word_at": word_positions(tr.tokens, [f, k], base),
    }
    return Claim(
        "heads_differ",
        "heads_differ",
        (tr.tokens[f], tr.tokens[k]),
        values,
        {"row_1": a.tolist(), "row_2": b.tolist()},
    )


def multi_head_data(sentence: str | None = None, focus: str | None = None) -> MultiHeadData:
    """Chapter 8's data: the words of ``sentence`` (a window of :attr:`SPEC.window` around the focus word
    of a longer one), two heads, W_O and the causal mask.

    >>> d = multi_head_data()
    >>> d.tokens, d.trace.h, d.trace.d_head, d.trace.concat.shape, d.claim("mask").values["masked"]
    (('我', '爱', '吃', '苹果'), 2, 2, (4, 4), 6)
    """
    sentence = SPEC.sentence if sentence is None else sentence
    tokens = check_sentence(sentence)
    index, rule = (find_focus(tokens, focus), None) if focus else choose_focus(tokens)
    window = window_for(len(tokens), SPEC.window, index, look_back=True)
    shown = tokens[window.start : window.stop]
    x = embed_tokens(shown, D_MODEL, 0, SPEC.in_decimals)
    trace = multi_head_trace(shown, x, *weight_matrices(D_MODEL), HEADS)
    return MultiHeadData(trace, window, tokens, index - window.start, rule)
