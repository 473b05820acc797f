"""Batches: rows checked one by one (a bad row never stops the others, no id escapes the output folder), a real
6-row batch on both engines with its gallery played in Chromium, a re-run that renders nothing, and a killed
batch that resumes without losing anything."""

from __future__ import annotations

import json
import os
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.batch import Defaults, parse_rows, read_rows, row_tasks
from pipeline.files import SCRATCH_ROOT, _alive
from pipeline.media import probe
from render import cli
from scenes import CHAPTERS
from tests.browser_checks import assert_everything_played, assert_the_article_works_from_disk, play_page
from tests.conftest import ROOT
from tests.ray_cluster import ray_head

ROWS = [  # zh and en, 16:9 and 9:16; the cheapest chapter keeps the suite quick
    {"id": "en-wide", "sentence": "The dog saw the cat and then it ran", "chapters": ["intuition"]},
    {"id": "en-tall", "sentence": "The dog saw the cat and then it ran", "chapters": "intuition", "aspect": "9:16"},
    {"id": "zh-wide", "sentence": "小猫在花园里追蝴蝶，然后它停下", "chapters": "intuition"},
    {"id": "zh-tall", "sentence": "小猫在花园里追蝴蝶，然后它停下", "chapters": "intuition", "aspect": "9:16"},
    {"sentence": "Don't stop", "chapters": "intuition", "lang": "zh"},
    {"sentence": "我爱吃苹果", "chapters": "intuition", "aspect": "9:16", "lang": "en"},
]


def _write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def _batch(*args: str, timeout: int = 600, env: dict | None = None) -> subprocess.CompletedProcess:
    cmd = [sys.executable, str(ROOT / "render.py"), "batch", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env)


# -- rows ---------------------------------------------------------------------------------------------------


BAD_ROWS = [
    ({"id": "../escape", "sentence": "a b"}, "cannot name a folder"),
    ({"id": "/etc", "sentence": "a b"}, "cannot name a folder"),
    ({"id": ".hidden", "sentence": "a b"}, "cannot name a folder"),
    ({"id": "a/b", "sentence": "a b"}, "cannot name a folder"),
    ({"sentence": "猫"}, "the sentence has 1 word"),
    ({"sentence": "a b", "chapters": ["nope"]}, "unknown chapter 'nope'"),
    ({"sentence": "a b", "aspect": "4:3"}, "aspect '4:3' is not one of"),
    ({"sentence": "a b", "formats": "avi"}, "format 'avi' is not one of"),
    ({"sentence": "a b", "model": "gpt-4"}, "model 'gpt-4' is not one of"),
    ({"sentence": "a b", "colour": "red"}, "unknown field 'colour'"),
    ({"sentence": "小猫 停下", "focus": "小猫", "chapters": "intuition"}, "intuition: focus word '小猫' is the"),
    ({"text": "no sentence"}, "unknown field 'text'"),
    ({"sentence": "The cat sat", "head": "13.1", "chapters": "intuition"}, "e5-small has layers 1 to 12"),
    ({"sentence": "The cat sat", "head": "mean:5-2", "chapters": "real-model"}, "the first layer comes after"),
    ({"sentence": "The cat sat", "expect": "dog", "chapters": "intuition"}, "--expect 'dog'"),
    ({"sentence": "The cat sat", "head": "1.1", "chapters": "qkv"}, "the row has none"),
    ({"sentence": "The cat sat", "head": "1.1", "model": "lexicon", "chapters": "intuition"}, "the lexicon has none"),
]


@pytest.mark.parametrize(("raw", "reason"), BAD_ROWS, ids=[r for _, r in BAD_ROWS])
def test_a_bad_row_says_why_in_one_line(raw, reason):
    rows, errors = parse_rows([(3, raw)], Defaults(), dict(CHAPTERS))
    assert not rows and len(errors) == 1
    assert reason in errors[0].reason and "\n" not in str(errors[0]) and str(errors[0]).startswith("row 3")


def test_rows_take_the_defaults_and_stay_inside_the_output_folder(tmp_path):
    rows, errors = parse_rows(list(enumerate(ROWS, start=1)), Defaults(quality="low"), dict(CHAPTERS))
    assert not errors and len(rows) == 6
    assert {r.settings.quality for r in rows} == {"low"} and rows[1].settings.aspect == "9:16"
    assert rows[4].request.lang == "zh" and rows[5].request.lang == "en"
    for row in rows:
        assert (tmp_path / row.id).resolve().parent == tmp_path.resolve()
    again, _ = parse_rows(list(enumerate(ROWS, start=1)), Defaults(quality="low"), dict(CHAPTERS))
    assert [r.id for r in again] == [r.id for r in rows]  # a slug is the same every run: resumable


def test_the_model_is_part_of_a_row_and_of_its_slug():
    same = {"sentence": "The cat sat", "chapters": "attention-matrix"}
    rows, errors = parse_rows(
        [(1, same), (2, {**same, "model": "minilm"}), (3, {**same, "model": "lexicon"})], Defaults(), dict(CHAPTERS)
    )
    assert not errors and [r.request.model for r in rows] == [None, "minilm", "lexicon"]
    assert len({r.id for r in rows}) == 3  # another model draws other weights: never the same folder


