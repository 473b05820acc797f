"""The article page and Markdown, made from an output folder's files: sections in chapter order, the captions as
prose, and a sentence that tries to be markup staying text in the page, its title and the Markdown."""

from __future__ import annotations

import json
import re
from pathlib import Path

from pipeline.article import article_markdown, article_page, md_escape

EVIL = '</script><img src=x onerror=alert(1)> "><svg onload=alert(2)> *bold* [link](http://x)'


def _folder(tmp_path: Path) -> Path:
    """A folder as `render` leaves it, for two chapters (the files' contents do not matter here)."""
    chapters = {}
    for number, cid in ((3, "self-attention-idea"), (1, "intuition")):
        files = [{"format": f, "path": f"{cid}.{ext}"} for f, ext in (("mp4", "mp4"), ("gif", "gif"), ("vtt", "vtt"))]
        files.append({"format": "poster", "path": f"{cid}.poster.png", "width": 854})
        chapters[cid] = {"chapter": cid, "number": number, "sentence": EVIL, "lang": "en", "files": files}
        srt = f"1\n00:00:00,000 --> 00:00:02,000\n{cid}: {EVIL}\n\n2\n00:00:02,000 --> 00:00:03,000\nsecond line\n"
        (tmp_path / f"{cid}.srt").write_text(srt, encoding="utf-8")
    ordered = dict(sorted(chapters.items(), key=lambda kv: kv[1]["number"]))
    (tmp_path / "manifest.json").write_text(json.dumps({"chapters": ordered}), encoding="utf-8")
    return tmp_path


SUMMARIES = {"intuition": "The intuition", "self-attention-idea": "Every word sees every word"}


def test_the_page_has_every_section_in_order_with_its_video_and_captions(tmp_path):
    html = article_page(_folder(tmp_path), SUMMARIES, "en")
    assert html.index('id="intuition"') < html.index('id="self-attention-idea"')
    assert '<video controls loop muted playsinline poster="intuition.poster.png"' in html
    assert '<track kind="subtitles" src="intuition.vtt" srclang="en"' in html
    assert html.count("<p>second line</p>") == 2
    assert '<li value="1"><a href="#intuition">The intuition</a>' in html  # numbered as the chapters are
    assert '<li value="3"><a href="#self-attention-idea">' in html


def test_a_sentence_is_text_in_the_page(tmp_path):
    html = article_page(_folder(tmp_path), SUMMARIES, "en")
    for raw in ("<img", "<svg", "</script><"):
        assert raw not in html
    assert "&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;" in html


def test_the_markdown_holds_no_markup_and_says_the_captions(tmp_path):
    md = article_markdown(_folder(tmp_path), SUMMARIES, "en")
    assert "![intuition](<intuition.gif>)" in md and md.index("## 1\\.") < md.index("## 3\\.")
    outside_images = re.sub(r"\]\(<[^>]*>\)", "", md)
    assert not re.search(r"(?<!\\)<", outside_images)  # every < escaped: no tag, no autolink
    assert not re.search(r"(?<!\\)>", re.sub(r"(?m)^> ", "", outside_images))  # > only as the quote marker
    assert md_escape(f"intuition: {EVIL}") in md and "second line" in md


def test_md_escape_keeps_the_words_and_escapes_every_punctuation_mark():
    escaped = md_escape(EVIL)
    assert re.sub(r"\\(.)", r"\1", escaped) == " ".join(EVIL.split())
    assert not re.search(r"(?<!\\)[<>*\[\]()]", escaped)
