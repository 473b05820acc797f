"""Every caption and title, in Chinese and English, in one place: one module per chapter, merged here.

Narrating captions are plain templates (:func:`text`). A caption that states a fact about the data is made
from a claim (:func:`claim_text`): the template only places the claim's fields, a *variant* of the key is picked
by what the claim says (``.approx`` when spelled-out arithmetic only approximately gives the written result),
and *notes* are appended where honesty needs them (the written numbers of a row add to 0.99). Keys are prefixed
by chapter ("we." = worked-example).
"""

from __future__ import annotations

from attention_core import Claim
from scenes.strings import (
    attention_matrix,
    common,
    formula,
    intuition,
    multi_head,
    qkv,
    real_model,
    rnn_limits,
    self_attention_idea,
    worked_example,
)
from scenes.strings.claims import claim_fields

__all__ = ["LANGS", "STRINGS", "claim_text", "notes", "text", "variant"]

LANGS = ("zh", "en")

_MODULES = (
    common,
    intuition,
    rnn_limits,
    self_attention_idea,
    qkv,
    formula,
    worked_example,
    attention_matrix,
    multi_head,
    real_model,
)
STRINGS: dict[str, dict[str, str]] = {
    "zh": {k: v for m in _MODULES for k, v in m.ZH.items()},
    "en": {k: v for m in _MODULES for k, v in m.EN.items()},
}


def text(lang: str, key: str, **values: object) -> str:
    """The caption ``key`` in ``lang`` with ``values`` filled in.

    >>> text("en", "in.read")
    'Read the sentence word by word, as a reader does'
    """
    return STRINGS[lang][key].format(**values)


def variant(claim: Claim) -> str:
    """The key suffix for what ``claim`` says, when one template cannot say it truthfully in every case.

    >>> variant(Claim("t", "dot_product", values={"relation": "≈"})), variant(Claim("t", "shape"))
    ('.approx', '')
    """
    v = claim.values
    if claim.kind == "auto_focus":
        return f".{v['rule']}"
    if claim.kind == "view":
        return _view_variant(v)
    if claim.kind == "expect":
        if v["agree"] == v["total_heads"]:
            return f".{v['source']}.all"
        return f".{v['source']}" + ("" if v["agree"] else ".none.top" if v["rank"] == 1 else ".none")
    if claim.kind == "heads_agree":
        every = v["agree"] == v["total_heads"]
        return ("" if v["skips_neighbours"] else ".near") + (".all" if every else "" if v["runner"] else ".tied")
    if claim.kind == "self_share":
        return ".special" if v.get("special") else ""
    if claim.kind == "head_pattern":
        return f".{v['pattern']}" + ("" if v.get("skips_neighbours", True) else ".near")
    if claim.kind == "head_group":
        return f".{v['group']}"
    if claim.kind == "layer_trend":
        return ".same" if v["same"] else ""
    if claim.kind == "heads_differ":
        return (".self" if v.get("self") else "") + (".same" if v["head1_w"] == v["head2_w"] else "")
    if claim.kind == "pieces":
        return "" if v["split"] else ".joined" if v["crossing"] else ".whole"
    if claim.kind == "gradient":
        return f".{v['trend']}" + (".above" if v["trend"] == "vanishing" and v["above_one"] else "")
    if claim.kind == "window":
        return f".{v['reason']}"
    if claim.kind == "scale":
        return ".exact" if v["exact_root"] else ""
    if claim.kind == "dot_product":
        return ".approx" if v["relation"] == "≈" else ""
    if claim.kind == "top_share":
        return "" if v["mostly"] else ".most"
    if claim.kind == "saturation":
        return "" if v["one_hot"] and v["spread_out"] else ".soft"
    if claim.kind == "pattern":
        offset = v.get("offset")
        return f".{v['pattern']}" + ("" if not offset else ".before" if offset < 0 else ".after")
    return ""


def _view_variant(v: dict) -> str:
    """``.given.head``, ``.given.mean(.one)``, ``.given.rollout``, ``.focus_link(.near)(.only)``,
    ``.varied(.all_sinks)``, ``.expect(.none)``."""
    rule = v["rule"]
    if rule == "given":
        one = v["view"] == "mean" and v["first_layer"] == v["last_layer"]
        return f".given.{v['view']}" + (".one" if one else "")
    if rule == "focus_link":
        return ".focus_link" + ("" if v["skips_neighbours"] else ".near") + (".only" if v["only"] else "")
    if rule == "varied":
        return ".varied" + (".all_sinks" if v["all_sinks"] else "" if v["kinds"] else ".none")
    return ".expect" + ("" if v["agree"] else ".top" if v["rank"] == 1 else ".none")


def notes(claim: Claim) -> list[str]:
    """Keys of the notes ``claim`` needs after its sentence: rounding that shows, a weight written as 0.00."""
    v, out = claim.values, []
    if v.get("rounded"):
        out.append("note.rounded")
    if v.get("shows_zero"):
        out.append("note.zero")
    if claim.kind == "scale" and v["cells_off"]:
        out.append("note.scale_off")
    if claim.kind == "auto_focus" and v.get("skipped_first"):
        out.append("note.skipped_first")
    if claim.kind == "layer_means" and (v["first_rounded"] or v["last_rounded"]):
        out.append("note.shares_rounded")
    if claim.kind in ("view", "expect") and v.get("level") and v["rank"] > 1:
        out.append("note.level")
    if claim.kind == "head_pattern" and v.get("all_sinks"):
        out.append("note.all_sinks")
    if claim.kind == "view" and v["rule"] == "focus_link" and v["all_sinks"]:
        out.append("note.all_sinks")
    return out


def claim_text(lang: str, key: str, claim: Claim, exact_key: bool = False, **extra: object) -> str:
    """The caption ``key`` + :func:`variant` filled from ``claim``, followed by its :func:`notes`; with ``exact_key``
    the key is used as it is (a second caption made from the same claim), without notes."""
    fields = {**claim_fields(claim, lang), **extra}
    table = STRINGS[lang]
    if exact_key:
        return table[key].format(**fields)
    sentence = table[key + variant(claim)].format(**fields)
    return sentence + "".join(table[n].format(**fields) for n in notes(claim))
