"""Chapters 1 and 3: focus words (given or chosen, by a stated rule), windows of long sentences, and the RNN data."""

from __future__ import annotations

import json

import numpy as np
import pytest

from attention_core import (
    AttentionTrace,
    ExplainerError,
    choose_focus,
    gradient_norms,
    intuition_data,
    retention_curve,
    rnn_limits_data,
    self_attention_data,
)
from attention_core.rnn_limits import RETENTION_STEP


def test_article_sentence_stops_at_tingxia_and_recalls_the_kitten():
    r = intuition_data(model="lexicon")  # the designed example
    assert (r.focus_word, r.auto_focus, r.attention.causal) == ("停下", False, True)
    assert r.claim("focus_row").kind == "strongest" and r.claim("focus_row").words == ("停下", "小猫")
    assert np.all(r.attention.weights[r.focus, r.focus + 1 :] == 0)  # the reader has not seen the later words


@pytest.mark.parametrize("model", ["lexicon", "e5-small"])
def test_it_attends_most_to_the_kitten_seeing_every_word(model):
    r = self_attention_data(model=model)  # by design in the lexicon; measured in e5-small (layer 9, head 9)
    assert (r.focus_word, r.attention.causal, r.auto_focus) == ("它", False, False)
    assert r.claim("focus_row").words == ("它", "小猫")
    assert r.looked_at() == tuple(j for j in range(r.attention.n) if j != r.focus)


@pytest.mark.parametrize("make", [intuition_data, self_attention_data])
def test_new_sentence_chooses_its_focus_and_says_by_which_rule(make):
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


def test_a_skipped_first_pronoun_is_said():
    claim = intuition_data("It sat on the mat").claim("auto_focus")
    assert claim.values["skipped_first"] and claim.values["rule"] == "content"


def test_a_long_sentence_is_read_in_a_window_around_the_focus():
    sentence = " ".join(f"w{i}" for i in range(24)) + " it"
    r = intuition_data(sentence)
    window = r.claim("window").values
    assert (window["first"], window["last"], window["total"], window["reason"]) == (10, 25, 25, "focus")
    assert r.tokens == r.sentence_tokens[9:25] and r.focus_word == "it" and len(r.tokens) == 16
    assert r.attention.weights.shape == (16, 16)  # attention among the words shown


@pytest.mark.parametrize(
    "sentence, focus, message",
    [
        ("小猫在花园里追蝴蝶", "小狗", "is not in the sentence"),
        ("小猫在花园里追蝴蝶", "小猫", "first word"),
        (" ".join(f"w{i}" for i in range(33)), None, "33 words; the limit is 32"),
        ("猫", None, "1 word; attention needs at least 2"),
    ],
)
def test_bad_reading_input_is_one_clear_line(sentence, focus, message):
    with pytest.raises(ExplainerError, match=message) as err:
        intuition_data(sentence, focus)
    assert "\n" not in str(err.value)


def test_the_first_word_may_be_the_focus_when_every_word_sees_every_word():
    assert self_attention_data("小猫 在 花园里 追 蝴蝶", "小猫").focus == 0


def test_reading_json_holds_the_trace_focus_window_and_claims():
    r = intuition_data(model="lexicon")
    data = json.loads(r.to_json())
    assert data["focus_word"] == "停下" and data["window"]["partial"] is False
    assert [c["topic"] for c in data["claims"]] == ["self_share", "focus_row"]
    back = AttentionTrace.from_dict(data["attention"]["detail"])
    np.testing.assert_allclose(back.weights, r.attention.weights)


def test_a_model_reading_says_its_head_and_the_special_share():
    r = intuition_data("The cat sat on the mat because it was tired")
    data = json.loads(r.to_json())
    source = data["attention"]["source"]
    assert source["model"] == "e5-small" and source["quantized"] and source["reads_to_focus"]
    assert [c["topic"] for c in data["claims"]] == ["auto_focus", "view", "heads", "self_share", "focus_row"]
    row = r.attention.weights[r.focus, : r.focus + 1]
    assert np.isclose(row.sum() + r.attention.special[r.focus], 1.0, atol=1e-5)  # words and special tokens: 1
    assert r.claim("self_share").values["special"] == f"{r.attention.special[r.focus]:.2f}"


@pytest.mark.parametrize("scale", [0.5, 0.9, 0.99])
def test_retention_decays_monotonically_below_one(scale):
    curve = retention_curve(steps=120, scale=scale, n_seeds=3)
    assert curve.at(1) == 1.0
    assert np.all(np.diff(curve.retention) <= 0)


def test_gradients_are_measured_through_tanh_and_stay_under_the_linear_bound():
    g = gradient_norms()
    assert np.all(g.norms <= g.bounds * (1 + 1e-9))
    assert g.norms[0, -1] < 1e-2 and g.norms[-1, -1] > 1e2  # 0.8 vanishes, 4.0 explodes
    assert g.norms[1, -1] < 1 < g.bounds[1, -1]  # 1.2: the linear bound explodes, the tanh RNN does not


def test_the_rnn_chapter_places_the_article_s_twenty_percent_among_measured_settings():
    d = rnn_limits_data()
    claim = d.claim("retention")
    scales = [c.scale for c in d.decay]
    assert len(scales) >= 4 and claim.values["article"] == "20%"
    at = [c.at(RETENTION_STEP) for c in d.decay]
    assert at == sorted(at) and at[0] < 0.2 < at[-1]  # the article's figure lies inside the family
    at_article = retention_curve(steps=RETENTION_STEP, scale=d.article_scale).at(RETENTION_STEP)
    assert at_article == pytest.approx(0.2, abs=0.005)


def test_a_long_sentence_fast_forwards_with_the_true_step_count():
    sentence = " ".join(f"w{i}" for i in range(20))
    d = rnn_limits_data(sentence)
    assert d.run.H.shape == (20, 3) and d.claim("rnn_steps").values["n"] == 20
    assert d.shown_steps == (0, 1, 2, 3, 4, 19)
    assert d.claim("fast_forward").values == {"stepped": 5, "skipped_first": 6, "skipped_last": 19, "total": 20}
    assert not rnn_limits_data("我爱吃苹果").has_claim("fast_forward")
