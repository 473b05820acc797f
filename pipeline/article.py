"""The article for a sentence: every rendered chapter of an output folder as one web page (``index.html``) and as
Markdown (``article.md``), made from the same files a ``render`` writes there.

A section's prose is its chapter's captions in the page's language, in the order the video says them (read from the
chapter's SRT, or from its second track when the video speaks the other language): every sentence that states a
fact was made from a claim of the data, so the page says what the video says and nothing typed by hand. The
worked example's tables and the heatmaps come from the traces beside the videos (:mod:`pipeline.article_data`).
The page is a Jinja2 template on the pages' one shell (autoescaped; its script is ``templates/article.js``); the
Markdown holds no raw HTML: every character of ASCII punctuation in prose, titles and table cells is
backslash-escaped, so a sentence can never become markup in an editor.
"""

from __future__ import annotations

import re
import string
from pathlib import Path

from attention_core import detect_language
from pipeline.article_data import HEATMAP_CHAPTERS, dot_products, heatmap, read_trace, source_line, worked_tables
from pipeline.article_prose import lead
from pipeline.embed import chapter_media, page
from pipeline.files import atomic_path
from pipeline.manifest import read_manifest

__all__ = ["TITLES", "WORDS", "write_article", "article_markdown", "article_page", "article_sections", "md_escape"]

TITLES = {"zh": "自注意力，一步一步", "en": "Self-attention, step by step"}
WORDS = {  # the page's own labels
    "zh": {
        "contents": "目录",
        "sentence": "例句：",
        "products": "逐项写出的点积",
        "heatmap": "注意力热力图：把鼠标移到（或点一下）一行，看这个词的注意力分给了谁",
        "gallery": "全部注意力头：点一个头，上面就显示它",
        "special": "特殊符号",
        "outside": "窗口外的词",
        "made": "这些数字是怎么来的",
        "traces": "每一章的全部数字（trace.json）",
        "rounding": "表格和热力图里的数字与视频一样四舍五入；完整精度在 trace.json 里。",
        "head": "第 {layer} 层 · 第 {head} 个头",
        "chapter": "第 {n} 章",
    },
    "en": {
        "contents": "Contents",
        "sentence": "Example sentence: ",
        "products": "The dot products, written out",
        "heatmap": "Attention heatmap: hover over (or tap) a row to see where that word's attention went",
        "gallery": "Every head: click one to show it above",
        "special": "special tokens",
        "outside": "words outside the window",
        "made": "How these numbers were made",
        "traces": "Every number of each chapter (trace.json)",
        "rounding": "Tables and heatmaps round as the videos do; trace.json holds full precision.",
        "head": "layer {layer} · head {head}",
        "chapter": "Chapter {n}",
    },
}

_CUE = re.compile(r"^\d+\n[\d:,]+ --> [\d:,]+\n", re.M)
_PUNCT = re.compile("([" + re.escape(string.punctuation) + "])")


def md_escape(text: str) -> str:
    r"""``text`` as literal Markdown: each ASCII punctuation character backslash-escaped (CommonMark), newlines
    as spaces.

    >>> print(md_escape("<b>*x*</b> [a](b)"))
    \<b\>\*x\*\<\/b\> \[a\]\(b\)
    """
    return _PUNCT.sub(r"\\\1", " ".join(text.split()))


def _captions(srt: Path) -> list[str]:
    """The caption texts of an SRT file, in order."""
    blocks = _CUE.split(srt.read_text(encoding="utf-8"))
    return [" ".join(b.split()) for b in blocks if b.strip()]


def _prose(out_dir: Path, chapter_id: str, lang: str, video_lang: str) -> list[str]:
    """The chapter's captions in ``lang``: its subtitles in the video's language, or the track in ``lang``."""
    srt = out_dir / (f"{chapter_id}.srt" if lang == video_lang else f"{chapter_id}.{lang}.srt")
    return _captions(srt) if srt.exists() else []


