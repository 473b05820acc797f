"""Render one chapter scene with Manim into a private work folder; return the MP4 and the caption log."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

from manim import tempconfig

from pipeline import encoder
from scenes import ChapterInput, get_chapter
from scenes.kit import manim_speedups
from scenes.kit.text import share_text_cache
from scenes.kit.theme import THEMES

__all__ = ["SceneResult", "render_scene"]

# x264 at "veryfast", CRF 20, instead of Manim's "medium", CRF 23: as close to the drawn frames or closer (PSNR
# against them: worked-example 480p 38.50 dB against 38.35, attention-matrix 480p 33.80 against 33.57, intuition
# 1080p 42.22 against 42.16), 13-17 % more bytes, about a third less encoding (README, Speed)
X264 = {"preset": "veryfast", "crf": "20"}
TEXT_CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "attention-explainer" / "texts"


@dataclass(frozen=True)
class SceneResult:
    """The rendered MP4 in the work folder, when each caption appeared, and the poster time in seconds; ``tracks``
    holds the same captions, at the same times, in each other language."""

    movie: Path
    captions: tuple[tuple[float, str], ...]
    duration: float
    poster_time: float
    tokens: tuple[str, ...]
    tracks: tuple[tuple[str, tuple[tuple[float, str], ...]], ...] = ()


def render_scene(job, scratch: Path) -> SceneResult:
    """Run the chapter's scene for ``job`` (a ChapterJob) with Manim's Cairo renderer; files land in ``scratch``."""
    chapter = get_chapter(job.chapter_id)
    data = chapter.data(job.sentence, job.focus, job.model, job.head, job.expect)
    share_text_cache(TEXT_CACHE)  # a private text folder per render, seeded from and published to the shared one
    manim_speedups.install()  # paths kept, cheaper family walks and drawing: the same frames
    encoder.install()  # each frame converted for x264 once, however long it is held (the same bytes)
    logging.getLogger("manim").setLevel(logging.WARNING)
    cfg = {
        **job.settings.manim_config(),
        "media_dir": str(scratch),
        "text_dir": str(scratch / "texts"),
        "output_file": job.chapter_id,
        "format": "mp4",
        "write_to_movie": True,
        "save_last_frame": False,
        "disable_caching": True,
        "max_inflight_encoders": 2,  # encode an animation while the next is drawn: formula alone 41.5 s -> 35.2 s
        "video_encoder_options": X264,
        "progress_bar": "none",
        "verbosity": "WARNING",
        "background_color": THEMES[job.settings.theme].background,
    }
    with tempconfig(cfg):
        scene = chapter.scene_class(ChapterInput(data, job.lang, THEMES[job.settings.theme]))
        scene.render()
        movie = Path(scene.renderer.file_writer.movie_file_path)
        duration = scene.renderer.time
    poster = scene.poster_time if scene.poster_time is not None else duration / 2
    tracks = tuple((lang, tuple(log)) for lang, log in scene.caption.tracks.items())
    return SceneResult(movie, tuple(scene.caption.log), duration, poster, data.tokens, tracks)
