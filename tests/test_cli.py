"""The CLI through Click's CliRunner: help, list, trace, and one clear line for every bad input."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from pipeline.runner import RunReport
from render import cli
from scenes import CHAPTERS

_EMPTY = RunReport((), (), 0.0)

KEYS = {"tokens", "X", "W_q", "W_k", "W_v", "Q", "K", "V", "scores", "scaled_scores", "weights", "output", "d_k"}


def run(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_help_and_version():
    result = run("--help")
    assert result.exit_code == 0 and "render" in result.output and "trace" in result.output
    assert "0.1.0" in run("--version").output


def test_list_names_every_chapter():
    result = run("list")
    assert result.exit_code == 0
    assert "worked-example" in result.output


def test_trace_json_has_every_matrix_and_the_article_s_x1():
    result = run("trace", "--sentence", "猫 坐在 垫子 上", "--json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert KEYS <= set(data)
    assert data["X"][0] == [1.0, 0.5] and data["d_k"] == 2
    assert all(abs(sum(row) - 1) < 1e-9 for row in data["weights"])


def test_trace_text_for_a_new_sentence():
    result = run("trace", "--sentence", "The cat sat.")
    assert result.exit_code == 0 and "The | cat | sat | ." in result.output


LONG = "那只在花园里追逐蝴蝶的小猫突然停下了脚步，然后它看着天空里飞过的鸟很久很久"


def test_trace_returns_the_whole_sentence_for_any_accepted_length():
    data = json.loads(run("trace", "--sentence", LONG, "--json").output)
    assert len(data["tokens"]) > 16 and len(data["weights"]) == len(data["tokens"])


@pytest.mark.parametrize("chapter", ["intuition", "worked-example", "attention-matrix", "rnn-limits"])
def test_trace_of_a_chapter_lists_its_window_and_claims(chapter):
    data = json.loads(run("trace", "--sentence", LONG, "--chapter", chapter, "--json").output)
    assert data["chapter"] == chapter and data["window"]["total"] > 16
    assert data["claims"] and all({"topic", "kind", "words", "values", "evidence"} <= set(c) for c in data["claims"])
    if data["window"]["partial"]:
        window = next(c for c in data["claims"] if c["kind"] == "window")["values"]
        assert data["tokens"] == data["sentence_tokens"][window["first"] - 1 : window["last"]]


def test_trace_text_shows_the_claims_as_sentences():
    out = run(
        "trace", "--sentence", "Don't stop", "--chapter", "intuition", "--model", "lexicon", "--lang", "en"
    ).output
    assert '[focus_row] "stop" attends most to itself (0.79)' in out


@pytest.mark.parametrize("n", [2, 9, 13, 20, 32])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_render_all_accepts_every_length(n, lang, monkeypatch, tmp_path):
    """Every chapter's data for the sentence is computed (and validated) before rendering; rendering is stubbed."""
    import pipeline.runner

    seen = []
    monkeypatch.setattr(pipeline.runner, "run_tasks", lambda todo, *a: seen.extend(todo) or _EMPTY)
    words = [f"词{i}" if lang == "zh" else f"w{i}" for i in range(n)]
    result = CliRunner().invoke(cli, ["render", "--all", "--sentence", " ".join(words), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.stderr
    assert len(seen) == len(CHAPTERS)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["render", "no-such-chapter"], "unknown chapter 'no-such-chapter'"),
        (["render", "worked-example", "--sentence", ""], "the sentence is empty"),
        (["render", "worked-example", "--sentence", "   "], "the sentence is empty"),
        (["render", "worked-example", "--sentence", " ".join("abcdefghijklmnopqrstuvwxyzABCDEFG")], "limit is 32"),
        (["render", "worked-example", "--quality", "ultra"], "Invalid value for '--quality'"),
        (["render", "worked-example", "--format", "avi"], "Invalid value for '--format'"),
        (["trace", "--chapter", "nope"], "unknown chapter 'nope'"),
        (["trace", "--sentence", "a\x00b"], "control character"),
    ],
)
def test_bad_input_is_one_line_and_a_nonzero_exit(args, message):
    result = CliRunner().invoke(cli, args)
    assert result.exit_code != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], result.stderr
    assert "Traceback" not in result.output


