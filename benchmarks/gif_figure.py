"""Figure (d) of bench.py: our GIF against ``manim --format gif`` for one chapter, like for like."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
GIF_CHAPTER = "worked-example"


def _cli(*args: str) -> None:
    done = subprocess.run([sys.executable, str(ROOT / "render.py"), *args], capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"bench: {' '.join(args)} failed: {done.stderr.strip()}")


def _psnr(a: np.ndarray, b: np.ndarray) -> float:
    mse = float(np.mean((a.astype(float) - b.astype(float)) ** 2))
    return 99.0 if mse == 0 else 10 * np.log10(255.0**2 / mse)


def _frames_every(mp4: Path, every: int) -> dict[int, np.ndarray]:
    """Every ``every``-th frame of the MP4, by frame index."""
    import av

    with av.open(str(mp4)) as container:
        return {k: f.to_ndarray(format="rgb24") for k, f in enumerate(container.decode(video=0)) if k % every == 0}


def _aligned_psnr(gif: Path, reference: dict[int, np.ndarray], fps: int, by_time: bool) -> tuple[float, int]:
    """Mean PSNR of what the GIF shows for each reference frame k of the MP4 against that frame, and the GIF's frame
    count. ``by_time``: the GIF frame on screen in the middle of video frame k, by the GIF's own delays (ours
    merges a still stretch into one frame); otherwise GIF frame k (manim's holds one frame per video frame, and
    its delays are rounded: 70 ms for 15 fps, so its clock drifts)."""
    from PIL import Image

    values = []
    with Image.open(gif) as img:
        start, wanted = 0.0, sorted(reference)
        for j in range(img.n_frames):
            img.seek(j)  # composited: the still pixels a frame leaves transparent show the frames before
            end = start + img.info.get("duration", 0) / 1000
            while wanted and ((start <= (wanted[0] + 0.5) / fps < end) if by_time else wanted[0] == j):
                values.append(_psnr(np.asarray(img.convert("RGB")), reference[wanted.pop(0)]))
            start = end
        return float(np.mean(values)), img.n_frames


def gif_ratio(out: Path) -> dict:
    """Our GIF against ``manim --format gif``, like for like: both at manim's size and rate (the draft video's, 854
    × 480 at 15 fps), each frame compared with the MP4 frame it stands for."""
    from manim import tempconfig

    from pipeline.media import mp4_to_gif, probe
    from pipeline.settings import RenderSettings
    from scenes import ChapterInput, get_chapter
    from scenes.kit.theme import THEMES

    ours_dir = out / "gif"
    _cli("render", GIF_CHAPTER, "--format", "mp4", "--format", "gif", "--out", str(ours_dir), "--force")
    chapter = get_chapter(GIF_CHAPTER)
    settings = RenderSettings()
    cfg = {
        **settings.manim_config(),
        "media_dir": str(out / "manim"),
        "format": "gif",
        "output_file": GIF_CHAPTER,
        "disable_caching": True,
        "progress_bar": "none",
        "verbosity": "ERROR",
        "background_color": THEMES["dark"].background,  # as render_scene draws it
    }
    with tempconfig(cfg):
        scene = chapter.scene_class(ChapterInput(chapter.data(None, None), "zh", THEMES["dark"]))
        scene.render()
        manim_gif = Path(scene.renderer.file_writer.gif_file_path)
    mp4, default_gif = ours_dir / f"{GIF_CHAPTER}.mp4", ours_dir / f"{GIF_CHAPTER}.gif"
    info = probe(mp4)
    ours = out / "gif" / "like-manim.gif"
    mp4_to_gif(mp4, ours, size=max(info.width, info.height), fps=settings.fps)
    reference = _frames_every(mp4, 10)
    psnr_ours, n_ours = _aligned_psnr(ours, reference, settings.fps, by_time=True)
    psnr_manim, n_manim = _aligned_psnr(manim_gif, reference, settings.fps, by_time=False)
    return {
        "gif_ours_over_manim": ours.stat().st_size / manim_gif.stat().st_size,
        "gif_ours_bytes": ours.stat().st_size,
        "gif_manim_bytes": manim_gif.stat().st_size,
        "gif_psnr_ours_db": psnr_ours,
        "gif_psnr_manim_db": psnr_manim,
        "gif_frames_ours": n_ours,
        "gif_frames_manim": n_manim,
        "gif_frames_video": info.frames,
        "gif_default_bytes": default_gif.stat().st_size,  # what `--format gif` writes: 640 px at 10 fps
    }
