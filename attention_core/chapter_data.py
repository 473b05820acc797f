"""The data of chapters 4 (qkv) and 5 (formula): a small attention trace bundled with its demonstration.

Both chapters use the same sentence and the same seeded inputs (d_model = 4, d_k = 3, one decimal per input),
so the Q, K and V built in chapter 4 are the ones chapter 5 feeds into the formula. They compute over every word
of any accepted sentence; a matrix too tall for the frame is drawn with its middle rows elided ("⋮").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from attention_core.chapter import ChapterData, Window, check_sentence, window_for
from attention_core.claims import (
    Claim,
    first_entry,
    positive_claim,
    read_row,
    row_sum_claim,
    scale_claim,
)
from attention_core.display import WEIGHT_DECIMALS, fmt
from attention_core.library import LibraryDemo, library_demo
from attention_core.scaling import ScalingDemo, scaling_demo
from attention_core.tokenize import detect_language
from attention_core.trace import AttentionTrace, tokens_trace

__all__ = [
    "D_K",
    "D_MODEL",
    "INPUT_DECIMALS",
    "QKV_SENTENCE",
    "FormulaData",
    "QkvData",
    "formula_data",
    "qkv_data",
]

QKV_SENTENCE = "我爱吃苹果"
D_MODEL, D_K, INPUT_DECIMALS = 4, 3, 1
OUT = WEIGHT_DECIMALS  # Q, K, V, scores, weights, output: two decimals


def _small_trace(sentence: str | None) -> AttentionTrace:
    sentence = QKV_SENTENCE if sentence is None else sentence
    tokens = check_sentence(sentence)
    return tokens_trace(
        tokens, D_MODEL, D_K, decimals=INPUT_DECIMALS, sentence=sentence, lang=detect_language(sentence)
    )


def _floats(a: np.ndarray) -> list:
    return np.asarray(a, dtype=float).tolist()


@dataclass(frozen=True, eq=False)
class QkvData(ChapterData):
    """Chapter 4: the library analogy in both caption languages, and the trace whose X·W gives Q, K, V."""

    trace: AttentionTrace
    window: Window
    library_zh: LibraryDemo
    library_en: LibraryDemo

    @property
    def tokens(self) -> tuple[str, ...]:
        """The words of the sentence."""
        return self.trace.tokens

    def library(self, lang: str) -> LibraryDemo:
        """The library analogy with titles in ``lang`` ("zh" or "en")."""
        return self.library_zh if lang == "zh" else self.library_en

    def arrays(self) -> dict:
        """The library (both languages) and the attention trace."""
        return {
            "library_zh": self.library_zh.to_dict(),
            "library_en": self.library_en.to_dict(),
            "trace": self.trace.to_dict(),
        }

    def make_claims(self) -> Iterable[Claim]:
        for lang in ("zh", "en"):
            yield from _library_claims(self.library(lang), lang)
        tr = self.trace
        yield Claim("shape", "shape", (), {"n": tr.n, "d": tr.X.shape[1]}, {"X": list(tr.X.shape)})
        yield first_entry("first_entry:Q", tr.X, tr.W_q, tr.Q, INPUT_DECIMALS, INPUT_DECIMALS)


def _library_claims(lib: LibraryDemo, lang: str) -> Iterable[Claim]:
    matches = [fmt(m, 0) for m in lib.matches]
    yield Claim(f"lib_matches:{lang}", "matches", lib.titles, {"matches": matches}, {"query": lib.query})
    yield read_row(f"lib_best:{lang}", lib.titles, lib.weights, None, range(len(lib.titles)))
    top = lib.top_topic
    share = lib.weights * lib.contents[:, top]  # how much of the top topic each book brings
    source = int(np.argmax(share))
    values = {
        "topic": lib.topics[top],
        "r": fmt(float(lib.reading[top]), 2),
        "from": lib.titles[source],
        "mostly": bool(share[source] > 0.5 * lib.reading[top]),
    }
    yield Claim(
        f"lib_reading:{lang}",
        "top_share",
        (lib.titles[source], lib.topics[top]),
        values,
        {"reading": _floats(lib.reading), "shares": _floats(share)},
    )


@dataclass(frozen=True, eq=False)
class FormulaData(ChapterData):
    """Chapter 5: the trace the formula is evaluated on, and the measured demonstration of why ÷√d_k."""

    trace: AttentionTrace
    window: Window
    scaling: ScalingDemo

    @property
    def tokens(self) -> tuple[str, ...]:
        """The words of the sentence."""
        return self.trace.tokens

    @property
    def sqrt_d_ks(self) -> np.ndarray:
        """``(m,)``: √d_k for each measured d_k, what the spread of q·k should be close to."""
        return np.sqrt(self.scaling.d_ks)

    @property
    def big_scaled_scores(self) -> np.ndarray:
        """``(n_keys,)``: the d_k = 64 demonstration's scores divided by √64, as softmax sees them once scaled."""
        return self.scaling.scores / np.sqrt(self.scaling.d_k_big)

    def arrays(self) -> dict:
        """The measured scaling demonstration and the attention trace."""
        scaling = {
            **self.scaling.to_dict(),
            "sqrt_d_ks": _floats(self.sqrt_d_ks),
            "scaled_scores": _floats(self.big_scaled_scores),
        }
        return {"scaling": scaling, "trace": self.trace.to_dict()}

    def make_claims(self) -> Iterable[Claim]:
        tr, sd = self.trace, self.scaling
        yield Claim("shape", "shape", (), {"n": tr.n, "d_k": tr.d_k}, {"scores": list(tr.scores.shape)})
        yield first_entry("first_entry:scores", tr.Q, tr.K.T, tr.scores, OUT, OUT)
        yield scale_claim("scale", tr.scores, tr.scaled_scores, tr.d_k)
        yield Claim(
            "spread",
            "spread",
            (),
            {
                "samples": sd.n_samples,
                "d_big": int(sd.d_ks[-1]),
                "s_big": fmt(float(sd.std_dot[-1]), 1),
                "ratios": [fmt(float(r), 1) for r in sd.std_dot / self.sqrt_d_ks],
                "scaled": [fmt(float(s), 1) for s in sd.std_scaled],
            },
            {"std_dot": _floats(sd.std_dot)},
        )
        top_u, top_s = float(sd.weights_unscaled.max()), float(sd.weights_scaled.max())
        yield Claim(
            "saturation",
            "saturation",
            (),
            {
                "d": sd.d_k_big,
                "top_score": fmt(float(sd.scores.max()), 1),
                "w_unscaled": fmt(top_u, 2),
                "w_scaled": fmt(top_s, 2),
                "sqrt": fmt(sd.sqrt_d_k_big, 0),
                "one_hot": top_u >= 0.9,
                "spread_out": top_s < 0.9,
            },
            {"weights_unscaled": _floats(sd.weights_unscaled), "weights_scaled": _floats(sd.weights_scaled)},
        )
        yield positive_claim("positive", tr.weights)
        yield row_sum_claim("row_sums", tr.weights)
        yield first_entry("first_entry:output", tr.weights, tr.V, tr.output, OUT, OUT)
        yield read_row("row:0", tr.tokens, tr.weights[0], 0, range(tr.n))


def qkv_data(sentence: str | None = None, focus: str | None = None) -> QkvData:
    """Chapter 4's data: ``sentence`` (default :data:`QKV_SENTENCE`) and the library in both languages (``focus``
    is accepted as by every chapter and not used: this chapter reads no single word's row).

    >>> d = qkv_data()
    >>> d.tokens, d.trace.X.shape, d.trace.Q.shape, d.claim("lib_best:en").words
    (('我', '爱', '吃', '苹果'), (4, 4), (4, 3), ('Deep Learning Basics',))
    """
    trace = _small_trace(sentence)
    return QkvData(trace, window_for(trace.n, trace.n), library_demo("zh"), library_demo("en"))


def formula_data(sentence: str | None = None, focus: str | None = None) -> FormulaData:
    """Chapter 5's data: the same trace as chapter 4, and :func:`scaling_demo` (``focus``: not used).

    >>> d = formula_data()
    >>> d.trace.d_k, [round(float(s), 1) for s in d.scaling.std_dot], d.claim("saturation").values["one_hot"]
    (3, [2.0, 4.0, 8.1, 16.0], True)
    """
    trace = _small_trace(sentence)
    return FormulaData(trace, window_for(trace.n, trace.n), scaling_demo())
