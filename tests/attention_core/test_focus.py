"""Focus words, given or chosen by a stated rule, for the reading chapters (1 and 3)."""

from __future__ import annotations

import pytest

from attention_core import choose_focus
from scenes import get_chapter


@pytest.mark.parametrize("chapter_id", ["intuition", "self-attention-idea"])
def test_new_sentence_chooses_its_focus_and_says_by_which_rule(chapter_id):
    make = get_chapter(chapter_id).data
    r = make("The dog chased the ball and then it stopped")
    assert (r.focus_word, r.auto_focus, r.claim("auto_focus").values["rule"]) == ("it", True, "pronoun")
    given_focus = make("The dog chased the ball and then it stopped", "ball")
    assert (given_focus.focus_word, given_focus.auto_focus) == ("ball", False)
    assert not given_focus.has_claim("auto_focus")


@pytest.mark.parametrize(
    ("tokens", "causal", "expected"),
    [
        (("It", "sat", "."), True, (1, "content")),  # a pronoun in first position has nothing before it
        (("It", "sat", "."), False, (0, "pronoun")),
        (("我", "爱", "你"), True, (1, "content")),  # 我 and 你 are pronouns: 爱 is the content word
        (("the", "of", "."), True, (1, "word")),  # no content word: never punctuation while a word is left
        ((",", "。", "!"), True, (2, "last")),
    ],
)
def test_the_automatic_focus_rule_is_the_one_stated(tokens, causal, expected):
    assert choose_focus(tokens, causal) == expected
