"""The expect and heads claims' checks bite: another count of agreeing heads, rank, word ahead or runner-up; a written
tie counted as agreement or hidden; captions saying all, none, the strongest or a tie only when true."""

from __future__ import annotations

import dataclasses

import numpy as np

from scenes import get_chapter
from scenes.strings import claim_text
from tests.chapters.falsify import (
    NONE_AGREE,
    TIE_FOR_TOP,
    changed,
    view_problems,
    with_claim,
)
from tests.oracle import view_rules as vr
from tests.oracle.views import model_words
from tests.oracle.wording import view_wording


def test_expect_verifier_rejects_false_agreement():
    """expect: another count, rank, word ahead, favourite of the others; a written tie counted as agreement."""
    d = get_chapter("intuition").data()
    e = d.claim("expect")
    v = e.values
    assert (v["agree"], v["rank"], v["instead"], v["instead_heads"], v["tied_heads"]) == (17, 1, ["突然"], 39, 40)
    for bad in (
        changed(e, agree=v["agree"] + 1),
        changed(e, agree=v["agree"] - 1),
        changed(e, rank=2),
        changed(e, instead=["小猫"]),
        changed(e, instead_heads=v["instead_heads"] + 1),
        changed(e, tied_heads=v["tied_heads"] - 1),
        changed(e, source="given"),
        changed(e, w="0.31"),
    ):
        assert view_problems("intuition", with_claim(d, bad)), bad.values
    # a written tie is no agreement: heads where 小猫 shares the top of the focus row do not count
    mw, _ = model_words(d.attention.detail, get_chapter("intuition").default_sentence, d.sentence_tokens, 0)
    keys, key = list(range(d.focus)), d.tokens.index("小猫")
    row = mw["written"][:, :, d.focus]
    top = np.stack([row[:, :, k] for k in keys], axis=-1).max(axis=-1)
    ties = int(((row[:, :, key] == top) & (vr.strongest_keys(row, keys) < 0)).sum())
    assert ties > 0
    assert view_problems("intuition", with_claim(d, changed(e, agree=v["agree"] + ties)))
    tie_rule = vr.expect_choice(
        np.array([[[[0.30, 0.30, 0.1]], [[0.2, 0.1, 0.4]]]]),
        np.array([[[[30, 30, 10]], [[20, 10, 40]]]]),
        0,
        [0, 1, 2],
        [1],
    )
    assert tie_rule["agree"] == 0 and tie_rule["rank"] == 1 and tie_rule["tied_heads"] == 1
    # none agrees: the rank, the words ahead and their weights
    sentence, expect = NONE_AGREE
    n = get_chapter("self-attention-idea").data(sentence, None, "minilm", None, expect)
    ne = n.claim("expect")
    assert (ne.values["agree"], ne.values["rank"], ne.values["ahead"]) == (0, 2, ["mat"])
    assert not view_problems("self-attention-idea", n, sentence, "minilm", None, expect)
    for bad in (
        changed(ne, rank=1),
        changed(ne, ahead=[]),
        changed(ne, ahead_w=["0.99"]),
        changed(n.claim("view"), rank=3),
        changed(n.claim("view"), agree=1),
    ):
        assert view_problems("self-attention-idea", with_claim(n, bad), sentence, "minilm", None, expect), bad


def test_agreement_captions_say_all_and_none_only_when_true():
    """The captions: "all" only when every head agrees, "none" only when none does, "the strongest" only for a word
    alone on top, a rank with the words ahead of it."""
    d = get_chapter("intuition").data()
    e = d.claim("expect")
    for lang in ("en", "zh"):
        cap = claim_text(lang, "expect", e)
        assert not view_wording(e, "expect", cap, lang)
        all_of = changed(e, agree=e.values["total_heads"])
        assert view_wording(all_of, "expect", cap, lang)  # a count where all agree
        none = changed(e, agree=0)
        assert view_wording(none, "expect", cap, lang)
        assert view_wording(e, "expect", claim_text(lang, "expect", all_of), lang)  # "all" where 17 agree
        assert view_wording(e, "expect", claim_text(lang, "expect", none), lang)
        view = d.claim("view")
        assert not view_wording(view, "view", claim_text(lang, "view", view), lang)
        assert view_wording(changed(view, agree=0), "view", claim_text(lang, "view", view), lang)
    s = get_chapter("self-attention-idea").data("The dog saw the cat and then it ran away")
    heads = s.claim("heads")
    assert heads.values["agree"] < heads.values["total_heads"] and heads.values["runner"]
    cap = claim_text("en", "heads.agree", heads)
    assert not view_wording(heads, "heads.agree", cap, "en")
    said_all = claim_text(
        "en",
        "heads.agree",
        dataclasses.replace(
            heads, words=heads.words[:2], values={**heads.values, "runner": False, "word_at": [None, None]}
        ),
    )
    assert view_wording(heads, "heads.agree", said_all, "en")


