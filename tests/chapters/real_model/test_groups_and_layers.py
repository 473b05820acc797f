"""Real-model's oracle bites on the head groups (counts, thresholds, exemplars, a head moved), the layers' means and
rollout (shares, rounding notes, ties, a rollout without its residual half) and its captions (variants, order)."""

from __future__ import annotations

import dataclasses

import numpy as np

from attention_core import Claim
from scenes import get_chapter
from scenes.strings import claim_text
from tests.chapters.falsify import (
    ANIMAL,
    REAL,
    TIE_FOR_TOP,
    changed,
    real_checked,
    real_data,
    real_problems,
    with_method,
)
from tests.oracle import real_model_rules as rr
from tests.oracle import view_rules as vr
from tests.oracle.caption_templates import number_problems, variant_problems
from tests.oracle.captions import caption_problems, grammar_problems
from tests.oracle.views import model_words
from tests.oracle.written import written


def _group_claim(d, group: str, layer: int, head: int) -> Claim:
    """``group:<group>`` naming layer/head (0-based) as its exemplar, in its values and its evidence alike."""
    c = d.claim(f"group:{group}")
    values = {**c.values, "layer": layer + 1, "head": head + 1}
    return dataclasses.replace(c, values=values, evidence={**c.evidence, "layer_index": layer, "head_index": head})


def test_groups_verifier_rejects_false_groups():
    """head_groups and head_group: a count off by one (even when the counts still add up), a changed threshold, the
    wrong exemplar, an exemplar from another group (a head in two groups), an empty group claimed, a group left out,
    a head moved to another group in the matrix the scene frames."""
    d = real_data()
    groups = d.claim("groups")
    counts = groups.values["counts"]
    assert list(counts.values()) == [5, 4, 6, 29, 73, 0, 12, 15] and list(counts) == list(rr.GROUPS)
    matrix = np.asarray(d.arrays()["groups"])
    mw, _ = model_words(d.attention, ANIMAL, d.sentence_tokens, d.window.start)
    low, _ = rr.group_scores(mw["words"], mw["special"], mw["written"], d.focus)["special"]
    special = matrix == rr.GROUPS.index("special")
    weakest = tuple(int(x) for x in np.argwhere(special & (low == np.where(special, low, np.inf).min()))[0])
    sink_head = tuple(int(x) for x in np.argwhere(matrix == rr.GROUPS.index("sink"))[0])
    prev = d.claim("group:previous")
    for bad in (
        changed(groups, counts={**counts, "self": counts["self"] + 1}),
        changed(groups, counts={**counts, "self": counts["self"] + 1, "other": counts["other"] - 1}),
        changed(groups, row_share="1/2"),
        changed(groups, special="0.40"),
        changed(groups, even_top="0.20"),
        changed(groups, n=12),
        changed(prev, count=prev.values["count"] - 1),
        changed(prev, row_share="3/4"),
        changed(d.claim("group:focus"), even_top="0.10"),
        _group_claim(d, "special", *weakest),  # a member, but not the one with the largest special share
        _group_claim(d, "previous", *sink_head),  # a sink head as the previous-word exemplar
        changed(d.claim("group:focus"), group="broad"),
    ):
        assert real_problems(d, bad), (bad.topic, bad.values)
    empty = Claim("group:broad", "head_group", ("it",), {**prev.values, "group": "broad", "count": 0}, prev.evidence)
    with_empty = dataclasses.replace(d)
    with_empty.__dict__["claims"] = (*d.claims, empty)
    assert any("group:broad claimed but no head" in x for x in real_checked(with_empty))
    without = dataclasses.replace(d)
    without.__dict__["claims"] = tuple(c for c in d.claims if c.topic != "group:focus")
    assert any("no group:focus claim" in x for x in real_checked(without))
    moved = matrix.copy()
    moved[sink_head] = rr.GROUPS.index("previous")
    assert any("is put in 'previous'" in x for x in real_checked(with_method(d, arrays={"groups": moved})))
    # the rule: a previous-word head is one whose rows favour the word before in 2/3 of them, as written
    assert rr.head_groups(mw["words"], mw["special"], mw["written"], d.focus)["group"].tolist() == matrix.tolist()
    # each caption: the count with its noun ("1 head"), the threshold, the exemplar; no other number
    for lang in ("en", "zh"):
        cap = claim_text(lang, "rm.group", prev)
        assert not number_problems(prev, "rm.group", lang, cap, d.tokens), cap
        assert number_problems(prev, "rm.group", lang, cap.replace("2/3", "1/2"), d.tokens)
        assert number_problems(prev, "rm.group", lang, cap.replace(f" {prev.values['head']}", " 99"), d.tokens)
    one = changed(prev, count=1)
    assert "in 1 head," in claim_text("en", "rm.group", one) and grammar_problems("in 1 heads")


