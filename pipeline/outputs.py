"""Render one chapter to the requested formats in an output folder: MP4, GIF (from the MP4), PNG poster."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from attention_core import ExplainerError
from pipeline.files import atomic_path
from pipeline.media import frame_at, mp4_to_gif
from pipeline.scene_runner import render_scene
from pipeline.settings import RenderSettings
from scenes import ChapterInput, get_chapter
from scenes.components.theme import FONT, MONO_FONT, THEMES

__all__ = ["ChapterJob", "check_fonts", "render_chapter"]


@dataclass(frozen=True)
class ChapterJob:
    """One chapter to render: which, with what sentence and language, into which files."""

    chapter_id: str
    sentence: str | None
    lang: str
    formats: tuple[str, ...]
    settings: RenderSettings
    out_dir: Path
    gif_width: int = 640
    gif_fps: int = 10


def check_fonts() -> None:
    """Fail with the package to install when the CJK fonts are missing (Chinese would render as boxes)."""
    import manimpango

    fonts = set(manimpango.list_fonts())
    missing = [f for f in (FONT, MONO_FONT) if f not in fonts]
    if missing:
        raise ExplainerError(
            f"font {missing[0]!r} is not installed; install it with: apt-get install fonts-noto-cjk"
        )


def render_chapter(job: ChapterJob) -> list[Path]:
    """Render ``job`` and return the files written (each renamed into place only when complete)."""
    chapter = get_chapter(job.chapter_id)
    trace = chapter.make_trace(job.sentence, None)
    data = ChapterInput(trace, job.lang, THEMES[job.settings.theme])
    work = Path(tempfile.mkdtemp(prefix=f".work-{job.chapter_id}-", dir=job.out_dir))
    written: list[Path] = []
    try:
        result = render_scene(job.chapter_id, data, job.settings, work)
        if not result.movie.exists():
            raise ExplainerError(f"{job.chapter_id}: manim wrote no video")
        for fmt_name in job.formats:
            dst = job.out_dir / f"{job.chapter_id}.{fmt_name}"
            with atomic_path(dst) as tmp:
                if fmt_name == "mp4":
                    shutil.copyfile(result.movie, tmp)
                elif fmt_name == "gif":
                    mp4_to_gif(result.movie, tmp, job.gif_width, job.gif_fps)
                elif fmt_name == "png":
                    frame_at(result.movie, result.poster_time).save(tmp, format="PNG")
                else:
                    raise ExplainerError(f"unknown format {fmt_name!r}")
            written.append(dst)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return written

