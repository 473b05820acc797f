"""Where chapter renders run: in this process, a process pool on this machine, or a Ray cluster.

Every engine runs the same function on its workers, :func:`produce`, which renders one chapter in the worker's
own scratch folder and returns an :class:`Outcome` carrying the files as bytes (or a one-line error). Nothing
assumes a disk shared with the driver: the driver installs each outcome into the output folder as it arrives, so
a batch that is killed keeps every chapter finished before.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator, MutableMapping, Sequence
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path

from attention_core import ExplainerError
from pipeline.manifest import code_version
from pipeline.outputs import ChapterJob, Rendered, derive_chapter, produce_chapter

__all__ = ["ENGINES", "LocalEngine", "Outcome", "RayEngine", "Task", "make_engine", "produce"]

ENGINES = ("local", "ray")


@dataclass(frozen=True)
class Task:
    """One chapter to render: ``key`` names it in progress and errors (``"qkv"``, ``"row-3/qkv"``)."""

    key: str
    job: ChapterJob
    number: int
    make: tuple[str, ...] = ()  # only these formats, made from the video already in the folder (no scene run)


@dataclass(frozen=True)
class Outcome:
    """What a worker returns for a task: the rendered chapter, or the one-line reason it failed."""

    task: Task
    rendered: Rendered | None
    error: str | None
    seconds: float
    peak_rss_mb: float = 0.0


def produce(task: Task, code: str) -> Outcome:
    """Render ``task`` on this worker; never raises for a failed render (the error travels in the outcome)."""
    started = time.perf_counter()
    try:
        if task.make:
            rendered, error = derive_chapter(task.job, task.make, task.number), None
        else:
            rendered, error = produce_chapter(task.job, task.number, code), None
    except ExplainerError as exc:
        rendered, error = None, str(exc)
    except Exception as exc:  # noqa: BLE001 - one failing chapter must not take the others down
        first = (str(exc).splitlines() or [""])[0]
        where = traceback.extract_tb(exc.__traceback__)[-1]
        rendered, error = None, f"internal {type(exc).__name__}: {first} ({where.filename}:{where.lineno})"
    return Outcome(task, rendered, error, time.perf_counter() - started, _peak_rss_mb())


def _peak_rss_mb() -> float:
    """Peak resident memory of this worker process so far, in MiB (Linux reports KiB)."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class LocalEngine:
    """``workers`` processes on this machine (forkserver: each starts clean); one worker renders in-process."""

    name = "local"

    def __init__(self, workers: int) -> None:
        self.workers = workers

    def run(self, tasks: Sequence[Task], on_outcome: Callable[[Outcome], None]) -> None:
        """Render every task, calling ``on_outcome`` in this process as each one finishes."""
        code = code_version()
        if self.workers <= 1 or len(tasks) <= 1:
            for task in tasks:
                on_outcome(produce(task, code))
            return
        ctx = multiprocessing.get_context("forkserver")
        with ProcessPoolExecutor(max_workers=min(self.workers, len(tasks)), mp_context=ctx) as pool:
            pending = {pool.submit(produce, task, code) for task in tasks}
            while pending:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    on_outcome(future.result())


class RayEngine:
    """Ray tasks, one CPU each: on the cluster at ``address``, or a local Ray runtime with ``workers`` CPUs.

    Each task carries its whole job (sentence, options, the driver's code version) and returns the files, so
    workers need the project installed (or shipped in a runtime environment) but no disk shared with the driver.
    """

    name = "ray"

    def __init__(self, workers: int, address: str | None = None) -> None:
        self.workers = workers
        self.address = address

    def run(self, tasks: Sequence[Task], on_outcome: Callable[[Outcome], None]) -> None:
        """Render every task on Ray, calling ``on_outcome`` in this process as each one finishes."""
        if self.address:
            present_cluster_token(os.environ)
        ray = _import_ray()
        started_here = not ray.is_initialized()
        if started_here:
            if self.address:  # a cluster's workers are started by its nodes: they get one BLAS thread from Ray
                options = {"address": self.address, "runtime_env": {"env_vars": ONE_BLAS_THREAD}}
            else:  # a runtime started here: its workers inherit this process's environment (see render.py)
                for var, value in ONE_BLAS_THREAD.items():
                    os.environ.setdefault(var, value)
                # (a runtime_env here would make Ray start new workers for the tasks, 1.7-2 s, instead of using the
                # ones it starts with the runtime, ready in 0.04 s)
                options = {"num_cpus": self.workers}
            # Ray's default token authentication stays on; only its notice that it is on is silenced
            logging.getLogger("ray._private.authentication.authentication_token_setup").setLevel(logging.ERROR)
            try:
                with _stderr_kept_unless_failed(said_by_caller=bool(self.address)):
                    ray.init(
                        **options,
                        include_dashboard=False,
                        log_to_driver=False,
                        logging_level="ERROR",
                        configure_logging=False,
                    )
            except Exception as exc:  # noqa: BLE001 - Ray raises ConnectionError, RuntimeError or its own errors
                if not self.address:
                    raise
                first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
                reason = f"cannot join the Ray cluster at {self.address}: {first}"
                raise ExplainerError(f"{reason}. {TOKEN_HELP}") from None
        try:
            remote = ray.remote(num_cpus=1, max_retries=1)(produce)
            code = code_version()
            refs = {remote.remote(task, code): task for task in tasks}
            while refs:
                done, _ = ray.wait(list(refs), num_returns=1)
                task = refs.pop(done[0])
                try:
                    outcome = ray.get(done[0])
                except Exception as exc:  # noqa: BLE001 - a lost worker fails its task, not the batch
                    first = (str(exc).splitlines() or [""])[0]
                    outcome = Outcome(task, None, f"ray: {type(exc).__name__}: {first}", 0.0)
                on_outcome(outcome)
        finally:
            if started_here:
                ray.shutdown()


