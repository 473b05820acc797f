"""Chapter 2, rnn-limits: what the registry knows of it, without NumPy (see attention_core.chapter.spec)."""

from __future__ import annotations

from attention_core.chapter.spec import ChapterSpec

__all__ = ["SPEC"]

SPEC = ChapterSpec(
    "rnn-limits",
    2,
    "scenes.rnn_limits.scene:ShowRecurrenceLimits",
    "我爱吃苹果",
    "scenes.rnn_limits.data:rnn_limits_data",
    "循环网络的局限：不能并行、远距离遗忘、梯度消失与爆炸",
    "Why RNNs fall short: no parallelism, long-range decay, vanishing and exploding gradients",
)
