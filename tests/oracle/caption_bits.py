"""What a caption must hold, by its claim's kind (and template key): the words it names (with their sentence
positions where the claim gives them), the numbers and counts, the head and the rule that chose it
(:func:`other_bits`; a row reading's bits are in :mod:`tests.oracle.captions`). A bit that is a tuple may be any one
of its wordings."""

from __future__ import annotations

from attention_core import Claim
from tests.oracle.words import TIE_AS_WRITTEN, counted, name, ordinal, quote

SPLITS_SAID = 2  # real-model's pieces caption spells out the first two split words and counts the rest
KIND_WORDS = {
    "zh": {"self": "对自己", "neighbour": "相邻的词", "far": "远处的词"},
    "en": {"self": "to itself", "neighbour": "to a neighbour", "far": "to a far word"},
}


def _view_where(v: dict, lang: str) -> str:
    if lang == "zh":
        return f"第 {v['layer']} 层第 {v['head']} 个头"
    return f"ayer {v['layer']}, head {v['head']}"  # "Layer 3, head 4" or "layer 3, head 4"


def view_bits(v: dict, key: str, q, lang: str) -> list[str]:
    """What a view caption must hold: the head (or the layers of a mean, or the rollout) and why; the model is
    named on the chapter's source line. ``view.sinks`` counts the sink heads passed over."""
    zh = lang == "zh"
    if key == "view.sinks":
        return [f"{v['sinks']} 个汇聚头" if zh else counted(v["sinks"], "head", lang)]
    bits = []
    if v["view"] == "head":
        bits.append(_view_where(v, lang))
    elif v["view"] == "mean":
        a, b = v["first_layer"], v["last_layer"]
        layers = (f"第 {a} 层" if zh else f"layer {a}") if a == b else (f"第 {a}–{b} 层" if zh else f"layers {a}–{b}")
        bits += [layers, str(v["mean_heads"])]
    else:
        bits.append(str(v["layers"]))
    if v["rule"] == "given" and v["view"] != "rollout":
        bits.append(f"--head {v['label']}")
    elif v["rule"] == "focus_link":
        names = [q(i) for i in range(len(v["word_at"]))]
        bits += [*names, v["score"]]
        if v["all_sinks"]:
            bits.append(str(v["total_heads"]))
    elif v["rule"] == "varied":
        bits.append(str(v["total_heads"]))
        if v["all_sinks"]:
            bits.append(str(v["sink_rows"]))
        else:
            bits += [str(v["distinct"]), str(v["rows"])] + [KIND_WORDS[lang][k] for k in v["kinds"]]
    elif v["rule"] == "expect":  # a tie for the top names every word level with it, "0.03 each"
        level = [q(i) for i in range(2, 2 + len(v["level"]))]
        if v["agree"] == 0 and v["rank"] == 1:
            bits += [q(0), q(1), *level, f"各 {v['w']}" if zh else f"{v['w']} each"]
        else:
            bits += [q(0), q(1), v["w"], *level] + ([ordinal(v["rank"], lang)] if v["rank"] > 1 else [])
    return bits


def expect_bits(claim: Claim, key: str, q, lang: str) -> list[str]:
    """What the expect captions must hold: the expected words, the counts, the rank and the words ahead of it when
    none agrees; the others' favourite words (or their ties)."""
    v, zh = claim.values, lang == "zh"
    ahead, level = len(v["ahead"]), len(v["level"])
    if key == "expect.others":  # the words after the expected, ahead and level ones
        instead = [q(i) for i in range(2 + ahead + level, len(claim.words))]
        heads = f"{v['instead_heads']} 个头" if zh else counted(v["instead_heads"], "head", lang)
        several = len(instead) > 1
        return [*instead, (f"各 {heads}" if zh else f"{heads} each") if several else heads]
    if key == "expect.others.tied":
        return [str(v["tied_heads"]), q(0)]
    bits = [q(0), str(v["total_heads"])] + [quote(w, lang) for w in v["expect"]]
    if 0 < v["agree"] < v["total_heads"]:
        bits.append(
            f"{v['total_heads']} 个头里有 {v['agree']} 个" if zh else f"in {v['agree']} of the {v['total_heads']}"
        )
    if v["agree"] == 0:  # the rank and what is ahead (none for a tie for the top), every word level with it
        bits += [] if v["rank"] == 1 else [ordinal(v["rank"], lang)]
        for i, w in enumerate(v["ahead_w"]):
            bits.append(f"{q(2 + i)}（{w}）" if zh else f"{q(2 + i)} ({w})")
        bits += [q(i) for i in range(2 + ahead, 2 + ahead + level)]
    return bits