def article_sections(out_dir: Path, summaries: dict[str, str], lang: str, base: Path | None = None) -> list[dict]:
    """One section per chapter rendered in ``out_dir`` (in chapter order): its id, number, ``summary`` (from
    ``summaries``), media paths relative to ``base`` (:func:`pipeline.embed.chapter_media`), its ``lead`` (the
    article's teaching line, :mod:`pipeline.article_prose`) and its captions in ``lang`` as prose, and what the page
    adds from its trace (read once): the worked example's ``tables`` and ``products``, the ``heatmap`` of
    attention-matrix and real-model, and the ``source`` of its word attention."""
    from scenes import get_chapter

    entries = read_manifest(out_dir)["chapters"]
    sections = []
    for media in chapter_media(out_dir, base):
        cid = media["chapter"]
        spec, trace = get_chapter(cid), read_trace(out_dir, cid)
        section = {**media, "number": entries[cid].get("number", 0), "summary": summaries.get(cid, cid)}
        section["captions"] = _prose(out_dir, cid, lang, media["lang"])
        tokens = entries[cid].get("tokens") or []
        section["words_lang"] = detect_language(" ".join(tokens)) if tokens else lang  # the language of its words
        section["tables"], section["products"], section["heatmap"] = [], [], None
        section["source"] = source_line(trace, lang) if trace is not None else None
        section["lead"] = lead(trace, lang) if trace is not None else None  # the article's teaching line
        if trace is not None and cid == "worked-example":
            section["tables"] = worked_tables(trace, spec.in_decimals, spec.decimals)
            section["products"] = dot_products(trace)
        if trace is not None and cid in HEATMAP_CHAPTERS:
            section["heatmap"] = heatmap(trace, spec.decimals).to_dict()
        sections.append(section)
    return sections


def _sentence(out_dir: Path) -> str | None:
    entries = read_manifest(out_dir)["chapters"].values()
    return next((e.get("sentence") for e in entries if e.get("sentence")), None)


def _made(sections: list[dict]) -> dict:
    """The "how these numbers were made" box: each chapter's source of word attention and the rule that chose
    its view (as its video says them), and the trace files."""
    return {
        "sources": [(s["chapter"], s["number"], s["source"]) for s in sections if s["source"]],
        "traces": [s["trace"] for s in sections if s["trace"]],
    }


def article_page(out_dir: Path, summaries: dict[str, str], lang: str) -> str:
    """``index.html`` of the article in ``out_dir``: a table of contents, then each chapter's section (its summary,
    video with poster and subtitles, its captions as prose, tables and heatmaps), then how the numbers were made."""
    return _page(article_sections(out_dir, summaries, lang), _sentence(out_dir), lang)


def _page(sections: list[dict], sentence: str | None, lang: str) -> str:
    return page(
        "article.html",
        TITLES[lang],
        lang=lang,
        width=900,
        sections=sections,
        sentence=sentence,
        sentence_lang=detect_language(sentence) if sentence else lang,
        made=_made(sections),
        words=WORDS[lang],
    )


def _md_table(table) -> list[str]:
    """A Markdown table (the corner cell holds the matrix's name)."""
    head = [md_escape(table.name), *map(md_escape, table.columns)]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for label, row in zip(table.rows, table.cells, strict=True):
        lines.append("| " + " | ".join([md_escape(label), *map(md_escape, row)]) + " |")
    return [*lines, ""]


def article_markdown(out_dir: Path, summaries: dict[str, str], lang: str) -> str:
    """``article.md``: the same sections as Markdown (a GIF, else the poster, as the image; the worked example's
    tables as Markdown tables), no raw HTML."""
    return _markdown(article_sections(out_dir, summaries, lang), _sentence(out_dir), lang)


def _markdown(sections: list[dict], sentence: str | None, lang: str) -> str:
    lines = [f"# {md_escape(TITLES[lang])}", ""]
    if sentence:
        lines += [f"> {md_escape(sentence)}", ""]
    for s in sections:
        lines += [f"## {s['number']}\\. {md_escape(s['summary'])}", ""]
        image = s["gif"] or s["poster"]
        if image:
            lines += [f"![{md_escape(s['chapter'])}](<{image}>)", ""]
        lines += [md_escape(s["lead"]) + "\n"] if s["lead"] else []
        lines += [md_escape(c) + "\n" for c in s["captions"]]
        for table in s["tables"]:
            lines += _md_table(table)
        lines += [f"- {md_escape(entry)} \\= {md_escape(expression)}" for entry, expression in s["products"]]
        lines += [""] if s["products"] else []
    return "\n".join(lines).rstrip() + "\n"


def write_article(out_dir: Path, lang: str) -> tuple[Path, Path]:
    """Write ``index.html`` and ``article.md`` of the chapters rendered in ``out_dir``, each file renamed into place
    when complete; returns their paths."""
    from scenes import get_chapter

    summaries = {cid: get_chapter(cid).summary(lang) for cid in read_manifest(out_dir)["chapters"]}
    sections, sentence = article_sections(out_dir, summaries, lang), _sentence(out_dir)  # each trace read once
    written = []
    for name, text in (
        ("index.html", _page(sections, sentence, lang)),
        ("article.md", _markdown(sections, sentence, lang)),
    ):
        with atomic_path(out_dir / name) as tmp:
            tmp.write_text(text, encoding="utf-8")
        written.append(out_dir / name)
    return written[0], written[1]