ONE_BLAS_THREAD = {v: "1" for v in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")}

TOKEN_HELP = (
    "A cluster with token authentication needs its token here: RAY_AUTH_TOKEN, RAY_AUTH_TOKEN_PATH or "
    "~/.ray/auth_token (on the head, `ray get-auth-token` prints it)"
)


def present_cluster_token(env: MutableMapping[str, str]) -> bool:
    """Make this driver present the cluster's token when it joins one, as Ray's own nodes do.

    Ray (2.60) authenticates with a token when the cluster was started with one, but a driver that names an
    address (``ray.init(address=...)``) runs with authentication off unless ``RAY_AUTH_MODE=token`` is set before
    Ray is imported, so the head refuses it ("Missing authorization header"). When a token is at hand (Ray's own
    sources, in its order: ``RAY_AUTH_TOKEN``, ``RAY_AUTH_TOKEN_PATH``, ``~/.ray/auth_token``) and the user set no
    mode, the mode becomes ``token``; authentication is never turned off. Returns whether it was set here.

    >>> env = {"RAY_AUTH_TOKEN": "0" * 64}
    >>> present_cluster_token(env), env["RAY_AUTH_MODE"]
    (True, 'token')
    >>> present_cluster_token({"RAY_AUTH_TOKEN": "x", "RAY_AUTH_MODE": "disabled"})
    False
    """
    if "RAY_AUTH_MODE" in env:
        return False
    home = Path(env.get("HOME") or Path.home())
    if not (env.get("RAY_AUTH_TOKEN") or env.get("RAY_AUTH_TOKEN_PATH") or (home / ".ray" / "auth_token").is_file()):
        return False
    env["RAY_AUTH_MODE"] = "token"
    return True


@contextlib.contextmanager
def _stderr_kept_unless_failed(said_by_caller: bool = True) -> Iterator[None]:
    """Hold what this process writes to stderr (Ray's C++ core writes there directly: a warning a second while a
    cluster refuses it) and pass it on if the block succeeds. If it fails, a caller that says the failure itself
    in one line (``said_by_caller``: joining a cluster) drops it; otherwise it is passed on with the error."""
    sys.stderr.flush()
    saved = os.dup(2)
    failed = False
    with tempfile.TemporaryFile() as held:
        os.dup2(held.fileno(), 2)
        try:
            yield
        except BaseException:
            failed = True
            raise
        finally:
            sys.stderr.flush()
            os.dup2(saved, 2)
            os.close(saved)
            if not (failed and said_by_caller):
                held.seek(0)
                sys.stderr.write(held.read().decode(errors="replace"))


def _import_ray():
    try:
        import ray
    except ImportError:
        raise ExplainerError("Ray is not installed; install it with: pip install -e '.[ray]'") from None
    return ray


def make_engine(name: str, workers: int, address: str | None = None) -> LocalEngine | RayEngine:
    """The engine called ``name`` (one of :data:`ENGINES`).

    >>> make_engine("local", 2).workers
    2
    """
    if name == "ray":
        return RayEngine(workers, address)
    if address:
        raise ExplainerError("--address joins a Ray cluster; use it with --engine ray")
    return LocalEngine(workers)
