"""Article- and platform-ready output: a real 9:16 render with GIF, poster, subtitles, manifest and cache."""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from markupsafe import escape
from PIL import Image

from pipeline.batch import Defaults, parse_rows, row_tasks
from pipeline.manifest import read_manifest
from pipeline.media import probe
from render import cli
from scenes import CHAPTERS
from tests.conftest import PORTRAIT_ARGS

ROOT = Path(__file__).resolve().parent.parent
ARGS = PORTRAIT_ARGS


def _render(out: Path, *extra: str) -> subprocess.CompletedProcess:
    cmd = [sys.executable, str(ROOT / "render.py"), *ARGS, "--out", str(out), *extra]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=900)


@pytest.fixture
def rendered(portrait_render) -> Path:
    return portrait_render


def test_portrait_video_is_1080_by_1920_scaled_to_draft(rendered):
    info = probe(rendered / "intuition.mp4")
    assert info.codec == "h264" and (info.width, info.height) == (480, 854)


def test_switching_formats_runs_no_scene_again(rendered, tmp_path, monkeypatch):
    """The folder as `render --format mp4` leaves it, then `--format gif`, `--format mp4` and `--format mp4
    --format gif --format png`: no scene runs; the GIF is made from the MP4 and the PNG from the poster, the same
    bytes a render makes, and the manifest lists exactly the files in the folder."""
    from pipeline import scene_runner

    folder = tmp_path / "out"
    shutil.copytree(rendered, folder)
    made = {name: (folder / name).read_bytes() for name in ("intuition.gif", "intuition.png")}
    for name in made:
        (folder / name).unlink()  # what --format mp4 alone leaves
    monkeypatch.setattr(scene_runner, "render_scene", lambda *a: pytest.fail("a scene ran"))
    base = ["render", "intuition", "--aspect", "9:16", "--out", str(folder), "--jobs", "1"]
    said = []
    for formats in (["gif"], ["mp4"], ["mp4", "gif", "png"]):
        result = CliRunner().invoke(cli, [*base, *[a for f in formats for a in ("--format", f)]])
        assert result.exit_code == 0, result.output
        said.append(result.stderr)
    assert "made from the videos already there, not rendered again: intuition" in said[0]
    assert "unchanged, not rendered again: intuition" in said[1]
    assert "made from the videos already there" in said[2]  # the PNG
    assert {name: (folder / name).read_bytes() for name in made} == made
    files = read_manifest(folder)["chapters"]["intuition"]["files"]
    on_disk = {p.name for p in folder.iterdir() if p.name.startswith("intuition")}
    assert sorted(i["path"] for i in files) == sorted(on_disk)
    assert all((folder / i["path"]).stat().st_size == i["bytes"] for i in files)
    assert next(i for i in files if i["format"] == "gif").items() >= {"size": 640, "fps": 10}.items()


def test_a_render_in_one_folder_serves_render_and_batch_in_others(rendered, tmp_path, monkeypatch):
    """`render` into one folder, then `render` and `batch` of the same chapter and sentence into others: no scene
    runs, the files are the first render's bytes, and each manifest lists exactly its folder's files."""
    from pipeline import scene_runner, store
    from pipeline.outputs import Rendered

    monkeypatch.setattr(store, "STORE", tmp_path / "store")
    entry = read_manifest(rendered)["chapters"]["intuition"]
    files = tuple((i["path"], (rendered / i["path"]).read_bytes()) for i in entry["files"])
    store.keep(Rendered("intuition", entry, files))
    monkeypatch.setattr(scene_runner, "render_scene", lambda *a: pytest.fail("a scene ran"))
    other = tmp_path / "other"
    result = CliRunner().invoke(cli, [*ARGS[:2], "--aspect", "9:16", "--format", "mp4", "--out", str(other)])
    assert result.exit_code == 0, result.output
    assert "copied from an earlier render of the same frames, not rendered again: intuition" in result.stderr
    on_disk = {p.name for p in other.iterdir() if p.name.startswith("intuition")}
    assert {i["path"] for i in read_manifest(other)["chapters"]["intuition"]["files"]} == on_disk
    assert "intuition.mp4" in on_disk and "intuition.gif" not in on_disk
    assert all((other / name).read_bytes() == (rendered / name).read_bytes() for name in on_disk)
    row = {"id": "r", "sentence": "小猫 停下 了", "chapters": "intuition", "aspect": "9:16", "formats": "mp4 gif"}
    (parsed,), _ = parse_rows([(1, row)], Defaults(), dict(CHAPTERS))
    (tmp_path / "batch").mkdir()
    (task,) = row_tasks(parsed, tmp_path / "batch", dict(CHAPTERS))
    store.keep(Rendered("intuition", {**entry, "inputs_hash": task.job.digest()}, files))  # as if drawn
    rows = tmp_path / "rows.jsonl"
    rows.write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["batch", str(rows), "--out", str(tmp_path / "batch")])
    assert result.exit_code == 0, result.output
    assert "0 chapters rendered, 0 unchanged, 0 made from their videos, 1 copied from earlier" in result.stderr
    assert (tmp_path / "batch" / "r" / "intuition.gif").read_bytes() == (rendered / "intuition.gif").read_bytes()


