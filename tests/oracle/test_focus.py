"""The focus rule re-derived (parts of speech, --focus as written or ignoring case, a causal reader never takes the
first word) and words named by position numbered from the sentence's start as the window caption numbers them."""

from __future__ import annotations

import pytest

from attention_core import tokenize
from scenes import get_chapter
from tests.chapters import oracle
from tests.chapters.cases import expect_error
from tests.chapters.falsify import (
    changed,
    with_claim,
)
from tests.oracle import view_rules as vr
from tests.oracle.focus import choose_focus_mine, given_focus_index
from tests.oracle.window import position_problems


def test_focus_rule_verifier_follows_the_parts_of_speech():
    """The automatic focus: a third-person pronoun, else the last content word (jieba's tag for Chinese, not a
    function word in English), else the last word, else the last token with what the marks are."""
    examples = {
        "我 爱 你": ("爱", "content"),
        "you and I": ("I", "word"),
        "的 了 吗 呢": ("呢", "word"),
        "The cat sat beside me": ("sat", "content"),
        "The dog saw it": ("it", "pronoun"),
        "dog 42 3": ("dog", "content"),
        "。 ， ！": ("！", "last"),
    }
    for sentence, (word, rule) in examples.items():
        tokens = tokenize(sentence)
        i, got = choose_focus_mine(tokens, False)
        assert (tokens[i], got) == (word, rule), sentence
    assert vr.choose_focus(tokenize("★ 。 ，"), True)[2] == "both"
    assert vr.choose_focus(tokenize("😀 ★"), False)[2] == "symbols"
    # --focus: as written first, else ignoring case; a causal reader never takes the first word
    tokens = tokenize("The dog saw the cat")
    assert given_focus_index(tokens, "the", True) == 3 and given_focus_index(tokens, "The", False) == 0
    assert given_focus_index(tokens, "The", True) is None  # refused, not moved to "the"
    assert given_focus_index(tokens, "DOG", True) == 1
    assert expect_error("intuition", "The dog saw the cat", "The")
    d = get_chapter("intuition").data("我 爱 你")
    auto = d.claim("auto_focus")
    assert auto.values["rule"] == "content" and d.tokens[d.focus] == "爱"
    for bad in (changed(auto, rule="word"), changed(auto, position=3), changed(auto, marks="punctuation")):
        assert oracle("intuition").check_reading_chapter(with_claim(d, bad), "我 爱 你", None, d.sentence_tokens)


WINDOWED = [
    ("attention-matrix", "a b c d the cat saw the dog and the bird then it ran e f g h i", "it"),
    ("worked-example", "a b the c the d the e the f", "f"),
    ("self-attention-idea", "a b c d e f g h i j k l m n o p q r it it", None),
]


@pytest.mark.parametrize(("chapter_id", "sentence", "focus"), WINDOWED)
def test_positions_named_in_a_window_are_sentence_positions(chapter_id, sentence, focus):
    """The window caption numbers words from the sentence's start ("showing words 5–20"); a reading that names a
    repeated word by position ("the" (word 1)) must use the same numbering, or it names a word not shown."""
    data = get_chapter(chapter_id).data(sentence, focus)
    assert data.window.partial and data.window.start > 0
    problems = position_problems(oracle(chapter_id).stated(data), data, tokenize(sentence))
    assert not problems, "\n".join(problems)
