"""Real-model's oracle bites: the focus link, the layers, pieces and gallery, the view asked for (chapter 3's), a
product broken through its data; and the product bugs it found, fixed since (regression tests)."""

from __future__ import annotations

import dataclasses

import numpy as np

from attention_core import Claim
from scenes import get_chapter
from scenes.strings import claim_text
from tests.chapters import oracle
from tests.chapters.falsify import (
    ANIMAL,
    changed,
    real_checked,
    real_data,
    real_problems,
    with_claim,
    with_method,
)
from tests.oracle import real_model_rules as rr
from tests.oracle import view_rules as vr
from tests.oracle.captions import caption_problems
from tests.oracle.views import model_words
from tests.oracle.wording import pieces_wording
from tests.oracle.written import written


def test_real_model_verifier_rejects_false_heads():
    """head:focus_link (the strongest link from the focus word in a head that is no sink): another head, key, weight,
    tie or sink count, "not next to it" where the data does not say so; a head:previous (the groups replace it)."""
    d = real_data()
    link = d.claim("head:focus_link")
    v = link.values
    assert (v["tie"], v["all_sinks"], v["skips_neighbours"], len(v["keys"])) == (False, False, True, 1)
    for bad in (
        changed(link, layer=v["layer"] % 12 + 1),
        changed(link, key=(v["key"] + 1) % len(d.tokens)),
        changed(link, keys=[*v["keys"], (v["key"] + 1) % len(d.tokens)]),
        changed(link, w="0.99"),
        changed(link, tie=True),
        changed(link, all_sinks=True),
        changed(link, skips_neighbours=False),
        dataclasses.replace(link, words=(link.words[0], d.tokens[0])),
    ):
        assert real_problems(d, bad), bad.values
    # the rule itself: the strongest link of any head, sinks included, is caught where it is a sink's
    mw, _ = model_words(d.attention, ANIMAL, d.sentence_tokens, d.window.start)
    cands = vr.link_candidates(len(d.tokens), d.focus)
    link_w = mw["words"][:, :, d.focus, cands].max(axis=-1)
    lay, head = np.unravel_index(int(np.argmax(link_w)), link_w.shape)
    if (lay + 1, head + 1) != (v["layer"], v["head"]):
        assert vr.sink_leads(mw["written"])[lay, head] >= 0  # the strongest link overall sits in a sink head
        assert real_problems(d, changed(link, layer=int(lay) + 1, head=int(head) + 1))
    # the groups replace the previous-word and broad heads: the chapter may not single them out any more
    assert not d.has_claim("head:previous") and not d.has_claim("head:broad")
    previous = Claim("head:previous", "head_pattern", ("it", "because"), {**v, "pattern": "previous"}, link.evidence)
    extra = dataclasses.replace(d)
    extra.__dict__["claims"] = (*d.claims, previous)
    assert any("unexpected" in x for x in real_checked(extra))
    # a short sentence: the focus word's neighbours are its only candidates; "not next to" is then false
    short = real_data("a b c", "b")
    near = short.claim("head:focus_link")
    assert near.values["skips_neighbours"] is False
    assert "not next to" not in claim_text("en", "rm.head", near)
    assert caption_problems(near, "rm.head", short.tokens) == []
    assert real_problems(short, changed(near, skips_neighbours=True))


