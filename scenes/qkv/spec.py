"""Chapter 4, qkv: what the registry knows of it, without NumPy (see attention_core.chapter.spec)."""

from __future__ import annotations

from attention_core.chapter.spec import ChapterSpec
from attention_core.limits import INPUT_DECIMALS

__all__ = ["SPEC"]

SPEC = ChapterSpec(
    "qkv",
    4,
    "scenes.qkv.scene:IntroduceQueryKeyValue",
    "我爱吃苹果",
    "scenes.qkv.data:qkv_data",
    "查询、键、值：图书馆的比喻，再用真实数字算 X·W_Q、X·W_K、X·W_V",
    "Query, key, value: the library analogy, then X·W_Q, X·W_K, X·W_V with real numbers",
    in_decimals=INPUT_DECIMALS,
)
