"""Chapter 5, formula: softmax(Q·Kᵀ/√d_k)·V step by step. The shapes, the first score and the first output entry
written term by term, the scaled scores, every weight positive, the rows' written sums, the first row's reading, and
the scaling experiments (how dot products spread like √d_k, how a large one saturates softmax)."""

from __future__ import annotations

import math
from decimal import Decimal

import numpy as np

from attention_core import Claim
from tests.oracle.arithmetic import check_dot, check_positive, check_row_sum, check_scale
from tests.oracle.chapter import Case, Traits, chapter_check
from tests.oracle.readings import check_reading
from tests.oracle.stated import claims_stated
from tests.oracle.window import check_trace_window
from tests.oracle.written import written

TRAITS = Traits("formula")


def _claims(case: Case) -> list[str]:
    data, tr = case.data, case.data.trace
    p, _ = check_trace_window(TRAITS, case, tr)
    n = tr.n
    c = data.claim("shape")
    if c.values != {"n": n, "d_k": tr.d_k} or tr.Q.shape[1] != tr.d_k:
        p.append(f"formula shape {c.values}")
    p += check_dot(data.claim("first_entry:scores"), tr.Q[0], tr.K[0], 2, 2, tr.scores[0, 0], 4)
    p += check_dot(data.claim("first_entry:output"), tr.weights[0], tr.V[:, 0], 2, 2, tr.output[0, 0], 4)
    p += check_scale(data.claim("scale"), tr.scores, tr.scaled_scores, tr.d_k)
    p += check_positive(data.claim("positive"), tr.weights)
    p += check_row_sum(data.claim("row_sums"), tr.weights)
    p += check_reading(data.claim("row:0"), data.tokens, tr.weights[0], 0, range(n), others="other")
    p += check_scaling(data.claim("spread"), data.claim("saturation"), data.scaling)
    return p


def check_scaling(spread: Claim, sat: Claim, sd) -> list[str]:
    """``spread`` (dot products of random vectors spread like √d_k; scaled, like 1) and ``saturation`` (a large
    d_k's scores make softmax one-hot; scaled, spread out), re-read from the experiments' numbers."""
    p = []
    roots = np.sqrt(np.asarray(sd.d_ks, dtype=float))
    ratios = [f"{r:.1f}" for r in np.asarray(sd.std_dot) / roots]
    big = int(np.argmax(sd.d_ks))
    want = {
        "samples": sd.n_samples,
        "d_big": int(sd.d_ks[big]),
        "s_big": f"{sd.std_dot[big]:.1f}",
        "ratios": ratios,
        "scaled": [f"{r:.1f}" for r in sd.std_scaled],
    }
    v = spread.values
    p += [
        f"spread: {k} {v.get(k)!r} != {x!r}"
        for k, x in want.items()
        if (list(v[k]) if isinstance(v.get(k), list) else v.get(k)) != x
    ]
    if not all(Decimal("0.9") <= Decimal(r) <= Decimal("1.1") for r in ratios):
        p.append(f"spread: ratios {ratios} do not all say 'spreads like √d_k'")
    d = int(sd.d_k_big)
    root = math.isqrt(d)
    wu, ws = float(np.max(sd.weights_unscaled)), float(np.max(sd.weights_scaled))
    want = {
        "d": d,
        "top_score": f"{float(np.max(sd.scores)):.1f}",
        "w_unscaled": written(wu),
        "w_scaled": written(ws),
        "sqrt": str(root) if root * root == d else f"{math.sqrt(d):.3f}",
        "one_hot": wu >= 0.9,
        "spread_out": ws < 0.9,
    }
    v = sat.values
    p += [f"saturation: {k} {v.get(k)!r} != {x!r}" for k, x in want.items() if v.get(k) != x]
    return p


def stated(data) -> list[tuple[Claim, str, dict]]:
    """(claim, template key, extra fields) for every caption the chapter's scene makes from a claim."""
    tok = {"tok": data.tokens[0]}
    out = [
        ("shape", "f.scores", {}),
        ("first_entry:scores", "f.one_row", tok),
        ("shape", "f.all_rows", {}),
        ("scale", "f.scale", {}),
        ("spread", "f.spread", {}),
        ("spread", "f.spread_scaled", {}),
        ("saturation", "f.saturate", {}),
        ("saturation", "f.saturate_scaled", {}),
        ("positive", "f.softmax", {}),
        ("row_sums", "f.row_sums", {}),
        ("shape", "f.weighted", {}),
        ("row:0", "f.first_output", tok),
        ("row:0", "f.first_output.hidden", tok),
        ("first_entry:output", "f.output_entry", {}),
    ]
    return claims_stated(data, out)


check = chapter_check(TRAITS, _claims, stated)