def other_bits(claim: Claim, key: str, lang: str) -> list:
    """The bits the caption made from ``claim`` with template ``key`` must hold."""
    v, k = claim.values, claim.kind

    def q(i: int) -> str:  # a named word; with its sentence position where the claim gives one (a repeated word)
        at = v.get("word_at", [None] * len(claim.words))[i]
        if at is None:
            return quote(claim.words[i], lang)
        return f"{quote(claim.words[i], lang)}（第 {at} 个）" if lang == "zh" else f'"{claim.words[i]}" (word {at})'

    if key in ("mh.head", "mh.mask_row"):  # a row reading of head k: the reading's bits are the captions module's
        return _head_row_bits(v, key, lang)
    if k in ("head_split", "heads_differ", "mask") or key in ("mh.shape", "mh.concat"):
        return _multi_head_bits(v, k, key, q, lang)
    if k == "pieces":
        return _pieces_bits(v, key, lang)
    if k in ("gallery", "head_pattern", "rollout", "head_group", "layer_trend"):
        return _real_model_bits(claim, key, q, lang)
    if k in ("window", "auto_focus", "self_share", "view", "expect", "heads_agree"):
        return _view_bits(claim, key, q, lang)
    if k in ("path_steps", "matrix_size", "rnn_steps", "fast_forward", "retention_family", "gradient"):
        return _sequence_bits(v, k, key, q, lang)
    return _matrix_bits(v, k, key, q)


def _head_row_bits(v: dict, key: str, lang: str) -> list:
    zh = lang == "zh"
    if key == "mh.head":
        return [f"头 {v['head']}" if zh else f"Head {v['head']}"]
    return [f"给后面的词的 {v['taken']}" if zh else f"the {v['taken']} it gave later words"]


def _multi_head_bits(v: dict, k: str, key: str, q, lang: str) -> list:
    """Multi-head: the column split, where two heads differ most, the mask, the shapes and the concat."""
    zh = lang == "zh"
    if k == "head_split":
        item = "头 {} 用第 {} 列" if zh else "head {} takes columns {}"
        return [item.format(h + 1, cols) for h, cols in enumerate(v["cols"])]
    if k == "heads_differ":  # the word the rows differ most at: the focus word itself is "itself"
        other = ("给它自己" if zh else "gives itself") if v["self"] else q(1)
        if v["head1_w"] == v["head2_w"]:
            return [q(0), other, f"都是 {v['head1_w']}" if zh else f"both heads: {v['head1_w']}"]
        if zh:
            return [q(0), other, f"头 1 是 {v['head1_w']}", f"头 2 是 {v['head2_w']}"]
        return [q(0), other, f"{v['head1_w']} in head 1", f"{v['head2_w']} in head 2"]
    if k == "mask":  # the count of masked scores, of all cells, and the first word's weight to itself: 1
        if zh:
            hidden = f"头 {v['head']} 对角线以上的 {v['masked']} 个分数"
            cells, first = f"共 {v['cells']} 个", "（{}）"
        else:  # "1 score", "6 scores"
            scores = f"{v['masked']} score" + ("" if v["masked"] == 1 else "s")
            hidden, cells, first = f"head {v['head']}'s {scores} above", f"(of {v['cells']})", "({})"
        return [hidden, cells, first.format(v["first_w"]), "1.00"]
    n = v["n"]
    if key == "mh.shape":
        split = f"d_head = {v['d_model']} / {v['heads']} = {v['d_head']}"
        if zh:
            return [f"{n} 个词", f"d_model = {v['d_model']}", f"{v['heads']} 个头", split]
        return [f"{n} words", f"d_model = {v['d_model']}", f"{v['heads']} heads", split]
    if zh:  # mh.concat
        return [f"{v['heads']} 个头", f"各 {n}×{v['d_head']}", f"{n}×{v['d_model']}"]
    return [f"{v['heads']} heads", f"{n}×{v['d_head']} each", f"{n}×{v['d_model']}"]


