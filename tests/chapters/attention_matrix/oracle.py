"""Chapter 7, attention-matrix: every word's row of word attention. The window (around the focus word given), the
matrix's focus word (given, or chosen when an expectation needs one), the word attention (the designed lexicon, or
a trained model's view chosen by the varied rule or asked for, re-derived from the raw token attention:
:mod:`tests.oracle.view_choice`), every row's reading and the pattern examples (self, neighbour, far, even), the
clearest row of each."""

from __future__ import annotations

import numpy as np

from attention_core import Claim
from tests.oracle import view_rules as vr
from tests.oracle.chapter import WORD_VIEW, Case, Traits, chapter_check
from tests.oracle.focus import auto_focus_problems, choose_focus_mine
from tests.oracle.readings import check_reading, expected_reading
from tests.oracle.stated import auto_stated, claims_stated, source_stated, window_stated
from tests.oracle.view_choice import check_model_view as _check_model_view
from tests.oracle.window import check_trace_window

TRAITS = Traits("attention-matrix", example_focus="停下", **WORD_VIEW)
PATTERNS = ("self", "neighbour", "far", "even")


def check_model_view(data, text: str, sent_tokens, model: str, head=None, expect=()) -> tuple[list[str], bool]:
    """The matrix's word attention and, with a model, the view shown (by default the varied rule's) and its
    claims."""
    return _check_model_view(data, text, sent_tokens, model, head, expect, causal=TRAITS.causal, varied=True)


def _claims(case: Case) -> list[str]:
    data, n = case.data, case.data.attention.n
    tr = data.attention
    p, idx = check_trace_window(TRAITS, case, tr)
    if data.claim("matrix_size").values.get("n") != n:
        p.append(f"matrix_size {data.claim('matrix_size').values} for {n}")
    rows = data.rows()
    if [r.topic for r in rows] != [f"row:{i}" for i in range(n)]:
        p.append(f"rows {[r.topic for r in rows]}")
    mp = check_matrix_focus(data, case.tokens, idx, case.model, case.expect)
    p += mp
    if mp:
        return p
    found, ok = check_model_view(data, case.text, case.tokens, case.model, case.head, case.expect)
    p += found
    if not ok:
        return p
    for i in range(n):
        row = data.claim(f"row:{i}")
        p += check_reading(row, data.tokens, tr.weights[i], i, range(n), others="other", special=float(tr.special[i]))
    return p + check_patterns(data, tr)


def check_matrix_focus(data, sent_tokens, idx: int | None, model: str, expect=()) -> list[str]:
    """The matrix's focus word: the given one (it places the window); else, when an expectation needs one, the
    automatic choice among the words shown, stated in an ``auto_focus`` claim; else none. The lexicon has none."""
    w = data.window
    if model == "lexicon":
        return ["auto_focus claim with the lexicon"] if data.has_claim("auto_focus") else []
    if idx is not None:
        f, rule = idx - w.start, None
    elif expect:
        f, rule = choose_focus_mine(data.tokens, False)
    else:
        f, rule = None, None
    if data.focus != f or data.focus_rule != rule:
        return [f"matrix focus {data.focus} ({data.focus_rule}) != {f} ({rule}) among {data.tokens}"]
    if rule is None:
        return ["auto_focus claim although no focus was chosen"] if data.has_claim("auto_focus") else []
    p = auto_focus_problems(data, data.tokens, f, False, w.start + f + 1)
    if sent_tokens[w.start + f] != data.tokens[f]:
        p.append(f"auto_focus: shown word {f} is not sentence word {w.start + f + 1}")
    return p


