"""Which view of a trained model's heads a chapter shows, and that the weights shown are that view.

The view shown (a head, a mean of heads, the rollout) is recomputed from every head's word rows
(:func:`tests.oracle.views.model_words`), and the rule that picked it (``given``, ``expect``, ``focus_link``,
``varied``; weights compared as written, so a written tie is no agreement) is run again over every head
(:func:`expected_view`); the view, expect and heads claims are then checked against that
(:mod:`tests.oracle.view_claims`). :func:`check_model_view` is the word attention of chapters 1, 3 and 7 and of
real-model's view asked for (checked as chapter 3's).
"""

from __future__ import annotations

import math
import unicodedata

import numpy as np

from tests.oracle import view_rules as vr
from tests.oracle.view_claims import check_view_claims
from tests.oracle.views import MODEL_INFO, ROW_SUM_TOL, VIEW_TOL, head_view, model_words, parse_head, view_keys


def expected_view(data, mw: dict, head: str | None, expect, article, *, causal: bool, varied: bool) -> dict:
    """Which view the chapter must show and why (source["rule"]): given, expect, varied (``varied``: the chapter's
    rule without a focus link, the attention matrix's) or focus_link, with the fields the source and claims carry;
    ``uncertain`` when float noise on a threshold may decide the head."""
    n_layers, n_heads = mw["words"].shape[:2]
    f = data.focus
    keys = view_keys(mw["m"], f, causal)
    if head is not None:
        return {"rule": "given", "view": parse_head(head, n_layers, n_heads), "source": {}, "keys": keys}
    if expect or article:
        words = tuple(expect or article)
        folded = {w.casefold() for w in words}
        wanted = [k for k in keys if data.tokens[k].casefold() in folded]
        c = vr.expect_choice(mw["words"], mw["written"], f, keys, wanted)
        source = {"expect": list(words), "expect_source": "given" if expect else "article", "expect_keys": wanted}
        keep = ("agree", "rank", "key", "ahead", "level", "instead", "instead_heads", "tied_heads")
        source.update({k: c[k] for k in keep})
        return {"rule": "expect", "view": head_view(*c["head"]), "source": source, "choice": c, "keys": keys}
    if varied:
        c = vr.varied_choice(mw["words"], mw["special"], mw["written"])
        source = {k: c[k] for k in ("kinds", "distinct", "sinks", "all_sinks", "sink_rows")}
        source["rows"] = mw["m"]
        out = {"rule": "varied", "view": head_view(*c["head"]), "source": source, "choice": c, "keys": keys}
        return {**out, "uncertain": c["edge"]}
    c = vr.focus_link_choice(mw["words"], mw["written"], f, keys)
    source = {"skips_neighbours": c["skips"], "all_sinks": c["all_sinks"]}
    return {"rule": "focus_link", "view": head_view(*c["head"]), "source": source, "choice": c, "keys": keys}


def article_link(link, own_sentence: str, text: str, focus_word: str | None, head, expect) -> tuple[str, ...]:
    """The expectation the article gives a chapter's own sentence (``link``: its focus word and the words it is
    expected to link to, or None), when ``text`` is that sentence and the focus that word; else ()."""
    if link is None or head is not None or expect:
        return ()
    word, expected = link
    own = unicodedata.normalize("NFC", own_sentence).strip()
    return expected if unicodedata.normalize("NFC", text).strip() == own and focus_word == word else ()


def check_word_attention(data, model: str, causal: bool, focus: int | None, mw=None, ev=None) -> list[str]:
    """The word attention itself: its source, row sums (with the special share), the causal cut, and for a model
    that the weights shown are the view the source names, re-derived from the raw token attention (``mw``, see
    :func:`tests.oracle.views.model_words`), and that this view is the one the rule picks (``ev``,
    :func:`expected_view`)."""
    p: list[str] = []
    tr = data.attention
    n = len(data.tokens)
    w, sp = np.asarray(tr.weights, dtype=float), np.asarray(tr.special, dtype=float)
    if tr.model != model:
        return [f"attention.model {tr.model!r} != {model!r}"]
    if w.shape != (n, n) or sp.shape != (n,):
        return [f"attention shapes {w.shape} / {sp.shape} for {n} words"]
    if tr.causal != causal:
        p.append(f"attention.causal {tr.causal} != {causal}")
    if (w < -1e-12).any() or (sp < -1e-12).any() or not np.isfinite(w).all() or not np.isfinite(sp).all():
        p.append("negative or non-finite weights / special shares")
    if model == "lexicon":
        return p + _lexicon_problems(w, sp, n, causal)
    m = focus + 1 if causal else n
    det = tr.detail
    if tuple(getattr(det, "words", ())) != tuple(data.tokens[:m]):
        return p + [f"the model read {getattr(det, 'words', None)}, not the words {data.tokens[:m]}"]
    p += _source_problems(tr.source, model, causal, mw, ev)
    p += _head_rows_problems(det, mw, data.tokens)
    view = tr.source.get("view") or {}
    n_layers, n_heads = mw["words"].shape[:2]
    shown = parse_head(view.get("label", ""), n_layers, n_heads)
    if shown != view:
        return p + [f"source view {view} is not a view of this model (as its label {view.get('label')!r} reads)"]
    ww, ws = vr.word_views(vr.view_matrix(mw["tokens"], view), mw["membership"], mw["outside"])
    if not np.allclose(w[:m, :m], ww, atol=VIEW_TOL, rtol=0) or not np.allclose(sp[:m], ws, atol=VIEW_TOL, rtol=0):
        gap = max(float(np.abs(w[:m, :m] - ww).max()), float(np.abs(sp[:m] - ws).max()))
        p.append(f"the weights shown are not the word view of {view['label']} (off by {gap:.3g})")
    if w[m:].any() or w[:, m:].any() or sp[m:].any():
        p.append(f"weights beyond the {m} words the model read are not 0")
    return p


