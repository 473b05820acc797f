"""Every caption and title, in Chinese and English, in one place: one module per chapter, merged here.

Templates take values computed from the trace (``{best}``, ``{w}``): a caption never states a number or a
"strongest" word that the scene did not read from the data. Keys are prefixed by chapter ("we." = worked-example).
"""

from __future__ import annotations

from scenes.strings import (
    attention_matrix,
    common,
    formula,
    intuition,
    qkv,
    rnn_limits,
    self_attention_idea,
    worked_example,
)

__all__ = ["LANGS", "STRINGS", "text"]

LANGS = ("zh", "en")

_MODULES = (common, intuition, rnn_limits, self_attention_idea, qkv, formula, worked_example, attention_matrix)
STRINGS: dict[str, dict[str, str]] = {
    "zh": {k: v for m in _MODULES for k, v in m.ZH.items()},
    "en": {k: v for m in _MODULES for k, v in m.EN.items()},
}


def text(lang: str, key: str, **values: object) -> str:
    """The caption ``key`` in ``lang`` with ``values`` filled in.

    >>> text("en", "we.scale", d_k=2, sqrt="1.41")
    'Divide by √d_k = √2 ≈ 1.41 so scores do not grow with the dimension'
    """
    return STRINGS[lang][key].format(**values)
