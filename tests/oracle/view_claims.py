"""The claims about the view a chapter shows with a trained model, re-derived from every head's word view: ``view``
(which view and why), ``expect`` (how many heads agree with the expected word, its rank, what the others favour) and
``heads`` (how many heads share the view's strongest link from the focus word, and the runner-up)."""

from __future__ import annotations

from tests.oracle import view_rules as vr
from tests.oracle.chapter import same
from tests.oracle.views import MODEL_INFO
from tests.oracle.words import repeated_position
from tests.oracle.written import written


def word_at(data, named) -> list[int | None]:
    """The sentence position of each named shown word that the shown words hold more than once (casefolded)."""
    return [repeated_position(data.tokens, k, data.window.start) for k in named]


def check_view_claims(data, model: str, causal: bool, mw: dict, ev: dict) -> list[str]:
    """``view`` (which view and why), ``expect`` (how many heads agree with the expected word) and ``heads`` (how
    many heads share the view's strongest link from the focus word), re-derived from every head's word view."""
    if model == "lexicon":
        return [f"{t} claim with the lexicon" for t in ("view", "expect", "heads") if data.has_claim(t)]
    if ev.get("uncertain"):
        return []  # a row on the 2/n edge in some head: float noise may pick the head, its claims mean little
    want, named = _view_want(data, model, causal, mw, ev)
    want["word_at"] = word_at(data, named)
    if not data.has_claim("view"):
        return [f"no view claim with model {model}"]
    v = data.claim("view")
    tokens = data.tokens
    p = same("view", v, want)
    if v.kind != "view" or tuple(v.words) != tuple(tokens[k] for k in named):
        p.append(f"view: {v.kind} words {v.words} != {tuple(tokens[k] for k in named)}")
    p += check_expect_claim(data, ev, mw, causal)
    p += check_heads_claim(data, ev, mw)
    return p


def _view_want(data, model: str, causal: bool, mw: dict, ev: dict) -> tuple[dict, list[int]]:
    """The view claim's values as the rule re-derived says them, and the shown words it names."""
    tokens, f, view = data.tokens, data.focus, ev["view"]
    n_layers, n_heads = mw["words"].shape[:2]
    name, quantized = MODEL_INFO[model]
    want = {"model": name, "quantized": quantized, "rule": ev["rule"], "view": view["kind"], "label": view["label"]}
    for k in ("layer", "head", "first_layer", "last_layer"):
        want[k] = view.get(k)
    want.update(layers=n_layers, heads=n_heads, total_heads=n_layers * n_heads, reads_to_focus=causal)
    if view["kind"] == "mean":
        want["mean_heads"] = (view["last_layer"] - view["first_layer"] + 1) * n_heads
    named: list[int] = []
    c = ev.get("choice", {})
    if ev["rule"] == "focus_link":
        row = mw["words"][c["head"]][f]
        want.update(ev["source"], score=written(row[c["tied"][0]]), tie=len(c["tied"]) > 1, only=len(c["cands"]) == 1)
        named = [f, *c["tied"]]
    elif ev["rule"] == "varied":
        want.update(ev["source"])
    elif ev["rule"] == "expect":
        want.update(agree=c["agree"], rank=c["rank"], w=written(mw["words"][c["head"]][f, c["key"]]))
        want.update(scope="earlier" if causal else "other", level=[tokens[k] for k in c["level"]])
        named = [f, c["key"], *c["level"]]
    return want, named


