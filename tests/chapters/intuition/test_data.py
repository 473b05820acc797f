"""Chapter 1's data: the article's sentence read up to 停下, a window around the focus word of a long sentence,
one-line errors, JSON, and what a model reading says."""

from __future__ import annotations

import json

import numpy as np
import pytest

from attention_core import AttentionTrace, ExplainerError
from scenes.intuition.data import intuition_data


def test_article_sentence_stops_at_tingxia_and_recalls_the_kitten():
    r = intuition_data(model="lexicon")  # the designed example
    assert (r.focus_word, r.auto_focus, r.attention.causal) == ("停下", False, True)
    assert r.claim("focus_row").kind == "strongest" and r.claim("focus_row").words == ("停下", "小猫")
    assert np.all(r.attention.weights[r.focus, r.focus + 1 :] == 0)  # the reader has not seen the later words


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
