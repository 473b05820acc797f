"""Chapter 9, real-model: every claim re-derived from the raw token attention and the pieces' spans.

Called by :func:`tests.claim_checks.check_chapter`. The words' rows of every head come from
:func:`tests.claim_checks.model_words`; the groups, exemplars, layer shares and rollout from
:mod:`tests.real_model_rules`; the focus link from :func:`tests.view_rules.focus_link_choice`; the view asked for
with ``--head``/``--expect`` (``chosen:*``) is checked exactly as chapter 3's view of the same words
(:func:`tests.claim_checks.check_model_view`). Nothing here imports or imitates the product's rules.
"""

from __future__ import annotations

import math
from decimal import Decimal

import numpy as np

from scenes.strings import claim_text
from tests import claim_checks as cc
from tests import real_model_rules as rr
from tests import view_rules as vr

__all__ = [
    "ChosenView",
    "check_focus_link",
    "check_groups",
    "check_layer_means",
    "check_layers",
    "check_real_model",
    "check_rollout",
    "expected_pieces",
    "top_set_problems",
]

SCORE_TOL = 1e-12  # exemplar scores this close are one score: order noise may pick either head
CHOSEN = ("chosen:view", "chosen:expect", "chosen:heads")


def check_real_model(data, sentence: str, focus, sent_tokens, model: str, head=None, expect=()) -> list[str]:
    """Chapter 9: the window and focus, the pieces, the gallery, the head groups, the focus link, the view asked
    for, the layer means, the focus word layer by layer and its rollout."""
    a = data.attention
    if a.model != model:
        return [f"real-model with {a.model!r}, not {model!r}"]
    p, placed = cc.check_focus_window("real-model", data, focus, sent_tokens)
    if not placed:
        return p
    if tuple(a.words) != tuple(data.tokens):
        return p + [f"the model read {a.words}, not the words shown {data.tokens}"]
    mw, found = cc.model_words(a, sentence, sent_tokens, data.window.start)
    p += found
    if mw is None:
        return p
    p += _topic_problems(data, head, expect)
    theirs = a.words_view()
    mine = (mw["words"], mw["special"])
    if not all(np.allclose(x, y, atol=cc.VIEW_TOL, rtol=0) for x, y in zip(theirs, mine, strict=True)):
        p.append("words_view() is not the heads' word rows re-derived from the token attention")
    p += _check_pieces(data, mw, model)
    p += _check_gallery(data, mw, model)
    p += check_groups(data, mw)
    p += check_focus_link(data, mw)
    p += check_layer_means(data, mw)
    p += check_layers(data, mw)
    p += check_rollout(data, mw)
    p += _check_chosen(data, sentence, sent_tokens, model, head, expect)
    return p


def _topic_problems(data, head, expect) -> list[str]:
    """The claims the chapter makes: no others, none missing (the group and chosen claims are checked by theirs)."""
    topics = [c.topic for c in data.claims]
    must = ["window"] * data.window.partial + ["auto_focus"] * (data.focus_rule is not None)
    must += ["pieces", "gallery", "head:focus_link", "layer_means", "layers", "rollout"]
    may = {*must, "groups", *(f"group:{g}" for g in rr.GROUPS[:-1])}
    if head is not None or expect:
        may |= set(CHOSEN)
    p = [f"no {t} claim" for t in must if t not in topics]
    return p + [f"unexpected claim {t}" for t in topics if t not in may]