def check_expect_claim(data, ev: dict, mw: dict, causal: bool) -> list[str]:
    """``expect``: made with the expect rule only; the counts, the rank, what ranks ahead, what the others favour."""
    if ev["rule"] != "expect":
        return ["expect claim without an expectation"] if data.has_claim("expect") else []
    if not data.has_claim("expect"):
        return ["no expect claim although the view was chosen by an expectation"]
    tokens, f, c, src = data.tokens, data.focus, ev["choice"], ev["source"]
    row = mw["words"][c["head"]][f]
    n_layers, n_heads = mw["words"].shape[:2]
    named = [f, c["key"], *c["ahead"], *c["level"], *c["instead"]]
    want = {
        "source": src["expect_source"],
        "expect": src["expect"],
        "agree": c["agree"],
        "total_heads": n_layers * n_heads,
        "layer": c["head"][0] + 1,
        "head": c["head"][1] + 1,
        "rank": c["rank"],
        "w": written(row[c["key"]]),
        "ahead": [tokens[k] for k in c["ahead"]],
        "ahead_w": [written(row[k]) for k in c["ahead"]],
        "level": [tokens[k] for k in c["level"]],
        "instead": [tokens[k] for k in c["instead"]],
        "instead_heads": c["instead_heads"],
        "tied_heads": c["tied_heads"],
        "scope": "earlier" if causal else "other",
        "reads_to_focus": causal,
        "word_at": word_at(data, named),
    }
    e = data.claim("expect")
    p = same("expect", e, {k: (list(x) if isinstance(x, tuple) else x) for k, x in want.items()})
    if e.kind != "expect" or tuple(e.words) != tuple(tokens[k] for k in named):
        p.append(f"expect: {e.kind} words {e.words} != {tuple(tokens[k] for k in named)}")
    return p


def heads_survey(mw: dict, focus: int, cands, view_row_written) -> dict | None:
    """How many heads share the shown view's strongest link from the focus word (the key whose written weight is
    alone on top among ``cands``), and the head that favours another key most strongly; None when the view's
    focus row has no strongest candidate or there is only one candidate."""
    cands = list(cands)
    key = vr.strongest(view_row_written, cands)
    if key is None or len(cands) < 2:
        return None
    agree, runner = 0, None
    n_layers, n_heads = mw["words"].shape[:2]
    for lay in range(n_layers):
        for h in range(n_heads):
            k = vr.strongest(mw["written"][lay, h, focus], cands)
            if k == key:
                agree += 1
            elif k is not None:
                w = float(mw["words"][lay, h, focus, k])
                if runner is None or w > runner[2]:
                    runner = ((lay, h), k, w)
    return {"key": key, "agree": agree, "runner": runner, "skips": not any(abs(k - focus) == 1 for k in cands)}


def check_heads_claim(data, ev: dict, mw: dict) -> list[str]:
    """``heads`` (heads_agree) for the focus_link and given rules: stated when the chapter has a focus word, the
    view's focus row has a strongest candidate and there are at least two."""
    tokens, f = data.tokens, data.focus
    s = None
    if ev["rule"] in ("focus_link", "given") and f is not None:
        cands = ev["choice"]["cands"] if ev["rule"] == "focus_link" else ev["keys"]
        shown = vr.word_views(vr.view_matrix(mw["tokens"], ev["view"]), mw["membership"], mw["outside"])[0]
        s = heads_survey(mw, f, cands, vr.hundredths(shown[f]))
    if s is None:
        return ["heads claim although no strongest link is shared or compared"] if data.has_claim("heads") else []
    if not data.has_claim("heads"):
        return [f"no heads claim although the focus row's strongest link is {tokens[s['key']]!r}"]
    n_layers, n_heads = mw["words"].shape[:2]
    want = {
        "agree": s["agree"],
        "total_heads": n_layers * n_heads,
        "word": tokens[s["key"]],
        "runner": s["runner"] is not None,
        "skips_neighbours": s["skips"],
        "view": ev["view"]["kind"],
    }
    named = [f, s["key"]]
    if s["runner"] is not None:
        (lay, h), k, w = s["runner"]
        want.update(runner_word=tokens[k], runner_layer=lay + 1, runner_head=h + 1, runner_w=written(w))
        named.append(k)
    want["word_at"] = word_at(data, named)
    c = data.claim("heads")
    p = same("heads", c, want)
    if s["runner"] is None and any(k in c.values for k in ("runner_word", "runner_layer", "runner_head", "runner_w")):
        p.append(f"heads: runner values {c.values} although no head favours another word")
    if c.kind != "heads_agree" or tuple(c.words) != tuple(tokens[k] for k in named):
        p.append(f"heads: {c.kind} words {c.words} != {tuple(tokens[k] for k in named)}")
    return p
