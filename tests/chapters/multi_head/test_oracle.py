"""Multi-head's oracle bites: where the heads differ, the mask and the row it changes most, the window around the
focus word, a repeated word's position; and a product bug it found, fixed since (a regression test)."""

from __future__ import annotations

import dataclasses

from attention_core import Claim
from scenes import get_chapter
from scenes.strings import claim_text
from tests.chapters import oracle
from tests.chapters.falsify import (
    changed,
    with_claim,
)
from tests.oracle.captions import caption_problems
from tests.oracle.chapter import stated_caption_problems
from tests.oracle.wording import heads_differ_wording
from tests.oracle.written import D, written

MH = oracle("multi-head")
MH_SENTENCE = "我爱吃苹果"


def _mh_problems(d, claim: Claim, sentence: str = MH_SENTENCE, focus: str | None = None) -> list[str]:
    bad = with_claim(d, claim)
    return MH.check_multi_head(bad, sentence, focus, d.sentence_tokens) + stated_caption_problems(MH.stated(bad), bad)


def test_fixed_bug_multi_head_marks():
    d = get_chapter("multi-head").data("。 ， ！")
    assert d.claim("auto_focus").values["rule"] == "last"
    problems = oracle("multi-head").check("。 ， ！")
    assert not problems, (
        "multi-head's auto_focus claim for a sentence of marks only (rule 'last') has marks=None, so its caption "
        "(auto_focus.last needs {marks_words}) raises KeyError when the scene states it:\n" + "\n".join(problems)
    )


def test_multi_head_verifier_rejects_false_claims():
    """heads_differ with other weights or another key, another mask count, another row or share taken by the mask,
    another head number, a head's reading under the other head, "the same written weight" where they differ."""
    d = get_chapter("multi-head").data(MH_SENTENCE)
    assert not oracle("multi-head").check(MH_SENTENCE)
    diff, mask, row, head1, head2 = (d.claim(t) for t in ("heads_differ", "mask", "mask_row", "head:1", "head:2"))
    v, n = diff.values, len(d.tokens)
    assert v["head1_w"] != v["head2_w"] and mask.values["masked"] == 6 and row.values["row"] == 1
    other_key = (v["key"] + 1) % n
    for bad in (
        changed(diff, head1_w=v["head2_w"], head2_w=v["head1_w"]),
        changed(diff, head2_w="0.50"),
        changed(diff, head2_w=v["head1_w"]),  # "the same written weight": honest wording, false weight
        dataclasses.replace(diff, words=(diff.words[0], d.tokens[other_key]), values={**v, "key": other_key}),
        changed(mask, masked=mask.values["masked"] + 1),
        changed(mask, masked=n * n - n),
        changed(mask, cells=n * (n - 1)),
        changed(mask, first_w="0.99"),
        changed(row, taken="0.80"),
        changed(row, taken=written(float(D(row.values["taken"])) + 0.01)),
        changed(row, row=2),
        dataclasses.replace(d.claim("mask_row"), values={**row.values, "row": 2, "query": 2}),
        changed(head2, head=1),
        changed(head1, head=2),
        dataclasses.replace(head2, topic="head:1", values={**head2.values, "head": 1}),
        changed(d.claim("shape"), d_head=4),
        changed(d.claim("split"), cols=["1–2", "2–3"]),
        changed(d.claim("concat"), d_model=2),
    ):
        assert _mh_problems(d, bad), (bad.topic, bad.values)
    # the caption: "the same written weight" only when the two written weights are equal, "read differently" only
    # when they differ
    same = changed(diff, head2_w=v["head1_w"])
    assert caption_problems(same, "mh.differ", d.tokens) == []
    for lang in ("zh", "en"):
        differ_cap, same_cap = claim_text(lang, "mh.differ", diff), claim_text(lang, "mh.differ", same)
        assert heads_differ_wording(v, differ_cap, lang) == []
        assert heads_differ_wording(v, same_cap, lang), same_cap
        assert heads_differ_wording(same.values, differ_cap, lang), differ_cap
    # a repeated word named without its position, or with a position outside the window
    twice = get_chapter("multi-head").data("dog cat dog bird", "bird")
    assert not oracle("multi-head").check("dog cat dog bird", "bird")
    dup = next(c for c in twice.claims if c.topic.startswith("head:") and "dog" in c.words[1:])
    assert any(x is not None for x in dup.values["named_at"])
    bare = changed(dup, named_at=[None] * len(dup.values["named_at"]))
    shifted = changed(dup, named_at=[None if x is None else x + 1 for x in dup.values["named_at"]])
    for bad in (bare, shifted):
        assert _mh_problems(twice, bad, "dog cat dog bird", "bird"), bad.values


def test_multi_head_verifier_follows_the_rules_for_the_window_and_the_mask_row():
    """A long sentence: the window keeps the focus third from its end; a mask row that is not the one giving later
    words the most, or a focus elsewhere, is caught."""
    sentence = "a b c d e f g h i j it k l m"
    d = get_chapter("multi-head").data(sentence)
    assert d.window.partial and d.tokens[d.focus] == "it" and (d.window.start, d.focus) == (7, 3)
    assert not oracle("multi-head").check(sentence)
    later = MH.later_totals(d.trace.heads[0].weights)
    best = d.claim("mask_row").values["row"]
    assert best == MH.mask_row_choice(d.trace.heads[0].weights) and later[best] == max(later[1:-1])
    moved = dataclasses.replace(d)
    moved.__dict__["focus"] = d.focus - 1
    assert MH.check_multi_head(moved, sentence, None, d.sentence_tokens)
    shifted = dataclasses.replace(d, window=dataclasses.replace(d.window, start=6, stop=12))
    assert any("window starts" in x for x in MH.check_multi_head(shifted, sentence, None, d.sentence_tokens))


def test_multi_head_mask_caption_says_1_score():
    """Two words: one score is masked; the English caption should say "1 score", not "1 scores"."""
    mask = get_chapter("multi-head").data("dog cat").claim("mask")
    assert mask.values["masked"] == 1
    assert "1 scores" not in claim_text("en", "mh.mask", mask)
