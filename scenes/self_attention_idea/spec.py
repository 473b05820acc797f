"""Chapter 3, self-attention-idea: what the registry knows of it, without NumPy (see attention_core.chapter.spec)."""

from __future__ import annotations

from attention_core.chapter.spec import ChapterSpec
from attention_core.limits import ATTENTION_MODELS, MAX_READING_TOKENS

__all__ = ["SPEC"]

SPEC = ChapterSpec(
    "self-attention-idea",
    3,
    "scenes.self_attention_idea.scene:ConnectEveryWord",
    "小猫在花园里追蝴蝶,然后它停下了",
    "scenes.self_attention_idea.data:self_attention_data",
    "自注意力：每个词直接看到每个词，一步并行，权重随内容变化",
    "Self-attention: every word sees every word, in one parallel step, with dynamic weights",
    ATTENTION_MODELS,
    focus="它",
    window=MAX_READING_TOKENS,
)
