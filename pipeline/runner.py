"""Run many chapter jobs: skip the ones whose inputs are unchanged, render the rest on an engine, install each
result into its output folder as it arrives."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass

from pipeline.engines import LocalEngine, Outcome, RayEngine, Task
from pipeline.manifest import is_fresh
from pipeline.outputs import ChapterJob, install

__all__ = ["RunReport", "cpu_count", "needs_render", "run_tasks"]


@dataclass(frozen=True)
class RunReport:
    """What a run did: chapters rendered (their manifest entries), skipped as unchanged, and failed (key, why)."""

    rendered: tuple[dict, ...]
    skipped: tuple[str, ...]
    seconds: float
    failed: tuple[tuple[str, str], ...] = ()
    peak_rss_mb: float = 0.0


def cpu_count() -> int:
    """Cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def needs_render(job: ChapterJob, force: bool) -> bool:
    """True unless the folder already holds this job's files, made from the same inputs."""
    return force or not is_fresh(job.out_dir, job.chapter_id, job.digest())


def run_tasks(
    tasks: list[Task], engine: LocalEngine | RayEngine, force: bool, on_done: Callable[[Outcome], None]
) -> RunReport:
    """Render the tasks that need it on ``engine``; ``on_done(outcome)`` reports each one as it finishes."""
    started = time.perf_counter()
    todo = [t for t in tasks if needs_render(t.job, force)]
    todo_keys = {t.key for t in todo}
    skipped = tuple(t.key for t in tasks if t.key not in todo_keys)
    rendered: list[dict] = []
    failed: list[tuple[str, str]] = []
    peak = [0.0]

    def finish(outcome: Outcome) -> None:
        if outcome.rendered is not None:
            rendered.append(install(outcome.task.job.out_dir, outcome.rendered))
        else:
            failed.append((outcome.task.key, outcome.error or "failed"))
        peak[0] = max(peak[0], outcome.peak_rss_mb)
        on_done(outcome)

    engine.run(todo, finish)
    rendered.sort(key=lambda e: e["number"])
    return RunReport(tuple(rendered), skipped, time.perf_counter() - started, tuple(failed), peak[0])
