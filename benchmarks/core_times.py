"""The core's figures of the render-speed benchmark (``bench.py``): (e) a 16-token trace, (f) every chapter's data
and claims for a 32-token sentence, (i) what a trained model's attention costs beyond its forward pass."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SENTENCE_16 = "那只 在 花园里 追逐 蝴蝶 的 小猫 突然 停下 了 脚步 然后 它 坐在 垫子 上"


def trace_time() -> dict:
    from attention_core import sentence_trace

    sentence_trace(SENTENCE_16)  # warm up: jieba's dictionary, NumPy
    runs = 200
    started = time.perf_counter()
    for _ in range(runs):
        sentence_trace(SENTENCE_16, d_model=8, d_k=8)
    return {"trace_16_ms": (time.perf_counter() - started) / runs * 1000}


SENTENCE_32 = (
    "The little cat in the garden chased a yellow butterfly and then suddenly it stopped near the old wooden gate "
    "because it was tired of running after bright things all day"
)


def views_time() -> dict:
    """(i): the forward pass, then every view and rule over it (the mean of 5 runs after a warm-up each)."""
    from attention_core import tokenize
    from attention_core.models.encoder import encode
    from attention_core.models.head_groups import head_groups
    from attention_core.models.head_rules import expect_survey, focus_link_head, varied_head
    from attention_core.models.model_attention import _model, model_attention
    from attention_core.models.views import View, rollout_layers

    words = tokenize(SENTENCE_32)
    a = model_attention(SENTENCE_32, words, "e5-small")
    weights, tokenizer = _model("e5-small")
    ids = np.array([p.id for p in tokenizer.pieces(SENTENCE_32)])
    focus = words.index("it")
    keys = [k for k in range(len(words)) if k != focus]

    def timed(work) -> float:
        work()
        started = time.perf_counter()
        for _ in range(5):
            work()
        return (time.perf_counter() - started) / 5 * 1000

    figures = {"views_words": len(words), "views_forward_ms": timed(lambda: encode(weights, ids))}
    w, sp = a.words_view()
    parts = {
        "views_heads_ms": a.words_view,
        "views_mean_ms": lambda: a.word_rows(View.parse("mean:9-12").pieces(a.tokens)),
        "views_rollout_ms": lambda: a.word_rows(rollout_layers(a.tokens)),
        "views_rules_ms": lambda: (
            focus_link_head(w, focus),
            varied_head(w, sp),
            expect_survey(w, focus, keys, [words.index("cat")]),
        ),
        "views_groups_ms": lambda: head_groups(w, sp, focus),
    }
    figures.update({name: timed(work) for name, work in parts.items()})
    figures["views_all_ms"] = sum(figures[name] for name in parts)
    return figures


def claims_time() -> dict:
    from scenes import CHAPTERS

    sentence = " ".join(f"w{i}" for i in range(32))
    for chapter in CHAPTERS.values():  # warm up: the sentence-independent RNN and scaling figures are cached
        assert chapter.data(sentence).claims
    runs = 20
    started = time.perf_counter()
    for _ in range(runs):
        for chapter in CHAPTERS.values():
            assert chapter.data(sentence).claims
    return {"all_chapters_32_ms": (time.perf_counter() - started) / runs * 1000}
