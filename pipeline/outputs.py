"""Render one chapter: MP4, GIF (made from the MP4), PNG, poster, subtitles, trace; then install it in a folder.

Rendering (:func:`produce_chapter`) happens in a private scratch folder wherever the worker runs and returns the
files as bytes; installing (:func:`install`) writes them into the output folder, each renamed into place when
complete, and records them in the manifest. A local render does both in one process.
"""

from __future__ import annotations

import shutil
from dataclasses import asdict, dataclass
from pathlib import Path

from attention_core import ExplainerError
from attention_core.json_text import json_text
from pipeline.files import atomic_path, scratch_dir
from pipeline.manifest import code_version, inputs_hash, record_chapter
from pipeline.settings import RenderSettings
from pipeline.subtitles import cues, to_srt, to_vtt

__all__ = [
    "ChapterJob",
    "Rendered",
    "check_fonts",
    "derive_chapter",
    "install",
    "missing_fonts",
    "produce_chapter",
    "render_chapter",
]

VIDEO_FORMATS = ("mp4", "gif")
EXTRAS = ("poster", "srt", "vtt")  # beside any video: its poster frame and its subtitles


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
    model: str | None = None  # where chapters 1, 3, 7 and real-model take attention from (None: their default)
    head: str | None = None  # --head: which of the model's attention they show (None: chosen by a rule)
    expect: tuple[str, ...] = ()  # --expect: the words the focus word should look at

    def digest(self) -> str:
        """Hash of every input that shapes the frames, code included: the cache key of the chapter's video. Which
        files are made of it (``formats``) and a GIF's size and rate are each file's own (:meth:`file_key`)."""
        fields = {k: v for k, v in asdict(self).items() if k not in ("out_dir", "formats", "gif_size", "gif_fps")}
        return inputs_hash(**fields, code=code_version())

    def file_key(self, fmt: str) -> dict:
        """What a file of format ``fmt`` depends on beyond the frames (recorded with it in the manifest)."""
        return {"size": self.gif_size, "fps": self.gif_fps} if fmt == "gif" else {}


def missing_fonts() -> list[str]:
    """The project's fonts (CJK sans and its monospaced sibling) that Pango cannot find."""
    import manimpango

    from scenes.kit.theme import FONT, MONO_FONT

    fonts = set(manimpango.list_fonts())
    return [f for f in (FONT, MONO_FONT) if f not in fonts]


def check_fonts() -> None:
    """Fail with the package to install when the CJK fonts are missing (Chinese would render as boxes)."""
    missing = missing_fonts()
    if missing:
        raise ExplainerError(f"font {missing[0]!r} is not installed; install it with: apt-get install fonts-noto-cjk")


@dataclass(frozen=True)
class Rendered:
    """A chapter rendered away from its output folder: its manifest entry and every file, as bytes.

    This is what a worker returns (in this process, a local pool or a Ray cluster): nothing it made depends on a
    disk the driver shares; :func:`install` puts it into the output folder.
    """

    chapter_id: str
    entry: dict
    files: tuple[tuple[str, bytes], ...]


def produce_chapter(job: ChapterJob, number: int = 0, code: str | None = None) -> Rendered:
    """Render ``job`` in a private scratch folder of this machine and return the files it made.

    ``code`` is the driver's :func:`code_version`: a worker running other code refuses the job rather than draw
    frames the cache would attribute to the driver's code.
    """
    from pipeline.scene_runner import render_scene  # manim is imported only when something must be drawn

    if code is not None and code != code_version():
        raise ExplainerError(f"this worker runs code {code_version()}, the driver {code}; deploy the same code")
    with scratch_dir(job.chapter_id) as scratch:
        result = render_scene(job, scratch)
        if not result.movie.exists():
            raise ExplainerError(f"{job.chapter_id}: manim wrote no video")
        out = scratch / "out"
        out.mkdir()
        items = [{**_make(job, fmt, result, out), **job.file_key(fmt)} for fmt in job.formats]
        if any(f in VIDEO_FORMATS for f in job.formats):
            items += _extras(job, result, out)
        items.append(_trace(job, out))
        files = tuple((item["path"], (out / item["path"]).read_bytes()) for item in items)
    entry = {
        "chapter": job.chapter_id,
        "number": number,
        "inputs_hash": job.digest(),
        "sentence": job.sentence,
        "tokens": list(result.tokens),
        "focus": job.focus,
        "lang": job.lang,
        "quality": job.settings.quality,
        "aspect": job.settings.aspect,
        "theme": job.settings.theme,
        "duration": round(result.duration, 3),
        "files": items,
    }
    return Rendered(job.chapter_id, entry, files)