def expected_pieces(pieces, words, mem) -> dict:
    """The pieces claim from the pieces and the membership re-derived from their spans, by plain loops: a piece
    counts when it belongs to a word; an empty one (no character, not special) does not."""
    inside = [i for i in range(len(pieces)) if mem[i].sum() > 0]
    n_words = len(words)
    split, split_pieces = [], []
    for w in range(n_words):
        own = [pieces[i].text for i in inside if mem[i][w] > 0]
        if len(own) > 1:
            split.append(words[w])
            split_pieces.append(" + ".join(own))
    covers = {i: sum(1 for w in range(n_words) if mem[i][w] > 0) for i in inside}
    crossing = [i for i in inside if covers[i] > 1]
    empty = [pc.text for i, pc in enumerate(pieces) if not pc.special and mem[i].sum() == 0]
    return {
        "pieces": len(inside),
        "words": n_words,
        "split": split,
        "split_pieces": split_pieces,
        "crossing": [pieces[i].text for i in crossing],
        "crossing_words": [covers[i] for i in crossing],
        "specials": " ".join(pc.text for pc in pieces if pc.special),
        "empty": len(empty),
        "empty_text": " ".join(dict.fromkeys(empty)) or None,
    }


def _check_pieces(data, mw: dict, model: str) -> list[str]:
    c = data.claim("pieces")
    a = data.attention
    want = {**expected_pieces(a.pieces, a.words, mw["membership"]), "model": cc.MODEL_INFO[model][0]}
    p = cc._same("pieces", c, want)
    if not want["split"] and not want["crossing"] and want["pieces"] != want["words"]:
        p.append(f"pieces: no word split or crossing, yet {want['pieces']} pieces for {want['words']} words")
    return p


def _check_gallery(data, mw: dict, model: str) -> list[str]:
    c = data.claim("gallery")
    name, quantized = cc.MODEL_INFO[model]
    layers, heads = mw["words"].shape[:2]
    want = {"model": name, "quantized": quantized, "layers": layers, "heads": heads, "total": layers * heads}
    want["special_names"] = mw["special_names"]
    p = cc._same("gallery", c, want)
    mean = math.fsum(float(x) for x in mw["special"].ravel()) / mw["special"].size
    if not cc.written_ok(c.values.get("special_mean"), mean):
        p.append(f"gallery: special_mean {c.values.get('special_mean')!r} for {mean!r}")
    return p


# -- the head groups --------------------------------------------------------------------------------------------
def check_groups(data, mw: dict) -> list[str]:
    """``groups`` (head_groups) and ``group:<name>`` (head_group): every head in the first group whose test it
    passes, the counts, the thresholds as stated, one claim per non-empty group but "other", each with the member
    of largest score as its exemplar; ``arrays()["groups"]`` is the heads' group matrix."""
    words, special, written = mw["words"], mw["special"], mw["written"]
    n_layers, n_heads, m, _ = words.shape
    f, tokens = data.focus, data.tokens
    theirs = data.arrays().get("groups")
    group_topics = [c.topic for c in data.claims if c.topic == "groups" or c.topic.startswith("group:")]
    if m < 3:
        p = [f"{t} claimed with {m} words" for t in group_topics]
        return p + ([] if theirs is None else [f"arrays()['groups'] is not None with {m} words"])
    if not data.has_claim("groups"):
        return ["no groups claim"]
    rules = rr.head_groups(words, special, written, f)
    mine, loose = rules["group"], rules["loose"]
    theirs = np.asarray(theirs if theirs is not None else [])
    if theirs.shape != (n_layers, n_heads):
        return [f"arrays()['groups'] has shape {theirs.shape}, not {(n_layers, n_heads)}"]
    p = []
    for lay, hd in np.argwhere((theirs != mine) & (theirs != loose))[:3]:
        got = rr.GROUPS[theirs[lay, hd]] if 0 <= theirs[lay, hd] < len(rr.GROUPS) else theirs[lay, hd]
        first = rr.GROUPS[mine[lay, hd]]
        p.append(f"groups: layer {lay + 1} head {hd + 1} is put in {got!r}, its first group is {first!r}")
    if p:
        return p
    counts = {g: int((theirs == i).sum()) for i, g in enumerate(rr.GROUPS)}
    shared = {"total": n_layers * n_heads, "row_share": rr.ROW_SHARE, "special": cc.written(rr.SPECIAL_MIN)}
    shared["even_top"] = cc.written(2 / m)
    c = data.claim("groups")
    p += cc._same("groups", c, {**shared, "counts": counts, "n": m})
    if c.kind != "head_groups" or tuple(c.words) != (tokens[f],):
        p.append(f"groups: {c.kind} {c.words} != head_groups {(tokens[f],)}")
    if sum((c.values.get("counts") or {}).values()) != n_layers * n_heads:
        p.append(f"groups: the counts {c.values.get('counts')} do not add to the {n_layers * n_heads} heads")
    p += _focus_named(data, c, "rm.groups")
    scores = rr.group_scores(words, special, written, f)
    for i, g in enumerate(rr.GROUPS[:-1]):
        topic = f"group:{g}"
        if not data.has_claim(topic):
            p += [f"no {topic} claim although {counts[g]} heads are in it"] if counts[g] else []
            continue
        if not counts[g]:
            p.append(f"{topic} claimed but no head is in it")
            continue
        p += _check_group(data.claim(topic), g, theirs == i, scores[g], {**shared, "count": counts[g]}, tokens[f])
        p += _focus_named(data, data.claim(topic), "rm.group") if g == "focus" else []
    return p


