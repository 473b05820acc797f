"""Pure NumPy attention: tokens, embeddings, Q/K/V, scores, softmax, outputs, as immutable traces.

This floor never imports manim, click, scenes or render.
"""

from __future__ import annotations

from attention_core.attention import embed_tokens, projection_matrices, softmax
from attention_core.chapter_data import (
    MAX_CHAPTER_TOKENS,
    QKV_SENTENCE,
    FormulaData,
    QkvData,
    formula_data,
    qkv_data,
)
from attention_core.errors import ExplainerError
from attention_core.focus import choose_focus, find_focus
from attention_core.lexicon import lexicon_trace
from attention_core.library import LibraryDemo, library_demo
from attention_core.patterns import MATRIX_SENTENCE, MatrixData, RowReading, attention_matrix_data
from attention_core.presets import WORKED_EXAMPLE_MAX_TOKENS, WORKED_EXAMPLE_SENTENCE, worked_example_trace
from attention_core.reading import (
    INTUITION_FOCUS,
    INTUITION_SENTENCE,
    SELF_ATTENTION_SENTENCE,
    ReadingTrace,
    intuition_trace,
    self_attention_trace,
)
from attention_core.rnn import DecayCurve, GradientCurves, RnnRun, gradient_norms, retention_curve, rnn_run
from attention_core.rnn_limits import LONG_SENTENCE, RNN_SENTENCE, RnnLimitsDemo, rnn_limits_demo
from attention_core.scaling import ScalingDemo, scaling_demo
from attention_core.tokenize import MAX_SENTENCE_CHARS, detect_language, tokenize
from attention_core.trace import ARRAY_KEYS, AttentionTrace, attention_trace, sentence_trace

__all__ = [
    "ARRAY_KEYS",
    "INTUITION_FOCUS",
    "INTUITION_SENTENCE",
    "LONG_SENTENCE",
    "MATRIX_SENTENCE",
    "MAX_CHAPTER_TOKENS",
    "MAX_SENTENCE_CHARS",
    "QKV_SENTENCE",
    "RNN_SENTENCE",
    "SELF_ATTENTION_SENTENCE",
    "WORKED_EXAMPLE_MAX_TOKENS",
    "WORKED_EXAMPLE_SENTENCE",
    "AttentionTrace",
    "DecayCurve",
    "ExplainerError",
    "FormulaData",
    "GradientCurves",
    "LibraryDemo",
    "MatrixData",
    "QkvData",
    "ReadingTrace",
    "RnnLimitsDemo",
    "RnnRun",
    "RowReading",
    "ScalingDemo",
    "attention_matrix_data",
    "attention_trace",
    "choose_focus",
    "detect_language",
    "embed_tokens",
    "find_focus",
    "formula_data",
    "gradient_norms",
    "intuition_trace",
    "lexicon_trace",
    "library_demo",
    "projection_matrices",
    "qkv_data",
    "retention_curve",
    "rnn_limits_demo",
    "rnn_run",
    "scaling_demo",
    "self_attention_trace",
    "sentence_trace",
    "softmax",
    "tokenize",
    "worked_example_trace",
]
