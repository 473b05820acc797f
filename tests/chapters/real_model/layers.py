"""Real-model's views of all heads together, re-derived from the raw token attention: the mean of each layer's
heads (what a word keeps, gives its neighbours, farther words and the special tokens in the first and last layer),
the focus word's row layer by layer (the words it favours early and late) and its rollout."""

from __future__ import annotations

import math
from decimal import Decimal

import numpy as np

from tests.oracle import real_model_rules as rr
from tests.oracle.chapter import same
from tests.oracle.views import VIEW_TOL
from tests.oracle.words import repeated_position
from tests.oracle.written import D, fmt_dec, near_half, written, written_ok


def check_layer_means(data, mw: dict) -> list[str]:
    """``layer_means`` and ``layer_means()``: the mean of each layer's heads at word level; in the first and last
    layer what a word keeps for itself, gives its neighbours, farther words and the special tokens (written with two
    decimals; "rounded" when the four written numbers do not add to exactly 1.00)."""
    tokens, mem, outside = mw["tokens"], mw["membership"], mw["outside"]
    n_layers = tokens.shape[0]
    means, specials = (np.asarray(x, dtype=float) for x in data.layer_means())
    p = []
    shares = [rr.layer_shares(tokens, mem, outside, lay) for lay in range(n_layers)]
    want_m = np.stack([s["M"] for s in shares])
    want_s = np.stack([s["S"] for s in shares])
    if means.shape != want_m.shape or not np.allclose(means, want_m, atol=VIEW_TOL, rtol=0):
        p.append("layer_means() is not the word view of each layer's mean over its heads")
    if specials.shape != want_s.shape or not np.allclose(specials, want_s, atol=VIEW_TOL, rtol=0):
        p.append("layer_means()'s special shares are not those of each layer's mean over its heads")
    c = data.claim("layer_means")
    v = c.values
    if v.get("layers") != n_layers or c.kind != "layer_means" or tuple(c.words):
        p.append(f"layer_means: {c.kind} {c.words} layers {v.get('layers')} for {n_layers} layers")
    for part, s in (("first", shares[0]), ("last", shares[-1])):
        stated = [v.get(f"{part}_{k}") for k in ("self", "near", "far", "special")]
        for k, x in zip(("self", "near", "far", "special"), stated, strict=True):
            if not written_ok(x, s[k]):
                p.append(f"layer_means: {part}_{k} {x!r} for {s[k]!r}")
        if not all(isinstance(x, str) for x in stated):
            continue
        total = sum((D(x) for x in stated), Decimal(0))
        want = {f"{part}_rounded": total != 1, f"{part}_shown_sum": fmt_dec(total, 2)}
        p += same("layer_means", c, want)
    return p


def check_layers(data, mw: dict) -> list[str]:
    """``layer_rows()`` (the focus row of each layer's mean over its heads, special share last) and ``layers``
    (layer_trend): the words with the largest written mean over the first and the last third of the layers."""
    p: list[str] = []
    tokens, focus, base = data.tokens, data.focus, data.window.start
    words, special = mw["words"], mw["special"]
    n_layers, n_heads, m, _ = words.shape
    rows = np.asarray(data.layer_rows(), dtype=float)
    want = np.concatenate([words[:, :, focus].mean(axis=1), special[:, :, focus].mean(axis=1)[:, None]], axis=1)
    if rows.shape != want.shape or not np.allclose(rows, want, atol=1e-12, rtol=0):
        return [f"layer_rows() is not the focus row's mean over each layer's heads ({rows.shape})"]
    third = max(1, n_layers // 3)
    keys = [k for k in range(m) if k != focus]
    c = data.claim("layers")
    v = c.values
    out = {"third": third, "layers": n_layers, "focus_at": repeated_position(tokens, focus, base)}
    for part, span in (("early", range(third)), ("late", range(n_layers - third, n_layers))):
        mean = {k: math.fsum(rows[lay][k] for lay in span) / third for k in keys}
        top = [k for k in keys if written_ok(v.get(f"{part}_w"), mean[k])]
        p += top_set_problems(f"layers: {part}", top, v.get(f"{part}_w"), mean)
        out[part] = [tokens[k] for k in top]
        out[f"{part}_at"] = [repeated_position(tokens, k, base) for k in top]
        if c.evidence.get(f"{part}_keys") != top:  # the columns the scene frames
            p.append(f"layers: evidence {part}_keys {c.evidence.get(f'{part}_keys')} != {top}")
    out["same"] = out["early"] == out["late"] and out["early_at"] == out["late_at"]
    p += same("layers", c, out)
    if c.kind != "layer_trend" or tuple(c.words) != (tokens[focus],):
        p.append(f"layers: {c.kind} {c.words} != layer_trend {(tokens[focus],)}")
    return p


def top_set_problems(where: str, named: list[int], w, values: dict) -> list[str]:
    """``named`` (keys of ``values``) must be every key whose written value equals the largest written value
    ``w``: each named one written ``w``, every other written less (a value on a rounding edge may go either way)."""
    if not isinstance(w, str) or not named:
        return [f"{where}: no top words ({named}, {w!r})"]
    p = []
    for k, x in values.items():
        lows = {written(x)} | ({written(x - 1e-9), written(x + 1e-9)} if near_half(x) else set())
        if k in named and w not in lows:
            p.append(f"{where}: a named word is written {written(x)}, not {w}")
        if k not in named and min(D(s) for s in lows) >= D(w):
            p.append(f"{where}: word {k} ({written(x)}) is not below {w} yet not named")
    return p


def check_rollout(data, mw: dict) -> list[str]:
    """``rollout_rows()`` (the focus row after 1, 2, … layers and its special share) and ``rollout``: after the last
    layer, what the focus word keeps, the other words written equal on top, and the special share."""
    tokens, focus, base = data.tokens, data.focus, data.window.start
    want = rr.rollout_rows(mw["tokens"], mw["membership"], mw["outside"], focus)
    rows = np.asarray(data.rollout_rows(), dtype=float)
    if rows.shape != want.shape or not np.allclose(rows, want, atol=VIEW_TOL, rtol=0):
        return [f"rollout_rows() is not the focus row of rollout layer by layer ({rows.shape})"]
    c = data.claim("rollout")
    v, last = c.values, want[-1]
    others = {k: float(last[k]) for k in range(len(tokens)) if k != focus}
    top = sorted(k for k in others if written_ok(v.get("top_w"), others[k]))
    p = top_set_problems("rollout", top, v.get("top_w"), others)
    for key, x in (("self", last[focus]), ("special", last[-1])):
        if not written_ok(v.get(key), x):
            p.append(f"rollout: {key} {v.get(key)!r} for {x!r}")
    out = {"layers": len(want), "top": [tokens[k] for k in top], "focus_at": repeated_position(tokens, focus, base)}
    out["top_at"] = [repeated_position(tokens, k, base) for k in top]
    p += same("rollout", c, out)
    if c.kind != "rollout" or tuple(c.words) != (tokens[focus], *out["top"]):
        p.append(f"rollout: {c.kind} {c.words} != rollout {(tokens[focus], *out['top'])}")
    if c.evidence.get("top_keys") != top:
        p.append(f"rollout: evidence top_keys {c.evidence.get('top_keys')} != {top} (the cells the scene frames)")
    return p
