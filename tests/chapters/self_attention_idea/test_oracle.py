"""Product bugs self-attention-idea's oracle found, fixed since: each stays as a regression test."""

from __future__ import annotations

from scenes import get_chapter
from tests.chapters import oracle
from tests.chapters.falsify import (
    NONE_AGREE,
)


def test_fixed_bug_tie_called_strongest():
    sentence, expect = "小猫 小猫 小猫 小猫 小猫 ! 小猫 , 小猫 ❤️ 小猫", ("!",)
    d = get_chapter("self-attention-idea").data(sentence, None, "e5-small", None, expect)
    v = d.claim("expect").values
    assert (v["agree"], v["rank"], v["ahead"]) == (0, 1, [])  # "!" only ties for the top of the head shown
    problems = oracle("self-attention-idea").check(sentence, None, "e5-small", None, expect)
    assert not problems, (
        "No head agrees with the expected '!' and in the head shown it only TIES for the top (rank 1, nothing "
        "ahead): the view caption still says it is 'the strongest other word', and the expect caption says it "
        "'ranks highest, 1st, after ' with nobody named:\n" + "\n".join(problems)
    )


def test_fixed_bug_rank_not_json():
    """No head agrees with the expected word: the claims' and the source's ``rank`` is ``numpy.int64``, so the
    chapter's JSON (``trace --json``, the trace file beside a render) fails: "Object of type int64 is not JSON
    serializable"."""
    sentence, expect = NONE_AGREE
    d = get_chapter("self-attention-idea").data(sentence, None, "minilm", None, expect)
    assert d.claim("expect").values["agree"] == 0
    d.to_json(indent=None)