def install(out_dir: Path, rendered: Rendered) -> dict:
    """Write a rendered chapter's files into ``out_dir`` (each renamed into place when complete), then record
    it in the manifest (with the files still current from before: :func:`pipeline.manifest.record_chapter`).
    Returns its manifest entry."""
    for name, data in rendered.files:
        with atomic_path(out_dir / name) as tmp:
            tmp.write_bytes(data)
    return record_chapter(out_dir, rendered.chapter_id, rendered.entry)


def derive_chapter(job: ChapterJob, formats: tuple[str, ...], number: int = 0) -> Rendered:
    """Make ``formats`` of a chapter whose current video is already in ``job.out_dir``, without running its scene:
    a GIF from the MP4, a PNG from the poster (the same frame). See :func:`pipeline.cache.plan`."""
    from pipeline.media import mp4_to_gif

    src = job.out_dir
    with scratch_dir(job.chapter_id) as scratch:
        items = []
        for fmt in formats:
            dst = scratch / f"{job.chapter_id}.{fmt}"
            if fmt == "gif":
                mp4_to_gif(src / f"{job.chapter_id}.mp4", dst, job.gif_size, job.gif_fps)
            elif fmt == "png":
                shutil.copyfile(src / f"{job.chapter_id}.poster.png", dst)
            else:
                raise ExplainerError(f"{job.chapter_id}: {fmt} cannot be made without rendering")
            items.append({**_describe(dst, fmt), **job.file_key(fmt)})
        files = tuple((item["path"], (scratch / item["path"]).read_bytes()) for item in items)
    entry = {"chapter": job.chapter_id, "number": number, "inputs_hash": job.digest(), "files": items}
    return Rendered(job.chapter_id, entry, files)


def render_chapter(job: ChapterJob, number: int = 0) -> dict:
    """Render ``job`` here and install it into ``job.out_dir``; returns its manifest entry."""
    return install(job.out_dir, produce_chapter(job, number))


def _make(job: ChapterJob, fmt: str, result, out: Path) -> dict:
    from pipeline.media import frame_at, mp4_to_gif  # PyAV is imported only when a file is made

    dst = out / f"{job.chapter_id}.{fmt}"
    if fmt == "mp4":
        shutil.copyfile(result.movie, dst)
    elif fmt == "gif":
        mp4_to_gif(result.movie, dst, job.gif_size, job.gif_fps)
    elif fmt == "png":
        frame_at(result.movie, result.poster_time).save(dst, format="PNG")
    else:
        raise ExplainerError(f"unknown format {fmt!r}; use mp4, gif or png")
    return _describe(dst, fmt)


def _extras(job: ChapterJob, result, out: Path) -> list[dict]:
    """The poster frame and the captions as SRT and WebVTT subtitles: ``<id>.srt`` and ``<id>.vtt`` in the
    caption language, ``<id>.<lang>.srt`` and ``<id>.<lang>.vtt`` in each other one (same cue times)."""
    from pipeline.media import frame_at

    poster = out / f"{job.chapter_id}.poster.png"
    frame_at(result.movie, result.poster_time).save(poster, format="PNG")
    written = [_describe(poster, "poster")]
    for lang, log in ((job.lang, result.captions), *result.tracks):
        items = cues(log, result.duration)
        stem = job.chapter_id if lang == job.lang else f"{job.chapter_id}.{lang}"
        for fmt, render in (("srt", to_srt), ("vtt", to_vtt)):
            dst = out / f"{stem}.{fmt}"
            dst.write_text(render(items), encoding="utf-8")
            written.append({**_describe(dst, fmt), "lang": lang})
    return written


def _trace(job: ChapterJob, out: Path) -> dict:
    """``<chapter>.trace.json``: every number and claim the video shows (what ``trace --chapter`` prints)."""
    from scenes import get_chapter

    dst = out / f"{job.chapter_id}.trace.json"
    data = get_chapter(job.chapter_id).data(job.sentence, job.focus, job.model, job.head, job.expect)
    dst.write_text(json_text({"chapter": job.chapter_id, **data.to_dict()}), encoding="utf-8")
    return _describe(dst, "trace")


def _describe(path: Path, fmt: str) -> dict:
    from pipeline.media import probe

    item = {"path": path.name, "format": fmt, "bytes": path.stat().st_size}
    if fmt in VIDEO_FORMATS:
        info = probe(path)
        item.update(duration=round(info.duration, 3), width=info.width, height=info.height, frames=info.frames)
    elif fmt in ("png", "poster"):
        from PIL import Image

        with Image.open(path) as img:
            item.update(width=img.width, height=img.height)
    return item
