"""Atomic files, stale-temp cleanup, the manifest cache and the job runner, without rendering."""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path

import pytest

from pipeline import runner
from pipeline.cache import Plan, plan
from pipeline.engines import Outcome, Task
from pipeline.files import atomic_path, clean_stale
from pipeline.manifest import code_files, current_files, read_manifest, record_chapter
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


def _files(folder: Path, job: ChapterJob, sizes: dict[str, int], **extra) -> None:
    """Files of ``job``'s chapter in ``folder``, recorded as made from its frames (GIFs with ``extra`` options)."""
    items = []
    for fmt, size in sizes.items():
        name = (
            f"{job.chapter_id}.{fmt}" if fmt in ("mp4", "gif", "png", "srt", "vtt") else f"{job.chapter_id}.{fmt}.x"
        )
        (folder / name).write_bytes(b"x" * size)
        items.append({"path": name, "format": fmt, "bytes": size, **(extra if fmt == "gif" else {})})
    record_chapter(folder, job.chapter_id, {"number": 6, "inputs_hash": job.digest(), "files": items})


VIDEO = {"mp4": 5, "poster": 3, "srt": 2, "vtt": 2, "trace": 4}  # what a render asked for an MP4 leaves


def test_the_code_in_the_cache_key_is_the_code_that_shapes_the_files():
    names = {p.relative_to(code_files()[0].parents[1]).as_posix() for p in code_files()}
    assert {"scenes/intuition/scene.py", "attention_core/kernel/attention.py", "pipeline/scene_runner.py"} <= names
    assert {"pipeline/media.py", "pipeline/subtitles.py", "pipeline/settings.py"} <= names  # GIF, SRT, sizes
    assert not names & {"render.py", "pipeline/article.py", "pipeline/embed.py", "pipeline/engines.py"}


def test_the_cache_key_is_the_frames_not_the_formats(tmp_path):
    job = _job(tmp_path)
    assert job.digest() == replace(job, formats=("gif", "png"), gif_size=320, gif_fps=5).digest()
    assert job.digest() != _job(tmp_path, "The cat sat").digest()
    assert job.digest() != replace(job, settings=RenderSettings(aspect="9:16")).digest()


def test_a_file_is_current_for_the_same_frames_and_intact(tmp_path):
    job = _job(tmp_path)
    _files(tmp_path, job, VIDEO)
    assert {i["format"] for i in current_files(tmp_path, "worked-example", job.digest())} == set(VIDEO)
    assert current_files(tmp_path, "worked-example", _job(tmp_path, "The cat sat").digest()) == []
    (tmp_path / "worked-example.mp4").write_bytes(b"1234")  # truncated by someone: not current any more
    assert "mp4" not in {i["format"] for i in current_files(tmp_path, "worked-example", job.digest())}


@pytest.mark.parametrize(
    ("files", "formats", "expected"),
    [
        ({}, ("mp4",), Plan(render=True)),
        (VIDEO, ("mp4",), Plan(render=False)),  # unchanged
        (VIDEO, ("gif",), Plan(render=False, make=("gif",))),  # a GIF from the MP4 there
        (VIDEO, ("mp4", "gif", "png"), Plan(render=False, make=("gif", "png"))),  # a PNG is the poster frame
        ({"poster": 3, "trace": 4, "srt": 2, "vtt": 2, "gif": 7}, ("mp4",), Plan(render=True)),  # no MP4 to copy
        ({"png": 3, "trace": 4}, ("gif",), Plan(render=True)),  # no video at all
    ],
)
def test_the_plan_runs_the_scene_only_for_what_cannot_be_made_from_the_files_there(
    tmp_path, files, formats, expected
):
    job = replace(_job(tmp_path), formats=formats)
    if files:
        _files(tmp_path, job, files, size=640, fps=10)
    assert plan(job) == expected
    assert plan(job, force=True) == Plan(render=True)


def test_a_gif_of_another_size_is_made_again(tmp_path):
    job = replace(_job(tmp_path), formats=("mp4", "gif"))
    _files(tmp_path, job, {**VIDEO, "gif": 7}, size=640, fps=10)
    assert plan(job).idle
    assert plan(replace(job, gif_size=320)) == Plan(render=False, make=("gif",))


def test_the_manifest_keeps_current_files_and_deletes_those_of_other_frames(tmp_path):
    job = _job(tmp_path)
    _files(tmp_path, job, VIDEO)
    gif = {"path": "worked-example.gif", "format": "gif", "bytes": 7}
    (tmp_path / "worked-example.gif").write_bytes(b"x" * 7)
    entry = record_chapter(tmp_path, "worked-example", {"number": 6, "inputs_hash": job.digest(), "files": [gif]})
    assert {i["format"] for i in entry["files"]} == {*VIDEO, "gif"}  # added to, not replaced
    other = _job(tmp_path, "The cat sat").digest()
    mp4 = {"path": "worked-example.mp4", "format": "mp4", "bytes": 5}
    entry = record_chapter(tmp_path, "worked-example", {"number": 6, "inputs_hash": other, "files": [mp4]})
    assert entry["files"] == [mp4]
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("worked")) == ["worked-example.mp4"]


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
    monkeypatch.setattr(runner, "plan", lambda job, force: Plan(render=force))
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
