"""The small attention trace chapters 4 (qkv) and 5 (formula) share.

Both use the same seeded inputs (d_model = 4, d_k = 3, one decimal per input), so the Q, K and V built in
chapter 4 are the ones chapter 5 feeds into the formula. They compute over every word of any accepted sentence; a
matrix too tall for the frame is drawn with its middle rows elided ("⋮").
"""

from __future__ import annotations

import numpy as np

from attention_core.chapter.base import check_sentence
from attention_core.kernel.trace import AttentionTrace, tokens_trace
from attention_core.language.tokenize import detect_language
from attention_core.limits import INPUT_DECIMALS

__all__ = ["D_K", "D_MODEL", "INPUT_DECIMALS", "floats", "small_trace"]

D_MODEL, D_K = 4, 3


def small_trace(sentence: str) -> AttentionTrace:
    """The trace of every word of ``sentence`` on seeded inputs of :data:`D_MODEL` columns, rounded to
    :data:`INPUT_DECIMALS`, with d_k = :data:`D_K`.

    >>> t = small_trace("我爱吃苹果")
    >>> t.tokens, t.X.shape, t.Q.shape
    (('我', '爱', '吃', '苹果'), (4, 4), (4, 3))
    """
    tokens = check_sentence(sentence)
    return tokens_trace(
        tokens, D_MODEL, D_K, decimals=INPUT_DECIMALS, sentence=sentence, lang=detect_language(sentence)
    )


def floats(a) -> list:
    """``a`` as a plain list of floats, for JSON."""
    return np.asarray(a, dtype=float).tolist()
