"""The kind table is the claim contract: every claim a chapter makes is of a kind in the table and carries that kind's
fields, every kind in the table is made by some chapter, and an unknown kind is refused when the claim is made."""

from __future__ import annotations

import pytest

from attention_core import Claim
from attention_core.claims.kinds import KINDS
from scenes import CHAPTERS

SENTENCES = (
    None,
    "The dog saw the cat and then it ran away because it was tired",
    "我爱吃苹果然后它停下了",
    "cat dog cat dog",
)


@pytest.fixture(scope="module")
def made() -> list[Claim]:
    claims = []
    for chapter in CHAPTERS.values():
        for sentence in SENTENCES:
            models = ("lexicon", None) if "lexicon" in chapter.models else (None,)
            for model in models:
                claims += chapter.data(sentence, None, model).claims
        if chapter.models:
            claims += chapter.data(None, None, None, "mean:9-12").claims
    return claims


def test_every_claim_carries_the_fields_of_its_kind(made):
    for claim in made:
        missing = KINDS[claim.kind].fields - set(claim.values)
        assert not missing, f"{claim.topic} ({claim.kind}) lacks {sorted(missing)}"


def test_every_kind_in_the_table_is_made_by_a_chapter(made):
    assert set(KINDS) - {c.kind for c in made} <= {"fast_forward"}  # fast_forward: an RNN sentence over 8 words
    long = CHAPTERS["rnn-limits"].data(" ".join("abcdefghijklm"))
    assert "fast_forward" in {c.kind for c in long.claims}


def test_an_unknown_kind_is_refused():
    with pytest.raises(ValueError, match="unknown claim kind 'strongst'"):
        Claim("row:0", "strongst")
