"""Chapter 7's data: the window of a long sentence, ties, and the direction and distance of a far pattern."""

from __future__ import annotations

from scenes.attention_matrix.data import attention_matrix_data
from scenes.strings import claim_text


def test_matrix_window_shows_the_first_words():
    d = attention_matrix_data(" ".join(f"w{i}" for i in range(20)))
    assert d.attention.n == 16 and d.claim("window").values["reason"] == "first"


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