def check_patterns(data, tr) -> list[str]:
    """``pattern:*``: a row shows self / neighbour / far when its strongest word (alone on top as written) gets at
    least 2/n of the whole row, special share included; "even" rows as read; the clearest row is the example."""
    found = pattern_rows(tr)
    if "_edge" in found:
        return []  # a top weight of exactly 2/n of its row: float noise decides whether it "stands out"
    p = []
    examples = {e.topic: e for e in data.examples()}
    for pat in PATTERNS:
        topic = f"pattern:{pat}"
        rows = found.get(pat, [])
        if not rows:
            if topic in examples or data.has_claim(topic):
                p.append(f"{topic} claimed but no row shows it")
            continue
        if topic not in examples:
            p.append(f"no {topic} although rows {[r[0] for r in rows]} show it")
            continue
        p += _example_problems(data, tr, pat, rows, examples[topic])
    return p


def pattern_rows(tr) -> dict[str, list[tuple[int, float, float, float]]]:
    """The rows showing each pattern: (row, strength, flatness, spread); ``_edge``: rows on the 2/n edge."""
    n = tr.n
    found: dict[str, list[tuple[int, float, float, float]]] = {}
    for i in range(n):
        e = expected_reading(tr.weights[i], i, range(n))
        pat, strength = None, None
        if e["kind"] == "even":
            row = tr.weights[i]
            flat_a = float(np.max(np.abs(row * n / e["total"] - 1)))
            flat_b = float(np.max(row) - np.min(row))
            found.setdefault("even", []).append((i, 0.0, flat_a, flat_b))
            continue
        if e["kind"] in ("self", "strongest"):  # a strongest key, alone on top as written (self included)
            pat, edge = vr.pattern_kind(tr.weights[i], float(tr.special[i]), vr.hundredths(tr.weights[i]), i, n)
            if edge:
                found.setdefault("_edge", []).append((i, e["topw"], 0, 0))
                continue
            strength = e["topw"]
        if pat:
            found.setdefault(pat, []).append((i, strength, 0, 0))
    return found


def _example_problems(data, tr, pat: str, rows, c: Claim) -> list[str]:
    """Pattern ``pat``'s example claim ``c``: one of ``rows``, the clearest (or flattest), restating its row."""
    p = []
    topic = f"pattern:{pat}"
    q = c.values.get("query")
    mine = {r[0]: r for r in rows}
    if q not in mine:
        return [f"{topic}: example row {q} does not show it (rows {list(mine)})"]
    if pat == "even":
        best_a = min(r[2] for r in rows)
        best_b = min(r[3] for r in rows)
        if mine[q][2] > best_a + 1e-12 and mine[q][3] > best_b + 1e-12:
            p.append(f"{topic}: row {q} is not the flattest of {list(mine)}")
    else:
        best = max(r[1] for r in rows)
        if mine[q][1] < best - 1e-12:
            p.append(f"{topic}: row {q} (top {mine[q][1]:.4f}) is not the clearest; best {best:.4f}")
    row = data.claim(f"row:{q}")
    v = c.values
    if v.get("pattern") != pat or v.get("reading") != row.kind or tuple(c.words) != tuple(row.words):
        p.append(f"{topic}: {v} / {c.words} does not restate row:{q} ({row.kind} {row.words})")
    for k, x in row.values.items():
        if v.get(k) != x:
            p.append(f"{topic}: {k} {v.get(k)!r} != row:{q}'s {x!r}")
    special = float(tr.special[q])
    p += check_reading(
        c, data.tokens, tr.weights[q], q, range(tr.n), others="other", kind=v.get("reading"), special=special
    )
    if pat == "far" and v.get("between") != abs(v["key"] - q) - 1:
        p.append(f"{topic}: between {v.get('between')} for offset {v.get('offset')}")
    return p


def stated(data) -> list[tuple[Claim, str, dict]]:
    """(claim, template key, extra fields) for every caption the chapter's scene makes from a claim."""
    out = window_stated(data) + auto_stated(data, "auto_focus.head") + source_stated(data)
    out += [("matrix_size", "am.intro", {})]
    out += [(r.topic, "am.row", {}) for r in data.rows()]
    out += [(e.topic, "am.pattern", {}) for e in data.examples()]
    return claims_stated(data, out)


check = chapter_check(TRAITS, _claims, stated)
