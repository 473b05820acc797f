"""One chapter's whole check (:func:`check_chapter`): its data made from the sentence, focus and options given,
the chapter's own checks of its claims (its oracle's), every caption it states checked, and every claim and
source plain JSON. A chapter's ``oracle.check`` is this with its own checks and captions."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field

from attention_core import Claim, tokenize
from scenes import get_chapter
from tests.oracle.captions import caption_problems
from tests.oracle.views import DEFAULT_MODEL


@dataclass(frozen=True)
class Traits:
    """What the generic tests (``tests/chapters/test_*.py``) need to know of a chapter, stated by its oracle (never
    read from the product's spec).

    ``examples``: hypothesis examples of the property test (0: none), read with ``property_model`` (None: the
    chapter reads no word attention); ``reads_model``: it takes --model, --head and --expect; ``causal``: the focus
    word reads only earlier words (a focus given as the first word is refused); ``window_cap``: the most words it
    shows (None: the whole sentence); ``view_examples``: test_views_hold's sentences with each trained model;
    ``edge_models``: the edge sentences run with these models too (besides e5-small); ``model_cases``: real-model's
    cases ((model, script): examples drawn, and how many at least are checked); ``own_focus``: the focus word of
    the chapter's own sentence; ``example_focus``: given with its own sentence in
    test_chapter_examples_hold_with_every_model.
    """

    chapter_id: str
    examples: int = 600
    property_model: str | None = None
    reads_model: bool = False
    causal: bool = False
    window_cap: int | None = None
    view_examples: dict = field(default_factory=dict)
    edge_models: tuple[str, ...] = ()
    model_cases: dict = field(default_factory=dict)
    own_focus: str | None = None
    example_focus: str | None = None


WORD_VIEW = {  # the traits chapters 1, 3 and 7 share: word attention from the lexicon or a trained model
    "property_model": "lexicon",
    "reads_model": True,
    "window_cap": 16,
    "view_examples": {"e5-small": 165, "minilm": 70},
    "edge_models": ("lexicon", "minilm"),
}


@dataclass(frozen=True)
class Case:
    """A chapter's data and what it was made from: ``text`` the sentence read (the chapter's own when none was
    given), ``focus`` the focus word given (with the chapter's own sentence, its own focus word), ``tokens`` the
    sentence's tokens, ``model`` the word attention's model (None: the chapter reads none), ``head``/``expect`` the
    view asked for."""

    data: object
    text: str
    focus: str | None
    tokens: tuple[str, ...]
    model: str | None
    head: str | None
    expect: tuple[str, ...]


def check_chapter(
    traits: Traits,
    claims: Callable[[Case], list[str]],
    stated: Callable,
    sentence: str | None,
    focus: str | None = None,
    model: str | None = None,
    head: str | None = None,
    expect=(),
    *,
    states_every_claim: bool = False,
) -> list[str]:
    """Every problem with the claims of the chapter of ``traits`` for ``sentence`` (None: its own, with its own focus
    word), ``focus``, and for a chapter that reads a model ``model`` (None: e5-small), ``head`` (--head) and
    ``expect`` (--expect), or [] when all hold: ``claims`` checks the claims, ``stated`` lists the captions made from
    them (``states_every_claim``: every claim is stated)."""
    chapter, reads_model, own_focus = get_chapter(traits.chapter_id), traits.reads_model, traits.own_focus
    if reads_model:
        data = chapter.data(sentence, focus, model, head, tuple(expect))
    else:
        data = chapter.data(sentence, focus)
    model = (model or DEFAULT_MODEL) if reads_model else None
    text = chapter.default_sentence if sentence is None else sentence
    if sentence is None and focus is None:
        focus = own_focus  # the chapter's own example comes with its focus word, given
    case = Case(data, text, focus, tokenize(text), model, head, tuple(expect))
    p: list[str] = []
    topics = [c.topic for c in data.claims]
    if len(set(topics)) != len(topics):
        p.append(f"duplicate topics {topics}")
    p += claims(case)
    said = stated(data)
    p += stated_caption_problems(said, data)
    if states_every_claim:
        p += unstated_problems(said, data)
    p += json_problems(data)
    if model in (None, "lexicon") and len(json.loads(data.to_json(indent=None))["claims"]) != len(data.claims):
        p.append("to_json lost claims")  # (a model's JSON holds every head: checked on fixed sentences only)
    return p


def chapter_check(traits: Traits, claims: Callable[[Case], list[str]], stated: Callable, **options) -> Callable:
    """A chapter oracle's ``check(sentence, focus=None, model=None, head=None, expect=())``: every problem with the
    chapter's claims for ``sentence`` (None: its own), or [] when all hold (:func:`check_chapter`)."""

    def check(sentence: str | None, focus: str | None = None, model=None, head=None, expect=()) -> list[str]:
        return check_chapter(traits, claims, stated, sentence, focus, model, head, expect, **options)

    return check


def same(topic: str, c: Claim, want: dict) -> list[str]:
    """Each value of ``want`` that claim ``c`` does not hold as it is."""
    return [f"{topic}: {k} {c.values.get(k)!r} != {x!r}" for k, x in want.items() if c.values.get(k) != x]


def unstated_problems(stated, data) -> list[str]:
    """Every claim the chapter makes is stated by one of the captions ``stated``."""
    said = {c.topic for c, _, _ in stated}
    return [f"{c.topic}: claimed but never stated" for c in data.claims if c.topic not in said]


def json_problems(data) -> list[str]:
    """Every claim, and the attention's source, as plain JSON (``trace --json`` and the trace file write them)."""
    p = []
    for c in data.claims:
        try:
            json.dumps({"words": c.words, "values": c.values, "evidence": c.evidence}, allow_nan=False)
        except (TypeError, ValueError) as exc:
            p.append(f"{c.topic}: not JSON: {exc}")
    for name in ("attention", "chosen"):
        source = getattr(getattr(data, name, None), "source", None)
        try:
            json.dumps(source, allow_nan=False)
        except (TypeError, ValueError) as exc:
            p.append(f"{name}.source: not JSON: {exc}")
    return p


def stated_caption_problems(stated, data) -> list[str]:
    """Every caption in ``stated`` (a chapter's ``stated(data)``: claim, template key, extra fields) checked by
    :func:`tests.oracle.captions.caption_problems`; a caption made for one language (``_lang``, or the library's
    claims in their own language) only in that language."""
    p = []
    for claim, key, extra in stated:
        lang = extra.pop("_lang", None)
        if lang is None and claim.topic.startswith("lib_"):
            lang = claim.topic[-2:]
        if lang is None:
            p += caption_problems(claim, key, data.tokens, extra)
        else:  # captions whose extra text is language-specific, or the library in its own language
            p += [x for x in caption_problems(claim, key, data.tokens, extra) if f"/{lang}]" in x]
    return p