def _focus_named(data, claim, key: str) -> list[str]:
    """A caption naming the focus word names it with its sentence position when the words shown hold it twice (as
    every other caption of the chapter does): "dog" (word 3), 「dog」（第 3 个）."""
    at = cc._named(data.tokens, data.focus, data.window.start)
    if at is None:
        return []
    word, p = data.tokens[data.focus], []
    for lang in ("en", "zh"):
        cap = claim_text(lang, key, claim)
        if cc.quote(word, lang) in cap and cc.name(data.tokens, data.focus, lang, at) not in cap:
            p.append(f"{claim.topic} [{key}/{lang}] {cap!r}: names {word!r}, shown twice, without its position {at}")
    return p


def _check_group(c, group: str, members: np.ndarray, score, shared: dict, focus_word: str) -> list[str]:
    """One group's claim: its count and thresholds, its exemplar (a member whose score is the largest, within
    :data:`SCORE_TOL`), the evidence naming that head (0-based)."""
    low, high = score
    lay, hd = c.values.get("layer", 0) - 1, c.values.get("head", 0) - 1
    p = cc._same(c.topic, c, {**shared, "group": group})
    if c.kind != "head_group" or tuple(c.words[:1]) != (focus_word,):
        p.append(f"{c.topic}: {c.kind} {c.words} != head_group {(focus_word,)}")
    if not (0 <= lay < members.shape[0] and 0 <= hd < members.shape[1]) or not members[lay, hd]:
        return p + [f"{c.topic}: its exemplar, layer {lay + 1} head {hd + 1}, is not one of its heads"]
    best = np.where(members, low, -np.inf).max()
    if high[lay, hd] < best - SCORE_TOL:
        bl, bh = (int(x) for x in np.argwhere(members & (low == best))[0])
        p.append(
            f"{c.topic}: exemplar layer {lay + 1} head {hd + 1} scores {float(high[lay, hd])!r}; layer {bl + 1} head "
            f"{bh + 1} scores {float(best)!r}"
        )
    if (c.evidence.get("layer_index"), c.evidence.get("head_index")) != (lay, hd):
        p.append(f"{c.topic}: the evidence (framed in the scene) is not layer {lay + 1} head {hd + 1}")
    return p


