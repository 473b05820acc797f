"""Chapter 6, worked-example: the article's worked example, with inputs chosen so every number on screen is short.

"猫 坐在 垫子 上" with d_model = d_k = 2. x1 = [1.0, 0.5] for 猫 is the article's; the other three inputs and the
2×2 weight matrices are ours, one decimal each, so Q, K and V have at most two decimals and can be checked by
hand. 猫 and 垫子 point the same way (two nouns), 坐在 and 上 elsewhere, so the weights show a visible pattern.

Any other sentence gets seeded 2-d inputs. The chapter shows every number, so it works on at most
:attr:`SPEC.window` words: a longer sentence is worked through for a window of it (its first words,
or around ``--focus``), and attention is computed among those words only, as the chapter says on screen.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from attention_core.chapter.base import TraceData, check_sentence, window_for
from attention_core.claims.claim import Claim, first_entry, positive_claim, read_row, row_sum_claim, scale_claim
from attention_core.claims.display import fmt
from attention_core.kernel.trace import AttentionTrace, attention_trace, tokens_trace
from attention_core.language.focus import find_focus
from attention_core.language.tokenize import detect_language, tokenize, typed_text
from scenes.worked_example.spec import SPEC

__all__ = [
    "WorkedExampleData",
    "worked_example_data",
    "worked_example_trace",
]


_X = np.array([[1.0, 0.5], [0.2, 0.9], [0.8, 0.3], [0.4, 0.6]])
_W_Q = np.array([[2.0, 0.1], [0.2, 1.5]])
_W_K = np.array([[1.8, 0.2], [0.1, 1.6]])
_W_V = np.array([[0.6, 0.2], [0.4, 0.9]])


def _trace(tokens: tuple[str, ...], sentence: str) -> AttentionTrace:
    if tokens == tokenize(SPEC.sentence):
        return attention_trace(
            tokens, _X, _W_Q, _W_K, _W_V, sentence=sentence, lang="zh", meta={"preset": "worked-example"}
        )
    return tokens_trace(tokens, 2, 2, decimals=SPEC.in_decimals, sentence=sentence, lang=detect_language(sentence))


def worked_example_trace(sentence: str | None = None) -> AttentionTrace:
    """The worked example's computation over every word of ``sentence``: the article's preset for its own
    sentence, seeded 2-d inputs for any other (this is the full-sentence trace ``trace`` prints).

    >>> t = worked_example_trace()
    >>> t.tokens, t.X[0].tolist(), t.d_k
    (('猫', '坐在', '垫子', '上'), [1.0, 0.5], 2)
    """
    sentence = SPEC.sentence if sentence is None else sentence
    return _trace(check_sentence(sentence), sentence)


@dataclass(frozen=True, eq=False)
class WorkedExampleData(TraceData):
    """Chapter 6: the trace of the words worked through (``window`` of ``sentence_tokens``)."""

    sentence_tokens: tuple[str, ...]

    @property
    def typed(self) -> str:
        """The words worked through as the writer typed them (spaces and all), for quoting."""
        return typed_text(self.trace.sentence, self.sentence_tokens, self.window.start, self.window.stop)

    def arrays(self) -> dict:
        """The whole sentence's words and the attention trace of the window."""
        return {"sentence_tokens": list(self.sentence_tokens), "trace": self.trace.to_dict()}

    def make_claims(self) -> Iterable[Claim]:
        tr = self.trace
        if self.window.partial:
            yield self.window.claim(self.tokens)
        yield Claim("shape", "shape", (), {"n": tr.n, "d": tr.X.shape[1], "d_k": tr.d_k}, {"X": list(tr.X.shape)})
        x1 = [fmt(v, SPEC.in_decimals) for v in tr.X[0]]
        yield Claim("x1", "input_row", (tr.tokens[0],), {"x1": x1}, {"X0": tr.X[0].tolist()})
        yield first_entry("first_entry:Q", tr.X, tr.W_q, tr.Q, SPEC.in_decimals, SPEC.in_decimals)
        yield first_entry("first_entry:scores", tr.Q, tr.K.T, tr.scores, SPEC.decimals, SPEC.decimals)
        yield scale_claim("scale", tr.scores, tr.scaled_scores, tr.d_k)
        for i in range(tr.n):
            yield _softmax_row(f"softmax:{i}", tr, i)
        yield first_entry(
            "first_entry:output", tr.weights, tr.V, tr.output, SPEC.decimals, SPEC.decimals, max_terms=SPEC.window
        )  # every term: this chapter is checked by hand
        yield read_row("row:0", tr.tokens, tr.weights[0], 0, range(tr.n), base=self.window.start)


def _softmax_row(topic: str, tr: AttentionTrace, i: int) -> Claim:
    """Row ``i`` of the weights: all positive (the smallest may be written 0.00); what its written numbers add to."""
    total, positive = row_sum_claim(topic, tr.weights[i : i + 1]), positive_claim(topic, tr.weights[i : i + 1])
    values = {"i": i + 1, **total.values, **{k: v for k, v in positive.values.items()}}
    return Claim(topic, "softmax_row", (tr.tokens[i],), values, {**total.evidence, **positive.evidence})


def worked_example_data(sentence: str | None = None, focus: str | None = None) -> WorkedExampleData:
    """Chapter 6's data: every word of a short sentence, or a window of a long one (around ``focus`` if given).

    >>> d = worked_example_data()
    >>> d.tokens, d.trace.X[0].tolist(), d.claim("first_entry:Q").values["expression"]
    (('猫', '坐在', '垫子', '上'), [1.0, 0.5], '1.0×2.0 + 0.5×0.2 = 2.10')
    >>> d = worked_example_data(" ".join("abcdefghijklm"))
    >>> d.tokens, d.claim("window").values["total"]
    (('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'), 13)
    """
    sentence = SPEC.sentence if sentence is None else sentence
    tokens = check_sentence(sentence)
    index = find_focus(tokens, focus) if focus else None
    window = window_for(len(tokens), SPEC.window, index)
    shown = tokens[window.start : window.stop]
    return WorkedExampleData(_trace(shown, sentence), window, tokens)