def test_output_folder_that_is_a_file(tmp_path):
    target = tmp_path / "occupied"
    target.write_text("x")
    result = CliRunner().invoke(cli, ["render", "worked-example", "--out", str(target)])
    assert result.exit_code == 2 and "is a file" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--head", "0.1"], "e5-small has layers 1 to 12"),
        (["--head", "13.1"], "e5-small has layers 1 to 12"),
        (["--head", "12.13"], "heads 1 to 12"),
        (["--head", "mean:5-2"], "the first layer comes after the last"),
        (["--head", "mean:1-13"], "layers 1 to 12"),
        (["--head", "12"], "use L.H"),
        (["--head", "7.1", "--model", "minilm"], "minilm has layers 1 to 6"),
        (["--head", "12.2", "--model", "lexicon"], "the lexicon has none"),
        (["--expect", "小猫", "--model", "lexicon"], "the lexicon has none"),
        (["--expect", "狗"], "'狗': '停下' looks back at these earlier words only"),
        (["--expect", "脚步"], "'脚步': '停下' looks back"),  # in the sentence, but after the focus word
        (["--expect", "停下"], "'停下': '停下' looks back"),
        (["--head", "1.1", "--expect", "小猫"], "give one"),
    ],
)
def test_bad_head_and_expect_are_one_line_and_exit_2(args, message):
    for command in (["trace", "--chapter", "intuition", "--json"], ["render", "intuition"]):
        result = CliRunner().invoke(cli, [*command, *args])
        lines = result.stderr.strip().splitlines()
        assert result.exit_code == 2 and len(lines) == 1 and message in lines[0], (command, result.stderr)


def test_head_and_expect_need_a_chapter_with_a_model():
    result = CliRunner().invoke(cli, ["render", "qkv", "--head", "1.1"])
    assert result.exit_code == 2 and "none of them is rendered" in result.stderr
    result = CliRunner().invoke(cli, ["trace", "--expect", "cat"])
    assert result.exit_code == 2 and "need --chapter" in result.stderr


@pytest.mark.parametrize(
    ("args", "view"),
    [
        ([], {"kind": "head", "label": "12.2", "layer": 12, "head": 2}),
        (["--head", "3.4"], {"kind": "head", "label": "3.4", "layer": 3, "head": 4}),
        (["--head", "mean:9-12"], {"kind": "mean", "label": "mean:9-12", "first_layer": 9, "last_layer": 12}),
        (["--head", "rollout"], {"kind": "rollout", "label": "rollout"}),
    ],
)
def test_trace_says_which_view_is_shown_and_why(args, view):
    data = json.loads(run("trace", "--chapter", "intuition", "--json", *args).output)
    source = data["attention"]["source"]
    assert source["view"] == view
    assert source["rule"] == ("given" if args else "expect")
    kinds = [c["kind"] for c in data["claims"]]
    assert "view" in kinds and ("expect" in kinds) == (not args)


def test_expect_picks_the_strongest_agreeing_head_and_says_how_many_agree():
    sentence = "The nurse told the doctor that she had worked all night and needed sleep"
    data = json.loads(
        run("trace", "--chapter", "self-attention-idea", "--sentence", sentence, "--expect", "nurse", "--json").output
    )
    expect = next(c for c in data["claims"] if c["kind"] == "expect")["values"]
    assert expect["source"] == "given" and expect["expect"] == ["nurse"] and 0 < expect["agree"] < 144
    focus = next(c for c in data["claims"] if c["topic"] == "focus_row")
    assert focus["words"][:2] == ["she", "nurse"]
