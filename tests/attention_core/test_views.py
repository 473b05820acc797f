"""What a trained model's attention shows, and why: outside pieces, the views, the rules that choose a head, the
article's links checked against every head, and the captions' honesty where the model's story differs."""

from __future__ import annotations

import numpy as np
import pytest

from attention_core import ExplainerError, choose_focus, find_focus, model_attention, tokenize
from attention_core.models.head_rules import row_pattern, sink_of, strongest, written
from scenes import CHAPTERS
from scenes.strings import claim_text


def test_a_piece_covering_no_character_belongs_to_no_word():
    a = model_attention("猫 猫 猫", ("猫", "猫", "猫"), "e5-small")
    bare = [i for i, p in enumerate(a.pieces) if p.text == "▁"]
    assert len(bare) == 3 and not a.membership[bare].any()
    assert a.special_names == "<s> ▁ </s>"
    words, special = a.words_view()
    np.testing.assert_allclose(words.sum(axis=-1) + special, 1.0, atol=1e-9)
    # a word's row sends to the special share whatever its pieces send to <s>, </s> and the bare pieces
    outside = [i for i in range(len(a.pieces)) if i not in (2, 4, 6)]
    np.testing.assert_allclose(special, a.tokens[..., [2, 4, 6], :][..., outside].sum(axis=-1), atol=1e-12)
    # each word's weight is what its own piece receives: nothing of a bare "▁" is given to a word
    share = a.membership / a.membership.sum(axis=0)
    own = [int(np.nonzero(a.membership[:, w])[0][0]) for w in range(3)]
    rows = np.einsum("pw,lhpq->lhwq", share, a.tokens)
    np.testing.assert_allclose(words, rows[..., own], atol=1e-12)


def test_the_default_intuition_runner_up_no_longer_counts_the_bare_piece():
    d = CHAPTERS["intuition"].compute()
    assert d.attention.source["special_names"] == "<s> ▁ </s>"
    assert "▁" in d.claim("self_share").values["special_names"]


@pytest.mark.parametrize(
    ("sentence", "word", "rule"),
    [
        ("我 爱 你", "爱", "content"),  # 你 is a pronoun
        ("you and I", "I", "word"),  # no content word: "I" is a pronoun
        ("的 了 吗 呢", "呢", "word"),  # particles
        ("The cat sat beside me", "sat", "content"),  # "beside" and "me" are function words
        ("I put the book under the table", "table", "content"),
        ("那个穿红衣服的女孩昨天在图书馆里看的书很精彩", "精彩", "content"),
    ],
)
def test_the_focus_rule_uses_parts_of_speech(sentence, word, rule):
    tokens = tokenize(sentence)
    index, found = choose_focus(tokens)
    assert (tokens[index], found) == (word, rule)


def test_emoji_are_symbols_not_punctuation():
    d = CHAPTERS["intuition"].compute("😀 😀 ❤️", model="lexicon")
    c = d.claim("auto_focus")
    assert c.values["rule"] == "last" and c.values["marks"] == "symbols"
    assert "symbols such as emoji" in claim_text("en", "auto_focus", c)
    assert "punctuation" not in claim_text("en", "auto_focus", c)


def test_a_focus_word_never_silently_becomes_another_case():
    tokens = ("The", "cat", "saw", "the", "dog")
    with pytest.raises(ExplainerError, match="did you mean 'the', word 4"):
        find_focus(tokens, "The", causal=True)
    assert find_focus(tokens, "The") == 0 and find_focus(tokens, "the", causal=True) == 3


def test_pieces_caption_counts_the_words_a_piece_spans_and_prints_no_list():
    c = CHAPTERS["real-model"].compute("...!").claim("pieces")
    assert c.values["crossing"] == ["▁..."] and c.values["crossing_words"] == [3]
    for lang in ("zh", "en"):
        text = claim_text(lang, "rm.pieces", c, split_list="") + claim_text(lang, "rm.crossing", c, True)
        assert "['" not in text and "']" not in text and "3" in text
    assert "spans 3 words" in claim_text("en", "rm.crossing", c, True)


def test_a_written_tie_is_named_and_never_agreement():
    d = CHAPTERS["intuition"].compute("...!")
    view = d.claim("view")
    assert view.values["tie"] and len(view.words) == 3  # "!" and both "." that share 0.32
    text = claim_text("en", "view", view)
    assert '"." (word 1) and "." (word 2), 0.32 each' in text
    assert strongest([0.1, 0.304, 0.301], [1, 2]) is None and strongest([0.1, 0.304, 0.294], [1, 2]) == 1


