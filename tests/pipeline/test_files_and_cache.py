"""Atomic files, stale-temp cleanup, the manifest cache and the job runner, without rendering."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from pipeline import runner
from pipeline.files import atomic_path, clean_stale
from pipeline.manifest import is_fresh, read_manifest, record_chapter
from pipeline.outputs import ChapterJob
from pipeline.settings import RenderSettings


def test_atomic_path_keeps_the_old_file_when_writing_fails(tmp_path):
    dst = tmp_path / "a.mp4"
    dst.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic_path(dst) as tmp:
        tmp.write_bytes(b"half")
        raise RuntimeError("killed")
    assert dst.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.mp4"]


def test_clean_stale_removes_only_leftovers_of_dead_processes(tmp_path):
    dead = 2**22 + 12345  # above the default pid_max: no such process
    (tmp_path / f".qkv.mp4.tmp-{dead}-abc.mp4").write_bytes(b"x")
    (tmp_path / f".work-qkv-{dead}-xyz").mkdir()
    live = tmp_path / f".qkv.gif.tmp-{os.getpid()}-def.gif"
    live.write_bytes(b"x")
    (tmp_path / "qkv.mp4").write_bytes(b"x")
    assert clean_stale(tmp_path) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([live.name, "qkv.mp4"])


def _job(out: Path, sentence: str | None = None) -> ChapterJob:
    return ChapterJob("worked-example", sentence, None, "zh", ("mp4",), RenderSettings(), out)


def test_cache_is_fresh_only_for_the_same_inputs_and_intact_files(tmp_path):
    job = _job(tmp_path)
    (tmp_path / "worked-example.mp4").write_bytes(b"12345")
    entry = {"number": 6, "inputs_hash": job.digest(), "files": [{"path": "worked-example.mp4", "bytes": 5}]}
    record_chapter(tmp_path, "worked-example", entry)
    assert is_fresh(tmp_path, "worked-example", job.digest())
    assert not is_fresh(tmp_path, "worked-example", _job(tmp_path, "The cat sat").digest())
    (tmp_path / "worked-example.mp4").write_bytes(b"1234")  # truncated by someone: render again
    assert not is_fresh(tmp_path, "worked-example", job.digest())


def test_unreadable_manifest_counts_as_empty(tmp_path):
    (tmp_path / "manifest.json").write_text("{ half written")
    assert read_manifest(tmp_path) == {"chapters": {}}


def test_run_jobs_skips_fresh_chapters_unless_forced(tmp_path, monkeypatch):
    calls = []
    monkeypatch.setattr(runner, "is_fresh", lambda out, cid, digest: True)
    monkeypatch.setattr(runner, "render_chapter", lambda job, n: calls.append(job.chapter_id) or {"number": n})
    report = runner.run_jobs([(6, _job(tmp_path))], 2, force=False, on_done=lambda *a: None)
    assert report.skipped == ("worked-example",) and not calls
    report = runner.run_jobs([(6, _job(tmp_path))], 2, force=True, on_done=lambda *a: None)
    assert calls == ["worked-example"] and report.rendered == ({"number": 6},)


def test_manifest_is_valid_json_after_many_updates(tmp_path):
    for k in range(20):
        record_chapter(tmp_path, f"c{k % 3}", {"number": k % 3, "files": []})
    data = json.loads((tmp_path / "manifest.json").read_text())
    assert list(data["chapters"]) == ["c0", "c1", "c2"]
