"""The article's own teaching lines, kept where a sentence's numbers bear them out and changed where they do not.

Chapters 1 and 3 of the article make a point about a reader (当你读到「停下」时，你的大脑会自动关联到前面的「小猫」;
「它」指的是「小猫」). The page opens those sections with that line, made from the chapter's claims: the article's
expectation (or the user's ``--expect``) stated as such, then how many of the model's heads bear it out, or that
none does. A sentence with no expectation gets the line that holds for every sentence (you look back for the words
the current one relates to), never a made-up association: which words the model looks at is the captions' to say.
"""

from __future__ import annotations

from pipeline.article_data import trace_claim
from scenes.strings.claims import claim_fields

__all__ = ["LINES", "lead"]

LINES = {
    "zh": {
        "intuition.article": "文章说：当你读到{w0}时，你的大脑会自动关联到{where}{expect_list}。",
        "self-attention-idea.article": "文章说：{w0}指的是{expect_list}；自注意力让{w0}一步就直接看到{expect_list}。",
        "given": "你期望{w0}关联到{expect_list}。",
        "where.earlier": "前面的",
        "agree": "这个模型的 {total_heads} 个头里，有 {agree} 个也这样做。",
        "agree.all": "这个模型的全部 {total_heads} 个头都这样做。",
        "agree.none": "这个模型的 {total_heads} 个头里，没有一个这样做；下面照实显示它们做了什么。",
        "agree.one": "这个模型的 {total_heads} 个头里，只有 1 个也这样做。",
        "agree.shown": "下面显示其中最强的一个。",
        "agree.one.shown": "下面显示的就是它。",
        "intuition.plain": "当你读到{w0}时，你会回头去找前面和它有关的词：注意力做的就是这件事。",
        "self-attention-idea.plain": "在自注意力里，{w0}一步就能看到句中的每一个词，远近都一样。",
    },
    "en": {
        "intuition.article": "The article says: when you read {w0}, your mind links it back to {where}{expect_list}.",
        "self-attention-idea.article": "The article says: {w0} means {expect_list}; self-attention lets {w0} see "
        "{expect_list} directly, in one step.",
        "given": "You expect {w0} to link to {expect_list}.",
        "where.earlier": "",
        "agree": " {agree} of this model's {total_heads} heads do so too.",
        "agree.all": " All {total_heads} of this model's heads do so.",
        "agree.none": " None of this model's {total_heads} heads does; below is what they do instead.",
        "agree.one": " Just 1 of this model's {total_heads} heads does so too.",
        "agree.shown": " Below is the strongest of them.",
        "agree.one.shown": " It is shown below.",
        "intuition.plain": "When you read {w0}, you look back for the earlier words it relates to: that is what "
        "attention does.",
        "self-attention-idea.plain": "In self-attention, {w0} reaches every word of the sentence in one step, near "
        "or far alike.",
    },
}
_CHAPTERS = ("intuition", "self-attention-idea")


def lead(trace: dict, lang: str) -> str | None:
    """The teaching line that opens a chapter's section in ``lang``, from its claims; None for a chapter without
    one (or a focus word with nothing before it to look back to)."""
    chapter, lines = trace["chapter"], LINES[lang]
    if chapter not in _CHAPTERS:
        return None
    expect, row = trace_claim(trace, "expect"), trace_claim(trace, "focus_row")
    if expect is None:
        first = trace.get("window", {}).get("start", 0) + trace["focus"] == 0  # nothing before it to look back to
        if row is None or (chapter == "intuition" and first):
            return None
        return lines[f"{chapter}.plain"].format(w0=claim_fields(row, lang)["w0"])
    v, fields = expect.values, claim_fields(expect, lang)
    where = lines["where.earlier"] if v["scope"] == "earlier" else ""
    said = lines[f"{chapter}.article" if v["source"] == "article" else "given"].format(**fields, where=where)
    if v["agree"] == 0:
        return said + lines["agree.none"].format(**fields)
    if v["agree"] == v["total_heads"]:
        return said + lines["agree.all"].format(**fields)
    one = ".one" if v["agree"] == 1 else ""
    view = trace_claim(trace, "view")
    shown = lines[f"agree{one}.shown"] if view is not None and view.values.get("rule") == "expect" else ""
    return said + lines[f"agree{one}"].format(**fields) + shown
