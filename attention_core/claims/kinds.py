"""The kind table: for every kind of claim, the values it carries, the wording variant its values pick, the notes they
need and the field maker its captions are written with. One table, no if-chain on kind strings.

A caption template is chosen as ``key + variant`` (``.approx`` when spelled-out arithmetic only approximately gives
the written result) and followed by its notes (the written numbers of a row add to 0.99). ``fields`` are the values
every claim of the kind carries (a test checks them over every chapter); ``wording`` names the field maker of
``scenes.strings.claims`` that writes its words in a language (None: the values as they are).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["KINDS", "Kind", "notes", "variant"]


def _plain(v: dict) -> str:
    return ""


def _no_notes(v: dict) -> tuple[str, ...]:
    return ()


@dataclass(frozen=True)
class Kind:
    """What a claim of one kind states (see the module docstring)."""

    fields: frozenset[str] = frozenset()
    variant: Callable[[dict], str] = _plain
    notes: Callable[[dict], tuple[str, ...]] = _no_notes
    wording: str | None = None


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


def _view_notes(v: dict) -> tuple[str, ...]:
    level = ("note.level",) if v.get("level") and v["rank"] > 1 else ()
    sinks = ("note.all_sinks",) if v["rule"] == "focus_link" and v["all_sinks"] else ()
    return level + sinks


def _expect_variant(v: dict) -> str:
    if v["agree"] == v["total_heads"]:
        return f".{v['source']}.all"
    return f".{v['source']}" + ("" if v["agree"] else ".none.top" if v["rank"] == 1 else ".none")


def _heads_agree_variant(v: dict) -> str:
    every = v["agree"] == v["total_heads"]
    return ("" if v["skips_neighbours"] else ".near") + (".all" if every else "" if v["runner"] else ".tied")


def _pattern_variant(v: dict) -> str:
    offset = v.get("offset")
    return f".{v['pattern']}" + ("" if not offset else ".before" if offset < 0 else ".after")


def _gradient_variant(v: dict) -> str:
    return f".{v['trend']}" + (".above" if v["trend"] == "vanishing" and v["above_one"] else "")


def _heads_differ_variant(v: dict) -> str:
    return (".self" if v.get("self") else "") + (".same" if v["head1_w"] == v["head2_w"] else "")


def _pieces_variant(v: dict) -> str:
    return "" if v["split"] else ".joined" if v["crossing"] else ".whole"


def _reading(name: str) -> Kind:
    return Kind(FIELDS[name], wording="reading")


FIELDS: dict[str, frozenset[str]] = {
    "auto_focus": frozenset({"causal", "marks", "position", "rule", "skipped_first"}),
    "dot_product": frozenset({"elided", "expression", "from_shown", "relation", "result", "terms"}),
    "even": frozenset({"count", "high", "low", "named_at", "query", "query_at", "special"}),
    "expect": frozenset(
        {
            "agree",
            "ahead",
            "ahead_w",
            "expect",
            "head",
            "instead",
            "instead_heads",
            "layer",
            "level",
            "rank",
            "reads_to_focus",
            "scope",
            "source",
            "tied_heads",
            "total_heads",
            "w",
            "word_at",
        }
    ),
    "fast_forward": frozenset({"skipped_first", "skipped_last", "stepped", "total"}),
    "gallery": frozenset({"heads", "layers", "model", "quantized", "special_mean", "special_names", "total"}),
    "gradient": frozenset({"above_one", "norm", "scale", "steps", "trend"}),
    "head_group": frozenset(
        {"count", "even_top", "group", "head", "layer", "row_share", "special", "total", "word_at"}
    ),
    "head_groups": frozenset({"counts", "even_top", "n", "row_share", "special", "total", "word_at"}),
    "head_pattern": frozenset(
        {"all_sinks", "head", "key", "keys", "layer", "pattern", "skips_neighbours", "tie", "w", "word_at"}
    ),
    "head_split": frozenset({"cols", "d_head", "heads"}),
    "heads_agree": frozenset(
        {
            "agree",
            "runner",
            "runner_head",
            "runner_layer",
            "runner_w",
            "runner_word",
            "skips_neighbours",
            "total_heads",
            "view",
            "word",
            "word_at",
        }
    ),
    "heads_differ": frozenset({"head1_w", "head2_w", "key", "self", "word_at"}),
    "input_row": frozenset({"x1"}),
    "layer_means": frozenset(
        {
            "first_far",
            "first_near",
            "first_rounded",
            "first_self",
            "first_shown_sum",
            "first_special",
            "last_far",
            "last_near",
            "last_rounded",
            "last_self",
            "last_shown_sum",
            "last_special",
            "layers",
        }
    ),
    "layer_trend": frozenset(
        {"early", "early_at", "early_w", "focus_at", "late", "late_at", "late_w", "layers", "same", "third"}
    ),
    "mask": frozenset({"cells", "first_w", "head", "masked", "n"}),
    "matches": frozenset({"matches"}),
    "matrix_size": frozenset({"n"}),
    "path_steps": frozenset({"steps"}),
    "pattern": frozenset({"named_at", "pattern", "query", "query_at", "reading", "special"}),
    "pieces": frozenset(
        {
            "crossing",
            "crossing_words",
            "empty",
            "empty_text",
            "model",
            "pieces",
            "specials",
            "split",
            "split_pieces",
            "words",
        }
    ),
    "positive": frozenset({"min", "min_shown", "positive", "shows_zero"}),
    "retention_family": frozenset({"article", "article_scale", "at", "points"}),
    "rnn_steps": frozenset({"n"}),
    "rollout": frozenset({"focus_at", "layers", "self", "special", "top", "top_at", "top_w"}),
    "row_sum": frozenset({"rounded", "shown_high", "shown_low", "sum"}),
    "saturation": frozenset({"d", "one_hot", "spread_out", "sqrt", "top_score", "w_scaled", "w_unscaled"}),
    "scale": frozenset({"cells", "cells_off", "d_k", "divisor", "exact_root"}),
    "self": frozenset({"n_others", "named_at", "next", "others", "query", "query_at", "special", "w", "w_next"}),
    "self_share": frozenset({"count", "rounded", "shown_sum", "special", "special_names", "w", "words_total"}),
    "shape": frozenset({"n"}),
    "softmax_row": frozenset(
        {"i", "min", "min_shown", "positive", "rounded", "shown_high", "shown_low", "shows_zero", "sum"}
    ),
    "spread": frozenset({"d_big", "ratios", "s_big", "samples", "scaled"}),
    "strongest": frozenset({"key", "named_at", "offset", "query", "query_at", "special", "w"}),
    "tie": frozenset({"keys", "named_at", "query", "query_at", "self_included", "special", "w"}),
    "top_share": frozenset({"from", "mostly", "r", "topic"}),
    "view": frozenset(
        {
            "first_layer",
            "head",
            "heads",
            "label",
            "last_layer",
            "layer",
            "layers",
            "model",
            "quantized",
            "reads_to_focus",
            "rule",
            "total_heads",
            "view",
            "word_at",
        }
    ),
    "window": frozenset({"first", "last", "reason", "total"}),
}

KINDS: dict[str, Kind] = {
    **{k: Kind(FIELDS[k]) for k in FIELDS},
    **{k: _reading(k) for k in ("strongest", "tie", "self", "even")},
    "pattern": Kind(FIELDS["pattern"], _pattern_variant, wording="pattern"),
    "auto_focus": Kind(
        FIELDS["auto_focus"],
        lambda v: f".{v['rule']}",
        lambda v: ("note.skipped_first",) if v.get("skipped_first") else (),
        wording="marks",
    ),
    "view": Kind(FIELDS["view"], _view_variant, _view_notes, wording="view"),
    "expect": Kind(
        FIELDS["expect"],
        _expect_variant,
        lambda v: ("note.level",) if v.get("level") and v["rank"] > 1 else (),
        wording="view",
    ),
    "heads_agree": Kind(FIELDS["heads_agree"], _heads_agree_variant),
    "self_share": Kind(FIELDS["self_share"], lambda v: ".special" if v.get("special") else ""),
    "head_pattern": Kind(
        FIELDS["head_pattern"],
        lambda v: f".{v['pattern']}" + ("" if v.get("skips_neighbours", True) else ".near"),
        lambda v: ("note.all_sinks",) if v.get("all_sinks") else (),
        wording="model",
    ),
    "head_group": Kind(FIELDS["head_group"], lambda v: f".{v['group']}", wording="model"),
    "head_groups": Kind(FIELDS["head_groups"], wording="model"),
    "rollout": Kind(FIELDS["rollout"], wording="model"),
    "pieces": Kind(FIELDS["pieces"], _pieces_variant, wording="model"),
    "layer_trend": Kind(FIELDS["layer_trend"], lambda v: ".same" if v["same"] else "", wording="trend"),
    "layer_means": Kind(
        FIELDS["layer_means"],
        notes=lambda v: ("note.shares_rounded",) if v["first_rounded"] or v["last_rounded"] else (),
    ),
    "heads_differ": Kind(FIELDS["heads_differ"], _heads_differ_variant),
    "head_split": Kind(FIELDS["head_split"], wording="split"),
    "gradient": Kind(FIELDS["gradient"], _gradient_variant),
    "window": Kind(FIELDS["window"], lambda v: f".{v['reason']}"),
    "scale": Kind(
        FIELDS["scale"],
        lambda v: ".exact" if v["exact_root"] else "",
        lambda v: ("note.scale_off",) if v["cells_off"] else (),
    ),
    "dot_product": Kind(FIELDS["dot_product"], lambda v: ".approx" if v["relation"] == "≈" else ""),
    "top_share": Kind(FIELDS["top_share"], lambda v: "" if v["mostly"] else ".most"),
    "saturation": Kind(FIELDS["saturation"], lambda v: "" if v["one_hot"] and v["spread_out"] else ".soft"),
}


def variant(kind: str, values: dict) -> str:
    """The key suffix for what a claim of ``kind`` with ``values`` says, when one template cannot say it truthfully
    in every case.

    >>> variant("dot_product", {"relation": "≈"}), variant("shape", {"n": 2})
    ('.approx', '')
    """
    return KINDS[kind].variant(values)


def notes(kind: str, values: dict) -> list[str]:
    """Keys of the notes a claim needs after its sentence: rounding that shows, a weight written as 0.00, and the
    notes of its kind.

    >>> notes("scale", {"cells_off": 3, "exact_root": False}), notes("row_sum", {"rounded": True})
    (['note.scale_off'], ['note.rounded'])
    """
    common = [key for key, flag in (("note.rounded", "rounded"), ("note.zero", "shows_zero")) if values.get(flag)]
    return common + list(KINDS[kind].notes(values))
