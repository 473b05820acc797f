"""The article's worked example, with inputs chosen so every number on screen is short.

"猫 坐在 垫子 上" with d_model = d_k = 2. x1 = [1.0, 0.5] for 猫 is the article's; the other three inputs and the
2×2 weight matrices are ours, one decimal each, so Q, K and V have at most two decimals and can be checked by
hand. 猫 and 垫子 point the same way (two nouns), 坐在 and 上 elsewhere, so the weights show a visible pattern.
"""

from __future__ import annotations

import numpy as np

from attention_core.tokenize import tokenize
from attention_core.trace import AttentionTrace, attention_trace, sentence_trace

__all__ = ["WORKED_EXAMPLE_MAX_TOKENS", "WORKED_EXAMPLE_SENTENCE", "worked_example_trace"]

WORKED_EXAMPLE_SENTENCE = "猫 坐在 垫子 上"
WORKED_EXAMPLE_MAX_TOKENS = 8

_X = np.array([[1.0, 0.5], [0.2, 0.9], [0.8, 0.3], [0.4, 0.6]])
_W_Q = np.array([[2.0, 0.1], [0.2, 1.5]])
_W_K = np.array([[1.8, 0.2], [0.1, 1.6]])
_W_V = np.array([[0.6, 0.2], [0.4, 0.9]])


def worked_example_trace(sentence: str | None = None, lang: str | None = None, seed: int = 0) -> AttentionTrace:
    """The chapter-6 trace: the article's preset for its own sentence, seeded 2-d inputs for any other.

    >>> t = worked_example_trace()
    >>> t.tokens, t.X[0].tolist(), t.d_k
    (('猫', '坐在', '垫子', '上'), [1.0, 0.5], 2)
    """
    if sentence is None or tokenize(sentence) == tokenize(WORKED_EXAMPLE_SENTENCE):
        return attention_trace(
            tokenize(WORKED_EXAMPLE_SENTENCE), _X, _W_Q, _W_K, _W_V,
            sentence=WORKED_EXAMPLE_SENTENCE, lang="zh", meta={"preset": "worked-example"},
        )  # fmt: skip
    return sentence_trace(
        sentence, lang, d_model=2, d_k=2, seed=seed, decimals=1, max_tokens=WORKED_EXAMPLE_MAX_TOKENS
    )
