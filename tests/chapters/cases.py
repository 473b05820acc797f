"""One drawn case through a chapter's oracle: a sentence (and maybe a focus word, a view option), refused by the
chapter with a one-line error when it must be (:func:`expect_error`), else every claim checked
(:func:`run_chapter`, :func:`check_view_case`). The chapter's oracle is found by its id
(:func:`tests.chapters.oracle`)."""

from __future__ import annotations

import random

import pytest
from hypothesis import event
from hypothesis import strategies as st

from attention_core import ExplainerError, tokenize
from scenes import get_chapter
from tests.chapters import oracle
from tests.chapters.sentences import english, sentences
from tests.oracle.focus import choose_focus_mine, given_focus_index
from tests.oracle.views import parse_head, view_keys

MODEL_SHAPES = {"e5-small": (12, 12), "minilm": (6, 12)}  # layers, heads


def expect_error(
    chapter_id: str, sentence: str, focus: str | None, model: str | None = None, head: str | None = None, expect=()
) -> bool:
    """True (and the error checked) when the chapter must refuse this input with a one-line ExplainerError."""
    try:
        tokens = tokenize(sentence)
    except ExplainerError:
        tokens = None
    bad = tokens is None or not 2 <= len(tokens) <= 32
    if not bad and focus and oracle(chapter_id).TRAITS.causal:
        bad = given_focus_index(tokens, focus, causal=True) is None
    if not bad and (head is not None or expect):
        bad = model == "lexicon" or (head is not None and bool(expect))
        if head is not None and not bad:
            layers, heads = MODEL_SHAPES[model or "e5-small"]
            bad = parse_head(head, layers, heads) is None
    if not bad:
        return False
    with pytest.raises(ExplainerError) as err:
        get_chapter(chapter_id).data(sentence, focus, model, head, tuple(expect))
    assert "\n" not in str(err.value) and str(err.value).startswith(f"{chapter_id}: ")
    return True


def draw_sentence(data, strategy) -> tuple[str, tuple[str, ...], str | None]:
    """(sentence, its tokens or () when the tokenizer refuses it, a focus word or None) drawn from ``strategy``:
    the focus, when drawn, is one of the tokens, sometimes in capitals (--focus ignores case)."""
    sentence = data.draw(strategy, label="sentence")
    try:
        tokens = tokenize(sentence)
    except ExplainerError:
        tokens = ()
    focus = None
    if tokens and data.draw(st.booleans(), label="with focus"):
        focus = data.draw(st.sampled_from(tokens), label="focus")
        if data.draw(st.integers(0, 4), label="case") == 0:
            focus = focus.upper()
    return sentence, tokens, focus


def run_chapter(chapter_id: str, data, model: str | None = None, strategy=None) -> None:
    """One drawn sentence (and maybe a focus word) through ``chapter_id``; ``model`` for the word attention
    chapters (None: their default, e5-small)."""
    sentence, tokens, focus = draw_sentence(data, sentences() if strategy is None else strategy)
    if expect_error(chapter_id, sentence, focus, model):
        event("refused")
        return
    event("checked")
    problems = oracle(chapter_id).check(sentence, focus, model)
    if known_bug(problems):
        event(f"known product bug: {known_bug(problems)}")
        return
    assert not problems, f"{chapter_id} [{model or 'default'}] {sentence!r} focus={focus!r}:\n" + "\n".join(problems)


OPTIONS = {"default": 4, "head": 3, "mean": 1, "rollout": 1, "expect": 3, "refused": 1}  # weights


