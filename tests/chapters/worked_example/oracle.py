"""Chapter 6, worked-example: every number of self-attention for a short sentence (at most 8 words shown). The
shapes, the first word's row of X, the first entries of Q, of the scores and of the output written term by term,
the scaled scores, each softmax row's written sum and smallest weight, and the first row's reading."""

from __future__ import annotations

from attention_core import Claim
from tests.oracle.arithmetic import check_dot, check_positive, check_row_sum, check_scale
from tests.oracle.chapter import Case, Traits, chapter_check
from tests.oracle.readings import check_reading
from tests.oracle.stated import claims_stated, window_stated
from tests.oracle.window import check_trace_window
from tests.oracle.written import written

TRAITS = Traits("worked-example", window_cap=8)


def _claims(case: Case) -> list[str]:
    data, tr = case.data, case.data.trace
    p, _ = check_trace_window(TRAITS, case, tr)
    n = tr.n
    c = data.claim("shape")
    if c.values != {"n": n, "d": tr.X.shape[1], "d_k": tr.d_k}:
        p.append(f"worked shape {c.values}")
    c = data.claim("x1")
    if list(c.values.get("x1", [])) != [written(x, 1) for x in tr.X[0]] or tuple(c.words) != (tr.tokens[0],):
        p.append(f"x1 {c.values} vs {tr.X[0]}")
    p += check_dot(data.claim("first_entry:Q"), tr.X[0], tr.W_q[:, 0], 1, 1, tr.Q[0, 0], 8)
    p += check_dot(data.claim("first_entry:scores"), tr.Q[0], tr.K[0], 2, 2, tr.scores[0, 0], 8)
    p += check_dot(data.claim("first_entry:output"), tr.weights[0], tr.V[:, 0], 2, 2, tr.output[0, 0], 8)
    p += check_scale(data.claim("scale"), tr.scores, tr.scaled_scores, tr.d_k)
    for i in range(n):
        c = data.claim(f"softmax:{i}")
        if c.values.get("i") != i + 1 or tuple(c.words) != (tr.tokens[i],):
            p.append(f"softmax:{i} names row {c.values.get('i')} {c.words}")
        p += check_row_sum(c, tr.weights[i : i + 1]) + check_positive(c, tr.weights[i : i + 1])
    p += check_reading(data.claim("row:0"), data.tokens, tr.weights[0], 0, range(n), others="other")
    return p


def stated(data) -> list[tuple[Claim, str, dict]]:
    """(claim, template key, extra fields) for every caption the chapter's scene makes from a claim."""
    x1 = data.claim("x1").values["x1"]
    out = window_stated(data) + [
        ("shape", "we.intro", {"sentence": " ".join(data.tokens)}),
        ("x1", "we.x1", {"x1": ", ".join(x1)}),
        ("first_entry:Q", "we.first_entry", {}),
        ("shape", "we.qkv_done", {}),
        ("shape", "we.scores", {}),
        ("first_entry:scores", "we.first_entry", {}),
        ("scale", "we.scale", {}),
    ]
    out += [(f"softmax:{i}", "we.softmax", {}) for i in range(len(data.tokens))]
    out += [("first_entry:output", "we.first_entry", {}), ("row:0", "we.summary", {})]
    return claims_stated(data, out)


check = chapter_check(TRAITS, _claims, stated)
