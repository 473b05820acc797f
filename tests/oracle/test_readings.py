"""The row readings' and their captions' checks reject false readings: another weight, key or kind, half a tie, an
even row's bounds; a special share hidden or overstated beside a reading."""

from __future__ import annotations

import dataclasses

from scenes import get_chapter
from scenes.strings import claim_text
from tests.chapters.falsify import (
    changed,
)
from tests.oracle.captions import caption_problems
from tests.oracle.readings import check_reading
from tests.oracle.wording import special_note_problems
from tests.oracle.written import D


def test_reading_verifier_rejects_false_readings():
    d = get_chapter("attention-matrix").data(None, None, "lexicon")
    tr, tokens = d.attention, d.tokens
    i = tokens.index("停下")
    row = d.claim(f"row:{i}")
    assert row.kind == "strongest" and not check_reading(row, tokens, tr.weights[i], i, range(tr.n))
    wrong_w = changed(row, w="0.44")
    wrong_key = dataclasses.replace(row, words=(tokens[i], tokens[5]), values={**row.values, "key": 5})
    wrong_kind = dataclasses.replace(row, kind="self")
    for bad in (wrong_w, wrong_key, wrong_kind):
        assert check_reading(bad, tokens, tr.weights[i], i, range(tr.n)), bad
    assert caption_problems(dataclasses.replace(row, words=(tokens[i], tokens[5])), "am.row", tokens)
    tie = next(c for c in d.rows() if c.kind == "tie")
    q = tie.values["query"]
    half_tie = dataclasses.replace(tie, words=tie.words[:2], values={**tie.values, "keys": tie.values["keys"][:1]})
    assert check_reading(half_tie, tokens, tr.weights[q], q, range(tr.n))
    even = get_chapter("attention-matrix").data("the the the the", None, "lexicon").claim("row:0")
    assert even.kind == "even"
    assert check_reading(changed(even, high="0.26"), ("the",) * 4, [0.25] * 4, 0, range(4))


def test_special_note_verifier_rejects_a_hidden_or_overstated_share():
    """A row giving the special tokens more than any word must say so; "most of the row" only above half."""
    d = get_chapter("attention-matrix").data()
    rows = {r.topic: r for r in d.rows()}
    heavy = next(r for r in rows.values() if D(r.values["special"] or "0") > D("0.5"))
    more = next(r for r in rows.values() if D(r.values.get("w") or "1") < D(r.values["special"] or "0") <= D("0.5"))
    light = next(r for r in rows.values() if r.values["special"] and D(r.values["special"]) < D(r.values["w"]))
    for lang in ("en", "zh"):
        for r in (heavy, more, light):
            cap = claim_text(lang, "am.row", r)
            assert not special_note_problems(r, cap, lang), cap
        reading = claim_text(lang, "am.row", heavy).split("；" if lang == "zh" else "; ")[0]
        assert special_note_problems(heavy, reading, lang)  # "most of the row" missing
        plain = (
            f"{reading}；{heavy.values['special']} 给了特殊符号"
            if lang == "zh"
            else (f"{reading}; {heavy.values['special']} goes to the special tokens")
        )
        assert special_note_problems(heavy, plain, lang)
        overstated = (
            f"{reading}；这一行的大部分（{more.values['special']}）给了特殊符号"
            if lang == "zh"
            else (f"{reading}; most of the row, {more.values['special']}, goes to the special tokens")
        )
        assert special_note_problems(more, overstated, lang)  # 0.5 or less is not most of the row
        assert special_note_problems(changed(light, special="0.99"), claim_text(lang, "am.row", light), lang)
