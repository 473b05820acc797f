"""The render store (pipeline/store.py): a render is kept whole, read back only when intact and only for the files
a job asks for, trimmed to its limit, and off when the limit is 0."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from pipeline import store
from pipeline.outputs import ChapterJob, Rendered
from pipeline.settings import RenderSettings


def _job(out: Path, *formats: str, gif_size: int = 640) -> ChapterJob:
    return ChapterJob("qkv", "a b", None, "en", formats, RenderSettings(), out, gif_size=gif_size)


def _rendered(job: ChapterJob, payload: bytes = b"frames") -> Rendered:
    items = [
        {"path": "qkv.mp4", "format": "mp4", "bytes": len(payload)},
        {"path": "qkv.gif", "format": "gif", "bytes": 3, "size": 640, "fps": 10},
        {"path": "qkv.poster.png", "format": "poster", "bytes": 3},
        {"path": "qkv.trace.json", "format": "trace", "bytes": 2},
    ]
    data = {"qkv.mp4": payload, "qkv.gif": b"gif", "qkv.poster.png": b"png", "qkv.trace.json": b"{}"}
    entry = {"chapter": "qkv", "number": 4, "inputs_hash": job.digest(), "files": items}
    return Rendered("qkv", entry, tuple((i["path"], data[i["path"]]) for i in items))


@pytest.fixture(autouse=True)
def _limit(monkeypatch):
    monkeypatch.delenv("ATTENTION_EXPLAINER_STORE_MB", raising=False)


def test_a_kept_render_serves_another_folder_with_the_files_it_asks_for(tmp_path):
    root = tmp_path / "store"
    store.keep(_rendered(_job(tmp_path / "a", "mp4", "gif")), root)
    assert [p.name for p in root.iterdir()] == [_job(tmp_path / "b", "mp4").digest()]  # no temporary left
    got = store.fetch(_job(tmp_path / "b", "mp4"), 7, root)
    assert got is not None and got.entry["number"] == 7
    assert dict(got.files) == {"qkv.mp4": b"frames", "qkv.poster.png": b"png", "qkv.trace.json": b"{}"}
    assert [i["path"] for i in got.entry["files"]] == ["qkv.mp4", "qkv.poster.png", "qkv.trace.json"]
    png = store.fetch(_job(tmp_path / "b", "png"), 1, root)  # a PNG is made from the poster: still worth it
    assert png is not None and "qkv.mp4" not in dict(png.files)
    gif = store.fetch(_job(tmp_path / "b", "gif"), 1, root)
    assert gif is not None and "qkv.gif" in dict(gif.files) and "qkv.mp4" not in dict(gif.files)
    assert store.fetch(_job(tmp_path / "b", "gif", gif_size=320), 1, root) is None  # no MP4 asked for to make it
    with_mp4 = store.fetch(_job(tmp_path / "b", "mp4", "gif", gif_size=320), 1, root)  # made from the MP4 after
    assert with_mp4 is not None and "qkv.gif" not in dict(with_mp4.files)


def test_other_frames_a_broken_file_or_no_store_give_nothing(tmp_path, monkeypatch):
    root = tmp_path / "store"
    job = _job(tmp_path / "a", "mp4")
    store.keep(_rendered(job), root)
    assert store.fetch(ChapterJob("qkv", "a c", None, "en", ("mp4",), RenderSettings(), tmp_path), 1, root) is None
    monkeypatch.setenv("ATTENTION_EXPLAINER_STORE_MB", "0")
    assert store.fetch(job, 1, root) is None
    monkeypatch.delenv("ATTENTION_EXPLAINER_STORE_MB")
    (root / job.digest() / "qkv.mp4").write_bytes(b"frameZ")  # same size, other bytes
    assert store.fetch(job, 1, root) is None
    (root / job.digest() / "qkv.mp4").unlink()
    assert store.fetch(job, 1, root) is None


def test_the_store_keeps_the_most_recently_used_renders_within_its_limit(tmp_path, monkeypatch):
    monkeypatch.setenv("ATTENTION_EXPLAINER_STORE_MB", "1")
    root = tmp_path / "store"
    jobs = [ChapterJob("qkv", f"a b{k}", None, "en", ("mp4",), RenderSettings(), tmp_path) for k in range(3)]
    for k, job in enumerate(jobs[:2]):
        store.keep(_rendered(job, bytes(400_000)), root)
        os.utime(root / job.digest(), (time.time() - 100 + k, time.time() - 100 + k))
    assert store.fetch(jobs[0], 1, root) is not None  # used: now the most recent
    (root / f".{jobs[1].digest()}.tmp-{2**22 + 12345}-abc").mkdir()  # left by a killed writer (no such pid)
    store.keep(_rendered(jobs[2], bytes(400_000)), root)  # 1.2 MB > 1 MiB: the oldest one goes
    assert sorted(p.name for p in root.iterdir()) == sorted([jobs[0].digest(), jobs[2].digest()])