def test_head_and_expect_are_part_of_a_row_and_of_its_slug(tmp_path):
    same = {"sentence": "The cat sat because it was tired", "chapters": ["intuition", "qkv"]}
    raw = [(1, same), (2, {**same, "head": "rollout"}), (3, {**same, "expect": "cat"}), (4, {**same, "head": "9.9"})]
    rows, errors = parse_rows(raw, Defaults(), dict(CHAPTERS))
    assert not errors
    views = [(r.request.head, r.request.expect) for r in rows]
    assert views == [(None, ()), ("rollout", ()), (None, ("cat",)), ("9.9", ())]
    assert len({r.id for r in rows}) == 4  # another view draws other weights: never the same folder
    jobs = {t.job.chapter_id: t.job for t in row_tasks(rows[2], tmp_path, dict(CHAPTERS))}
    assert jobs["intuition"].expect == ("cat",) and jobs["qkv"].expect == ()  # qkv has no model to check


def test_duplicate_ids_and_broken_lines(tmp_path):
    path = tmp_path / "rows.jsonl"
    path.write_text('{"id": "a", "sentence": "x y"}\n[1, 2]\n{not json\n{"id": "a", "sentence": "y z"}\n')
    rows, errors = parse_rows(read_rows(path), Defaults(), dict(CHAPTERS))
    assert [r.id for r in rows] == ["a"]
    assert [(e.line, e.reason.split(" (")[0]) for e in errors] == [
        (2, "not a JSON object"),
        (3, "not valid JSON"),
        (4, "id 'a' is also row 1's"),
    ]


