"""Run many chapter jobs: skip the ones whose inputs are unchanged, render the rest on an engine, install each
result into its output folder as it arrives.

``render`` and ``batch`` both make their tasks with :func:`chapter_task` (the one job factory) and run them with
:func:`render_jobs` (stale scratch cleaned, fonts checked, a progress bar, the engine).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass, replace
from pathlib import Path

from attention_core import ChapterSpec
from pipeline.cache import plan
from pipeline.engines import LocalEngine, Outcome, RayEngine, Task, make_engine
from pipeline.files import SCRATCH_ROOT, clean_stale
from pipeline.outputs import ChapterJob, check_fonts, install
from pipeline.settings import RenderSettings
from pipeline.store import fetch, keep

__all__ = ["RenderRequest", "RunReport", "chapter_task", "cpu_count", "render_jobs", "run_tasks", "take_stored"]


@dataclass(frozen=True)
class RenderRequest:
    """What to render a chapter with: the sentence, focus and language, the files and how they look, and where a
    chapter that shows a trained model takes its attention from (``model``, ``head``, ``expect``)."""

    sentence: str | None
    focus: str | None
    lang: str
    formats: tuple[str, ...]
    settings: RenderSettings
    gif_size: int = 640
    gif_fps: int = 10
    model: str | None = None
    head: str | None = None
    expect: tuple[str, ...] = ()


def chapter_task(spec: ChapterSpec, out_dir: Path, request: RenderRequest, key: str | None = None) -> Task:
    """The task that renders chapter ``spec`` into ``out_dir``; the model options reach only the chapters that show
    a model (so the others' inputs, and their cache, do not change with them)."""
    r, takes = request, bool(spec.models)
    job = ChapterJob(
        spec.id,
        r.sentence,
        r.focus,
        r.lang,
        r.formats,
        r.settings,
        out_dir,
        r.gif_size,
        r.gif_fps,
        r.model if takes else None,
        r.head if takes else None,
        tuple(r.expect) if takes else (),
    )
    return Task(key or spec.id, job, spec.number)


@dataclass(frozen=True)
class RunReport:
    """What a run did: chapters rendered (their manifest entries), chapters whose missing files were made from the
    video already there (``made``, no scene run), copied from an earlier render of the same frames in another folder
    (``stored``, :mod:`pipeline.store`), skipped as unchanged, and failed (key, why)."""

    rendered: tuple[dict, ...]
    skipped: tuple[str, ...]
    seconds: float
    failed: tuple[tuple[str, str], ...] = ()
    peak_rss_mb: float = 0.0
    made: tuple[dict, ...] = ()
    stored: tuple[dict, ...] = ()


def cpu_count() -> int:
    """Cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def run_tasks(
    tasks: list[Task], engine: LocalEngine | RayEngine, force: bool, on_done: Callable[[Outcome], None]
) -> RunReport:
    """Render the tasks that need it on ``engine`` (first making, on this machine, the files that only need the
    video already in the folder); ``on_done(outcome)`` reports each one as it finishes."""
    started = time.perf_counter()
    plans = {t.key: plan(t.job, force) for t in tasks}
    to_make = [replace(t, make=plans[t.key].make) for t in tasks if not plans[t.key].render and plans[t.key].make]
    to_render = [t for t in tasks if plans[t.key].render]
    skipped = tuple(t.key for t in tasks if plans[t.key].idle)
    rendered: list[dict] = []
    made: list[dict] = []
    failed: list[tuple[str, str]] = []
    peak = [0.0]

    def finish(outcome: Outcome) -> None:
        if outcome.rendered is not None:
            done = made if outcome.task.make else rendered
            done.append(install(outcome.task.job.out_dir, outcome.rendered))
            if not outcome.task.make:
                keep(outcome.rendered)  # for the same frames wanted in another folder
        else:
            failed.append((outcome.task.key, outcome.error or "failed"))
        peak[0] = max(peak[0], outcome.peak_rss_mb)
        on_done(outcome)

    if to_make:  # the folder's files are here: made in a pool on this machine, whatever the engine
        LocalEngine(getattr(engine, "workers", 1)).run(to_make, finish)
    engine.run(to_render, finish)
    rendered.sort(key=lambda e: e["number"])
    made.sort(key=lambda e: e["number"])
    return RunReport(tuple(rendered), skipped, time.perf_counter() - started, tuple(failed), peak[0], tuple(made))


def render_jobs(
    tasks: list[Task],
    folders: Iterable[Path],
    engine: str,
    workers: int | None,
    address: str | None,
    force: bool,
    progress: Callable[[int], AbstractContextManager[Callable[[Outcome], None]]],
) -> RunReport:
    """What ``render`` and ``batch`` share: stale scratch files cleaned from ``folders`` and the scratch root, the
    fonts checked before anything is drawn, then the tasks that need it rendered on ``engine`` with
    ``progress(n)`` (a context giving the callback each finished render is reported to)."""
    for folder in (*folders, SCRATCH_ROOT):
        clean_stale(folder)
    stored = {} if force else take_stored(tasks)
    plans = [plan(t.job, force) for t in tasks]
    if any(p.render for p in plans):
        check_fonts()  # before any work: Chinese without the CJK font would silently render as boxes
    with progress(sum(not p.idle for p in plans)) as step:
        report = run_tasks(tasks, make_engine(engine, workers or cpu_count(), address), force, step)
    skipped = tuple(key for key in report.skipped if key not in stored)
    return replace(report, skipped=skipped, stored=tuple(stored.values()))


def take_stored(tasks: list[Task]) -> dict[str, dict]:
    """Install into their folders the renders that only exist elsewhere (:mod:`pipeline.store`); key -> manifest
    entry of each. What they lack that a video gives (a GIF of another size) is then made as for any folder."""
    taken = {}
    for task in tasks:
        if plan(task.job).render and (rendered := fetch(task.job, task.number)) is not None:
            taken[task.key] = install(task.job.out_dir, rendered)
    return taken
