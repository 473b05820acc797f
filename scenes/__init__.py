"""One Manim scene per chapter, and the registry the CLI renders from (ids are stable: they name files).

Importing this package does not import Manim (about 1.5 s): scene classes are named as "module:Class" and
loaded when a chapter is drawn, so listing chapters, validating input and the render cache stay fast.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from attention_core import WORKED_EXAMPLE_SENTENCE, worked_example_trace

__all__ = ["CHAPTERS", "Chapter", "ChapterInput", "ChapterScene", "get_chapter"]


def __getattr__(name: str):
    if name in ("ChapterInput", "ChapterScene"):
        from scenes.components import base

        return getattr(base, name)
    raise AttributeError(name)


@dataclass(frozen=True)
class Chapter:
    """A chapter of the article: its scene, its own example sentence and how its trace is computed.

    ``make_trace(sentence, focus)`` calls attention_core with the chapter's parameters; ``None`` means the
    chapter's own example. It validates the input (raising ExplainerError) before any rendering starts.
    """

    id: str
    number: int
    scene: str  # "scenes.module:SceneClass", imported on first use
    default_sentence: str
    make_trace: Callable[[str | None, str | None], object]  # (sentence, focus) -> a frozen trace from attention_core
    summary_zh: str
    summary_en: str

    @property
    def scene_class(self) -> type:
        """The Manim scene class (imports Manim)."""
        module, _, name = self.scene.partition(":")
        return getattr(importlib.import_module(module), name)

    def summary(self, lang: str) -> str:
        """One line saying what the chapter shows."""
        return self.summary_zh if lang == "zh" else self.summary_en


CHAPTERS: dict[str, Chapter] = {
    c.id: c
    for c in (
        Chapter(
            "worked-example", 6, "scenes.worked_example:ShowWorkedExample", WORKED_EXAMPLE_SENTENCE,
            lambda sentence, focus: worked_example_trace(sentence),
            "逐个数字算一遍：X、Q/K/V、QKᵀ、÷√d_k、softmax、输出",
            "Every number by hand: X, Q/K/V, QKᵀ, ÷√d_k, softmax, output",
        ),  # fmt: skip
    )
}


def get_chapter(chapter_id: str) -> Chapter:
    """The chapter called ``chapter_id``, or an error listing the known ids."""
    from attention_core import ExplainerError

    if chapter_id not in CHAPTERS:
        raise ExplainerError(f"unknown chapter {chapter_id!r}; known: {', '.join(CHAPTERS)}")
    return CHAPTERS[chapter_id]
