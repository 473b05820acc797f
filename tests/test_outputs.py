"""One real draft render of the intuition chapter (the shortest) in every format, probed with PyAV and Pillow."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from pipeline.media import probe

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("media")
    cmd = [
        sys.executable,
        str(ROOT / "render.py"),
        "render",
        "intuition",
        "--quality",
        "draft",
        *("--format", "mp4", "--format", "gif", "--format", "png"),
        "--out",
        str(out),
    ]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    return out


def test_mp4_is_h264_at_draft_size(rendered):
    info = probe(rendered / "intuition.mp4")
    assert info.codec == "h264"
    assert (info.width, info.height) == (854, 480)
    assert info.fps == pytest.approx(15, rel=1e-3) and info.frames > 15 * 30
    assert 30 <= info.duration <= 100  # 30–90 s a chapter, with a little slack for the closing fade


def test_gif_loops_at_article_size(rendered):
    path = rendered / "intuition.gif"
    info = probe(path)
    assert info.codec == "gif" and info.width == 640 and info.frames > 100
    with Image.open(path) as gif:
        assert gif.info.get("loop") == 0
    mp4 = probe(rendered / "intuition.mp4")
    assert abs(info.duration - mp4.duration) < 1.0


def test_png_is_a_full_size_frame(rendered):
    with Image.open(rendered / "intuition.png") as png:
        assert png.format == "PNG" and png.size == (854, 480)
        assert len(np.unique(np.asarray(png.convert("L")))) > 10  # a real picture, not a blank frame


def test_no_temporary_files_are_left(rendered):
    leftovers = [p.name for p in rendered.iterdir() if p.name.startswith(".") and p.name != ".manifest.lock"]
    assert not leftovers


def test_contact_sheet_has_a_frame_per_caption(rendered):
    from pipeline.sheet import caption_times

    cmd = [sys.executable, str(ROOT / "render.py"), "sheet", str(rendered), "--columns", "5"]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    cues = caption_times((rendered / "intuition.vtt").read_text(encoding="utf-8"))
    assert f"({len(cues)} frames)" in done.stdout
    with Image.open(rendered / "intuition.sheet.png") as sheet:
        tile_w = sheet.width // 5
        rows = -(-len(cues) // 5)
        assert sheet.width == 5 * tile_w and sheet.height == rows * (round(tile_w * 480 / 854) + 64)
