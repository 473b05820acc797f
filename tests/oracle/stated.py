"""The captions a chapter states from its claims, in the order its scene states them: the window and the automatic
focus (:func:`window_stated`, :func:`auto_stated`), and for a chapter with a trained model's weights the view, the
expectation and what the other heads favour, or how many heads share the link (:func:`source_stated`). Each
chapter's ``stated(data)`` lists the rest and turns topics into claims (:func:`claims_stated`)."""

from __future__ import annotations

from attention_core import Claim


def window_stated(data) -> list[tuple[str, str, dict]]:
    """The window caption, when the sentence is cut (its claim is made)."""
    return [("window", "window", {})] if data.has_claim("window") else []


def auto_stated(data, key: str = "auto_focus") -> list[tuple[str, str, dict]]:
    """The automatic focus caption (template ``key``), when a focus was chosen (its claim is made)."""
    return [("auto_focus", key, {})] if data.has_claim("auto_focus") else []


def source_stated(data) -> list[tuple[str, str, dict]]:
    """What a chapter with a trained model's weights says about them (ChapterScene.state_source): the view, then
    the expectation and what the other heads favour (when not all agree), or how many heads share the link."""
    if not data.has_claim("view"):
        return []
    out = [("view", "view", {})]
    v = data.claim("view").values
    if v["rule"] == "varied" and v["sinks"] and not v["all_sinks"]:
        out.append(("view", "view.sinks", {"_exact": True}))
    if data.has_claim("expect"):
        v = data.claim("expect").values
        out.append(("expect", "expect", {}))
        if v["agree"] < v["total_heads"]:
            out.append(("expect", "expect.others" if v["instead"] else "expect.others.tied", {"_exact": True}))
    elif data.has_claim("heads"):
        out.append(("heads", "heads.agree", {}))
    return out


def claims_stated(data, out: list[tuple[str, str, dict]]) -> list[tuple[Claim, str, dict]]:
    """(claim, template key, extra fields) for each (topic, key, extra) of ``out``."""
    return [(data.claim(t), k, e) for t, k, e in out]
