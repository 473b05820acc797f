"""Pure NumPy attention: tokens, embeddings, Q/K/V, scores, softmax, outputs, as immutable traces.

This floor never imports manim, click, scenes or render.
"""

from __future__ import annotations

from attention_core.attention import embed_tokens, projection_matrices, softmax
from attention_core.errors import ExplainerError
from attention_core.focus import choose_focus, find_focus
from attention_core.lexicon import lexicon_trace
from attention_core.library import LibraryDemo, library_demo
from attention_core.presets import WORKED_EXAMPLE_MAX_TOKENS, WORKED_EXAMPLE_SENTENCE, worked_example_trace
from attention_core.rnn import DecayCurve, GradientCurves, RnnRun, gradient_norms, retention_curve, rnn_run
from attention_core.scaling import ScalingDemo, scaling_demo
from attention_core.tokenize import MAX_SENTENCE_CHARS, detect_language, tokenize
from attention_core.trace import ARRAY_KEYS, AttentionTrace, attention_trace, sentence_trace

__all__ = [
    "ARRAY_KEYS",
    "MAX_SENTENCE_CHARS",
    "WORKED_EXAMPLE_MAX_TOKENS",
    "WORKED_EXAMPLE_SENTENCE",
    "AttentionTrace",
    "DecayCurve",
    "ExplainerError",
    "GradientCurves",
    "LibraryDemo",
    "RnnRun",
    "ScalingDemo",
    "attention_trace",
    "choose_focus",
    "detect_language",
    "embed_tokens",
    "find_focus",
    "gradient_norms",
    "lexicon_trace",
    "library_demo",
    "projection_matrices",
    "retention_curve",
    "rnn_run",
    "scaling_demo",
    "sentence_trace",
    "softmax",
    "tokenize",
    "worked_example_trace",
]
