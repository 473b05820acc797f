"""The weights a reading or matrix chapter shows between words, and where they come from.

Either the designed lexicon (:func:`attention_core.lexicon_attention`: softmax over the words, nothing else) or a
trained model (:mod:`.model_attention`, word-level view: each row also gives a **special share** to
<s> </s>, [CLS] [SEP] and pieces that cover no character). What is shown from the model (:class:`Choice`) is:

* the view the user asked for (``--head L.H``, ``mean:A-B``, ``rollout``: :mod:`attention_core.models.views`), rule
  ``given``; else
* with an expected word (the article's own link for its sentences, or ``--expect``), the head chosen by the
  ``expect`` rule; else
* the chapter's own rule: ``focus_link`` (chapters 1 and 3) or ``varied`` (chapter 7), both of which never pick a
  sink head unless every head is one (:mod:`attention_core.models.head_rules`).

``source`` records the view, the rule and what the rule found; the chapters say it on screen.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from attention_core.errors import ExplainerError
from attention_core.kernel.arrays import freeze_arrays
from attention_core.language.lexicon import lexicon_attention
from attention_core.language.tokenize import clean_sentence
from attention_core.limits import ATTENTION_MODELS, DEFAULT_MODEL
from attention_core.models.head_rules import candidates, expect_survey, focus_link_head, varied_head
from attention_core.models.model_attention import MODELS, ModelAttention, model_attention, word_spans
from attention_core.models.views import View

__all__ = [
    "ATTENTION_MODELS",
    "DEFAULT_MODEL",
    "Choice",
    "WordAttention",
    "lexicon_words",
    "make_choice",
    "model_words",
    "text_of",
]


@dataclass(frozen=True)
class Choice:
    """What to show from a model: ``view`` (None: chosen by a rule) and the words the focus word is expected to
    look at (``expect``; ``expect_source`` is ``"article"`` for the article's own links, ``"given"`` for
    ``--expect``)."""

    view: View | None = None
    expect: tuple[str, ...] = ()
    expect_source: str = "given"


def make_choice(
    model: str, head: str | View | None, expect: tuple[str, ...] = (), article: tuple[str, ...] = ()
) -> Choice:
    """What to show, from the options: ``head`` (``--head``), ``expect`` (``--expect``, words) and the article's own
    link for a chapter's own sentence (``article``, used when neither option is given). One-line errors for what
    cannot be done.

    >>> make_choice("e5-small", None, (), ("小猫",))
    Choice(view=None, expect=('小猫',), expect_source='article')
    >>> try:
    ...     make_choice("lexicon", "12.2")
    ... except ExplainerError as exc:
    ...     print(exc)
    --head chooses among a trained model's heads; the lexicon has none (use --model e5-small or minilm)
    """
    expect = tuple(e for e in (w.strip() for w in expect) if e)
    if model == "lexicon":
        if head is not None or expect:
            what = "--head chooses among" if head is not None else "--expect is checked against"
            raise ExplainerError(
                f"{what} a trained model's heads; the lexicon has none (use --model e5-small or minilm)"
            )
        return Choice()
    if head is not None and expect:
        raise ExplainerError("--head and --expect: give one (--expect chooses the head that agrees)")
    if head is not None:
        return Choice(View.parse(head) if isinstance(head, str) else head)
    if expect:
        return Choice(expect=expect)
    return Choice(expect=tuple(article), expect_source="article")


@dataclass(frozen=True, eq=False)
class WordAttention:
    """``weights (n, n)`` between ``tokens`` (rows attend, columns are attended), ``special (n,)`` the share of each
    row that goes to special tokens (0 for the lexicon); ``source`` names the model and view and how it was chosen;
    ``detail`` is the whole computation (the lexicon's trace, or every head of the model)."""

    tokens: tuple[str, ...]
    weights: np.ndarray
    special: np.ndarray
    causal: bool
    source: dict = field(default_factory=dict)
    detail: object = None

    def __post_init__(self) -> None:
        freeze_arrays(self, "weights", "special")

    @property
    def n(self) -> int:
        """Number of words."""
        return len(self.tokens)

    @property
    def model(self) -> str:
        """``"lexicon"``, ``"e5-small"`` or ``"minilm"``."""
        return self.source.get("model", "lexicon")

    def to_dict(self) -> dict:
        """Plain values for ``json.dumps``: the word weights, special shares, source, and the full computation."""
        return {
            "tokens": list(self.tokens),
            "weights": self.weights.tolist(),
            "special": self.special.tolist(),
            "causal": self.causal,
            "source": dict(self.source),
            "detail": self.detail.to_dict() if self.detail is not None else None,
        }


def lexicon_words(tokens: tuple[str, ...], causal: bool, **info) -> WordAttention:
    """The designed lexicon's attention over ``tokens`` (see :mod:`attention_core.language.lexicon`)."""
    trace = lexicon_attention(tokens, causal=causal, **info)
    return WordAttention(tuple(tokens), trace.weights, np.zeros(len(tokens)), causal, {"model": "lexicon"}, trace)


def text_of(sentence: str, sentence_tokens: tuple[str, ...], start: int, stop: int) -> tuple[str, tuple[int, int]]:
    """The part of ``sentence`` from word ``start`` to word ``stop - 1`` (as the model reads it) and its span."""
    text = clean_sentence(sentence)
    spans = word_spans(text, sentence_tokens)
    a, b = spans[start][0], spans[stop - 1][1]
    return text[a:b], (a, b)


def expected_keys(
    words: tuple[str, ...], expect: tuple[str, ...], keys: list[int], focus: int, causal: bool = False
) -> list[int]:
    """The indices among ``keys`` of the expected words (case-folded), or a one-line error naming what ``focus``
    can look at (a causal reader: only the words before it).

    >>> expected_keys(("The", "cat", "saw", "it"), ("Cat",), [0, 1, 2], 3)
    [1]
    """
    folded = {e.casefold() for e in expect}
    found = [k for k in keys if words[k].casefold() in folded]
    missing = [e for e in expect if not any(words[k].casefold() == e.casefold() for k in keys)]
    if missing:
        seen = " ".join(words[k] for k in keys)
        what = "looks back at these earlier words only" if causal else "can look at these other words only"
        raise ExplainerError(f"--expect {missing[0]!r}: {words[focus]!r} {what}: {seen}")
    return found


def model_words(
    sentence: str,
    sentence_tokens: tuple[str, ...],
    start: int,
    stop: int,
    model: str,
    focus: int | None,
    causal: bool,
    choice: Choice = Choice(),  # noqa: B008 - frozen, never mutated
    rule: str = "focus_link",
) -> WordAttention:
    """``model``'s attention over words ``start``..``stop - 1`` of the sentence, the view picked by ``choice`` or
    by ``rule`` (``"focus_link"`` or ``"varied"``; module docstring).

    ``focus`` indexes the shown words. Reading causally, the model reads only up to the focus word (it cannot
    see what comes after); the rows and columns after it stay 0.
    """
    shown = sentence_tokens[start:stop]
    end = start + focus + 1 if causal else stop
    text, _ = text_of(sentence, sentence_tokens, start, end)
    attention = model_attention(text, tuple(sentence_tokens[start:end]), model)
    words, special = attention.words_view()  # (L, H, m, m), (L, H, m)
    m = words.shape[-1]
    keys = [k for k in range(m) if k != focus]  # what the focus word can look at, itself aside
    view, found = _choose(attention, words, special, focus, keys, choice, rule, causal)
    w, s = attention.word_rows(view.pieces(attention.tokens))
    n = len(shown)
    weights, share = np.zeros((n, n)), np.zeros(n)
    weights[:m, :m], share[:m] = w, s
    source = {
        "model": model,
        "name": MODELS[model][0],
        "quantized": MODELS[model][1],
        "view": view.to_dict(),
        "layer": view.layer if view.kind == "head" else None,
        "head": view.head if view.kind == "head" else None,
        "layers": attention.layers,
        "heads": attention.heads,
        "reads_to_focus": causal,
        "special_names": attention.special_names,
        **found,
    }
    return WordAttention(tuple(shown), weights, share, causal, source, attention)


def _choose(
    attention: ModelAttention,
    words: np.ndarray,
    special: np.ndarray,
    focus: int | None,
    keys: list[int],
    choice: Choice,
    rule: str,
    causal: bool,
) -> tuple[View, dict]:
    """The view to show and what chose it (``rule`` and the rule's findings, for ``source``)."""
    if choice.view is not None:
        return choice.view.check(attention.layers, attention.heads, attention.model), {"rule": "given"}
    if choice.expect:
        if focus is None:
            raise ExplainerError("--expect needs a focus word")
        expected = expected_keys(attention.words, choice.expect, keys, focus, causal)
        s = expect_survey(words, focus, keys, expected)
        found = {
            "rule": "expect",
            "expect": list(choice.expect),
            "expect_source": choice.expect_source,
            "expect_keys": expected,
            "agree": s.agree,
            "rank": s.rank,
            "key": s.key,
            "ahead": list(s.ahead),
            "level": list(s.level),
            "instead": list(s.instead),
            "instead_heads": s.instead_heads,
            "tied_heads": s.tied,
        }
        return View.of_head(s.layer, s.head), found
    if rule == "varied":
        v = varied_head(words, special)
        found = {k: v[k] for k in ("kinds", "distinct", "rows", "sinks", "all_sinks", "sink_rows")}
        return View.of_head(v["layer"], v["head"]), {"rule": "varied", **found}
    layer, head, all_sinks = focus_link_head(words, focus)
    far = len(candidates(words.shape[-1], focus)) < len(keys)
    return View.of_head(layer, head), {"rule": "focus_link", "skips_neighbours": far, "all_sinks": all_sinks}
