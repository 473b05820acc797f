"""The article's teaching lines on the page: kept, as the article's, where the model bears them out (with how many
heads do), changed where it does not, and never a made-up association for a sentence the article does not know."""

from __future__ import annotations

import pytest

from pipeline.article_prose import lead
from scenes import get_chapter

OWN = "我的朋友昨天在书店买了一本书，她说这本书非常有趣"


def _trace(chapter_id: str, sentence=None, model=None, expect=()) -> dict:
    data = get_chapter(chapter_id).data(sentence, None, model, None, expect)
    return {"chapter": chapter_id, **data.to_dict()}


def _expect(trace: dict) -> dict:
    return next(c["values"] for c in trace["claims"] if c["topic"] == "expect")


@pytest.mark.parametrize(
    ("chapter_id", "zh", "en"),
    [
        (
            "intuition",
            "文章说：当你读到「停下」时，你的大脑会自动关联到前面的「小猫」。",
            'The article says: when you read "停下"',
        ),
        ("self-attention-idea", "文章说：「它」指的是「小猫」；", 'The article says: "它" means "小猫"'),
    ],
)
def test_the_articles_line_stays_with_how_many_heads_bear_it_out(chapter_id, zh, en):
    trace = _trace(chapter_id)
    agree = _expect(trace)["agree"]
    assert 1 < agree < 144  # the article's sentences: some heads agree, not all
    assert lead(trace, "zh").startswith(zh)
    assert lead(trace, "zh").endswith(f"。这个模型的 144 个头里，有 {agree} 个也这样做。下面显示其中最强的一个。")
    assert lead(trace, "en").startswith(en)
    assert f" {agree} of this model's 144 heads do so too. Below is the strongest of them." in lead(trace, "en")


def test_the_line_changes_when_no_head_bears_it_out():
    trace = _trace("intuition", expect=("的",))
    assert _expect(trace)["agree"] == 0
    assert (
        lead(trace, "zh")
        == "你期望「停下」关联到「的」。这个模型的 144 个头里，没有一个这样做；下面照实显示它们做了什么。"
    )
    assert lead(trace, "en") == (
        'You expect "停下" to link to "的". None of this model\'s 144 heads does; below is what they do instead.'
    )


def test_one_agreeing_head_is_one_head():
    trace = _trace("intuition", expect=("那",))
    assert _expect(trace)["agree"] == 1
    assert lead(trace, "en").endswith("Just 1 of this model's 144 heads does so too. It is shown below.")
    assert "只有 1 个也这样做。下面显示的就是它。" in lead(trace, "zh")


@pytest.mark.parametrize(
    ("sentence", "model"), [(OWN, None), (None, "lexicon"), ("The dog saw the cat and it ran", None)]
)
def test_a_sentence_without_an_expectation_gets_a_line_true_for_every_sentence(sentence, model):
    """No brain association is made up: which word the model looks at is left to the captions (from its claims)."""
    for chapter_id in ("intuition", "self-attention-idea"):
        trace = _trace(chapter_id, sentence, model)
        assert not any(c["topic"] == "expect" for c in trace["claims"])
        focus = trace["focus_word"]
        zh, en = lead(trace, "zh"), lead(trace, "en")
        assert f"「{focus}」" in zh and f'"{focus}"' in en
        assert "大脑" not in zh and "article" not in en and "heads" not in en


def test_other_chapters_have_no_teaching_line_of_their_own():
    for chapter_id in ("rnn-limits", "worked-example", "attention-matrix"):
        assert lead(_trace(chapter_id), "zh") is None
