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

_EXPORTS = {  # module -> the names it gives the package, each imported when first asked for
    "limits": ("MAX_TOKENS", "MIN_TOKENS", "MODELS", "ATTENTION_MODELS", "DEFAULT_MODEL"),
    "chapter.base": ("ChapterData", "Window", "check_sentence", "window_for"),
    "chapter.reading": ("Reading",),
    "chapter.spec": ("ChapterSpec",),
    "claims.claim": ("READING_KINDS", "Claim", "highlighted", "read_row"),
    "claims.display": ("WEIGHT_DECIMALS", "fmt", "fmt_magnitude", "fmt_percent"),
    "errors": ("ExplainerError",),
    "kernel.attention": ("embed_tokens", "projection_matrices", "softmax"),
    "kernel.library": ("LibraryDemo", "library_demo"),
    "kernel.multi_head": ("MultiHeadTrace", "multi_head_trace"),
    "kernel.rnn": ("DecayCurve", "GradientCurves", "RnnRun", "gradient_norms", "retention_curve", "rnn_run"),
    "kernel.scaling": ("ScalingDemo", "scaling_demo"),
    "kernel.trace": ("ARRAY_KEYS", "AttentionTrace", "attention_trace", "sentence_trace", "tokens_trace"),
    "language.focus": ("FOCUS_RULES", "choose_focus", "find_focus"),
    "language.lexicon": ("lexicon_attention", "lexicon_trace"),
    "language.tokenize": ("MAX_SENTENCE_CHARS", "detect_language", "tokenize"),
    "models.model_attention": ("ModelAttention", "model_attention"),
    "models.word_attention": ("WordAttention",),
}
_WHERE = {name: f"attention_core.{module}" for module, names in _EXPORTS.items() for name in names}
__all__ = sorted(_WHERE)  # derived: the table above is the one list to keep


def __getattr__(name: str):
    """Each name is imported from its module when first asked for (PEP 562), so that importing the light ones
    (the errors, the limits, :class:`ChapterSpec`) never loads NumPy, jieba or a model."""
    if name not in _WHERE:
        raise AttributeError(f"module 'attention_core' has no attribute {name!r}")
    value = getattr(importlib.import_module(_WHERE[name]), name)
    globals()[name] = value  # asked once
    return value


def __dir__() -> list[str]:
    return list(__all__)
