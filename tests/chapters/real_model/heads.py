"""Real-model's head groups and the head linking the focus word to a far word, re-derived from every head's word
rows (:mod:`tests.oracle.real_model_rules`, :func:`tests.oracle.view_rules.focus_link_choice`): every head in the
first group whose test it passes, each group's exemplar, the focus link in a head that is no sink."""

from __future__ import annotations

import numpy as np

from scenes.strings import claim_text
from tests.oracle import real_model_rules as rr
from tests.oracle import view_rules as vr
from tests.oracle.chapter import same
from tests.oracle.words import name, quote, repeated_position
from tests.oracle.written import written

SCORE_TOL = 1e-12  # exemplar scores this close are one score: order noise may pick either head


def check_groups(data, mw: dict) -> list[str]:
    """``groups`` (head_groups) and ``group:<name>`` (head_group): every head in the first group whose test it
    passes, the counts, the thresholds as stated, one claim per non-empty group but "other", each with the member
    of largest score as its exemplar; ``arrays()["groups"]`` is the heads' group matrix."""
    words, special, marks = mw["words"], mw["special"], mw["written"]
    n_layers, n_heads, m, _ = words.shape
    theirs = data.arrays().get("groups")
    group_topics = [c.topic for c in data.claims if c.topic == "groups" or c.topic.startswith("group:")]
    if m < 3:
        p = [f"{t} claimed with {m} words" for t in group_topics]
        return p + ([] if theirs is None else [f"arrays()['groups'] is not None with {m} words"])
    if not data.has_claim("groups"):
        return ["no groups claim"]
    rules = rr.head_groups(words, special, marks, data.focus)
    mine, loose = rules["group"], rules["loose"]
    theirs = np.asarray(theirs if theirs is not None else [])
    if theirs.shape != (n_layers, n_heads):
        return [f"arrays()['groups'] has shape {theirs.shape}, not {(n_layers, n_heads)}"]
    p = []
    for lay, hd in np.argwhere((theirs != mine) & (theirs != loose))[:3]:
        got = rr.GROUPS[theirs[lay, hd]] if 0 <= theirs[lay, hd] < len(rr.GROUPS) else theirs[lay, hd]
        first = rr.GROUPS[mine[lay, hd]]
        p.append(f"groups: layer {lay + 1} head {hd + 1} is put in {got!r}, its first group is {first!r}")
    return p or _group_claims(data, mw, theirs)


def _group_claims(data, mw: dict, theirs: np.ndarray) -> list[str]:
    """The groups claim (the counts of the heads' group matrix ``theirs``, the thresholds) and each group's."""
    words, special, marks = mw["words"], mw["special"], mw["written"]
    n_layers, n_heads, m, _ = words.shape
    f, tokens = data.focus, data.tokens
    counts = {g: int((theirs == i).sum()) for i, g in enumerate(rr.GROUPS)}
    shared = {"total": n_layers * n_heads, "row_share": rr.ROW_SHARE, "special": written(rr.SPECIAL_MIN)}
    shared["even_top"] = written(2 / m)
    c = data.claim("groups")
    p = same("groups", c, {**shared, "counts": counts, "n": m})
    if c.kind != "head_groups" or tuple(c.words) != (tokens[f],):
        p.append(f"groups: {c.kind} {c.words} != head_groups {(tokens[f],)}")
    if sum((c.values.get("counts") or {}).values()) != n_layers * n_heads:
        p.append(f"groups: the counts {c.values.get('counts')} do not add to the {n_layers * n_heads} heads")
    p += _focus_named(data, c, "rm.groups")
    scores = rr.group_scores(words, special, marks, f)
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
    at = repeated_position(data.tokens, data.focus, data.window.start)
    if at is None:
        return []
    word, p = data.tokens[data.focus], []
    for lang in ("en", "zh"):
        cap = claim_text(lang, key, claim)
        if quote(word, lang) in cap and name(data.tokens, data.focus, lang, at) not in cap:
            p.append(f"{claim.topic} [{key}/{lang}] {cap!r}: names {word!r}, shown twice, without its position {at}")
    return p


def _check_group(c, group: str, members: np.ndarray, score, shared: dict, focus_word: str) -> list[str]:
    """One group's claim: its count and thresholds, its exemplar (a member whose score is the largest, within
    :data:`SCORE_TOL`), the evidence naming that head (0-based)."""
    low, high = score
    lay, hd = c.values.get("layer", 0) - 1, c.values.get("head", 0) - 1
    p = same(c.topic, c, {**shared, "group": group})
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
        "w": written(words[lh][focus, tied[0]]),
        "key": tied[0],
        "keys": tied,
        "tie": len(tied) > 1,
        "all_sinks": link["all_sinks"],
        "skips_neighbours": link["skips"],
        "word_at": [repeated_position(tokens, k, base) for k in (focus, *tied)],
    }
    p += same("head:focus_link", c, want)
    if c.kind != "head_pattern" or tuple(c.words) != (tokens[focus], *(tokens[k] for k in tied)):
        p.append(f"head:focus_link: {c.kind} {c.words} != {(tokens[focus], *(tokens[k] for k in tied))}")
    return p
