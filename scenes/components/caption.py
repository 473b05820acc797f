"""Bottom caption line: says what is happening, in the chosen language, and logs when it changed."""

from __future__ import annotations

from manim import DOWN, Scene, VGroup, config

from scenes.components.layout import caption_bottom, safe_rect
from scenes.components.text import label, wrap
from scenes.components.theme import Theme
from scenes.components.transitions import Fade

__all__ = ["Caption"]


class Caption:
    """The caption band of one scene; ``log`` keeps (start_seconds, text) for subtitles."""

    def __init__(self, scene: Scene, theme: Theme, size: float = 26) -> None:
        self.scene = scene
        self.theme = theme
        self.size = size
        self.current = VGroup()
        self.log: list[tuple[float, str]] = []

    def build(self, text: str) -> VGroup:
        """A caption, wrapped to the frame width, each line centred, pinned to the bottom edge."""
        safe = safe_rect()
        width = min(safe.width, config.frame_width * 0.94)
        columns = max(16, int(width / 0.94 * 5.6 * 26 / self.size))  # ~0.167 units a column at 26
        lines = [label(line, self.theme, self.size) for line in wrap(text, columns).split("\n") if line.strip()]
        mob = VGroup(*lines).arrange(DOWN, buff=0.12)
        if mob.width > width:
            mob.scale_to_fit_width(width)
        return mob.move_to([(safe.left + safe.right) / 2, caption_bottom() + mob.height / 2, 0])

    def say(self, text: str, run_time: float = 0.5) -> None:
        """Replace the caption with ``text`` (cross-fade) and record the time it appears."""
        new = self.build(text)
        anims = [Fade(new)]
        if len(self.current):
            anims.append(Fade(self.current, fade_in=False))
        self.log.append((self.scene.renderer.time, text))
        self.scene.play(*anims, run_time=run_time)
        self.current = new
