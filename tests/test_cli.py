"""The CLI through Click's CliRunner: help, list, trace, and one clear line for every bad input."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from render import cli

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


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["render", "no-such-chapter"], "unknown chapter 'no-such-chapter'"),
        (["render", "worked-example", "--sentence", ""], "the sentence is empty"),
        (["render", "worked-example", "--sentence", "   "], "the sentence is empty"),
        (["render", "worked-example", "--sentence", "a b c d e f g h i"], "at most 8"),
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
