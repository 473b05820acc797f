"""The layout check (tests/layout_checks.py) at every caption change of every chapter, in 16:9 and 9:16, without
encoding video, with 2 words, 32 (the longest sentence a chapter accepts) and, for a chapter that shows a window of
at most N words, N (the most it shows without a window: 16 for chapters 1, 3, 7 and 9, 8 for the worked example, 6
for multi-head): 48 builds, spread over the suite's processes. English sentences; Chinese at 9:16 from 6 words on.
Other middle lengths are ``tests/scenes/test_claims_stated.py``'s builds, which run the same check (14 English
words at 16:9, 20 Chinese at 9:16).
"""

from __future__ import annotations

import pytest
from manim import config, tempconfig

from scenes import CHAPTERS
from tests import layout_checks
from tests.chapters import oracle
from tests.scene_probe import build_chapter

WORDS = "The animal did not cross the wide street because it was far too tired and the old man said so again".split()
ZH = (
    "那只 小猫 在 花园 里 追 蝴蝶 然后 它 突然 停下 了 脚步 因为 它 太 累 了 "
    "天空 里 的 鸟 飞过 树林 和 河流 回到 家 里 睡觉 了 很 久"
).split()
ASPECTS = ((9, 16), (16, 9))


def lengths(chapter: str) -> tuple[int, ...]:
    """2 words, the most the chapter shows without a window (when it has one), 32."""
    cap = oracle(chapter).TRAITS.window_cap
    return (2, cap, 32) if cap else (2, 32)


def sentence(n: int, lang: str) -> str:
    words = (ZH if lang == "zh" else WORDS * 2)[:n]
    return ("" if lang == "zh" else " ").join(words)


CASES = [(c, a, n) for c in CHAPTERS for a in ASPECTS for n in lengths(c)]


def _id(case) -> str:
    c, (w, h), n = case
    return f"{c}-{w}x{h}-{n}"


def _check_case(case, tmp_path) -> None:
    chapter, aspect, n = case
    lang = "zh" if n > 2 and aspect == (9, 16) else "en"
    shots: list = []
    _, scene, _ = build_chapter(chapter, sentence(n, lang), lang, tmp_path, aspect, draw=False, shots=shots)
    problems = check_shots(scene, shots, aspect)
    assert not problems, f"{len(problems)} layout problems, e.g.:\n" + "\n".join(problems[:6])


def _chapter_class(chapter: str) -> type:
    """One test class per chapter: the suite's processes take whole classes (``--dist loadscope``), so the 48
    builds spread over both."""
    cases = [c for c in CASES if c[0] == chapter]

    @pytest.mark.parametrize("case", cases, ids=[_id(c) for c in cases])
    def test_layout(self, case, tmp_path):
        _check_case(case, tmp_path)

    name = "TestLayout" + "".join(part.title() for part in chapter.split("-"))
    return type(name, (), {"test_layout": test_layout, "__doc__": f"The layout check for {chapter}."})


for _chapter in CHAPTERS:
    _cls = _chapter_class(_chapter)
    globals()[_cls.__name__] = _cls


def check_shots(scene, shots: list, aspect: tuple[int, int]) -> list[str]:
    """The layout check's problems for the snapshots of a scene built at ``aspect``."""
    w, h = aspect
    frame = {"frame_height": 8.0 if w >= h else 8.0 * h / w, "frame_width": 8.0 * w / h if w >= h else 8.0}
    with tempconfig(frame):
        report = layout_checks.check(shots, config, float(scene.camera.frame_center[0]))
    return report.problems if shots else ["no caption was ever shown"]