def _lexicon_problems(w, sp, n: int, causal: bool) -> list[str]:
    """The designed lexicon: no special share, every row adds to 1 over the keys it may look at."""
    p = []
    if sp.any():
        p.append(f"lexicon with special shares {sp}")
    for i in range(n):
        keys = range(i + 1) if causal else range(n)
        if abs(math.fsum(w[i, k] for k in keys) - 1) > ROW_SUM_TOL:
            p.append(f"lexicon row {i} sums to {math.fsum(w[i, k] for k in keys)!r} over its keys")
    return p


def _source_problems(src: dict, model: str, causal: bool, mw: dict, ev: dict) -> list[str]:
    """The attention's source: the model, its special pieces, its shape, the rule and the view it chose."""
    name, quantized = MODEL_INFO[model]
    n_layers, n_heads = mw["words"].shape[:2]
    want = {
        "model": model,
        "name": name,
        "quantized": quantized,
        "special_names": mw["special_names"],
        "reads_to_focus": causal,
        "layers": n_layers,
        "heads": n_heads,
        "rule": ev["rule"],
        **ev["source"],
    }
    if not ev.get("uncertain"):
        want["view"] = ev["view"]
    p = [f"source {k} {src.get(k)!r} != {x!r}" for k, x in want.items() if src.get(k) != x]
    view = src.get("view") or {}
    lh = (view.get("layer", 0) - 1, view.get("head", 0) - 1) if view.get("kind") == "head" else (None, None)
    if (src.get("layer"), src.get("head")) != lh:
        p.append(f"source layer/head {src.get('layer')}/{src.get('head')} (0-based) do not name the view {view}")
    return p


def _head_rows_problems(det, mw: dict, tokens) -> list[str]:
    """Every head's word rows as the product gives them, re-derived; each adds to 1 with its special share."""
    p = []
    words, _ = det.words_view()
    if np.shape(words) != mw["words"].shape or not np.allclose(words, mw["words"], atol=VIEW_TOL, rtol=0):
        p.append("detail.words_view() is not the heads' word rows re-derived from the token attention")
    sums = mw["words"].sum(axis=-1) + mw["special"]
    bad = np.argwhere(np.abs(sums - 1) > ROW_SUM_TOL)
    if len(bad):
        lyr, hd, i = bad[0]
        p.append(
            f"{len(bad)} word rows of the model's heads do not add to 1 with their special share, e.g. layer "
            f"{lyr + 1} head {hd + 1} row {i} ({tokens[i]!r}): {sums[lyr, hd, i]!r}"
        )
    return p


def check_model_view(
    data, text: str, sent_tokens, model: str, head, expect, *, causal: bool, varied: bool = False, link=None, own=""
) -> tuple[list[str], bool]:
    """The word attention of a chapter that shows one (1, 3 and 7; real-model's view asked for) and, with a model,
    the view it shows and the claims about it (``causal``: the focus word reads only earlier words; ``varied``: the
    rule without a focus link is the varied one; ``link`` and ``own``: the article's link for the chapter's own
    sentence, :func:`article_link`). Returns the problems and whether the weights are the ones they should be (else
    readings of them mean little)."""
    if model == "lexicon":
        p = check_word_attention(data, model, causal, data.focus)
        return p + check_view_claims(data, model, causal, {}, {}), True
    mw, p = model_words(data.attention.detail, text, sent_tokens, data.window.start)
    if mw is None:
        return p, False
    focus_word = None if data.focus is None else data.tokens[data.focus]
    article = article_link(link, own, text, focus_word, head, expect)
    ev = expected_view(data, mw, head, expect, article, causal=causal, varied=varied)
    wa = check_word_attention(data, model, causal, data.focus, mw, ev)
    p += wa
    if wa:
        return p, False
    return p + check_view_claims(data, model, causal, mw, ev), True