def test_csv_rows_and_a_wrong_header(tmp_path):
    good = tmp_path / "rows.csv"
    good.write_text(
        "id,sentence,chapters,aspect\nx,The cat sat,intuition qkv,9:16\n,我爱吃苹果,,\n", encoding="utf-8"
    )
    rows, errors = parse_rows(read_rows(good), Defaults(), dict(CHAPTERS))
    assert not errors and rows[0].chapters == ("intuition", "qkv") and rows[1].chapters == tuple(CHAPTERS)
    bad = tmp_path / "bad.csv"
    bad.write_text("sentence,colour\nThe cat,red\n")
    result = CliRunner().invoke(cli, ["batch", str(bad), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2 and result.stderr.strip() == (
        "error: batch file: unknown column 'colour'; columns are id, sentence, chapters, lang, focus, aspect, theme, "
        "quality, formats, model, head, expect"
    )


def test_only_bad_rows_render_nothing_and_fail(tmp_path):
    path = _write_jsonl(tmp_path / "rows.jsonl", [raw for raw, _ in BAD_ROWS[:3]])
    result = CliRunner().invoke(cli, ["batch", str(path), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert [line.split(":")[0] for line in result.stderr.splitlines()[:3]] == ["error"] * 3
    index = json.loads((tmp_path / "out" / "index.json").read_text())
    assert [r["status"] for r in index["rows"]] == ["invalid"] * 3
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["index.html", "index.json"]


# -- real batches -------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def local_batch(tmp_path_factory):
    folder = tmp_path_factory.mktemp("batch")
    rows = _write_jsonl(folder / "rows.jsonl", ROWS)
    done = _batch(str(rows), "--out", str(folder / "out"), "--article")
    assert done.returncode == 0, done.stderr
    return folder


def test_every_row_renders_what_a_single_render_writes(local_batch):
    out = local_batch / "out"
    index = json.loads((out / "index.json").read_text())
    assert [r["status"] for r in index["rows"]] == ["ok"] * 6
    for row in index["rows"]:
        names = {p.name for p in (out / row["id"]).iterdir() if not p.name.startswith(".")}
        other = "en" if row["lang"] == "zh" else "zh"  # the captions' second track
        assert names == {
            "intuition.mp4",
            "intuition.poster.png",
            "intuition.srt",
            "intuition.vtt",
            f"intuition.{other}.srt",
            f"intuition.{other}.vtt",
            "intuition.trace.json",
            "manifest.json",
            "index.html",  # --article: the row's article
            "article.md",
        }
        assert row["article"] == f"{row['id']}/index.html"
        info = probe(out / row["id"] / "intuition.mp4")
        assert (info.width, info.height) == ((480, 854) if row["aspect"] == "9:16" else (854, 480))
        trace = json.loads((out / row["id"] / "intuition.trace.json").read_text())
        assert trace["chapter"] == "intuition" and trace["claims"]


def test_a_second_run_renders_nothing(local_batch):
    again = _batch(str(local_batch / "rows.jsonl"), "--out", str(local_batch / "out"))
    assert again.returncode == 0 and "6 of 6 rows done; 0 chapters rendered, 6 unchanged" in again.stderr


def test_the_gallery_plays_every_video_in_chromium(local_batch, tmp_path):
    report = play_page(local_batch / "out", "index.html", tmp_path / "profile")
    assert len(report["videos"]) == 6
    assert_everything_played(report)
    gallery = (local_batch / "out" / "index.html").read_text(encoding="utf-8")
    rows = json.loads((local_batch / "out" / "index.json").read_text())["rows"]
    for row in rows:  # each row's article, linked
        assert f'<a href="{row["id"]}/index.html">' in gallery
        article = (local_batch / "out" / row["id"] / "index.html").read_text(encoding="utf-8")
        assert f'<html lang="{row["lang"]}">' in article and 'id="intuition"' in article


def test_a_16_9_article_works_from_disk_offline(local_batch, tmp_path):
    """The article page's browser checks (tests/browser_checks.py; tests/test_browser.py runs them on a 9:16 build)
    on the wide row's 16:9 build."""
    render = local_batch / "out" / "en-wide"
    assert probe(render / "intuition.mp4").width == 854
    assert len(assert_the_article_works_from_disk(render, tmp_path)) == 5


def test_a_ray_cluster_renders_the_same_files(local_batch, tmp_path):
    """README's multi-node path on one machine: `ray start --head` (token authentication on), then `batch --engine
    ray --address`: the driver presents the cluster's token on its own, and two rows (zh 16:9, en 9:16) come back
    with the local engine's traces and videos. Without the token it fails in one line."""
    pytest.importorskip("ray", reason="make test installs Ray (the [ray] extra)")
    home, token = tmp_path / "home", tmp_path / "token"
    home.mkdir()
    token.write_text(secrets.token_hex(32))  # as `ray get-auth-token --generate` makes one
    rows = _write_jsonl(tmp_path / "rows.jsonl", ROWS[1:3])
    env = {**os.environ, "HOME": str(home), "RAY_AUTH_TOKEN_PATH": str(token)}
    env.pop("RAY_AUTH_MODE", None)
    with ray_head(home, token) as address:
        no_token = {k: v for k, v in env.items() if k != "RAY_AUTH_TOKEN_PATH"}
        no_token["RAY_NUM_REDIS_GET_RETRIES"] = "1"  # Ray asks 20 times, a second apart, before it gives up
        refused = _batch(
            str(rows), "--out", str(tmp_path / "no"), "--engine", "ray", "--address", address, env=no_token
        )
        assert refused.returncode != 0
        assert refused.stderr.strip().splitlines()[-1].startswith(f"error: cannot join the Ray cluster at {address}")
        assert "Traceback" not in refused.stderr and "gcs_client" not in refused.stderr  # said once, no retry noise
        done = _batch(str(rows), "--out", str(tmp_path / "ray"), "--engine", "ray", "--address", address, env=env)
        assert done.returncode == 0, done.stderr
        again = _batch(str(rows), "--out", str(tmp_path / "ray"), "--engine", "ray", "--address", address, env=env)
    assert again.returncode == 0 and "0 chapters rendered, 2 unchanged" in again.stderr
    for row in json.loads((local_batch / "out" / "index.json").read_text())["rows"][1:3]:
        ours, theirs = local_batch / "out" / row["id"], tmp_path / "ray" / row["id"]
        assert (ours / "intuition.trace.json").read_bytes() == (theirs / "intuition.trace.json").read_bytes()
        assert probe(ours / "intuition.mp4") == probe(theirs / "intuition.mp4")


def test_a_killed_batch_resumes_without_loss_or_leftovers(local_batch, tmp_path):
    out = tmp_path / "out"
    rows = _write_jsonl(
        tmp_path / "rows.jsonl", [{**r, "chapters": ["intuition", "self-attention-idea"]} for r in ROWS[:2]]
    )
    cmd = [sys.executable, str(ROOT / "render.py"), "batch", str(rows), "--out", str(out)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.time() + 300
    while time.time() < deadline and not list(out.glob("*/manifest.json")):
        time.sleep(0.5)
    assert list(out.glob("*/manifest.json")), "no chapter finished before the deadline"
    os.killpg(proc.pid, signal.SIGKILL)  # the driver and its workers, mid-way
    proc.wait(timeout=30)
    time.sleep(1)
    finished = {p: p.read_bytes() for p in out.glob("*/*") if p.suffix in (".mp4", ".json") and p.name[0] != "."}
    done = _batch(str(rows), "--out", str(out))
    assert done.returncode == 0, done.stderr
    for path, data in finished.items():
        if path.name != "manifest.json":
            assert path.read_bytes() == data, f"{path} changed: it was finished before the kill"
    leftovers = [p for p in out.rglob(".*") if p.name != ".manifest.lock"]
    assert not leftovers, leftovers
    dead = [p for p in SCRATCH_ROOT.glob(".work-*") if not _alive(int(p.name.split("-")[-2]))]
    assert not dead, dead  # scratch folders of the killed workers are gone
    index = json.loads((out / "index.json").read_text())
    assert [r["status"] for r in index["rows"]] == ["ok"] * 2
