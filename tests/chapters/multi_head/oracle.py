"""Chapter 8, multi-head: two or more heads, each on its own columns of Q, K and V. The window and the focus word,
the shapes and the column split, each head's focus row, where two heads differ most, the heads' outputs side by
side, the first entry of concat·W_O, and head 1 with the causal mask (the scores hidden, the rows' sums, the row it
changes most), all re-derived from the trace's arrays by loops."""

from __future__ import annotations

import math

import numpy as np

from attention_core import Claim
from tests.oracle.arithmetic import check_dot, check_row_sum, check_scale
from tests.oracle.chapter import Case, Traits, chapter_check
from tests.oracle.readings import check_reading
from tests.oracle.stated import auto_stated, claims_stated, window_stated
from tests.oracle.window import check_focus_window
from tests.oracle.words import repeated_position
from tests.oracle.written import written, written_ok

TRAITS = Traits("multi-head", window_cap=6)
WORKED = ("scale", "head_sums")  # head 1 worked through (scaled scores, row sums): checked when present
NEAR = 1e-9  # score differences below this are float noise: either row (or either side of a threshold) is honest


def _claims(case: Case) -> list[str]:
    return check_multi_head(case.data, case.text, case.focus, case.tokens)


def later_totals(weights) -> list[float]:
    """What each row of ``weights`` gives the words after it."""
    n = len(weights)
    return [math.fsum(float(weights[i][j]) for j in range(i + 1, n)) for i in range(n)]


def mask_row_choice(weights) -> int | None:
    """The row among 1..n−2 that gives later words the most (the first of equal totals), or None below 3 words."""
    later = later_totals(weights)
    best = None
    for i in range(1, len(later) - 1):
        if best is None or later[i] > later[best]:
            best = i
    return best


def window_position_problems(claim: Claim, base: int) -> list[str]:
    """A word a reading names with its position must carry its sentence position: window start + index + 1."""
    v = claim.values
    named = [v["key"]] if claim.kind == "strongest" else list(v.get("keys") or v.get("next") or [])
    pairs = [*zip(named, v.get("named_at", []), strict=False), (v.get("query"), v.get("query_at"))]
    return [
        f"{claim.topic}: shown word {k} named as word {at}, but the window starts at word {base + 1}"
        for k, at in pairs
        if at is not None and at != base + k + 1
    ]


def check_multi_head(data, sentence: str, focus: str | None, sent_tokens) -> list[str]:
    """The window and focus, the arrays the claims read, the topics, and every claim."""
    p, placed = check_focus_window(TRAITS.chapter_id, data, focus, sent_tokens, TRAITS.window_cap)
    if not placed:
        return p
    found, shaped = array_problems(data.trace, len(data.tokens))
    p += found
    if not shaped:
        return p
    missing, extra = topic_problems(data, focus)
    if missing or extra:
        return p + [f"multi-head topics: missing {missing}, unexpected {extra}"]
    return p + _claim_problems(data) + _mask_problems(data)