def _pieces_bits(v: dict, key: str, lang: str) -> list:
    """Real-model's pieces: the counts, the special pieces, the first split words; each piece across words."""
    if key == "rm.crossing":  # each piece across words, with how many it spans
        spans = "片段{}跨了 {} 个词" if lang == "zh" else "piece {} spans {} words"
        return [spans.format(quote(t, lang), k) for t, k in zip(v["crossing"], v["crossing_words"], strict=True)]
    if key == "rm.empty":
        return [v["empty_text"]]
    said = SPLITS_SAID
    named = [quote(w, lang) for w in v["split"][:said]] + list(v["split_pieces"][:said])
    more = len(v["split"]) - said
    if key == "rm.pieces" and v["split"] and more > 0:
        named.append(f"另有 {more} 个词" if lang == "zh" else f"and {more} more")
    return [str(v["words"]), str(v["pieces"]), v["specials"], *(named if v["split"] else [])]


def _real_model_bits(claim: Claim, key: str, q, lang: str) -> list:
    """Real-model's gallery, focus link, rollout, head groups and the focus word layer by layer."""
    v, k = claim.values, claim.kind
    if k == "gallery":
        return [str(v["total"])] + (
            [str(v["layers"]), str(v["heads"]), v["special_mean"], v["special_names"]] if key == "rm.gallery" else []
        )
    if k == "head_pattern":
        where = f"第 {v['layer']} 层第 {v['head']} 个头" if lang == "zh" else f"ayer {v['layer']}, head {v['head']}"
        tied = [q(i) for i in range(1, len(claim.words))]
        return [where, q(0), *(tied if len(tied) <= 3 else [counted(len(tied), "word", lang)]), v["w"]]
    if k == "rollout":  # more than three tied words are counted, not listed
        tied = [name(v["top"], i, lang, at) for i, at in enumerate(v["top_at"])]
        return [q(0), v["self"], v["special"], str(v["layers"]), *(tied if len(tied) <= 3 else [])]
    if k == "head_group":
        heads = f"{v['count']} 个头" if lang == "zh" else counted(v["count"], "head", lang)
        where = f"第 {v['layer']} 层第 {v['head']} 个头" if lang == "zh" else f"layer {v['layer']}, head {v['head']}"
        return [heads, where]
    return _layer_trend_bits(claim, lang)


def _layer_trend_bits(claim: Claim, lang: str) -> list:
    v = claim.values

    def at(word: str, pos: int | None) -> str:
        if pos is None:
            return quote(word, lang)
        return f"{quote(word, lang)}（第 {pos} 个）" if lang == "zh" else f'"{word}" (word {pos})'

    named = [at(claim.words[0], v["focus_at"])]
    for part in ("early", "late"):  # more than three tied words may be counted instead of listed
        tied = [at(w, pos) for w, pos in zip(v[part], v[part + "_at"], strict=True)]
        named += [counted(len(tied), "word", lang)] if len(tied) > 3 else tied
    return [str(v["third"]), v["early_w"], v["late_w"], *named]


def _view_bits(claim: Claim, key: str, q, lang: str) -> list:
    """The window, the automatic focus, the focus word's own share, and the view, expect and heads captions."""
    v, k = claim.values, claim.kind
    if k == "window":
        return [str(v["total"]), str(v["last"])] + ([f"{v['first']}–{v['last']}"] if v["reason"] == "focus" else [])
    if k == "auto_focus":
        return [q(0)]
    if k == "self_share":
        extra = [v["words_total"], v["special"], v["special_names"]] if v.get("special") else []
        return [q(0), v["w"], *extra]
    if k == "view":
        return view_bits(v, key, q, lang)
    if k == "expect":
        return expect_bits(claim, key, q, lang)
    return _heads_agree_bits(v, q, lang)


