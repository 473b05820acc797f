"""Tokenization: spaces as written, jieba for Chinese, words and punctuation for English; clear errors."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from attention_core import ExplainerError, detect_language, sentence_trace, tokenize


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("猫 坐在 垫子 上", ("猫", "坐在", "垫子", "上")),
        ("我爱吃苹果", ("我", "爱", "吃", "苹果")),
        (
            "那只在花园里追逐蝴蝶的小猫突然停下了脚步",
            ("那", "只", "在", "花园里", "追逐", "蝴蝶", "的", "小猫", "突然", "停下", "了", "脚步"),
        ),
        ("The cat didn't stop.", ("The", "cat", "didn't", "stop", ".")),
        ("  spaced   out  ", ("spaced", "out")),
    ],
)
def test_tokenize(text, tokens):
    assert tokenize(text) == tokens


def test_detect_language():
    assert detect_language("小猫 sat") == "zh"
    assert detect_language("The cat") == "en"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("   \n\t", "empty"),
        ("x" * 201, "limit is 200"),
        ("a\u200bb", r"U\+200B"),
        ("a\x07b", r"U\+0007"),
    ],
)
def test_bad_sentences_raise_one_clear_error(text, message):
    with pytest.raises(ExplainerError, match=message):
        tokenize(text)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=60))
def test_any_unicode_gives_tokens_or_a_clear_error(text):
    try:
        tr = sentence_trace(text, d_model=3, d_k=2)
    except ExplainerError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert tr.n >= 1 and all(t.strip() for t in tr.tokens)
    assert tr.weights.shape == (tr.n, tr.n)
