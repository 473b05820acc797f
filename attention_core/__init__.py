"""Pure NumPy attention: tokens, embeddings, Q/K/V, scores, softmax, outputs, as immutable traces and the claims
the videos make about them.

Grouped by role: :mod:`~attention_core.kernel` (attention, traces, the RNN, scaling, multi-head),
:mod:`~attention_core.language` (tokenize, parts of speech, focus, the lexicon), :mod:`~attention_core.models`
(trained models' attention, views and head rules), :mod:`~attention_core.claims` (what captions state, numbers as
written) and :mod:`~attention_core.chapter` (what every chapter's data shares). No chapter lives here: each
chapter's data is ``scenes/<folder>/data.py``. This floor never imports manim, click, scenes or render.
"""

from __future__ import annotations

from attention_core.chapter.base import MAX_TOKENS, MIN_TOKENS, ChapterData, Window, check_sentence, window_for
from attention_core.chapter.reading import Reading
from attention_core.chapter.spec import ChapterSpec
from attention_core.claims.claim import READING_KINDS, Claim, highlighted, read_row
from attention_core.claims.display import WEIGHT_DECIMALS, fmt, fmt_magnitude, fmt_percent
from attention_core.errors import ExplainerError
from attention_core.kernel.attention import embed_tokens, projection_matrices, softmax
from attention_core.kernel.library import LibraryDemo, library_demo
from attention_core.kernel.multi_head import MultiHeadTrace, multi_head_trace
from attention_core.kernel.rnn import DecayCurve, GradientCurves, RnnRun, gradient_norms, retention_curve, rnn_run
from attention_core.kernel.scaling import ScalingDemo, scaling_demo
from attention_core.kernel.trace import ARRAY_KEYS, AttentionTrace, attention_trace, sentence_trace, tokens_trace
from attention_core.language.focus import FOCUS_RULES, choose_focus, find_focus
from attention_core.language.lexicon import lexicon_attention, lexicon_trace
from attention_core.language.tokenize import MAX_SENTENCE_CHARS, detect_language, tokenize
from attention_core.models.model_attention import MODELS, ModelAttention, model_attention
from attention_core.models.word_attention import ATTENTION_MODELS, DEFAULT_MODEL, WordAttention

__all__ = [
    "ARRAY_KEYS",
    "ATTENTION_MODELS",
    "DEFAULT_MODEL",
    "FOCUS_RULES",
    "MAX_SENTENCE_CHARS",
    "MAX_TOKENS",
    "MIN_TOKENS",
    "MODELS",
    "READING_KINDS",
    "WEIGHT_DECIMALS",
    "AttentionTrace",
    "ChapterData",
    "ChapterSpec",
    "Claim",
    "DecayCurve",
    "ExplainerError",
    "GradientCurves",
    "LibraryDemo",
    "ModelAttention",
    "MultiHeadTrace",
    "Reading",
    "RnnRun",
    "ScalingDemo",
    "Window",
    "WordAttention",
    "attention_trace",
    "check_sentence",
    "choose_focus",
    "detect_language",
    "embed_tokens",
    "find_focus",
    "fmt",
    "fmt_magnitude",
    "fmt_percent",
    "gradient_norms",
    "highlighted",
    "lexicon_attention",
    "lexicon_trace",
    "library_demo",
    "model_attention",
    "multi_head_trace",
    "projection_matrices",
    "read_row",
    "retention_curve",
    "rnn_run",
    "scaling_demo",
    "sentence_trace",
    "softmax",
    "tokenize",
    "tokens_trace",
    "window_for",
]
