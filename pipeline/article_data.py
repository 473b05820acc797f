"""What the article page shows beside the videos, read from the ``<chapter>.trace.json`` each render wrote beside
them (so the page shows the numbers the video showed, rounded as the video rounds them): the worked example's
tables and spelled-out dot products, the weights of the interactive heatmaps, and where the weights came from.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from attention_core.claims.display import fmt, shown

__all__ = ["Heatmap", "Table", "dot_products", "heatmap", "read_trace", "source_line", "trace_claim", "worked_tables"]

HEATMAP_CHAPTERS = ("attention-matrix", "real-model")


@dataclass(frozen=True)
class Table:
    """One matrix as a table: its name, row and column labels, and its cells as written in the video."""

    name: str
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    cells: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Heatmap:
    """The weights of a heatmap for the page's script: ``heads`` are (label, weights, special, outside), each
    weight in units of 10^-decimals (the video's rounding) so the JSON stays small; ``start`` is the head shown
    first."""

    words: tuple[str, ...]
    decimals: int
    heads: tuple[dict, ...]
    columns: int = 1  # heads per layer: the gallery's columns
    start: int = 0

    def to_dict(self) -> dict:
        return {
            "words": list(self.words),
            "decimals": self.decimals,
            "heads": list(self.heads),
            "columns": self.columns,
            "start": self.start,
        }


def read_trace(out_dir: Path, chapter_id: str) -> dict | None:
    """The trace JSON a render wrote for ``chapter_id`` in ``out_dir``, or None."""
    path = out_dir / f"{chapter_id}.trace.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def _table(name: str, matrix: list, rows: list[str], columns: list[str], decimals: int) -> Table:
    cells = tuple(tuple(fmt(v, decimals) for v in row) for row in matrix)
    return Table(name, tuple(rows), tuple(columns), cells)


def worked_tables(trace: dict, in_decimals: int, decimals: int) -> list[Table]:
    """The worked example's matrices, from X to the output, as the video writes them (X and the W matrices with
    ``in_decimals``, everything computed from them with ``decimals``)."""
    tr = trace["trace"]
    words = list(tr["tokens"])
    d = [f"d{k + 1}" for k in range(len(tr["X"][0]))]
    d_k = [f"d{k + 1}" for k in range(len(tr["Q"][0]))]
    tables = [_table("X", tr["X"], words, d, in_decimals)]
    tables += [_table(f"W_{m.upper()}", tr[f"W_{m}"], d, d_k, in_decimals) for m in "qkv"]
    tables += [_table(m, tr[m], words, d_k, decimals) for m in "QKV"]
    tables += [
        _table("QKᵀ", tr["scores"], words, words, decimals),
        _table(f"QKᵀ/√{tr['d_k']}", tr["scaled_scores"], words, words, decimals),
        _table("softmax", tr["weights"], words, words, decimals),
        _table("output", tr["output"], words, d_k, decimals),
    ]
    return tables


_ENTRY = {"first_entry:Q": "Q[1,1]", "first_entry:scores": "QKᵀ[1,1]", "first_entry:output": "output[1,1]"}


def dot_products(trace: dict) -> list[tuple[str, str]]:
    """Each dot product the video spells out: (which entry, its expression as the video writes it)."""
    return [(_ENTRY.get(c["topic"], c["topic"]), c["values"]["expression"]) for c in _claims(trace, "dot_product")]


def trace_claim(trace: dict, topic: str):
    """The claim ``topic`` of a trace read from JSON, as a :class:`attention_core.Claim` (None if it has none)."""
    from attention_core import Claim

    c = next((c for c in trace.get("claims", []) if c["topic"] == topic), None)
    return None if c is None else Claim(c["topic"], c["kind"], tuple(c["words"]), c["values"], c["evidence"])


def _claims(trace: dict, kind: str) -> list[dict]:
    return [c for c in trace.get("claims", []) if c["kind"] == kind]


def _units(values, decimals: int) -> list:
    """Weights in units of 10^-decimals, rounded as the video rounds them (nested lists kept)."""
    if isinstance(values, list):
        return [_units(v, decimals) for v in values]
    return int(shown(values, decimals).scaleb(decimals))


def _head(label: str, weights: list[list[float]], special: list[float], decimals: int) -> dict:
    """One head's rows: weights, the share that went to special tokens, and the rest (words outside the window)."""
    outside = [max(0.0, 1.0 - sum(row) - s) for row, s in zip(weights, special, strict=True)]
    return {
        "label": label,
        "w": _units(weights, decimals),
        "special": _units(special, decimals),
        "outside": _units(outside, decimals),
    }


def heatmap(trace: dict, decimals: int) -> Heatmap | None:
    """The heatmap of a chapter's trace: attention-matrix's matrix (the view the video shows), or every head of
    real-model's model over the words the video shows; None for other chapters."""
    if trace["chapter"] == "attention-matrix":
        a = trace["attention"]
        view = next((c["values"] for c in _claims(trace, "view")), None)
        label = str(view["label"]) if view else "lexicon"
        return Heatmap(tuple(a["tokens"]), decimals, (_head(label, a["weights"], a["special"], decimals),))
    if trace["chapter"] == "real-model":
        m, window = trace["model"], trace["window"]
        a, b = window["start"], window["stop"]
        heads = []
        for layer, per_head in enumerate(m["word_attention"]):
            for head, rows in enumerate(per_head):
                weights = [row[a:b] for row in rows[a:b]]
                heads.append(_head(f"{layer + 1}.{head + 1}", weights, m["word_special"][layer][head][a:b], decimals))
        columns = len(m["word_attention"][0])
        # the head asked for (--head L.H), else the head on the video's poster
        asked, poster = trace_claim(trace, "chosen:view"), trace_claim(trace, "head:focus_link")
        head = asked if asked is not None and asked.values["view"] == "head" else poster
        start = (head.values["layer"] - 1) * columns + head.values["head"] - 1 if head is not None else 0
        return Heatmap(tuple(m["words"][a:b]), decimals, tuple(heads), columns=columns, start=start)
    return None


def source_line(trace: dict, lang: str) -> str | None:
    """Where a chapter's word attention came from, as the video's title line says it, then the rule that chose the
    view, as the video's caption says it; None for a chapter without word attention."""
    from scenes.strings import claim_text, source_text

    stop = "。" if lang == "zh" else ". "
    views = _claims(trace, "view")
    if views:
        claim = trace_claim(trace, views[0]["topic"])
        return f"{source_text(lang, claim.values)}{stop}{claim_text(lang, 'view', claim)}"
    if trace.get("attention", {}).get("source", {}).get("model") == "lexicon":
        return source_text(lang, None)
    gallery, link = trace_claim(trace, "gallery"), trace_claim(trace, "head:focus_link")
    if gallery is not None and link is not None:  # real-model: the model and the head its poster shows
        view = {"view": "head", **gallery.values, "layer": link.values["layer"], "head": link.values["head"]}
        return f"{source_text(lang, view)}{stop}{claim_text(lang, 'rm.head', link)}"
    return None