def test_probe_counts_and_frame_at_finds_what_a_full_decode_does(rendered):
    """probe counts packets and frame_at seeks to the keyframe before: both against decoding every frame."""
    import av

    from pipeline.media import frame_at

    for name in ("intuition.mp4", "intuition.gif"):
        with av.open(str(rendered / name)) as container:
            decoded = [(f.time, f.to_ndarray(format="rgb24")) for f in container.decode(video=0)]
        info = probe(rendered / name)
        assert info.frames == len(decoded)
        for seconds in (0.0, 0.05, info.duration / 3, info.duration / 2, info.duration - 0.05, info.duration + 9):
            shown = next((a for t, a in decoded if t >= seconds), decoded[-1][1])
            assert np.array_equal(np.asarray(frame_at(rendered / name, seconds).convert("RGB")), shown), seconds


def test_gif_is_sized_for_articles_and_loops(rendered):
    gif = probe(rendered / "intuition.gif")
    assert max(gif.width, gif.height) == 640 and gif.height > gif.width
    with Image.open(rendered / "intuition.gif") as img:
        assert img.info["loop"] == 0
    assert abs(gif.duration - probe(rendered / "intuition.mp4").duration) < 0.5


def test_gif_frames_look_like_the_video_at_their_times(rendered):
    """Each GIF frame against the video's frame shown at the same time, scaled down by Pillow (a scaler of its
    own): what a reader sees in the article is the video, up to the palette and the scaling."""
    import av

    with av.open(str(rendered / "intuition.mp4")) as container:
        video = [(float(f.time), f.to_image()) for f in container.decode(video=0)]
    psnr, t = [], 0.0
    with Image.open(rendered / "intuition.gif") as gif:
        for k in range(gif.n_frames):
            gif.seek(k)
            if k % 10 == 0:
                shown = np.asarray(gif.convert("RGB"), dtype=np.float64)
                frame = min(video, key=lambda tf: abs(tf[0] - t))[1].resize(gif.size, Image.Resampling.LANCZOS)
                mse = ((np.asarray(frame, dtype=np.float64) - shown) ** 2).mean()
                psnr.append(10 * np.log10(255**2 / max(mse, 1e-9)))
            t += gif.info["duration"] / 1000
    assert np.mean(psnr) >= 30 and min(psnr) >= 25, psnr


def test_poster_and_png_are_frames_of_the_video(rendered):
    for name in ("intuition.poster.png", "intuition.png"):
        with Image.open(rendered / name) as img:
            assert img.size == (480, 854)


def _cues(text: str, sep: str) -> list[tuple[str, str, str]]:
    pattern = rf"(\d\d:\d\d:\d\d{sep}\d\d\d) --> (\d\d:\d\d:\d\d{sep}\d\d\d)\n(.+?)\n(?:\n|$)"
    return re.findall(pattern, text, flags=re.S)


def test_subtitles_follow_the_captions(rendered):
    srt = _cues((rendered / "intuition.srt").read_text(encoding="utf-8"), ",")
    vtt_text = (rendered / "intuition.vtt").read_text(encoding="utf-8")
    assert vtt_text.startswith("WEBVTT\n")
    vtt = _cues(vtt_text, r"\.")
    assert len(srt) == len(vtt) >= 10
    assert [c[2] for c in srt] == [html.unescape(c[2]) for c in vtt]  # WebVTT escapes "<s>" as "&lt;s&gt;"
    starts = [c[0] for c in srt]
    assert starts == sorted(starts) and all(a < b for a, b, _ in srt)
    assert srt[0][2] == "像读者一样，一个词一个词往下读" and "「停下」" in srt[1][2]


def test_manifest_lists_every_file_with_its_facts(rendered):
    data = json.loads((rendered / "manifest.json").read_text(encoding="utf-8"))
    entry = data["chapters"]["intuition"]
    assert entry["lang"] == "zh" and entry["aspect"] == "9:16"
    assert entry["tokens"] == "那 只 在 花园里 追逐 蝴蝶 的 小猫 突然 停下 了 脚步".split()
    assert re.fullmatch(r"[0-9a-f]{16}", entry["inputs_hash"])
    formats = {f["format"] for f in entry["files"]}
    assert formats == {"mp4", "gif", "png", "poster", "srt", "vtt", "trace"}
    for item in entry["files"]:
        assert (rendered / item["path"]).stat().st_size == item["bytes"]
        if item["format"] in ("mp4", "gif"):
            assert item["duration"] > 30 and item["frames"] > 0


