"""Every chapter's data: every accepted length, one-line errors naming the chapter, and the reproductions of false
captions (chapters 1, 3, 5, 6)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from attention_core import ChapterData, ExplainerError, detect_language
from scenes import CHAPTERS
from scenes.strings import claim_text


def test_formula_uses_the_same_trace_as_qkv():
    assert np.array_equal(CHAPTERS["formula"].compute().trace.Q, CHAPTERS["qkv"].compute().trace.Q)
    s = "The cat sat on the mat"
    assert np.array_equal(CHAPTERS["formula"].compute(s).trace.weights, CHAPTERS["qkv"].compute(s).trace.weights)


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
    entry = CHAPTERS["worked-example"].compute().claim("first_entry:output").values
    assert entry["expression"] == "0.55×0.80 + 0.09×0.48 + 0.25×0.60 + 0.11×0.48 ≈ 0.68"
    assert "a calculator gives 0.6860" in _caption("worked-example", None, "first_entry:output", "we.first_entry")


def test_dividing_the_shown_scores_is_honest_about_rounding():
    scale = CHAPTERS["formula"].compute().claim("scale").values
    text = _caption("formula", None, "scale", "f.scale")
    assert scale["cells_off"] > 0 and f"in {scale['cells_off']} of 16 cells" in text


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
