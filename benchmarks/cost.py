"""Cost model: seconds of render per chapter and quality, and peak memory per worker, measured on this machine.

    .venv/bin/python benchmarks/cost.py [--qualities draft medium high] [--workers 2] [--out DIR]

Renders every chapter (its own sentence, 16:9, MP4 + GIF + poster) at each quality with the local engine, then
prints one row per chapter (render seconds per quality, video seconds), the peak resident memory of a worker,
and what a batch of ``--sentences`` × every chapter × 2 languages × 2 aspects costs on 1, 8, 64 and 512 workers.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def measure(quality: str, workers: int, out: Path) -> dict:
    from pipeline.engines import LocalEngine, Task
    from pipeline.outputs import ChapterJob
    from pipeline.runner import run_tasks
    from pipeline.settings import RenderSettings
    from scenes import CHAPTERS

    folder = out / quality
    folder.mkdir(parents=True, exist_ok=True)
    settings = RenderSettings(quality=quality)
    tasks = [
        Task(c.id, ChapterJob(c.id, None, None, "zh", ("mp4", "gif"), settings, folder), c.number)
        for c in CHAPTERS.values()
    ]
    seconds: dict[str, float] = {}
    peak = [0.0]

    def done(outcome) -> None:
        seconds[outcome.task.key] = outcome.seconds
        peak[0] = max(peak[0], outcome.peak_rss_mb)

    started = time.perf_counter()
    report = run_tasks(tasks, LocalEngine(workers), True, done)
    video = {e["chapter"]: e["duration"] for e in report.rendered}
    return {"render_s": seconds, "video_s": video, "wall_s": time.perf_counter() - started, "peak_rss_mb": peak[0]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--qualities", nargs="+", default=["draft", "medium", "high"])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--sentences", type=int, default=10_000)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="attention-cost-"))
    results = {q: measure(q, args.workers, out) for q in args.qualities}
    chapters = list(results[args.qualities[0]]["render_s"])
    print("chapter".ljust(22) + "".join(f"{q:>10}" for q in args.qualities) + "   video s")
    for c in chapters:
        row = "".join(f"{results[q]['render_s'][c]:>10.1f}" for q in args.qualities)
        print(c.ljust(22) + row + f"{results[args.qualities[0]]['video_s'][c]:>10.1f}")
    renders = args.sentences * len(chapters) * 2 * 2
    print(
        f"\nA batch of {args.sentences} sentences × {len(chapters)} chapters × 2 languages × 2 aspects = "
        f"{renders:,} chapter renders:"
    )
    for q in args.qualities:
        per = sum(results[q]["render_s"].values()) / len(chapters)
        total_h = renders * per / 3600
        spread = ", ".join(f"{n} workers {total_h / n:,.1f} h" for n in (1, 8, 64, 512))
        print(
            f"  {q:>6}: {per:5.1f} s a chapter render, {total_h:,.0f} worker-hours; {spread}; "
            f"peak memory of a worker {results[q]['peak_rss_mb']:.0f} MiB"
        )
    print(json.dumps(results))


if __name__ == "__main__":
    main()
