"""Figure (k) of bench.py: our x264 settings against Manim's default, on the frames the scene drew.

    .venv/bin/python benchmarks/encode_figure.py CHAPTER QUALITY PRESET CRF   (one side, as JSON)

The chapter is rendered as ``render`` does, once per side, with every 7th frame the scene hands the encoder kept
(one encoder in flight, so frames arrive in video order); each kept frame is compared with the same frame decoded
from the MP4. Reported: PSNR against the drawn frames, bytes, and the render's wall and CPU time.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
EVERY = 7
MANIMS = ("medium", "23")  # Manim's own default for libx264 (its _DEFAULT_OPTIONS: CRF 23, x264's default preset)


def _one_side(chapter: str, quality: str, preset: str, crf: str, scratch: Path) -> dict:
    import av
    import manim
    from manim.scene.video_segment_encoder import VideoSegmentEncoder

    from pipeline import encoder, scene_runner
    from pipeline.outputs import ChapterJob
    from pipeline.settings import RenderSettings

    scene_runner.X264 = {"preset": preset, "crf": crf}  # read by render_scene when it runs
    scene_runner.tempconfig = lambda cfg: manim.tempconfig({**cfg, "max_inflight_encoders": 1})
    drawn: dict[int, np.ndarray] = {}
    seen = [0]
    encoder.install()
    write = VideoSegmentEncoder.write_frame

    def keep(self, pixels, *, repeat=1):
        for k in range(seen[0], seen[0] + repeat):
            if k % EVERY == 0:
                drawn[k] = pixels[..., :3].copy()
        seen[0] += repeat
        return write(self, pixels, repeat=repeat)

    encoder.install = lambda: setattr(VideoSegmentEncoder, "write_frame", keep)
    job = ChapterJob(chapter, None, None, "zh", ("mp4",), RenderSettings(quality=quality), scratch / "out")
    started, cpu = time.perf_counter(), time.process_time()
    movie = scene_runner.render_scene(job, scratch).movie
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    errors = []
    with av.open(str(movie)) as container:
        for k, frame in enumerate(container.decode(video=0)):
            if k in drawn:
                errors.append(np.mean((frame.to_ndarray(format="rgb24").astype(float) - drawn[k]) ** 2))
    assert len(errors) == len(drawn), "the MP4 has fewer frames than were drawn"
    psnr = float(10 * np.log10(255.0**2 / np.mean(errors)))
    return {"psnr_db": psnr, "bytes": movie.stat().st_size, "wall_s": wall, "cpu_s": cpu}


def encode_ratio(out: Path, chapter: str = "worked-example", quality: str = "draft") -> dict:
    """(k) Both sides, each in a fresh process: ours (pipeline.scene_runner.X264) and Manim's default."""
    from pipeline.scene_runner import X264

    sides = {}
    for name, (preset, crf) in (("ours", (X264["preset"], X264["crf"])), ("manim", MANIMS)):
        cmd = [sys.executable, __file__, chapter, quality, preset, crf, str(out / f"encode-{name}")]
        done = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
        if done.returncode != 0:
            raise SystemExit(f"bench: encode figure ({name}) failed: {done.stderr.strip()[-400:]}")
        sides[name] = json.loads(done.stdout.splitlines()[-1])
    ours, manims = sides["ours"], sides["manim"]
    return {
        "encode_psnr_ours_db": ours["psnr_db"],
        "encode_psnr_manim_db": manims["psnr_db"],
        "encode_bytes_ours_over_manim": ours["bytes"] / manims["bytes"],
        "encode_cpu_ours_over_manim": ours["cpu_s"] / manims["cpu_s"],
        "encode_wall_ours_s": ours["wall_s"],
        "encode_wall_manim_s": manims["wall_s"],
    }


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    chapter_id, quality_name, x264_preset, x264_crf, folder = sys.argv[1:6]
    print(json.dumps(_one_side(chapter_id, quality_name, x264_preset, x264_crf, Path(folder))))
