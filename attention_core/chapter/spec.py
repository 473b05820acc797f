"""A chapter's spec: what the registry, the CLI and the scene need to know about it, held once.

Each chapter's ``scenes/<folder>/spec.py`` defines ``SPEC``; ``scenes`` builds the registry from the folders.
A spec is plain data that imports nothing heavy: its scene class and the functions that compute its data are named
as ``"module:name"`` and imported on first use, so listing chapters and a run with nothing to render never import
Manim or NumPy.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from attention_core.claims.display import WEIGHT_DECIMALS
from attention_core.errors import ExplainerError
from attention_core.limits import MAX_TOKENS

if TYPE_CHECKING:
    from attention_core.chapter.base import ChapterData
    from attention_core.kernel.trace import AttentionTrace

__all__ = ["ChapterSpec", "named"]


def named(where: str):
    """The object a ``"module:name"`` string names (imports the module)."""
    module, _, name = where.partition(":")
    return getattr(importlib.import_module(module), name)


@dataclass(frozen=True)
class ChapterSpec:
    """A chapter of the article: its scene, its own example and how its data is computed.

    ``compute_at`` names ``compute(sentence, focus, model=, head=, expect=)``, which computes the chapter's data;
    ``None`` means the chapter's own example (``sentence``, ``focus``). ``models`` are the attention sources the
    chapter can show (empty: it computes its own numbers and ignores ``--model``, ``--head`` and ``--expect``).
    ``window`` is the most words it shows (a longer sentence is shown in a window); ``in_decimals`` / ``decimals``
    are how its inputs and the numbers computed from them are written. ``whole_trace_at`` (one chapter has it)
    names the attention trace of a whole sentence that ``trace`` prints without ``--chapter``. :meth:`data` names
    the chapter in its errors.
    """

    id: str
    number: int
    scene: str  # "scenes.<folder>.scene:SceneClass", imported on first use
    sentence: str
    compute_at: str  # "scenes.<folder>.data:function", imported on first use
    summary_zh: str
    summary_en: str
    models: tuple[str, ...] = ()
    focus: str | None = None
    window: int = MAX_TOKENS
    in_decimals: int = 1
    decimals: int = WEIGHT_DECIMALS
    whole_trace_at: str | None = None  # "module:function": `trace` without --chapter prints its trace

    @property
    def default_sentence(self) -> str:
        """The chapter's own example sentence."""
        return self.sentence

    @property
    def folder(self) -> str:
        """The chapter's folder under ``scenes/`` and ``tests/chapters/`` (its id with "_" for "-")."""
        return self.id.replace("-", "_")

    @property
    def scene_class(self) -> type:
        """The Manim scene class (imports Manim)."""
        return named(self.scene)

    @property
    def compute(self) -> Callable[..., ChapterData]:
        """The function that computes the chapter's data (imports NumPy and the chapter's data module)."""
        return named(self.compute_at)

    @property
    def whole_trace(self) -> Callable[[str | None], AttentionTrace] | None:
        """The function whose trace ``trace`` prints without ``--chapter``, for the one chapter that has it."""
        return named(self.whole_trace_at) if self.whole_trace_at else None

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