# -- the head linking the focus word to a far word --------------------------------------------------------------
def check_focus_link(data, mw: dict) -> list[str]:
    """``head:focus_link``: the head (no sink, unless every head is one) in which the focus word gives one word
    not next to it (any other word when none is that far) the most; the words written equal on top are named."""
    tokens, focus, base = data.tokens, data.focus, data.window.start
    words, m = mw["words"], mw["m"]
    heads = [c.topic for c in data.claims if c.kind == "head_pattern"]
    p = [f"unexpected head claim {t} (the groups replace it)" for t in heads if t != "head:focus_link"]
    if not data.has_claim("head:focus_link"):
        return p + ["no head:focus_link claim"]
    c = data.claim("head:focus_link")
    link = vr.focus_link_choice(words, mw["written"], focus, [k for k in range(m) if k != focus])
    lh, tied = link["head"], link["tied"]
    if (c.values.get("layer"), c.values.get("head")) != (lh[0] + 1, lh[1] + 1):
        p.append(
            f"head:focus_link: layer {c.values.get('layer')} head {c.values.get('head')} is not the strongest-link "
            f"head that is no sink: layer {lh[0] + 1} head {lh[1] + 1}"
        )
    elif (c.evidence.get("layer_index"), c.evidence.get("head_index")) != lh:
        p.append(f"head:focus_link: the evidence (framed in the scene) is not layer {lh[0] + 1} head {lh[1] + 1}")
    want = {
        "pattern": "focus_link",
        "w": cc.written(words[lh][focus, tied[0]]),
        "key": tied[0],
        "keys": tied,
        "tie": len(tied) > 1,
        "all_sinks": link["all_sinks"],
        "skips_neighbours": link["skips"],
        "word_at": [cc._named(tokens, k, base) for k in (focus, *tied)],
    }
    p += cc._same("head:focus_link", c, want)
    if c.kind != "head_pattern" or tuple(c.words) != (tokens[focus], *(tokens[k] for k in tied)):
        p.append(f"head:focus_link: {c.kind} {c.words} != {(tokens[focus], *(tokens[k] for k in tied))}")
    return p


# -- all heads together: the layers' means, the focus word layer by layer, rollout -----------------------------
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
    if means.shape != want_m.shape or not np.allclose(means, want_m, atol=cc.VIEW_TOL, rtol=0):
        p.append("layer_means() is not the word view of each layer's mean over its heads")
    if specials.shape != want_s.shape or not np.allclose(specials, want_s, atol=cc.VIEW_TOL, rtol=0):
        p.append("layer_means()'s special shares are not those of each layer's mean over its heads")
    c = data.claim("layer_means")
    v = c.values
    if v.get("layers") != n_layers or c.kind != "layer_means" or tuple(c.words):
        p.append(f"layer_means: {c.kind} {c.words} layers {v.get('layers')} for {n_layers} layers")
    for part, s in (("first", shares[0]), ("last", shares[-1])):
        stated = [v.get(f"{part}_{k}") for k in ("self", "near", "far", "special")]
        for k, x in zip(("self", "near", "far", "special"), stated, strict=True):
            if not cc.written_ok(x, s[k]):
                p.append(f"layer_means: {part}_{k} {x!r} for {s[k]!r}")
        if not all(isinstance(x, str) for x in stated):
            continue
        total = sum((cc.D(x) for x in stated), Decimal(0))
        want = {f"{part}_rounded": total != 1, f"{part}_shown_sum": cc.fmt_dec(total, 2)}
        p += cc._same("layer_means", c, want)
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
    out = {"third": third, "layers": n_layers, "focus_at": cc._named(tokens, focus, base)}
    for part, span in (("early", range(third)), ("late", range(n_layers - third, n_layers))):
        mean = {k: math.fsum(rows[lay][k] for lay in span) / third for k in keys}
        top = [k for k in keys if cc.written_ok(v.get(f"{part}_w"), mean[k])]
        p += top_set_problems(f"layers: {part}", top, v.get(f"{part}_w"), mean)
        out[part] = [tokens[k] for k in top]
        out[f"{part}_at"] = [cc._named(tokens, k, base) for k in top]
        if c.evidence.get(f"{part}_keys") != top:  # the columns the scene frames
            p.append(f"layers: evidence {part}_keys {c.evidence.get(f'{part}_keys')} != {top}")
    out["same"] = out["early"] == out["late"] and out["early_at"] == out["late_at"]
    p += cc._same("layers", c, out)
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
        lows = {cc.written(x)} | ({cc.written(x - 1e-9), cc.written(x + 1e-9)} if cc.near_half(x) else set())
        if k in named and w not in lows:
            p.append(f"{where}: a named word is written {cc.written(x)}, not {w}")
        if k not in named and min(cc.D(s) for s in lows) >= cc.D(w):
            p.append(f"{where}: word {k} ({cc.written(x)}) is not below {w} yet not named")
    return p


