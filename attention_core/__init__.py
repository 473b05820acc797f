"""Pure NumPy attention: tokens, embeddings, Q/K/V, scores, softmax, outputs, as immutable traces.

This floor never imports manim, click, scenes or render.
"""

from __future__ import annotations

from attention_core.attention import embed_tokens, projection_matrices, softmax
from attention_core.errors import ExplainerError
from attention_core.presets import WORKED_EXAMPLE_MAX_TOKENS, WORKED_EXAMPLE_SENTENCE, worked_example_trace
from attention_core.tokenize import MAX_SENTENCE_CHARS, detect_language, tokenize
from attention_core.trace import ARRAY_KEYS, AttentionTrace, attention_trace, sentence_trace

__all__ = [
    "ARRAY_KEYS",
    "MAX_SENTENCE_CHARS",
    "WORKED_EXAMPLE_MAX_TOKENS",
    "WORKED_EXAMPLE_SENTENCE",
    "AttentionTrace",
    "ExplainerError",
    "attention_trace",
    "detect_language",
    "embed_tokens",
    "projection_matrices",
    "sentence_trace",
    "softmax",
    "tokenize",
    "worked_example_trace",
]
