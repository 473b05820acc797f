"""The layout check (tests/layout_checks.py) at every caption change of every chapter, per aspect and sentence
length, without encoding video.

In CI the check runs on the builds ``tests/scenes/test_claims_stated.py`` makes anyway (every chapter, a 14-word
English sentence at 16:9 and a 20-word Chinese one at 9:16: the suite's time budget allows no more builds);
``LAYOUT_ALL=1`` runs every chapter at both aspects with 2, 8, 16 and 32 words here (72 builds, about 8 minutes).
:data:`KNOWN_STATED` and :data:`KNOWN` list the cases that fail today (KNOWN measured with 2 and 16 words at 9:16
and 32 words at 16:9; the rest of the full matrix is not listed yet), each with its first problems: they are
strict xfails, so fixing one fails the suite until its entry is removed (issue 14, in progress).
"""

from __future__ import annotations

import pytest
from manim import config, tempconfig

from scenes import CHAPTERS
from tests import layout_checks
from tests.scene_probe import build_chapter

WORDS = "The animal did not cross the wide street because it was far too tired and the old man said so again".split()
ZH = (
    "那只 小猫 在 花园 里 追 蝴蝶 然后 它 突然 停下 了 脚步 因为 它 太 累 了 "
    "天空 里 的 鸟 飞过 树林 和 河流 回到 家 里 睡觉 了 很 久"
).split()
LENGTHS = (2, 8, 16, 32)
ASPECTS = ((9, 16), (16, 9))


def sentence(n: int, lang: str) -> str:
    words = (ZH if lang == "zh" else WORDS * 2)[:n]
    return ("" if lang == "zh" else " ").join(words)


ALL = [(c, a, n) for c in CHAPTERS for a in ASPECTS for n in LENGTHS]
CASES = ALL
KNOWN_STATED: dict[tuple[str, str], str] = {}  # (chapter, sentence key of test_claims_stated) -> first problems
KNOWN: dict[tuple[str, tuple[int, int], int], str] = {}  # what the first problems are (the test prints them all)


def _id(case) -> str:
    c, (w, h), n = case
    return f"{c}-{w}x{h}-{n}"


@pytest.mark.parametrize("case", CASES, ids=[_id(c) for c in CASES])
def test_layout(case, tmp_path, request):
    chapter, aspect, n = case
    if case in KNOWN:
        request.applymarker(pytest.mark.xfail(strict=True, reason=KNOWN[case]))
    lang = "zh" if n % 16 == 0 and aspect == (9, 16) else "en"
    shots: list = []
    _, scene, _ = build_chapter(chapter, sentence(n, lang), lang, tmp_path, aspect, draw=False, shots=shots)
    problems = check_shots(scene, shots, aspect)
    assert not problems, f"{len(problems)} layout problems, e.g.:\n" + "\n".join(problems[:6])


def check_shots(scene, shots: list, aspect: tuple[int, int]) -> list[str]:
    """The layout check's problems for the snapshots of a scene built at ``aspect``."""
    w, h = aspect
    frame = {"frame_height": 8.0 if w >= h else 8.0 * h / w, "frame_width": 8.0 * w / h if w >= h else 8.0}
    with tempconfig(frame):
        report = layout_checks.check(shots, config, float(scene.camera.frame_center[0]))
    return report.problems if shots else ["no caption was ever shown"]