def array_problems(tr, n: int) -> tuple[list[str], bool]:
    """Each head's Q, K and V (and the masked heads') columns of X·W; the concat the heads' outputs side by side;
    head 1 with the mask: the seen scores unchanged, every score above the diagonal −∞ and its weight 0. Returns
    the problems and whether the arrays have the shapes the claims read (if not, nothing else is checked)."""
    p: list[str] = []
    h = len(tr.heads)
    x = np.asarray(tr.X, dtype=float)
    d_model = x.shape[1]
    d_head = tr.heads[0].Q.shape[1] if h else 0
    if x.shape[0] != n or h < 2 or len(tr.masked) != h or h * d_head != d_model:
        return [f"trace: X {x.shape}, {h} heads of {d_head} columns, {len(tr.masked)} masked, for {n} words"], False
    full = {"Q": x @ tr.W_q, "K": x @ tr.W_k, "V": x @ tr.W_v}
    for k in range(h):
        cols = slice(k * d_head, (k + 1) * d_head)
        for name, whole in full.items():
            for kind, t in (("head", tr.heads[k]), ("masked", tr.masked[k])):
                if not np.allclose(getattr(t, name), whole[:, cols], rtol=1e-12, atol=1e-12):
                    p.append(f"{kind} {k + 1}'s {name} is not columns {cols.start + 1}–{cols.stop} of X·W_{name}")
    if not np.array_equal(tr.concat, np.hstack([t.output for t in tr.heads])):
        p.append("concat is not the heads' outputs side by side")
    m, before = tr.masked[0], tr.heads[0]
    hidden = zero_above = 0
    for i in range(n):
        for j in range(n):
            if j > i:
                hidden += m.scaled_scores[i][j] == -math.inf
                zero_above += m.weights[i][j] == 0.0
            elif m.scaled_scores[i][j] != before.scaled_scores[i][j]:
                p.append(f"masked head 1 changes the seen score ({i}, {j})")
    if hidden != n * (n - 1) // 2 or zero_above != n * (n - 1) // 2:
        p.append(f"masked head 1: {hidden} scores −∞ and {zero_above} weights 0 above the diagonal of {n}×{n}")
    return p, True


def topic_problems(data, focus: str | None) -> tuple[list[str], list[str]]:
    """The claims the chapter must make and has not, and those it makes and may not."""
    n, h = len(data.tokens), len(data.trace.heads)
    topics = [c.topic for c in data.claims]
    want_topics = ["window"] * data.window.partial + ["auto_focus"] * (not focus) + ["shape", "split"]
    want_topics += [f"head:{k + 1}" for k in range(h)]
    want_topics += ["heads_differ", "concat", "first_entry:output", "mask", "mask_sums"] + ["mask_row"] * (n >= 3)
    missing = [t for t in want_topics if t not in topics]
    extra = [t for t in topics if t not in want_topics and t not in WORKED]
    return missing, extra


def _same(data, topic: str, kind: str, want: dict, words: tuple = ()) -> list[str]:
    """Claim ``topic`` is of ``kind``, names ``words`` and holds every value of ``want``."""
    c = data.claim(topic)
    out = [f"{topic}: {k} {c.values.get(k)!r} != {x!r}" for k, x in want.items() if c.values.get(k) != x]
    if c.kind != kind or tuple(c.words) != words:
        out.append(f"{topic}: {c.kind} {c.words} != {kind} {words}")
    return out


def _claim_problems(data) -> list[str]:
    """The shapes, the split, each head's focus row, where heads 1 and 2 differ most, the concat, concat·W_O."""
    tr, tokens = data.trace, tuple(data.tokens)
    f, base, n, h = data.focus, data.window.start, len(tokens), len(tr.heads)
    d_model, d_head = tr.X.shape[1], tr.heads[0].Q.shape[1]
    sizes = {"n": n, "d_model": d_model, "heads": h, "d_head": d_head}
    p = _same(data, "shape", "shape", sizes)
    cols = [f"{k * d_head + 1}–{(k + 1) * d_head}" for k in range(h)]
    p += _same(data, "split", "head_split", {"cols": cols, "heads": h, "d_head": d_head})
    for k in range(h):
        c = data.claim(f"head:{k + 1}")
        p += check_reading(c, tokens, tr.heads[k].weights[f], f, range(n), others="other")
        p += window_position_problems(c, base)
        if c.values.get("head") != k + 1:
            p.append(f"head:{k + 1}: head {c.values.get('head')!r}")
    a = [float(v) for v in tr.heads[0].weights[f]]
    b = [float(v) for v in tr.heads[1].weights[f]]
    gaps = [abs(a[j] - b[j]) for j in range(n)]
    key = gaps.index(max(gaps))
    want = {
        "key": key,
        "self": key == f,
        "head1_w": written(a[key]),
        "head2_w": written(b[key]),
        "word_at": [repeated_position(tokens, f, base), repeated_position(tokens, key, base)],
    }
    p += _same(data, "heads_differ", "heads_differ", want, (tokens[f], tokens[key]))
    p += _same(data, "concat", "shape", sizes)
    if data.claim("concat").evidence.get("concat") != [n, d_model] or tr.concat.shape != (n, d_model):
        p.append(f"concat: {tr.concat.shape} / evidence {data.claim('concat').evidence.get('concat')}")
    p += check_dot(data.claim("first_entry:output"), tr.concat[0], tr.W_o[:, 0], 2, 1, tr.output[0, 0], 4)
    return p


