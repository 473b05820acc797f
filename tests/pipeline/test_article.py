"""The article page and Markdown, made from an output folder's files: sections in chapter order, the captions as
prose, and a sentence that tries to be markup staying text in the page, its title and the Markdown."""

from __future__ import annotations

import json
import re
from pathlib import Path

from markdown_it import MarkdownIt

from pipeline.article import article_markdown, article_page, md_escape
from scenes import get_chapter

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
        (tmp_path / f"{cid}.gif").write_bytes(b"GIF89a")
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


def _with_traces(folder: Path) -> Path:
    """The folder with two more chapters whose traces hold the hostile text: the worked example of a hostile
    sentence (its words are its pieces: "<", "script", ...) and an attention matrix whose first word is the whole
    hostile string."""
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    hostile = '</script><img src=x onerror=alert(1)> "><svg onload=1>'
    data = get_chapter("worked-example").data(hostile, None, None, None)
    traces = {
        "worked-example": {"chapter": "worked-example", **data.to_dict()},
        "attention-matrix": {
            "chapter": "attention-matrix",
            "attention": {"tokens": [EVIL, "b"], "weights": [[0.5, 0.25], [0.125, 0.75]], "special": [0.25, 0.125]},
            "claims": [],
        },
    }
    for number, (cid, trace) in zip((6, 7), traces.items(), strict=True):
        (folder / f"{cid}.trace.json").write_text(json.dumps(trace), encoding="utf-8")
        files = [{"format": "trace", "path": f"{cid}.trace.json"}, {"format": "gif", "path": f"{cid}.gif"}]
        (folder / f"{cid}.gif").write_bytes(b"GIF89a")
        manifest["chapters"][cid] = {"chapter": cid, "number": number, "sentence": EVIL, "lang": "en", "files": files}
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return folder


def test_a_sentence_is_text_in_the_tables_and_the_json_embedded_in_the_page(tmp_path):
    html = article_page(_with_traces(_folder(tmp_path)), SUMMARIES, "en")
    for raw in ("<img", "<svg", "</script><"):
        assert raw not in html
    assert '<th scope="row" lang="en">&lt;</th>' in html  # a word of the worked example's tables
    block = re.search(r'<script type="application/json" id="heat-attention-matrix">(.*?)</script>', html, re.S)
    assert json.loads(block.group(1))["words"] == [EVIL, "b"]  # the JSON holds the text, escaped for the page
    assert json.loads(block.group(1))["heads"][0]["w"] == [[50, 25], [12, 75]]  # 0.125 is written 0.12


def test_the_markdown_parses_as_commonmark_with_tables_and_every_image_resolves(tmp_path):
    folder = _with_traces(_folder(tmp_path))
    parser = MarkdownIt("commonmark").enable("table")
    md = article_markdown(folder, SUMMARIES, "en")
    tokens = parser.parse(md)
    inline = [child for t in tokens for child in (t.children or [])]
    assert not [t for t in tokens + inline if t.type in ("html_block", "html_inline")]
    images = [t.attrs["src"] for t in inline if t.type == "image"]
    assert len(images) == 4 and all((folder / src).is_file() for src in images), images
    assert sum(t.type == "table_open" for t in tokens) == 11  # X, the three W, Q, K, V, QKᵀ, scaled, softmax, output
    html = parser.render(md)
    assert "<td>&lt;</td>" in html and "<td>script</td>" in html and "<th>W_Q</th>" in html  # words, as text
