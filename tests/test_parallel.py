"""Renders that never collide: two renders at once into one folder, each with two worker processes, on an empty text
cache and render store; nothing fails and every output equals a serial render's."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import av
import numpy as np
import pytest

from pipeline.media import probe
from tests.conftest import ROOT

CHAPTERS = ("intuition", "self-attention-idea")  # the cheapest two, with many texts in common
SENTENCE = "The dog saw the cat and then it ran"


def _render(out: Path, cache: Path, *extra: str) -> subprocess.Popen:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    cmd = [
        sys.executable,
        str(ROOT / "render.py"),
        "render",
        *CHAPTERS,
        "--sentence",
        SENTENCE,
        "--jobs",
        "2",
        "--out",
        str(out),
        *extra,
    ]
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def _frames(path: Path, every: int = 40) -> list[np.ndarray]:
    with av.open(str(path)) as container:
        return [f.to_ndarray(format="rgb24") for k, f in enumerate(container.decode(video=0)) if k % every == 0]


@pytest.fixture(scope="module")
def serial(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("serial")
    proc = _render(out, tmp_path_factory.mktemp("cache"), "--jobs", "1")
    _, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err
    return out


def _same_as_serial(out: Path, serial: Path) -> None:
    """The same numbers, claims, captions and video shape; the same pictures up to H.264's own choices.

    x264 under a loaded machine can code a few blocks differently (seen: at most 9 levels in a dozen pixels of a
    frame); a lost or half-read text would differ by far more.
    """
    for chapter in CHAPTERS:
        trace = json.loads((out / f"{chapter}.trace.json").read_text())
        assert trace == json.loads((serial / f"{chapter}.trace.json").read_text()), chapter
        assert (out / f"{chapter}.vtt").read_text() == (serial / f"{chapter}.vtt").read_text(), chapter
        assert probe(out / f"{chapter}.mp4") == probe(serial / f"{chapter}.mp4"), chapter
        for ours, theirs in zip(_frames(out / f"{chapter}.mp4"), _frames(serial / f"{chapter}.mp4"), strict=True):
            diff = np.abs(ours.astype(int) - theirs.astype(int))
            assert diff.max() <= 32 and diff.mean() < 0.05, (chapter, diff.max(), diff.mean())


def test_two_concurrent_renders_into_one_folder_on_a_cold_cache(serial, tmp_path):
    """Two renders, four workers, race for one folder (its manifest, its files), the text cache and the render store.
    (A third render into a folder of its own used to run beside them: it met only races these two already have.)"""
    cache = tmp_path / "cache"  # empty: every process draws texts the others are drawing too
    shared = tmp_path / "shared"
    procs = [_render(shared, cache, "--force") for _ in range(2)]
    results = [p.communicate(timeout=900) for p in procs]
    for proc, (_, err) in zip(procs, results, strict=True):
        assert proc.returncode == 0, err
        assert "error" not in err.lower(), err
    _same_as_serial(shared, serial)
    leftovers = [p.name for p in shared.iterdir() if p.name.startswith(".") and p.name != ".manifest.lock"]
    assert not leftovers, leftovers
    texts = cache / "attention-explainer" / "texts"
    assert not [p for p in texts.iterdir() if p.name.startswith(".")], "a half-published text was left behind"
