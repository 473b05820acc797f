"""Attention-matrix's oracle bites: a sink head shown by the varied rule, its sink and kind counts; and a product bug
it found, fixed since (a regression test)."""

from __future__ import annotations

import numpy as np

from scenes import get_chapter
from tests.chapters import oracle
from tests.chapters.falsify import (
    changed,
    view_problems,
    with_attention,
    with_claim,
)
from tests.oracle import view_rules as vr
from tests.oracle.views import model_words


def test_fixed_bug_empty_kinds_list():
    d = get_chapter("attention-matrix").data("dog cat", None, "e5-small")
    assert d.claim("view").values["kinds"] == []
    problems = oracle("attention-matrix").check("dog cat", None, "e5-small")
    assert not problems, (
        "The varied rule's caption prints its empty list of pattern kinds as '()' / '（）' when no row of any head "
        "shows a pattern ('its rows show the most kinds of pattern ()'):\n" + "\n".join(problems)
    )


def test_varied_verifier_rejects_a_sink_head():
    """Chapter 7 without --head: the head shown may not be a sink (one word leading 2/3 of the other rows)."""
    d = get_chapter("attention-matrix").data()
    text = get_chapter("attention-matrix").default_sentence
    mw, _ = model_words(d.attention.detail, text, d.sentence_tokens, 0)
    leads = vr.sink_leads(mw["written"])
    assert d.claim("view").values["sinks"] == int((leads >= 0).sum()) == 23
    lay, head = (int(x) for x in np.argwhere(leads >= 0)[0])
    assert not view_problems("attention-matrix", d)
    src = d.attention.source
    sink = {"kind": "head", "label": f"{lay + 1}.{head + 1}", "layer": lay + 1, "head": head + 1}
    fake = with_attention(
        d,
        weights=mw["words"][lay, head],
        special=mw["special"][lay, head],
        source={**src, "view": sink, "layer": lay, "head": head},
    )
    assert any("source view" in x for x in view_problems("attention-matrix", fake))
    assert view_problems("attention-matrix", with_claim(d, changed(d.claim("view"), sinks=0)))
    assert view_problems("attention-matrix", with_claim(d, changed(d.claim("view"), kinds=["self", "far"])))
    assert view_problems("attention-matrix", with_claim(d, changed(d.claim("view"), distinct=6)))
