"""One Manim scene per chapter, and the registry the CLI renders from (ids are stable: they name files).

Importing this package does not import Manim (about 1.5 s): scene classes are named as "module:Class" and
loaded when a chapter is drawn, so listing chapters, validating input and the render cache stay fast.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from attention_core import (
    ATTENTION_MODELS,
    INTUITION_SENTENCE,
    MATRIX_SENTENCE,
    MODELS,
    MULTI_HEAD_SENTENCE,
    QKV_SENTENCE,
    RNN_SENTENCE,
    SELF_ATTENTION_SENTENCE,
    WORKED_EXAMPLE_SENTENCE,
    ChapterData,
    ExplainerError,
    attention_matrix_data,
    formula_data,
    intuition_data,
    multi_head_data,
    qkv_data,
    real_model_data,
    rnn_limits_data,
    self_attention_data,
    worked_example_data,
)

__all__ = ["CHAPTERS", "Chapter", "ChapterInput", "ChapterScene", "get_chapter"]


def __getattr__(name: str):
    if name in ("ChapterInput", "ChapterScene"):
        from scenes.components import base

        return getattr(base, name)
    raise AttributeError(name)


@dataclass(frozen=True)
class Chapter:
    """A chapter of the article: its scene, its own example sentence and how its data is computed.

    ``compute(sentence, focus, model, head, expect)`` calls attention_core with the chapter's parameters; ``None``
    means the chapter's own example. ``models`` are the attention sources the chapter can show (empty: it computes
    its own numbers and ignores ``--model``, ``--head`` and ``--expect``). :meth:`data` validates the input before
    any rendering starts and names the chapter in an error that is the chapter's own.
    """

    id: str
    number: int
    scene: str  # "scenes.module:SceneClass", imported on first use
    default_sentence: str
    compute: Callable[..., ChapterData]  # (sentence, focus, model) -> the chapter's data
    summary_zh: str
    summary_en: str
    models: tuple[str, ...] = ()

    @property
    def scene_class(self) -> type:
        """The Manim scene class (imports Manim)."""
        module, _, name = self.scene.partition(":")
        return getattr(importlib.import_module(module), name)

    def data(
        self,
        sentence: str | None = None,
        focus: str | None = None,
        model: str | None = None,
        head: str | None = None,
        expect: tuple[str, ...] = (),
    ) -> ChapterData:
        """The chapter's data for ``sentence`` (None: its own example), ``model`` (None: the chapter's default),
        ``head`` (``--head``: L.H, mean:A-B or rollout) and ``expect`` (``--expect`` words); an error names the
        chapter."""
        try:
            if not self.models:
                return self.compute(sentence, focus)
            if model is not None and model not in self.models:
                raise ExplainerError(f"unknown model {model!r}; use {', '.join(self.models)}")
            options = {"model": model} if model is not None else {}
            return self.compute(sentence, focus, head=head, expect=tuple(expect), **options)
        except ExplainerError as exc:
            raise ExplainerError(f"{self.id}: {exc}") from None

    def summary(self, lang: str) -> str:
        """One line saying what the chapter shows."""
        return self.summary_zh if lang == "zh" else self.summary_en


CHAPTERS: dict[str, Chapter] = {
    c.id: c
    for c in (
        Chapter(
            "intuition",
            1,
            "scenes.intuition:ShowSelectiveRecall",
            INTUITION_SENTENCE,
            intuition_data,
            "注意力的直觉：读到一个词时，有选择地回看前面的词",
            "The intuition: reaching a word, look back selectively at the earlier ones",
            ATTENTION_MODELS,
        ),
        Chapter(
            "rnn-limits",
            2,
            "scenes.rnn_limits:ShowRecurrenceLimits",
            RNN_SENTENCE,
            rnn_limits_data,
            "循环网络的局限：不能并行、远距离遗忘、梯度消失与爆炸",
            "Why RNNs fall short: no parallelism, long-range decay, vanishing and exploding gradients",
        ),
        Chapter(
            "self-attention-idea",
            3,
            "scenes.self_attention_idea:ConnectEveryWord",
            SELF_ATTENTION_SENTENCE,
            self_attention_data,
            "自注意力：每个词直接看到每个词，一步并行，权重随内容变化",
            "Self-attention: every word sees every word, in one parallel step, with dynamic weights",
            ATTENTION_MODELS,
        ),
        Chapter(
            "qkv",
            4,
            "scenes.qkv:IntroduceQueryKeyValue",
            QKV_SENTENCE,
            qkv_data,
            "查询、键、值：图书馆的比喻，再用真实数字算 X·W_Q、X·W_K、X·W_V",
            "Query, key, value: the library analogy, then X·W_Q, X·W_K, X·W_V with real numbers",
        ),
        Chapter(
            "formula",
            5,
            "scenes.formula:BuildAttentionFormula",
            QKV_SENTENCE,
            formula_data,
            "公式 softmax(QKᵀ/√d_k)V 分四步：分数、缩放（为什么）、softmax、加权求和",
            "softmax(QKᵀ/√d_k)V in four steps: scores, scaling (and why), softmax, weighted sum",
        ),
        Chapter(
            "worked-example",
            6,
            "scenes.worked_example:ShowWorkedExample",
            WORKED_EXAMPLE_SENTENCE,
            worked_example_data,
            "逐个数字算一遍：X、Q/K/V、QKᵀ、÷√d_k、softmax、输出",
            "Every number by hand: X, Q/K/V, QKᵀ, ÷√d_k, softmax, output",
        ),
        Chapter(
            "attention-matrix",
            7,
            "scenes.attention_matrix:ReadAttentionMatrix",
            MATRIX_SENTENCE,
            attention_matrix_data,
            "注意力矩阵：行是查询，列是键，颜色是权重，逐行读",
            "The attention matrix: rows are queries, columns keys, colour is weight; read row by row",
            ATTENTION_MODELS,
        ),
        Chapter(
            "multi-head",
            8,
            "scenes.multi_head:ShowMultiHead",
            MULTI_HEAD_SENTENCE,
            multi_head_data,
            "多头注意力：几个头在列的切片上并行，拼接后乘 W_O；因果掩码遮住后面的词",
            "Multi-head attention: heads on column slices run side by side, concatenated, times W_O; the causal mask",
        ),
        Chapter(
            "real-model",
            9,
            "scenes.real_model:ShowRealHeads",
            "小猫在花园里追蝴蝶,然后它停下了",
            real_model_data,
            "真实模型：训练好的模型的 144 个头，怎样看你的句子",
            "A real model: what a trained model's 144 heads do with your sentence",
            tuple(MODELS),
        ),
    )
}


def get_chapter(chapter_id: str) -> Chapter:
    """The chapter called ``chapter_id``, or an error listing the known ids."""
    if chapter_id not in CHAPTERS:
        raise ExplainerError(f"unknown chapter {chapter_id!r}; known: {', '.join(CHAPTERS)}")
    return CHAPTERS[chapter_id]
