"""Bottom caption line: says what is happening, in the chosen language, and logs when it changed."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from manim import DOWN, Scene, VGroup, config

from scenes.kit.layout import caption_bottom, caption_lines, caption_top, safe_rect
from scenes.kit.text import label, wrap
from scenes.kit.theme import Theme
from scenes.kit.transitions import Fade

__all__ = ["Caption"]

MIN_SIZE = 21  # the smallest caption type: lines about 29 px tall at 1080 px, above the check's 28


class Caption:
    """The caption band of one scene; ``log`` keeps (start_seconds, text) for subtitles, and ``tracks`` the same
    captions in every other language (language -> [(start_seconds, text)]), for subtitle tracks of those too."""

    def __init__(self, scene: Scene, theme: Theme, size: float = 26) -> None:
        self.scene = scene
        self.theme = theme
        self.size = size
        self.current = VGroup()
        self.log: list[tuple[float, str]] = []
        self.tracks: dict[str, list[tuple[float, str]]] = {}

    def build(self, text: str) -> VGroup:
        """A caption, wrapped to the frame width, each line centred, pinned to the bottom edge.

        A caption that would need more lines than the band holds (:func:`caption_lines`) is set smaller, down to
        :data:`MIN_SIZE`, so that it stays in its band instead of climbing into the diagram."""
        safe = safe_rect()
        width = min(safe.width, config.frame_width * 0.94)
        size = self.size
        while True:
            columns = max(16, int(width / 0.94 * 5.6 * 26 / size))  # ~0.167 units a column at 26
            rows = [line for line in wrap(text, columns).split("\n") if line.strip()]
            if len(rows) <= caption_lines() or size <= MIN_SIZE:
                break
            size = max(MIN_SIZE, size - 1)
        lines = [label(line, self.theme, size) for line in rows]
        mob = VGroup(*lines).arrange(DOWN, buff=0.12)
        band = caption_top() - caption_bottom()  # tall glyphs on every line can overrun it a little
        if mob.width > width or (len(lines) <= caption_lines() and mob.height > band):
            mob.scale(min(width / mob.width, band / mob.height, 1.0))
        return mob.move_to([(safe.left + safe.right) / 2, caption_bottom() + mob.height / 2, 0])

    def say(self, text: str, run_time: float = 0.5, other: Mapping[str, str] = MappingProxyType({})) -> None:
        """Replace the caption with ``text`` (cross-fade) and record the time it appears, with its translations
        ``other`` (language -> text) at the same time."""
        new = self.build(text)
        anims = [Fade(new)]
        if len(self.current):
            anims.append(Fade(self.current, fade_in=False))
        now = self.scene.renderer.time
        self.log.append((now, text))
        for lang, translated in other.items():
            self.tracks.setdefault(lang, []).append((now, translated))
        self.scene.play(*anims, run_time=run_time)
        self.current = new
