"""Chapter 9, real-model: what the registry knows of it, without NumPy (see attention_core.chapter.spec)."""

from __future__ import annotations

from attention_core.chapter.spec import ChapterSpec
from attention_core.limits import MODELS

__all__ = ["SPEC"]

SPEC = ChapterSpec(
    "real-model",
    9,
    "scenes.real_model.scene:ShowRealHeads",
    "小猫在花园里追蝴蝶,然后它停下了",
    "scenes.real_model.data:real_model_data",
    "真实模型：训练好的模型的 144 个头，怎样看你的句子",
    "A real model: what a trained model's 144 heads do with your sentence",
    tuple(MODELS),
    focus="它",
    window=16,  # words: the zoomed heatmaps stay legible; the gallery shows 144 of them
)
