"""The data of chapters 4 (qkv) and 5 (formula): a small attention trace bundled with its demonstration.

Both chapters use the same short sentence and the same seeded inputs (d_model = 4, d_k = 3, one decimal per
input), so the Q, K and V built in chapter 4 are the ones chapter 5 feeds into the formula. Any sentence of
2 to :data:`MAX_CHAPTER_TOKENS` tokens works; larger matrices are shown with elided rows by the scenes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import numpy as np

from attention_core.errors import ExplainerError
from attention_core.library import LibraryDemo, library_demo
from attention_core.scaling import ScalingDemo, scaling_demo
from attention_core.tokenize import tokenize
from attention_core.trace import AttentionTrace, sentence_trace

__all__ = [
    "MAX_CHAPTER_TOKENS",
    "QKV_SENTENCE",
    "FormulaData",
    "QkvData",
    "check_token_count",
    "formula_data",
    "library_dict",
    "qkv_data",
    "scaling_dict",
]

QKV_SENTENCE = "我爱吃苹果"
MAX_CHAPTER_TOKENS = 16  # the most a chapter shows legibly, in 16:9 and in 9:16
D_MODEL, D_K, INPUT_DECIMALS = 4, 3, 1


def check_token_count(sentence: str, low: int = 2, high: int = MAX_CHAPTER_TOKENS) -> tuple[str, ...]:
    """The tokens of ``sentence``, or a one-line :class:`ExplainerError` if there are not ``low``..``high``.

    >>> check_token_count("我爱吃苹果")
    ('我', '爱', '吃', '苹果')
    >>> check_token_count("猫")
    Traceback (most recent call last):
    ...
    attention_core.errors.ExplainerError: the sentence has 1 token; this chapter needs 2 to 16
    """
    tokens = tokenize(sentence)
    if not low <= len(tokens) <= high:
        noun = "token" if len(tokens) == 1 else "tokens"
        raise ExplainerError(f"the sentence has {len(tokens)} {noun}; this chapter needs {low} to {high}")
    return tokens


def _small_trace(sentence: str | None) -> AttentionTrace:
    sentence = QKV_SENTENCE if sentence is None else sentence
    check_token_count(sentence)
    return sentence_trace(sentence, d_model=D_MODEL, d_k=D_K, decimals=INPUT_DECIMALS)


def _floats(a: np.ndarray) -> list:
    return np.asarray(a, dtype=float).tolist()


def library_dict(demo: LibraryDemo) -> dict:
    """A :class:`LibraryDemo` as plain lists and numbers."""
    return {
        "query": demo.query, "titles": list(demo.titles), "topics": list(demo.topics), "best": demo.best,
        "matches": _floats(demo.matches), "weights": _floats(demo.weights), "contents": _floats(demo.contents),
        "reading": _floats(demo.reading),
    }  # fmt: skip


def scaling_dict(demo: ScalingDemo) -> dict:
    """A :class:`ScalingDemo` as plain lists and numbers."""
    names = ("d_ks", "std_dot", "std_scaled", "scores", "weights_unscaled", "weights_scaled")
    return {"d_k_big": demo.d_k_big, "n_samples": demo.n_samples, **{k: _floats(getattr(demo, k)) for k in names}}


@dataclass(frozen=True, eq=False)
class QkvData:
    """Chapter 4: the library analogy in both caption languages, and the trace whose X·W gives Q, K, V."""

    trace: AttentionTrace
    library_zh: LibraryDemo
    library_en: LibraryDemo

    @property
    def tokens(self) -> tuple[str, ...]:
        """The words of the sentence."""
        return self.trace.tokens

    def library(self, lang: str) -> LibraryDemo:
        """The library analogy with titles in ``lang`` ("zh" or "en")."""
        return self.library_zh if lang == "zh" else self.library_en

    def to_dict(self) -> dict:
        """Plain lists and numbers for ``json.dumps``."""
        return {"library_zh": library_dict(self.library_zh), "library_en": library_dict(self.library_en),
                "trace": self.trace.to_dict()}  # fmt: skip

    def to_json(self, indent: int | None = 2) -> str:
        """The chapter's data as JSON (UTF-8 text, Chinese kept readable)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)


@dataclass(frozen=True, eq=False)
class FormulaData:
    """Chapter 5: the trace the formula is evaluated on, and the measured demonstration of why ÷√d_k."""

    trace: AttentionTrace
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

    def to_dict(self) -> dict:
        """Plain lists and numbers for ``json.dumps``."""
        scaling = {**scaling_dict(self.scaling), "sqrt_d_ks": _floats(self.sqrt_d_ks),
                   "scaled_scores": _floats(self.big_scaled_scores)}
        return {"scaling": scaling, "trace": self.trace.to_dict()}

    def to_json(self, indent: int | None = 2) -> str:
        """The chapter's data as JSON (UTF-8 text, Chinese kept readable)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)


def qkv_data(sentence: str | None = None) -> QkvData:
    """Chapter 4's data: ``sentence`` (default :data:`QKV_SENTENCE`) and the library in both languages.

    >>> d = qkv_data()
    >>> d.tokens, d.trace.X.shape, d.trace.Q.shape, d.library("en").titles[d.library("en").best]
    (('我', '爱', '吃', '苹果'), (4, 4), (4, 3), 'Deep Learning Basics')
    """
    return QkvData(_small_trace(sentence), library_demo("zh"), library_demo("en"))


def formula_data(sentence: str | None = None) -> FormulaData:
    """Chapter 5's data: the same trace as chapter 4, and :func:`scaling_demo`.

    >>> d = formula_data()
    >>> d.trace.d_k, [round(float(s), 1) for s in d.scaling.std_dot]
    (3, [2.0, 4.0, 8.1, 16.0])
    """
    return FormulaData(_small_trace(sentence), scaling_demo())
