"""Chapter 3's data: 它 attends most to 小猫 seeing every word; the first word may be the focus."""

from __future__ import annotations

import pytest

from scenes.self_attention_idea.data import self_attention_data


@pytest.mark.parametrize("model", ["lexicon", "e5-small"])
def test_it_attends_most_to_the_kitten_seeing_every_word(model):
    r = self_attention_data(model=model)  # by design in the lexicon; measured in e5-small (layer 9, head 9)
    assert (r.focus_word, r.attention.causal, r.auto_focus) == ("它", False, False)
    assert r.claim("focus_row").words == ("它", "小猫")
    assert r.looked_at() == tuple(j for j in range(r.attention.n) if j != r.focus)


def test_the_first_word_may_be_the_focus_when_every_word_sees_every_word():
    assert self_attention_data("小猫 在 花园里 追 蝴蝶", "小猫").focus == 0
