"""Shared fixtures: one real 9:16 render used by the platform and browser tests (rendering is the slow part).

The suite runs on two processes (pytest-xdist, ``--dist loadscope`` in pyproject.toml): a module's tests (a class's,
for tests in classes) stay on one process, so a module's built scenes and renders are made once.
"""

from __future__ import annotations

import os

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):  # as render.py: one BLAS thread, set
    os.environ.setdefault(_var, "1")  # before NumPy loads (two spin against xdist's other process on 2 cores)

import subprocess  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PORTRAIT_ARGS = [  # the shortest chapter (44 s of video; the worked example has 94)
    "render",
    "intuition",
    "--aspect",
    "9:16",
    *("--format", "mp4", "--format", "gif", "--format", "png"),
]


@pytest.fixture(scope="session")
def portrait_render(tmp_path_factory) -> Path:
    """intuition rendered at draft quality in 9:16 as MP4, GIF and PNG (with poster, subtitles, manifest)."""
    out = tmp_path_factory.mktemp("portrait")
    cmd = [sys.executable, str(ROOT / "render.py"), *PORTRAIT_ARGS, "--out", str(out)]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr
    return out


# -- spreading the suite over xdist's processes ---------------------------------------------------------------------

# Modules whose tests share nothing built (no module fixture): each test is its own unit of work, not the module's.
INDEPENDENT = ("tests/chapters/test_claims_hold.py::", "tests/chapters/test_views_hold.py::")


@pytest.hookimpl(optionalhook=True)  # without xdist (-p no:xdist) there is no scheduler to make
def pytest_xdist_make_scheduler(config, log):
    from xdist.scheduler import LoadScopeScheduling

    class Scheduler(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return nodeid if nodeid.startswith(INDEPENDENT) else super()._split_scope(nodeid)

    return Scheduler(config, log)
