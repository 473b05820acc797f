"""Shared fixtures: one real 9:16 render used by the platform and browser tests (rendering is the slow part).

The suite runs on two processes (pytest-xdist, ``--dist loadgroup`` in pyproject.toml): each module's tests stay
together, so a module's built scenes and renders are made once, and the tests sharing :func:`portrait_render`
share a process; only the layout check's independent builds are spread over both.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PORTRAIT_ARGS = [
    "render",
    "worked-example",
    "--aspect",
    "9:16",
    "--format",
    "mp4",
    "--format",
    "gif",
    "--format",
    "png",
]


SPREAD = {"tests.scenes.test_layout"}  # modules whose tests share nothing: spread over the processes


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items) -> None:
    """Group every test with its module (or with the shared render), before xdist reads the groups."""
    for item in items:
        module = getattr(item.module, "__name__", "") if hasattr(item, "module") and item.module else ""
        if module in SPREAD:
            continue
        group = "portrait-render" if "portrait_render" in getattr(item, "fixturenames", ()) else module or item.nodeid
        item.add_marker(pytest.mark.xdist_group(group))


@pytest.fixture(scope="session")
def portrait_render(tmp_path_factory) -> Path:
    """worked-example rendered at draft quality in 9:16 as MP4, GIF and PNG (with poster, subtitles, manifest)."""
    out = tmp_path_factory.mktemp("portrait")
    cmd = [sys.executable, str(ROOT / "render.py"), *PORTRAIT_ARGS, "--out", str(out)]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr
    return out