def _agree_count(v: dict, lang: str, noun: bool) -> str:
    """How many of the heads agree: "in 3 of 144" ("in 3 of 144 heads" with ``noun``), "144 个头中有 3 个"."""
    if lang == "zh":
        return f"{v['total_heads']} 个头中有 {v['agree']} 个"
    return f"in {v['agree']} of {v['total_heads']}" + (" heads" if noun else "")


def _heads_agree_bits(v: dict, q, lang: str) -> list:
    if v["agree"] == v["total_heads"]:
        return [f"{v['total_heads']} 个头都" if lang == "zh" else f"all {v['total_heads']} heads", q(0), q(1)]
    if not v["runner"]:  # the other heads all have a written tie on top: no runner-up to name
        return [_agree_count(v, lang, noun=False), q(0), q(1), TIE_AS_WRITTEN[lang]]
    if lang == "zh":
        runner = f"第 {v['runner_layer']} 层第 {v['runner_head']} 个头"
    else:
        runner = f"layer {v['runner_layer']}, head {v['runner_head']}"
    return [_agree_count(v, lang, noun=True), q(0), q(1), runner, q(2), v["runner_w"]]


def _sequence_bits(v: dict, k: str, key: str, q, lang: str) -> list:
    """Paths and steps: the recurrent chain, the matrix of all pairs, the RNN's steps, retention, gradients."""
    if k == "path_steps":
        return [counted(v["steps"], "step", lang)] + ([q(0), q(1)] if key != "sa.path_rnn" else [])
    if k == "matrix_size":
        return [f"{v['n']}×{v['n']}"]
    if k == "rnn_steps":  # "after both steps" says 2 as well
        return [(str(v["n"]), "both steps")] if v["n"] == 2 and lang == "en" else [str(v["n"])]
    if k == "fast_forward":
        return [f"{v['skipped_first']}–{v['skipped_last']}"]
    if k == "retention_family":
        if key == "rnn.family":
            return [str(v["at"])] + [pt["retention"] for pt in v["points"]] + [pt["scale"] for pt in v["points"]]
        return [v["article"], v["article_scale"]]
    return [v["scale"], v["norm"]]  # gradient


def _matrix_bits(v: dict, k: str, key: str, q) -> list:
    """Matrices and their arithmetic: dot products, the scale, the scaling experiments, rows, shapes."""
    if k == "dot_product":
        return [v["result"]] + ([v["from_shown"]] if v["relation"] == "≈" else [])
    if k == "scale":
        return [str(v["d_k"]), v["divisor"]] + ([str(v["cells_off"])] if v["cells_off"] else [])
    if k == "spread" and key == "f.spread":
        return [str(v["samples"]), v["s_big"], str(v["d_big"])]
    if k == "saturation":
        if key == "f.saturate":
            return [str(v["d"]), v["top_score"], v["w_unscaled"]]
        return [str(v["d"]), v["sqrt"], v["w_scaled"]]
    if k == "softmax_row":
        return [str(v["i"]), q(0)]
    if k == "input_row":
        return list(v["x1"]) + [q(0)]
    if k == "top_share":
        return [v["r"], q(0)]
    if k == "matches":
        return list(v["matches"])
    if k == "shape":
        return _shape_bits(v, key)
    return []


def _shape_bits(v: dict, key: str) -> list:
    n = v["n"]
    return {
        "f.scores": [str(n)],
        "f.all_rows": [f"{n}×{n}"],
        "f.weighted": [f"{n}×{n}", f"{n}×{v.get('d_k')}"],
        "qkv.words": [str(n), str(v.get("d"))],
        "we.intro": [str(n), f"{n}×{v.get('d')}"],
        "we.qkv_done": [f"{n}×{v.get('d_k')}"],
        "we.scores": [f"{n}×{n}"],
    }.get(key, [])
