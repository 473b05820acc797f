"""Atomic files, stale-temp cleanup, the manifest cache and the job runner, without rendering."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from pipeline import runner
from pipeline.engines import Outcome, Task
from pipeline.files import atomic_path, clean_stale
from pipeline.manifest import is_fresh, read_manifest, record_chapter
from pipeline.outputs import ChapterJob, Rendered
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


class _Recorder:
    """An engine that renders nothing: it hands back each task as rendered (or failed, for sentence "boom")."""

    def __init__(self):
        self.calls = []

    def run(self, tasks, on_outcome):
        for task in tasks:
            self.calls.append(task.key)
            ok = task.job.sentence != "boom"
            rendered = Rendered(task.job.chapter_id, {"number": task.number, "files": []}, ()) if ok else None
            on_outcome(Outcome(task, rendered, None if ok else "it broke", 0.1))


def test_run_tasks_skips_fresh_chapters_unless_forced(tmp_path, monkeypatch):
    monkeypatch.setattr(runner, "is_fresh", lambda out, cid, digest: True)
    engine = _Recorder()
    task = Task("worked-example", _job(tmp_path), 6)
    report = runner.run_tasks([task], engine, force=False, on_done=lambda o: None)
    assert report.skipped == ("worked-example",) and not engine.calls
    report = runner.run_tasks([task], engine, force=True, on_done=lambda o: None)
    assert engine.calls == ["worked-example"] and report.rendered == ({"number": 6, "files": []},)
    assert read_manifest(tmp_path)["chapters"]["worked-example"]["number"] == 6  # installed by the driver


def test_a_failed_task_is_reported_and_the_others_installed(tmp_path):
    tasks = [
        Task(f"{row}/worked-example", _job(tmp_path / row, sentence), 6)
        for row, sentence in (("a", "boom"), ("b", None))
    ]
    for t in tasks:
        t.job.out_dir.mkdir()
    report = runner.run_tasks(tasks, _Recorder(), force=True, on_done=lambda o: None)
    assert report.failed == (("a/worked-example", "it broke"),) and len(report.rendered) == 1
    assert "worked-example" in read_manifest(tmp_path / "b")["chapters"]


def test_manifest_is_valid_json_after_many_updates(tmp_path):
    for k in range(20):
        record_chapter(tmp_path, f"c{k % 3}", {"number": k % 3, "files": []})
    data = json.loads((tmp_path / "manifest.json").read_text())
    assert list(data["chapters"]) == ["c0", "c1", "c2"]
