"""Run many chapter jobs: skip the ones whose inputs are unchanged, render the rest in parallel processes."""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Callable
from concurrent.futures import FIRST_EXCEPTION, ProcessPoolExecutor, wait
from dataclasses import dataclass

from pipeline.manifest import is_fresh
from pipeline.outputs import ChapterJob, render_chapter

__all__ = ["RunReport", "cpu_count", "needs_render", "run_jobs"]


@dataclass(frozen=True)
class RunReport:
    """What a run did: chapters rendered (with their manifest entries) and chapters skipped as unchanged."""

    rendered: tuple[dict, ...]
    skipped: tuple[str, ...]
    seconds: float


def cpu_count() -> int:
    """Cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def needs_render(job: ChapterJob, force: bool) -> bool:
    """True unless the folder already holds this job's files, made from the same inputs."""
    return force or not is_fresh(job.out_dir, job.chapter_id, job.digest())


def run_jobs(
    jobs: list[tuple[int, ChapterJob]], n_jobs: int, force: bool, on_done: Callable[[str, float], None]
) -> RunReport:
    """Render ``jobs`` ((chapter number, job) pairs); ``on_done(chapter_id, seconds)`` reports progress."""
    started = time.perf_counter()
    todo = [(n, j) for n, j in jobs if needs_render(j, force)]
    todo_ids = {job.chapter_id for _, job in todo}
    skipped = tuple(job.chapter_id for _, job in jobs if job.chapter_id not in todo_ids)
    rendered: list[dict] = []
    if n_jobs <= 1 or len(todo) <= 1:
        for number, job in todo:
            t0 = time.perf_counter()
            rendered.append(render_chapter(job, number))
            on_done(job.chapter_id, time.perf_counter() - t0)
    else:
        ctx = multiprocessing.get_context("forkserver")
        with ProcessPoolExecutor(max_workers=min(n_jobs, len(todo)), mp_context=ctx) as pool:
            futures = {pool.submit(_timed, job, number): job.chapter_id for number, job in todo}
            pending = set(futures)
            while pending:
                done, pending = wait(pending, return_when=FIRST_EXCEPTION)
                for future in done:
                    entry, seconds = future.result()  # re-raises a worker's error here, with its message
                    rendered.append(entry)
                    on_done(futures[future], seconds)
    rendered.sort(key=lambda e: e["number"])
    return RunReport(tuple(rendered), skipped, time.perf_counter() - started)


def _timed(job: ChapterJob, number: int) -> tuple[dict, float]:
    t0 = time.perf_counter()
    entry = render_chapter(job, number)
    return entry, time.perf_counter() - t0
