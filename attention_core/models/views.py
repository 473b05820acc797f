"""Which of a model's attention a chapter shows: one head, the mean over the heads of some layers, or attention
rollout; each over the model's pieces, then grouped into words by the rule of :mod:`.model_attention`.

* ``L.H`` (``--head 12.2``): head H of layer L, counted from 1 as on screen;
* ``mean:A-B``: the mean over every head of layers A to B;
* ``rollout``: attention rollout (Abnar & Zuidema 2020) at piece level: each layer's
  Â_l = ½·(mean over its heads) + ½·I, rows renormalised to 1 (the residual connection), and the layers multiplied
  from the first up, R_l = Â_l · R_(l−1), R_1 = Â_1. Row i of R_L says how much of piece i's final representation
  traces back to each input piece.

Every view is a matrix over the pieces whose rows sum to 1, so the word rule (and the special share) applies to it
as to a head; ``trace --json`` keeps every head over the pieces and the membership, so a reader can recompute any
view.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from attention_core.errors import ExplainerError

__all__ = ["VIEW_KINDS", "View", "rollout_layers"]

VIEW_KINDS = ("head", "mean", "rollout")
_HEAD = re.compile(r"^(\d+)\.(\d+)$")
_MEAN = re.compile(r"^mean:(\d+)(?:-(\d+))?$")


@dataclass(frozen=True)
class View:
    """One way of reading a model's heads. ``layer``/``head`` (0-based) for a head, ``first``..``last`` (0-based,
    inclusive) for a mean; a rollout runs through every layer.

    >>> View.parse("12.2"), View.parse("mean:9-12").label, View.parse("rollout").label
    (View(kind='head', layer=11, head=1, first=0, last=0), 'mean:9-12', 'rollout')
    """

    kind: str
    layer: int = 0
    head: int = 0
    first: int = 0
    last: int = 0

    @classmethod
    def parse(cls, text: str) -> View:
        """``"L.H"``, ``"mean:A-B"`` (or ``"mean:A"``) or ``"rollout"``; a one-line error for anything else.

        >>> View.parse("mean:3")
        View(kind='mean', layer=0, head=0, first=2, last=2)
        >>> try:
        ...     View.parse("12")
        ... except ExplainerError as exc:
        ...     print(exc)
        --head '12': use L.H (layer and head from 1, e.g. 12.2), mean:A-B or rollout
        """
        spec = text.strip().lower()
        if spec == "rollout":
            return cls("rollout")
        if m := _HEAD.match(spec):
            return cls("head", layer=int(m[1]) - 1, head=int(m[2]) - 1)
        if m := _MEAN.match(spec):
            first = int(m[1])
            last = int(m[2]) if m[2] else first
            return cls("mean", first=first - 1, last=last - 1)
        raise ExplainerError(f"--head {text!r}: use L.H (layer and head from 1, e.g. 12.2), mean:A-B or rollout")

    @classmethod
    def of_head(cls, layer: int, head: int) -> View:
        """Head ``head`` of layer ``layer`` (0-based)."""
        return cls("head", layer=int(layer), head=int(head))

    def check(self, layers: int, heads: int, model: str) -> View:
        """This view, or a one-line error when it does not exist in a model of ``layers`` × ``heads``."""
        if self.kind == "head":
            if not 0 <= self.layer < layers:
                raise ExplainerError(f"--head {self.label}: {model} has layers 1 to {layers}")
            if not 0 <= self.head < heads:
                raise ExplainerError(f"--head {self.label}: {model} has heads 1 to {heads} in each layer")
        elif self.kind == "mean":
            if self.first > self.last:
                raise ExplainerError(f"--head {self.label}: the first layer comes after the last")
            if not (0 <= self.first and self.last < layers):
                raise ExplainerError(f"--head {self.label}: {model} has layers 1 to {layers}")
        return self

    @property
    def label(self) -> str:
        """As the user writes it: ``"12.2"``, ``"mean:9-12"``, ``"rollout"``."""
        if self.kind == "head":
            return f"{self.layer + 1}.{self.head + 1}"
        if self.kind == "mean":
            last = "" if self.last == self.first else f"-{self.last + 1}"
            return f"mean:{self.first + 1}{last}"
        return "rollout"

    def pieces(self, tokens: np.ndarray) -> np.ndarray:
        """This view over the pieces, ``(n_pieces, n_pieces)``, from every head ``tokens (L, H, p, p)``."""
        if self.kind == "head":
            return tokens[self.layer, self.head]
        if self.kind == "mean":
            return tokens[self.first : self.last + 1].mean(axis=(0, 1))
        return rollout_layers(tokens)[-1]

    def to_dict(self) -> dict:
        """Plain values, 1-based as on screen: ``{"kind": "head", "layer": 12, "head": 2, "label": "12.2"}``."""
        out: dict = {"kind": self.kind, "label": self.label}
        if self.kind == "head":
            out.update(layer=self.layer + 1, head=self.head + 1)
        elif self.kind == "mean":
            out.update(first_layer=self.first + 1, last_layer=self.last + 1)
        return out


def rollout_layers(tokens: np.ndarray) -> np.ndarray:
    """``(L, p, p)``: attention rollout through the first 1, 2, …, L layers of ``tokens (L, H, p, p)``.

    >>> a = np.array([[[[0.5, 0.5], [0.0, 1.0]]], [[[1.0, 0.0], [0.5, 0.5]]]])  # 2 layers, 1 head, 2 pieces
    >>> rollout_layers(a)[-1].round(4).tolist()  # (½·A2 + ½·I)(½·A1 + ½·I)
    [[0.75, 0.25], [0.1875, 0.8125]]
    """
    p = tokens.shape[-1]
    out = np.empty((tokens.shape[0], p, p))
    rolled = np.eye(p)
    for layer, heads in enumerate(tokens):
        a = 0.5 * heads.mean(axis=0) + 0.5 * np.eye(p)  # (p, p): the residual connection as an identity
        a = a / a.sum(axis=-1, keepdims=True)
        rolled = a @ rolled
        out[layer] = rolled
    return out