def _mask_problems(data) -> list[str]:
    """Head 1 with the mask: the first word keeps 1.00, the count of hidden scores, the rows' written sums, the
    worked-through steps when shown, the row the mask changes most."""
    tr, n = data.trace, len(data.tokens)
    m, before = tr.masked[0], tr.heads[0]
    p = []
    first_w = written(m.weights[0][0])
    if first_w != "1.00":
        p.append(f"masked head 1: the first word gives itself {first_w}, not 1.00")
    want = {"n": n, "masked": n * (n - 1) // 2, "cells": n * n, "head": 1, "first_w": "1.00"}
    p += _same(data, "mask", "mask", want)
    if data.claim("mask").evidence.get("zero_above") is not True:
        p.append("mask: evidence zero_above is not True")
    c = data.claim("mask_sums")
    p += check_row_sum(c, m.weights) + ([] if c.values.get("head") == 1 else [f"mask_sums: head {c.values}"])
    if data.has_claim("scale"):
        p += check_scale(data.claim("scale"), before.scores, before.scaled_scores, before.Q.shape[1])
    if data.has_claim("head_sums"):
        p += check_row_sum(data.claim("head_sums"), before.weights)
    if n >= 3:
        p += mask_row_problems(data)
    return p


def mask_row_problems(data) -> list[str]:
    """``mask_row``: the row among 2..n−1 giving later words the most (the first of equal totals), read under the
    mask, with what it gave later words."""
    tokens, base, n = tuple(data.tokens), data.window.start, len(data.tokens)
    m, before = data.trace.masked[0], data.trace.heads[0]
    c = data.claim("mask_row")
    later = later_totals(before.weights)
    best = mask_row_choice(before.weights)
    i = c.values.get("row")
    if not isinstance(i, int) or not 1 <= i <= n - 2:
        return [f"mask_row: row {i!r} is not one of rows 2..{n - 1}"]
    p = []
    if i != best and abs(later[i] - later[best]) > NEAR:
        p.append(
            f"mask_row: row {i + 1} gave later words {later[i]!r}; row {best + 1} gave {later[best]!r} "
            "(the most, the first of equal totals)"
        )
    p += check_reading(c, tokens, m.weights[i], i, range(i + 1), others="earlier")
    p += window_position_problems(c, base)
    if c.values.get("head") != 1:
        p.append(f"mask_row: head {c.values.get('head')!r}")
    if not written_ok(c.values.get("taken"), later[i]):
        p.append(f"mask_row: taken {c.values.get('taken')!r} for {later[i]!r}")
    return p


def stated(data) -> list[tuple[Claim, str, dict]]:
    """(claim, template key, extra fields) for every caption the chapter's scene makes from a claim."""
    out = window_stated(data) + auto_stated(data) + [("shape", "mh.shape", {}), ("split", "mh.split", {})]
    worked = (("scale", "we.scale"), ("head_sums", "mh.head_sums"))  # head 1 scaled and softmaxed, in place
    out += [(t, key, {}) for t, key in worked if data.has_claim(t)]
    out += [(f"head:{k + 1}", "mh.head", {}) for k in range(len(data.trace.heads))]
    out += [
        ("heads_differ", "mh.differ", {}),
        ("concat", "mh.concat", {}),
        ("first_entry:output", "mh.w_o", {}),
        ("mask", "mh.mask", {}),
        ("mask_sums", "mh.mask_sums", {}),
    ]
    if data.has_claim("mask_row"):
        out.append(("mask_row", "mh.mask_row", {}))
    return claims_stated(data, out)


check = chapter_check(TRAITS, _claims, stated)
