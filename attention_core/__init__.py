"""Pure NumPy attention: tokens, embeddings, Q/K/V, scores, softmax, outputs, as immutable traces and the claims
the videos make about them.

This floor never imports manim, click, scenes or render.
"""

from __future__ import annotations

from attention_core.attention import embed_tokens, projection_matrices, softmax
from attention_core.chapter import MAX_TOKENS, MIN_TOKENS, ChapterData, Window, check_sentence, window_for
from attention_core.chapter_data import QKV_SENTENCE, FormulaData, QkvData, formula_data, qkv_data
from attention_core.claims import READING_KINDS, Claim, highlighted, read_row
from attention_core.display import WEIGHT_DECIMALS, fmt, fmt_magnitude, fmt_percent
from attention_core.errors import ExplainerError
from attention_core.focus import FOCUS_RULES, choose_focus, find_focus
from attention_core.lexicon import lexicon_attention, lexicon_trace
from attention_core.library import LibraryDemo, library_demo
from attention_core.model_attention import MODELS, ModelAttention, model_attention
from attention_core.multi_head import MULTI_HEAD_SENTENCE, MultiHeadData, MultiHeadTrace, multi_head_data
from attention_core.patterns import MATRIX_SENTENCE, MAX_MATRIX_TOKENS, MatrixData, attention_matrix_data
from attention_core.presets import (
    WORKED_EXAMPLE_MAX_TOKENS,
    WORKED_EXAMPLE_SENTENCE,
    WorkedExampleData,
    worked_example_data,
    worked_example_trace,
)
from attention_core.reading import (
    INTUITION_FOCUS,
    INTUITION_SENTENCE,
    MAX_READING_TOKENS,
    SELF_ATTENTION_SENTENCE,
    IntuitionData,
    Reading,
    SelfAttentionData,
    intuition_data,
    self_attention_data,
)
from attention_core.real_model import RealModelData, real_model_data
from attention_core.rnn import DecayCurve, GradientCurves, RnnRun, gradient_norms, retention_curve, rnn_run
from attention_core.rnn_limits import LONG_SENTENCE, RNN_SENTENCE, RnnLimitsData, rnn_limits_data
from attention_core.scaling import ScalingDemo, scaling_demo
from attention_core.tokenize import MAX_SENTENCE_CHARS, detect_language, tokenize
from attention_core.trace import ARRAY_KEYS, AttentionTrace, attention_trace, sentence_trace, tokens_trace
from attention_core.word_attention import ATTENTION_MODELS, WordAttention

__all__ = [
    "MultiHeadData",
    "MultiHeadTrace",
    "multi_head_data",
    "ARRAY_KEYS",
    "ATTENTION_MODELS",
    "FOCUS_RULES",
    "INTUITION_FOCUS",
    "INTUITION_SENTENCE",
    "LONG_SENTENCE",
    "MATRIX_SENTENCE",
    "MAX_MATRIX_TOKENS",
    "MAX_READING_TOKENS",
    "MAX_SENTENCE_CHARS",
    "MAX_TOKENS",
    "MIN_TOKENS",
    "MODELS",
    "MULTI_HEAD_SENTENCE",
    "QKV_SENTENCE",
    "READING_KINDS",
    "RNN_SENTENCE",
    "SELF_ATTENTION_SENTENCE",
    "WEIGHT_DECIMALS",
    "WORKED_EXAMPLE_MAX_TOKENS",
    "WORKED_EXAMPLE_SENTENCE",
    "AttentionTrace",
    "ChapterData",
    "Claim",
    "DecayCurve",
    "ExplainerError",
    "FormulaData",
    "GradientCurves",
    "IntuitionData",
    "LibraryDemo",
    "MatrixData",
    "ModelAttention",
    "QkvData",
    "RealModelData",
    "Reading",
    "RnnLimitsData",
    "RnnRun",
    "ScalingDemo",
    "SelfAttentionData",
    "Window",
    "WordAttention",
    "WorkedExampleData",
    "attention_matrix_data",
    "attention_trace",
    "check_sentence",
    "choose_focus",
    "detect_language",
    "embed_tokens",
    "find_focus",
    "fmt",
    "fmt_magnitude",
    "fmt_percent",
    "formula_data",
    "gradient_norms",
    "highlighted",
    "intuition_data",
    "lexicon_attention",
    "lexicon_trace",
    "model_attention",
    "library_demo",
    "projection_matrices",
    "qkv_data",
    "real_model_data",
    "read_row",
    "retention_curve",
    "rnn_limits_data",
    "rnn_run",
    "scaling_demo",
    "self_attention_data",
    "sentence_trace",
    "softmax",
    "tokenize",
    "tokens_trace",
    "window_for",
    "worked_example_data",
    "worked_example_trace",
]
