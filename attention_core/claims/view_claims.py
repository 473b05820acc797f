"""The claims a chapter makes about where a trained model's weights come from (chapters 1, 3 and 7).

* ``view`` (kind ``view``): which model and view (a head, a mean over layers, rollout) and the rule that chose it,
  with what the rule found (the link that decided a ``focus_link`` head, the patterns of a ``varied`` head, or
  that every head is a sink);
* ``expect`` (kind ``expect``): with an expected word (the article's link or ``--expect``), in how many of the
  heads it is the focus word's strongest word, what the other heads favour instead, and, when no head agrees,
  where it ranks in the head shown;
* ``heads`` (kind ``heads_agree``): without an expectation, in how many heads the focus word's strongest word is
  the one the view shows, and the strongest link any head makes to another word.

Words are compared as written (:mod:`~attention_core.models.head_rules`): a written tie is named as a tie, never
counted as agreement.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from attention_core.claims.claim import Claim, word_positions
from attention_core.claims.display import WEIGHT_DECIMALS, fmt
from attention_core.models.head_rules import candidates, strongest, strongest_all, written
from attention_core.models.word_attention import WordAttention

__all__ = ["view_claims"]


def view_claims(attention: WordAttention, focus: int | None, base: int = 0) -> Iterable[Claim]:
    """The ``view``, ``expect`` and ``heads`` claims for a model's word attention (none for the lexicon).

    ``focus`` indexes ``attention.tokens`` (None when the chapter has no focus word); ``base`` is the sentence
    position of the first word shown, so a word shown twice is named with its position.
    """
    if attention.model == "lexicon":
        return
    s = attention.source
    yield _view_claim(attention, focus, base)
    if s["rule"] == "expect":
        yield _expect_claim(attention, focus, base)
    elif focus is not None and s["rule"] != "varied":
        claim = _heads_claim(attention, focus, base)
        if claim is not None:
            yield claim


def _scope(attention: WordAttention) -> str:
    return "earlier" if attention.causal else "other"


def _keys(attention: WordAttention, focus: int) -> list[int]:
    """The words the focus word looks at, itself aside (the earlier ones for a causal reader)."""
    m = len(attention.detail.words)
    return [k for k in range(m) if k != focus]


def _view_claim(attention: WordAttention, focus: int | None, base: int) -> Claim:
    s, tokens = attention.source, attention.tokens
    view = s["view"]
    values = {
        "model": s["name"],
        "quantized": s["quantized"],
        "rule": s["rule"],
        "view": view["kind"],
        "label": view["label"],
        "layer": view.get("layer"),
        "head": view.get("head"),
        "first_layer": view.get("first_layer"),
        "last_layer": view.get("last_layer"),
        "layers": s["layers"],
        "heads": s["heads"],
        "total_heads": s["layers"] * s["heads"],
        "reads_to_focus": s["reads_to_focus"],
    }
    if view["kind"] == "mean":
        values["mean_heads"] = (view["last_layer"] - view["first_layer"] + 1) * s["heads"]
    named: list[int] = []
    if s["rule"] == "focus_link":
        row = attention.weights[focus]
        keys = candidates(len(attention.detail.words), focus)
        top = written([row[k] for k in keys]).max()
        named = [k for k in keys if written([row[k]])[0] == top]
        values.update(
            skips_neighbours=s["skips_neighbours"],
            all_sinks=s["all_sinks"],
            score=fmt(float(max(row[k] for k in named)), WEIGHT_DECIMALS),
            tie=len(named) > 1,
            only=len(keys) == 1,
        )
        named = [focus, *named]
    elif s["rule"] == "varied":
        values.update({k: s[k] for k in ("kinds", "distinct", "rows", "sinks", "all_sinks", "sink_rows")})
    elif s["rule"] == "expect":
        values.update(
            agree=s["agree"], rank=s["rank"], w=fmt(float(attention.weights[focus, s["key"]]), WEIGHT_DECIMALS)
        )
        values.update(scope=_scope(attention), level=[tokens[k] for k in s["level"]])
        named = [focus, s["key"], *s["level"]]
    values["word_at"] = word_positions(tokens, named, base)
    evidence = {"source": {k: v for k, v in s.items() if k != "view"}, "view": view}
    return Claim("view", "view", tuple(tokens[k] for k in named), values, evidence)


def _expect_claim(attention: WordAttention, focus: int, base: int) -> Claim:
    s, tokens = attention.source, attention.tokens
    row = attention.weights[focus]
    ahead = s["ahead"]
    values = {
        "source": s["expect_source"],
        "expect": list(s["expect"]),
        "agree": s["agree"],
        "total_heads": s["layers"] * s["heads"],
        "layer": s["view"]["layer"],
        "head": s["view"]["head"],
        "rank": s["rank"],
        "w": fmt(float(row[s["key"]]), WEIGHT_DECIMALS),
        "ahead": [tokens[k] for k in ahead],
        "ahead_w": [fmt(float(row[k]), WEIGHT_DECIMALS) for k in ahead],
        "level": [tokens[k] for k in s["level"]],
        "instead": [tokens[k] for k in s["instead"]],
        "instead_heads": s["instead_heads"],
        "tied_heads": s["tied_heads"],
        "scope": _scope(attention),
        "reads_to_focus": s["reads_to_focus"],
    }
    named = [focus, s["key"], *ahead, *s["level"], *s["instead"]]
    values["word_at"] = word_positions(tokens, named, base)
    evidence = {
        "expect_keys": s["expect_keys"],
        "key": s["key"],
        "ahead": ahead,
        "level": s["level"],
        "instead": s["instead"],
    }
    return Claim("expect", "expect", tuple(tokens[k] for k in named), values, evidence)


def _heads_claim(attention: WordAttention, focus: int, base: int) -> Claim | None:
    """In how many heads the focus word's strongest word (among the same candidates as the view's rule) is the
    one the view shows; None when the view's row has no single strongest candidate, or only one candidate."""
    s, tokens = attention.source, attention.tokens
    words, _ = attention.detail.words_view()  # (L, H, m, m)
    m = words.shape[-1]
    keys = candidates(m, focus) if s["rule"] == "focus_link" else _keys(attention, focus)
    chosen = strongest(attention.weights[focus], keys)
    if chosen is None or len(keys) < 2:
        return None
    best = strongest_all(words[:, :, focus, :], keys)  # (L, H): each head's strongest candidate, -1 on a tie
    agree = int((best == chosen).sum())
    runner = None
    for lay, h in np.ndindex(best.shape):
        k = int(best[lay, h])
        if k >= 0 and k != chosen:
            w = float(words[lay, h, focus, k])
            if runner is None or w > runner[3]:
                runner = (lay, h, k, w)
    values = {
        "agree": agree,
        "total_heads": int(best.size),
        "word": tokens[chosen],
        "runner": runner is not None,
        "skips_neighbours": len(keys) < m - 1,
        "view": s["view"]["kind"],
    }
    named = [focus, chosen]
    if runner is not None:
        lay, h, k, w = runner
        values.update(
            runner_word=tokens[k], runner_layer=lay + 1, runner_head=h + 1, runner_w=fmt(w, WEIGHT_DECIMALS)
        )
        named.append(k)
    values["word_at"] = word_positions(tokens, named, base)
    return Claim("heads", "heads_agree", tuple(tokens[k] for k in named), values, {"chosen_key": chosen})
