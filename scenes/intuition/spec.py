"""Chapter 1, intuition: what the registry knows of it, without NumPy (see attention_core.chapter.spec)."""

from __future__ import annotations

from attention_core.chapter.spec import ChapterSpec
from attention_core.limits import ATTENTION_MODELS, MAX_READING_TOKENS

__all__ = ["SPEC"]

SPEC = ChapterSpec(
    "intuition",
    1,
    "scenes.intuition.scene:ShowSelectiveRecall",
    "那只在花园里追逐蝴蝶的小猫突然停下了脚步",
    "scenes.intuition.data:intuition_data",
    "注意力的直觉：读到一个词时，有选择地回看前面的词",
    "The intuition: reaching a word, look back selectively at the earlier ones",
    ATTENTION_MODELS,
    focus="停下",
    window=MAX_READING_TOKENS,
)