def test_a_pattern_counts_the_special_share():
    row = np.array([0.01, 0.0, 0.0])
    assert row_pattern(row, 0, special=0.99) is None  # 0.01 of the row: nothing stands out
    assert row_pattern(np.array([0.6, 0.2, 0.2]), 0) is None  # 0.6 < 2/3: does not stand out
    assert row_pattern(np.array([0.8, 0.1, 0.1]), 0) == "self"
    d = CHAPTERS["attention-matrix"].compute("the cat saw the cat")
    for c in d.examples():
        if c.values["pattern"] != "even":
            w = float(c.evidence["weights"][c.values.get("key", c.values["query"])])
            assert w * len(d.tokens) >= 2 * (sum(c.evidence["weights"]) + c.evidence["special"]) - 1e-12


def test_the_article_s_links_are_checked_against_every_head():
    d = CHAPTERS["intuition"].compute()
    expect = d.claim("expect")
    assert expect.values["source"] == "article" and expect.words[:2] == ("停下", "小猫")
    assert 0 < expect.values["agree"] < 144 and d.claim("focus_row").words == ("停下", "小猫")
    zh = claim_text("zh", "expect", expect)
    assert "文章说「停下」关联的是「小猫」" in zh and f"有 {expect.values['agree']} 个" in zh
    d = CHAPTERS["self-attention-idea"].compute()
    expect = d.claim("expect")
    assert expect.words[:2] == ("它", "小猫") and expect.values["agree"] > 0
    assert d.claim("focus_row").words == ("它", "小猫")


def test_when_no_head_agrees_the_video_says_so_and_gives_the_rank():
    sentence = "那只在花园里追逐蝴蝶的小猫突然停下了脚步"
    d = CHAPTERS["intuition"].compute(sentence, "停下", expect=("那",))
    v = d.claim("expect").values
    if v["agree"] == 0:
        assert v["rank"] > 1 and v["ahead"]
        text = claim_text("en", "expect", d.claim("expect"))
        assert "in none of the 144 heads" in text and "ranks highest" in text
    else:
        assert v["rank"] == 1


def test_the_matrix_never_shows_a_sink_head_by_default_and_its_rows_differ():
    for sentence in (None, "The nurse told the doctor that she had worked all night and needed sleep"):
        d = CHAPTERS["attention-matrix"].compute(sentence)
        view = d.claim("view").values
        assert view["rule"] == "varied" and not view["all_sinks"]
        assert sink_of(d.attention.weights) is None
        assert len({r.words[-1] for r in d.rows() if r.kind == "strongest"}) >= 3
        assert {c.values["pattern"] for c in d.examples()} >= {"self", "neighbour", "far"}


def test_views_are_what_they_say():
    a = model_attention("The cat sat on the mat", tuple("The cat sat on the mat".split()), "e5-small")
    mean = CHAPTERS["intuition"].compute("The cat sat on the mat", "mat", head="mean:9-12")
    assert mean.attention.source["view"] == {"kind": "mean", "label": "mean:9-12", "first_layer": 9, "last_layer": 12}
    w, s = a.word_rows(a.tokens[8:12].mean(axis=(0, 1)))
    np.testing.assert_allclose(mean.attention.weights, w, atol=1e-12)
    roll = CHAPTERS["self-attention-idea"].compute("The cat sat on the mat", "mat", head="rollout").attention
    assert roll.source["view"]["kind"] == "rollout"
    np.testing.assert_allclose(roll.weights.sum(axis=1) + roll.special, 1.0, atol=1e-9)


def test_the_worked_example_quotes_the_sentence_as_typed():
    d = CHAPTERS["worked-example"].compute('She said "yes" (twice)')
    assert d.typed == 'She said "yes" (twice)'


def test_no_caption_says_all_2_words():
    d = CHAPTERS["self-attention-idea"].compute("Hello world", model="lexicon")
    text = claim_text("en", "sa.focus", d.claim("matrix_size"), word="world")
    assert "both words" in text and "all 2" not in text


def test_written_matches_the_formatter_on_rounding_edges():
    values = np.array([0.125, 0.135, 0.005, 0.015, 0.3349999, 1 / 3, 0.6649999999999])
    assert written(values).tolist() == [float(f"{x:.2f}") for x in values]