def test_real_model_verifier_rejects_false_layers_pieces_and_gallery():
    d = real_data()
    layers, pieces, gallery = d.claim("layers"), d.claim("pieces"), d.claim("gallery")
    lv = layers.values
    other = next(t for t in d.tokens if t not in lv["early"] and t != d.tokens[d.focus])
    for bad in (
        changed(layers, early=[other]),
        changed(layers, same=not lv["same"]),
        changed(layers, early_w="0.99"),
        changed(layers, third=3),
        changed(layers, late=lv["late"] + [other], late_at=lv["late_at"] + [None]),
        changed(pieces, pieces=pieces.values["pieces"] + 1),
        changed(gallery, special_mean="0.01"),
        changed(gallery, total=72),
        changed(gallery, model="all-MiniLM-L6-v2"),
    ):
        assert real_problems(d, bad), bad.values
    # a word cut into pieces left unsaid, or pieces said to cross words
    sentence = "小猫在花园里追蝴蝶,然后它停下了"
    zh = real_data(sentence, "它")
    cut = zh.claim("pieces")
    assert cut.values["split"] == ["小猫", "花园里"]
    for bad in (
        changed(cut, split=[], split_pieces=[]),
        changed(cut, split_pieces=["小 + 猫", "花园 + 里"]),
        changed(cut, crossing=["花园"], crossing_words=[2]),
    ):
        assert real_problems(zh, bad, sentence=sentence), bad.values
    # a piece across words, a bare "▁" covering no character: counted, named, never a word's
    sentence = "他说我爱你"
    he = real_data(sentence)
    pv = he.claim("pieces").values
    assert (pv["crossing"], pv["crossing_words"], pv["empty"], pv["empty_text"]) == (["他说"], [2], 1, "▁")
    assert pv["pieces"] == 3 and he.claim("gallery").values["special_names"] == "<s> ▁ </s>"
    for bad in (
        changed(he.claim("pieces"), crossing_words=[3]),
        changed(he.claim("pieces"), empty=0, empty_text=None),
        changed(he.claim("pieces"), pieces=4),  # the bare "▁" counted as a word's piece
        changed(he.claim("pieces"), specials="<s> ▁ </s>"),  # only the special pieces are "special"
        changed(he.claim("gallery"), special_names="<s> </s>"),  # the "▁" share is in special_mean
    ):
        assert real_problems(he, bad, sentence=sentence), bad.values
    # a tie is named with "each"; a single word without
    tied = changed(layers, early=[lv["early"][0], other], early_at=[None, None])
    assert not any("'each'" in x for x in caption_problems(tied, "rm.layers", d.tokens))
    assert "each" in claim_text("en", "rm.layers", tied)


def test_chosen_view_verifier_is_chapter_3s():
    """--head / --expect: real-model's chosen view and claims are chapter 3's for the same words, focus and option;
    another head, count or favourite is caught, and so are chosen claims without an option."""
    given = real_data(ANIMAL, None, "e5-small", "3.4")
    expect = real_data(ANIMAL, None, "e5-small", None, ("animal",))
    for d, head, exp in ((given, "3.4", ()), (expect, None, ("animal",))):
        three = get_chapter("self-attention-idea").data(ANIMAL, None, "e5-small", head, exp)
        mine = {c.topic.removeprefix("chosen:"): (c.kind, c.words, c.values) for c in d.claims if "chosen" in c.topic}
        theirs = {t: (three.claim(t).kind, three.claim(t).words, three.claim(t).values) for t in mine}
        assert mine == theirs and set(mine) == {t for t in ("view", "expect", "heads") if three.has_claim(t)}
    view, heads = given.claim("chosen:view"), given.claim("chosen:heads")
    for bad in (
        changed(view, layer=4, label="4.4"),
        changed(view, rule="expect"),
        changed(heads, agree=heads.values["agree"] + 1),
        changed(heads, runner_w="0.99"),
    ):
        assert real_problems(given, bad, head="3.4"), bad.values
    e = expect.claim("chosen:expect")
    for bad in (changed(e, agree=e.values["agree"] + 1), changed(e, instead=["the"]), changed(e, rank=2)):
        assert real_problems(expect, bad, expect=("animal",)), bad.values
    other = get_chapter("self-attention-idea").data(ANIMAL, None, "e5-small", "4.4").attention
    swapped = dataclasses.replace(
        given, chosen=dataclasses.replace(given.chosen, weights=other.weights, special=other.special)
    )
    swapped.__dict__["claims"] = given.claims
    assert any("not the word view of 3.4" in x for x in real_checked(swapped, head="3.4"))
    plain = real_data()
    extra = dataclasses.replace(plain)
    extra.__dict__["claims"] = (*plain.claims, view)
    assert any("claimed without --head" in x for x in real_checked(extra))