def test_layer_means_and_rollout_verifiers_reject_false_shares():
    """layer_means: a wrong share, a rounding note where the written shares add to 1.00 (or none where they do not),
    a wrong written sum, another layer's means shown; rollout: what the word keeps, the special share, a tie hidden,
    a rollout without its ½·I (the focus row and the claim made from it); layers: a tie hidden."""
    d = real_data()
    means = d.claim("layer_means")
    v = means.values
    for bad in (
        changed(means, first_near="0.99"),
        changed(means, last_special=written(float(v["last_special"]) + 0.01)),
        changed(means, first_rounded=not v["first_rounded"]),
        changed(means, last_shown_sum="0.99"),
        changed(means, layers=6),
    ):
        assert real_problems(d, bad), bad.values
    m, s = d.layer_means()
    assert any("layer_means()" in x for x in real_checked(with_method(d, layer_means=(m[::-1], s[::-1]))))
    for lang in ("en", "zh"):  # the note on the rounded shares only when they are
        rounded = changed(means, first_rounded=True, first_shown_sum="1.01")
        assert variant_problems(rounded, "rm.layer_means", lang, claim_text(lang, "rm.layer_means", means), {})
    roll = d.claim("rollout")
    for bad in (changed(roll, self="0.50"), changed(roll, special="0.10"), changed(roll, top_w="0.04")):
        assert real_problems(d, bad), bad.values
    # a written tie on top of the rollout row: every tied word is named (more than three are counted)
    same = "the the the the the the the the"
    t = real_data(same)
    tie = t.claim("rollout")
    assert len(tie.values["top"]) > 3 and "7 words (0.03 each)" in claim_text("en", "rm.rollout", tie)
    one = {"top": tie.values["top"][:1], "top_at": tie.values["top_at"][:1]}
    hidden = dataclasses.replace(tie, words=tie.words[:2], values={**tie.values, **one})
    assert real_problems(t, hidden, sentence=same)
    # a written tie among the words the focus word looks at most in the first layers: each one named
    dogs = "dog dog dog cat dog dog"
    layers = real_data(dogs).claim("layers")
    assert layers.values["early"] == ["dog", "cat", "dog"] and "(0.05 each)" in claim_text("en", "rm.layers", layers)
    two = {"early": ["dog", "cat"], "early_at": layers.values["early_at"][:2]}
    assert real_problems(real_data(dogs), dataclasses.replace(layers, values={**layers.values, **two}), sentence=dogs)
    listed = claim_text("en", "rm.rollout", tie).replace("7 words", '"the" (word 1), "the" (word 2) and 5 more')
    assert number_problems(tie, "rm.rollout", "en", listed, t.tokens)
    # rollout without the residual half: Â = mean of the heads alone
    det = d.attention  # real-model's attention is the model's pieces and heads
    a = np.asarray(det.tokens, dtype=float)
    r, rows = np.eye(a.shape[-1]), []
    for layer in a:
        r = layer.mean(axis=0) @ r
        w, sp = vr.word_views(r, np.asarray(det.membership), np.array([pc.special for pc in det.pieces]))
        rows.append([*w[d.focus], sp[d.focus]])
    found = real_checked(with_method(d, rollout_rows=np.array(rows)))
    assert any("rollout_rows() is not" in x for x in found), found


def test_real_model_captions_follow_the_rules(monkeypatch):
    """The caption variants are the rules' (pieces whole / joined / split, a written tie for the top said as a tie),
    only the first two split words are spelled out, and the captions come in the order the video states them."""
    import scenes.strings as strings

    d = real_data("小猫在花园里追蝴蝶,然后它停下了", "它")
    keys = [key for _, key, _ in REAL.stated(d)]
    assert keys[:3] == ["rm.pieces", "rm.pieces", "rm.gallery"] and keys[-4:] == [
        "rm.layer_means",
        "rm.layers",
        "rm.rollout",
        "rm.close",
    ]
    groups = [c.topic for c, key, _ in REAL.stated(d) if key == "rm.group"]
    assert groups == sorted(groups, key=lambda t: rr.GROUPS.index(t.split(":")[1]))
    pieces = d.claim("pieces")
    assert pieces.values["split"] == ["小猫", "花园里"]
    many = changed(pieces, split=["小猫", "花园里", "蝴蝶"], split_pieces=["▁小 + 猫", "花园 + 里", "蝴 + 蝶"])
    said = REAL.split_said(many.values, "en")
    assert said == '"小猫" = ▁小 + 猫; "花园里" = 花园 + 里; and 1 more'
    assert REAL.split_said(many.values, "zh").endswith("……另有 1 个词")
    real_variant = strings.variant
    monkeypatch.setattr(strings, "variant", lambda c: ".whole" if c.kind == "pieces" else real_variant(c))
    found = caption_problems(pieces, "rm.pieces", d.tokens, {"split_list": "x"})
    assert any("is not rm.pieces:" in x for x in found), found
    monkeypatch.setattr(strings, "variant", lambda c: ".expect" if c.kind == "view" else real_variant(c))
    sentence, expect = TIE_FOR_TOP
    tie = get_chapter("self-attention-idea").data(sentence, None, "e5-small", None, expect)
    found = caption_problems(tie.claim("view"), "view", tie.tokens)
    assert any("says alone=True" in x for x in found) and any("is not view.expect.top" in x for x in found), found