def view_options(rnd: random.Random, model: str, options=None) -> tuple[str | None, tuple[str, ...] | None, str]:
    """(--head, --expect, what is drawn): a random L.H, mean:A-B (or mean:A), rollout, an expectation (None: draw
    a word the focus word can look at once the window is known), the default, or one the chapter must refuse. The
    kind comes from ``rnd`` by weight (seeded from the sentence and a drawn number: a drawn index, or Hypothesis'
    own random, mostly gives the first); ``options``: other weights than :data:`OPTIONS`."""
    layers, heads = MODEL_SHAPES[model]
    options = options or OPTIONS
    kind = rnd.choices(list(options), weights=list(options.values()))[0]
    if kind == "head":
        return f"{rnd.randint(1, layers)}.{rnd.randint(1, heads)}", (), kind
    if kind == "mean":
        a = rnd.randint(1, layers)
        b = rnd.randint(a, layers)
        return (f"mean:{a}" if a == b and rnd.random() < 0.5 else f"mean:{a}-{b}"), (), kind
    if kind == "rollout":
        return "rollout", (), kind
    if kind == "expect":
        return None, None, kind
    if kind == "default":
        return None, (), kind
    bad = (f"{layers + 1}.1", f"1.{heads + 1}", "0.3", "mean:5-2", "mean:0-2", "layer 3", "1.1+expect", "zebra")
    choice = rnd.choice(bad)
    if choice == "1.1+expect":
        return "1.1", ("x",), kind
    if choice == "zebra":  # a word not in the sentence: the focus word cannot look at it
        return None, ("zebrafish-not-there",), kind
    return choice, (), kind


def expected_word(data, chapter_id: str, model: str, sentence: str, focus: str | None) -> str:
    """A word the focus word can look at (sometimes in capitals: matching ignores case), from the words shown."""
    base = get_chapter(chapter_id).data(sentence, focus, model, "1.1")  # the window (checked by the verifier)
    f = base.focus
    if f is None:  # the matrix without --focus: an expectation makes it choose one among the words shown
        f = choose_focus_mine(base.tokens, False)[0]
    keys = view_keys(len(base.tokens), f, oracle(chapter_id).TRAITS.causal)
    word = base.tokens[data.draw(st.sampled_from(keys), label="expected key")]
    return word.upper() if data.draw(st.integers(0, 5), label="case") == 0 else word


# Product bugs the verifiers found and that are not fixed yet, each with the signs of its problems: a test whose
# only problems are known bugs' records them (an event, or an xfail) and fails on anything else. Empty: the bugs
# found so far are fixed, each kept as a regression test (``test_fixed_bug_*``, beside the chapter it concerns).
KNOWN_BUGS: dict[str, tuple[str, ...]] = {}


def known_bug(problems: list[str]) -> str | None:
    """The known product bugs that together explain every one of ``problems`` (see :data:`KNOWN_BUGS`), or None."""
    found = {bug for x in problems for bug, signs in KNOWN_BUGS.items() if any(sign in x for sign in signs)}
    explained = all(any(sign in x for bug in found for sign in KNOWN_BUGS[bug]) for x in problems)
    return " + ".join(sorted(found)) if problems and explained else None


def check_view_case(chapter_id: str, model: str, data, strategy=None, options=None) -> bool:
    """One drawn sentence (from ``strategy``; by default any for e5-small, English for MiniLM), focus and view
    option (drawn by ``options``' weights) through ``chapter_id`` with ``model``; True when its claims were checked
    (not refused)."""
    if strategy is None:
        strategy = sentences() if model == "e5-small" else english()
    sentence, tokens, focus = draw_sentence(data, strategy)
    seed = data.draw(st.integers(0, 2**32), label="option seed")
    head, expect, kind = view_options(random.Random(f"{seed}|{sentence}"), model, options)
    event(f"drawn {kind}")
    if expect is None:
        if expect_error(chapter_id, sentence, focus, model, "1.1"):
            event("refused")
            return False
        expect = (expected_word(data, chapter_id, model, sentence, focus),)
    if kind == "refused" and tokens and 2 <= len(tokens) <= 32:
        if oracle(chapter_id).TRAITS.causal and focus and given_focus_index(tokens, focus, causal=True) is None:
            return False
        with pytest.raises(ExplainerError) as err:
            get_chapter(chapter_id).data(sentence, focus, model, head, expect)
        assert "\n" not in str(err.value) and str(err.value).startswith(f"{chapter_id}: "), err.value
        event("refused option")
        return False
    if expect_error(chapter_id, sentence, focus, model, head, expect):
        event("refused")
        return False
    event(f"checked {kind}")
    problems = oracle(chapter_id).check(sentence, focus, model, head, expect)
    if problems and known_bug(problems):
        event(f"known product bug: {known_bug(problems)}")
        return True
    where = f"{chapter_id} [{model}] {sentence!r} focus={focus!r} head={head!r} expect={expect!r}"
    assert not problems, f"{where}:\n" + "\n".join(problems)
    return True
