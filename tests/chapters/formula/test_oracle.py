"""Formula's oracle bites: the scale's cells off, the scaling experiments' saturation; and the captions' English
(plural after 1, articles)."""

from __future__ import annotations

from scenes import get_chapter
from tests.chapters import oracle
from tests.chapters.falsify import (
    changed,
)
from tests.oracle.arithmetic import check_scale
from tests.oracle.captions import caption_problems, grammar_problems


def test_other_verifiers_reject_false_claims():
    d = get_chapter("formula").data(" ".join("abcdefghijklm"))
    scale = d.claim("scale")
    tr = d.trace
    assert not check_scale(scale, tr.scores, tr.scaled_scores, tr.d_k)
    assert check_scale(changed(scale, cells_off=scale.values["cells_off"] + 1), tr.scores, tr.scaled_scores, tr.d_k)
    sat, spread = d.claim("saturation"), d.claim("spread")
    assert not oracle("formula").check_scaling(spread, sat, d.scaling)
    assert oracle("formula").check_scaling(spread, changed(sat, spread_out=False), d.scaling)
    # captions: "1 steps", a wrong article, a missing tied word
    path = get_chapter("self-attention-idea").data("dog cat").claim("rnn_path")
    assert path.values["steps"] == 1 and not caption_problems(path, "sa.chain", ("dog", "cat"))
    assert (
        grammar_problems("after 1 steps") and grammar_problems("a 8×8 matrix") and grammar_problems("an 4×4 matrix")
    )
    assert not grammar_problems("an 11×11 matrix, a 16×16 one, an 18×18 one and a 4×4 one")
