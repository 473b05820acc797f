"""Chapter 8, multi-head: what the registry knows of it, without NumPy (see attention_core.chapter.spec)."""

from __future__ import annotations

from attention_core.chapter.spec import ChapterSpec

__all__ = ["SPEC"]

SPEC = ChapterSpec(
    "multi-head",
    8,
    "scenes.multi_head.scene:ShowMultiHead",
    "我爱吃苹果",
    "scenes.multi_head.data:multi_head_data",
    "多头注意力：几个头在列的切片上并行，拼接后乘 W_O；因果掩码遮住后面的词",
    "Multi-head attention: heads on column slices run side by side, concatenated, times W_O; the causal mask",
    window=6,  # two n×n heads side by side with their numbers
    in_decimals=1,  # X and the W matrices
)