def test_heads_verifier_rejects_a_wrong_agreement():
    """heads_agree (focus_link and given views): a wrong count of agreeing heads, runner-up, its weight."""
    sentence = "The dog saw the cat and then it ran away"
    d = get_chapter("self-attention-idea").data(sentence)
    heads = d.claim("heads")
    v = heads.values
    assert v["runner"] and not view_problems("self-attention-idea", d, sentence)
    for bad in (
        changed(heads, agree=v["agree"] + 1),
        changed(heads, agree=v["agree"] - 1),
        changed(heads, total_heads=72),
        changed(heads, runner_layer=v["runner_layer"] % 12 + 1),
        changed(heads, runner_head=v["runner_head"] % 12 + 1),
        changed(heads, runner_w="0.99"),
        changed(heads, runner_word=d.tokens[0]),
        changed(heads, skips_neighbours=False),
        dataclasses.replace(heads, words=heads.words[:2], values={**v, "runner": False}),
    ):
        assert view_problems("self-attention-idea", with_claim(d, bad), sentence), bad.values
    # a given view: the mean's strongest link, agreed on by single heads
    g = get_chapter("intuition").data(sentence, None, None, "mean:9-12")
    gh = g.claim("heads")
    assert gh.values["view"] == "mean" and not view_problems("intuition", g, sentence, head="mean:9-12")
    assert view_problems(
        "intuition", with_claim(g, changed(gh, agree=gh.values["agree"] + 1)), sentence, head="mean:9-12"
    )
    # a word the window shows twice, named without its position, is caught
    twice = get_chapter("self-attention-idea").data("dog cat dog bird", "dog")
    assert not view_problems("self-attention-idea", twice, "dog cat dog bird")
    view = twice.claim("view")
    bare = changed(view, word_at=[None] * len(view.values["word_at"]))
    assert view_problems("self-attention-idea", with_claim(twice, bare), "dog cat dog bird")


def test_expect_verifier_rejects_a_hidden_tie():
    """No head agrees and the expected word only ties for the top of the head shown: the words level with it are
    named (view and expect), the caption says it ties, never that it is the strongest or ranks 1st."""
    sentence, expect = TIE_FOR_TOP
    d = get_chapter("self-attention-idea").data(sentence, None, "e5-small", None, expect)
    view, e = d.claim("view"), d.claim("expect")
    assert (view.values["rank"], view.values["level"], e.values["level"]) == (1, ["❤️"], ["❤️"])
    kw = {"sentence": sentence, "expect": expect}
    assert not view_problems("self-attention-idea", d, **kw)
    for bad in (
        dataclasses.replace(view, words=view.words[:2], values={**view.values, "level": [], "word_at": [11, None]}),
        dataclasses.replace(e, words=e.words[:2] + e.words[3:], values={**e.values, "level": []}),
        changed(view, level=["!"]),
        changed(e, rank=2),
    ):
        assert view_problems("self-attention-idea", with_claim(d, bad), **kw), bad.values
    for lang in ("en", "zh"):
        cap = claim_text(lang, "expect", e)
        assert not view_wording(e, "expect", cap, lang)
        claimed = cap.replace("ties for the top with", "ranks 1st, after").replace("并列第一", "排第 1")
        assert view_wording(e, "expect", claimed, lang), claimed
    # rank 2 with a word level with it: "(level with ...)", said only when there is one
    sentence, expect = NONE_AGREE
    n = get_chapter("self-attention-idea").data(sentence, None, "minilm", None, expect)
    view = n.claim("view")
    cap = claim_text("en", "view", view)
    assert view.values["level"] == ["and"] and '(level with "and")' in cap
    assert not view_wording(view, "view", cap, "en")
    assert view_wording(changed(view, level=[]), "view", cap, "en")
    assert view_wording(view, "view", cap.replace(' (level with "and")', ""), "en")
