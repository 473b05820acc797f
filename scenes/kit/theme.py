"""One theme object for colours and fonts; passed explicitly to every component, never read as a global."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from manim import ManimColor

__all__ = ["FONT", "MONO_FONT", "THEMES", "Theme", "weight_color", "weight_rgb"]

FONT = "Noto Sans CJK SC"
MONO_FONT = "Noto Sans Mono CJK SC"  # tabular figures: numbers line up in columns

# Viridis (matplotlib), sampled at 0, 1/8, ..., 1: sequential, perceptually uniform, colour-blind safe.
_VIRIDIS = (
    np.array(
        [
            [68, 1, 84],
            [71, 44, 122],
            [59, 81, 139],
            [44, 113, 142],
            [33, 144, 141],
            [39, 173, 129],
            [92, 200, 99],
            [170, 220, 50],
            [253, 231, 37],
        ]
    )
    / 255.0
)


def weight_color(w: float) -> ManimColor:
    """Colour of an attention weight ``w`` in [0, 1] on the viridis scale.

    >>> weight_color(0.0).to_hex(), weight_color(1.0).to_hex()
    ('#440154', '#FDE725')
    """
    t = float(np.clip(w, 0.0, 1.0)) * (len(_VIRIDIS) - 1)
    i = min(int(t), len(_VIRIDIS) - 2)
    rgb = _VIRIDIS[i] + (t - i) * (_VIRIDIS[i + 1] - _VIRIDIS[i])
    return ManimColor.from_rgb(tuple(rgb))


def weight_rgb(w: np.ndarray) -> np.ndarray:
    """:func:`weight_color` for a whole array at once, as 0–255 RGB (``w.shape + (3,)``, uint8), for images.

    >>> weight_rgb(np.array([0.0, 1.0])).tolist()
    [[68, 1, 84], [253, 231, 37]]
    """
    t = np.clip(np.asarray(w, dtype=float), 0.0, 1.0) * (len(_VIRIDIS) - 1)
    i = np.minimum(t.astype(int), len(_VIRIDIS) - 2)
    rgb = _VIRIDIS[i] + (t - i)[..., None] * (_VIRIDIS[i + 1] - _VIRIDIS[i])
    return np.round(rgb * 255).astype(np.uint8)


def ink_on(color: ManimColor) -> str:
    """Black or white, whichever reads better on ``color`` (WCAG relative luminance)."""
    r, g, b = color.to_rgb()
    lum = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return "#000000" if lum > 0.45 else "#FFFFFF"


@dataclass(frozen=True)
class Theme:
    """Colours of one look. Q is always blue, K orange, V green, whatever the background."""

    name: str
    background: str
    text: str
    muted: str
    accent: str
    panel: str
    q: str = "#3B82F6"
    k: str = "#F59E0B"
    v: str = "#10B981"


THEMES = {
    "dark": Theme("dark", background="#111827", text="#F3F4F6", muted="#6B7280", accent="#F472B6", panel="#1F2937"),
    "light": Theme("light", background="#FFFFFF", text="#111827", muted="#9CA3AF", accent="#DB2777", panel="#F3F4F6"),
}
