"""For the tests that show the oracles bite: copies of a chapter's data with a claim (or its attention, or what a
method returns) falsified, and the oracle run on such a copy (:func:`view_problems`, :func:`real_checked`); the
sentences those tests reuse."""

from __future__ import annotations

import dataclasses

from attention_core import Claim, tokenize
from scenes import get_chapter
from tests.chapters import oracle
from tests.chapters.cases import known_bug
from tests.oracle.chapter import stated_caption_problems, unstated_problems

REAL = oracle("real-model")


def changed(claim: Claim, **values) -> Claim:
    """``claim`` with ``values`` changed."""
    return dataclasses.replace(claim, values={**claim.values, **values})


def with_claim(data, claim: Claim):
    """A copy of chapter ``data`` whose claim about ``claim.topic`` is ``claim`` (the rest unchanged)."""
    new = dataclasses.replace(data)
    new.__dict__["claims"] = tuple(claim if c.topic == claim.topic else c for c in data.claims)
    return new


def with_attention(data, **changes):
    """A copy of chapter ``data`` whose word attention has ``changes`` (weights, special, source, detail)."""
    new = dataclasses.replace(data, attention=dataclasses.replace(data.attention, **changes))
    new.__dict__["claims"] = data.claims
    return new


def with_method(data, **results):
    """A copy of chapter ``data`` whose methods ``name()`` return ``results[name]`` (arrays(), rollout_rows()…)."""
    new = dataclasses.replace(data)
    new.__dict__["claims"] = data.claims
    for name, value in results.items():
        new.__dict__[name] = lambda value=value: value
    return new


def view_problems(cid: str, data, sentence: str | None = None, model: str = "e5-small", head=None, expect=()):
    """The verifier on ``data``: the view it shows, its claims, and the captions made from them."""
    chapter = oracle(cid)
    text = get_chapter(cid).default_sentence if sentence is None else sentence
    found, _ = chapter.check_model_view(data, text, tokenize(text), model, head, expect)
    return found + stated_caption_problems(chapter.stated(data), data)


NONE_AGREE = ("saw away , it ran it 42 a mat and", ("a",))  # MiniLM: no head's strongest word for "it" is "a"


TIE_FOR_TOP = ("小猫 小猫 小猫 小猫 小猫 ! 小猫 , 小猫 ❤️ 小猫", ("!",))  # "!" ties for the top where it ranks best


ANIMAL = "The animal did not cross the street because it was too tired."


def real_data(sentence: str = ANIMAL, focus: str | None = None, model: str = "e5-small", head=None, expect=()):
    """Real-model's data for ``sentence`` (by default :data:`ANIMAL`), its claims checked."""
    d = get_chapter("real-model").data(sentence, focus, model, head, expect)
    problems = REAL.check(sentence, focus, model, head, expect)
    assert not problems or known_bug(problems), problems
    return d


def real_checked(bad, model: str = "e5-small", sentence: str = ANIMAL, focus=None, head=None, expect=()):
    """The verifier on real-model data ``bad``: its claims, the captions made from them, every claim stated."""
    found = REAL.check_real_model(bad, sentence, focus, bad.sentence_tokens, model, head, expect)
    return found + stated_caption_problems(REAL.stated(bad), bad) + unstated_problems(REAL.stated(bad), bad)


def real_problems(d, claim: Claim, model: str = "e5-small", sentence: str = ANIMAL, **options) -> list[str]:
    """:func:`real_checked` on real-model data ``d`` with ``claim`` in place of its own."""
    return real_checked(with_claim(d, claim), model, sentence, **options)
