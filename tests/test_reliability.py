"""Bad input, literal text, killed and concurrent renders: one clear line, nothing lost, nothing interpreted."""

from __future__ import annotations

import json
import multiprocessing
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import manimpango
import pytest
from click.testing import CliRunner

from attention_core import sentence_trace, tokenize
from pipeline.manifest import read_manifest, record_chapter
from render import cli
from scenes.kit.text import label
from scenes.kit.theme import THEMES
from tests.conftest import PORTRAIT_ARGS, ROOT

BAD_INPUTS = [
    (["render", "worked-example", "--sentence", ""], "the sentence is empty"),
    (["render", "worked-example", "--sentence", " \t "], "the sentence is empty"),
    (
        ["render", "worked-example", "--sentence", " ".join(f"w{i}" for i in range(33))],
        "the sentence has 33 words; the limit is 32",
    ),
    (["render", "--all", "--sentence", "猫"], "the sentence has 1 word; attention needs at least 2"),
    (["render", "worked-example", "--sentence", "x" * 300], "the limit is 200"),
    (["render", "worked-example", "--sentence", "a\u200bb"], "invisible or control character (U+200B)"),
    (["render", "worked-example", "--sentence", "a\x1b[31mb"], "control character (U+001B)"),
    (
        ["render", "intuition", "--sentence", "小猫 停下", "--focus", "狗"],
        "intuition: focus word '狗' is not in the sentence",
    ),
    (
        ["render", "--all", "--sentence", "小猫 停下", "--focus", "小猫"],
        "intuition: focus word '小猫' is the first word",
    ),
    (["render", "no-such-chapter"], "unknown chapter 'no-such-chapter'"),
    (["render", "worked-example", "--format", "avi"], "Invalid value for '--format'"),
    (["render", "worked-example", "--quality", "8k"], "Invalid value for '--quality'"),
    (["render", "worked-example", "--aspect", "4:3"], "Invalid value for '--aspect'"),
    (["render", "worked-example", "--jobs", "0"], "Invalid value for '--jobs'"),
    (["render", "worked-example", "--out", "/proc/attention-explainer"], "cannot write to output folder"),
    (["trace", "--chapter", "nope"], "unknown chapter 'nope'"),
    (["render", "worked-example", "--bogus"], "No such option '--bogus'"),
]


@pytest.mark.parametrize(("args", "message"), BAD_INPUTS, ids=[m for _, m in BAD_INPUTS])
def test_bad_input_is_one_clear_line(args, message):
    result = CliRunner().invoke(cli, args)
    assert result.exit_code != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ") and message in lines[0]
    assert "Traceback" not in result.output + result.stderr


def test_output_folder_that_is_a_file_or_under_a_file(tmp_path):
    blocker = tmp_path / "taken"
    blocker.write_text("x")
    for out in (blocker, blocker / "sub"):
        result = CliRunner().invoke(cli, ["render", "worked-example", "--out", str(out)])
        assert result.exit_code == 2 and len(result.stderr.strip().splitlines()) == 1
        assert "is a file" in result.stderr or "cannot write" in result.stderr


def test_missing_cjk_font_names_the_package(tmp_path, monkeypatch):
    monkeypatch.setattr(manimpango, "list_fonts", lambda: ["DejaVu Sans"])
    result = CliRunner().invoke(cli, ["render", "worked-example", "--out", str(tmp_path), "--force"])
    assert result.exit_code == 2
    assert "apt-get install fonts-noto-cjk" in result.stderr and len(result.stderr.strip().splitlines()) == 1


LITERAL = [
    "<b>x</b> &amp; <span foreground='red'>r</span>",
    "\\input{/etc/passwd} $x$ { % _ ^ #",
    "小猫🐱 cat 😀",
    "שלום עולם مرحبا",
    "e\u0301 n\u0303 café",
]


@pytest.mark.parametrize("text", LITERAL)
def test_text_is_drawn_literally(text):
    """Markup and TeX are shown as typed: Text, never MarkupText, Tex or Typst."""
    mob = label(text, THEMES["dark"])
    assert mob.text == text.replace(" ", "") or mob.original_text == text
    assert mob.width > 0 and len(mob.submobjects) > 0


@pytest.mark.parametrize("text", LITERAL)
def test_any_text_gives_a_trace(text):
    trace = sentence_trace(text, d_model=2, d_k=2)
    assert trace.tokens == tokenize(text) and trace.weights.shape == (trace.n, trace.n)


def _hammer(out: str, chapter: str, rounds: int) -> None:
    for k in range(rounds):
        record_chapter(Path(out), chapter, {"number": k, "files": [], "writer": chapter})


def test_two_processes_updating_one_manifest(tmp_path):
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_hammer, args=(str(tmp_path), name, 40)) for name in ("qkv", "formula")]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=120)
        assert p.exitcode == 0
    data = json.loads((tmp_path / "manifest.json").read_text())
    assert set(data["chapters"]) == {"qkv", "formula"}
    assert data["chapters"]["qkv"]["number"] == 39 and data["chapters"]["formula"]["number"] == 39


def test_killed_render_leaves_earlier_outputs_intact(portrait_render, tmp_path):
    out = tmp_path / "media"
    shutil.copytree(portrait_render, out)
    before = {p.name: p.read_bytes() for p in out.iterdir() if not p.name.startswith(".")}
    cmd = [sys.executable, str(ROOT / "render.py"), *PORTRAIT_ARGS, "--out", str(out), "--force"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(6)  # mid-render: scene construction is under way
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    after = {p.name: p.read_bytes() for p in out.iterdir() if not p.name.startswith(".")}
    assert after == before
    assert read_manifest(out)["chapters"]["intuition"]["files"]
    rerun = subprocess.run(cmd[:-1], capture_output=True, text=True, timeout=120)  # same inputs, no --force
    assert rerun.returncode == 0 and "unchanged" in rerun.stderr
    leftovers = [p.name for p in out.iterdir() if p.name.startswith(".") and p.name != ".manifest.lock"]
    assert not leftovers, leftovers
