"""The one shape of every chapter's data: its tokens, the window of the sentence it shows, its claims, its JSON.

Every chapter's data (a reading, the RNN demonstrations, the Q/K/V bundle, the worked example, the matrix)
derives from :class:`ChapterData`, so the CLI, the scenes and the tests reach tokens, claims and JSON the same way.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from attention_core.claims.claim import Claim
from attention_core.errors import ExplainerError
from attention_core.json_text import json_text
from attention_core.kernel.trace import AttentionTrace
from attention_core.language.tokenize import tokenize
from attention_core.limits import MAX_TOKENS, MIN_TOKENS

__all__ = ["MAX_TOKENS", "MIN_TOKENS", "ChapterData", "TraceData", "Window", "check_sentence", "window_for"]


@dataclass(frozen=True)
class Window:
    """Tokens ``start``..``stop - 1`` of a sentence of ``total`` tokens are the ones a chapter shows.

    ``reason`` says how the window was placed: ``"all"`` (the whole sentence), ``"focus"`` (around the focus
    word) or ``"first"`` (the first words).

    >>> Window(2, 10, 13, "focus").label, Window(0, 4, 4, "all").partial
    ('3–10 of 13', False)
    """

    start: int
    stop: int
    total: int
    reason: str = "all"

    @property
    def partial(self) -> bool:
        """True when some tokens of the sentence are left out."""
        return self.stop - self.start < self.total

    @property
    def size(self) -> int:
        """How many tokens are shown."""
        return self.stop - self.start

    @property
    def label(self) -> str:
        """1-based, inclusive: ``"3–10 of 13"``."""
        return f"{self.start + 1}–{self.stop} of {self.total}"

    def to_dict(self) -> dict:
        """Plain values for ``json.dumps`` (0-based ``start``, exclusive ``stop``)."""
        return {
            "start": self.start,
            "stop": self.stop,
            "total": self.total,
            "reason": self.reason,
            "partial": self.partial,
        }

    def claim(self, tokens: tuple[str, ...]) -> Claim:
        """The on-screen statement of this window: which words of how many, and around what."""
        values = {"first": self.start + 1, "last": self.stop, "total": self.total, "reason": self.reason}
        return Claim("window", "window", (tokens[0], tokens[-1]), values, self.to_dict())


def auto_focus_claim(
    word: str, rule: str, position: int, tokens: tuple[str, ...], evidence: dict | None = None
) -> Claim:
    """The focus word chosen automatically by ``rule`` (see :mod:`attention_core.language.focus`) among ``tokens``,
    ``position`` in the sentence (1-based), for a reader who sees the whole sentence; ``marks`` says what a sentence
    without a word holds (rule ``last``: ``"punctuation"``, ``"symbols"`` or ``"both"``).

    >>> auto_focus_claim("it", "pronoun", 9, ("the", "dog", "it")).values
    {'rule': 'pronoun', 'causal': False, 'position': 9, 'skipped_first': False, 'marks': None}
    >>> auto_focus_claim("!", "last", 2, ("。", "!")).values["marks"]
    'punctuation'
    """
    from attention_core.language.pos import marks_of

    marks = marks_of(tokens) if rule == "last" else None
    values = {"rule": rule, "causal": False, "position": position, "skipped_first": False, "marks": marks}
    return Claim("auto_focus", "auto_focus", (word,), values, evidence or {})


def window_for(n: int, size: int, focus: int | None = None, look_back: bool = False) -> Window:
    """The ``size`` tokens of ``n`` a chapter shows: all if they fit, else around ``focus`` or the first ones.

    With ``look_back`` (a reader at the focus word, whose pronoun or verb refers to earlier words) the window keeps
    the focus near its end, two words after it; otherwise the focus sits in the middle.

    >>> window_for(5, 8)
    Window(start=0, stop=5, total=5, reason='all')
    >>> window_for(20, 8, focus=15, look_back=True), window_for(20, 8, focus=1)
    (Window(start=10, stop=18, total=20, reason='focus'), Window(start=0, stop=8, total=20, reason='focus'))
    >>> window_for(20, 8).reason
    'first'
    """
    if n <= size:
        return Window(0, n, n, "all")
    if focus is None:
        return Window(0, size, n, "first")
    before = size - 3 if look_back else size // 2
    start = min(max(focus - before, 0), n - size)
    return Window(start, start + size, n, "focus")


def check_sentence(sentence: str, lang: str | None = None) -> tuple[str, ...]:
    """The tokens of ``sentence``, or a one-line :class:`ExplainerError` if no chapter can take it.

    >>> check_sentence("我爱吃苹果")
    ('我', '爱', '吃', '苹果')
    >>> check_sentence("猫")
    Traceback (most recent call last):
    ...
    attention_core.errors.ExplainerError: the sentence has 1 word; attention needs at least 2
    """
    tokens = tokenize(sentence, lang)
    if len(tokens) < MIN_TOKENS:
        raise ExplainerError(f"the sentence has {len(tokens)} word; attention needs at least {MIN_TOKENS}")
    if len(tokens) > MAX_TOKENS:
        raise ExplainerError(f"the sentence has {len(tokens)} words; the limit is {MAX_TOKENS}")
    return tokens


class ChapterData(ABC):
    """What a chapter shows, computed by attention_core; subclasses are frozen dataclasses.

    A subclass provides :attr:`tokens` (the words it shows), :attr:`window`, :meth:`arrays` (its numbers as plain
    lists) and :meth:`make_claims`; the claims, ``to_dict`` and ``to_json`` come from here, the same for all.
    """

    window: Window

    @property
    @abstractmethod
    def tokens(self) -> tuple[str, ...]:
        """The words the chapter shows (the window of the sentence)."""

    @abstractmethod
    def arrays(self) -> dict:
        """The chapter's numbers as plain lists and numbers, keyed by name."""

    @abstractmethod
    def make_claims(self) -> Iterable[Claim]:
        """Every fact the chapter's captions state, derived from the data."""

    @cached_property
    def claims(self) -> tuple[Claim, ...]:
        """:meth:`make_claims`, computed once."""
        return tuple(self.make_claims())

    def claim(self, topic: str) -> Claim:
        """The claim about ``topic``; a KeyError names the topics there are."""
        for c in self.claims:
            if c.topic == topic:
                return c
        raise KeyError(f"no claim about {topic!r}; topics: {[c.topic for c in self.claims]}")

    def has_claim(self, topic: str) -> bool:
        """True when some claim is about ``topic`` (a window claim only exists for a partial window)."""
        return any(c.topic == topic for c in self.claims)

    def to_dict(self) -> dict:
        """Tokens, window, the chapter's numbers and its claims, ready for ``json.dumps``."""
        return {
            "tokens": list(self.tokens),
            "window": self.window.to_dict(),
            **self.arrays(),
            "claims": [c.to_dict() for c in self.claims],
        }

    def to_json(self, indent: int | None = 2) -> str:
        """:meth:`to_dict` as JSON (UTF-8 text, Chinese kept readable; with an ``indent``, one matrix row a line)."""
        return json_text(self.to_dict(), indent)


@dataclass(frozen=True, eq=False)
class TraceData(ChapterData):
    """The data of a chapter that shows one attention trace (chapters 4, 5 and 6): the ``trace`` of the words shown
    and the ``window`` of the sentence they are."""

    trace: AttentionTrace
    window: Window

    @property
    def tokens(self) -> tuple[str, ...]:
        """The words shown."""
        return self.trace.tokens