def check_rollout(data, mw: dict) -> list[str]:
    """``rollout_rows()`` (the focus row after 1, 2, … layers and its special share) and ``rollout``: after the last
    layer, what the focus word keeps, the other words written equal on top, and the special share."""
    tokens, focus, base = data.tokens, data.focus, data.window.start
    want = rr.rollout_rows(mw["tokens"], mw["membership"], mw["outside"], focus)
    rows = np.asarray(data.rollout_rows(), dtype=float)
    if rows.shape != want.shape or not np.allclose(rows, want, atol=cc.VIEW_TOL, rtol=0):
        return [f"rollout_rows() is not the focus row of rollout layer by layer ({rows.shape})"]
    c = data.claim("rollout")
    v, last = c.values, want[-1]
    others = {k: float(last[k]) for k in range(len(tokens)) if k != focus}
    top = sorted(k for k in others if cc.written_ok(v.get("top_w"), others[k]))
    p = top_set_problems("rollout", top, v.get("top_w"), others)
    for key, x in (("self", last[focus]), ("special", last[-1])):
        if not cc.written_ok(v.get(key), x):
            p.append(f"rollout: {key} {v.get(key)!r} for {x!r}")
    out = {"layers": len(want), "top": [tokens[k] for k in top], "focus_at": cc._named(tokens, focus, base)}
    out["top_at"] = [cc._named(tokens, k, base) for k in top]
    p += cc._same("rollout", c, out)
    if c.kind != "rollout" or tuple(c.words) != (tokens[focus], *out["top"]):
        p.append(f"rollout: {c.kind} {c.words} != rollout {(tokens[focus], *out['top'])}")
    if c.evidence.get("top_keys") != top:
        p.append(f"rollout: evidence top_keys {c.evidence.get('top_keys')} != {top} (the cells the scene frames)")
    return p


# -- the view asked for: chapter 3's view of the same words -----------------------------------------------------
class ChosenView:
    """Real-model's ``chosen`` view seen as chapter 3 (self-attention-idea) shows a view: the same words, focus and
    window, the chosen word attention, its ``chosen:*`` claims under chapter 3's topics."""

    def __init__(self, data) -> None:
        self.tokens, self.focus, self.window = data.tokens, data.focus, data.window
        self.attention = data.chosen
        self.claims = tuple(c for c in data.claims if c.topic in CHOSEN)
        self._by_topic = {c.topic.removeprefix("chosen:"): c for c in self.claims}

    def has_claim(self, topic: str) -> bool:
        return topic in self._by_topic

    def claim(self, topic: str):
        return self._by_topic[topic]


def _check_chosen(data, sentence: str, sent_tokens, model: str, head, expect) -> list[str]:
    """With --head or --expect: the view over the words shown (not causal) and its claims, as chapter 3 would make
    them; without: none."""
    if head is None and not expect:
        p = [f"{c.topic} claimed without --head or --expect" for c in data.claims if c.topic in CHOSEN]
        return p + ([] if data.chosen is None else ["a chosen view without --head or --expect"])
    if data.chosen is None:
        return [f"no chosen view for --head {head!r} --expect {expect!r}"]
    view = ChosenView(data)
    found, _ = cc.check_model_view("self-attention-idea", view, sentence, sent_tokens, model, head, expect)
    return [f"chosen: {x}" for x in found]
