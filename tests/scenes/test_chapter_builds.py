"""Every chapter built (no frames drawn, no video) for sentences of every size, in 16:9 and 9:16, and checked at
once for what a build shows: the layout at every caption change (tests/layout_checks.py), each claim of the data
stated on screen, a window announced first, captions that read well.

The sizes: 2 words, 32 (the longest sentence a chapter accepts), and the most a chapter shows without a window
where it shows one (16 for chapters 1, 3, 7 and 9, 8 for the worked example, 6 for multi-head), else 16. English
sentences, Chinese at 9:16 from 6 words on: 54 builds, each chapter's in one class (the suite's processes take
whole classes, ``--dist loadscope``, so the builds spread over both and each is made once).

The claims themselves are checked against the numbers by each chapter's oracle (tests/chapters/<folder>/oracle.py,
run by tests/chapters/test_claims_hold.py); here the scenes show that they state exactly those claims.
"""

from __future__ import annotations

import re

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
BAD_ENGLISH = [
    re.compile(r"\b1 (steps|words|tokens|cells)\b"),  # "1 steps"
    re.compile(r"\ba (8|11|18|8\d)×"),  # "a 8×8"
    re.compile(r"\ban ([2-79]|1[02-79]|[2-79]\d)×"),  # "an 4×4"
    re.compile(r"[{}]"),  # a template field left unfilled
]


def lengths(chapter: str) -> tuple[int, ...]:
    """2 words, the most the chapter shows without a window (16 when it always shows the whole sentence), 32."""
    return (2, oracle(chapter).TRAITS.window_cap or 16, 32)


def sentence(n: int, lang: str) -> str:
    words = (ZH if lang == "zh" else WORDS * 2)[:n]
    return ("" if lang == "zh" else " ").join(words)


def language(aspect: tuple[int, int], n: int) -> str:
    return "zh" if n > 2 and aspect == (9, 16) else "en"


CASES = [(c, a, n) for c in CHAPTERS for a in ASPECTS for n in lengths(c)]


def _id(case) -> str:
    c, (w, h), n = case
    return f"{c}-{w}x{h}-{n}-{language((w, h), n)}"


def _build(case, tmp_path_factory):
    chapter, aspect, n = case
    lang = language(aspect, n)
    shots: list = []
    data, scene, shown = build_chapter(
        chapter, sentence(n, lang), lang, tmp_path_factory.mktemp("b"), aspect, False, shots
    )
    scene.layout_shots, scene.layout_aspect = shots, aspect
    return data, scene, shown


def layout_problems(scene, shots: list, aspect: tuple[int, int]) -> list[str]:
    """The layout check's problems for the snapshots of a scene built at ``aspect``."""
    w, h = aspect
    frame = {"frame_height": 8.0 if w >= h else 8.0 * h / w, "frame_width": 8.0 * w / h if w >= h else 8.0}
    with tempconfig(frame):
        report = layout_checks.check(shots, config, float(scene.camera.frame_center[0]))
    return report.problems if shots else ["no caption was ever shown"]


def check_the_layout_holds(built):
    """The layout check at every caption change: nothing overlaps, leaves the frame or is set too small."""
    _, scene, _ = built
    problems = layout_problems(scene, scene.layout_shots, scene.layout_aspect)
    assert not problems, f"{len(problems)} layout problems, e.g.:\n" + "\n".join(problems[:6])


def check_every_claim_of_the_data_is_stated(built):
    """The video states exactly the claims the data makes (in its caption language), and only the data's."""
    data, scene, _ = built
    stated = {c.topic for c in scene.stated}
    other = "en" if scene.lang == "zh" else "zh"  # the library is told in the caption language only
    expected = {c.topic for c in data.claims if not c.topic.endswith(f":{other}")}
    assert stated == expected, "claims the data makes but the video never states, or back"
    assert all(any(c is s for s in data.claims) for c in scene.stated), "a stated claim that is not the data's"


def check_a_window_is_announced_first(built):
    """A chapter showing part of the sentence says so first, with the sentence's length and the last word shown."""
    data, scene, _ = built
    if data.window.partial:
        assert scene.stated[0].topic == "window"
        values = data.claim("window").values
        assert str(values["total"]) in scene.caption.log[0][1] and str(values["last"]) in scene.caption.log[0][1]


def check_captions_read_well(built):
    """No "1 steps", "a 8×8", "an 4×4" or unfilled template field."""
    _, scene, _ = built
    for _, text in scene.caption.log:
        if scene.lang == "en":
            for pattern in BAD_ENGLISH:
                assert not pattern.search(text), (pattern.pattern, text)
        else:
            assert not re.search(r"[{}]", text), text


def _as_test(check):
    """A test method running ``check`` on the class's build, under the check's name and docstring."""

    def test(self, built):
        check(built)

    test.__name__ = check.__name__.replace("check_", "test_", 1)
    test.__doc__ = check.__doc__
    return test


def _chapter_class(chapter: str) -> type:
    """One test class per chapter, each of its builds made once (class scope) and given to every check."""
    cases = [c for c in CASES if c[0] == chapter]

    @pytest.fixture(scope="class", params=cases, ids=[_id(c) for c in cases])
    @classmethod
    def built(cls, request, tmp_path_factory):
        return _build(request.param, tmp_path_factory)

    members = {"built": built, "__doc__": f"{chapter}'s builds: layout, claims stated, captions."}
    for name, check in list(globals().items()):
        if name.startswith("check_"):
            members[name.replace("check_", "test_", 1)] = _as_test(check)
    return type("TestBuilt" + "".join(part.title() for part in chapter.split("-")), (), members)


for _chapter in CHAPTERS:
    _cls = _chapter_class(_chapter)
    globals()[_cls.__name__] = _cls
