"""Render-speed benchmark: one run, eleven figures, one line each, then all of them as JSON.

    .venv/bin/python benchmarks/bench.py [--out DIR]

(a) attention-matrix render time at 16 tokens / at 4 tokens (draft);
(b) all chapters at draft with the default --jobs: seconds of video per wall-clock second, re-rendered (--force,
    texts already built) and the first time (an empty text cache);
(c) wall time of an unchanged re-run of all chapters (the cache), then of `--format gif` (made from the MP4s) and of
    `--format mp4` again (nothing to do);
(d) our GIF against manim's own `--format gif` for one chapter, like for like (same size and frame rate): bytes,
    and each one's PSNR against the MP4 frame by frame;
(e) time to compute a 16-token trace;
(f) time to compute every chapter's data, claims included, for a 32-token sentence (after one warm-up);
(g) a 12-render batch (6 rows × 2 chapters) with --engine local and --engine ray (a local Ray runtime): seconds of
    video per second for each, their ratio, and the peak memory of a worker;
(h) the trained models: load time, forward pass of a 16-word sentence (all layers' attention), peak memory, and
    the real-model chapter's render time at draft;
(i) what a trained model's attention costs beyond its forward pass, for a 32-word sentence (e5-small): every
    head at word level, a mean of layers, rollout, the head rules (sinks, focus link, varied, expect) and the head
    groups; all of it together against the forward pass;
(j) 1080p30 (--quality high) in one process: seconds of video per second per core;
(k) our x264 settings against Manim's default on one chapter's drawn frames: PSNR against them, bytes, CPU.
Plain Python, not a timed test: numbers depend on the machine (this one has 2 cores).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):  # as render.py, before NumPy loads:
    os.environ.setdefault(_var, "1")  # the engines' workers below inherit it

from core_times import claims_time, trace_time, views_time  # noqa: E402
from encode_figure import encode_ratio  # noqa: E402
from gif_figure import gif_ratio  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SENTENCE_4 = "猫 坐在 垫子 上"
SENTENCE_16 = "那只 在 花园里 追逐 蝴蝶 的 小猫 突然 停下 了 脚步 然后 它 坐在 垫子 上"
MODEL_EN_16 = "The little cat in the garden chased a yellow butterfly and then suddenly it stopped near me"


def _cli(*args: str, env: dict | None = None) -> float:
    """Run the CLI; return its wall time in seconds."""
    started = time.perf_counter()
    cmd = [sys.executable, str(ROOT / "render.py"), *args]
    done = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if done.returncode != 0:
        raise SystemExit(f"bench: {' '.join(args)} failed: {done.stderr.strip()}")
    return time.perf_counter() - started


def matrix_ratio(out: Path) -> dict:
    """(a) Both renders with their texts built (a first render into another folder), so that the ratio is the
    drawing's and not how many of either's texts an earlier run happened to build."""
    for n, sentence in ((4, SENTENCE_4), (16, SENTENCE_16)):
        _cli("render", "attention-matrix", "--sentence", sentence, "--out", str(out / f"m{n}-first"), "--force")
    t4 = _cli("render", "attention-matrix", "--sentence", SENTENCE_4, "--out", str(out / "m4"), "--force")
    t16 = _cli("render", "attention-matrix", "--sentence", SENTENCE_16, "--out", str(out / "m16"), "--force")
    return {"matrix_16_over_4": t16 / t4, "matrix_4_s": t4, "matrix_16_s": t16}


def throughput(out: Path) -> dict:
    fresh = {**os.environ, "XDG_CACHE_HOME": str(out / "fresh-cache")}  # no text built yet: as a first render
    cold = _cli("render", "--all", "--out", str(out / "all"), "--force", env=fresh)
    wall = _cli("render", "--all", "--out", str(out / "all"), "--force", env=fresh)  # every text built once before
    manifest = json.loads((out / "all" / "manifest.json").read_text())
    video = sum(e["duration"] for e in manifest["chapters"].values())
    rerun = _cli("render", "--all", "--out", str(out / "all"))
    gif = _cli("render", "--all", "--format", "gif", "--out", str(out / "all"))  # made from the MP4s there
    back = _cli("render", "--all", "--format", "mp4", "--out", str(out / "all"))  # the third run: nothing to do
    return {
        "video_s_per_wall_s": video / wall,
        "video_s_per_wall_s_cold": video / cold,
        "all_wall_s": wall,
        "all_wall_s_cold": cold,
        "all_video_s": video,
        "rerun_s": rerun,
        "switch_to_gif_s": gif,
        "switch_back_s": back,
    }


def high_quality(out: Path) -> dict:
    """(j) 1080p30 in one process (one core): intuition and qkv at --quality high."""
    folder = out / "high"
    wall = _cli("render", "intuition", "qkv", "--quality", "high", "--jobs", "1", "--force", "--out", str(folder))
    manifest = json.loads((folder / "manifest.json").read_text())
    video = sum(e["duration"] for e in manifest["chapters"].values())
    return {"high_video_s_per_s_per_core": video / wall, "high_wall_s": wall, "high_video_s": video}


BATCH_ROWS = [
    {"sentence": "The dog saw the cat and then it ran"},
    {"sentence": "小猫在花园里追蝴蝶，然后它停下"},
    {"sentence": "Don't stop"},
    {"sentence": "我爱吃苹果"},
    {"sentence": "The cat sat on the mat", "aspect": "9:16"},
    {"sentence": "猫 坐在 垫子 上", "aspect": "9:16"},
]


def engines(out: Path) -> dict:
    """The same 12 chapter renders on each engine (both use 2 workers), in one run: throughput and memory."""
    from pipeline.batch import Defaults, parse_rows, row_tasks
    from pipeline.engines import make_engine
    from pipeline.runner import run_tasks
    from scenes import CHAPTERS

    figures = {}
    known = dict(CHAPTERS)
    for name in ("local", "ray"):
        rows, _ = parse_rows(
            [(k, {**r, "chapters": ["intuition", "attention-matrix"]}) for k, r in enumerate(BATCH_ROWS, 1)],
            Defaults(),
            known,
        )
        folder = out / f"batch-{name}"
        folder.mkdir(parents=True, exist_ok=True)
        tasks = [t for row in rows for t in row_tasks(row, folder, known)]
        inside: list[float] = []  # each task's time in its worker (produce), the import of Manim included
        started = time.perf_counter()
        report = run_tasks(tasks, make_engine(name, 2), True, lambda o, seen=inside: seen.append(o.seconds))
        wall = time.perf_counter() - started
        video = sum(e["duration"] for e in report.rendered)
        figures.update(
            {
                f"batch_{name}_wall_s": wall,
                f"batch_{name}_video_s_per_s": video / wall,
                f"batch_{name}_peak_worker_mb": report.peak_rss_mb,
                # what the engine adds per task beyond the work itself, both workers busy: start-up, transfer, waits
                f"batch_{name}_overhead_per_task_s": (2 * wall - sum(inside)) / len(tasks),
            }
        )
    figures["batch_ray_over_local"] = figures["batch_ray_video_s_per_s"] / figures["batch_local_video_s_per_s"]
    return figures


def models(out: Path) -> dict:
    """Each model loaded and run in a fresh process (load, then the mean of 20 forward passes), and the chapter."""
    figures = {}
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss across fork and exec, so it would report this (large) process
    probe = (
        "import time, numpy as np\n"
        "t = time.perf_counter()\n"
        "from attention_core.models.model_attention import _model\n"
        "from attention_core.models.encoder import encode\n"
        "w, tok = _model({m!r}); load = time.perf_counter() - t\n"
        "ids = np.array([p.id for p in tok.pieces({s!r})])\n"
        "encode(w, ids); t = time.perf_counter()\n"
        "for _ in range(20): encode(w, ids)\n"
        "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM')][0].split()[1]\n"
        "print(load, (time.perf_counter() - t) / 20, len(ids), int(hwm) / 1024)"
    )
    for name in ("e5-small", "minilm"):
        code = probe.format(m=name, s=SENTENCE_16.replace(" ", "") if name == "e5-small" else MODEL_EN_16)
        done = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env={**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"},
        )
        load, forward, pieces, rss = (float(v) for v in done.stdout.split())
        figures.update(
            {
                f"{name}_load_s": load,
                f"{name}_forward_ms": forward * 1000,
                f"{name}_pieces": pieces,
                f"{name}_peak_mb": rss,
            }
        )
    wall = _cli("render", "real-model", "--out", str(out / "real"), "--force")
    video = json.loads((out / "real" / "manifest.json").read_text())["chapters"]["real-model"]["duration"]
    figures.update({"real_model_render_s": wall, "real_model_video_s": video})
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="scratch folder (default: a temporary one)")
    args = parser.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="attention-bench-"))
    figures: dict = {}
    figures.update(trace_time())
    print(f"(e) 16-token trace: {figures['trace_16_ms']:.3f} ms (target < 5 ms)", flush=True)
    figures.update(claims_time())
    print(f"(f) every chapter's data and claims, 32 tokens: {figures['all_chapters_32_ms']:.1f} ms", flush=True)
    figures.update(views_time())
    print(
        f"(i) {figures['views_words']:.0f} words, e5-small: forward {figures['views_forward_ms']:.0f} ms; beyond it "
        f"{figures['views_all_ms']:.0f} ms (every head at word level {figures['views_heads_ms']:.0f}, mean "
        f"{figures['views_mean_ms']:.1f}, rollout {figures['views_rollout_ms']:.1f}, rules "
        f"{figures['views_rules_ms']:.0f}, groups {figures['views_groups_ms']:.0f}; target < 500 ms)",
        flush=True,
    )
    figures.update(matrix_ratio(out))
    print(
        f"(a) attention-matrix 16 tokens / 4 tokens: {figures['matrix_16_over_4']:.2f} "
        f"({figures['matrix_16_s']:.1f} s / {figures['matrix_4_s']:.1f} s; target <= 1.5)",
        flush=True,
    )
    figures.update(throughput(out))
    print(
        f"(b) all chapters, draft, --force: {figures['video_s_per_wall_s']:.2f} s of video per second "
        f"({figures['all_video_s']:.0f} s in {figures['all_wall_s']:.1f} s; target >= 12 on the issue's machine); "
        f"the first time, every text built: {figures['video_s_per_wall_s_cold']:.2f} "
        f"({figures['all_wall_s_cold']:.1f} s)",
        flush=True,
    )
    print(
        f"(c) unchanged re-run of all chapters: {figures['rerun_s']:.2f} s; then --format gif (GIFs made from the "
        f"MP4s, no scene run) {figures['switch_to_gif_s']:.1f} s; then --format mp4 again "
        f"{figures['switch_back_s']:.2f} s (target <= 0.3 s)",
        flush=True,
    )
    figures.update(high_quality(out))
    print(
        f"(j) 1080p30, one process: {figures['high_video_s_per_s_per_core']:.2f} s of video per second per core "
        f"({figures['high_video_s']:.0f} s in {figures['high_wall_s']:.1f} s; target >= 2)",
        flush=True,
    )
    figures.update(encode_ratio(out))
    print(
        f"(k) x264 ours / Manim's default, worked-example at draft: PSNR against the drawn frames "
        f"{figures['encode_psnr_ours_db']:.2f} / {figures['encode_psnr_manim_db']:.2f} dB, bytes "
        f"{figures['encode_bytes_ours_over_manim']:.2f}x, CPU {figures['encode_cpu_ours_over_manim']:.2f}x "
        f"({figures['encode_wall_ours_s']:.1f} / {figures['encode_wall_manim_s']:.1f} s)",
        flush=True,
    )
    figures.update(gif_ratio(out))
    print(
        f"(d) GIF like for like ({figures['gif_frames_ours']:.0f} frames ours, a still stretch being one, "
        f"{figures['gif_frames_manim']:.0f} "
        f"manim's, {figures['gif_frames_video']:.0f} in the video; same size and rate): bytes ours / manim's "
        f"{figures['gif_ours_over_manim']:.2f} (target <= 0.5); PSNR against the MP4 frame by frame "
        f"{figures['gif_psnr_ours_db']:.1f} dB ours, {figures['gif_psnr_manim_db']:.1f} dB manim's (target: ours "
        f"+10 dB); the default GIF (640 px, 10 fps) {figures['gif_default_bytes'] / 1e3:.0f} KB",
        flush=True,
    )
    figures.update(models(out))
    print(
        f"(h) models: e5-small load {figures['e5-small_load_s']:.2f} s, forward "
        f"{figures['e5-small_forward_ms']:.0f} ms "
        f"({figures['e5-small_pieces']:.0f} pieces), peak {figures['e5-small_peak_mb']:.0f} MiB; MiniLM load "
        f"{figures['minilm_load_s']:.2f} s, forward {figures['minilm_forward_ms']:.0f} ms, peak "
        f"{figures['minilm_peak_mb']:.0f} MiB; real-model chapter {figures['real_model_video_s']:.0f} s of video "
        f"in {figures['real_model_render_s']:.1f} s",
        flush=True,
    )
    figures.update(engines(out))
    print(
        f"(g) 12-render batch: local {figures['batch_local_video_s_per_s']:.2f}, ray "
        f"{figures['batch_ray_video_s_per_s']:.2f} s of video per second (ray / local "
        f"{figures['batch_ray_over_local']:.2f}, target >= 0.9); overhead per task beyond its work "
        f"{figures['batch_local_overhead_per_task_s']:.2f} s local, {figures['batch_ray_overhead_per_task_s']:.2f} s "
        f"ray; peak worker memory "
        f"{figures['batch_local_peak_worker_mb']:.0f} MiB local, {figures['batch_ray_peak_worker_mb']:.0f} MiB ray",
        flush=True,
    )
    print(json.dumps({k: round(v, 4) for k, v in figures.items()}))


if __name__ == "__main__":
    main()