def test_unchanged_rerun_does_not_render(rendered):
    before = {p.name: p.stat().st_mtime_ns for p in rendered.iterdir()}
    started = time.perf_counter()
    done = _render(rendered)
    elapsed = time.perf_counter() - started
    assert done.returncode == 0 and "unchanged, not rendered again: intuition" in done.stderr
    cmd = [sys.executable, "-X", "importtime", str(ROOT / "render.py"), *ARGS, "--out", str(rendered)]
    imported = subprocess.run(cmd, capture_output=True, text=True, timeout=60).stderr
    heavy = re.findall(r"\| +(numpy|jieba|manim)$", imported, re.M)
    assert not heavy, f"a run with nothing to render imported {sorted(set(heavy))}"  # (0.48 s -> 0.23 s)
    assert elapsed < 3.0, f"a cached re-run took {elapsed:.2f} s"
    after = {p.name: p.stat().st_mtime_ns for p in rendered.iterdir()}
    assert {k: v for k, v in after.items() if not k.startswith(".")} == {
        k: v for k, v in before.items() if not k.startswith(".")
    }


def test_embed_prints_html_and_markdown(rendered, tmp_path):
    result = CliRunner().invoke(cli, ["embed", str(rendered)])
    assert result.exit_code == 0, result.output
    assert '<video autoplay loop muted playsinline poster="intuition.poster.png"' in result.output
    assert '<source src="intuition.mp4" type="video/mp4">' in result.output
    assert "![intuition](intuition.gif)" in result.output
    page = tmp_path / "page.html"
    result = CliRunner().invoke(cli, ["embed", str(rendered), "--html", str(page)])
    assert result.exit_code == 0
    html = page.read_text(encoding="utf-8")
    assert html.count("<video") == 1
    for name in ("intuition.mp4", "intuition.gif", "intuition.poster.png"):
        assert os.path.relpath(rendered / name, tmp_path) in html  # relative to the page


def test_embed_without_renders_is_one_clear_line(tmp_path):
    result = CliRunner().invoke(cli, ["embed", str(tmp_path)])
    assert result.exit_code == 2 and "no rendered chapters" in result.stderr


def test_doctor_reports_every_check(tmp_path):
    result = CliRunner().invoke(cli, ["doctor", "--out", str(tmp_path / "media")])
    assert result.exit_code == 0, result.output
    for name in ("CJK fonts", "Pango/Cairo", "PyAV/H.264", "output folder"):
        assert f"ok   {name}" in result.output
    blocked = tmp_path / "file"
    blocked.write_text("x")
    result = CliRunner().invoke(cli, ["doctor", "--out", str(blocked)])
    assert result.exit_code == 2 and "FAIL output folder" in result.output


def test_article_reuses_the_render_and_writes_the_page_and_the_markdown(rendered, tmp_path):
    folder = tmp_path / "article"
    shutil.copytree(rendered, folder)  # the fixture's folder stays as the other tests expect it
    formats = ["--format", "mp4", "--format", "gif", "--format", "png"]
    result = CliRunner().invoke(
        cli, ["article", "--chapter", "intuition", "--aspect", "9:16", *formats, "--out", str(folder)]
    )
    assert result.exit_code == 0, result.output
    assert "unchanged, not rendered again: intuition" in result.stderr  # render's cache: nothing new rendered
    page = (folder / "index.html").read_text(encoding="utf-8")
    md = (folder / "article.md").read_text(encoding="utf-8")
    first = re.split(r"\n\d+:\d+:\d+,\d+ --> .*\n", (folder / "intuition.srt").read_text(encoding="utf-8"))[1]
    first = first.split("\n\n")[0].strip()
    assert str(escape(first)) in page and '<html lang="zh">' in page  # escaped as Jinja2 escapes
    assert "![intuition](<intuition.gif>)" in md and "<video" not in md


def test_the_captions_come_in_both_languages_at_the_same_times(rendered):
    """The video's captions (zh) and the second track (en) hold one cue each for every caption, at the same times."""
    stamps = re.compile(r"^[\d:.]+ --> [\d:.]+$", re.M)
    zh = (rendered / "intuition.vtt").read_text(encoding="utf-8")
    en = (rendered / "intuition.en.vtt").read_text(encoding="utf-8")
    assert stamps.findall(zh) == stamps.findall(en) and len(stamps.findall(en)) >= 5
    assert "Read the sentence word by word" in en and "Read the sentence" not in zh
    files = json.loads((rendered / "manifest.json").read_text(encoding="utf-8"))["chapters"]["intuition"]["files"]
    assert {(f["path"], f.get("lang")) for f in files if f["format"] == "vtt"} == {
        ("intuition.vtt", "zh"),
        ("intuition.en.vtt", "en"),
    }
