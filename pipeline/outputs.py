"""Render one chapter into an output folder: MP4, GIF (made from the MP4), PNG, poster, subtitles, manifest."""

from __future__ import annotations

import shutil
from dataclasses import asdict, dataclass
from pathlib import Path

from attention_core import ExplainerError
from pipeline.files import atomic_path, work_dir
from pipeline.manifest import code_version, inputs_hash, record_chapter
from pipeline.media import frame_at, mp4_to_gif, probe
from pipeline.settings import RenderSettings
from pipeline.subtitles import cues, to_srt, to_vtt

__all__ = ["ChapterJob", "check_fonts", "missing_fonts", "render_chapter"]

VIDEO_FORMATS = ("mp4", "gif")


@dataclass(frozen=True)
class ChapterJob:
    """One chapter to render: which, with what sentence, focus and language, into which files."""

    chapter_id: str
    sentence: str | None
    focus: str | None
    lang: str
    formats: tuple[str, ...]
    settings: RenderSettings
    out_dir: Path
    gif_size: int = 640
    gif_fps: int = 10

    def digest(self) -> str:
        """Hash of every input that shapes the files, code included."""
        fields = {k: v for k, v in asdict(self).items() if k != "out_dir"}
        return inputs_hash(**fields, code=code_version())


def missing_fonts() -> list[str]:
    """The project's fonts (CJK sans and its monospaced sibling) that Pango cannot find."""
    import manimpango

    from scenes.components.theme import FONT, MONO_FONT

    fonts = set(manimpango.list_fonts())
    return [f for f in (FONT, MONO_FONT) if f not in fonts]


def check_fonts() -> None:
    """Fail with the package to install when the CJK fonts are missing (Chinese would render as boxes)."""
    missing = missing_fonts()
    if missing:
        raise ExplainerError(f"font {missing[0]!r} is not installed; install it with: apt-get install fonts-noto-cjk")


def render_chapter(job: ChapterJob, number: int = 0) -> dict:
    """Render ``job``; every file is renamed into place only when complete. Returns its manifest entry."""
    from pipeline.scene_runner import render_scene  # manim is imported only when something must be drawn

    scratch = work_dir(job.out_dir, job.chapter_id)
    try:
        result = render_scene(job, scratch)
        if not result.movie.exists():
            raise ExplainerError(f"{job.chapter_id}: manim wrote no video")
        files = [_write(job, fmt, result) for fmt in job.formats]
        if any(f in VIDEO_FORMATS for f in job.formats):
            files += _write_extras(job, result)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    entry = {
        "chapter": job.chapter_id, "number": number, "inputs_hash": job.digest(), "sentence": job.sentence,
        "tokens": list(result.tokens), "focus": job.focus, "lang": job.lang, "quality": job.settings.quality,
        "aspect": job.settings.aspect, "theme": job.settings.theme, "duration": round(result.duration, 3),
        "files": files,
    }  # fmt: skip
    record_chapter(job.out_dir, job.chapter_id, entry)
    return entry


def _write(job: ChapterJob, fmt: str, result) -> dict:
    dst = job.out_dir / f"{job.chapter_id}.{fmt}"
    with atomic_path(dst) as tmp:
        if fmt == "mp4":
            shutil.copyfile(result.movie, tmp)
        elif fmt == "gif":
            mp4_to_gif(result.movie, tmp, job.gif_size, job.gif_fps)
        elif fmt == "png":
            frame_at(result.movie, result.poster_time).save(tmp, format="PNG")
        else:
            raise ExplainerError(f"unknown format {fmt!r}; use mp4, gif or png")
    return _describe(dst, fmt)


def _write_extras(job: ChapterJob, result) -> list[dict]:
    """The poster frame and the captions as SRT and WebVTT subtitles."""
    poster = job.out_dir / f"{job.chapter_id}.poster.png"
    with atomic_path(poster) as tmp:
        frame_at(result.movie, result.poster_time).save(tmp, format="PNG")
    items = cues(result.captions, result.duration)
    written = [_describe(poster, "poster")]
    for fmt, render in (("srt", to_srt), ("vtt", to_vtt)):
        dst = job.out_dir / f"{job.chapter_id}.{fmt}"
        with atomic_path(dst) as tmp:
            tmp.write_text(render(items), encoding="utf-8")
        written.append(_describe(dst, fmt))
    return written


def _describe(path: Path, fmt: str) -> dict:
    item = {"path": path.name, "format": fmt, "bytes": path.stat().st_size}
    if fmt in VIDEO_FORMATS:
        info = probe(path)
        item.update(duration=round(info.duration, 3), width=info.width, height=info.height, frames=info.frames)
    elif fmt in ("png", "poster"):
        from PIL import Image

        with Image.open(path) as img:
            item.update(width=img.width, height=img.height)
    return item
