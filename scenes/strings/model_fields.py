"""Caption fields of the claims about a trained model's heads: the view shown and why, the expectation, the
groups, rollout, the pieces; tied words beyond three are counted, not listed."""

from __future__ import annotations

from attention_core import Claim
from scenes.strings.grammar import count, each, name, name_list, ordinal, quote

__all__ = ["KINDS", "MARKS", "many", "model_fields", "view_fields"]

MARKS = {
    "zh": {"punctuation": "标点", "symbols": "符号（如表情）", "both": "标点和符号"},
    "en": {"punctuation": "punctuation", "symbols": "symbols such as emoji", "both": "punctuation and symbols"},
}
KINDS = {
    "zh": {"self": "对自己", "neighbour": "相邻的词", "far": "远处的词"},
    "en": {"self": "to itself", "neighbour": "to a neighbour", "far": "to a far word"},
}


def view_fields(claim: Claim, lang: str) -> dict[str, object]:
    """The named words of a view or expect claim (with positions), lists, ranks and counts."""
    v, words = claim.values, claim.words
    at = v.get("word_at", [None] * len(words))
    names = [name(w, a, lang) for w, a in zip(words, at, strict=True)]
    out: dict[str, object] = {"scope_words": ("前面的词" if v.get("scope") == "earlier" else "其他词")}
    if claim.kind == "view":
        if v["rule"] == "expect":
            out["level_list"] = name_list(names[2:], lang)
        if v["rule"] == "focus_link":
            out["link_list"] = name_list(names[1:], lang)
            out["score_each"] = each(v["score"], v["tie"], lang)
        if v["rule"] == "varied":
            out["kinds_list"] = ("、" if lang == "zh" else ", ").join(KINDS[lang][k] for k in v["kinds"])
        if v.get("rank"):
            out["rank_ord"] = ordinal(v["rank"], lang)
        return out
    ahead = len(v["ahead"])
    out["expect_list"] = name_list([quote(w, lang) for w in v["expect"]], lang, either=True)
    out["rank_ord"] = ordinal(v["rank"], lang)
    out["ahead_list"] = name_list(
        [
            f"{n}（{w}）" if lang == "zh" else f"{n} ({w})"
            for n, w in zip(names[2 : 2 + ahead], v["ahead_w"], strict=True)
        ],
        lang,
    )
    level = len(v["level"])
    out["level_list"] = name_list(names[2 + ahead : 2 + ahead + level], lang)
    instead = names[2 + ahead + level :]
    out["instead_list"] = name_list(instead, lang)
    heads = f"{v['instead_heads']} 个头" if lang == "zh" else count(v["instead_heads"], "head")
    out["instead_each"] = each(heads, len(instead) > 1, lang)
    return out


def many(names: list[str], w: str, lang: str) -> tuple[str, str]:
    """Tied words and their weight: "「甲」和「乙」", "各 0.20"; more than three are counted, not listed."""
    if len(names) > 3:
        # zh templates put the field right after a Han word ("追溯到{top_list}"): the space sets the count apart
        return (f" {len(names)} 个词" if lang == "zh" else f"{len(names)} words"), each(w, True, lang)
    return name_list(names, lang), each(w, len(names) > 1, lang)


def model_fields(claim: Claim, lang: str) -> dict[str, object]:
    """Fields of the real-model claims: group counts, tied words (counted beyond three), crossing pieces."""
    v, out = claim.values, {}
    if claim.kind == "head_groups":
        out.update({f"n_{k}": c for k, c in v["counts"].items()})
    if claim.kind == "head_group":
        out["heads_n"] = f"{v['count']} 个头" if lang == "zh" else count(v["count"], "head")
    if claim.kind == "rollout":
        names = [name(w, a, lang) for w, a in zip(v["top"], v["top_at"], strict=True)]
        out["top_list"], out["top_each"] = many(names, v["top_w"], lang)
        out["w0"] = name(claim.words[0], v["focus_at"], lang)
    if claim.kind == "head_pattern" and v.get("keys"):
        names = [name(w, a, lang) for w, a in zip(claim.words[1:], v["word_at"][1:], strict=True)]
        out["link_list"], out["w_each"] = many(names, v["w"], lang)
    if claim.kind == "pieces" and v["crossing"]:
        spans = [
            f"片段{quote(t, lang)}跨了 {k} 个词" if lang == "zh" else f"the piece {quote(t, lang)} spans {k} words"
            for t, k in zip(v["crossing"], v["crossing_words"], strict=True)
        ]
        out["crossing_desc"] = name_list(spans, lang)
        out["crossing_desc_cap"] = out["crossing_desc"][:1].upper() + out["crossing_desc"][1:]
    return out
