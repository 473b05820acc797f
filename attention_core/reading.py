"""A sentence read up to one word: the attention trace plus which word is the focus and whom it looks at.

Chapters 1 (intuition) and 3 (self-attention-idea) both stop at a *focus* word and draw its row of weights.
Chapter 1 reads causally (the reader has only seen the earlier words); chapter 3 lets every word see every word.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import numpy as np

from attention_core.errors import ExplainerError
from attention_core.focus import choose_focus, find_focus
from attention_core.lexicon import lexicon_trace
from attention_core.tokenize import tokenize
from attention_core.trace import AttentionTrace

__all__ = [
    "INTUITION_FOCUS",
    "INTUITION_SENTENCE",
    "MAX_READING_TOKENS",
    "SELF_ATTENTION_SENTENCE",
    "ReadingTrace",
    "intuition_trace",
    "reading_trace",
    "self_attention_trace",
]

INTUITION_SENTENCE = "那只在花园里追逐蝴蝶的小猫突然停下了脚步"
INTUITION_FOCUS = "停下"
SELF_ATTENTION_SENTENCE = "小猫在花园里追蝴蝶,然后它停下了"
MAX_READING_TOKENS = 16  # the most that fit one or two legible rows, in 16:9 and in 9:16


@dataclass(frozen=True, eq=False)
class ReadingTrace:
    """An attention trace and its focus word.

    ``focus`` indexes ``trace.tokens``; ``auto_focus`` is True when the focus was chosen by
    :func:`attention_core.choose_focus` rather than given (the scene then says so on screen).
    """

    trace: AttentionTrace
    focus: int
    auto_focus: bool

    @property
    def tokens(self) -> tuple[str, ...]:
        """The words of the sentence."""
        return self.trace.tokens

    @property
    def focus_word(self) -> str:
        """The word the reader is at."""
        return self.trace.tokens[self.focus]

    def looked_at(self) -> tuple[int, ...]:
        """Indices the focus word looks at: the earlier words when causal, every other word otherwise."""
        n = self.trace.n
        return tuple(j for j in range(n) if j != self.focus and (j < self.focus or not self.trace.causal))

    def weight(self, key: int) -> float:
        """Attention of the focus word on word ``key``."""
        return float(self.trace.weights[self.focus, key])

    def strongest(self) -> int:
        """The word the focus attends to most among :meth:`looked_at` (first one on a tie).

        >>> r = intuition_trace()
        >>> r.focus_word, r.tokens[r.strongest()]
        ('停下', '小猫')
        """
        keys = self.looked_at()
        return keys[int(np.argmax([self.weight(j) for j in keys]))]

    def to_dict(self) -> dict:
        """Plain lists and numbers for ``json.dumps``: the trace plus the focus and its strongest word."""
        best = self.strongest()
        return {
            "focus": self.focus, "focus_word": self.focus_word, "auto_focus": self.auto_focus,
            "strongest": best, "strongest_word": self.tokens[best], "strongest_weight": self.weight(best),
            "trace": self.trace.to_dict(),
        }  # fmt: skip

    def to_json(self, indent: int | None = 2) -> str:
        """The reading as JSON (UTF-8 text, Chinese kept readable)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)


def reading_trace(
    sentence: str, focus: str | None = None, causal: bool = False, max_tokens: int = MAX_READING_TOKENS
) -> ReadingTrace:
    """Lexicon attention over ``sentence`` with a focus word: ``focus`` if given, else chosen automatically.

    Raises :class:`ExplainerError` (one line) for too many or too few words, or a focus word that is absent
    or first.

    >>> r = reading_trace("The cat sat on the mat and then it slept")
    >>> r.focus_word, r.auto_focus, r.tokens[r.strongest()]
    ('it', True, 'cat')
    """
    tokens = tokenize(sentence)
    if len(tokens) > max_tokens:
        raise ExplainerError(f"the sentence has {len(tokens)} words; this chapter shows at most {max_tokens}")
    index = find_focus(tokens, focus) if focus else choose_focus(tokens)
    trace = lexicon_trace(sentence, causal=causal, max_tokens=max_tokens)
    return ReadingTrace(trace, index, auto_focus=not focus)


def intuition_trace(sentence: str | None = None, focus: str | None = None) -> ReadingTrace:
    """Chapter 1: read causally; the article's sentence stops at 停下 unless another focus is given.

    >>> r = intuition_trace("我昨天在公园里看见一只狗", "狗")
    >>> r.focus_word, r.auto_focus, r.trace.causal
    ('狗', False, True)
    """
    if sentence is None:
        r = reading_trace(INTUITION_SENTENCE, focus or INTUITION_FOCUS, causal=True)
        return ReadingTrace(r.trace, r.focus, auto_focus=False)
    return reading_trace(sentence, focus, causal=True)


def self_attention_trace(sentence: str | None = None, focus: str | None = None) -> ReadingTrace:
    """Chapter 3: every word sees every word (not causal); the article's sentence focuses on 它.

    >>> r = self_attention_trace()
    >>> r.focus_word, r.tokens[r.strongest()], r.auto_focus
    ('它', '小猫', False)
    """
    r = reading_trace(sentence or SELF_ATTENTION_SENTENCE, focus, causal=False)
    return ReadingTrace(r.trace, r.focus, auto_focus=r.auto_focus and sentence is not None)
