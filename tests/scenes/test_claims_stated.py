"""Every chapter, for a user's own sentences: each claim of the data is stated on screen; the captions read well.

The claims themselves are checked against the numbers by each chapter's oracle (tests/chapters/<folder>/oracle.py,
run by tests/chapters/test_claims_hold.py); here the scenes are built (no frames drawn) to see that they state
exactly those claims, in both languages.
"""

from __future__ import annotations

import re

import pytest

from scenes import CHAPTERS
from tests.scene_probe import build_chapter

SENTENCES = {  # the Chinese one at 9:16: the same builds feed the layout check (tests/scenes/test_layout.py)
    "en-14": ("The dog saw the cat and then it ran away because it was tired", "en", (16, 9)),
    "zh-20": ("那只在花园里追逐蝴蝶的小猫突然停下了脚步，然后它看着天空里飞过的鸟很久", "zh", (9, 16)),
}
BAD_ENGLISH = [
    re.compile(r"\b1 (steps|words|tokens|cells)\b"),  # "1 steps"
    re.compile(r"\ba (8|11|18|8\d)×"),  # "a 8×8"
    re.compile(r"\ban ([2-79]|1[02-79]|[2-79]\d)×"),  # "an 4×4"
    re.compile(r"[{}]"),  # a template field left unfilled
]


def _build(chapter: str, key: str, tmp_path_factory):
    sentence, lang, aspect = SENTENCES[key]
    shots: list = []
    data, scene, shown = build_chapter(chapter, sentence, lang, tmp_path_factory.mktemp("c"), aspect, False, shots)
    scene.layout_shots, scene.layout_aspect = shots, aspect
    return data, scene, shown


def check_every_claim_of_the_data_is_stated(built):
    data, scene, _ = built
    stated = {c.topic for c in scene.stated}
    other = "en" if scene.lang == "zh" else "zh"  # the library is told in the caption language only
    expected = {c.topic for c in data.claims if not c.topic.endswith(f":{other}")}
    assert stated == expected, "claims the data makes but the video never states, or back"
    assert all(any(c is s for s in data.claims) for c in scene.stated), "a stated claim that is not the data's"


def check_a_window_is_announced_first(built):
    data, scene, _ = built
    if data.window.partial:
        assert scene.stated[0].topic == "window"
        values = data.claim("window").values
        assert str(values["total"]) in scene.caption.log[0][1] and str(values["last"]) in scene.caption.log[0][1]


def check_captions_read_well(built):
    _, scene, _ = built
    for _, text in scene.caption.log:
        if scene.lang == "en":
            for pattern in BAD_ENGLISH:
                assert not pattern.search(text), (pattern.pattern, text)
        else:
            assert not re.search(r"[{}]", text), text


def check_the_layout_holds(built):
    """The layout check at every caption change of these builds."""
    from tests.scenes.test_layout import check_shots

    _, scene, _ = built
    problems = check_shots(scene, scene.layout_shots, scene.layout_aspect)
    assert not problems, f"{len(problems)} layout problems, e.g.:\n" + "\n".join(problems[:6])


def _as_test(check):
    """A test method running ``check`` on the class's build, under the check's name and docstring."""

    def test(self, built):
        check(built)

    test.__name__ = check.__name__.replace("check_", "test_", 1)
    test.__doc__ = check.__doc__
    return test


def _chapter_class(chapter: str) -> type:
    """One test class per chapter, its two builds made once (class scope): the suite's processes take whole classes
    (``--dist loadscope``), so the 18 builds spread over both instead of queueing on one."""

    @pytest.fixture(scope="class", params=list(SENTENCES), ids=lambda key: f"{chapter}-{key}")
    @classmethod
    def built(cls, request, tmp_path_factory):
        return _build(chapter, request.param, tmp_path_factory)

    checks = {name: obj for name, obj in globals().items() if name.startswith("check_")}
    members = {"built": built, "__doc__": f"The claims and captions of {chapter}'s builds."}
    for name, check in checks.items():
        members[name.replace("check_", "test_", 1)] = _as_test(check)
    return type("TestClaimsStated" + "".join(part.title() for part in chapter.split("-")), (), members)


for _chapter in CHAPTERS:
    _cls = _chapter_class(_chapter)
    globals()[_cls.__name__] = _cls