def test_the_verifier_catches_a_broken_real_model(monkeypatch):
    """The real-model chapter broken through its data (nothing of attention_core edited): a head moved into another
    group (matrix and counts alike), the rollout without its residual half (rows and claim alike). Each makes
    ``check_chapter`` fail."""
    from scenes import Chapter

    real = Chapter.data

    def head_moved(self, *args, **kwargs):
        d = real(self, *args, **kwargs)
        matrix = np.asarray(d.arrays()["groups"]).copy()
        sink, prev = rr.GROUPS.index("sink"), rr.GROUPS.index("previous")
        matrix[tuple(np.argwhere(matrix == sink)[0])] = prev
        counts = {k: int((matrix == i).sum()) for i, k in enumerate(rr.GROUPS)}
        bad = with_claim(d, changed(d.claim("groups"), counts=counts))
        bad = with_claim(bad, changed(d.claim("group:previous"), count=counts["previous"]))
        return with_method(bad, arrays={**d.arrays(), "groups": matrix})

    monkeypatch.setattr(Chapter, "data", head_moved)
    found = oracle("real-model").check(ANIMAL)
    assert any("is put in 'previous'" in x for x in found), found

    def rollout_without_residual(self, *args, **kwargs):
        d = real(self, *args, **kwargs)
        det = d.attention  # real-model's attention is the model's pieces and heads
        r = np.eye(det.tokens.shape[-1])
        rows = []
        for layer in np.asarray(det.tokens, dtype=float):
            r = layer.mean(axis=0) @ r
            w, sp = vr.word_views(r, np.asarray(det.membership), np.array([pc.special for pc in det.pieces]))
            rows.append([*w[d.focus], sp[d.focus]])
        last = rows[-1]
        roll = changed(d.claim("rollout"), self=written(last[d.focus]), special=written(last[-1]))
        return with_method(with_claim(d, roll), rollout_rows=np.array(rows))

    monkeypatch.setattr(Chapter, "data", rollout_without_residual)
    found = oracle("real-model").check(ANIMAL)
    assert any("rollout_rows() is not" in x for x in found), found
    monkeypatch.setattr(Chapter, "data", real)
    assert not oracle("real-model").check(ANIMAL)


def test_fixed_bug_groups_focus_without_position():
    """The focus word shown twice ("dog" is words 1 and 3): every other caption names it "dog" (word 1), the groups
    caption (and group:focus's) only "dog", so the viewer cannot tell which "dog" the far-word group is about."""
    d = get_chapter("real-model").data("dog cat dog bird", "dog", "e5-small")
    assert claim_text("en", "rm.layers", d.claim("layers")).count('"dog" (word 1)') == 1
    problems = oracle("real-model").check("dog cat dog bird", "dog", "e5-small")
    assert not problems, "\n".join(problems)


def test_fixed_bug_one_pieces():
    """Two words in one piece ("！！" is one e5-small piece): the pieces caption says "1 pieces"."""
    d = get_chapter("real-model").data("！！", None, "e5-small")
    assert d.claim("pieces").values["pieces"] == 1
    problems = oracle("real-model").check("！！", None, "e5-small")
    assert not problems, "\n".join(problems)


def test_real_model_heads_follow_the_data_for_other_sentences():
    """The heads named differ with the sentence and the model; MiniLM has 6 × 12 heads."""
    zh = real_data("小猫在花园里追蝴蝶,然后它停下了", "它")
    assert zh.claim("head:focus_link").words == ("它", "小猫")
    mini = real_data(model="minilm")
    assert mini.claim("gallery").values["total"] == 72 and mini.claim("gallery").values["model"] == "all-MiniLM-L6-v2"
    assert mini.claim("head:focus_link").words[0] == "it"


def test_pieces_captions_count_the_words_a_piece_spans():
    """A piece across three words is not said to span "two"; no Python list brackets in a pieces caption."""
    c = Claim("pieces", "pieces", ("一个人",), {"crossing": ["一个人"], "crossing_words": [3], "split": ["一个人"]})
    c.values.update(split_pieces=["▁一 + 个人"], specials="<s> </s>", empty=0, empty_text=None)
    assert pieces_wording(c, 'The piece "一个人" spans 3 words: shared among its words', "en") == []
    assert pieces_wording(c, 'The piece "一个人" spans two words: shared between them', "en")
    assert pieces_wording(c, "（片段一个人跨了两个词：按字数分给这两个词）", "zh")
    assert pieces_wording(c, "The pieces ['一个人'] span words", "en")
    assert pieces_wording(c, "片段 ['一个人'] 跨了 3 个词", "zh")
