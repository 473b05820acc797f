"""Chapter 5, formula: what the registry knows of it, without NumPy (see attention_core.chapter.spec)."""

from __future__ import annotations

from attention_core.chapter.spec import ChapterSpec
from attention_core.limits import INPUT_DECIMALS

__all__ = ["SPEC"]

SPEC = ChapterSpec(
    "formula",
    5,
    "scenes.formula.scene:BuildAttentionFormula",
    "我爱吃苹果",
    "scenes.formula.data:formula_data",
    "公式 softmax(QKᵀ/√d_k)V 分四步：分数、缩放（为什么）、softmax、加权求和",
    "softmax(QKᵀ/√d_k)V in four steps: scores, scaling (and why), softmax, weighted sum",
    in_decimals=INPUT_DECIMALS,
)
