"""Chapter 4, qkv: each word's row of X becomes a query, a key and a value. The shapes, the first entry of
Q = X·W_Q written term by term, and the library analogy in each language: which titles match the query, the
strongest title's reading and what the reading is mostly made of."""

from __future__ import annotations

import numpy as np

from attention_core import Claim
from tests.oracle.arithmetic import check_dot
from tests.oracle.chapter import Case, Traits, chapter_check
from tests.oracle.readings import check_reading
from tests.oracle.stated import claims_stated
from tests.oracle.window import check_trace_window
from tests.oracle.written import written

TRAITS = Traits("qkv")


def _claims(case: Case) -> list[str]:
    data = case.data
    tr = data.trace
    p, _ = check_trace_window(TRAITS, case, tr)
    c = data.claim("shape")
    if c.values != {"n": tr.n, "d": tr.X.shape[1]}:
        p.append(f"qkv shape {c.values} vs X {tr.X.shape}")
    p += check_dot(data.claim("first_entry:Q"), tr.X[0], tr.W_q[:, 0], 1, 1, tr.Q[0, 0], 4)
    for lang in ("zh", "en"):
        p += library_problems(data, lang)
    return p


def library_problems(data, lang: str) -> list[str]:
    """The library in ``lang``: the strongest title's reading, the matches per title, the reading's top topic and
    whether one title gives most of it."""
    lib = data.library(lang)
    p = check_reading(data.claim(f"lib_best:{lang}"), lib.titles, lib.weights, None, range(len(lib.titles)))
    c = data.claim(f"lib_matches:{lang}")
    if list(c.values.get("matches", [])) != [str(int(m)) for m in lib.matches] or tuple(c.words) != tuple(lib.titles):
        p.append(f"lib_matches:{lang} {c.values} vs {lib.matches}")
    c = data.claim(f"lib_reading:{lang}")
    t = int(np.argmax(lib.reading))
    shares = lib.weights * lib.contents[:, t]
    b = int(np.argmax(shares))
    want = {
        "topic": lib.topics[t],
        "r": written(lib.reading[t]),
        "from": lib.titles[b],
        "mostly": bool(shares[b] > lib.reading[t] / 2),
    }
    p += [f"lib_reading:{lang}: {k} {c.values.get(k)!r} != {x!r}" for k, x in want.items() if c.values.get(k) != x]
    return p


def stated(data) -> list[tuple[Claim, str, dict]]:
    """(claim, template key, extra fields) for every caption the chapter's scene makes from a claim."""
    out = []
    for lang in ("en", "zh"):
        sep = "、" if lang == "zh" else ", "
        m = sep.join(data.claim(f"lib_matches:{lang}").values["matches"])
        out += [
            (f"lib_matches:{lang}", "qkv.lib_match", {"matches": m, "_lang": lang}),
            (f"lib_best:{lang}", "qkv.lib_weights", {"_lang": lang}),
            (f"lib_reading:{lang}", "qkv.lib_reading", {"_lang": lang}),
        ]
    out += [("shape", "qkv.words", {}), ("first_entry:Q", "qkv.first_entry", {"tok": data.tokens[0]})]
    return claims_stated(data, out)


check = chapter_check(TRAITS, _claims, stated)
