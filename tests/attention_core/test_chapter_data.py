"""Chapters 4–7: shapes, windows, JSON, one shape for all chapter data, and the reproductions of false captions."""

from __future__ import annotations

import json

import numpy as np
import pytest

from attention_core import (
    ChapterData,
    ExplainerError,
    attention_matrix_data,
    detect_language,
    formula_data,
    qkv_data,
    worked_example_data,
)
from scenes import CHAPTERS
from scenes.strings import claim_text


def test_qkv_data_projects_x_with_one_decimal_inputs():
    d = qkv_data()
    tr = d.trace
    assert tr.tokens == ("我", "爱", "吃", "苹果") and tr.X.shape == (4, 4) and tr.d_k == 3
    assert np.allclose(tr.X, np.round(tr.X, 1)) and np.allclose(tr.W_q, np.round(tr.W_q, 1))
    assert np.allclose(tr.Q, tr.X @ tr.W_q) and np.allclose(tr.V, tr.X @ tr.W_v)
    for lang, best in (("zh", "深度学习入门"), ("en", "Deep Learning Basics")):
        lib = d.library(lang)
        assert d.claim(f"lib_best:{lang}").words == (best,)
        assert np.allclose(lib.reading, lib.weights @ lib.contents)


def test_formula_uses_the_same_trace_as_qkv():
    assert np.array_equal(formula_data().trace.Q, qkv_data().trace.Q)
    s = "The cat sat on the mat"
    assert np.array_equal(formula_data(s).trace.weights, qkv_data(s).trace.weights)


def test_scaling_figures_are_measured():
    d = formula_data()
    sd = d.scaling
    assert np.allclose(sd.std_dot, d.sqrt_d_ks, rtol=0.05)
    assert np.allclose(d.big_scaled_scores, sd.scores / 8.0)
    assert sd.weights_unscaled.max() > 0.99 > 0.8 > sd.weights_scaled.max()


@pytest.mark.parametrize("chapter", list(CHAPTERS))
@pytest.mark.parametrize("n", [2, 9, 13, 20, 32])
def test_every_chapter_takes_every_accepted_length(chapter, n):
    data = CHAPTERS[chapter].data(" ".join(f"w{i}" for i in range(n)))
    assert isinstance(data, ChapterData)
    back = json.loads(data.to_json())
    assert back["tokens"] == list(data.tokens) and back["window"]["total"] == n
    assert [c["topic"] for c in back["claims"]] == [c.topic for c in data.claims]
    assert data.window.partial == data.has_claim("window")


@pytest.mark.parametrize("chapter", list(CHAPTERS))
def test_too_short_or_too_long_names_the_chapter(chapter):
    with pytest.raises(ExplainerError, match=f"^{chapter}: the sentence has 1 word"):
        CHAPTERS[chapter].data("猫")
    with pytest.raises(ExplainerError, match=f"^{chapter}: the sentence has 33 words; the limit is 32"):
        CHAPTERS[chapter].data(" ".join(f"w{i}" for i in range(33)))


def test_worked_example_shows_a_window_and_computes_among_it():
    d = worked_example_data(" ".join(f"w{i}" for i in range(13)), focus="w10")
    assert d.tokens == tuple(f"w{i}" for i in range(5, 13)) and d.trace.n == 8
    assert d.claim("window").values == {"first": 6, "last": 13, "total": 13, "reason": "focus"}


def test_matrix_window_shows_the_first_words():
    d = attention_matrix_data(" ".join(f"w{i}" for i in range(20)))
    assert d.attention.n == 16 and d.claim("window").values["reason"] == "first"


# -- the reproductions: each caption is now true -----------------------------------------------------


def _caption(chapter: str, sentence: str | None, topic: str, key: str, lang: str = "en", **extra) -> str:
    """The caption made from a claim; the issue's reproductions were made with the designed lexicon."""
    model = "lexicon" if CHAPTERS[chapter].models else None
    return claim_text(lang, key, CHAPTERS[chapter].data(sentence, None, model).claim(topic), **extra)


def test_a_tie_is_called_a_tie():
    text = _caption("intuition", "The dog saw the cat and then it ran", "focus_row", "in.best")
    assert text == '"it" attends equally to "dog" and "cat" (0.40 each)'
    assert "attends equally" in _caption("intuition", "我爱吃苹果", "focus_row", "in.best")
    assert _caption("intuition", "the the the", "focus_row", "in.best").endswith("(0.33 each)")


def test_the_focus_word_s_own_weight_is_not_ignored():
    text = _caption("intuition", "Don't stop", "focus_row", "in.best")
    assert text == '"stop" attends most to itself (0.79); the only earlier word, "Don\'t", gets 0.21'


def test_spelled_out_arithmetic_follows_from_the_numbers_shown():
    entry = worked_example_data().claim("first_entry:output").values
    assert entry["expression"] == "0.55×0.80 + 0.09×0.48 + 0.25×0.60 + 0.11×0.48 ≈ 0.68"
    assert "a calculator gives 0.6860" in _caption("worked-example", None, "first_entry:output", "we.first_entry")


def test_dividing_the_shown_scores_is_honest_about_rounding():
    scale = formula_data().claim("scale").values
    text = _caption("formula", None, "scale", "f.scale")
    assert scale["cells_off"] > 0 and f"in {scale['cells_off']} of 16 cells" in text


def test_a_row_with_two_strong_keys_is_not_called_even():
    row = attention_matrix_data("猫 追 狗", model="lexicon").claim("row:1")
    assert row.kind == "tie" and row.words == ("追", "猫", "狗")


def test_direction_and_distance_are_stated_correctly():
    d = attention_matrix_data("那只在花园里追逐蝴蝶的小猫突然停下了脚步", model="lexicon")
    far = d.claim("pattern:far")
    assert far.values["between"] == abs(far.values["offset"]) - 1
    text = claim_text("en", "am.pattern", far)
    side = "back" if far.values["offset"] < 0 else "ahead"
    assert f"looks {side} past {far.values['between']} words" in text


def test_english_grammar_holds_for_small_counts():
    assert _caption("self-attention-idea", "Don't stop", "rnn_path", "sa.chain").endswith("after 1 step")
    assert claim_text("en", "sa.path_rnn", CHAPTERS["self-attention-idea"].data("Don't stop").claim("rnn_path")) == (
        "RNN: 1 step"
    )
    assert "an 8×8 matrix" in _caption("worked-example", " ".join("abcdefgh"), "shape", "we.scores")
    assert "a 4×4 matrix" in _caption("worked-example", None, "shape", "we.scores")


def test_cjk_punctuation_does_not_make_a_sentence_chinese():
    d = CHAPTERS["intuition"].data("The cat sat on the mat。")
    assert d.sentence_tokens[-2:] == ("mat", "。") and detect_language(d.sentence_tokens[-1]) == "en"


def test_a_displayed_sum_is_honest_about_rounding():
    text = _caption("formula", None, "row_sums", "f.row_sums")
    assert "the rounded numbers shown add to 1.00–1.01" in text
    zero = _caption("formula", "the cat sat on the mat and then it slept", "positive", "f.softmax")
    assert "every weight is positive" in zero
