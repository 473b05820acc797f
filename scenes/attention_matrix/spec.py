"""Chapter 7, attention-matrix: what the registry knows of it, without NumPy (see attention_core.chapter.spec)."""

from __future__ import annotations

from attention_core.chapter.spec import ChapterSpec
from attention_core.limits import ATTENTION_MODELS

__all__ = ["SPEC"]

SPEC = ChapterSpec(
    "attention-matrix",
    7,
    "scenes.attention_matrix.scene:ReadAttentionMatrix",
    "那只在花园里追逐蝴蝶的小猫突然停下了脚步",
    "scenes.attention_matrix.data:attention_matrix_data",
    "注意力矩阵：行是查询，列是键，颜色是权重，逐行读",
    "The attention matrix: rows are queries, columns keys, colour is weight; read row by row",
    ATTENTION_MODELS,
    window=16,  # the most whose labels stay legible on both axes at 480p
)
