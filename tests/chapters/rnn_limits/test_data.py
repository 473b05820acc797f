"""Chapter 2's data: the article's 20 % among measured settings, and a long sentence fast-forwarded."""

from __future__ import annotations

import pytest

from attention_core import retention_curve
from scenes.rnn_limits.data import RETENTION_STEP, rnn_limits_data


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
