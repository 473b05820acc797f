"""Pure NumPy attention: tokens, embeddings, Q/K/V, scores, softmax, outputs, as immutable traces and the claims
the videos make about them.

Grouped by role: :mod:`~attention_core.kernel` (attention, traces, the RNN, scaling, multi-head),
:mod:`~attention_core.language` (tokenize, parts of speech, focus, the lexicon), :mod:`~attention_core.models`
(trained models' attention, views and head rules), :mod:`~attention_core.claims` (what captions state, numbers as
written) and :mod:`~attention_core.chapter` (what every chapter's data shares). No chapter lives here: each
chapter's data is ``scenes/<folder>/data.py``. This floor never imports manim, click, scenes or render.

Each name below is imported from its module when first asked for, so ``from attention_core import ExplainerError``
(or ``ChapterSpec``, or a limit from :mod:`~attention_core.limits`) loads neither NumPy nor jieba: a run with
nothing to render needs only those.
"""

from __future__ import annotations

import importlib

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

_WHERE = {  # name -> the module that defines it, imported when the name is first asked for
    "MAX_TOKENS": "attention_core.limits",
    "MIN_TOKENS": "attention_core.limits",
    "MODELS": "attention_core.limits",
    "ATTENTION_MODELS": "attention_core.limits",
    "DEFAULT_MODEL": "attention_core.limits",
    "ChapterData": "attention_core.chapter.base",
    "Window": "attention_core.chapter.base",
    "check_sentence": "attention_core.chapter.base",
    "window_for": "attention_core.chapter.base",
    "Reading": "attention_core.chapter.reading",
    "ChapterSpec": "attention_core.chapter.spec",
    "READING_KINDS": "attention_core.claims.claim",
    "Claim": "attention_core.claims.claim",
    "highlighted": "attention_core.claims.claim",
    "read_row": "attention_core.claims.claim",
    "WEIGHT_DECIMALS": "attention_core.claims.display",
    "fmt": "attention_core.claims.display",
    "fmt_magnitude": "attention_core.claims.display",
    "fmt_percent": "attention_core.claims.display",
    "ExplainerError": "attention_core.errors",
    "embed_tokens": "attention_core.kernel.attention",
    "projection_matrices": "attention_core.kernel.attention",
    "softmax": "attention_core.kernel.attention",
    "LibraryDemo": "attention_core.kernel.library",
    "library_demo": "attention_core.kernel.library",
    "MultiHeadTrace": "attention_core.kernel.multi_head",
    "multi_head_trace": "attention_core.kernel.multi_head",
    "DecayCurve": "attention_core.kernel.rnn",
    "GradientCurves": "attention_core.kernel.rnn",
    "RnnRun": "attention_core.kernel.rnn",
    "gradient_norms": "attention_core.kernel.rnn",
    "retention_curve": "attention_core.kernel.rnn",
    "rnn_run": "attention_core.kernel.rnn",
    "ScalingDemo": "attention_core.kernel.scaling",
    "scaling_demo": "attention_core.kernel.scaling",
    "ARRAY_KEYS": "attention_core.kernel.trace",
    "AttentionTrace": "attention_core.kernel.trace",
    "attention_trace": "attention_core.kernel.trace",
    "sentence_trace": "attention_core.kernel.trace",
    "tokens_trace": "attention_core.kernel.trace",
    "FOCUS_RULES": "attention_core.language.focus",
    "choose_focus": "attention_core.language.focus",
    "find_focus": "attention_core.language.focus",
    "lexicon_attention": "attention_core.language.lexicon",
    "lexicon_trace": "attention_core.language.lexicon",
    "MAX_SENTENCE_CHARS": "attention_core.language.tokenize",
    "detect_language": "attention_core.language.tokenize",
    "tokenize": "attention_core.language.tokenize",
    "ModelAttention": "attention_core.models.model_attention",
    "model_attention": "attention_core.models.model_attention",
    "WordAttention": "attention_core.models.word_attention",
}


def __getattr__(name: str):
    """Each name is imported from its module when first asked for (PEP 562), so that importing the light ones
    (the errors, the limits, :class:`ChapterSpec`) never loads NumPy, jieba or a model."""
    if name not in _WHERE:
        raise AttributeError(f"module 'attention_core' has no attribute {name!r}")
    value = getattr(importlib.import_module(_WHERE[name]), name)
    globals()[name] = value  # asked once
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
