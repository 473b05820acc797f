"""Chapter 6, worked-example: what the registry knows of it, without NumPy (see attention_core.chapter.spec)."""

from __future__ import annotations

from attention_core.chapter.spec import ChapterSpec

__all__ = ["SPEC"]

SPEC = ChapterSpec(
    "worked-example",
    6,
    "scenes.worked_example.scene:ShowWorkedExample",
    "猫 坐在 垫子 上",
    "scenes.worked_example.data:worked_example_data",
    "逐个数字算一遍：X、Q/K/V、QKᵀ、÷√d_k、softmax、输出",
    "Every number by hand: X, Q/K/V, QKᵀ, ÷√d_k, softmax, output",
    window=8,
    in_decimals=1,
    whole_trace_at="scenes.worked_example.data:worked_example_trace",
)
